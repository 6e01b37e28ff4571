import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'cdktf.out/**', '.gen/**'],
    // Deploy tests run terraform against moto_server; two cores, so two workers.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // One TMPDIR per run, removed at its end: tests, cdktf and terraform leave nothing in /tmp.
    globalSetup: ['test/support/temp-root.ts'],
  },
});
