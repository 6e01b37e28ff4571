/**
 * Terraform for tests: a private CLI config that installs providers from a filesystem mirror when
 * one exists (TF_PLUGIN_MIRROR, else /opt/tf-plugins), so `terraform init` never asks the registry.
 * The machine's own TF_CLI_CONFIG_FILE may point at a file that does not exist: we always set ours.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let configured: NodeJS.ProcessEnv | undefined;

export function mirrorPath(): string | null {
  const candidate = process.env.TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';
  return existsSync(candidate) ? candidate : null;
}

/** Environment for terraform / cdktf child processes: CLI config, no checkpoint calls, plugin cache. */
export function terraformEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  if (configured === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'tfcli-'));
    const file = join(dir, 'terraform.rc');
    const mirror = mirrorPath();
    const body = mirror
      ? `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/*/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n`
      : '';
    writeFileSync(file, body);
    configured = { TF_CLI_CONFIG_FILE: file, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  }
  return { ...process.env, ...configured, ...extra };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a command to completion, capturing output (never inheriting it: outputs may hold secrets). */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? terraformEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** Run and throw with both streams when the exit code is not 0. */
export async function runOk(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.code} in ${options.cwd}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  }
  return result;
}
