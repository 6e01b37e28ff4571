import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/catalog';
import { validateConfig } from '../config/validate-config';
import type { Inventory } from '../model/types';
import { adminAccess } from '../rules/admin-access';
import { rules } from '../rules/index';
import { notActionAllow } from '../rules/not-action-allow';
import { report, type Rule } from '../rules/rule';
import { InventoryBuilder } from '../rules/testing';
import { lintInventory } from './lint-inventory';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

/** A rule that asks the catalog, as the catalog rules do. */
const asksCatalog: Rule = {
  meta: { id: 'catalog-probe', defaultSeverity: 'error', description: 'test', messages: { version: 'catalog {{v}}' }, needsCatalog: true },
  check: ({ catalog, inventory }) => [report(asksCatalog.meta, 'version', { v: catalog.dataVersion() }, inventory.policies[0]!.origin, null)],
};

function countingFactory(): { factory: () => Catalog; calls: () => number } {
  let calls = 0;
  const factory = () => {
    calls++;
    return new Proxy({} as Catalog, { get: (_t, p) => (p === 'dataVersion' ? () => 'test-data 1' : p === 'managedPolicy' ? () => null : () => []) });
  };
  return { factory, calls: () => calls };
}

function adminUser(): Inventory {
  const b = new InventoryBuilder();
  const user = b.user('deployer');
  b.policy(doc({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }), { kind: 'managed', resource: 'aws_iam_policy.all', line: 12 });
  b.attach(user, { arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, 'aws_iam_user_policy_attachment.admin');
  b.loginProfile(user, { literalPassword: true, passwordResetRequired: false });
  b.accessKey(user);
  return b.inventory;
}

describe('lintInventory', () => {
  it('tells the rules which rules run: a risk-class rule turned off gives its actions back to write-without-constraint', () => {
    const b = new InventoryBuilder();
    b.policy(doc({ Sid: 'Keys', Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }), { kind: 'managed', resource: 'aws_iam_policy.keys', line: 3 });
    const ruleIds = (config?: ReturnType<typeof validateConfig>) =>
      lintInventory(b.inventory, { config })
        .findings.map((f) => f.ruleId)
        .filter((id) => id === 'credentials-exposure' || id === 'write-without-constraint');
    expect(ruleIds()).toEqual(['credentials-exposure']);
    expect(ruleIds(validateConfig({ rules: { 'credentials-exposure': 'off' } }, 'test.json'))).toEqual(['write-without-constraint']);
  });

  it('never builds the catalog when no enabled rule needs it', () => {
    const { factory, calls } = countingFactory();
    const catalogFree = rules.filter((r) => !r.meta.needsCatalog);
    const config = validateConfig({ rules: { 'catalog-probe': 'off' } }, 'test', { ruleIds: ['catalog-probe'] });
    const result = lintInventory(adminUser(), { rules: [...catalogFree, asksCatalog], catalog: factory, config });
    expect(calls()).toBe(0);
    expect(result.catalogDataVersion).toBeNull();
    expect(result.findings.map((f) => f.ruleId)).toContain('admin-access');
  });

  it('builds it once when a rule needs it, and reports its data version', () => {
    const { factory, calls } = countingFactory();
    const result = lintInventory(adminUser(), { rules: [asksCatalog, asksCatalog], catalog: factory });
    expect(calls()).toBe(1);
    expect(result.catalogDataVersion).toBe('test-data 1');
  });

  it('gives default severities, the rule\'s own where it has two levels, and counts them', () => {
    const result = lintInventory(adminUser(), { rules });
    const byRule = result.findings.map((f) => [f.ruleId, f.severity]);
    expect(byRule).toEqual(
      expect.arrayContaining([
        ['admin-access', 'error'],
        ['console-password', 'error'],
        ['console-password', 'warning'],
        ['console-and-key', 'warning'],
        ['user-attached-policy', 'info'],
      ]),
    );
    expect(result.summary.error).toBe(result.findings.filter((f) => f.severity === 'error').length);
    expect(result.summary.error + result.summary.warning + result.summary.info).toBe(result.findings.length);
  });

  it('applies configured severities and off', () => {
    const config = validateConfig({ rules: { 'admin-access': 'warning', 'user-attached-policy': 'off', 'console-password': 'info' } }, 'test');
    const result = lintInventory(adminUser(), { rules, config });
    expect(result.findings.filter((f) => f.ruleId === 'admin-access').map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(result.findings.some((f) => f.ruleId === 'user-attached-policy')).toBe(false);
    expect(new Set(result.findings.filter((f) => f.ruleId === 'console-password').map((f) => f.severity))).toEqual(new Set(['info']));
  });

  it('moves suppressed findings aside with their reason, and reports unused suppressions', () => {
    const config = validateConfig(
      {
        suppressions: [
          { rule: 'admin-access', resource: 'aws_iam_user_policy_attachment.*', reason: 'break-glass user, reviewed' },
          { rule: 'console-and-key', file: 'elsewhere/**', reason: 'stale' },
        ],
      },
      'test',
    );
    const result = lintInventory(adminUser(), { rules, config });
    expect(result.suppressed).toEqual([expect.objectContaining({ ruleId: 'admin-access', resource: 'aws_iam_user_policy_attachment.admin', reason: 'break-glass user, reviewed' })]);
    expect(result.findings.filter((f) => f.ruleId === 'admin-access').map((f) => f.resource)).toEqual(['aws_iam_policy.all']);
    expect(result.summary.suppressed).toBe(1);
    expect(result.unusedSuppressions.map((s) => s.reason)).toEqual(['stale']);
  });

  it('sorts the same whatever order the inputs came in', () => {
    const a = adminUser();
    const reversed: Inventory = Object.fromEntries(Object.entries(a).map(([k, v]) => [k, [...(v as unknown[])].reverse()])) as unknown as Inventory;
    const first = lintInventory(a, { rules });
    expect(lintInventory(reversed, { rules: [...rules].reverse() }).findings).toEqual(first.findings);
    const keys = first.findings.map((f) => `${f.file}|${String(f.line ?? 0).padStart(6, '0')}|${f.ruleId}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('judges an attached AWS managed policy by its document, placed at the attachment (real catalog)', () => {
    const b = new InventoryBuilder();
    b.attach(b.user('dev'), { arn: 'arn:aws-us-gov:iam::aws:policy/PowerUserAccess' }, 'aws_iam_user_policy_attachment.power');
    const result = lintInventory(b.inventory, { rules: [notActionAllow, adminAccess, asksCatalog] });
    expect(result.findings.filter((f) => f.ruleId === 'not-action-allow')).toEqual([
      expect.objectContaining({ resource: 'aws_iam_user_policy_attachment.power', statement: 0, severity: 'warning' }),
    ]);
    expect(result.catalogDataVersion).toMatch(/iam-data/);
  });

  it('reports an attached AdministratorAccess once, with the catalog on or off', () => {
    const b = new InventoryBuilder();
    b.attach(b.user('dev'), { arn: 'arn:aws-cn:iam::aws:policy/AdministratorAccess' }, 'aws_iam_user_policy_attachment.admin');
    const off = lintInventory(b.inventory, { rules: [adminAccess] });
    const on = lintInventory(b.inventory, { rules: [adminAccess, asksCatalog] });
    expect(off.findings).toHaveLength(1);
    expect(on.findings.filter((f) => f.ruleId === 'admin-access')).toEqual(off.findings);
  });

  it('resolves managed policies whose partition is a Terraform token, as the construct writes them (real catalog)', () => {
    const b = new InventoryBuilder();
    const partition = '${data.aws_partition.current.partition}';
    b.attach(b.user('dev'), { arn: `arn:${partition}:iam::aws:policy/PowerUserAccess` }, 'aws_iam_user_policy_attachment.power');
    b.attach(b.user('ops'), { arn: `arn:${partition}:iam::aws:policy/AdministratorAccess` }, 'aws_iam_user_policy_attachment.admin');
    const on = lintInventory(b.inventory, { rules: [notActionAllow, adminAccess, asksCatalog] });
    expect(on.findings.filter((f) => f.ruleId !== 'catalog-probe').map((f) => [f.ruleId, f.resource])).toEqual([
      ['admin-access', 'aws_iam_user_policy_attachment.admin'],
      ['not-action-allow', 'aws_iam_user_policy_attachment.power'],
    ]);
    const off = lintInventory(b.inventory, { rules: [notActionAllow, adminAccess] });
    expect(off.findings.map((f) => [f.ruleId, f.resource])).toEqual([['admin-access', 'aws_iam_user_policy_attachment.admin']]);
  });

  it('names the rule when one fails', () => {
    const broken: Rule = { meta: { ...asksCatalog.meta, id: 'broken', needsCatalog: false }, check: ({ catalog }) => [report(asksCatalog.meta, 'version', { v: catalog.dataVersion() }, adminUser().policies[0]!.origin, null)] };
    expect(() => lintInventory(adminUser(), { rules: [broken] })).toThrow(/rule broken failed: .*needsCatalog/);
  });
});

describe('admin-access subsumes the narrower breadth findings', () => {
  /** Stands in for a catalog rule that also flags the statement. */
  const broad: Rule = {
    meta: { id: 'privilege-escalation', defaultSeverity: 'error', description: 'test', messages: { broad: 'broad' }, needsCatalog: false },
    check: ({ inventory }) =>
      inventory.policies.flatMap((p) => (p.document?.statements ?? []).map((s) => report(broad.meta, 'broad', {}, p.origin, s.sid ?? s.index))),
  };

  function twoStatements(): Inventory {
    const b = new InventoryBuilder();
    b.policy(doc({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }), { kind: 'managed', resource: 'aws_iam_policy.p' });
    return b.inventory;
  }

  it('reports the admin statement once and other statements as usual', () => {
    const result = lintInventory(twoStatements(), { rules: [adminAccess, broad] });
    expect(result.findings.map((f) => `${f.ruleId}@${f.statement}`)).toEqual(['admin-access@All', 'privilege-escalation@Pass']);
  });

  it('brings them back when admin-access is off', () => {
    const config = validateConfig({ rules: { 'admin-access': 'off' } }, 'test');
    const result = lintInventory(twoStatements(), { rules: [adminAccess, broad], config });
    expect(result.findings.map((f) => `${f.ruleId}@${f.statement}`)).toEqual(['privilege-escalation@All', 'privilege-escalation@Pass']);
  });

  it('covers the whole document of an attached AdministratorAccess', () => {
    const b = new InventoryBuilder();
    b.attach(b.user('dev'), { arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, 'aws_iam_user_policy_attachment.admin');
    const result = lintInventory(b.inventory, { rules: [...rules, asksCatalog] });
    const atAttachment = result.findings.filter((f) => f.resource === 'aws_iam_user_policy_attachment.admin').map((f) => f.ruleId);
    expect(atAttachment.sort()).toEqual(['admin-access', 'catalog-probe', 'user-attached-policy']);
  });
});
