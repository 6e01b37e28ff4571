/**
 * `--format sarif`: SARIF 2.1.0 for code scanning. Rules carry their description, the docs page
 * as help text and a link to it; results carry file, line, the Terraform address as a logical
 * location, a stable fingerprint, and `suppressions` with the reason when a config accepted them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SarifResultBuilder, SarifRuleBuilder } from 'node-sarif-builder';
import type { Result } from 'sarif';
import type { SuppressedFinding } from '../config/types';
import type { Finding, Severity } from '../model/types';
import type { RuleMeta } from '../rules/rule';
import { canonicalPath } from '../model/report-path';
import { repositoryPath } from './repository-path';
import { docsFile, docsUrl, TOOL_NAME } from './tool';
import type { ReportInput } from './types';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub ranks security alerts by this property (0-10). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

function readDocs(ruleId: string): string | null {
  try {
    return readFileSync(docsFile(ruleId), 'utf8');
  } catch {
    return null;
  }
}

type SarifBuilders = typeof import('node-sarif-builder');

let builders: SarifBuilders | undefined;

/** node-sarif-builder, loaded on the first SARIF report: it costs ~50 ms at start-up, and most runs print text or JSON. */
function sarifBuilders(): SarifBuilders {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; import() would make formatSarif async
  builders ??= require('node-sarif-builder') as SarifBuilders;
  return builders;
}

function ruleBuilder(meta: RuleMeta, env: NodeJS.ProcessEnv): SarifRuleBuilder {
  const { SarifRuleBuilder } = sarifBuilders();
  const docs = readDocs(meta.id);
  const helpUri = docsUrl(meta.id, env);
  return new SarifRuleBuilder({
    id: meta.id,
    name: meta.id,
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.description },
    help: docs === null ? { text: `${meta.description}. See ${helpUri}` } : { text: docs, markdown: docs },
    helpUri,
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: { tags: ['security', 'iam'], 'security-severity': SECURITY_SEVERITY[meta.defaultSeverity] },
  });
}

/** Identity of a finding that survives unrelated edits moving it to another line. */
function fingerprint(f: Finding): string {
  return createHash('sha256').update([f.ruleId, path.isAbsolute(f.file) ? f.file : canonicalPath(f.file), f.resource ?? '', String(f.statement ?? ''), f.message].join('\u0000')).digest('hex');
}

/** Relative paths stay relative (code scanning resolves them against the repository); absolute ones become file: URIs. */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  // Each segment on its own: encodeURI keeps `#` and `?` (read as fragment and query) and a `:` in
  // the first segment (read as a scheme), so `a#1.json` or `c:x.json` would name another file.
  return canonicalPath(file)
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** `file`: the finding's file as code scanning should see it (relative to the repository in GitHub Actions). */
function resultBuilder(f: Finding | SuppressedFinding, file: string): SarifResultBuilder {
  const { SarifResultBuilder } = sarifBuilders();
  const builder = new SarifResultBuilder().initSimple({
    level: LEVEL[f.severity],
    messageText: f.message,
    ruleId: f.ruleId,
    fileUri: artifactUri(file),
    // Code scanning wants a region; a finding without a known line points at the file's start.
    // SARIF lines start at 1: a reader's slip (0) must not cost the whole report.
    startLine: f.line !== null && f.line >= 1 ? f.line : 1,
  });
  const result = builder.result;
  if (f.resource !== null) {
    result.locations![0]!.logicalLocations = [{ fullyQualifiedName: f.resource, kind: 'resource' }];
  }
  result.partialFingerprints = { 'iamPolicyLint/v1': fingerprint({ ...f, file }) };
  result.properties = { statement: f.statement, severity: f.severity };
  if ('reason' in f) result.suppressions = [{ kind: 'external', justification: f.reason }];
  return builder;
}

export function formatSarif(input: ReportInput, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const inRepository = (file: string) => repositoryPath(file, env, cwd);
  const { SarifBuilder, SarifRunBuilder } = sarifBuilders();
  const run = new SarifRunBuilder().initSimple({ toolDriverName: TOOL_NAME, toolDriverVersion: input.toolVersion });
  run.run.tool.driver.semanticVersion = input.toolVersion;
  run.run.properties = { catalogDataVersion: input.catalogDataVersion ?? 'not loaded (no enabled rule needed the AWS catalog)', summary: { ...input.summary } };
  for (const meta of input.rules) run.addRule(ruleBuilder(meta, env));
  for (const f of input.findings) run.addResult(resultBuilder(f, inRepository(f.file)));
  for (const f of input.suppressed) run.addResult(resultBuilder(f, inRepository(f.file)));
  const unreadable = input.inputErrors ?? [];
  // Files that could not be read are the tool's failures, not results about the code.
  run.run.invocations = [
    {
      executionSuccessful: unreadable.length === 0,
      toolExecutionNotifications: unreadable.map((e) => ({
        level: 'error' as const,
        message: { text: e.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(inRepository(e.file)) },
              ...(e.line === null ? {} : { region: { startLine: e.line, ...(e.column === null ? {} : { startColumn: e.column }) } }),
            },
          },
        ],
      })),
    },
  ];
  const builder = new SarifBuilder();
  builder.addRun(run);
  return `${builder.buildSarifJsonString({ indent: true })}\n`;
}
