import { AnnotationMetadataEntryType, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { describe, expect, it } from 'vitest';
import { LeastPrivilegeUser, presetsFrom, type LeastPrivilegeUserProps } from '.';
import { loadPreset, presetNames } from '../policies';
import { all, functionsPresets, policyDocument, synthesized, synthPresetUser, type Json, type Synthesized } from '../test/fixtures/modules/stack';

const ACCOUNT = '${data.aws_caller_identity.current.account_id}';
const PARTITION = '${data.aws_partition.current.partition}';
const REGION = '${data.aws_region.current.name}';

function synthStack(users: Partial<LeastPrivilegeUserProps>[]): { synth: Synthesized; constructs: LeastPrivilegeUser[] } {
  const stack = new TerraformStack(Testing.app(), 'boundaries');
  new AwsProvider(stack, 'aws', {});
  const constructs = users.map((props, i) => new LeastPrivilegeUser(stack, `u${i}`, { userName: `u${i}`, presetSource: functionsPresets, ...props }));
  return { synth: synthesized(stack), constructs };
}

function policyNamed(synth: Synthesized, name: string): Json | undefined {
  return all(synth, 'aws_iam_policy').find((p) => p.name === name);
}

describe('LeastPrivilegeUser: role boundaries of presets whose users create roles', () => {
  it('creates the boundary under the name the preset names, at path /, with the account filled in', () => {
    const { synth, constructs } = synthStack([{ presets: ['functions'], path: '/ci/' }]);
    const boundary = policyNamed(synth, 'functions-role-boundary');
    expect(boundary).toMatchObject({ path: '/' });
    expect(policyDocument(boundary!).Statement).toEqual([
      { Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:${PARTITION}:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/fn-*:*` },
    ]);
    // The user's grant names the same ARN in its condition, rendered the same way.
    const grant = policyDocument(policyNamed(synth, 'u0-functions')!);
    expect(grant.Statement[0]).toMatchObject({ Condition: { StringEquals: { 'iam:PermissionsBoundary': `arn:${PARTITION}:iam::${ACCOUNT}:policy/functions-role-boundary` } } });
    // Only presets: the boundary is never attached to the user or its group.
    expect(all(synth, 'aws_iam_group_policy_attachment').map((a) => a.policy_arn)).not.toContain(expect.stringContaining('functions-role-boundary'));
    expect(constructs[0].roleBoundaryArns).toEqual({ functions: expect.stringMatching(/^\$\{TfToken\[/) });
    expect(synth.output.u0_role_boundary_arns.value).toEqual(['${aws_iam_policy.functions-role-boundary.arn}']);
  });

  it('makes no boundary, and no output, for presets whose users create no roles', () => {
    const { synth, constructs } = synthStack([{ presets: ['reader'] }]);
    expect(all(synth, 'aws_iam_policy').map((p) => p.name)).toEqual(['u0-reader']);
    expect(constructs[0].roleBoundaryArns).toEqual({});
    expect(synth.output.u0_role_boundary_arns).toBeUndefined();
  });

  it('creates one boundary for two users of the preset in one stack (IAM names are per account)', () => {
    const { synth } = synthStack([{ presets: ['functions'] }, { presets: ['functions', 'reader'] }]);
    expect(all(synth, 'aws_iam_policy').filter((p) => p.name === 'functions-role-boundary')).toHaveLength(1);
    expect(synth.output.u1_role_boundary_arns.value).toEqual(synth.output.u0_role_boundary_arns.value);
  });

  it('with createRoleBoundaries false, reads the boundary another stack creates, so a missing one fails the plan', () => {
    const { synth } = synthStack([{ presets: ['functions'], createRoleBoundaries: false }]);
    expect(policyNamed(synth, 'functions-role-boundary')).toBeUndefined();
    expect(synth.data.aws_iam_policy['functions-role-boundary']).toEqual({ arn: `arn:${PARTITION}:iam::${ACCOUNT}:policy/functions-role-boundary` });
    expect(synth.output.u0_role_boundary_arns.value).toEqual(['${data.aws_iam_policy.functions-role-boundary.arn}']);
  });

  it('in one stack, a user without createRoleBoundaries shares the boundary another user there creates', () => {
    const { synth } = synthStack([{ presets: ['functions'] }, { presets: ['functions'], createRoleBoundaries: false }]);
    expect(synth.data.aws_iam_policy).toBeUndefined();
    expect(synth.output.u1_role_boundary_arns.value).toEqual(['${aws_iam_policy.functions-role-boundary.arn}']);
    // The other order would read the policy at plan, before the stack creates it.
    expect(() => synthStack([{ presets: ['functions'], createRoleBoundaries: false }, { presets: ['functions'] }])).toThrow(
      /presets: "functions": another user in stack boundaries has createRoleBoundaries: false, .* give both users the same createRoleBoundaries/,
    );
  });

  it('warns when two stacks of one app create the same boundary (one account: EntityAlreadyExists at the second apply)', () => {
    const app = Testing.app();
    const userIn = (stackName: string, props: Partial<LeastPrivilegeUserProps> = {}) => {
      const stack = new TerraformStack(app, stackName);
      new AwsProvider(stack, 'aws', {});
      const user = new LeastPrivilegeUser(stack, 'u', { userName: `u-${stackName}`, presetSource: functionsPresets, presets: ['functions'], ...props });
      return user.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data));
    };
    expect(userIn('first')).toEqual([]);
    expect(userIn('reads', { createRoleBoundaries: false })).toEqual([]);
    expect(userIn('second')).toEqual([
      expect.stringMatching(/^presets: "functions": stacks first and second both create the role boundary functions-role-boundary; .*EntityAlreadyExists\. Set createRoleBoundaries: false/),
    ]);
    // Another app is another deployment: nothing to compare with.
    const other = new TerraformStack(Testing.app(), 'first');
    new AwsProvider(other, 'aws', {});
    const alone = new LeastPrivilegeUser(other, 'u', { userName: 'u', presetSource: functionsPresets, presets: ['functions'] });
    expect(alone.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN)).toEqual([]);
  });

  it('names the construct that holds the boundary\'s id instead of failing on a duplicate id', () => {
    const stack = new TerraformStack(Testing.app(), 'ids');
    new AwsProvider(stack, 'aws', {});
    new LeastPrivilegeUser(stack, 'functions-role-boundary', { userName: 'other', presetSource: functionsPresets, presets: ['reader'] });
    for (const create of [true, false]) {
      expect(() => new LeastPrivilegeUser(stack, `u-${String(create)}`, { userName: 'u', presetSource: functionsPresets, presets: ['functions'], createRoleBoundaries: create })).toThrow(
        'presets: "functions": stack ids already has a construct with id "functions-role-boundary", the id its role boundary takes: give that construct another id',
      );
    }
  });

  it('refuses a boundary over the managed policy quota: a role has one boundary, so it cannot be split', () => {
    const big = presetsFrom({ big: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] } }, 'big', {
      big: {
        Version: '2012-10-17',
        Statement: Array.from({ length: 40 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:\${Partition}:s3:::bucket-${'x'.repeat(100)}-${i}/*` })),
      },
    });
    const stack = new TerraformStack(Testing.app(), 'big');
    new AwsProvider(stack, 'aws', {});
    expect(() => new LeastPrivilegeUser(stack, 'u', { userName: 'u', presets: ['big'], presetSource: big })).toThrow(
      /presets: "big": the role boundary big role boundary of "big" is over the managed policy quota .* a boundary must be one policy/,
    );
  });
});

