import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { validateConfig } from '../config/validate-config';
import { lintInventory } from '../engine/lint-inventory';
import type { Finding } from '../model/types';
import { rules as registry } from '../rules/index';
import { formatMessage } from '../rules/rule';
import { InventoryBuilder } from '../rules/testing';
import { exitCode, type FailOn } from './exit-code';
import { formatReport } from './index';
import { artifactUri, FINGERPRINT_KEY } from './sarif';
import { docsUrl } from './tool';
import type { ReportInput } from './types';

/** The catalog-free rules: their findings on this input are fixed, whatever the catalog data says. */
const rules = registry.filter((r) => !r.meta.needsCatalog);

function input(): ReportInput {
  const b = new InventoryBuilder();
  const user = b.user('deployer');
  b.policy({ Version: '2012-10-17', Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }] }, { kind: 'managed', resource: 'aws_iam_policy.all', line: 7 });
  b.policy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }, { file: 'policies/power.json' });
  b.attach(user, { arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, 'aws_iam_user_policy_attachment.admin');
  const config = validateConfig({ suppressions: [{ rule: 'admin-access', resource: 'aws_iam_user_policy_attachment.admin', reason: 'break-glass, reviewed 2026-11' }] }, 'test');
  const result = lintInventory(b.inventory, { rules, config, filesRead: 2, filesSkipped: 1 });
  return { ...result, rules: rules.map((r) => r.meta), toolVersion: '9.9.9', catalogDataVersion: 'iam-data 1' };
}

describe('json', () => {
  it('prints the contract: findings, suppressed with reason, summary', () => {
    const out = JSON.parse(formatReport('json', input())) as { findings: Finding[]; suppressed: (Finding & { reason: string })[]; summary: Record<string, number> };
    expect(Object.keys(out)).toEqual(['findings', 'suppressed', 'summary']);
    expect(Object.keys(out.findings[0]!)).toEqual(['ruleId', 'severity', 'message', 'file', 'resource', 'statement', 'line']);
    expect(out.findings).toContainEqual(expect.objectContaining({ ruleId: 'admin-access', severity: 'error', file: 'stack/cdk.tf.json', resource: 'aws_iam_policy.all', statement: 'All', line: 7 }));
    expect(out.findings).toContainEqual(expect.objectContaining({ ruleId: 'not-action-allow', file: 'policies/power.json', resource: null, statement: 0, line: null }));
    expect(out.suppressed).toEqual([expect.objectContaining({ ruleId: 'admin-access', resource: 'aws_iam_user_policy_attachment.admin', reason: 'break-glass, reviewed 2026-11' })]);
    expect(out.summary).toEqual({ error: 1, warning: 1, info: 1, filesRead: 2, filesSkipped: 1, suppressed: 1 });
  });
});

