import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../model/parse-document';
import { createCatalog } from './aws-catalog';
import { documentContentId, documentGrants, unconstrainedGrants } from './grants';

const catalog = createCatalog();
const doc = (...Statement: unknown[]) => parsePolicyDocument({ Version: '2012-10-17', Statement });

describe('documentGrants', () => {
  it('expands patterns to catalog actions', () => {
    const [grant] = documentGrants(doc({ Effect: 'Allow', Action: 'iam:Put*Policy', Resource: '*' }), catalog);
    expect(grant.actions.has('iam:PutUserPolicy')).toBe(true);
    expect(grant.actions.has('iam:GetUser')).toBe(false);
    expect(grant.allResources).toBe(true);
  });

  it('subtracts an unconditional Deny on the same resources: iam:* minus iam:* grants nothing', () => {
    const [grant] = documentGrants(doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }), catalog);
    expect(grant.actions.size).toBe(0);
  });

  it('does not subtract a conditional Deny, nor one on other resources', () => {
    const grants = documentGrants(
      doc(
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/admin' },
      ),
      catalog,
    );
    expect(grants[0].actions.has('iam:PassRole')).toBe(true);
  });

  it('narrows an Allow on * to the NotResource of an unconditional Deny that takes all its actions away', () => {
    const onlyAppRole = { Effect: 'Deny', Action: 'iam:Pass*', NotResource: 'arn:aws:iam::210987654321:role/app-lambda' };
    const [narrowed, partly] = documentGrants(
      doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }, { Effect: 'Allow', Action: ['iam:PassRole', 'iam:CreateAccessKey'], Resource: '*' }, onlyAppRole),
      catalog,
    );
    expect(narrowed.allResources).toBe(false);
    expect(narrowed.actions.has('iam:PassRole')).toBe(true);
    // CreateAccessKey still reaches every user, and a grant's reach is judged as one.
    expect(partly.allResources).toBe(true);
  });

  it("knows an Allow on * that a Deny's NotResource leaves only the caller's own user is self-service", () => {
    const keys = { Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:DeleteAccessKey'], Resource: '*' };
    const [self] = documentGrants(doc(keys, { Effect: 'Deny', Action: 'iam:*AccessKey', NotResource: 'arn:aws:iam::*:user/${aws:username}' }), catalog);
    expect([self.allResources, self.selfOnly]).toEqual([false, true]);
    const [other] = documentGrants(doc(keys, { Effect: 'Deny', Action: 'iam:*AccessKey', NotResource: ['arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::*:user/ci'] }), catalog);
    expect([other.allResources, other.selfOnly]).toEqual([false, false]);
  });

  it('does not narrow by a NotResource that is itself broad, conditional, or by a Deny with NotAction', () => {
    const allow = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' };
    const denies = [
      { Effect: 'Deny', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::*:role/*' },
      { Effect: 'Deny', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::210987654321:role/app', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
      { Effect: 'Deny', NotAction: 's3:*', NotResource: 'arn:aws:iam::210987654321:role/app' },
    ];
    for (const deny of denies) expect(documentGrants(doc(allow, deny), catalog)[0].allResources).toBe(true);
    // Lists as wide as `*` (IAM's `*` spans `:` and `/`), or as every role (a wildcard in the type word).
    for (const wide of ['arn:*', '**', 'arn:aws:*', '*/*', 'arn:aws:iam::*:role*', 'arn:aws:iam::*:*/app', 'arn:aws:s3:::*-data']) {
      const deny = { Effect: 'Deny', Action: 'iam:PassRole', NotResource: ['arn:aws:iam::210987654321:role/app', wide] };
      expect(documentGrants(doc(allow, deny), catalog)[0].allResources, wide).toBe(true);
    }
    // Named resources, a bucket prefix or a Terraform reference do narrow.
    for (const named of ['arn:aws:iam::*:role/app-*', 'arn:aws:s3:::app-*', '${aws_iam_role.app.arn}', 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/app']) {
      const deny = { Effect: 'Deny', Action: 'iam:PassRole', NotResource: named };
      expect(documentGrants(doc(allow, deny), catalog)[0].allResources, named).toBe(false);
    }
    // `*` and NotAction Allows are narrowed only by a Deny of every action.
    const star = doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::210987654321:role/app' });
    expect(documentGrants(star, catalog)[0].allResources).toBe(true);
    const denyAll = doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: '*', NotResource: 'arn:aws:iam::210987654321:role/app' });
    expect(documentGrants(denyAll, catalog)[0].allResources).toBe(false);
  });

  it('reads an Allow with NotAction as everything but the listed actions', () => {
    const [grant] = documentGrants(doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }), catalog);
    expect(grant.viaNotAction).toBe(true);
    expect(grant.actions.has('iam:PassRole')).toBe(false);
    expect(grant.actions.has('s3:GetObject')).toBe(true);
  });

  it('answers membership of * and NotAction grants without reading every service', () => {
    const reads: string[] = [];
    const lazy = createCatalog({ onRead: (what) => reads.push(what) });
    const [star, notAction] = documentGrants(
      doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Allow', NotAction: 's3:*', Resource: '*' }),
      lazy,
    );
    expect(star.actions.has('iam:PassRole')).toBe(true);
    expect(notAction.actions.has('iam:PassRole')).toBe(true);
    expect(notAction.actions.has('s3:GetObject')).toBe(false);
    expect(reads.sort()).toEqual(['service:iam', 'service:s3', 'services']);
  });

  it('keeps only the NotAction list of an unconditional Deny with NotAction', () => {
    const [star, named] = documentGrants(
      doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Allow', Action: ['iam:PassRole', 's3:GetObject'], Resource: '*' }, { Effect: 'Deny', NotAction: 's3:*', Resource: '*' }),
      catalog,
    );
    expect(star.actions.has('iam:PassRole')).toBe(false);
    expect(star.actions.has('s3:PutObject')).toBe(true);
    expect(star.patterns.map((p) => p.pattern)).toEqual(['s3:*']);
    expect([...named.actions]).toEqual(['s3:GetObject']);
  });

  it('takes nothing away for a Deny with NotAction *, nor a conditional one', () => {
    const [grant] = documentGrants(
      doc(
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
        { Effect: 'Deny', NotAction: '*', Resource: '*' },
        { Effect: 'Deny', NotAction: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
      ),
      catalog,
    );
    expect(grant.actions.has('iam:PassRole')).toBe(true);
  });

  it('grants nothing under an unconditional Deny of *', () => {
    const [grant] = documentGrants(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*' }), catalog);
    expect(grant.actions.has('s3:GetObject')).toBe(false);
    expect([...grant.actions]).toEqual([]);
  });

  it('leaves constrained statements out of the "on *" view', () => {
    const document = doc(
      { Effect: 'Allow', Action: 'ec2:TerminateInstances', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'web' } } },
      { Effect: 'Allow', Action: 'ec2:StopInstances', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    );
    expect(unconstrainedGrants(document, catalog).map((g) => g.statement.index)).toEqual([1]);
  });
});

