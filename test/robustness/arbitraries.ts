/**
 * fast-check generators for linter inputs, valid and broken: policy documents, Terraform JSON and
 * plans with wrong types in every place, turned into file text that may carry a BOM, duplicate
 * keys, NULs, odd unicode or be cut short.
 */
import fc from 'fast-check';

/** Actions the rules care about, a few unknown ones, and things that are no action at all. */
const ACTIONS = [
  '*',
  '*:*',
  's3:GetObject',
  's3:*',
  's3:Get*',
  's3:*Object*',
  'iam:*',
  'iam:PassRole',
  'iam:CreateAccessKey',
  'iam:CreatePolicyVersion',
  'iam:AttachUserPolicy',
  'sts:AssumeRole',
  'ec2:Describe*',
  'ec2:RunInstances',
  'lambda:CreateFunction',
  'kms:Decrypt',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter*',
  'nosuchservice:DoThing',
  's3:NoSuchAction',
  'S3:GETOBJECT',
  '',
  ':',
  'iam:',
  ':GetObject',
  '**:**',
  'ﬁ:ünïcødé',
];

const RESOURCES = [
  '*',
  'arn:aws:s3:::bucket/*',
  'arn:aws:iam::123456789012:user/${aws:username}',
  'arn:aws:iam::210987654321:role/deploy',
  'arn:${Partition}:sqs:*:*:queue',
  'arn:aws:iam::aws:policy/AdministratorAccess',
  'not an arn',
  '',
];

const MANAGED_ARNS = ['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/NoSuchPolicy', 'arn:aws:iam::210987654321:policy/own', 'nonsense'];

/** Any JSON value, shallow: what a wrong type looks like. */
export const anything = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A value or a list of them (IAM accepts both), mixed with wrong types, empty and large arrays. */
function oneOrMany(values: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: values },
    { weight: 3, arbitrary: fc.array(values, { maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(fc.oneof(values, anything), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.integer({ min: 500, max: 3000 }).chain((n) => fc.array(values, { minLength: n, maxLength: n })) },
    { weight: 1, arbitrary: anything },
  );
}

const action = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...ACTIONS) }, { weight: 1, arbitrary: fc.integer() }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });
const resource = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...RESOURCES) }, { weight: 1, arbitrary: anything });

/** A Condition, now and then nested far deeper than any real one. */
const condition = fc.oneof(
  fc.constant({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }),
  fc.constant({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
  fc.constant({ StringLike: { 'iam:PassedToService': ['lambda.amazonaws.com', 7] } }),
  fc.integer({ min: 100, max: 3000 }).map((depth) => {
    let value: unknown = 'x';
    for (let i = 0; i < depth; i++) value = { [`k${i % 3}`]: value };
    return { StringEquals: value };
  }),
  anything,
);

export const statement = fc.record(
  {
    Sid: fc.oneof(fc.constantFrom('Read', 'Admin', '', 'dup'), anything),
    Effect: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('Allow', 'Deny') }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom('allow', 'Permit'), anything) }),
    Action: oneOrMany(action),
    NotAction: oneOrMany(action),
    Resource: oneOrMany(resource),
    NotResource: oneOrMany(resource),
    Condition: condition,
    Principal: fc.oneof(fc.constant('*'), fc.constant({ AWS: 'arn:aws:iam::210987654321:root' }), anything),
  },
  { requiredKeys: [] },
);

/** A policy document: Statement as a list, a single object, or a wrong type. */
export const policyDocument = fc.record(
  {
    Version: fc.oneof(fc.constantFrom('2012-10-17', '2008-10-17'), anything),
    Id: anything,
    Statement: fc.oneof({ weight: 5, arbitrary: fc.array(statement, { maxLength: 5 }) }, { weight: 2, arbitrary: statement }, { weight: 1, arbitrary: anything }),
  },
  { requiredKeys: ['Statement'] },
);

const IAM_TYPES = [
  'aws_iam_user',
  'aws_iam_policy',
  'aws_iam_user_policy',
  'aws_iam_user_policy_attachment',
  'aws_iam_policy_attachment',
  'aws_iam_group',
  'aws_iam_group_membership',
  'aws_iam_user_group_membership',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_access_key',
  'aws_iam_user_login_profile',
];

