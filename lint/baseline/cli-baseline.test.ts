/** `iam-policy-lint --baseline FILE` end to end, through the CLI's main(). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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

  it('says on stderr how many known findings it left out, and how many in the baseline are gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-baseline-'));
    const policy = join(dir, 'admin.json');
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [statement('A'), statement('B')] }));
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, (await run(['--format', 'json', policy], dir)).stdout);
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [statement('A')] }));
    const second = await run(['--baseline', baseline, policy], dir);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`note: --baseline ${baseline}: 1 known finding not reported; 1 of its findings no longer found (fixed or suppressed since)`);
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
