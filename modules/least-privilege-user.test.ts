import { AnnotationMetadataEntryType, Fn, TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { LeastPrivilegeUser, PRESET_TAG, type LeastPrivilegeUserProps } from '.';
import { all, fixturePresets, only, policyDocument, synthUser, type Json, type Synthesized } from '../test/fixtures/modules/stack';

const ACCOUNT = '${data.aws_caller_identity.current.account_id}';
const PARTITION = '${data.aws_partition.current.partition}';
const REGION = '${data.aws_region.current.name}';

function policies(synth: Synthesized): Record<string, Json> {
  return Object.fromEntries(all(synth, 'aws_iam_policy').map((p) => [String(p.name), p]));
}

describe('LeastPrivilegeUser: user', () => {
  it('makes the user with safe defaults, a group, a key and outputs', () => {
    const synth = synthUser();
    expect(only(synth, 'aws_iam_user')).toMatchObject({ name: 'deployer', path: '/', force_destroy: false, tags: {} });
    expect(only(synth, 'aws_iam_group')).toMatchObject({ name: 'deployer-group', path: '/' });
    expect(all(synth, 'aws_iam_access_key')).toHaveLength(1);
    expect(synth.resource.aws_iam_user_login_profile).toBeUndefined();
    expect(Object.keys(synth.output).sort()).toEqual(
      ['access_key_id', 'access_key_secret', 'group_name', 'policy_arns', 'user_arn', 'user_name'].map((n) => `deployer_${n}`),
    );
  });

  it('sets path, force destroy and the permissions boundary with the account substituted', () => {
    const synth = synthUser({ path: '/ci/', forceDestroy: true, permissionsBoundary: 'arn:${Partition}:iam::123456789012:policy/Boundary' });
    const user = only(synth, 'aws_iam_user');
    expect(user).toMatchObject({ path: '/ci/', force_destroy: true, permissions_boundary: `arn:${PARTITION}:iam::${ACCOUNT}:policy/Boundary` });
    expect(only(synth, 'aws_iam_group').path).toBe('/ci/');
  });

  it('takes a permissions boundary given as a reference as it is, and refuses one that is not a policy ARN', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'boundary');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const boundary = new TerraformVariable(stack, 'boundary_arn', { type: 'string' });
    new LeastPrivilegeUser(stack, 'deployer', { userName: 'deployer', permissionsBoundary: boundary.stringValue });
    expect(only(JSON.parse(Testing.synth(stack)) as Synthesized, 'aws_iam_user').permissions_boundary).toBe('${var.boundary_arn}');
    expect(() => synthUser({ permissionsBoundary: 'Boundary' })).toThrow(/permissionsBoundary "Boundary" is not a policy ARN: .*arn:\$\{Partition\}:iam::\$\{AccountId\}:policy\/Boundary/);
    expect(only(synthUser({ permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' }), 'aws_iam_user').permissions_boundary).toBe('arn:aws:iam::aws:policy/PowerUserAccess');
  });

  it('tags the user with the caller tags and the preset names joined by a space', () => {
    const synth = synthUser({ tags: { team: 'platform' }, presets: ['self-service', 'bucket-reader'] });
    expect(only(synth, 'aws_iam_user').tags).toEqual({ team: 'platform', [PRESET_TAG]: 'self-service bucket-reader' });
  });

  it('refuses a caller tag that would hide the preset tag', () => {
    expect(() => synthUser({ tags: { [PRESET_TAG]: 'admin' } })).toThrow(/tags\["iam-preset"\] is set by the construct/);
  });

  it('refuses invalid names and paths, naming the prop', () => {
    expect(() => synthUser({ userName: 'has space' })).toThrow(/userName "has space" is not a valid IAM name/);
    expect(() => synthUser({ userName: 'x'.repeat(65) })).toThrow(/userName .* up to 64/);
    expect(() => synthUser({ path: 'ci' })).toThrow(/path "ci" is not a valid IAM path/);
  });

  it('says a name given as a Terraform reference must be text, not that it has odd characters', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'named');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const name = new TerraformVariable(stack, 'user_name', { type: 'string' }).stringValue;
    expect(() => new LeastPrivilegeUser(stack, 'a', { userName: name })).toThrow(/^userName is a Terraform reference: .*give it as text/);
    expect(() => new LeastPrivilegeUser(stack, 'b', { userName: 'b', groupName: name })).toThrow(/^groupName is a Terraform reference/);
  });

  it('creates the account data sources once per stack and exposes tokens', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'two');
    new AwsProvider(stack, 'aws', {});
    const a = new LeastPrivilegeUser(stack, 'a', { userName: 'a', presets: ['self-service'], presetSource: fixturePresets });
    new LeastPrivilegeUser(stack, 'b', { userName: 'b', presets: ['self-service'], presetSource: fixturePresets, accessKey: false });
    new TerraformOutput(stack, 'exposed', { value: [a.userName, a.userArn, a.groupName, a.accessKeyId] });
    const synth = JSON.parse(Testing.synth(stack)) as Synthesized;
    expect(Object.keys(synth.data.aws_caller_identity)).toEqual(['current']);
    expect(Object.keys(synth.data.aws_partition)).toEqual(['current']);
    expect(Object.keys(synth.data.aws_region)).toEqual(['current']);
    expect(synth.output.exposed.value).toEqual([
      expect.stringMatching(/^\$\{aws_iam_user\.a_user_\w+\.name\}$/),
      expect.stringMatching(/^\$\{aws_iam_user\.a_user_\w+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_iam_group\.a_group_\w+\.name\}$/),
      expect.stringMatching(/^\$\{aws_iam_access_key\.a_access-key_slot-a_\w+\.id\}$/),
    ]);
  });

  it('refuses two users whose outputs would collide', () => {
    const stack = new TerraformStack(Testing.app(), 'dup');
    new LeastPrivilegeUser(new Construct(stack, 'team-a'), 'ci', { userName: 'a', presetSource: fixturePresets });
    expect(() => new LeastPrivilegeUser(new Construct(stack, 'team-b'), 'ci', { userName: 'b', presetSource: fixturePresets })).toThrow(
      /output "ci_\w+" already exists in stack dup: give the construct at dup\/team-b\/ci an id/,
    );
  });
});

