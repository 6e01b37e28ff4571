/**
 * `--format sarif`: SARIF 2.1.0 for code scanning. Rules carry their description, the docs page
 * as help text and a link to it; results carry file, line, the Terraform address as a logical
 * location, a fingerprint of what the finding is about (not of its wording), and `suppressions`
 * with the reason when a config accepted them.
 *
 * With `--baseline`, the findings the baseline had stay in the log as `baselineState: "unchanged"`
 * with an accepted external suppression, and the others are `"new"`. Dropping them would tell code
 * scanning they were fixed; GitHub reads an accepted suppression as a closed alert (it ignores
 * baselineState, which other SARIF viewers show). Baseline findings no longer found are only
 * counted (run.properties.baseline.gone): an "absent" result would open an alert on GitHub.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SarifResultBuilder, SarifRuleBuilder } from 'node-sarif-builder';
import type { Result } from 'sarif';
import type { SuppressedFinding } from '../config/types';
import { findingIdentity } from '../baseline/finding-identity';
import { compareFindings } from '../engine/sort-findings';
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


/** The fingerprint's key: v1 hashed the message too, so its values would not match these. */
export const FINGERPRINT_KEY = 'iamPolicyLint/v2';

/**
 * Identity of a finding that survives edits moving it to another line, a reworded message and a
 * catalog update (lint/baseline/finding-identity.ts). Findings with the same identity (an Access
 * Analyzer message reported twice in one statement) are told apart by their order, as GitHub's own
 * `primaryLocationLineHash` does with a `:n` suffix.
 */
function fingerprints(): (f: Finding, file: string) => string {
  const seen = new Map<string, number>();
  return (f, file) => {
    const { place, subject } = findingIdentity({ ...f, file }, null);
    const hash = createHash('sha256').update(JSON.stringify([place, subject])).digest('hex');
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  };
}

const KNOWN_JUSTIFICATION = 'in the --baseline report: known before this change, not counted for the exit status';

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

/** How a result stands against `--baseline`; null without one. */
type BaselineState = 'new' | 'unchanged' | null;

/** `file`: the finding's file as code scanning should see it (relative to the repository in GitHub Actions). */
function resultBuilder(f: Finding | SuppressedFinding, file: string, fingerprint: string, baselineState: BaselineState): SarifResultBuilder {
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
  result.partialFingerprints = { [FINGERPRINT_KEY]: fingerprint };
  result.properties = { statement: f.statement, severity: f.severity };
  if (baselineState !== null) result.baselineState = baselineState;
  // `status` as SARIF 2.1.0 spells it (GitHub's docs call it `state`); accepted closes the alert.
  if ('reason' in f) result.suppressions = [{ kind: 'external', status: 'accepted', justification: f.reason }];
  else if (baselineState === 'unchanged') result.suppressions = [{ kind: 'external', status: 'accepted', justification: KNOWN_JUSTIFICATION }];
  return builder;
}

/** With a baseline, new and known findings in the one report order a run without it has. */
function unsuppressedResults(input: ReportInput): { finding: Finding; state: BaselineState }[] {
  if (input.baseline === undefined) return input.findings.map((finding) => ({ finding, state: null }));
  const all = [
    ...input.findings.map((finding) => ({ finding, state: 'new' as const })),
    ...input.baseline.knownFindings.map((finding) => ({ finding, state: 'unchanged' as const })),
  ];
  return all.sort((a, b) => compareFindings(a.finding, b.finding));
}

export function formatSarif(input: ReportInput, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const inRepository = (file: string) => repositoryPath(file, env, cwd);
  const { SarifBuilder, SarifRunBuilder } = sarifBuilders();
  const run = new SarifRunBuilder().initSimple({ toolDriverName: TOOL_NAME, toolDriverVersion: input.toolVersion });
  run.run.tool.driver.semanticVersion = input.toolVersion;
  run.run.properties = { catalogDataVersion: input.catalogDataVersion ?? 'not loaded (no enabled rule needed the AWS catalog)', summary: { ...input.summary } };
  if (input.baseline !== undefined) run.run.properties.baseline = { known: input.baseline.known, gone: input.baseline.gone };
  for (const meta of input.rules) run.addRule(ruleBuilder(meta, env));
  const fingerprint = fingerprints();
  const add = (f: Finding, state: BaselineState) => {
    const file = inRepository(f.file);
    run.addResult(resultBuilder(f, file, fingerprint(f, file), state));
  };
  for (const { finding, state } of unsuppressedResults(input)) add(finding, state);
  for (const f of input.suppressed) add(f, null);
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
