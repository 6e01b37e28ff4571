/** Build the app's stacks from a config: main.ts for the cdktf CLI, the tests in-process. */
import type { App } from 'cdktf';
import type { AppConfig } from '../config';
import { TutorialStack } from './tutorial-stack';

export { TutorialStack } from './tutorial-stack';
export { TUTORIALS, type Tutorial } from './tutorials';

export function buildStacks(app: App, config: AppConfig): TutorialStack[] {
  return config.stacks.map((name) => new TutorialStack(app, name, config));
}
