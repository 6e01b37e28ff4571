/**
 * The config's `presets`: user name (or principal key) -> the preset(s) exceeds-preset holds that
 * user to. Checked when the config is loaded: a preset name that does not exist would otherwise
 * surface only when that user is linted, and a mapping of the wrong shape would do nothing.
 */
import { presetNames } from '../../policies/index';
import { declaredPresetNames } from '../catalog/presets';
import { invisibleCharacter, quotedName, unknownNameMessage } from './unknown-name';

const EXAMPLE = 'e.g. {"deployer": "eks-eksctl", "builder": "eks-eksctl sst-deployer"}';

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

/**
 * @param fail throws with the config file named
 * @param known the preset names there are; asked only when the mapping names one
 */
export function checkPresetMapping(raw: unknown, fail: (message: string) => never, known: () => readonly string[] = presetNames): Record<string, string> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(`"presets" must be an object of user name -> preset name(s), ${EXAMPLE}; found ${describeValue(raw)}`);
  }
  const presets: Record<string, string> = {};
  for (const [user, names] of Object.entries(raw as Record<string, unknown>)) {
    const at = `presets[${quotedName(user)}]`;
    if (user.trim() === '') fail(`${at}: the user name is empty; a key is an IAM user name (or a principal key), ${EXAMPLE}`);
    // Pasted from a chat or a document: it would look right and match no user.
    const hidden = invisibleCharacter(user.trim());
    if (hidden !== null) fail(`${at}: the user name holds an invisible character (${hidden}), so it matches no user; type the name again`);
    if (user.trim() !== user) fail(`${at}: the user name has spaces at its ends, so it matches no user; write ${JSON.stringify(user.trim())}`);
    if (typeof names !== 'string') {
      const listed = Array.isArray(names) && names.every((n) => typeof n === 'string') ? names.join(' ').trim() : '';
      const instead = listed === '' ? 'e.g. "eks-eksctl", or "eks-eksctl sst-deployer" for several' : `write ${JSON.stringify(listed)}`;
      fail(`${at} must be a string naming a preset from policies/ (several separated by spaces), found ${describeValue(names)}; ${instead}`);
    }
    const declared = declaredPresetNames(names);
    if (declared.length === 0) fail(`${at} must name one or more presets from policies/, separated by spaces; the presets are ${known().join(', ')}`);
    for (const name of declared) {
      if (known().includes(name)) continue;
      if (known().length === 0) fail(`${at}: unknown preset "${name}": policies/ holds no presets (<name>.json with <name>.meta.json)`);
      fail(`${unknownNameMessage(at, 'preset', name, known(), 'the presets are')} (policies/*.json)`);
    }
    presets[user] = names.trim();
  }
  return presets;
}