describe('sarif', () => {
  const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/iam', GITHUB_SHA: 'abc123' };
  const log = JSON.parse(formatReport('sarif', input(), { env })) as Log;
  const run = log.runs[0]!;

  it('is SARIF 2.1.0 with the tool version and the catalog data version', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(run.tool.driver).toMatchObject({ name: 'iam-policy-lint', version: '9.9.9' });
    expect(run.properties).toMatchObject({ catalogDataVersion: 'iam-data 1' });
  });

  it('describes every rule with help text from its docs page and a link to it', () => {
    const admin = run.tool.driver.rules!.find((r) => r.id === 'admin-access')!;
    expect(admin.helpUri).toBe('https://github.com/acme/iam/blob/abc123/docs/rules/admin-access.md');
    expect(admin.help?.markdown).toMatch(/^# admin-access/);
    expect(admin.defaultConfiguration?.level).toBe('error');
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual(rules.map((r) => r.meta.id));
  });

  it('places results at file and line, names the resource, and marks suppressed ones with the reason', () => {
    const results = run.results!;
    const policyAll = results.find((r) => r.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName === 'aws_iam_policy.all')!;
    expect(policyAll.ruleId).toBe('admin-access');
    expect(policyAll.level).toBe('error');
    expect(policyAll.locations![0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: 'stack/cdk.tf.json' }, region: { startLine: 7 } });
    expect(policyAll.suppressions).toBeUndefined();
    expect(results.find((r) => r.ruleId === 'user-attached-policy')!.level).toBe('note');
    const suppressed = results.filter((r) => r.suppressions !== undefined);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'break-glass, reviewed 2026-11' }]);
    expect(results.every((r) => typeof r.ruleIndex === 'number' && /^[0-9a-f]{64}:1$/.test(r.partialFingerprints?.[FINGERPRINT_KEY] ?? ''))).toBe(true);
    // Without --baseline, no result claims a baseline state.
    expect(results.every((r) => r.baselineState === undefined)).toBe(true);
  });

  it('gives a finding the same fingerprint whether its file was given as ./policies/a.json or policies/a.json', () => {
    const base = input();
    const asGiven = (file: string) => {
      const findings = base.findings.map((f) => ({ ...f, file }));
      const sarif = JSON.parse(formatReport('sarif', { ...base, findings, suppressed: [] }, { env })) as Log;
      return sarif.runs[0]!.results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY]);
    };
    expect(asGiven('./policies/a.json')).toEqual(asGiven('policies/a.json'));
    expect(asGiven('policies/b.json')).not.toEqual(asGiven('policies/a.json'));
  });

  describe('fingerprints follow what a finding is about, not its wording', () => {
    const base = input();
    const fingerprintsOf = (findings: Finding[]) =>
      (JSON.parse(formatReport('sarif', { ...base, findings, suppressed: [] }, { env })) as Log).runs[0]!.results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY]!);
    const admin = base.findings.find((f) => f.ruleId === 'admin-access')!;
    const unknown = (pattern: string, message = `Action "${pattern}" matches no action AWS defines; check its spelling.`): Finding => ({ ...admin, ruleId: 'unknown-action', message });

    it('keeps a fingerprint through another message for the same grant, a moved line and a catalog verdict change', () => {
      const adminMeta = rules.find((r) => r.meta.id === 'admin-access')!.meta;
      const minusDeny = formatMessage(adminMeta.messages.allowAllMinusDeny!, { policy: '', action: '*:*', resource: '*' });
      expect(fingerprintsOf([{ ...admin, message: minusDeny, line: 70 }])).toEqual(fingerprintsOf([admin]));
      expect(fingerprintsOf([unknown('s3:GetObjcet', 'Action "s3:GetObjcet" matches no action of s3; did you mean s3:GetObject?')])).toEqual(fingerprintsOf([unknown('s3:GetObjcet')]));
    });

    it('tells apart findings of one statement that name different things, and numbers those it cannot', () => {
      const [a, b] = fingerprintsOf([unknown('s3:GetObjcet'), unknown('s3:PutObjcet')]);
      expect(a).not.toBe(b);
      // Access Analyzer's messages are all that tell its findings apart; the same one twice is numbered.
      const analyzer = { ...admin, ruleId: 'access-analyzer/INVALID_ACTION' };
      const [first, second] = fingerprintsOf([{ ...analyzer, message: 'IAM Access Analyzer: The action s3:GetObjct does not exist.' }, { ...analyzer, message: 'IAM Access Analyzer: The action s3:PutObjct does not exist.' }]);
      expect(first!.slice(0, -2)).not.toBe(second!.slice(0, -2));
      const twice = fingerprintsOf([{ ...analyzer, message: 'same' }, { ...analyzer, message: 'same' }]);
      expect(twice.map((f) => f.slice(-2))).toEqual([':1', ':2']);
      expect(twice[0]!.slice(0, -2)).toBe(twice[1]!.slice(0, -2));
    });
  });

  it('with a baseline, keeps known findings as unchanged and accepted-suppressed, new ones as new, in report order', () => {
    const base = input();
    const [first, ...rest] = base.findings;
    const withBaseline: ReportInput = { ...base, findings: rest, baseline: { knownFindings: [first!], known: 1, gone: 2 } };
    const format = () => formatReport('sarif', withBaseline, { env });
    const sarifRun = (JSON.parse(format()) as Log).runs[0]!;
    const plain = (JSON.parse(formatReport('sarif', base, { env })) as Log).runs[0]!;
    expect(sarifRun.results!.map((r) => r.partialFingerprints)).toEqual(plain.results!.map((r) => r.partialFingerprints));
    const states = sarifRun.results!.map((r) => [r.baselineState ?? null, r.suppressions?.map((s) => s.status) ?? []]);
    expect(states).toEqual([
      ['unchanged', ['accepted']],
      ...rest.map(() => ['new', []]),
      // A config suppression is its own matter: accepted, and not compared with the baseline.
      [null, ['accepted']],
    ]);
    expect(sarifRun.properties).toMatchObject({ baseline: { known: 1, gone: 2 } });
    expect(format()).toBe(format());
  });

  it('in GitHub Actions, gives paths relative to the workspace, also when run from a subfolder or with absolute paths', () => {
    const workspace = path.resolve('/home/runner/work/iam/iam');
    const base = input();
    const at = (file: string, cwd: string) => {
      const findings = base.findings.slice(0, 1).map((f) => ({ ...f, file }));
      const sarif = JSON.parse(formatReport('sarif', { ...base, findings, suppressed: [] }, { env: { ...env, GITHUB_WORKSPACE: workspace }, cwd })) as Log;
      const result = sarif.runs[0]!.results![0]!;
      const github = formatReport('github', { ...base, findings, suppressed: [] }, { env: { GITHUB_WORKSPACE: workspace }, cwd });
      return { uri: result.locations![0]!.physicalLocation!.artifactLocation!.uri, fingerprint: result.partialFingerprints![FINGERPRINT_KEY], annotation: github.split(',')[0]!.replace(/^::\w+ /, '') };
    };
    const fromRoot = at('infra/cdktf.out/cdk.tf.json', workspace);
    expect(fromRoot).toMatchObject({ uri: 'infra/cdktf.out/cdk.tf.json', annotation: 'file=infra/cdktf.out/cdk.tf.json' });
    expect(at('cdktf.out/cdk.tf.json', path.join(workspace, 'infra'))).toEqual(fromRoot);
    expect(at(path.join(workspace, 'infra', 'cdktf.out', 'cdk.tf.json'), '/elsewhere')).toEqual(fromRoot);
    // Outside the workspace, or outside Actions, the path is kept as given.
    expect(at('/tmp/x.json', workspace).uri).toBe('file:///tmp/x.json');
    const outside = JSON.parse(formatReport('sarif', { ...base, findings: base.findings.slice(0, 1).map((f) => ({ ...f, file: 'cdktf.out/cdk.tf.json' })), suppressed: [] }, { env: {}, cwd: path.join(workspace, 'infra') })) as Log;
    expect(outside.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('cdktf.out/cdk.tf.json');
  });

  it('never writes a region before line 1, and still reports a finding whose rule is not in the table', () => {
    const base = input();
    const odd = { ...base.findings[0]!, ruleId: 'access-analyzer/NEW_CHECK', line: 0 };
    const sarif = JSON.parse(formatReport('sarif', { ...base, findings: [odd], suppressed: [] }, { env })) as Log;
    const result = sarif.runs[0]!.results![0]!;
    expect(result.locations![0]!.physicalLocation!.region!.startLine).toBe(1);
    expect(result.ruleId).toBe('access-analyzer/NEW_CHECK');
  });

  it('keeps relative paths relative and makes absolute ones file: URIs', () => {
    expect(artifactUri('cdktf.out/stacks/my stack/cdk.tf.json')).toBe('cdktf.out/stacks/my%20stack/cdk.tf.json');
    expect(artifactUri('/repo/policies/a.json')).toBe('file:///repo/policies/a.json');
  });

  it('encodes what would make a relative URI name another file: #, ?, a colon before the first slash, %', () => {
    expect(artifactUri('policies/a#1.json')).toBe('policies/a%231.json');
    expect(artifactUri('policies/what?.json')).toBe('policies/what%3F.json');
    expect(artifactUri('c:x.json')).toBe('c%3Ax.json');
    expect(artifactUri('stacks\\ops\\50%.json')).toBe('stacks/ops/50%25.json');
    expect(artifactUri('policies/ünï.json')).toBe('policies/%C3%BCn%C3%AF.json');
    expect(artifactUri('/repo/a#1.json')).toBe('file:///repo/a%231.json');
    expect(artifactUri('./policies/a.json')).toBe('policies/a.json');
    expect(artifactUri('.\\stacks\\ops\\cdk.tf.json')).toBe('stacks/ops/cdk.tf.json');
    for (const file of ['policies/a#1.json', 'c:x.json', 'my dir/what?.json']) {
      expect(decodeURIComponent(new URL(artifactUri(file), 'file:///repo/').pathname)).toBe(`/repo/${file}`);
    }
  });

  it('links to the repository named in package.json when there is one', () => {
    expect(docsUrl('admin-access', {}, { type: 'git', url: 'git+https://github.com/acme/iam.git' })).toBe('https://github.com/acme/iam/blob/main/docs/rules/admin-access.md');
    expect(docsUrl('admin-access', {}, 'acme/iam')).toBe('https://github.com/acme/iam/blob/main/docs/rules/admin-access.md');
    expect(docsUrl('admin-access', {}, undefined)).toMatch(/^file:\/\/.*\/docs\/rules\/admin-access\.md$/);
  });

  it('links to the local docs outside GitHub Actions', () => {
    const local = JSON.parse(formatReport('sarif', input(), { env: {} })) as Log;
    expect(local.runs[0]!.tool.driver.rules![0]!.helpUri).toMatch(/^file:\/\/.*\/docs\/rules\/[a-z-]+\.md$/);
  });
});