describe('the presets in policies/ that let their users create roles', () => {
  const bounded = presetNames().filter((name) => loadPreset(name).roleBoundary !== undefined);

  it('there are such presets', () => {
    expect(bounded.length).toBeGreaterThan(0);
  });

  it.each(bounded)('%s: the stack holds the boundary policy and the user\'s role writes are conditioned on its ARN', (name) => {
    const synth = synthPresetUser(name);
    const boundary = policyNamed(synth, `${name}-role-boundary`);
    expect(boundary, `${name}-role-boundary`).toBeDefined();
    expect(policyDocument(boundary!).Statement.length).toBe(loadPreset(name).roleBoundary!.document.Statement.length);
    const rendered = `arn:${PARTITION}:iam::${ACCOUNT}:policy/${name}-role-boundary`;
    const conditioned = all(synth, 'aws_iam_policy')
      .filter((p) => p.name !== `${name}-role-boundary`)
      .flatMap((p) => policyDocument(p).Statement)
      .filter((s) => JSON.stringify(s.Condition ?? {}).includes('iam:PermissionsBoundary'));
    expect(conditioned.length).toBeGreaterThan(0);
    for (const statement of conditioned) expect(statement.Condition).toMatchObject({ StringEquals: { 'iam:PermissionsBoundary': rendered } });
    expect(conditioned.flatMap((s) => s.Action as string[])).toContain('iam:CreateRole');
  });
});
