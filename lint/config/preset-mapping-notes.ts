/**
 * Notes on the config's `presets` after a run. A user name cannot be checked when the config is
 * loaded (the users are in the files linted), so a misspelt one would silently hold nobody to a
 * preset; and a user's `iam-preset` tag wins over the config, which would silently ignore it.
 */
import { PRESET_TAG } from '../catalog/presets';
import type { Principal } from '../model/types';
import type { LintConfig } from './types';
import { meantName, quotedName } from './unknown-name';

export function presetMappingNotes(config: Pick<LintConfig, 'presets' | 'source'>, principals: readonly Principal[]): string[] {
  // Policy files alone define no user: every entry would be reported, none of them wrong.
  if (principals.length === 0) return [];
  const where = config.source ?? 'the config';
  const names = [...new Set(principals.flatMap((p) => (p.name === null || p.name.includes('${') ? [] : [p.name])))];
  const notes: string[] = [];
  for (const [user, declared] of Object.entries(config.presets)) {
    const at = `presets[${quotedName(user)}] in ${where}`;
    const held = principals.filter((p) => p.key === user || p.name === user);
    if (held.length === 0) {
      const near = meantName(user, names);
      notes.push(`note: ${at} names no user in the files read; ${near === null ? 'check the name, or lint the files that define that user' : `did you mean "${near}"?`}`);
      continue;
    }
    for (const principal of held) {
      const tag = principal.tags[PRESET_TAG]?.trim();
      if (tag === undefined || tag === '' || tag === declared) continue;
      notes.push(`note: ${at} ("${declared}") is not applied to ${principal.name ?? principal.key}: its ${PRESET_TAG} tag ("${tag}") wins; change the tag, or remove the entry`);
    }
  }
  return notes;
}
