/**
 * The CDKTF app: one stack per tutorial, each an IAM user with its least-privilege preset and an
 * access key. Settings: config.ts (defaults) and the JSON file IAM_USERS_CONFIG names. The policy
 * lint guard runs at synth (lint/aspect): errors fail the synth, warnings are printed.
 */
import { App } from 'cdktf';
import { CONFIG_ENV, loadConfig, type AppConfig } from './config';
import { enablePolicyLint } from './lint/aspect';
import { buildStacks } from './stacks';

// A config mistake is the user's to fix: the message says where and how; a stack trace would bury it.
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  fail((error as Error).message);
}
const app = new App();
// One stack at a time, so a value the construct refuses (a user name, a PGP key) is reported with
// the stack it came from and the file that set it.
for (const name of config.stacks) {
  try {
    buildStacks(app, { ...config, stacks: [name] });
  } catch (error) {
    fail(`${process.env[CONFIG_ENV] ?? 'config.ts (defaults)'}: stack ${name}: ${(error as Error).message}`);
  }
}
// The same rules as `iam-policy-lint`, at synth: an over-broad grant fails `cdktf synth` itself.
try {
  enablePolicyLint(app);
  app.synth();
} catch (error) {
  // cdktf throws on error annotations: its message lists each finding with the construct path and
  // the fix, and the stack trace under it (cdktf's own frames) would only bury them. The guard
  // throws the same way on a bad IAM_POLICY_LINT_GUARD value, saying what it takes.
  fail((error as Error).message);
}
