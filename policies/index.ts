/**
 * The least-privilege presets: one policy document per use case (`<name>.json`) with its metadata
 * beside it (`<name>.meta.json`). Adding a preset is adding those two files; nothing else changes.
 *
 * Documents may name the account, partition and region as `${AccountId}`, `${Partition}` and
 * `${Region}` (or carry the tutorials' example account 123456789012): the construct in modules/
 * replaces them with the deploying account's values, so nobody edits JSON by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
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
}

export interface Preset {
  name: string;
  document: PresetDocument;
  metadata: PresetMetadata;
  /** File the document was read from, for messages. */
  file: string;
}

const METADATA_SUFFIX = '.meta.json';

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
    if (!entry.endsWith('.json') || entry.endsWith(METADATA_SUFFIX)) continue;
    const name = entry.slice(0, -'.json'.length);
    const file = join(PRESETS_DIR, entry);
    const metaFile = join(PRESETS_DIR, name + METADATA_SUFFIX);
    presets.set(name, {
      name,
      file,
      document: readJson(file) as PresetDocument,
      metadata: readJson(metaFile) as PresetMetadata,
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
