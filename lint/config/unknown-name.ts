/**
 * "unknown rule/preset/key X; did you mean Y? Xs are ..." for every name a config can mistype: a
 * silent unknown name would leave the setting it meant without effect.
 */
import { closest, editDistance } from '../catalog/action-pattern';

/** Characters that print as nothing or as a space (zero-width, direction marks, no-break spaces): a name holding one looks like another. */
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;

/** A name in quotes as JSON writes it, with invisible characters shown as `\u200b`. */
export function quotedName(name: string): string {
  return JSON.stringify(name).replace(INVISIBLE, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/** The first invisible character of a name, as `U+200B`; null when it has none. */
export function invisibleCharacter(name: string): string | null {
  const found = name.match(INVISIBLE)?.[0];
  return found === undefined ? null : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The closest known name when it is near enough to be the one meant (case aside), else null. */
export function meantName(name: string, known: readonly string[]): string | null {
  const near = closest(name, known);
  if (near === null) return null;
  return editDistance(name.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(near.length / 4)) ? near : null;
}

/**
 * @param kind what the name is ("rule", "preset")
 * @param list how the known names are introduced ("rules are", "the presets are")
 */
export function unknownNameMessage(where: string, kind: string, name: string, known: readonly string[], list: string): string {
  const near = meantName(name, known);
  const intro = near === null ? `; ${list}` : `; did you mean "${near}"? ${list[0]!.toUpperCase()}${list.slice(1)}`;
  return `${where}: unknown ${kind} ${quotedName(name)}${intro} ${known.join(', ')}`;
}
