/**
 * The app's settings: one typed object with defaults, so `npx cdktf synth` works with no setup and
 * no AWS credentials. To change them, point IAM_USERS_CONFIG at a JSON file holding any subset of
 * AppConfig; it is checked key by key, and a mistake names the file, the key and what to write.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { AccessKeySecretStore } from './modules';

/** One stack per tutorial, named after the preset it deploys. */
export const STACK_NAMES = ['eks-eksctl', 'amplify-workshop', 'automate-ha-deployer', 'sst-deployer', 'invoice-scanner'] as const;
export type StackName = (typeof STACK_NAMES)[number];

export const CONFIG_ENV = 'IAM_USERS_CONFIG';

export interface UserOverride {
  /** IAM user name. @default the tutorial's (e.g. humalect-user) */
  userName?: string;
  /** Tags merged over the tutorial's. */
  tags?: Record<string, string>;
  /**
   * AWS managed policies by name, granted beside the preset. The synth-time lint guard judges them:
   * one granting more than the preset fails `cdktf synth` with exceeds-preset (ReadOnlyAccess does),
   * AdministratorAccess with admin-access too, unless `.iam-policy-lint.json` suppresses it with a reason.
   * @default none
   */
  managedPolicies?: string[];
  /**
   * Create the preset's role boundary (`<stack>-role-boundary`) in this stack. Its name is fixed, so it
   * exists once per account: set false when another deployment in the account already creates it;
   * this stack then reads it, and its plan fails until that one is applied.
   * @default true
   */
  createRoleBoundaries?: boolean;
}

export interface LocalStateBackend {
  type: 'local';
  /**
   * State file path, relative to the stack's synthesized directory (cdktf.out/stacks/<stack>);
   * `{stack}` becomes the stack name. Never absolute: the synthesized JSON is handed to other people.
   * @default `../../../terraform.{stack}.tfstate` (the project folder, where cdktf keeps state by default)
   */
  path: string;
}

export interface S3StateBackend {
  type: 's3';
  bucket: string;
  /** Object key; `{stack}` becomes the stack name. @default `iam-users/{stack}.tfstate` */
  key: string;
  /** @default the app's region */
  region: string;
  /** Custom endpoints (S3-compatible stores, tests); only from this file, never in code. */
  endpoints?: { s3?: string; sts?: string; iam?: string };
  /** Path-style bucket addressing, for S3-compatible stores. */
  usePathStyle?: boolean;
}

export type StateBackend = LocalStateBackend | S3StateBackend;

export interface AppConfig {
  /** Region of the provider (IAM is global; the SSM / Secrets Manager key stores are regional). */
  region: string;
  /** Stacks to synthesize. @default all five */
  stacks: StackName[];
  users: Partial<Record<StackName, UserOverride>>;
  accessKey: {
    /**
     * Where each user's secret access key goes. In `parameterName` / `secretName`, `{stack}` becomes
     * the stack name; with more than one stack a name must hold it, since each stack writes its own.
     * @default { store: 'output' } (a sensitive output)
     */
    secret: AccessKeySecretStore;
    /** PGP key (base64 or keybase:<user>) that encrypts secrets and console passwords. @default none */
    pgpKey?: string;
  };
  backend: StateBackend;
}

export const DEFAULT_LOCAL_STATE_PATH = '../../../terraform.{stack}.tfstate';
export const DEFAULT_S3_STATE_KEY = 'iam-users/{stack}.tfstate';

export function defaultConfig(): AppConfig {
  return {
    region: 'us-east-1',
    stacks: [...STACK_NAMES],
    users: {},
    accessKey: { secret: { store: 'output' } },
    backend: { type: 'local', path: DEFAULT_LOCAL_STATE_PATH },
  };
}

type Json = Record<string, unknown>;

/** Collects every problem in the file, so one run shows them all. */
class Checker {
  readonly problems: string[] = [];
  constructor(private readonly file: string) {}

  fail(key: string, message: string): void {
    this.problems.push(`${this.file}: ${key === '' ? 'the file' : key}: ${message}`);
  }

  object(value: unknown, key: string, known: readonly string[]): Json | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(key, `must be a JSON object, found ${describe(value)}`);
      return undefined;
    }
    for (const name of Object.keys(value)) {
      if (!known.includes(name)) this.fail(key === '' ? name : `${key}.${name}`, `unknown setting; the settings here are: ${known.join(', ')}`);
    }
    return value as Json;
  }

  string(value: unknown, key: string): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.fail(key, `must be a non-empty string, found ${describe(value)}`);
    return undefined;
  }

  boolean(value: unknown, key: string): boolean | undefined {
    if (typeof value === 'boolean') return value;
    this.fail(key, `must be true or false, found ${describe(value)}`);
    return undefined;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function checkStacks(c: Checker, value: unknown): StackName[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    c.fail('stacks', `must be a non-empty list of stack names (${STACK_NAMES.join(', ')}), found ${describe(value)}`);
    return undefined;
  }
  const names: StackName[] = [];
  value.forEach((item, i) => {
    if (names.includes(item as StackName)) c.fail(`stacks[${i}]`, `"${String(item)}" is listed twice; list each stack once`);
    else if ((STACK_NAMES as readonly unknown[]).includes(item)) names.push(item as StackName);
    else c.fail(`stacks[${i}]`, `unknown stack ${describe(item)}; the stacks are: ${STACK_NAMES.join(', ')}`);
  });
  return names;
}

