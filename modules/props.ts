/**
 * The props of LeastPrivilegeUser. Each prop's TSDoc is the source of modules/README.md's table
 * (a test checks every prop here is documented there).
 */
import type { PresetSource } from './preset-source';

/** Where the access key's secret goes. Only the current key's secret is stored. */
export type AccessKeySecretStore =
  | {
      /** A sensitive Terraform output (`terraform output -raw <id>_access_key_secret`). */
      store: 'output';
    }
  | {
      /** An SSM SecureString parameter holding `{"AccessKeyId": ..., "SecretAccessKey": ...}`. */
      store: 'ssm';
      /** Name of the parameter. @default `/iam-user/<userName>/access-key` */
      parameterName?: string;
      /** KMS key (id, ARN or alias) that encrypts the parameter. @default the account's `alias/aws/ssm` key */
      kmsKeyId?: string;
    }
  | {
      /** A Secrets Manager secret holding `{"AccessKeyId": ..., "SecretAccessKey": ...}`. */
      store: 'secretsmanager';
      /** Name of the secret. @default `iam-user/<userName>/access-key` */
      secretName?: string;
      /** KMS key that encrypts the secret. @default the account's `aws/secretsmanager` key */
      kmsKeyId?: string;
      /** Days Secrets Manager keeps a deleted secret (0 deletes at once, 7 to 30 otherwise). @default 30 */
      recoveryWindowInDays?: number;
    };

export interface AccessKeyOptions {
  /**
   * PGP public key (base64) or `keybase:<user>` that encrypts the secret. With it only the encrypted
   * secret exists, so it can only go to an output (`secret.store` must be `output`).
   * @default none: the secret is stored in plain text where `secret` says, never printed
   */
  pgpKey?: string;
  /** Status of the keys the construct holds. @default 'Active' */
  status?: 'Active' | 'Inactive';
  /**
   * Rotation without downtime. Keys live in two slots; the key for `serial` is the current one and the
   * key for `serial - 1` stays until the next bump. Bump by one to rotate: a new key is made in the
   * slot of `serial - 2`, whose old key is deleted first, so the user never holds more than the two
   * keys IAM allows. Only ever increase it, by one: a bigger step replaces both keys in one apply.
   * @default 0 (one key)
   */
  serial?: number;
  /** Where the current key's secret goes. @default { store: 'output' } */
  secret?: AccessKeySecretStore;
}

export interface ConsoleAccessOptions {
  /**
   * Make the user choose a new password at first sign-in. The user then needs `iam:ChangePassword`
   * (a grant on its own user, the AWS managed `IAMUserChangePassword`, or an account password policy
   * that lets users change their password), which the construct does not add. Applies only when the
   * login profile is made: later changes are ignored, since changing it would replace the profile and
   * reset the password.
   * @default true
   */
  passwordResetRequired?: boolean;
  /**
   * PGP public key (base64) or `keybase:<user>` that encrypts the generated password; the output then
   * holds only the encrypted password.
   * @default none: the generated password is a sensitive output
   */
  pgpKey?: string;
  /** Length of the generated password (the account's password policy may ask for more). @default 20 */
  passwordLength?: number;
}

export interface LeastPrivilegeUserProps {
  /** IAM user name: up to 64 letters, digits and `+=,.@_-`. */
  userName: string;
  /** IAM path of the user (and of the group and policies the construct makes). @default '/' */
  path?: string;
  /** Tags for the user; the construct adds `iam-preset` (the preset names, space-separated). @default {} */
  tags?: Record<string, string>;
  /**
   * ARN of the policy that bounds the user's permissions; may use `${AccountId}`/`${Partition}` or the
   * example account 123456789012, replaced like in documents, or be a reference (`boundaryPolicy.arn`).
   * @default no boundary
   */
  permissionsBoundary?: string;
  /**
   * Create the permissions boundary policy `<preset>-role-boundary` of each preset that lets its user
   * create IAM roles (policies/<preset>-role-boundary.json); the preset allows role writes only on
   * roles carrying it. Its name is fixed by the preset, so one stack per account creates it (a second
   * fails its apply with EntityAlreadyExists): set false in the others, which then read it from the
   * account, and whose plan fails until the creating stack is applied.
   * @default true
   */
  createRoleBoundaries?: boolean;
  /** Delete the user even if it has keys, a login profile or MFA devices made outside Terraform. @default false */
  forceDestroy?: boolean;
  /** Least-privilege presets by name (files in policies/); each becomes a customer managed policy. @default [] */
  presets?: string[];
  /**
   * AWS managed policies by name, with their path if they have one (`ReadOnlyAccess`,
   * `job-function/ViewOnlyAccess`); resolved to ARNs in the stack's partition.
   * @default []
   */
  managedPolicies?: string[];
  /** Custom policy documents (IAM JSON) by name; each becomes a customer managed policy. @default {} */
  policies?: Record<string, object>;
  /** Who the policies attach to: a group the user joins (CIS 1.15: no policies on users) or the user. @default 'group' */
  attachTo?: 'group' | 'user';
  /** Name of the group the construct makes when `attachTo` is 'group'. @default `<userName>-group` */
  groupName?: string;
  /** The access key. `false` makes none. @default { serial: 0, status: 'Active', secret: { store: 'output' } } */
  accessKey?: false | AccessKeyOptions;
  /** Console sign-in with a generated password (never a literal). @default false */
  consoleAccess?: false | ConsoleAccessOptions;
  /** Where preset names are looked up; tests pass their own. @default the presets in policies/ */
  presetSource?: PresetSource;
}
