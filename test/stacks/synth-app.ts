/**
 * Synthesize the app in-process, as main.ts does, into a directory of the test's choosing, and read
 * the stacks back as JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import type { AppConfig, StackName } from '../../config';
import { buildStacks } from '../../stacks';

export type StackJson = Record<string, unknown> & {
  terraform: { backend: Record<string, Record<string, unknown>> };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: unknown; sensitive?: boolean }>;
};

/** Directory of one synthesized stack inside an output directory. */
export function stackDir(outdir: string, stack: StackName): string {
  return join(outdir, 'stacks', stack);
}

export function synthApp(config: AppConfig, outdir: string): Record<string, StackJson> {
  const app = new App({ outdir, stackTraces: false });
  buildStacks(app, config);
  app.synth();
  return Object.fromEntries(config.stacks.map((name) => [name, JSON.parse(readFileSync(join(stackDir(outdir, name), 'cdk.tf.json'), 'utf8')) as StackJson]));
}

/** Every string in a JSON value, keys included. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      out.push(key);
      allStrings(v, out);
    }
  }
  return out;
}
