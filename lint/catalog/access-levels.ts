/**
 * Access levels as the catalog reports them: the data files' combined labels
 * ("Permissions management, Write") reduced to the one that matters, with our documented
 * exceptions (data/access-level-exceptions.json) applied on top.
 */
import type { AccessLevel } from './catalog';
import exceptionsFile from './data/access-level-exceptions.json';

interface AccessLevelException {
  action: string;
  accessLevel: AccessLevel;
  why: string;
}

const exceptions = new Map<string, AccessLevelException>(
  (exceptionsFile.exceptions as AccessLevelException[]).map((e) => [e.action.toLowerCase(), e]),
);

/** Lower-case prefixes of the services some exception is about: only their actions need the lookup. */
export const SERVICES_WITH_EXCEPTIONS: ReadonlySet<string> = new Set([...exceptions.keys()].map((action) => action.split(':')[0]));

/** The documented exceptions, for tests and docs. */
export function accessLevelExceptions(): readonly AccessLevelException[] {
  return [...exceptions.values()];
}

/** The data's label -> one AccessLevel; "Permissions management" wins over "Write" because it is the riskier claim. */
export function normaliseAccessLevel(label: string): AccessLevel {
  if (label.includes('Permissions management')) return 'Permissions management';
  if (label.includes('Tagging')) return 'Tagging';
  if (label.includes('Write')) return 'Write';
  if (label.includes('List')) return 'List';
  return 'Read';
}

/** Access level for `service:Action` (catalog spelling), after exceptions. */
export function effectiveAccessLevel(name: string, label: string): AccessLevel {
  return exceptions.get(name.toLowerCase())?.accessLevel ?? normaliseAccessLevel(label);
}
