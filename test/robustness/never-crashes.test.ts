/**
 * Whatever the files hold, the CLI answers: exit 0, 1 or 2, a report or a message naming the
 * file, never an internal error, in bounded time. main() runs in-process on real temp files.
 */
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputFile } from './arbitraries';
import { runCli, writeFolder, type CliRun } from './run-cli';

interface JsonReport {
  findings: { ruleId: string; file: string }[];
}

function assertAnswered(run: CliRun, withinMs = 15_000): void {
  expect([0, 1, 2]).toContain(run.code);
  expect(run.stderr).not.toMatch(/internal error/);
  if (run.code === 2) expect(run.stderr.trim()).not.toBe('');
  // Unreadable files are listed on stderr; the files read are still reported.
  const report = JSON.parse(run.stdout) as JsonReport;
  expect(Array.isArray(report.findings)).toBe(true);
  expect(run.ms).toBeLessThan(withinMs);
}

describe('the CLI never crashes', () => {
  it('on folders of generated policy, Terraform JSON, plan and HCL files, valid and broken', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(inputFile, { minLength: 1, maxLength: 4 }), async (inputs) => {
        const dir = writeFolder(inputs.map((f, i) => [`in${i}${f.ext}`, f.text] as const));
        try {
          const run = await runCli(['--format', 'json', '--fail-on', 'warning', dir]);
          assertAnswered(run);
          // Errors name the file they are about; one closing line counts them.
          if (run.code === 2) {
            const lines = run.stderr.trim().split('\n');
            expect(lines.pop()).toMatch(/^iam-policy-lint: \d+ input errors? \(above\); the report covers the \d+ files? read$/);
            // Notes (policies only Terraform can produce) may come first; every other line names its file.
            for (const line of lines) expect(line.startsWith(dir) || line.startsWith('note: ')).toBe(true);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      // A run that takes longer fails with its input instead of hanging the suite.
      { numRuns: 50, timeout: 20_000 },
    );
  });

  it('on a 50 MB action name, a 100,000-statement document, 200,000-item lists and 10,000-deep nesting', async () => {
    const huge = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: `s3:${'x'.repeat(50_000_000)}`, Resource: '*' }] };
    const many = { Version: '2012-10-17', Statement: Array.from({ length: 100_000 }, (_, i) => ({ Effect: 'Allow', Action: i % 2 ? 's3:GetObject' : 'iam:PassRole', Resource: '*' })) };
    // Longer than a function call takes as spread arguments (about 130,000 on Node 20).
    const wide = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: Array.from({ length: 200_000 }, (_, i) => `s3:Get${i}`), Resource: Array.from({ length: 200_000 }, (_, i) => `arn:aws:s3:::b${i}`), Condition: { StringEquals: { 'aws:ResourceAccount': Array.from({ length: 200_000 }, String) } } }],
    };
    // Few actions repeated against many ARNs they cannot act on, and a Deny that lists them all again.
    const arns = Array.from({ length: 200_000 }, (_, i) => `arn:aws:dynamodb:us-east-1:210987654321:table/t${i}`);
    const actions = Array.from({ length: 200_000 }, (_, i) => ['s3:GetObject', 'iam:PassRole', 'ec2:RunInstances'][i % 3]);
    const crossed = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: actions, Resource: arns },
        { Effect: 'Deny', Action: actions, Resource: [...arns].reverse() },
      ],
    };
    const deep = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}]}`;
    const dir = writeFolder([
      ['huge.json', JSON.stringify(huge)],
      ['many.json', JSON.stringify(many)],
      ['deep.json', deep],
      ['wide.json', JSON.stringify(wide)],
      ['crossed.json', JSON.stringify(crossed)],
    ]);
    try {
      const run = await runCli(['--format', 'json', '--fail-on', 'never', dir]);
      // About 12 s on an idle 2-core machine, 45 s with CI sharing it with other work: the bound is
      // there to catch a quadratic walk (which takes hours here), not to time the run.
      assertAnswered(run, 80_000);
      expect(run.code).toBe(0);
      const files = new Set((JSON.parse(run.stdout) as JsonReport).findings.map((f) => f.file.slice(dir.length + 1)));
      expect(files).toContain('huge.json');
      expect(files).toContain('many.json');
      expect(files).toContain('wide.json');
      expect(files).toContain('crossed.json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
