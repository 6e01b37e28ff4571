/**
 * Regenerates the `terraform show -json` plans of the tutorial fixtures, so the plan reader is
 * tested on real plans without every test needing terraform:
 *
 *   npx tsx scripts/make-plan-fixtures.ts            # all of test/fixtures/tutorials/<id>/{hcl,tf-json}
 *   npx tsx scripts/make-plan-fixtures.ts 004-invoice-scanner
 *
 * Each configuration is planned in a scratch copy (init writes .terraform and a lock file) against
 * moto_server, and written next to it as `<id>/plan-from-<hcl|tf-json>.json`.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto } from '../test/support/moto';
import { runOk, terraformEnv } from '../test/support/terraform';

export const TUTORIALS_DIR = join(__dirname, '..', 'test', 'fixtures', 'tutorials');
export const CONFIG_FLAVOURS = ['hcl', 'tf-json'] as const;

/**
 * The tutorial 004 fixture writes its console password into the login profile, as the tutorial
 * does; hashicorp/aws rejects that argument ("Unsupported argument"), so a real plan can only be
 * made without it. The plan therefore shows what would reach IAM; the configuration shows the secret.
 */
function dropArgumentsTheProviderRejects(dir: string): void {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (name.endsWith('.tf')) {
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace(/^\s*password\s*=\s*".*"\s*$\n/gm, ''));
    } else if (name.endsWith('.tf.json')) {
      const config = JSON.parse(readFileSync(file, 'utf8')) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
      for (const body of Object.values(config.resource?.aws_iam_user_login_profile ?? {})) delete body.password;
      writeFileSync(file, JSON.stringify(config, null, 2));
    }
  }
}

/** Plan one configuration folder against a running moto and return `terraform show -json` text. */
export async function planJson(configDir: string, awsEnv: NodeJS.ProcessEnv): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'plan-fixture-'));
  try {
    cpSync(configDir, work, { recursive: true });
    dropArgumentsTheProviderRejects(work);
    const env = terraformEnv(awsEnv);
    await runOk('terraform', ['init', '-input=false', '-no-color'], { cwd: work, env });
    await runOk('terraform', ['plan', '-input=false', '-no-color', '-out=tfplan'], { cwd: work, env });
    const shown = await runOk('terraform', ['show', '-json', 'tfplan'], { cwd: work, env });
    return shown.stdout.trim() + '\n';
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function fixtureConfigs(only: string[] = []): { id: string; flavour: string; dir: string; planFile: string }[] {
  const out: { id: string; flavour: string; dir: string; planFile: string }[] = [];
  for (const id of readdirSync(TUTORIALS_DIR).sort()) {
    if (only.length > 0 && !only.includes(id)) continue;
    for (const flavour of CONFIG_FLAVOURS) {
      const dir = join(TUTORIALS_DIR, id, flavour);
      if (existsSync(dir)) out.push({ id, flavour, dir, planFile: join(TUTORIALS_DIR, id, `plan-from-${flavour}.json`) });
    }
  }
  return out;
}

async function main(): Promise<void> {
  const moto = await startMoto();
  try {
    for (const config of fixtureConfigs(process.argv.slice(2))) {
      writeFileSync(config.planFile, await planJson(config.dir, moto.env));
      console.log(`wrote ${config.planFile}`);
    }
  } finally {
    await moto.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