function checkTags(c: Checker, value: unknown, key: string): Record<string, string> | undefined {
  const tags = c.object(value, key, Object.keys(value ?? {}));
  if (!tags) return undefined;
  for (const [name, tag] of Object.entries(tags)) c.string(tag, `${key}.${name}`);
  return tags as Record<string, string>;
}

function checkNames(c: Checker, value: unknown, key: string): string[] | undefined {
  if (!Array.isArray(value)) {
    c.fail(key, `must be a list of AWS managed policy names such as ["ReadOnlyAccess"], found ${describe(value)}`);
    return undefined;
  }
  return value.map((name, i) => c.string(name, `${key}[${i}]`)).filter((name): name is string => name !== undefined);
}

function checkUsers(c: Checker, value: unknown): AppConfig['users'] | undefined {
  const users = c.object(value, 'users', STACK_NAMES);
  if (!users) return undefined;
  const out: AppConfig['users'] = {};
  for (const [stack, raw] of Object.entries(users)) {
    const user = c.object(raw, `users.${stack}`, ['userName', 'tags', 'managedPolicies', 'createRoleBoundaries']);
    if (!user || !(STACK_NAMES as readonly string[]).includes(stack)) continue;
    out[stack as StackName] = {
      userName: user.userName === undefined ? undefined : c.string(user.userName, `users.${stack}.userName`),
      tags: user.tags === undefined ? undefined : checkTags(c, user.tags, `users.${stack}.tags`),
      managedPolicies: user.managedPolicies === undefined ? undefined : checkNames(c, user.managedPolicies, `users.${stack}.managedPolicies`),
      createRoleBoundaries: user.createRoleBoundaries === undefined ? undefined : c.boolean(user.createRoleBoundaries, `users.${stack}.createRoleBoundaries`),
    };
  }
  return out;
}

function checkSecretStore(c: Checker, value: unknown): AccessKeySecretStore | undefined {
  const raw = c.object(value, 'accessKey.secret', ['store', 'parameterName', 'secretName', 'kmsKeyId', 'recoveryWindowInDays']);
  if (!raw) return undefined;
  const optional = (name: string): string | undefined => (raw[name] === undefined ? undefined : c.string(raw[name], `accessKey.secret.${name}`));
  const only = (store: string, allowed: string[]): void => {
    for (const name of Object.keys(raw)) {
      if (name !== 'store' && !allowed.includes(name)) c.fail(`accessKey.secret.${name}`, `does not apply to store "${store}"`);
    }
  };
  switch (raw.store) {
    case 'output':
      only('output', []);
      return { store: 'output' };
    case 'ssm':
      only('ssm', ['parameterName', 'kmsKeyId']);
      return { store: 'ssm', parameterName: optional('parameterName'), kmsKeyId: optional('kmsKeyId') };
    case 'secretsmanager': {
      only('secretsmanager', ['secretName', 'kmsKeyId', 'recoveryWindowInDays']);
      const days = raw.recoveryWindowInDays;
      if (days !== undefined && !(days === 0 || (Number.isInteger(days) && (days as number) >= 7 && (days as number) <= 30))) {
        c.fail('accessKey.secret.recoveryWindowInDays', `must be 0 or a whole number from 7 to 30, found ${describe(days)}`);
      }
      return { store: 'secretsmanager', secretName: optional('secretName'), kmsKeyId: optional('kmsKeyId'), recoveryWindowInDays: days as number | undefined };
    }
    default:
      c.fail('accessKey.secret.store', `must be "output", "ssm" or "secretsmanager", found ${describe(raw.store)}`);
      return undefined;
  }
}

function checkAccessKey(c: Checker, value: unknown, defaults: AppConfig['accessKey']): AppConfig['accessKey'] | undefined {
  const raw = c.object(value, 'accessKey', ['secret', 'pgpKey']);
  if (!raw) return undefined;
  const secret = raw.secret === undefined ? defaults.secret : checkSecretStore(c, raw.secret);
  const pgpKey = raw.pgpKey === undefined ? undefined : c.string(raw.pgpKey, 'accessKey.pgpKey');
  if (pgpKey !== undefined && secret !== undefined && secret.store !== 'output') {
    c.fail('accessKey.pgpKey', `AWS returns only the encrypted secret when a PGP key is set, so it can only go to an output: set accessKey.secret.store to "output" or drop pgpKey`);
  }
  return secret === undefined ? undefined : { secret, pgpKey };
}