const policyAttribute = fc.oneof(
  policyDocument.map((d) => JSON.stringify(d)),
  fc.constantFrom('${aws_iam_policy.p.arn}', '${data.aws_iam_policy_document.d.json}', '${jsonencode({a = [1, "x"]})}', '${jsonencode({', 'not json'),
  anything,
);

const body = fc.record(
  {
    name: fc.oneof(fc.constantFrom('alice', 'deploy', 'p', 'admin'), anything),
    user: fc.oneof(fc.constantFrom('alice', '${aws_iam_user.u.name}'), anything),
    users: oneOrMany(fc.constantFrom('alice', '${aws_iam_user.u.name}')),
    groups: oneOrMany(fc.constantFrom('admins', '${aws_iam_group.g.name}')),
    policy: policyAttribute,
    policy_arn: fc.oneof(fc.constantFrom(...MANAGED_ARNS), fc.constant('${aws_iam_policy.p.arn}'), anything),
    tags: fc.oneof(fc.constant({ 'iam-preset': 'invoice-scanner' }), fc.constant({ 'iam-preset': 'no-such-preset' }), anything),
    assume_role_policy: policyAttribute,
  },
  { requiredKeys: [] },
);

/** `*.tf.json`: resources keyed by type and name, data documents, wrong types at every level. */
export const terraformJson = fc.record(
  {
    resource: fc.oneof(
      { weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...IAM_TYPES), fc.dictionary(fc.constantFrom('u', 'p', 'g', 'd'), fc.oneof(body, fc.array(body, { maxLength: 2 }), anything), { maxKeys: 3 }), { maxKeys: 5 }) },
      { weight: 1, arbitrary: anything },
    ),
    data: fc.oneof(
      fc.constant({ aws_iam_policy_document: { d: { statement: [{ actions: ['s3:*'], resources: ['*'] }] } } }),
      fc.constant({ aws_iam_policy_document: { d: { statement: [{ actions: 1, resources: [null], condition: { test: 2 }, principals: 'x' }] } } }),
      anything,
    ),
  },
  { requiredKeys: ['resource'] },
);

/** `terraform show -json` of a plan: resources in planned_values, or broken versions of that. */
export const terraformPlan = fc
  .array(
    fc.record({
      type: fc.constantFrom(...IAM_TYPES),
      name: fc.constantFrom('u', 'p', 'g', 'd'),
      values: fc.oneof(body, anything),
    }),
    { maxLength: 6 },
  )
  .chain((resources) =>
    fc.record({
      format_version: fc.oneof(fc.constant('1.2'), anything),
      planned_values: fc.oneof(
        { weight: 4, arbitrary: fc.constant({ root_module: { resources: resources.map((r) => ({ address: `${r.type}.${r.name}`, mode: 'managed', ...r })) } }) },
        { weight: 1, arbitrary: anything },
      ),
      resource_changes: fc.oneof(fc.constant([]), anything),
    }),
  );

/** How a value becomes file text: plain, pretty, with a BOM, a duplicate key, a NUL, or cut short. */
export const textOf = (value: unknown): fc.Arbitrary<string> => {
  const json = JSON.stringify(value) ?? 'null';
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(json) },
    { weight: 1, arbitrary: fc.constant(JSON.stringify(value, null, 2) ?? 'null') },
    { weight: 1, arbitrary: fc.constant(`\uFEFF${json}`) },
    // A duplicate key: JSON.parse keeps the last, the line finder may see the first.
    { weight: 1, arbitrary: fc.constant(json.startsWith('{') && json.length > 2 ? `{"Statement":"shadowed","resource":7,${json.slice(1)}` : json) },
    { weight: 1, arbitrary: fc.constant(json.replace(/"([^"\\]*)"/, '"$1\\u0000\u0000"')) },
    { weight: 1, arbitrary: fc.nat({ max: Math.max(0, json.length - 1) }).map((n) => json.slice(0, n)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  );
};

/** A file name, and the text in it, of any of the formats the linter reads. */
export const inputFile = fc.oneof(
  policyDocument.chain(textOf).map((text) => ({ ext: '.json', text })),
  terraformJson.chain(textOf).map((text) => ({ ext: '.tf.json', text })),
  terraformPlan.chain(textOf).map((text) => ({ ext: '.json', text })),
  fc.string({ maxLength: 60 }).map((s) => ({ ext: '.tf', text: `resource "aws_iam_policy" "p" {\n  policy = ${s}\n}\n` })),
);
