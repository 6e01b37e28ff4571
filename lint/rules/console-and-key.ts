/**
 * console-and-key: one user with both a console password and an access key. A person signs in to
 * the console; a program uses a key. One identity with both means a leaked key acts as that person,
 * and the key cannot be rotated without touching how they work.
 */
import type { RawFinding } from '../model/types';
import { principalLabel, principalsByKey } from './grants';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'console-and-key',
  defaultSeverity: 'warning',
  description: 'One user with both console access and an access key',
  messages: {
    consoleAndKey:
      '{{user}} has both a console password and an access key: give the person a console-only user and ' +
      'the program its own user (or better, a role) with the key.',
  },
  subjects: { consoleAndKey: '{{user}}' },
  needsCatalog: false,
};

export const consoleAndKey: Rule = {
  meta,
  check({ inventory }) {
    const findings: RawFinding[] = [];
    const principals = principalsByKey(inventory);
    // An inactive key cannot be used, so it does not make the user a program.
    const withKey = new Set(inventory.accessKeys.filter((k) => k.status !== 'Inactive').map((k) => k.user));
    const reported = new Set<string>();
    for (const profile of inventory.loginProfiles) {
      if (!withKey.has(profile.user) || reported.has(profile.user)) continue;
      reported.add(profile.user);
      const origin = principals.get(profile.user)?.origin ?? profile.origin;
      findings.push(report(meta, 'consoleAndKey', { user: principalLabel(profile.user, principals) }, origin, null));
    }
    return findings;
  },
};
