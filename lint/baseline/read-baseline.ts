/**
 * Read `--baseline FILE`: a JSON report from an earlier run (`--format json`). Only the fields the
 * fingerprint uses are required; anything wrong is a usage error naming the file and the place,
 * because silently treating a bad baseline as empty would report every finding as new.
 */
import { readFileSync } from 'node:fs';
import { parseJsonText, stripBom } from '../sources/json-text';
import type { IdentifiedFinding } from './finding-identity';

const WRITE_ONE = 'iam-policy-lint --format json --fail-on never --output FILE PATH...';

/** The part of a reported finding a baseline needs. */
export type BaselineFinding = IdentifiedFinding;

export class BaselineError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`--baseline ${file}: ${problem}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkFinding(value: unknown, index: number, file: string): BaselineFinding {
  const where = `findings[${index}]`;
  if (!isRecord(value)) throw new BaselineError(file, `${where} is not an object`);
  for (const field of ['ruleId', 'file', 'message'] as const) {
    if (typeof value[field] !== 'string') throw new BaselineError(file, `${where}.${field} must be a string`);
  }
  const { resource, statement } = value;
  if (resource !== null && resource !== undefined && typeof resource !== 'string') {
    throw new BaselineError(file, `${where}.resource must be a string or null`);
  }
  if (statement !== null && statement !== undefined && typeof statement !== 'string' && typeof statement !== 'number') {
    throw new BaselineError(file, `${where}.statement must be a string, a number or null`);
  }
  return {
    ruleId: value.ruleId as string,
    file: value.file as string,
    message: value.message as string,
    resource: (resource as string | null | undefined) ?? null,
    statement: (statement as string | number | null | undefined) ?? null,
  };
}

/** Findings of a JSON report given as text; `file` names it in errors. */
export function parseBaseline(text: string, file: string): BaselineFinding[] {
  if (stripBom(text).trim() === '') throw new BaselineError(file, `is empty; write a baseline with ${WRITE_ONE}`);
  // The same JSON parser as every input: one place that turns a syntax error into line and column.
  const parsed = parseJsonText(stripBom(text));
  if (!parsed.ok) {
    throw new BaselineError(file, `not valid JSON at line ${parsed.line}, column ${parsed.column} (${parsed.message.replace(/^malformed JSON: /, '')})`);
  }
  const value = parsed.value;
  if (isRecord(value) && Array.isArray(value.runs) && !Array.isArray(value.findings)) {
    throw new BaselineError(file, 'is a SARIF log; --baseline takes a JSON report: write one with --format json (a run can write only one format, so make the baseline in a run of its own)');
  }
  if (!isRecord(value) || !Array.isArray(value.findings)) {
    throw new BaselineError(file, 'not a JSON report: expected an object with a "findings" list (write one with --format json)');
  }
  return value.findings.map((finding, index) => checkFinding(finding, index, file));
}

export function readBaseline(file: string): BaselineFinding[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `no such file; write one first with ${WRITE_ONE}` : code === 'EISDIR' ? 'is a folder; give the JSON report file' : `cannot be read (${code ?? (error as Error).message})`;
    throw new BaselineError(file, why);
  }
  return parseBaseline(text, file);
}
