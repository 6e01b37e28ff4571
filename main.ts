/**
 * The CDKTF app: one stack per tutorial, each an IAM user with its least-privilege preset and an
 * access key. Settings: config.ts (defaults) and the JSON file IAM_USERS_CONFIG names. The policy
 * lint guard runs at synth (lint/aspect): errors fail the synth, warnings are printed.
 */
import { App } from 'cdktf';
import { loadConfig, type AppConfig } from './config';
import { enablePolicyLint } from './lint/aspect';
import { buildStacks } from './stacks';

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  // A config mistake is the user's to fix: the message says where and how; a stack trace would bury it.
  console.error((error as Error).message);
  process.exit(1);
}
const app = new App();
buildStacks(app, config);
// The same rules as `iam-policy-lint`, at synth: an over-broad grant fails `cdktf synth` itself.
enablePolicyLint(app);
app.synth();
