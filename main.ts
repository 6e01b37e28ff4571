/**
 * The CDKTF app: one stack per tutorial, each an IAM user with its least-privilege preset and an
 * access key. Settings: config.ts (defaults) and the JSON file IAM_USERS_CONFIG names.
 */
import { App } from 'cdktf';
import { loadConfig } from './config';
import { buildStacks } from './stacks';

const app = new App();
buildStacks(app, loadConfig());
app.synth();