describe('github', () => {
  it('annotates findings (info as notice), escapes, and skips suppressed ones', () => {
    const data = input();
    const out = formatReport('github', data).trimEnd().split('\n');
    expect(out[0]).toMatch(/^::warning file=policies\/power\.json,title=not-action-allow::statement allows every action except iam:\*/);
    expect(out.find((l) => l.startsWith('::error'))).toMatch(/^::error file=stack\/cdk\.tf\.json,line=7,title=admin-access \(aws_iam_policy\.all\)::statement allows every action/);
    expect(out.filter((l) => l.startsWith('::notice '))).toHaveLength(1);
    expect(out.filter((l) => l.startsWith('::'))).toHaveLength(data.findings.length);
    expect(out.at(-1)).toBe('iam-policy-lint: 3 problems (1 error, 1 warning, 1 info), 1 suppressed; 2 files read, 1 skipped');
    const tricky = formatReport('github', { ...data, findings: [{ ...data.findings.find((f) => f.ruleId === 'admin-access')!, file: 'a,b:c.json', message: '50% of\nit' }] });
    expect(tricky.split('\n')[0]).toBe('::error file=a%2Cb%3Ac.json,line=7,title=admin-access (aws_iam_policy.all)::50%25 of%0Ait');
  });
});

describe('text', () => {
  it('groups by file, shows suppressed with the reason, ends with the summary', () => {
    const out = formatReport('text', input(), { color: false });
    expect(out.includes('\u001b[')).toBe(false);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('policies/power.json');
    expect(lines).toContain('stack/cdk.tf.json');
    expect(out).toMatch(/ 7 {2}error {4}aws_iam_policy\.all statement All: statement allows every action .* admin-access\n/);
    expect(out).toMatch(/suppressed {2}aws_iam_user_policy_attachment\.admin: .* admin-access \(reason: break-glass, reviewed 2026-11\)/);
    expect(lines.at(-1)).toBe('✖ 3 problems (1 error, 1 warning, 1 info), 1 suppressed; 2 files read, 1 skipped');
  });

  it('prints text from the policy on one line: a Sid cannot start a GitHub workflow command or send a terminal escape', () => {
    const base = input();
    const forged = { ...base.findings[0]!, file: 'a\nb.json', statement: 'A\n::error file=README.md::forged', message: 'm\u001b[2J\r\tx' };
    const out = formatReport('text', { ...base, findings: [forged], suppressed: [{ ...forged, reason: 'ok\n::warning::y' }] }, { color: false });
    expect(out.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
    expect(out.includes('\u001b')).toBe(false);
    expect(out).toContain('a\\nb.json\n');
    expect(out).toContain('statement A\\n::error file=README.md::forged: m\\u001b[2J\\r\\tx');
    expect(out).toContain('(reason: ok\\n::warning::y)');
  });

  it('colours only when asked', () => {
    expect(formatReport('text', input(), { color: true }).includes('\u001b[31merror')).toBe(true);
  });

  it('says so when there is nothing', () => {
    const empty = { ...input(), findings: [], suppressed: [], summary: { error: 0, warning: 0, info: 0, filesRead: 1, filesSkipped: 0, suppressed: 0 } };
    expect(formatReport('text', empty, { color: false })).toBe('✔ no problems; 1 file read, 0 skipped\n');
  });
});

describe('exitCode', () => {
  const f = (severity: Finding['severity']): Finding => ({ ruleId: 'x', severity, message: '', file: 'f', resource: null, statement: null, line: null });
  it.each<[FailOn, Finding['severity'][], number]>([
    ['error', [], 0],
    ['error', ['warning', 'info'], 0],
    ['error', ['error'], 1],
    ['warning', ['warning'], 1],
    ['warning', ['info'], 0],
    ['info', ['info'], 1],
    ['never', ['error'], 0],
  ])('--fail-on %s with %j exits %i', (failOn, severities, code) => {
    expect(exitCode(severities.map(f), failOn)).toBe(code);
  });
});

describe('text', () => {
  it('prints a file with more findings than a call takes as spread arguments (200,000)', () => {
    const base = input();
    const finding = base.findings[0]!;
    const many = Array.from({ length: 200_000 }, (_, i) => ({ ...finding, line: i + 1 }));
    const out = formatReport('text', { ...base, findings: many });
    expect(out).toContain('200000');
  });
});
