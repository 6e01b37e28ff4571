/**
 * The PresetLookup for exceeds-preset: presets come from policies/ (presetNames, loadPreset);
 * a user declares its preset with the `iam-preset` tag (set by the construct in modules/), or
 * the config maps a user name (or principal key) to preset names. The tag's value may name
 * several presets separated by spaces; the user is then held to their union.
 */
import { loadPreset, presetNames } from '../../policies/index';
import { parsePolicyDocument } from '../model/parse-document';
import type { Inventory, PolicyDocument } from '../model/types';
import type { PresetLookup } from '../rules/rule';

/** The user tag that names a user's preset(s). */
export const PRESET_TAG = 'iam-preset';

/** Names in a declaration such as `"eks-eksctl sst-deployer"`. */
export function declaredPresetNames(declaration: string): string[] {
  return declaration.split(/[\s,]+/).filter((n) => n.length > 0);
}

/**
 * @param mapping from the config: user name or principal key -> preset name(s); the user's tag wins.
 */
export function createPresetLookup(inventory: Inventory, mapping: Record<string, string> = {}): PresetLookup {
  const principals = new Map(inventory.principals.map((p) => [p.key, p]));
  const documents = new Map<string, PolicyDocument | null>();
  let names: string[] | undefined;
  return {
    names() {
      names ??= presetNames();
      return names;
    },
    document(name) {
      if (documents.has(name)) return documents.get(name) ?? null;
      let document: PolicyDocument | null = null;
      if (this.names().includes(name)) {
        const preset = loadPreset(name);
        document = parsePolicyDocument(preset.document, { text: JSON.stringify(preset.document) });
      }
      documents.set(name, document);
      return document;
    },
    declaredFor(principalKey) {
      const principal = principals.get(principalKey);
      const tagged = principal?.tags[PRESET_TAG];
      if (tagged !== undefined && tagged.trim() !== '') return tagged.trim();
      const mapped = mapping[principalKey] ?? (principal?.name ? mapping[principal.name] : undefined);
      return mapped !== undefined && mapped.trim() !== '' ? mapped.trim() : null;
    },
  };
}
