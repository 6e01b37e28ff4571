/** Property-test support: the in-process CLI runner, and files written to a fresh temp folder. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export { runCli, type CliRun } from '../../lint/cli-testing';

/** Writes `files` (relative name -> text) in the order given into `dir` (default: a new temp folder). */
export function writeFolder(files: readonly (readonly [string, string])[], dir = mkdtempSync(path.join(tmpdir(), 'iam-lint-robust-'))): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
