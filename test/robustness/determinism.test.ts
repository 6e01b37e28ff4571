/**
 * The same input gives byte-identical JSON and SARIF, whatever order the files were created in
 * (so whatever order a folder lists them), and whatever order the paths are given in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputFile } from './arbitraries';
import { runCli, writeFolder } from './run-cli';

const NAMES = ['a.json', 'b.tf.json', 'sub/c.json', 'sub/deeper/d.json', 'Z.json', 'é.json', 'sub/a.json'];

/** Files with fixed names, each holding generated text; and two orders to create them in. */
const folderCase = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 2, maxLength: NAMES.length })
  .chain((names) =>
    fc.record({
      files: fc.tuple(...names.map((name) => inputFile.map((f) => [name.replace(/\.(tf\.)?json$/, f.ext === '.tf' ? '.tf' : f.ext), f.text] as const))),
      order: fc.shuffledSubarray(names.map((_, i) => i), { minLength: names.length, maxLength: names.length }),
    }),
  );

const parent = mkdtempSync(path.join(tmpdir(), 'iam-lint-order-'));

/** Runs the CLI on `files` created in `order`, at the same path each time (SARIF fingerprints hash paths). */
async function lintCreatedInOrder(files: readonly (readonly [string, string])[], order: number[], format: string) {
  const dir = path.join(parent, 'in');
  try {
    writeFolder(
      order.map((i) => files[i]),
      dir,
    );
    return await runCli(['--format', format, '--fail-on', 'never', dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('output is deterministic', () => {
  it('in any file creation order, for JSON and SARIF', async () => {
    await fc.assert(
      fc.asyncProperty(folderCase, async ({ files, order }) => {
        for (const format of ['json', 'sarif']) {
          const a = await lintCreatedInOrder(files, [...files.keys()], format);
          const b = await lintCreatedInOrder(files, order, format);
          expect(b.code).toBe(a.code);
          expect(b.stdout).toBe(a.stdout);
          expect(b.stderr).toBe(a.stderr);
        }
      }),
      { numRuns: 15, timeout: 30_000 },
    );
  });

  it('in any order of the paths given', async () => {
    await fc.assert(
      fc.asyncProperty(folderCase, async ({ files, order }) => {
        const dir = writeFolder(files);
        const paths = files.map(([name]) => path.join(dir, name));
        try {
          for (const format of ['json', 'sarif']) {
            const a = await runCli(['--format', format, '--fail-on', 'never', ...paths]);
            const b = await runCli(['--format', format, '--fail-on', 'never', ...order.map((i) => paths[i])]);
            expect(b.code).toBe(a.code);
            expect(b.stdout).toBe(a.stdout);
            expect(b.stderr).toBe(a.stderr);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 15, timeout: 30_000 },
    );
  });

  it('run after run on the tutorials', async () => {
    const tutorials = path.resolve(__dirname, '..', 'fixtures', 'tutorials');
    const runs = await Promise.all([0, 1].map(() => runCli(['--format', 'sarif', '--fail-on', 'never', tutorials])));
    expect(runs[0].stdout.length).toBeGreaterThan(1000);
    expect(runs[1].stdout).toBe(runs[0].stdout);
  });
});
