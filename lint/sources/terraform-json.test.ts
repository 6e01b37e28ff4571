import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../model/types';
import { readPaths, readText } from './index';

const FILE = 'stacks/app/cdk.tf.json';

function read(config: unknown, file = FILE): Inventory {
  const result = readText(file, JSON.stringify(config, null, 2));
  expect(result.errors).toEqual([]);
  expect(result.skipped).toEqual([]);
  return result.inventory;
}

const key = (address: string): string => `${FILE}::${address}`;
const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

describe('Terraform JSON configuration', () => {
  it('reads users, groups and roles with their tags, skipping cdktf // metadata', () => {
    const inventory = read({
      '//': { metadata: { version: '0.21.0' } },
      resource: {
        aws_iam_user: { deployer: { '//': { metadata: { path: 'app/deployer' } }, name: 'deployer', tags: { 'iam-preset': 's3-read', team: 'x' } } },
        aws_iam_group: { ops: { name: 'ops' } },
        aws_iam_role: { ci: { name: 'ci' } },
      },
    });
    expect(inventory.principals.map((p) => [p.key, p.kind, p.name])).toEqual([
      [key('aws_iam_user.deployer'), 'user', 'deployer'],
      [key('aws_iam_group.ops'), 'group', 'ops'],
      [key('aws_iam_role.ci'), 'role', 'ci'],
    ]);
    expect(inventory.principals[0]?.tags).toEqual({ 'iam-preset': 's3-read', team: 'x' });
    expect(inventory.principals[0]?.origin).toEqual({ file: FILE, resource: 'aws_iam_user.deployer', pointer: '/resource/aws_iam_user/deployer', line: 9 });
  });

  it('reads aws_iam_policy as managed, measures it and links attachments by reference and by ARN name', () => {
    const inventory = read({
      resource: {
        aws_iam_user: { u: { name: 'u' } },
        aws_iam_policy: { admin: { name: 'admin-policy', policy: JSON.stringify(ADMIN, null, 2) } },
        aws_iam_user_policy_attachment: {
          by_ref: { user: '${aws_iam_user.u.name}', policy_arn: '${aws_iam_policy.admin.arn}' },
          by_arn_name: { user: 'u', policy_arn: 'arn:aws:iam::${data.aws_caller_identity.me.account_id}:policy/admin-policy' },
          aws_managed: { user: 'u', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
          elsewhere: { user: 'u', policy_arn: 'arn:aws:iam::111122223333:policy/other' },
        },
      },
    });
    const [policy] = inventory.policies;
    expect(policy?.kind).toBe('managed');
    expect(policy?.name).toBe('admin-policy');
    expect(policy?.document?.statements[0]?.actions).toEqual(['*']);
    expect(policy?.document?.size).toBe(JSON.stringify(ADMIN).length);
    expect(policy?.origin.pointer).toBe('/resource/aws_iam_policy/admin/policy');
    expect(inventory.attachments.map((a) => [a.principal, a.policy, a.arn])).toEqual([
      [key('aws_iam_user.u'), key('aws_iam_policy.admin'), null],
      [key('aws_iam_user.u'), key('aws_iam_policy.admin'), null],
      [key('aws_iam_user.u'), null, 'arn:aws:iam::aws:policy/AdministratorAccess'],
      [key('aws_iam_user.u'), null, 'arn:aws:iam::111122223333:policy/other'],
    ]);
  });

  it('reads inline user, group and role policies as grants to their holder', () => {
    const inventory = read({
      resource: {
        aws_iam_user: { u: { name: 'u' } },
        aws_iam_group: { g: { name: 'g' } },
        aws_iam_role: { r: { name: 'r' } },
        aws_iam_user_policy: { up: { name: 'up', user: '${aws_iam_user.u.name}', policy: JSON.stringify(ADMIN) } },
        aws_iam_group_policy: { gp: { group: 'g', policy: JSON.stringify(ADMIN) } },
        aws_iam_role_policy: { rp: { role: '${aws_iam_role.r.id}', policy: JSON.stringify(ADMIN) } },
      },
    });
    expect(inventory.policies.map((p) => [p.key, p.kind])).toEqual([
      [key('aws_iam_user_policy.up'), 'inline-user'],
      [key('aws_iam_group_policy.gp'), 'inline-group'],
      [key('aws_iam_role_policy.rp'), 'inline-role'],
    ]);
    expect(inventory.inlineGrants).toEqual([
      { principal: key('aws_iam_user.u'), policy: key('aws_iam_user_policy.up') },
      { principal: key('aws_iam_group.g'), policy: key('aws_iam_group_policy.gp') },
      { principal: key('aws_iam_role.r'), policy: key('aws_iam_role_policy.rp') },
    ]);
  });

  it('reads a role trust policy, its inline_policy blocks and managed_policy_arns', () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const inventory = read({
      resource: {
        aws_iam_role: {
          r: {
            name: 'r',
            assume_role_policy: JSON.stringify(trust),
            inline_policy: [{ name: 'inline', policy: JSON.stringify(ADMIN) }],
            managed_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
          },
        },
      },
    });
    const [trustRecord, inline] = inventory.policies;
    expect(trustRecord?.kind).toBe('trust');
    expect(trustRecord?.key).toBe(key('aws_iam_role.r/assume_role_policy'));
    // A trust policy has no Resource, and that is not a problem.
    expect(trustRecord?.document?.problems).toEqual([]);
    expect(inline?.kind).toBe('inline-role');
    expect(inline?.name).toBe('inline');
    expect(inventory.inlineGrants).toEqual([{ principal: key('aws_iam_role.r'), policy: inline?.key }]);
    expect(inventory.attachments.map((a) => [a.principal, a.arn])).toEqual([[key('aws_iam_role.r'), 'arn:aws:iam::aws:policy/ReadOnlyAccess']]);
  });

  it('turns aws_iam_policy_document blocks into a document, with the line of each statement', () => {
    const inventory = read({
      data: {
        aws_iam_policy_document: {
          doc: {
            statement: [
              { sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] },
              {
                effect: 'Allow',
                not_actions: ['iam:*'],
                not_resources: ['arn:aws:s3:::secret/*'],
                principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }],
                condition: [
                  { test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] },
                  { test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['eu-west-1'] },
                ],
              },
            ],
          },
          trust: { statement: { actions: ['sts:AssumeRole'], principals: { type: '*', identifiers: ['*'] } } },
        },
      },
      resource: {
        aws_iam_policy: { p: { name: 'p', policy: '${data.aws_iam_policy_document.doc.json}' } },
        aws_iam_role: { r: { name: 'r', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } },
      },
    });
    // Each document shows up where it is used, not a second time as a loose data source.
    expect(inventory.policies.map((p) => p.key)).toEqual([key('aws_iam_policy.p'), key('aws_iam_role.r/assume_role_policy')]);
    const [read0, notAction] = inventory.policies[0]?.document?.statements ?? [];
    expect(read0).toMatchObject({ sid: 'Read', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'], line: 6 });
    expect(notAction).toMatchObject({
      notActions: ['iam:*'],
      notResources: ['arn:aws:s3:::secret/*'],
      principal: { AWS: ['arn:aws:iam::111122223333:root'] },
      condition: { Bool: { 'aws:SecureTransport': ['true'] }, StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
      line: 15,
    });
    expect(inventory.policies[1]?.document?.statements[0]?.principal).toBe('*');
    expect(inventory.policies[1]?.document?.problems).toEqual([]);
  });

  it('renders a dynamic "statement" block once, its iterator values opaque, with dynamic principals and conditions', () => {
    const config = {
      data: {
        aws_iam_policy_document: {
          doc: {
            statement: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }],
            dynamic: {
              statement: [
                {
                  for_each: '${var.queues}',
                  content: {
                    actions: ['sqs:*'],
                    resources: ['${statement.value}'],
                    dynamic: { condition: { for_each: '${var.tags}', content: { test: 'StringEquals', variable: 'aws:ResourceTag/team', values: ['${condition.value}'] } } },
                  },
                },
              ],
            },
          },
        },
      },
    };
    const text = JSON.stringify(config, null, 2);
    const inventory = read(config);
    const statements = inventory.policies[0]?.document?.statements ?? [];
    expect(statements.map((s) => [s.actions, s.resources])).toEqual([
      [['s3:GetObject'], ['arn:aws:s3:::b/*']],
      [['sqs:*'], ['${statement.value}']],
    ]);
    expect(statements[1]?.condition).toEqual({ StringEquals: { 'aws:ResourceTag/team': ['${condition.value}'] } });
    expect(inventory.policies[0]?.document?.problems).toEqual([]);
    // The generated statement points at the dynamic block's `statement` key.
    const lines = text.split('\n');
    expect(statements[1]?.line).toBe(lines.findIndex((l) => l.includes('"dynamic"')) + 2);
  });

  it('follows a policy kept in locals (cdktf TerraformLocal)', () => {
    const inventory = read({
      locals: { admin: '${jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })}' },
      resource: { aws_iam_policy: { p: { name: 'p', policy: '${local.admin}' } } },
    });
    expect(inventory.policies[0]?.document?.statements[0]).toMatchObject({ actions: ['*'], resources: ['*'] });
  });

  it('reads the exclusive attachments (aws_iam_*_policy_attachments_exclusive) as attachments of each ARN', () => {
    const inventory = read({
      resource: {
        aws_iam_user: { u: { name: 'alice' } },
        aws_iam_policy: { p: { name: 'p', policy: JSON.stringify(ADMIN) } },
        aws_iam_user_policy_attachments_exclusive: { x: { user_name: '${aws_iam_user.u.name}', policy_arns: ['arn:aws:iam::aws:policy/AdministratorAccess', '${aws_iam_policy.p.arn}'] } },
        aws_iam_role_policy_attachments_exclusive: { y: { role_name: 'deployer', policy_arns: ['arn:aws:iam::aws:policy/IAMFullAccess'] } },
      },
    });
    expect(inventory.attachments.map((a) => [a.principal, a.policy, a.arn, a.origin.resource])).toEqual([
      [key('aws_iam_user.u'), null, 'arn:aws:iam::aws:policy/AdministratorAccess', 'aws_iam_user_policy_attachments_exclusive.x'],
      [key('aws_iam_user.u'), key('aws_iam_policy.p'), null, 'aws_iam_user_policy_attachments_exclusive.x'],
      ['stacks/app::role:deployer', null, 'arn:aws:iam::aws:policy/IAMFullAccess', 'aws_iam_role_policy_attachments_exclusive.y'],
    ]);
  });

  it('reads the inline policy of an IAM Identity Center permission set as a document', () => {
    const inventory = read({ resource: { aws_ssoadmin_permission_set_inline_policy: { ps: { inline_policy: JSON.stringify(ADMIN), permission_set_arn: '${aws_ssoadmin_permission_set.p.arn}' } } } });
    expect(inventory.policies.map((p) => [p.key, p.kind, p.origin.pointer, p.document?.statements[0]?.actions])).toEqual([
      [key('aws_ssoadmin_permission_set_inline_policy.ps'), 'permission-set', '/resource/aws_ssoadmin_permission_set_inline_policy/ps/inline_policy', ['*']],
    ]);
  });

  it('keeps an unused aws_iam_policy_document as a document of its own', () => {
    const inventory = read({ data: { aws_iam_policy_document: { loose: { statement: [{ actions: ['*'], resources: ['*'] }] } } } });
    expect(inventory.policies.map((p) => [p.key, p.kind])).toEqual([[key('data.aws_iam_policy_document.loose'), 'document']]);
  });

  it('evaluates ${jsonencode(...)} and keeps what it cannot evaluate opaque', () => {
    const inventory = read({
      resource: {
        aws_iam_policy: {
          encoded: {
            name: 'encoded',
            policy: '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = ["s3:*"], "Resource" = [aws_s3_bucket.b.arn, "arn:aws:s3:::x/$${aws:username}/*"]}]})}',
          },
          variable: { name: 'variable', policy: '${var.policy}' },
          templated: { name: 'templated', policy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ${jsonencode(var.actions)}, "Resource": "*"}]}' },
          broken: { name: 'broken', policy: '{"Version": "2012-10-17", "Statement": [' },
        },
      },
    });
    const [encoded, variable, templated, broken] = inventory.policies;
    expect(encoded?.document?.statements[0]?.resources).toEqual(['${aws_s3_bucket.b.arn}', 'arn:aws:s3:::x/${aws:username}/*']);
    expect(encoded?.document?.problems).toEqual([]);
    expect(variable).toMatchObject({ document: null, parseError: null, unresolved: '${var.policy}' });
    expect(templated).toMatchObject({ document: null, parseError: null });
    expect(templated?.unresolved).toMatch(/interpolations/);
    expect(broken?.document).toBeNull();
    expect(broken?.parseError).toMatch(/not valid JSON/);
  });

  it('reads policy strings with interpolations, turning $${ into the policy variable it writes', () => {
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::${var.account}:user/$${aws:username}"}]}';
    const inventory = read({ resource: { aws_iam_policy: { self: { name: 'self', policy } } } });
    expect(inventory.policies[0]?.document?.statements[0]?.resources).toEqual(['arn:aws:iam::${var.account}:user/${aws:username}']);
  });

  it('reads aws_iam_policy_attachment lists, group memberships, login profiles and access keys', () => {
    const inventory = read({
      resource: {
        aws_iam_user: { a: { name: 'alice' }, b: { name: 'bob' } },
        aws_iam_group: { g: { name: 'devs' } },
        aws_iam_role: { r: { name: 'runner' } },
        aws_iam_policy_attachment: {
          shared: { name: 'shared', users: ['${aws_iam_user.a.name}'], groups: ['devs'], roles: ['runner'], policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        },
        aws_iam_group_policy_attachment: { gp: { group: '${aws_iam_group.g.name}', policy_arn: 'arn:aws:iam::aws:policy/PowerUserAccess' } },
        aws_iam_role_policy_attachment: { rp: { role: 'runner', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } },
        aws_iam_user_group_membership: { m: { user: '${aws_iam_user.a.name}', groups: ['${aws_iam_group.g.name}'] } },
        aws_iam_group_membership: { gm: { name: 'gm', group: 'devs', users: ['bob', 'carol'] } },
        aws_iam_user_login_profile: {
          a: { user: '${aws_iam_user.a.name}', password: 'Admin@123', password_reset_required: false },
          b: { user: 'bob', pgp_key: 'keybase:bob', password_reset_required: true },
        },
        aws_iam_access_key: { a: { user: '${aws_iam_user.a.name}', status: 'Inactive' }, b: { user: 'bob', pgp_key: 'keybase:bob' } },
      },
    });
    const alice = key('aws_iam_user.a');
    const bob = key('aws_iam_user.b');
    const devs = key('aws_iam_group.g');
    const runner = key('aws_iam_role.r');
    const carol = 'stacks/app::user:carol';
    expect(inventory.attachments.map((a) => [a.principal, a.arn])).toEqual([
      [alice, 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
      [devs, 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
      [runner, 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
      [devs, 'arn:aws:iam::aws:policy/PowerUserAccess'],
      [runner, 'arn:aws:iam::aws:policy/AdministratorAccess'],
    ]);
    expect(inventory.memberships.map((m) => [m.user, m.group])).toEqual([
      [alice, devs],
      [bob, devs],
      [carol, devs],
    ]);
    // carol is not defined in the stack: she is kept as an external principal, not dropped.
    expect(inventory.principals.find((p) => p.key === carol)).toMatchObject({ kind: 'user', name: 'carol', tags: {} });
    expect(inventory.loginProfiles.map((l) => [l.user, l.passwordResetRequired, l.hasPgpKey, l.literalPassword])).toEqual([
      [alice, false, false, true],
      [bob, true, true, false],
    ]);
    expect(inventory.accessKeys.map((k) => [k.user, k.hasPgpKey, k.status])).toEqual([
      [alice, false, 'Inactive'],
      [bob, true, null],
    ]);
  });

  it('does not take a password from a reference for a literal one', () => {
    const inventory = read({ resource: { aws_iam_user_login_profile: { x: { user: 'x', password: '${random_password.p.result}' } } } });
    expect(inventory.loginProfiles[0]?.literalPassword).toBe(false);
    expect(inventory.loginProfiles[0]?.passwordResetRequired).toBeNull();
  });

  it('links the *.tf.json files of one folder together, and not across folders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfjson-'));
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'a', 'users.tf.json'), JSON.stringify({ resource: { aws_iam_user: { u: { name: 'u' } } } }));
    writeFileSync(join(dir, 'a', 'keys.tf.json'), JSON.stringify({ resource: { aws_iam_access_key: { k: { user: '${aws_iam_user.u.name}' } } } }));
    writeFileSync(join(dir, 'b', 'keys.tf.json'), JSON.stringify({ resource: { aws_iam_access_key: { k: { user: '${aws_iam_user.u.name}' } } } }));
    const result = await readPaths([dir]);
    expect(result.inventory.accessKeys.map((k) => k.user)).toEqual([
      `${join(dir, 'a', 'users.tf.json')}::aws_iam_user.u`,
      // Folder b defines no user u: the reference stays an external principal of that folder.
      `${join(dir, 'b')}::user:\${aws_iam_user.u.name}`,
    ]);
  });
});

