import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/types';
import { findDuplicateKey } from './duplicate-key';
import { globToRegExp } from './glob';
import { loadConfig, resolveConfig } from './load-config';
import { applySuppressions } from './suppressions';
import { validateConfig, validateSuppression } from './validate-config';

const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: 'admin-access',
  severity: 'error',
  message: 'm',
  file: 'cdktf.out/stacks/ops/cdk.tf.json',
  resource: 'aws_iam_user_policy_attachment.admin',
  statement: null,
  line: 3,
  ...over,
});

const suppression = (over: Record<string, unknown>) => validateConfig({ suppressions: [{ rule: 'admin-access', reason: 'break-glass', ...over }] }, 'c.json').suppressions;

describe('validateConfig', () => {
  it('accepts severities, off and suppressions', () => {
    const config = validateConfig(
      { rules: { 'user-attached-policy': 'off', 'console-and-key': 'error' }, suppressions: [{ rule: 'admin-access', resource: 'aws_iam_*.admin', reason: 'break-glass', statement: 'All' }] },
      'c.json',
    );
    expect(config.rules).toEqual({ 'user-attached-policy': 'off', 'console-and-key': 'error' });
    expect(config.suppressions).toEqual([{ rule: 'admin-access', file: null, resource: 'aws_iam_*.admin', statement: 'All', reason: 'break-glass', source: 'c.json' }]);
  });

  it('maps users to the presets exceeds-preset holds them to', () => {
    expect(validateConfig({ presets: { deployer: 'eks-eksctl sst-deployer' } }, 'c.json').presets).toEqual({ deployer: 'eks-eksctl sst-deployer' });
    expect(() => validateConfig({ presets: { deployer: '' } }, 'c.json')).toThrow('c.json: presets["deployer"] must name one or more presets');
  });

  it.each([
    [[], 'c.json: the config must be a JSON object'],
    [{ rule: {} }, 'c.json: unknown key "rule"'],
    [{ rules: { 'admin-acess': 'off' } }, 'c.json: rules: unknown rule "admin-acess"; did you mean "admin-access"? Rules are admin-access'],
    [{ rules: { 'Privilege-Escalations': 'off' } }, 'unknown rule "Privilege-Escalations"; did you mean "privilege-escalation"?'],
    [{ rules: { 'no-wildcards': 'off' } }, /unknown rule "no-wildcards"; rules are admin-access/],
    [{ rules: { 'admin-access': 'high' } }, 'rules["admin-access"] must be "error", "warning", "info" or "off", found "high"'],
    [{ suppressions: {} }, '"suppressions" must be a list'],
    [{ suppressions: [{ file: 'a.json', reason: 'x' }] }, 'suppressions[0].rule is missing'],
    [{ suppressions: [{ rule: 'admin-access', reason: 'x' }] }, 'suppressions[0] (rule admin-access) must name a "file" or a "resource"'],
    [{ suppressions: [{ rule: 'admin-access', file: 'a.json' }] }, 'suppressions[0] (rule admin-access) needs a "reason"'],
    [{ suppressions: [{ rule: 'admin-access', file: 'a.json', reason: '   ' }] }, 'needs a "reason"'],
    [{ suppressions: [{ rule: 'nope', file: 'a.json', reason: 'r' }] }, 'suppressions[0].rule: unknown rule "nope"'],
    [{ suppressions: [{ rule: 'console-pasword', file: 'a.json', reason: 'r' }] }, 'suppressions[0].rule: unknown rule "console-pasword"; did you mean "console-password"?'],
    [{ suppressions: [{ rule: 'admin-access', file: 'a.json', reason: 'r', until: 'x' }] }, 'suppressions[0] has unknown key "until"'],
  ])('rejects %j naming the problem', (value, message) => {
    expect(() => validateConfig(value, 'c.json')).toThrow(message);
  });

  it('lets Access Analyzer findings be configured before they exist', () => {
    expect(validateConfig({ rules: { 'access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE': 'warning' } }, 'c').rules).toHaveProperty('access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE');
  });
});

describe('validateSuppression (a suppression on a construct)', () => {
  it('takes the same shape and names the construct', () => {
    expect(validateSuppression({ rule: 'admin-access', resource: 'aws_iam_user_policy_attachment.admin', reason: 'break-glass' }, 'ops/BreakGlass')).toMatchObject({ source: 'ops/BreakGlass', reason: 'break-glass' });
    expect(() => validateSuppression({ rule: 'admin-access', resource: 'x' }, 'ops/BreakGlass')).toThrow('ops/BreakGlass: suppression (rule admin-access) needs a "reason"');
  });
});

