import { describe, expect, it } from 'vitest';
import { readText } from './index';

const FILE = 'plan.json';
const ADMIN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

/** A plan as `terraform show -json` writes it, trimmed to what the reader looks at. */
const plan = {
  format_version: '1.2',
  terraform_version: '1.11.0',
  planned_values: {
    root_module: {
      resources: [
        { address: 'aws_iam_user.u', mode: 'managed', type: 'aws_iam_user', name: 'u', values: { name: 'deployer', tags: null, tags_all: { 'iam-preset': 'ci' } } },
        // policy_arn is only known after apply, so planned_values leaves it out.
        { address: 'aws_iam_user_policy_attachment.a', mode: 'managed', type: 'aws_iam_user_policy_attachment', name: 'a', values: { user: 'deployer' } },
        { address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', values: { name: 'admin', policy: ADMIN } },
      ],
      child_modules: [
        {
          address: 'module.team["ops"]',
          resources: [
            { address: 'module.team["ops"].aws_iam_group.g[0]', mode: 'managed', type: 'aws_iam_group', name: 'g', index: 0, values: { name: 'ops' } },
            {
              address: 'module.team["ops"].aws_iam_group_policy_attachment.admin[0]',
              mode: 'managed',
              type: 'aws_iam_group_policy_attachment',
              name: 'admin',
              index: 0,
              values: { policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
            },
          ],
        },
      ],
    },
  },
  resource_changes: [
    { address: 'aws_iam_user_policy_attachment.a', change: { actions: ['create'], after: { user: 'deployer' }, after_unknown: { id: true, policy_arn: true } } },
    {
      address: 'module.team["ops"].aws_iam_group_policy_attachment.admin[0]',
      change: { actions: ['create'], after_unknown: { id: true, group: true } },
    },
  ],
  configuration: {
    root_module: {
      resources: [
        {
          address: 'aws_iam_user_policy_attachment.a',
          mode: 'managed',
          type: 'aws_iam_user_policy_attachment',
          name: 'a',
          expressions: { policy_arn: { references: ['aws_iam_policy.p.arn', 'aws_iam_policy.p'] }, user: { references: ['aws_iam_user.u.name', 'aws_iam_user.u'] } },
        },
      ],
      module_calls: {
        team: {
          module: {
            resources: [
              {
                address: 'aws_iam_group_policy_attachment.admin',
                mode: 'managed',
                type: 'aws_iam_group_policy_attachment',
                name: 'admin',
                expressions: { group: { references: ['aws_iam_group.g[0].name', 'aws_iam_group.g[0]', 'aws_iam_group.g'] } },
              },
            ],
          },
        },
      },
    },
  },
};

describe('Terraform plan (terraform show -json)', () => {
  const result = readText(FILE, JSON.stringify(plan));
  const { inventory } = result;

  it('is recognised by content and read from planned values', () => {
    expect(result.errors).toEqual([]);
    expect(result.filesRead).toBe(1);
    expect(inventory.principals.map((p) => [p.key, p.name])).toEqual([
      ['plan.json::aws_iam_user.u', 'deployer'],
      ['plan.json::module.team["ops"].aws_iam_group.g[0]', 'ops'],
    ]);
    expect(inventory.principals[0]?.tags).toEqual({ 'iam-preset': 'ci' });
    expect(inventory.policies[0]?.document?.statements[0]?.actions).toEqual(['*']);
  });

  it('carries the resource address and no line (a plan is one line of JSON)', () => {
    expect(inventory.policies[0]?.origin).toEqual({ file: FILE, resource: 'aws_iam_policy.p', pointer: '/planned_values/root_module/resources/2/policy', line: null });
  });

  it('links values unknown until apply through the configuration references, in child modules too', () => {
    expect(inventory.attachments.map((a) => [a.principal, a.policy, a.arn])).toEqual([
      ['plan.json::aws_iam_user.u', 'plan.json::aws_iam_policy.p', null],
      ['plan.json::module.team["ops"].aws_iam_group.g[0]', null, 'arn:aws:iam::aws:policy/AdministratorAccess'],
    ]);
  });

  it('reads values known only at apply: a deferred data source document, a computed name', () => {
    const deferred = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            { address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', values: { name: 'p' } },
            { address: 'aws_iam_user.v', mode: 'managed', type: 'aws_iam_user', name: 'v', values: {} },
            {
              address: 'data.aws_iam_policy_document.d',
              mode: 'data',
              type: 'aws_iam_policy_document',
              name: 'd',
              values: {
                statement: [{ actions: ['iam:GetUser'], condition: [], effect: null, not_actions: null, principals: [], resources: [null], sid: null }],
                version: null,
              },
            },
          ],
        },
      },
      resource_changes: [
        { address: 'aws_iam_policy.p', change: { after_unknown: { arn: true, id: true, policy: true } } },
        { address: 'aws_iam_user.v', change: { after_unknown: { name: true } } },
        { address: 'data.aws_iam_policy_document.d', change: { after_unknown: { json: true, statement: [{ actions: [false], resources: [true] }] } } },
      ],
      configuration: {
        root_module: {
          resources: [
            { address: 'aws_iam_policy.p', expressions: { policy: { references: ['data.aws_iam_policy_document.d.json', 'data.aws_iam_policy_document.d'] } } },
            { address: 'aws_iam_user.v', expressions: { name: { references: ['aws_iam_user.u.unique_id', 'aws_iam_user.u'] } } },
            { address: 'data.aws_iam_policy_document.d', expressions: { statement: [{ actions: { constant_value: ['iam:GetUser'] }, resources: { references: ['aws_iam_user.u.arn', 'aws_iam_user.u'] } }] } },
          ],
        },
      },
    };
    const read = readText('deferred.json', JSON.stringify(deferred));
    // v's name is built from u's id at apply: it is v's own unknown name, not u's id.
    expect(read.inventory.principals.map((p) => p.name)).toEqual(['${aws_iam_user.v.name}']);
    const [policy] = read.inventory.policies;
    expect(policy?.key).toBe('deferred.json::aws_iam_policy.p');
    expect(policy?.document?.statements[0]).toMatchObject({ effect: 'Allow', actions: ['iam:GetUser'], resources: ['${aws_iam_user.u.arn}'] });
    expect(policy?.document?.problems).toEqual([]);
  });

  it('reads state output (`terraform show -json` of a state) the same way', () => {
    const state = { format_version: '1.0', values: { root_module: plan.planned_values.root_module } };
    const fromState = readText('state.json', JSON.stringify(state));
    expect(fromState.inventory.principals.slice(0, 2).map((p) => p.name)).toEqual(['deployer', 'ops']);
  });
});

