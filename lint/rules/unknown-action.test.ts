import { describe, expect, it } from 'vitest';
import { createCatalog } from '../catalog/aws-catalog';
import { runRule, policyFile, testRule } from './testing';
import { MAX_SUGGESTIONS, unknownAction } from './unknown-action';

const catalog = createCatalog();
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown) => policyFile(doc({ Effect: 'Allow', Action, Resource: '*' }));

testRule(
  unknownAction,
  {
    valid: [
      { name: 'real actions in any case', inventory: allow(['s3:GetObject', 'EC2:describeinstances']) },
      { name: 'patterns that match', inventory: allow(['s3:Get*Object', 'iam:Put*', '*', 'ec2:*']) },
      { name: 'retired actions that AWS managed policies still name', inventory: allow(['deepracer:GetModel', 'iot1click:*']) },
      { name: "AWS's own wildcard under a live service, as written", inventory: allow(['elasticloadbalancing:List*', 'lightsail:List*']) },
      { name: 'Terraform tokens are opaque', inventory: allow('${var.action}') },
      { name: 'trust policies with sts:AssumeRole', inventory: policyFile(doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }), { kind: 'trust' }) },
    ],
    invalid: [
      { name: 'a typo in an action', inventory: allow('s3:GetObjct'), errors: [{ messageId: 'unknownAction', statement: 0 }] },
      { name: 'a typo inside a pattern: the pattern mended, not one action', inventory: allow('s3:Get*Objct'), errors: [{ messageId: 'unknownAction', message: /did you mean s3:Get\*Object\?/ }] },
      { name: 'a pattern with a leading *: still a pattern (was: did you mean ec2:BundleInstance?)', inventory: allow('ec2:*Instancez'), errors: [{ messageId: 'unknownAction', message: /did you mean ec2:\*Instances?\?/ }] },
      { name: 'a typo in the service (gamelist for gamelift)', inventory: allow('gamelist:GetInstanceAccess'), errors: [{ messageId: 'unknownService' }] },
      { name: 'no service prefix', inventory: allow('GetObject'), errors: [{ messageId: 'notAnAction' }] },
      {
        name: "a typo under a live service whose AWS wording had a wildcard (elasticloadbalancing:List*, health:Get*)",
        inventory: allow(['elasticloadbalancing:ListTargetGruops', 'health:GetEventDetials']),
        errors: [{ messageId: 'unknownAction' }, { messageId: 'unknownAction' }],
      },
      { name: 'no action after the colon, or a second colon (was: did you mean s3:ListJobs?)', inventory: allow(['s3:', 's3:*:GetObject']), errors: [{ messageId: 'notAnAction' }, { messageId: 'notAnAction' }] },
      { name: 'a wildcard service that matches nothing', inventory: allow('zz*:Get*'), errors: [{ messageId: 'noMatch' }] },
      {
        name: 'NotAction and Deny are checked too',
        inventory: policyFile(doc({ Sid: 'D', Effect: 'Deny', NotAction: 'iam:PasRole', Resource: '*' })),
        errors: [{ messageId: 'unknownAction', statement: 'D' }],
      },
    ],
  },
  catalog,
);

describe('unknown-action on hostile input', () => {
  it('answers in bounded time for a 1 MB action, without a suggestion', () => {
    const started = Date.now();
    const findings = runRule(unknownAction, allow(['s3:' + 'x'.repeat(1_000_000), 's3:' + '*a'.repeat(60) + 'b']), catalog);
    expect(findings.map((f) => f.messageId)).toEqual(['noMatch', 'unknownAction']);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('unknown-action suggestions', () => {
  it('names the closest real action', () => {
    const [finding] = runRule(unknownAction, allow('s3:GetObjct'), catalog);
    expect(finding.message).toContain('did you mean s3:GetObject?');
  });
  it('names the closest service', () => {
    const [finding] = runRule(unknownAction, allow('gamelist:GetInstanceAccess'), catalog);
    expect(finding.message).toContain('gamelift:GetInstanceAccess');
  });
});

describe('unknown-action on generated input', () => {
  it(`suggests for the first ${MAX_SUGGESTIONS} distinct unknown entries in code-unit order, whatever the statement order, and names the rest without one`, () => {
    const typos = Array.from({ length: MAX_SUGGESTIONS + 1 }, (_, i) => `sts:AssumeRol${String(i).padStart(5, '0')}`);
    for (const order of [typos, [...typos].reverse()]) {
      const findings = runRule(unknownAction, allow(order), catalog);
      const byPattern = new Map(findings.map((f) => [f.message.match(/"([^"]+)"/)?.[1], f.messageId]));
      expect(byPattern.size).toBe(typos.length);
      expect(byPattern.get(typos[0])).toBe('unknownAction');
      expect(byPattern.get(typos[MAX_SUGGESTIONS - 1])).toBe('unknownAction');
      expect(byPattern.get(typos[MAX_SUGGESTIONS])).toBe('noMatch');
    }
  });
});