function checkBackend(c: Checker, value: unknown, region: string): StateBackend | undefined {
  const raw = c.object(value, 'backend', ['type', 'path', 'bucket', 'key', 'region', 'endpoints', 'usePathStyle']);
  if (!raw) return undefined;
  if (raw.type === 'local') {
    for (const name of ['bucket', 'key', 'region', 'endpoints', 'usePathStyle']) {
      if (raw[name] !== undefined) c.fail(`backend.${name}`, 'applies to backend.type "s3" only');
    }
    const path = raw.path === undefined ? DEFAULT_LOCAL_STATE_PATH : c.string(raw.path, 'backend.path');
    if (path !== undefined && (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path))) {
      c.fail('backend.path', `must be relative to the stack's directory (e.g. "${DEFAULT_LOCAL_STATE_PATH}"), found the absolute path ${JSON.stringify(path)}: the synthesized JSON must not name a machine's folders`);
    }
    return path === undefined ? undefined : { type: 'local', path };
  }
  if (raw.type !== 's3') {
    c.fail('backend.type', `must be "local" or "s3", found ${describe(raw.type)}`);
    return undefined;
  }
  if (raw.path !== undefined) c.fail('backend.path', 'applies to backend.type "local" only; use backend.key for S3');
  const bucket = c.string(raw.bucket, 'backend.bucket');
  const key = raw.key === undefined ? DEFAULT_S3_STATE_KEY : c.string(raw.key, 'backend.key');
  const backendRegion = raw.region === undefined ? region : c.string(raw.region, 'backend.region');
  let endpoints: S3StateBackend['endpoints'];
  if (raw.endpoints !== undefined) {
    const e = c.object(raw.endpoints, 'backend.endpoints', ['s3', 'sts', 'iam']);
    if (e) {
      endpoints = {};
      for (const service of ['s3', 'sts', 'iam'] as const) {
        if (e[service] === undefined) continue;
        const url = c.string(e[service], `backend.endpoints.${service}`);
        if (url !== undefined && !/^https?:\/\//.test(url)) c.fail(`backend.endpoints.${service}`, `must be an http(s) URL, found ${JSON.stringify(url)}`);
        endpoints[service] = url;
      }
    }
  }
  const usePathStyle = raw.usePathStyle === undefined ? undefined : c.boolean(raw.usePathStyle, 'backend.usePathStyle');
  if (bucket === undefined || key === undefined || backendRegion === undefined) return undefined;
  return { type: 's3', bucket, key, region: backendRegion, endpoints, usePathStyle };
}

/**
 * A fixed SSM parameter or secret name would be written by every selected stack: the second apply
 * fails on a name that exists. `{stack}` in it (as in the backend's key) makes one per stack.
 */
function checkSecretNamePerStack(c: Checker, config: Partial<AppConfig>): void {
  const secret = config.accessKey?.secret;
  const stacks = config.stacks ?? [];
  if (!secret || stacks.length < 2) return;
  const [field, name] = secret.store === 'ssm' ? ['parameterName', secret.parameterName] : secret.store === 'secretsmanager' ? ['secretName', secret.secretName] : [null, undefined];
  if (field === null || name === undefined || name.includes('{stack}')) return;
  c.fail(
    `accessKey.secret.${field}`,
    `${JSON.stringify(name)} would be the same name for all ${stacks.length} stacks, and the second apply would fail on it: put {stack} in it (e.g. ${JSON.stringify(`${name.replace(/\/+$/, '')}/{stack}`)}), or select one stack`,
  );
}

/** Check a parsed config file against AppConfig and merge it over the defaults; throws with every problem. */
export function parseConfig(value: unknown, file: string): AppConfig {
  const c = new Checker(file);
  const defaults = defaultConfig();
  const raw = c.object(value, '', ['region', 'stacks', 'users', 'accessKey', 'backend']);
  if (!raw) throw new Error(c.problems.join('\n'));
  const region = raw.region === undefined ? defaults.region : c.string(raw.region, 'region');
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) c.fail('region', `must be an AWS region such as "eu-west-1", found ${JSON.stringify(region)}`);
  const config: Partial<AppConfig> = {
    region,
    stacks: raw.stacks === undefined ? defaults.stacks : checkStacks(c, raw.stacks),
    users: raw.users === undefined ? defaults.users : checkUsers(c, raw.users),
    accessKey: raw.accessKey === undefined ? defaults.accessKey : checkAccessKey(c, raw.accessKey, defaults.accessKey),
    backend: raw.backend === undefined ? defaults.backend : checkBackend(c, raw.backend, region ?? defaults.region),
  };
  checkSecretNamePerStack(c, config);
  if (c.problems.length > 0) {
    throw new Error(`the config file has ${c.problems.length === 1 ? 'a problem' : `${c.problems.length} problems`} (see AppConfig in config.ts):\n${c.problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return config as AppConfig;
}

/** The defaults, or the file IAM_USERS_CONFIG names merged over them. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const file = env[CONFIG_ENV];
  if (file === undefined || file === '') return defaultConfig();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${CONFIG_ENV}=${file}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); fix the path or unset ${CONFIG_ENV} to use the defaults`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(value, file);
}
