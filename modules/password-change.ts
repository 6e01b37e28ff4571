/**
 * A console user made to choose a new password at first sign-in needs `iam:ChangePassword`, which the
 * construct does not grant. The account's password policy may let every user change theirs, and that
 * is not visible at synth: so a warning, not an error, when none of the grants the construct can read
 * allows it.
 */
import { parsePolicyDocument } from '../lint/model/parse-document';

const ACTION = 'iam:changepassword';

/** AWS managed policies that allow it; others are not read here. */
const MANAGED_ALLOWING = new Set(['IAMUserChangePassword', 'IAMFullAccess', 'AdministratorAccess']);

function matches(pattern: string): boolean {
  const regex = pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(ACTION);
}

export function grantsPasswordChange(documents: unknown[], managedPolicies: string[]): boolean {
  if (managedPolicies.some((name) => MANAGED_ALLOWING.has(name))) return true;
  return documents.some((document) =>
    parsePolicyDocument(document).statements.some(
      (s) => s.effect === 'Allow' && (s.actions !== null ? s.actions.some(matches) : s.notActions !== null && !s.notActions.some(matches)),
    ),
  );
}

export const PASSWORD_CHANGE_WARNING =
  "consoleAccess: the user must choose a new password at first sign-in, but none of its grants allows iam:ChangePassword; " +
  "unless the account's password policy lets users change their passwords, add 'IAMUserChangePassword' to managedPolicies " +
  'or grant iam:ChangePassword on user/${aws:username} in a document';
