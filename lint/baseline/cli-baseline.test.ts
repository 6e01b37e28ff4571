/** `iam-policy-lint --baseline FILE` end to end, through the CLI's main(). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli-testing';

const run = (args: string[], cwd: string) => runCli(args, { cwd });

const statement = (sid: string) => ({ Sid: sid, Effect: 'Allow', Action: '*', Resource: '*' });

describe('iam-policy-lint --baseline', () => {
  it('reports only what the baseline did not have, so a known finding no longer fails the check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-baseline-'));
    const policy = join(dir, 'admin.json');
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [statement('Old')] }));
    const first = await run(['--format', 'json', policy], dir);
    expect(first.code).toBe(1);
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, first.stdout);

    // The same grant moved down a line by a new statement above it: still known.
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [statement('New'), statement('Old')] }, null, 2));
    const second = await run(['--format', 'json', '--baseline', baseline, policy], dir);
    const report = JSON.parse(second.stdout) as { findings: Array<{ ruleId: string; statement: unknown }>; summary: { error: number } };
    expect(report.findings.map((f) => [f.ruleId, f.statement])).toEqual([['admin-access', 'New']]);
    expect(report.summary.error).toBe(1);
    expect(second.code).toBe(1);

    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [statement('Old')] }, null, 2));
    expect((await run(['--baseline', baseline, policy], dir)).code).toBe(0);
  });

  it("tells apart findings in a role's inline_policy blocks, which share its address and statement numbers", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-baseline-'));
    const stack = join(dir, 'main.tf.json');
    const block = (name: string, action: string, resource: string) => ({ name, policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] }) });
    const write = (blocks: unknown[]) => writeFileSync(stack, JSON.stringify({ resource: { aws_iam_role: { r: { name: 'r', inline_policy: blocks } } } }));
    write([block('objects', 's3:GetObject', '*'), block('params', 'ssm:GetParameter', 'arn:aws:ssm:us-east-1:210987654321:parameter/app/*')]);
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, (await run(['--format', 'json', '--fail-on', 'never', stack], dir)).stdout);
    // The objects block fixed, the params block opened to every parameter: a new finding, not the old one.
    write([block('objects', 's3:GetObject', 'arn:aws:s3:::app/*'), block('params', 'ssm:GetParameter', '*')]);
    const after = JSON.parse((await run(['--format', 'json', '--baseline', baseline, stack], dir)).stdout) as { findings: Array<{ ruleId: string; message: string }> };
    expect(after.findings.map((f) => [f.ruleId, f.message.slice(0, 'inline policy params: '.length)])).toEqual([['data-exfiltration', 'inline policy params: ']]);

    // The same for rules whose messages named nothing else: administrator access, and a document over the quota.
    const huge = Array.from({ length: 400 }, (_, i) => `arn:aws:s3:::app-bucket-number-${i}/*`);
    const scenarios: Array<[string, unknown[], unknown[]]> = [
      ['admin-access', [block('a', '*', '*'), block('b', 's3:GetObject', 'arn:aws:s3:::app/*')], [block('a', 's3:GetObject', 'arn:aws:s3:::app/*'), block('b', '*', '*')]],
      ['policy-size', [{ ...block('a', 's3:GetObject', 'arn:aws:s3:::app/*'), policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: huge }] }) }, block('b', 's3:GetObject', 'arn:aws:s3:::app/*')],
        [block('a', 's3:GetObject', 'arn:aws:s3:::app/*'), { ...block('b', 's3:GetObject', 'arn:aws:s3:::app/*'), policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: huge }] }) }]],
    ];
    for (const [ruleId, before, later] of scenarios) {
      write(before);
      writeFileSync(baseline, (await run(['--format', 'json', '--fail-on', 'never', stack], dir)).stdout);
      write(later);
      const report = JSON.parse((await run(['--format', 'json', '--fail-on', 'never', '--baseline', baseline, stack], dir)).stdout) as { findings: Array<{ ruleId: string; message: string }> };
      expect(report.findings.filter((f) => f.ruleId === ruleId).map((f) => f.message.slice(0, 'inline policy b: '.length)), ruleId).toEqual(['inline policy b: ']);
    }
  });

  it('says on stderr how many known findings it left out, and how many in the baseline are gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-baseline-'));
    const policy = join(dir, 'admin.json');
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [statement('A'), statement('B')] }));
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, (await run(['--format', 'json', policy], dir)).stdout);
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [statement('A')] }));
    const second = await run(['--baseline', baseline, policy], dir);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`note: --baseline ${baseline}: 1 known finding not reported as new; 1 of its findings no longer found (fixed or suppressed since)`);
  });

  it('matches a baseline written with absolute paths to a run with relative ones (and back), and says when it matches nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-baseline-'));
    const policy = join(dir, 'admin.json');
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [statement('A')] }));
    const baseline = join(dir, 'baseline.json');
    const report = JSON.parse((await run(['--format', 'json', policy], dir)).stdout) as { findings: Array<{ file: string }> };
    // As written by a run from `dir` with a relative PATH.
    for (const f of report.findings) f.file = `./${relative(dir, f.file)}`;
    writeFileSync(baseline, JSON.stringify(report));
    expect(readFileSync(baseline, 'utf8')).toContain('"file":"./admin.json"');
    const same = await run(['--baseline', baseline, policy], dir);
    expect(same.code).toBe(0);
    expect(same.stderr).not.toContain('matched none');
    // From another folder the relative paths name other files: every finding is new, and the note says why that may be.
    const elsewhere = await run(['--baseline', baseline, policy], mkdtempSync(join(tmpdir(), 'cli-baseline-cwd-')));
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain(`note: --baseline ${baseline} matched none of this run's 1 finding: was it written from another folder, or by another version?`);
  });

  it('keeps a baseline written by an earlier version, whose messages were worded otherwise, working', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-baseline-'));
    const policy = join(dir, 'admin.json');
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [statement('Old')] }));
    // As the previous format wrote it: the same JSON report, with the messages of its day.
    const baseline = join(dir, 'baseline.json');
    writeFileSync(
      baseline,
      JSON.stringify({
        findings: [{ ruleId: 'admin-access', severity: 'error', message: 'Allow of * on * grants full administrator access', file: policy, resource: null, statement: 'Old', line: 1 }],
        suppressed: [],
        summary: { error: 1, warning: 0, info: 0, filesRead: 1, filesSkipped: 0, suppressed: 0 },
      }),
    );
    const same = await run(['--baseline', baseline, policy], dir);
    expect(same.stderr).toContain(`note: --baseline ${baseline}: 1 known finding not reported as new`);
    expect(same.code).toBe(0);
    // It stands for one finding at its place, not for every finding there could be.
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [statement('Old'), statement('New')] }));
    const more = await run(['--format', 'json', '--baseline', baseline, policy], dir);
    expect((JSON.parse(more.stdout) as { findings: Array<{ statement: unknown }> }).findings.map((f) => f.statement)).toEqual(['New']);
    expect(more.code).toBe(1);
  });

  it('reports an unknown action as new where the baseline had another one in the same statement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-baseline-'));
    const policy = join(dir, 'typo.json');
    const actions = (...names: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: names, Resource: 'arn:aws:s3:::bucket/*' }] });
    writeFileSync(policy, actions('s3:GetObjcet'));
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, (await run(['--format', 'json', '--fail-on', 'never', policy], dir)).stdout);
    expect(readFileSync(baseline, 'utf8')).toContain('s3:GetObjcet');

    writeFileSync(policy, actions('s3:GetObject', 's3:PutObjcet'));
    const swapped = await run(['--format', 'json', '--baseline', baseline, policy], dir);
    const report = JSON.parse(swapped.stdout) as { findings: Array<{ ruleId: string; message: string }> };
    expect(report.findings.map((f) => f.ruleId)).toEqual(['unknown-action']);
    expect(report.findings[0]!.message).toContain('s3:PutObjcet');
    expect(swapped.code).toBe(1);
    expect(swapped.stderr).toContain('0 known findings not reported as new; 1 of its findings no longer found');
  });

  it('keeps known findings in SARIF, marked unchanged and suppressed, and counts only new ones for the exit status', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-baseline-'));
    const policy = join(dir, 'admin.json');
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [statement('Old')] }));
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, (await run(['--format', 'json', policy], dir)).stdout);

    const sarifRun = (...args: string[]) => run(['--format', 'sarif', ...args, policy], dir);
    const onlyKnown = await sarifRun('--baseline', baseline);
    expect(onlyKnown.code).toBe(0);
    const known = (JSON.parse(onlyKnown.stdout) as Log).runs[0]!;
    expect(known.results!.map((r) => [r.ruleId, r.baselineState, r.suppressions?.[0]?.status])).toEqual([['admin-access', 'unchanged', 'accepted']]);
    expect(known.results![0]!.suppressions![0]).toMatchObject({ kind: 'external', justification: expect.stringContaining('--baseline') });
    expect(known.properties).toMatchObject({ baseline: { known: 1, gone: 0 }, summary: { error: 0 } });

    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [statement('New'), statement('Old')] }, null, 2));
    const withNew = await sarifRun('--baseline', baseline);
    expect(withNew.code).toBe(1);
    const results = (JSON.parse(withNew.stdout) as Log).runs[0]!.results!;
    expect(results.map((r) => [r.properties?.statement, r.baselineState, r.suppressions === undefined])).toEqual([
      ['New', 'new', true],
      ['Old', 'unchanged', false],
    ]);
    // The same results, in the same order and with the same fingerprints, as a run without the baseline.
    const plain = (JSON.parse((await sarifRun()).stdout) as Log).runs[0]!.results!;
    expect(results.map((r) => r.partialFingerprints)).toEqual(plain.map((r) => r.partialFingerprints));
    expect(plain.every((r) => r.baselineState === undefined && r.suppressions === undefined)).toBe(true);
    // Byte for byte the same on a second run.
    expect((await sarifRun('--baseline', baseline)).stdout).toBe(withNew.stdout);
  });

  it('exits 2 naming the baseline file and its problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-baseline-'));
    const policy = join(dir, 'p.json');
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [statement('S')] }));
    writeFileSync(join(dir, 'bad.json'), '{"findings": [');
    const bad = await run(['--baseline', join(dir, 'bad.json'), policy], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`--baseline ${join(dir, 'bad.json')}: not valid JSON`);
  });
});
