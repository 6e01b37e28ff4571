/**
 * Where the construct looks preset names up. The default reads policies/; tests and other projects
 * can pass their own documents without touching that folder.
 */
import { loadPreset, presetNames, roleBoundaryName } from '../policies';

export interface NamedDocument {
  name: string;
  /** The document as parsed from JSON; validated by the construct, never trusted. */
  document: unknown;
  /** Where it came from, for messages (a file path, or a description). */
  origin: string;
  /**
   * For a preset that lets its user create roles: the permissions boundary those roles must carry.
   * The preset names it in `iam:PermissionsBoundary` conditions, so the construct creates it under
   * exactly this name (role-boundaries.ts).
   */
  roleBoundary?: RoleBoundaryDocument;
}

export interface RoleBoundaryDocument {
  /** Managed policy name, fixed by the preset's conditions (`<preset>-role-boundary`). */
  name: string;
  document: unknown;
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
    const boundary = preset.roleBoundary;
    return {
      name,
      document: preset.document,
      origin: preset.file,
      ...(boundary ? { roleBoundary: { name: boundary.name, document: boundary.document, origin: boundary.file } } : {}),
    };
  },
};

/**
 * A fixed set of documents, e.g. for tests: `presetsFrom({ 'read-bucket': {...} })`; `roleBoundaries`
 * gives the boundary of the roles a preset's user creates, by preset name (made as `<name>-role-boundary`).
 */
export function presetsFrom(documents: Record<string, unknown>, origin = 'presetsFrom()', roleBoundaries: Record<string, unknown> = {}): PresetSource {
  return {
    names: () => Object.keys(documents).sort(),
    find(name) {
      if (!Object.hasOwn(documents, name)) return undefined;
      const boundary = Object.hasOwn(roleBoundaries, name)
        ? { roleBoundary: { name: roleBoundaryName(name), document: roleBoundaries[name], origin: `${origin} role boundary of "${name}"` } }
        : {};
      return { name, document: documents[name], origin: `${origin} "${name}"`, ...boundary };
    },
  };
}
