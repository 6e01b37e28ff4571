/** Build the app's stacks from a config: main.ts for the cdktf CLI, the tests in-process. */
import type { App } from 'cdktf';
import type { AppConfig } from '../config';
import { TutorialStack } from './tutorial-stack';

export { TutorialStack } from './tutorial-stack';
export { TUTORIALS, type Tutorial } from './tutorials';

export function buildStacks(app: App, config: AppConfig): TutorialStack[] {
  return config.stacks.map((name) => {
    // main.ts builds one stack per call, so a name listed twice is seen here, in the app, not in the list.
    if (app.node.tryFindChild(name) !== undefined) {
      throw new Error(`stacks: "${name}" is listed twice; list each stack once (a stack is one user of its preset, and its role boundary can exist once per account)`);
    }
    return new TutorialStack(app, name, config);
  });
}
