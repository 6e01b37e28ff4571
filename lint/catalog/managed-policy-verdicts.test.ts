/**
 * The verdicts on AWS managed policies, attached by ARN and judged by their documents,
 * and the corpus-wide promise that unknown-action raises nothing on AWS's own policies.
 */
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../model/types';
import { parsePolicyDocument } from '../model/parse-document';
import { emptyInventory } from '../model/types';
import { rules } from '../rules/index';
import type { PresetLookup } from '../rules/rule';
import { unknownAction } from '../rules/unknown-action';
import { createCatalog } from './aws-catalog';
import { allManagedPolicies } from './managed-policies';

const catalog = createCatalog();
const noPresets: PresetLookup = { names: () => [], document: () => null, declaredFor: () => null };
const catalogRules = rules.filter((r) => r.meta.needsCatalog);

/** An inventory holding one AWS managed policy the way the engine resolves an attachment. */
function attached(arn: string): Inventory {
  const resolved = catalog.managedPolicy(arn);
  if (!resolved) throw new Error(`${arn} is not in the managed policy data`);
  const inventory = emptyInventory();
  const origin = { file: 'stack/cdk.tf.json', resource: 'aws_iam_user_policy_attachment.a', pointer: null, line: null };
  inventory.policies.push({ key: arn, kind: 'aws-managed', origin, name: resolved.name, arn, document: resolved.document, parseError: null });
  return inventory;
}

function raised(arn: string, severity: 'error' | 'warning'): string[] {
  const inventory = attached(arn);
  const ids = catalogRules
    .filter((r) => r.meta.defaultSeverity === severity)
    .flatMap((r) => r.check({ inventory, catalog, presets: noPresets }).map((f) => f.ruleId));
  return [...new Set(ids)].sort();
}

describe('AWS managed policies are judged by what they grant', () => {
  it('AmazonS3FullAccess is full-service-access', () => {
    expect(raised('arn:aws:iam::aws:policy/AmazonS3FullAccess', 'warning')).toContain('full-service-access');
  });
  it('IAMFullAccess is privilege-escalation, in any partition', () => {
    expect(raised('arn:aws:iam::aws:policy/IAMFullAccess', 'error')).toEqual(['privilege-escalation']);
    expect(raised('arn:aws-cn:iam::aws:policy/IAMFullAccess', 'error')).toEqual(['privilege-escalation']);
  });
  it.each(['ReadOnlyAccess', 'job-function/ViewOnlyAccess', 'SecurityAudit'])('%s draws no error', (name) => {
    expect(raised(`arn:aws:iam::aws:policy/${name}`, 'error')).toEqual([]);
  });
});

describe('unknown-action over the whole managed policy corpus', () => {
  it('raises nothing on the latest version of every AWS managed policy', () => {
    const inventory = emptyInventory();
    for (const entry of allManagedPolicies()) {
      const origin = { file: entry.arn, resource: null, pointer: null, line: null };
      inventory.policies.push({ key: entry.arn, kind: 'aws-managed', origin, name: entry.name, arn: entry.arn, document: parsePolicyDocument(entry.document), parseError: null });
    }
    expect(inventory.policies.length).toBeGreaterThan(1000);
    expect(unknownAction.check({ inventory, catalog, presets: noPresets }).map((f) => `${f.origin.file}: ${f.message}`)).toEqual([]);
  }, 120_000);
});
