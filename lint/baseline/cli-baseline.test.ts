/** `iam-policy-lint --baseline FILE` end to end, through the CLI's main(). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
