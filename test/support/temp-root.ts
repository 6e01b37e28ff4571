/**
 * vitest globalSetup: one temporary folder per test run, set as TMPDIR before the workers start,
 * so every mkdtemp in a test, every `cdktf.outdir.*` from cdktf's Testing.synth and every temp
 * file of a child process (terraform, cdktf, the CLI) lands in it, and it is removed when the run
 * ends. Without it every run left folders behind (a day of runs had left 4,261 iam-* folders and
 * hundreds of cdktf.outdir.* in /tmp), and a failed test leaks nothing more.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set to the run's folder, for tests that check the setup itself. */
export const TEST_TMP_ROOT = 'IAM_USER_PRESETS_TEST_TMP';

export default function setup(): () => void {
  const saved = { TMPDIR: process.env.TMPDIR, [TEST_TMP_ROOT]: process.env[TEST_TMP_ROOT] };
  const root = mkdtempSync(join(tmpdir(), 'iam-user-presets-tests-'));
  process.env.TMPDIR = root;
  process.env[TEST_TMP_ROOT] = root;
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(root, { recursive: true, force: true });
  };
}
