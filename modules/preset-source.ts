/**
 * Where the construct looks preset names up. The default reads policies/; tests and other projects
 * can pass their own documents without touching that folder.
 */
import { loadPreset, presetNames } from '../policies';

export interface NamedDocument {
  name: string;
  /** The document as parsed from JSON; validated by the construct, never trusted. */
  document: unknown;
  /** Where it came from, for messages (a file path, or a description). */
  origin: string;
}

export interface PresetSource {
  /** All preset names, for the message about an unknown one. */
  names(): string[];
  /** The preset, or undefined when there is none by that name. */
  find(name: string): NamedDocument | undefined;
}

/** The presets in policies/ (policies/index.ts). */
export const policiesFolder: PresetSource = {
  names: presetNames,
  find(name) {
    if (!presetNames().includes(name)) return undefined;
    const preset = loadPreset(name);
    return { name, document: preset.document, origin: preset.file };
  },
};

/** A fixed set of documents, e.g. for tests: `presetsFrom({ 'read-bucket': {...} })`. */
export function presetsFrom(documents: Record<string, unknown>, origin = 'presetsFrom()'): PresetSource {
  return {
    names: () => Object.keys(documents).sort(),
    find: (name) => (Object.hasOwn(documents, name) ? { name, document: documents[name], origin: `${origin} "${name}"` } : undefined),
  };
}
