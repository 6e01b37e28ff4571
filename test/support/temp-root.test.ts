import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_TMP_ROOT } from './temp-root';

describe('the test run temp root', () => {
  it('puts every temporary folder of a test in the run folder that globalSetup removes', () => {
    const root = process.env[TEST_TMP_ROOT];
    expect(root).toMatch(/iam-user-presets-tests-/);
    expect(tmpdir()).toBe(root);
    expect(dirname(mkdtempSync(join(tmpdir(), 'probe-')))).toBe(root);
  });
});
