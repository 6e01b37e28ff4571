/**
 * "unknown rule/preset/key X; did you mean Y? Xs are ..." for every name a config can mistype: a
 * silent unknown name would leave the setting it meant without effect.
 */
import { closest, editDistance } from '../catalog/action-pattern';

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
  return `${where}: unknown ${kind} "${name}"${intro} ${known.join(', ')}`;
}