describe('loadConfig', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'iam-lint-config-'));

  it('names the file, line and column of malformed JSON', () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, '{\n  "rules": {\n    "admin-access": "off",\n  }\n}\n');
    expect(() => loadConfig(file)).toThrow(new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}:4:3: malformed JSON`));
  });

  it('names a key written twice in one object, with its line and column, after a BOM too', () => {
    const file = path.join(dir, 'twice.json');
    writeFileSync(file, '\ufeff{\n  "suppressions": [],\n  "rules": {"admin-access": "off", "admin-access": "error"}\n}\n');
    expect(() => loadConfig(file)).toThrow(`${file}:3:36: "admin-access" is written twice in the same object; JSON keeps only the last, so merge the two into one`);
    writeFileSync(file, '{"suppressions": [{"rule": "admin-access", "file": "a", "reason": "r"}],\n"suppressions": []}');
    expect(() => loadConfig(file)).toThrow(`${file}:2:1: "suppressions" is written twice`);
    // The same key in different objects, in strings and after escapes, is no duplicate.
    writeFileSync(file, JSON.stringify({ rules: { 'policy-size': 'off' }, suppressions: [{ rule: 'policy-size', file: 'a \\"rules\\"', reason: 'r' }, { rule: 'policy-size', file: 'b', reason: 'r' }] }));
    expect(loadConfig(file).suppressions).toHaveLength(2);
  });

  it('names a file that cannot be read', () => {
    expect(() => loadConfig(path.join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read the config file \(no such file\)/);
    expect(() => loadConfig(dir)).toThrow(/it is a folder/);
  });

  it('finds .iam-policy-lint.json in the working folder, and is empty without one', () => {
    // A repository root: the search for a config goes no higher (config-search.test.ts).
    mkdirSync(path.join(dir, '.git'));
    expect(resolveConfig(null, undefined, dir).rules).toEqual({});
    writeFileSync(path.join(dir, '.iam-policy-lint.json'), JSON.stringify({ rules: { 'policy-size': 'warning' } }));
    const config = resolveConfig(null, undefined, dir);
    expect(config.rules).toEqual({ 'policy-size': 'warning' });
    expect(config.baseDir).toBe(dir);
  });
});

describe('applySuppressions', () => {
  it('matches rule, file glob, resource glob and statement', () => {
    const f = [finding(), finding({ ruleId: 'console-and-key' }), finding({ file: 'policies/admin.json', resource: null, statement: 'All' })];
    const bySuppression = (over: Record<string, unknown>) => applySuppressions(f, suppression(over)).suppressed.map((s) => `${s.file}|${s.resource}`);
    expect(bySuppression({ resource: 'aws_iam_user_policy_attachment.admin' })).toEqual(['cdktf.out/stacks/ops/cdk.tf.json|aws_iam_user_policy_attachment.admin']);
    expect(bySuppression({ file: 'cdktf.out/**' })).toEqual(['cdktf.out/stacks/ops/cdk.tf.json|aws_iam_user_policy_attachment.admin']);
    expect(bySuppression({ file: '**/admin.json' })).toEqual(['policies/admin.json|null']);
    expect(bySuppression({ file: 'policies/*.json', statement: 'Other' })).toEqual([]);
    expect(bySuppression({ file: 'policies/*.json', statement: 'All' })).toEqual(['policies/admin.json|null']);
    expect(bySuppression({ file: 'cdktf.out/*' })).toEqual([]);
  });

  it('keeps the reason, counts nothing twice, and lists unused suppressions', () => {
    const result = applySuppressions([finding(), finding({ ruleId: 'console-and-key' })], [...suppression({ file: '**' }), ...suppression({ file: 'nowhere/**' })]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['console-and-key']);
    expect(result.suppressed).toEqual([{ ...finding(), reason: 'break-glass' }]);
    expect(result.unused.map((s) => s.file)).toEqual(['nowhere/**']);
  });

  it('matches file globs relative to the config folder too', () => {
    const base = path.resolve('/repo');
    const f = finding({ file: path.join(base, 'cdktf.out', 'stacks', 'ops', 'cdk.tf.json') });
    expect(applySuppressions([f], suppression({ file: 'cdktf.out/**' }), base).suppressed).toHaveLength(1);
    expect(applySuppressions([f], suppression({ file: 'cdktf.out/**' }), null).suppressed).toHaveLength(0);
  });
});

describe('globToRegExp', () => {
  it.each([
    ['cdktf.out/**/cdk.tf.json', 'cdktf.out/stacks/a/cdk.tf.json', true],
    ['cdktf.out/**/cdk.tf.json', 'cdktf.out/cdk.tf.json', true],
    ['*.json', 'policies/a.json', false],
    ['policies/?.json', 'policies/a.json', true],
    ['aws_iam_policy.deploy', 'aws_iam_policyXdeploy', false],
  ])('%s ~ %s is %s', (glob, value, expected) => {
    expect(globToRegExp(glob).test(value)).toBe(expected);
  });
});

describe('findDuplicateKey', () => {
  it('finds none in JSON.stringify output (which cannot repeat a key), indented or not', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(findDuplicateKey(JSON.stringify(value))).toBeNull();
        expect(findDuplicateKey(JSON.stringify(value, null, 2))).toBeNull();
      }),
    );
  });
});
