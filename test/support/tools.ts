/**
 * External tools the integration tests need (terraform, moto_server). Under CI a missing tool is a
 * failure with install instructions; on a developer machine the test is skipped with the same words.
 */
import { spawnSync } from 'node:child_process';

export interface ToolCheck {
  available: boolean;
  /** Why it is missing and how to install it; empty when available. */
  message: string;
}

const INSTALL: Record<string, string> = {
  terraform:
    'Install Terraform >= 1.5 (https://developer.hashicorp.com/terraform/install) and put it on PATH. ' +
    'Offline, also provide hashicorp/aws 5.100.0 in a filesystem mirror and set TF_PLUGIN_MIRROR to it.',
  moto_server:
    'Install moto with its server extra (`pip install "moto[server]>=5"`), which puts moto_server on PATH.',
};

export function checkTool(name: 'terraform' | 'moto_server'): ToolCheck {
  const probe = spawnSync(name, name === 'terraform' ? ['version'] : ['--help'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error === undefined && probe.status === 0) return { available: true, message: '' };
  return { available: false, message: `${name} is not available (${probe.error?.message ?? `exit ${probe.status}`}). ${INSTALL[name]}` };
}

/**
 * Returns true when the tool is there. Under CI a missing tool throws (a skipped deploy test would
 * hide that nothing was deployed); elsewhere it returns false so the caller can skip.
 */
export function requireTool(name: 'terraform' | 'moto_server'): boolean {
  const check = checkTool(name);
  if (check.available) return true;
  if (process.env.CI) throw new Error(check.message);
  console.warn(`skipping: ${check.message}`);
  return false;
}