describe('documentContentId', () => {
  const read = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' };
  const write = { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::a/*' };

  it('gives documents of the same content one id, whatever their Sids, and others their own', () => {
    const ids = createCatalog();
    const first = documentContentId(doc(read), ids);
    expect(documentContentId(doc({ ...read, Sid: 'Named' }), ids)).toBe(first);
    expect(documentContentId(doc(write), ids)).not.toBe(first);
    expect(documentContentId(doc(read, write), ids)).not.toBe(first);
    expect(documentContentId(doc(read), ids)).toBe(first);
  });

  it('numbers per catalog: a document named in one catalog never collides with another document in the next', () => {
    const shared = doc(read);
    documentContentId(shared, createCatalog());
    const next = createCatalog();
    const other = documentContentId(doc(write), next);
    expect(documentContentId(shared, next)).not.toBe(other);
    expect(documentGrants(shared, next)[0].actions.has('s3:GetObject')).toBe(true);
    expect(documentGrants(shared, next)[0].actions.has('s3:PutObject')).toBe(false);
  });
});

describe('grants over action ids', () => {
  it('answer for services read after the grant was built', () => {
    const fresh = createCatalog();
    const [notIam, s3Only] = documentGrants(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, { Effect: 'Allow', Action: 's3:Get*', Resource: '*' }), fresh);
    // Read only now: their ids come after every id the grants' bit sets were sized for.
    expect(fresh.ids.service('ec2')).not.toBeNull();
    expect(notIam.actions.has('ec2:RunInstances')).toBe(true);
    expect(notIam.actions.has('iam:PassRole')).toBe(false);
    expect(s3Only.actions.has('ec2:RunInstances')).toBe(false);
    expect(s3Only.actions.has('s3:GetObject')).toBe(true);
    expect(s3Only.actions.has('S3:GETOBJECT')).toBe(true);
  });

  it('iterate in statement order, each action once, Deny subtracted', () => {
    const [grant] = documentGrants(
      doc({ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: '*' }, { Effect: 'Deny', Action: 's3:Delete*', Resource: '*' }),
      catalog,
    );
    expect([...grant.actions]).toEqual(['s3:PutObject', 's3:GetObject']);
    expect(grant.actions.size).toBe(2);
  });
});
