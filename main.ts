/**
 * The CDKTF app: one stack per tutorial, each an IAM user with its least-privilege preset and an
 * access key. Settings: config.ts (defaults) and the JSON file IAM_USERS_CONFIG names.
 */
import { App } from 'cdktf';
import { loadConfig, type AppConfig } from './config';
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
app.synth();
