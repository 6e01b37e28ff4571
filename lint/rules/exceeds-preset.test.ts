import { describe, expect, it } from 'vitest';
import { createCatalog } from '../catalog/aws-catalog';
import { createPresetLookup, PRESET_TAG } from '../catalog/presets';
import { parsePolicyDocument } from '../model/parse-document';
import type { Inventory, PolicyDocument } from '../model/types';
import { presetNames } from '../../policies/index';
import { exceedsPreset } from './exceeds-preset';
import type { PresetLookup } from './rule';
import { InventoryBuilder } from './testing';

const catalog = createCatalog();
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

/** Two small presets, fixed here so the rule is tested apart from the real ones in policies/. */
const PRESETS: Record<string, PolicyDocument> = {
  'site-deployer': parsePolicyDocument(
    doc(
      { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject', 's3:PutObject'], Resource: ['arn:${Partition}:s3:::site-*', 'arn:${Partition}:s3:::site-*/*'] },
      { Effect: 'Allow', Action: 'cloudfront:CreateInvalidation', Resource: 'arn:${Partition}:cloudfront::${AccountId}:distribution/*' },
    ),
  ),
  'log-reader': parsePolicyDocument(doc({ Effect: 'Allow', Action: ['logs:Describe*', 'logs:GetLogEvents'], Resource: '*' })),
  'one-char': parsePolicyDocument(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:${Partition}:s3:::site-?/*' })),
  'lambda-deployer': parsePolicyDocument(
    doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:${Partition}:iam::${AccountId}:role/app-*', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }),
  ),
  'self-service': parsePolicyDocument(doc({ Effect: 'Allow', Action: ['iam:GetUser', 'iam:CreateAccessKey'], Resource: 'arn:${Partition}:iam::${AccountId}:user/${aws:username}' })),
};

function lookup(inventory: Inventory): PresetLookup {
  return {
    names: () => Object.keys(PRESETS),
    document: (name) => PRESETS[name] ?? null,
    declaredFor: (key) => inventory.principals.find((p) => p.key === key)?.tags[PRESET_TAG] ?? null,
  };
}

function run(inventory: Inventory) {
  return exceedsPreset.check({ inventory, catalog, presets: lookup(inventory) });
}

/** A user with the preset tag, holding `documents` as attached customer policies. */
function taggedUser(preset: string | null, ...documents: unknown[]): { builder: InventoryBuilder; user: string } {
  const builder = new InventoryBuilder();
  const user = builder.user('deployer');
  if (preset !== null) builder.inventory.principals[0].tags[PRESET_TAG] = preset;
  for (const d of documents) builder.attach(user, { policy: builder.policy(d, { kind: 'managed', resource: 'aws_iam_policy.p' }) });
  return { builder, user };
}

const exactPreset = doc(
  { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::site-prod', 'arn:aws:s3:::site-prod/*'] },
  { Effect: 'Allow', Action: 'cloudfront:CreateInvalidation', Resource: 'arn:aws:cloudfront::210987654321:distribution/E123' },
);

describe('exceeds-preset', () => {
  describe('valid', () => {
    it('a user holding what its preset grants, with the placeholders filled in', () => {
      expect(run(taggedUser('site-deployer', exactPreset).builder.inventory)).toEqual([]);
    });
    it('Terraform tokens where the preset has placeholders', () => {
      const tokens = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:${data.aws_partition.p.partition}:s3:::site-prod/*' });
      expect(run(taggedUser('site-deployer', tokens).builder.inventory)).toEqual([]);
    });
    it('the union of two declared presets', () => {
      const both = doc({ Effect: 'Allow', Action: ['s3:GetObject', 'logs:GetLogEvents'], Resource: 'arn:aws:s3:::site-a/*' });
      const extra = doc({ Effect: 'Allow', Action: 'logs:GetLogEvents', Resource: '*' });
      expect(run(taggedUser('site-deployer log-reader', extra).builder.inventory)).toEqual([]);
      expect(run(taggedUser('site-deployer log-reader', both).builder.inventory)).toEqual([]);
      expect(run(taggedUser('site-deployer', both).builder.inventory).map((f) => f.messageId)).toEqual(['beyondPreset']);
    });
    it('Allow * under an unconditional Deny of * is not administrator access, nor anything beyond the preset', () => {
      const nothing = doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*' });
      expect(run(taggedUser('site-deployer', nothing).builder.inventory)).toEqual([]);
    });
    it('a policy variable where the preset has the same one', () => {
      const own = doc({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::210987654321:user/${aws:username}' });
      expect(run(taggedUser('self-service', own).builder.inventory)).toEqual([]);
    });
    it("the preset's Condition, written in another order and case, with a test more", () => {
      const narrower = doc({
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: 'arn:aws:iam::210987654321:role/app-fn',
        Condition: { ArnLike: { 'iam:AssociatedResourceARN': 'arn:aws:lambda:*:*:function:app-*' }, StringEquals: { 'IAM:PassedToService': ['lambda.amazonaws.com'] } },
      });
      expect(run(taggedUser('lambda-deployer', narrower).builder.inventory)).toEqual([]);
    });
    it('a user that declares no preset', () => {
      expect(run(taggedUser(null, doc({ Effect: 'Allow', Action: '*', Resource: '*' })).builder.inventory)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('an action the preset does not grant, named in the message', () => {
      const wider = doc({ Sid: 'Wide', Effect: 'Allow', Action: ['s3:GetObject', 's3:DeleteBucket'], Resource: ['arn:aws:s3:::site-prod', 'arn:aws:s3:::site-prod/*'] });
      const findings = run(taggedUser('site-deployer', wider).builder.inventory);
      expect(findings.map((f) => [f.messageId, f.statement])).toEqual([['beyondPreset', 'Wide']]);
      expect(findings[0].message).toContain('s3:DeleteBucket');
      expect(findings[0].message).not.toContain('s3:GetObject');
    });
    it('a granted action on more resources than the preset allows', () => {
      const star = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
      expect(run(taggedUser('site-deployer', star).builder.inventory).map((f) => f.messageId)).toEqual(['beyondPreset']);
    });
    it("a preset's policy variable covers only itself: user/${aws:username} is not user/*", () => {
      const everyone = doc({ Effect: 'Allow', Action: ['iam:GetUser', 'iam:CreateAccessKey'], Resource: 'arn:aws:iam::210987654321:user/*' });
      const findings = run(taggedUser('self-service', everyone).builder.inventory);
      expect(findings.map((f) => f.messageId)).toEqual(['beyondPreset']);
      expect(findings[0].message).toContain('iam:CreateAccessKey, iam:GetUser');
    });
    it('resources match case-sensitively, as IAM matches ARNs: site-* does not cover SITE-PROD', () => {
      const upper = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::SITE-PROD/*' });
      expect(run(taggedUser('site-deployer', upper).builder.inventory).map((f) => f.messageId)).toEqual(['beyondPreset']);
    });
    it("a Condition that allows more values than the preset's, or lacks it", () => {
      const more = { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com', 'ec2.amazonaws.com'] } };
      const wider = doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::210987654321:role/app-fn', Condition: more });
      const none = doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::210987654321:role/app-fn' });
      expect(run(taggedUser('lambda-deployer', wider, none).builder.inventory).map((f) => f.messageId)).toEqual(['beyondPreset', 'beyondPreset']);
    });
    it("a preset's ? is one character: site-?/* covers site-a/* and site-?/*, not site-*/*", () => {
      const one = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::site-a/*', 'arn:aws:s3:::site-?/*'] });
      const any = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site-*/*' });
      expect(run(taggedUser('one-char', one).builder.inventory)).toEqual([]);
      expect(run(taggedUser('one-char', any).builder.inventory).map((f) => f.messageId)).toEqual(['beyondPreset']);
    });
    it('grants that arrive through a group and through inline policies', () => {
      const { builder, user } = taggedUser('site-deployer');
      const group = builder.principal('group', 'ops');
      builder.member(user, group);
      builder.attach(group, { policy: builder.policy(doc({ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }), { kind: 'managed', resource: 'aws_iam_policy.ops' }) });
      builder.inline(user, builder.policy(doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }), { kind: 'inline-user', resource: 'aws_iam_user_policy.own' }));
      const findings = run(builder.inventory);
      expect(findings.map((f) => f.messageId)).toEqual(['beyondPreset', 'beyondPreset']);
      // The message says where to fix each: the group for the grant that arrives through it.
      expect(findings.map((f) => f.message.match(/but (.*) grants/)?.[1])).toEqual(['aws_iam_user_policy.own', 'aws_iam_policy.ops (through group ops)']);
    });
    it('AdministratorAccess attached by ARN: told which preset fits', () => {
      const { builder, user } = taggedUser('site-deployer');
      builder.attach(user, { arn: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess' }, 'aws_iam_user_policy_attachment.admin');
      const findings = run(builder.inventory);
      expect(findings.map((f) => [f.messageId, f.origin.resource])).toEqual([['adminWherePresetExists', 'aws_iam_user_policy_attachment.admin']]);
      expect(findings[0].message).toContain('policies/site-deployer.json');
    });
    it('an AWS managed policy other than admin is judged by its document', () => {
      const { builder, user } = taggedUser('site-deployer');
      builder.attach(user, { arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' });
      expect(run(builder.inventory).map((f) => f.messageId)).toEqual(['beyondPreset']);
    });
    it('AdministratorAccess on an undeclared user named like a preset: told which preset fits', () => {
      const builder = new InventoryBuilder();
      const user = builder.user('site-deployer-prod');
      builder.attach(user, { arn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
      const findings = run(builder.inventory);
      expect(findings.map((f) => f.messageId)).toEqual(['adminWherePresetExists']);
      expect(findings[0].message).toContain('policies/site-deployer.json');
      const other = new InventoryBuilder();
      other.attach(other.user('ci-bot'), { arn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
      expect(run(other.inventory)).toEqual([]);
    });
    it('a preset name that does not exist', () => {
      expect(run(taggedUser('site-deployr', exactPreset).builder.inventory).map((f) => f.messageId)).toEqual(['unknownPreset']);
    });
  });

  describe('policies whose document is not in the input: a warning that they are unchecked', () => {
    it('a policy only Terraform computes, attached, inline or through a group', () => {
      const { builder, user } = taggedUser('site-deployer', exactPreset);
      builder.attach(user, { policy: builder.unresolved('${var.extra_policy}', { kind: 'managed', resource: 'aws_iam_policy.extra' }) }, 'aws_iam_user_policy_attachment.extra');
      builder.inline(user, builder.unresolved('${var.inline}', { kind: 'inline-user', resource: 'aws_iam_user_policy.inline' }));
      const group = builder.principal('group', 'deployers');
      builder.member(user, group);
      builder.attach(group, { policy: builder.unresolved('${var.group_policy}', { kind: 'managed', resource: 'aws_iam_policy.group' }) }, 'aws_iam_group_policy_attachment.g');
      const findings = run(builder.inventory);
      expect(findings.map((f) => [f.messageId, f.severity, f.origin.resource])).toEqual([
        ['cannotCheck', 'warning', 'aws_iam_user_policy_attachment.extra'],
        ['cannotCheck', 'warning', 'aws_iam_user_policy.inline'],
        ['cannotCheck', 'warning', 'aws_iam_group_policy_attachment.g'],
      ]);
      expect(findings[0]?.message).toContain('aws_iam_policy.extra, whose document is not in the input (its value is ${var.extra_policy})');
    });

    it('a merged document with parts only Terraform knows: the rest is checked, the parts are named', () => {
      const { builder, user } = taggedUser('site-deployer', exactPreset);
      const partial = builder.policy(exactPreset, { kind: 'managed', resource: 'aws_iam_policy.merged' });
      const record = builder.inventory.policies.find((p) => p.key === partial)!;
      record.uncheckedParts = ['override_policy_documents[0] is ${var.extra}'];
      builder.attach(user, { policy: partial }, 'aws_iam_user_policy_attachment.merged');
      const findings = run(builder.inventory);
      expect(findings.map((f) => [f.messageId, f.origin.resource])).toEqual([['cannotCheck', 'aws_iam_user_policy_attachment.merged']]);
      expect(findings[0]?.message).toContain('(only in part: override_policy_documents[0] is ${var.extra})');
    });

    it('a customer policy ARN defined elsewhere', () => {
      const { builder, user } = taggedUser('site-deployer');
      builder.attach(user, { arn: 'arn:aws:iam::210987654321:policy/shared-deploy' });
      expect(run(builder.inventory).map((f) => [f.messageId, f.message.includes('no policy in the input has that ARN')])).toEqual([['cannotCheck', true]]);
    });

    it('an action only Terraform knows', () => {
      const computed = doc({ Sid: 'Extra', Effect: 'Allow', Action: ['s3:GetObject', '${var.extra_action}'], Resource: 'arn:aws:s3:::site-prod/*' });
      const findings = run(taggedUser('site-deployer', computed).builder.inventory);
      expect(findings.map((f) => [f.messageId, f.severity, f.statement])).toEqual([['cannotCheck', 'warning', 'Extra']]);
      expect(findings[0]?.message).toContain('its action ${var.extra_action} is computed by Terraform');
    });

    it('not for users that declare no preset', () => {
      const builder = new InventoryBuilder();
      builder.attach(builder.user('ci-bot'), { policy: builder.unresolved('${var.p}', { kind: 'managed' }) });
      expect(run(builder.inventory)).toEqual([]);
    });
  });
});

describe('createPresetLookup', () => {
  it('reads every preset in policies/ as a document', () => {
    const presets = createPresetLookup(new InventoryBuilder().inventory);
    expect(presets.names()).toEqual(presetNames());
    for (const name of presets.names()) expect(presets.document(name)?.statements.length).toBeGreaterThan(0);
    expect(presets.document('no-such-preset')).toBeNull();
  });

  it('takes the user tag first, then the config mapping by user name or key', () => {
    const builder = new InventoryBuilder();
    const tagged = builder.user('tagged');
    const mapped = builder.user('mapped');
    const byKey = builder.user('by-key');
    builder.inventory.principals[0].tags[PRESET_TAG] = ' site-deployer ';
    const presets = createPresetLookup(builder.inventory, { tagged: 'log-reader', mapped: 'log-reader', [byKey]: 'site-deployer' });
    expect(presets.declaredFor(tagged)).toBe('site-deployer');
    expect(presets.declaredFor(mapped)).toBe('log-reader');
    expect(presets.declaredFor(byKey)).toBe('site-deployer');
    expect(presets.declaredFor('nobody')).toBeNull();
  });
});
