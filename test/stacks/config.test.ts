import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../support/terraform';
import { CONFIG_ENV, DEFAULT_LOCAL_STATE_PATH, STACK_NAMES, defaultConfig, loadConfig, parseConfig } from '../../config';

const dir = mkdtempSync(join(tmpdir(), 'iam-users-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileWith(text: string): string {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, text);
  return file;
}

describe('config', () => {
  it('defaults to all five stacks, us-east-1, keys in outputs and relative local state', () => {
    const config = loadConfig({});
    expect(config).toEqual(defaultConfig());
    expect(config.stacks).toEqual([...STACK_NAMES]);
    expect(config.region).toBe('us-east-1');
    expect(config.accessKey.secret).toEqual({ store: 'output' });
    expect(config.backend).toEqual({ type: 'local', path: DEFAULT_LOCAL_STATE_PATH });
  });

  it('merges the file IAM_USERS_CONFIG names over the defaults', () => {
    const file = fileWith(
      JSON.stringify({
        region: 'eu-west-1',
        stacks: ['sst-deployer'],
        users: { 'sst-deployer': { userName: 'notes-deployer', tags: { team: 'web' } } },
        accessKey: { secret: { store: 'ssm', parameterName: '/keys/sst' } },
        backend: { type: 's3', bucket: 'tf-state', usePathStyle: true, endpoints: { s3: 'http://127.0.0.1:5000' } },
      }),
    );
    const config = loadConfig({ [CONFIG_ENV]: file });
    expect(config.region).toBe('eu-west-1');
    expect(config.stacks).toEqual(['sst-deployer']);
    expect(config.users['sst-deployer']).toEqual({ userName: 'notes-deployer', tags: { team: 'web' } });
    expect(config.accessKey.secret).toEqual({ store: 'ssm', parameterName: '/keys/sst', kmsKeyId: undefined });
    // The S3 backend's region and key default from the app's region and the key template.
    expect(config.backend).toEqual({ type: 's3', bucket: 'tf-state', key: 'iam-users/{stack}.tfstate', region: 'eu-west-1', usePathStyle: true, endpoints: { s3: 'http://127.0.0.1:5000' } });
  });

  it('names the file and every wrong key, with what to write', () => {
    const file = fileWith(
      JSON.stringify({
        region: 'Europe',
        stacks: ['eks-eksctl', 'eks'],
        colour: 'blue',
        accessKey: { secret: { store: 'ssm' }, pgpKey: 'keybase:someone' },
        backend: { type: 'local', path: '/var/state/x.tfstate' },
      }),
    );
    let message = '';
    try {
      loadConfig({ [CONFIG_ENV]: file });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('5 problems');
    expect(message).toContain(`${file}: region: must be an AWS region`);
    expect(message).toContain(`${file}: stacks[1]: unknown stack "eks"; the stacks are: eks-eksctl,`);
    expect(message).toContain(`${file}: colour: unknown setting`);
    expect(message).toContain(`${file}: accessKey.pgpKey: AWS returns only the encrypted secret`);
    expect(message).toContain(`${file}: backend.path: must be relative`);
  });

  it('takes AWS managed policy names per user, as a list of names', () => {
    const good = loadConfig({ [CONFIG_ENV]: fileWith(JSON.stringify({ users: { 'sst-deployer': { managedPolicies: ['ReadOnlyAccess'] } } })) });
    expect(good.users['sst-deployer']?.managedPolicies).toEqual(['ReadOnlyAccess']);
    const file = fileWith(JSON.stringify({ users: { 'sst-deployer': { managedPolicies: 'ReadOnlyAccess' } } }));
    expect(() => loadConfig({ [CONFIG_ENV]: file })).toThrow(`${file}: users.sst-deployer.managedPolicies: must be a list of AWS managed policy names`);
  });

  it('takes createRoleBoundaries per user as a boolean, and refuses a stack listed twice', () => {
    expect(parseConfig({ users: { 'eks-eksctl': { createRoleBoundaries: false } } }, 'c.json').users['eks-eksctl']?.createRoleBoundaries).toBe(false);
    expect(() => parseConfig({ users: { 'eks-eksctl': { createRoleBoundaries: 'no' } } }, 'c.json')).toThrow(/c\.json: users\.eks-eksctl\.createRoleBoundaries: must be true or false/);
    expect(() => parseConfig({ stacks: ['eks-eksctl', 'eks-eksctl'] }, 'c.json')).toThrow('c.json: stacks[1]: "eks-eksctl" is listed twice; list each stack once');
  });

  it('asks for a bucket for the S3 backend and refuses settings of the other backend', () => {
    expect(() => parseConfig({ backend: { type: 's3', path: 'x' } }, 'c.json')).toThrow(/c\.json: backend\.bucket: must be a non-empty string, found nothing/);
    expect(() => parseConfig({ backend: { type: 's3', path: 'x' } }, 'c.json')).toThrow(/c\.json: backend\.path: applies to backend\.type "local" only/);
    expect(() => parseConfig([], 'c.json')).toThrow(/c\.json: the file: must be a JSON object, found a list/);
    expect(() => parseConfig({ backend: { type: 'local', bucket: 'b' } }, 'c.json')).toThrow(/backend\.bucket: applies to backend\.type "s3" only/);
    expect(() => parseConfig({ backend: { type: 's3', bucket: 'b', endpoints: { s3: 'localhost:9000' } } }, 'c.json')).toThrow(/backend\.endpoints\.s3: must be an http\(s\) URL/);
  });

  it('refuses one fixed key-store name for several stacks (the second apply would fail on it), and takes {stack}', () => {
    expect(() => parseConfig({ accessKey: { secret: { store: 'ssm', parameterName: '/keys/' } } }, 'c.json')).toThrow(
      'c.json: accessKey.secret.parameterName: "/keys/" would be the same name for all 5 stacks, and the second apply would fail on it: put {stack} in it (e.g. "/keys/{stack}"), or select one stack',
    );
    expect(() => parseConfig({ stacks: ['sst-deployer', 'eks-eksctl'], accessKey: { secret: { store: 'secretsmanager', secretName: 'ci/key' } } }, 'c.json')).toThrow(
      /accessKey\.secret\.secretName: "ci\/key" would be the same name for all 2 stacks/,
    );
    expect(parseConfig({ accessKey: { secret: { store: 'ssm', parameterName: '/keys/{stack}' } } }, 'c.json').accessKey.secret).toMatchObject({ parameterName: '/keys/{stack}' });
    expect(parseConfig({ stacks: ['sst-deployer'], accessKey: { secret: { store: 'ssm', parameterName: '/keys/sst' } } }, 'c.json').stacks).toEqual(['sst-deployer']);
  });

  it('reports an unreadable or malformed file with the path', () => {
    expect(() => loadConfig({ [CONFIG_ENV]: join(dir, 'missing.json') })).toThrow(/IAM_USERS_CONFIG=.*missing\.json: cannot read the config file \(ENOENT\)/);
    const bad = fileWith('{ "region": ');
    expect(() => loadConfig({ [CONFIG_ENV]: bad })).toThrow(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
  });

  it('main.ts stops with the problems and exit status 1, no stack trace', { timeout: 60_000 }, async () => {
    const file = fileWith(JSON.stringify({ stacks: [] }));
    const result = await run('npx', ['tsx', 'main.ts'], { cwd: resolve(__dirname, '../..'), env: { ...process.env, [CONFIG_ENV]: file } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: stacks: must be a non-empty list of stack names`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
