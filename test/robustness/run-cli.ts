/** Runs the CLI's main() in-process on files written to a fresh temp folder. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../lint/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export async function runCli(argv: string[], cwd = tmpdir()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: false,
    env: {},
    cwd,
  });
  return { code, stdout, stderr, ms: performance.now() - started };
}

/** Writes `files` (relative name -> text) in the order given into `dir` (default: a new temp folder). */
export function writeFolder(files: readonly (readonly [string, string])[], dir = mkdtempSync(path.join(tmpdir(), 'iam-lint-robust-'))): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
