/**
 * console-password: console logins whose first password is known to more people than the user.
 * A password written into the configuration is an error (it sits in the repository; hashicorp/aws
 * has no `password` argument, so Terraform also refuses it: a plan or a state never carries one);
 * without a forced reset, or without a PGP key to encrypt the generated one, it is a warning.
 */
import type { RawFinding } from '../model/types';
import { principalLabel, principalsByKey } from './grants';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'console-password',
  defaultSeverity: 'warning',
  description: 'Console login with a literal password, without a forced reset, or without PGP',
  messages: {
    literalPassword:
      'the console password of {{user}} is written into the configuration, so everyone with the repository knows it, ' +
      'and Terraform rejects it (aws_iam_user_login_profile has no password argument). ' +
      'Remove it: let the login profile generate the password (with pgp_key) and require a reset.',
    noReset:
      '{{user}} keeps the first console password: set password_reset_required = true so only the user knows the one in use.',
    noPgp:
      'the generated console password of {{user}} is stored unencrypted in the Terraform state: set pgp_key ' +
      '(keybase:<user> or a base64 public key) and hand out encrypted_password.',
  },
  subjects: { literalPassword: 'literal password of {{user}}', noReset: 'no reset for {{user}}', noPgp: 'no PGP key for {{user}}' },
  needsCatalog: false,
};

export const consolePassword: Rule = {
  meta,
  check({ inventory }) {
    const findings: RawFinding[] = [];
    const principals = principalsByKey(inventory);
    for (const profile of inventory.loginProfiles) {
      const data = { user: principalLabel(profile.user, principals) };
      if (profile.literalPassword) {
        findings.push({ ...report(meta, 'literalPassword', data, profile.origin, null), severity: 'error' });
      } else if (!profile.hasPgpKey) {
        findings.push(report(meta, 'noPgp', data, profile.origin, null));
      }
      if (profile.passwordResetRequired !== true) findings.push(report(meta, 'noReset', data, profile.origin, null));
    }
    return findings;
  },
};
