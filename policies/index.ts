/**
 * The least-privilege presets: one policy document per use case (`<name>.json`) with its metadata
 * beside it (`<name>.meta.json`). Adding a preset is adding those two files; nothing else changes.
 * A preset whose tool creates IAM roles has a third file, `<name>-role-boundary.json`: the
 * permissions boundary every such role must carry (see RoleBoundaryMetadata). It is named as the
 * policy it becomes, so the linter, seeing a preset's `iam:PermissionsBoundary` condition name it,
 * judges it as a boundary rather than as a grant.
 *
 * Documents may name the account, partition and region as `${AccountId}`, `${Partition}` and
 * `${Region}` (or carry the tutorials' example account 123456789012): the construct in modules/
 * replaces them with the deploying account's values, so nobody edits JSON by hand.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the preset files live; exported for tools (the linter's exceeds-preset rule, tests). */
export const PRESETS_DIR = __dirname;

export const PRESET_PLACEHOLDERS = ['${AccountId}', '${Partition}', '${Region}'] as const;

/** A policy statement as written in a preset file (IAM JSON grammar). */
export interface PresetStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PresetDocument {
  Version: '2012-10-17';
  Statement: PresetStatement[];
}

export interface PresetNarrowing {
  /** What the tutorial granted (e.g. `ec2:*` on `*`). */
  tutorial: string;
  /** What the preset grants instead. */
  preset: string;
  why: string;
}

/** What the tutorial granted, as data, so tools can count it against the preset. */
export interface TutorialGrant {
  /** AWS managed policies the tutorial attaches, by name (e.g. AdministratorAccess). */
  managedPolicies: string[];
  /** Action patterns of the tutorial's own Allow statements. */
  actions: string[];
}

/**
 * How a preset bounds the roles its user creates. The preset allows role writes only with the
 * condition `iam:PermissionsBoundary` = the boundary policy (`<preset>-role-boundary`), and denies
 * removing that boundary or rewriting the policy; the boundary caps what those roles may ever do.
 */
export interface RoleBoundaryMetadata {
  /** Role ARN patterns the preset lets its user create and write (as in the document). */
  roles: string[];
  /** What the tool's roles do at run time, in words: the reason for each boundary statement. */
  runtimeRoles: string[];
  /** AWS managed policies the tool documents for those roles: the boundary may allow their actions. */
  runtimeManagedPolicies: string[];
  /** Actions beyond the preset and those policies that the runtime roles need, each with its source. */
  runtimeActions: { actions: string[]; source: string }[];
  /** The tool's own setting that puts the boundary on the roles it creates (verified names). */
  toolSetting: string;
  /** What the boundary leaves out, and what stays open. */
  judgements: string[];
}

export interface PresetMetadata {
  description: string;
  /** The tutorial it replaces: seed file id and a short title. */
  replaces: { seed: string; title: string; grant: string };
  /** The tool the user's key is for (eksctl, Amplify CLI, ...). */
  tool: string;
  /** Where the action list comes from (the tool's documentation), and what is a judgement. */
  sources: string[];
  judgements: string[];
  placeholders: string[];
  narrows: PresetNarrowing[];
  tutorialGrant?: TutorialGrant;
  /** Present when the preset lets its user create roles (the `<name>-role-boundary.json` file). */
  roleBoundary?: RoleBoundaryMetadata;
}

/** The permissions boundary policy of a preset's roles, as the construct in modules/ creates it. */
export interface RoleBoundary {
  /** Managed policy name: `<preset>-role-boundary`. */
  name: string;
  /** Its ARN with placeholders, as the preset's `iam:PermissionsBoundary` conditions name it. */
  arn: string;
  document: PresetDocument;
  file: string;
}

export interface Preset {
  name: string;
  document: PresetDocument;
  metadata: PresetMetadata;
  /** File the document was read from, for messages. */
  file: string;
  /** The boundary of the roles the preset's user creates; undefined when it creates none. */
  roleBoundary?: RoleBoundary;
}

const METADATA_SUFFIX = '.meta.json';
const ROLE_BOUNDARY_SUFFIX = '-role-boundary.json';

/** Name of the boundary policy for a preset's roles. */
export function roleBoundaryName(preset: string): string {
  return `${preset}-role-boundary`;
}

/**
 * Its ARN as presets write it. The policy sits at path `/` under a fixed name, so the ARN in the
 * preset's conditions is known before the deploying account is.
 */
export function roleBoundaryArn(preset: string): string {
  return `arn:\${Partition}:iam::\${AccountId}:policy/${roleBoundaryName(preset)}`;
}

let cache: Map<string, Preset> | undefined;

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`preset file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function loadAll(): Map<string, Preset> {
  if (cache) return cache;
  const presets = new Map<string, Preset>();
  for (const entry of readdirSync(PRESETS_DIR).sort()) {
    if (!entry.endsWith('.json') || entry.endsWith(METADATA_SUFFIX) || entry.endsWith(ROLE_BOUNDARY_SUFFIX)) continue;
    const name = entry.slice(0, -'.json'.length);
    const file = join(PRESETS_DIR, entry);
    const metaFile = join(PRESETS_DIR, name + METADATA_SUFFIX);
    const boundaryFile = join(PRESETS_DIR, `${roleBoundaryName(name)}.json`);
    presets.set(name, {
      name,
      file,
      document: readJson(file) as PresetDocument,
      metadata: readJson(metaFile) as PresetMetadata,
      ...(existsSync(boundaryFile)
        ? { roleBoundary: { name: roleBoundaryName(name), arn: roleBoundaryArn(name), document: readJson(boundaryFile) as PresetDocument, file: boundaryFile } }
        : {}),
    });
  }
  cache = presets;
  return presets;
}

/** Names of all presets, sorted. */
export function presetNames(): string[] {
  return [...loadAll().keys()];
}

/** A preset by name; an unknown name throws with the list of presets there are. */
export function loadPreset(name: string): Preset {
  const preset = loadAll().get(name);
  if (!preset) {
    throw new Error(`unknown preset "${name}"; the presets are: ${presetNames().join(', ') || '(none)'} (policies/*.json)`);
  }
  return preset;
}