describe('LeastPrivilegeUser: grants', () => {
  it('renders presets as jsonencode({...}) with the account, partition and region substituted', () => {
    const synth = synthUser({ presets: ['self-service', 'bucket-reader'] });
    const byName = policies(synth);
    expect(Object.keys(byName).sort()).toEqual(['deployer-bucket-reader', 'deployer-self-service']);
    const selfService = byName['deployer-self-service'];
    // IAM's own variable reaches IAM literally: `$${` is Terraform's escape for `${`.
    expect(String(selfService.policy)).toContain(`"Resource" = "arn:aws:iam::${ACCOUNT}:user/$\${aws:username}"`);
    expect(policyDocument(selfService).Statement[0].Resource).toBe(`arn:aws:iam::${ACCOUNT}:user/\${aws:username}`);
    expect(policyDocument(byName['deployer-bucket-reader']).Statement[0].Resource).toBe(`arn:${PARTITION}:s3:::logs-${ACCOUNT}-${REGION}/*`);
    expect(String(selfService.policy)).not.toContain('123456789012');
  });

  it('attaches every grant to the group the user joins', () => {
    const synth = synthUser({ presets: ['self-service'], managedPolicies: ['ReadOnlyAccess', 'job-function/ViewOnlyAccess'] });
    const membership = only(synth, 'aws_iam_user_group_membership');
    expect(membership.groups).toEqual([expect.stringMatching(/^\$\{aws_iam_group\.\S+\.name\}$/)]);
    const arns = all(synth, 'aws_iam_group_policy_attachment').map((a) => a.policy_arn);
    expect(arns).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\$\{aws_iam_policy\.\S+\.arn\}$/),
        `arn:${PARTITION}:iam::aws:policy/ReadOnlyAccess`,
        `arn:${PARTITION}:iam::aws:policy/job-function/ViewOnlyAccess`,
      ]),
    );
    expect(arns).toHaveLength(3);
    expect(synth.resource.aws_iam_user_policy_attachment).toBeUndefined();
    expect([...(synth.output.deployer_policy_arns.value as string[])].sort()).toEqual([...arns].sort());
  });

  it('names the group after the user unless groupName is given', () => {
    expect(only(synthUser({ groupName: 'deployers' }), 'aws_iam_group').name).toBe('deployers');
  });

  it('attaches to the user when attachTo is user, with no group', () => {
    const synth = synthUser({ attachTo: 'user', managedPolicies: ['ReadOnlyAccess'] });
    expect(synth.resource.aws_iam_group).toBeUndefined();
    expect(only(synth, 'aws_iam_user_policy_attachment').policy_arn).toBe(`arn:${PARTITION}:iam::aws:policy/ReadOnlyAccess`);
    expect(synth.output.deployer_group_name).toBeUndefined();
    expect(() => synthUser({ attachTo: 'user', groupName: 'g' })).toThrow(/groupName is set but attachTo is 'user'/);
  });

  it('warns when more managed policies attach than IAM allows by default', () => {
    const warnings = (count: number) => {
      const stack = new TerraformStack(Testing.app(), 'many');
      const user = new LeastPrivilegeUser(stack, 'u', { userName: 'u', managedPolicies: Array.from({ length: count }, (_, i) => `P${i}`), presetSource: fixturePresets });
      return user.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data));
    };
    expect(warnings(10)).toEqual([]);
    expect(warnings(11)).toEqual([expect.stringContaining('11 managed policies attach to one group; IAM allows 10')]);
  });

  it('lists the presets there are when one is unknown', () => {
    expect(() => synthUser({ presets: ['eks-admin'] })).toThrow('presets: unknown preset "eks-admin"; the presets are: bucket-reader, self-service');
    expect(() => synthUser({ presets: ['self-service', 'self-service'] })).toThrow('presets: "self-service" is listed twice');
  });

  it('refuses a managed policy given as an ARN', () => {
    expect(() => synthUser({ managedPolicies: ['ReadOnlyAccess', 'ReadOnlyAccess'] })).toThrow('managedPolicies: "ReadOnlyAccess" is listed twice');
    expect(() => synthUser({ managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] })).toThrow(/give the policy's name \("ReadOnlyAccess"\), not its ARN/);
  });

  it('renders custom documents and refuses invalid ones naming the statement', () => {
    const ok = synthUser({ policies: { deploy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: 'arn:aws:lambda:${Region}:123456789012:function:app' } } } });
    expect(policyDocument(policies(ok)['deployer-deploy']).Statement).toEqual({ Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:app` });
    const bad = { Version: '2012-10-17', Statement: [{ Sid: 'Fine', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }, { Sid: 'Broken', Effect: 'Permit', Action: 's3:GetObject' }] };
    expect(() => synthUser({ policies: { deploy: bad } })).toThrow(/policies\.deploy \(custom document\) is not a valid IAM policy document; fix it:\n {2}- Statement\[1\] \(Sid "Broken"\): Effect must be "Allow" or "Deny"/);
    expect(() => synthUser({ policies: { deploy: { Statement: [] } } })).toThrow(/- document: Version is missing/);
  });

  // Escaped like literal text, a reference became the Resource "$var.bucket/*", which IAM refuses at apply.
  it('refuses a Terraform reference inside a document, naming where it is and what to do', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'reference');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const bucket = new TerraformVariable(stack, 'bucket', { type: 'string' });
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:${Partition}:s3:::logs/*', `${bucket.stringValue}/*`] }] };
    expect(() => new LeastPrivilegeUser(stack, 'deployer', { userName: 'deployer', policies: { read: document } })).toThrow(
      /policies\.read: Statement\[0\]\.Resource\[1\] holds a Terraform reference.*\$\{AccountId\}.*groupName/s,
    );
  });

  it('splits a document over the managed policy quota by statement', () => {
    // 60 statements of ~200 characters each: about 12,000 characters, so two or three policies.
    const statements = Array.from({ length: 60 }, (_, i) => ({
      Sid: `Bucket${i}`,
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: [`arn:\${Partition}:s3:::bucket-${i}-\${AccountId}-\${Region}/*`, `arn:aws:s3:::other-${i}-123456789012/*`],
    }));
    const synth = synthUser({ policies: { big: { Version: '2012-10-17', Statement: statements } } });
    const parts = Object.values(policies(synth));
    expect(parts.length).toBeGreaterThan(1);
    const sids = parts.flatMap((p) => policyDocument(p).Statement.map((s) => s.Sid));
    expect(sids).toEqual(statements.map((s) => s.Sid));
    expect(Object.keys(policies(synth))).toContain('deployer-big-1');
  });

  it('refuses a single statement over the quota with its size', () => {
    const actions = Array.from({ length: 400 }, (_, i) => `s3:GetObjectVersionForReplication${i}`);
    const doc = { Version: '2012-10-17', Statement: [{ Sid: 'Huge', Effect: 'Allow', Action: actions, Resource: '*' }] };
    expect(() => synthUser({ policies: { huge: doc } })).toThrow(/policies\.huge \(custom document\): Statement\[0\] \(Sid "Huge"\) is \d+ characters without white space .* over the 6144-character managed policy quota/);
  });
});

describe('LeastPrivilegeUser: access key', () => {
  it('can be turned off', () => {
    const synth = synthUser({ accessKey: false });
    expect(synth.resource.aws_iam_access_key).toBeUndefined();
    expect(synth.output.deployer_access_key_id).toBeUndefined();
  });

  it('outputs the secret as sensitive by default', () => {
    const synth = synthUser();
    expect(synth.output.deployer_access_key_secret).toMatchObject({ sensitive: true, value: expect.stringMatching(/\.secret\}$/) });
    expect(only(synth, 'aws_iam_access_key').status).toBe('Active');
  });

  it('outputs only the encrypted secret with a PGP key', () => {
    const synth = synthUser({ accessKey: { pgpKey: 'keybase:someone', status: 'Inactive' } });
    expect(only(synth, 'aws_iam_access_key')).toMatchObject({ pgp_key: 'keybase:someone', status: 'Inactive' });
    expect(synth.output.deployer_access_key_secret).toBeUndefined();
    expect(synth.output.deployer_access_key_encrypted_secret).toMatchObject({ sensitive: true, value: expect.stringMatching(/\.encrypted_secret\}$/) });
  });

  it('keeps the previous key in the other slot after a serial bump', () => {
    const keysAt = (serial: number) => {
      const synth = synthUser({ accessKey: { serial } });
      const markers = synth.resource.terraform_data ?? {};
      return Object.entries(synth.resource.aws_iam_access_key).map(([name, key]) => {
        const trigger = (key.lifecycle as { replace_triggered_by: string[] }).replace_triggered_by[0];
        const marker = markers[trigger.replace(/^terraform_data\./, '')];
        return { slot: name.includes('slot-a') ? 'a' : 'b', serial: (marker.input as { serial: number }).serial };
      });
    };
    expect(keysAt(0)).toEqual([{ slot: 'a', serial: 0 }]);
    expect(keysAt(1)).toEqual(expect.arrayContaining([{ slot: 'a', serial: 0 }, { slot: 'b', serial: 1 }]));
    expect(keysAt(2)).toEqual(expect.arrayContaining([{ slot: 'a', serial: 2 }, { slot: 'b', serial: 1 }]));
    const atTwo = synthUser({ accessKey: { serial: 2 } });
    expect(atTwo.output.deployer_access_key_id.value).toMatch(/slot-a/);
    expect(atTwo.output.deployer_previous_access_key_id.value).toMatch(/slot-b/);
  });

  it('refuses a serial that is not a whole number >= 0', () => {
    expect(() => synthUser({ accessKey: { serial: -1 } })).toThrow(/accessKey\.serial must be a whole number >= 0 \(found -1\)/);
    expect(() => synthUser({ accessKey: { serial: 1.5 } })).toThrow(/accessKey\.serial/);
  });

  it('stores the secret in an SSM SecureString parameter', () => {
    const synth = synthUser({ accessKey: { secret: { store: 'ssm', kmsKeyId: 'alias/keys' } } });
    const parameter = only(synth, 'aws_ssm_parameter');
    expect(parameter).toMatchObject({ name: '/iam-user/deployer/access-key', type: 'SecureString', key_id: 'alias/keys' });
    expect(String(parameter.value)).toMatch(/"SecretAccessKey":"\$\{aws_iam_access_key\.\S+\.secret\}"/);
    expect(synth.output.deployer_access_key_secret).toBeUndefined();
    expect(synth.output.deployer_access_key_secret_parameter.value).toMatch(/aws_ssm_parameter\.\S+\.name/);
    expect(only(synthUser({ accessKey: { secret: { store: 'ssm', parameterName: '/ci/key' } } }), 'aws_ssm_parameter').name).toBe('/ci/key');
  });

  it('stores the secret in Secrets Manager', () => {
    const synth = synthUser({ accessKey: { secret: { store: 'secretsmanager', secretName: 'ci/key', recoveryWindowInDays: 0 } } });
    expect(only(synth, 'aws_secretsmanager_secret')).toMatchObject({ name: 'ci/key', recovery_window_in_days: 0 });
    expect(String(only(synth, 'aws_secretsmanager_secret_version').secret_string)).toMatch(/"AccessKeyId":"\$\{aws_iam_access_key\.\S+\.id\}"/);
    expect(synth.output.deployer_access_key_secret_arn.value).toMatch(/aws_secretsmanager_secret\.\S+\.arn/);
    expect(() => synthUser({ accessKey: { secret: { store: 'secretsmanager', recoveryWindowInDays: 3 } } })).toThrow(/recoveryWindowInDays must be 0 or 7 to 30/);
  });

  it('refuses a PGP key with a store that needs the plain secret', () => {
    expect(() => synthUser({ accessKey: { pgpKey: 'keybase:x', secret: { store: 'ssm' } } })).toThrow(/accessKey\.pgpKey and accessKey\.secret\.store 'ssm' do not go together/);
  });

  // The provider takes an empty pgp_key for none: the secret would be plain in the state, the output empty.
  it('refuses a PGP key the provider would ignore or fail on, and takes base64, keybase or an expression', () => {
    expect(() => synthUser({ accessKey: { pgpKey: '' } })).toThrow(/accessKey\.pgpKey is empty: the provider would keep the secret access key unencrypted/);
    expect(() => synthUser({ accessKey: { pgpKey: '-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQEN\n' } })).toThrow(/accessKey\.pgpKey is an ASCII-armored key.*gpg --export <key id> \| base64 -w0/);
    expect(() => synthUser({ accessKey: { pgpKey: 'not base64!' } })).toThrow(/accessKey\.pgpKey is neither base64 nor keybase:<user>/);
    expect(() => synthUser({ accessKey: { pgpKey: 'keybase:' } })).toThrow(/accessKey\.pgpKey "keybase:" is not a keybase user name/);
    expect(only(synthUser({ accessKey: { pgpKey: 'mQEN\nBFx=' } }), 'aws_iam_access_key').pgp_key).toBe('mQEN\nBFx=');
    expect(only(synthUser({ accessKey: { pgpKey: Fn.filebase64('key.gpg') } }), 'aws_iam_access_key').pgp_key).toBe('${filebase64("key.gpg")}');
  });
});

describe('LeastPrivilegeUser: console access', () => {
  it('makes a login profile with a generated password, reset required, changes ignored', () => {
    const synth = synthUser({ consoleAccess: {} });
    const profile = only(synth, 'aws_iam_user_login_profile');
    expect(profile).toMatchObject({ password_reset_required: true, password_length: 20 });
    expect(profile).not.toHaveProperty('password');
    expect(profile.lifecycle).toEqual({ ignore_changes: ['password_length', 'password_reset_required', 'pgp_key'] });
    expect(synth.output.deployer_console_password).toMatchObject({ sensitive: true });
  });

  it('outputs only the encrypted password with a PGP key', () => {
    const synth = synthUser({ consoleAccess: { pgpKey: 'keybase:someone', passwordResetRequired: false, passwordLength: 32 } });
    expect(only(synth, 'aws_iam_user_login_profile')).toMatchObject({ pgp_key: 'keybase:someone', password_reset_required: false, password_length: 32 });
    expect(synth.output.deployer_console_password).toBeUndefined();
    expect(synth.output.deployer_console_encrypted_password).toMatchObject({ sensitive: true, value: expect.stringMatching(/\.encrypted_password\}$/) });
  });

  it('warns when the user must change its password but no grant lets it', () => {
    const warnings = (props: Partial<LeastPrivilegeUserProps>) => {
      const stack = new TerraformStack(Testing.app(), 'console');
      const user = new LeastPrivilegeUser(stack, 'u', { userName: 'u', presetSource: fixturePresets, ...props });
      return user.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data));
    };
    const changeOwn = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:Change*', Resource: 'arn:${Partition}:iam::${AccountId}:user/${aws:username}' }] };
    expect(warnings({ consoleAccess: {} })).toEqual([expect.stringMatching(/^consoleAccess: .*iam:ChangePassword.*IAMUserChangePassword/)]);
    expect(warnings({ consoleAccess: {}, policies: { own: changeOwn } })).toEqual([]);
    expect(warnings({ consoleAccess: {}, managedPolicies: ['IAMUserChangePassword'] })).toEqual([]);
    expect(warnings({ consoleAccess: { passwordResetRequired: false } })).toEqual([]);
    const denied = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:ChangePassword', Resource: '*' }] };
    expect(warnings({ consoleAccess: {}, policies: { denied } })).toHaveLength(1);
  });

  it('refuses a password length IAM would refuse', () => {
    expect(() => synthUser({ consoleAccess: { passwordLength: 4 } })).toThrow(/consoleAccess\.passwordLength must be a whole number from 5 to 128/);
  });

  it('refuses an empty or armored PGP key, which would leave the password unencrypted or fail at apply', () => {
    expect(() => synthUser({ consoleAccess: { pgpKey: ' ' } })).toThrow(/consoleAccess\.pgpKey is empty: the provider would keep the console password unencrypted/);
    expect(() => synthUser({ consoleAccess: { pgpKey: '-----BEGIN PGP PUBLIC KEY BLOCK-----' } })).toThrow(/consoleAccess\.pgpKey is an ASCII-armored key/);
  });
});
