/**
 * Test support: runs the CLI's main() in-process and keeps what it writes. Only tests import this
 * module (the CLI's own tests, the baseline's, and the property tests in test/robustness).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main, type CliIo } from './cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `main(argv)` with captured output, no TTY, an empty environment and a fresh temp folder as cwd unless `io` says otherwise. */
export async function runCli(argv: string[], io: Partial<CliIo> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: false,
    env: {},
    cwd: mkdtempSync(path.join(tmpdir(), 'iam-lint-cwd-')),
    ...io,
  });
  return { code, stdout, stderr, ms: performance.now() - started };
}