describe('plans that repeat one policy text', () => {
  const S3 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
  const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }] });
  const resource = (type: string, name: string, values: Record<string, unknown>) => ({ address: `${type}.${name}`, mode: 'managed', type, name, values });
  const repeated = {
    format_version: '1.2',
    terraform_version: '1.11.0',
    planned_values: {
      root_module: {
        resources: [
          resource('aws_iam_policy', 'a', { name: 'a', policy: S3 }),
          resource('aws_iam_policy', 'b', { name: 'b', policy: S3 }),
          resource('aws_iam_policy', 'c', { name: 'c', policy: S3.replace('b/*', 'c/*') }),
          resource('aws_iam_role', 'r', { name: 'r', assume_role_policy: TRUST }),
          resource('aws_iam_role_policy', 'p', { name: 'p', role: 'r', policy: TRUST }),
        ],
      },
    },
  };

  it('parses each text once: the same text shares one document, another text or kind does not', () => {
    const { inventory } = readText('repeated.json', JSON.stringify(repeated));
    const documentOf = (address: string, kind?: string) => inventory.policies.find((p) => p.origin.resource === address && (kind === undefined || p.kind === kind))?.document;
    expect(documentOf('aws_iam_policy.a')).toBeDefined();
    expect(documentOf('aws_iam_policy.b')).toBe(documentOf('aws_iam_policy.a'));
    expect(documentOf('aws_iam_policy.c')).not.toBe(documentOf('aws_iam_policy.a'));
    // The same text read as a trust policy and as an identity policy is judged differently.
    expect(documentOf('aws_iam_role.r', 'trust')?.problems).toEqual([]);
    expect(documentOf('aws_iam_role_policy.p')).not.toBe(documentOf('aws_iam_role.r', 'trust'));
  });
});
