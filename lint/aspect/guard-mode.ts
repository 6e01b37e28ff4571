/**
 * How the synth-time guard treats error findings. `fail` (default): they fail the synth. `report`:
 * every finding is a warning, so the stacks are still written; `npm run lint-policies` synthesizes
 * this way and lets the linter decide the exit status from the same findings.
 *
 * Its config file is found as the CLI finds one (lint/config/load-config.ts): IAM_POLICY_LINT_CONFIG,
 * which lint-policies sets to its `--config` file, else the nearest `.iam-policy-lint.json`.
 */
export type GuardMode = 'fail' | 'report';

export const GUARD_MODE_VARIABLE = 'IAM_POLICY_LINT_GUARD';

export function guardModeFromEnvironment(env: NodeJS.ProcessEnv = process.env): GuardMode {
  const value = env[GUARD_MODE_VARIABLE];
  if (value === undefined || value === '' || value === 'fail') return 'fail';
  if (value === 'report') return 'report';
  throw new Error(`${GUARD_MODE_VARIABLE}=${value} is not a guard mode; use "fail" (the default) or "report"`);
}