describe('merged policy documents in Terraform JSON', () => {
  const doc = (i: number, extra: Record<string, unknown> = {}) => ({ statement: [{ sid: `S${i}`, actions: ['s3:GetObject'], resources: [`arn:aws:s3:::b${i}/*`] }], ...extra });
  const unit = (data: Record<string, unknown>, top: string) =>
    JSON.stringify({ data: { aws_iam_policy_document: data }, resource: { aws_iam_policy: { p: { name: 'p', policy: `\${data.aws_iam_policy_document.${top}.json}` } } } });

  it('lists a document merged into another only inside it, not as a document of its own', () => {
    const { inventory } = readText('m.tf.json', unit({ base: doc(0), top: doc(1, { source_policy_documents: ['${data.aws_iam_policy_document.base.json}'] }) }, 'top'));
    expect(inventory.policies.map((p) => p.kind)).toEqual(['managed']);
    expect(inventory.policies[0]?.document?.statements.map((s) => s.sid)).toEqual(['S0', 'S1']);
  });

  it('names a cycle instead of following it', () => {
    const { inventory } = readText(
      'm.tf.json',
      unit({ a: doc(0, { source_policy_documents: ['${data.aws_iam_policy_document.b.json}'] }), b: doc(1, { source_policy_documents: ['${data.aws_iam_policy_document.a.json}'] }) }, 'a'),
    );
    const document = inventory.policies[0]?.document;
    expect(document?.statements.map((s) => s.sid)).toEqual(['S1', 'S0']);
    expect(document?.problems.map((p) => p.message)).toEqual([expect.stringContaining('merges back a document that merges it')]);
  });

  it('follows a chain of 3,000 merges to a depth of 50 and says so, without overflowing the stack', () => {
    const data: Record<string, unknown> = {};
    for (let i = 0; i < 3000; i++) data[`d${i}`] = doc(i, i > 0 ? { source_policy_documents: [`\${data.aws_iam_policy_document.d${i - 1}.json}`] } : {});
    const { inventory } = readText('m.tf.json', unit(data, 'd2999'));
    expect(inventory.policies).toHaveLength(1);
    const document = inventory.policies[0]?.document;
    expect(document?.statements).toHaveLength(50);
    // Left unchecked, not judged invalid: Terraform would merge it.
    expect(document?.problems).toEqual([]);
    expect(inventory.policies[0]?.uncheckedParts).toEqual([expect.stringContaining('is merged through more than 50 data sources')]);
  });
});
