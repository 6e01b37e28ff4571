/**
 * The access key with rotation by serial, and where its secret goes.
 *
 * Two slots, A for even serials and B for odd ones. The key for `serial` is current; the key for
 * `serial - 1` stays in the other slot. Bumping the serial rewrites the serial kept by the current
 * slot's `terraform_data`, which replaces that slot's key (delete, then create): the user never holds
 * more than the two keys IAM allows, and the key from the previous bump keeps working meanwhile.
 */
import { DataResource, type TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { namedOutput } from './outputs';
import { checkPgpKey } from './pgp-key';
import type { AccessKeyOptions } from './props';

/**
 * `replace_triggered_by` takes a bare resource address. cdktf renders a resource object there as
 * `"${address}"` (cdktf #3196), which Terraform refuses in JSON and, at plan, in HCL; the address as
 * a string is right in JSON, but HCL prints it quoted, a string rather than a reference. Under
 * `cdktf synth --hcl` (SYNTH_HCL_OUTPUT, read as TerraformStack reads it) the list goes in as
 * `[address]` text, which the HCL printer writes as is.
 */
function triggerOnReplace(resource: TerraformResource, marker: TerraformResource): void {
  const address = `${marker.terraformResourceType}.${marker.friendlyUniqueId}`;
  const hcl = process.env.SYNTH_HCL_OUTPUT === 'true' || process.env.SYNTH_HCL_OUTPUT === '1';
  resource.addOverride('lifecycle.replace_triggered_by', hcl ? `[${address}]` : [address]);
}

export interface AccessKeyProps extends AccessKeyOptions {
  /** Token or literal of the IAM user name the keys belong to. */
  user: string;
  /** Literal user name, for default parameter and secret names. */
  userName: string;
  /** Where the outputs go (the LeastPrivilegeUser), so their names carry its id. */
  outputScope: Construct;
}

function slotName(serial: number): 'a' | 'b' {
  return serial % 2 === 0 ? 'a' : 'b';
}

function checkOptions(props: AccessKeyProps): void {
  const serial = props.serial ?? 0;
  if (!Number.isSafeInteger(serial) || serial < 0) {
    throw new Error(`accessKey.serial must be a whole number >= 0 (found ${serial}); bump it by one to rotate the key`);
  }
  checkPgpKey('accessKey.pgpKey', props.pgpKey, 'secret access key');
  const store = props.secret?.store ?? 'output';
  if (props.pgpKey !== undefined && store !== 'output') {
    throw new Error(`accessKey.pgpKey and accessKey.secret.store '${store}' do not go together: with a PGP key AWS returns only the encrypted secret, which goes to an output; drop pgpKey or use { store: 'output' }`);
  }
  if (props.secret?.store === 'secretsmanager' && props.secret.recoveryWindowInDays !== undefined) {
    const days = props.secret.recoveryWindowInDays;
    if (!(days === 0 || (Number.isInteger(days) && days >= 7 && days <= 30))) {
      throw new Error(`accessKey.secret.recoveryWindowInDays must be 0 or 7 to 30 (found ${days})`);
    }
  }
}

export class RotatingAccessKey extends Construct {
  /** The current key (the one for `serial`). */
  readonly current: IamAccessKey;
  /** The key from the previous serial, kept until the next bump; undefined at serial 0. */
  readonly previous: IamAccessKey | undefined;

  constructor(scope: Construct, id: string, props: AccessKeyProps) {
    super(scope, id);
    checkOptions(props);
    const serial = props.serial ?? 0;
    this.current = this.slot(serial, props);
    this.previous = serial > 0 ? this.slot(serial - 1, props) : undefined;
    this.storeSecret(props);
  }

  private slot(serial: number, props: AccessKeyProps): IamAccessKey {
    const name = slotName(serial);
    const marker = new DataResource(this, `slot-${name}-serial`, { input: { serial } });
    const key = new IamAccessKey(this, `slot-${name}`, { user: props.user, pgpKey: props.pgpKey, status: props.status ?? 'Active' });
    triggerOnReplace(key, marker);
    return key;
  }

  private storeSecret(props: AccessKeyProps): void {
    const out = props.outputScope;
    const key = this.current;
    namedOutput(out, 'access_key_id', key.id, { description: 'Id of the current access key' });
    if (this.previous) namedOutput(out, 'previous_access_key_id', this.previous.id, { description: 'Id of the previous access key, deleted at the next serial bump' });
    const secret = props.secret ?? { store: 'output' };
    const payload = JSON.stringify({ AccessKeyId: key.id, SecretAccessKey: key.secret });
    switch (secret.store) {
      case 'output':
        if (props.pgpKey !== undefined) {
          namedOutput(out, 'access_key_encrypted_secret', key.encryptedSecret, { description: 'Secret access key, encrypted with accessKey.pgpKey (base64)', sensitive: true });
        } else {
          namedOutput(out, 'access_key_secret', key.secret, { description: 'Secret access key (terraform output -raw to read it)', sensitive: true });
        }
        return;
      case 'ssm': {
        const parameter = new SsmParameter(this, 'secret-parameter', {
          name: secret.parameterName ?? `/iam-user/${props.userName}/access-key`,
          type: 'SecureString',
          keyId: secret.kmsKeyId,
          value: payload,
          description: `Access key of IAM user ${props.userName}`,
        });
        namedOutput(out, 'access_key_secret_parameter', parameter.name, { description: 'SSM SecureString parameter holding the current access key' });
        return;
      }
      case 'secretsmanager': {
        const store = new SecretsmanagerSecret(this, 'secret', {
          name: secret.secretName ?? `iam-user/${props.userName}/access-key`,
          kmsKeyId: secret.kmsKeyId,
          recoveryWindowInDays: secret.recoveryWindowInDays,
          description: `Access key of IAM user ${props.userName}`,
        });
        new SecretsmanagerSecretVersion(this, 'secret-version', { secretId: store.id, secretString: payload });
        namedOutput(out, 'access_key_secret_arn', store.arn, { description: 'Secrets Manager secret holding the current access key' });
        return;
      }
    }
  }
}
