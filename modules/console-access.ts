/**
 * Console sign-in (tutorial 004) with a password AWS generates: a literal password would sit in the
 * configuration and the state's history, so there is no prop for one.
 */
import { Construct } from 'constructs';
import { IamUserLoginProfile } from '@cdktf/provider-aws/lib/iam-user-login-profile';
import { namedOutput } from './outputs';
import { checkPgpKey } from './pgp-key';
import type { ConsoleAccessOptions } from './props';

export interface ConsoleAccessProps extends ConsoleAccessOptions {
  user: string;
  outputScope: Construct;
}

export class ConsoleAccess extends Construct {
  readonly loginProfile: IamUserLoginProfile;

  constructor(scope: Construct, id: string, props: ConsoleAccessProps) {
    super(scope, id);
    const length = props.passwordLength ?? 20;
    if (!Number.isInteger(length) || length < 5 || length > 128) {
      throw new Error(`consoleAccess.passwordLength must be a whole number from 5 to 128 (found ${length}); the account's password policy may ask for more`);
    }
    checkPgpKey('consoleAccess.pgpKey', props.pgpKey, 'console password');
    this.loginProfile = new IamUserLoginProfile(this, 'login-profile', {
      user: props.user,
      passwordLength: length,
      passwordResetRequired: props.passwordResetRequired ?? true,
      pgpKey: props.pgpKey,
      // Changing any of these replaces the profile (a new password), and IAM cannot return them, so an
      // imported profile would always show changes: the provider's docs advise ignoring them.
      lifecycle: { ignoreChanges: ['password_length', 'password_reset_required', 'pgp_key'] },
    });
    if (props.pgpKey !== undefined) {
      namedOutput(props.outputScope, 'console_encrypted_password', this.loginProfile.encryptedPassword, {
        description: 'Console password, encrypted with consoleAccess.pgpKey (base64)',
        sensitive: true,
      });
    } else {
      namedOutput(props.outputScope, 'console_password', this.loginProfile.password, {
        description: 'Generated console password (terraform output -raw to read it); the user must change it at first sign-in unless passwordResetRequired is false',
        sensitive: true,
      });
    }
  }
}
