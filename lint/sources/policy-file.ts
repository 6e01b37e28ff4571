/**
 * Policy JSON files: one document (`{"Version", "Statement"}`), or several in one file, as an
 * array of documents or an object of name -> document.
 */
import { POLICY_VERSIONS, looksLikePolicyDocument, parsePolicyDocument } from '../model/parse-document';
import { emptyInventory, type PolicyDocument, type PolicyRecord } from '../model/types';
import { isRecord, type JsonFormat, type ParsedJsonFile, type ReaderOutput } from './reader';
import { policyLayout } from './policy-layout';
import { pointer, valueLines } from './value-lines';

/** A document even when broken: it has a Statement, or a policy Version and nothing else of note. */
function isDocument(value: unknown): boolean {
  if (looksLikePolicyDocument(value)) return true;
  return isRecord(value) && typeof value.Version === 'string' && (POLICY_VERSIONS as readonly string[]).includes(value.Version);
}

/** The documents of a file with the JSON pointer of each; null when this is not a policy file. */
function documentsOf(value: unknown): { name: string | null; at: (string | number)[]; value: unknown }[] | null {
  if (isDocument(value)) return [{ name: null, at: [], value }];
  if (Array.isArray(value) && value.length > 0 && value.every(isDocument)) {
    return value.map((doc, i) => ({ name: null, at: [i], value: doc }));
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length > 0 && entries.every(([, doc]) => isDocument(doc))) {
      return entries.map(([name, doc]) => ({ name, at: [name], value: doc }));
    }
  }
  return null;
}

/** Actions a role trust policy grants: who may assume the role, and what they may set while doing so. */
const TRUST_ACTION = /^sts:(AssumeRole\w*|TagSession|SetSourceIdentity|SetContext)$/i;

/**
 * A role trust policy on its own (the `--assume-role-policy-document file://trust.json` of the CLI):
 * every statement names a Principal and grants only sts:AssumeRole*-style actions. It has no
 * Resource by design, and is judged as a trust policy, not as an identity policy.
 */
export function isTrustDocument(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const statements = Array.isArray(value.Statement) ? (value.Statement as unknown[]) : [value.Statement];
  return (
    statements.length > 0 &&
    statements.every((s) => {
      if (!isRecord(s) || !('Principal' in s || 'NotPrincipal' in s) || 'Resource' in s || 'NotResource' in s) return false;
      const actions: unknown[] = Array.isArray(s.Action) ? s.Action : [s.Action];
      return actions.length > 0 && actions.every((a) => typeof a === 'string' && TRUST_ACTION.test(a));
    })
  );
}

function baseName(file: string): string {
  const last = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return /\.json$/i.test(last) ? last.slice(0, -5) : last;
}

/**
 * A text that is one document, each statement at its line (from policyLayout): a policy file, or a
 * file Terraform reads into a policy with file().
 */
export function wholeTextDocument(text: string, value: unknown, trust: boolean): { document: PolicyDocument; line: number } {
  const layout = policyLayout(text);
  const document = parsePolicyDocument(value, { text, compactLength: layout.compactLength, trust });
  const listed = isRecord(value) && Array.isArray(value.Statement);
  for (const statement of document.statements) {
    statement.line = (listed ? layout.elementLines[statement.index] : layout.statementLine) ?? null;
  }
  return { document, line: layout.line };
}

/** The common case, a file that is one document. */
function wholeFileRecord({ file, text, value }: ParsedJsonFile): PolicyRecord {
  const trust = isTrustDocument(value);
  const { document, line } = wholeTextDocument(text, value, trust);
  return {
    key: file,
    kind: trust ? 'trust' : 'file',
    origin: { file, resource: null, pointer: null, line },
    name: baseName(file),
    arn: null,
    document,
    parseError: null,
  };
}

function read(input: ParsedJsonFile): ReaderOutput {
  const { file, text, value } = input;
  const inventory = emptyInventory();
  if (isDocument(value)) {
    inventory.policies.push(wholeFileRecord(input));
    return { inventory };
  }
  const documents = documentsOf(value) ?? [];
  // Statement objects sit at depth 3 (/0/Statement/1, /name/Statement/0).
  const lines = valueLines(text, 3);
  for (const doc of documents) {
    const docPointer = pointer(...doc.at);
    // Each document of a multi-document file is sized on its own text.
    const trust = isTrustDocument(doc.value);
    const document = parsePolicyDocument(doc.value, { text: JSON.stringify(doc.value), trust });
    const statementList = isRecord(doc.value) ? doc.value.Statement : undefined;
    for (const statement of document.statements) {
      const at = Array.isArray(statementList) ? `${docPointer}/Statement/${statement.index}` : `${docPointer}/Statement`;
      statement.line = lines.get(at) ?? null;
    }
    const record: PolicyRecord = {
      key: `${file}#${docPointer}`,
      kind: trust ? 'trust' : 'file',
      origin: { file, resource: null, pointer: docPointer, line: lines.get(docPointer) ?? null },
      name: doc.name,
      arn: null,
      document,
      parseError: null,
    };
    inventory.policies.push(record);
  }
  return { inventory };
}

export const policyFile: JsonFormat = {
  name: 'policy document',
  detect: (value) => isDocument(value) || documentsOf(value) !== null,
  read,
};
