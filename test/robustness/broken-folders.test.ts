/**
 * A folder with a symlink loop, a dangling link, a named pipe, an unreadable file or a file that
 * disappears mid-run: each is reported on its own line naming it and saying why, the rest is still
 * linted and reported, the run exits 2 (unreadable input, per the CLI contract), and never hangs.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { chmodSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli, writeFolder } from './run-cli';

/** Files whose read deletes them first: they vanish between the folder listing and the read. */
const vanishing = new Set<string>();

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((file: fs.PathOrFileDescriptor, options?: unknown) => {
    if (typeof file === 'string' && vanishing.has(file)) real.unlinkSync(file);
    return (real.readFileSync as (f: fs.PathOrFileDescriptor, o?: unknown) => unknown)(file, options);
  }) as typeof real.readFileSync;
  return { ...real, default: { ...real, readFileSync }, readFileSync };
});

const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const scoped = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });

const dirs: string[] = [];
afterEach(() => {
  vanishing.clear();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = writeFolder([
    ['a-admin.json', admin],
    ['m-scoped.json', scoped],
    ['z/admin.json', admin],
  ]);
  dirs.push(dir);
  return dir;
}

/** stderr lines naming a broken path, after checking the closing line counts them. */
function errorLines(stderr: string, read: number): string[] {
  const lines = stderr.trim().split('\n').filter((l) => l !== '');
  const n = lines.length - 1;
  expect(lines[n]).toBe(`iam-policy-lint: ${n} input error${n === 1 ? '' : 's'} (above); the report covers the ${read} file${read === 1 ? '' : 's'} read`);
  return lines.slice(0, n);
}

/** The files (inside `dir`) the JSON report has findings for: the good ones were still linted. */
function linted(stdout: string, dir: string): string[] {
  const findings = (JSON.parse(stdout) as { findings: { file: string }[] }).findings;
  return [...new Set(findings.map((f) => path.relative(dir, f.file)))].sort();
}

describe('broken folders are reported per file', () => {
  it('a symlink loop, a dangling link and a named pipe: one line each, in path order, no hang', async () => {
    const dir = folder();
    symlinkSync('..', path.join(dir, 'z', 'loop'));
    symlinkSync(path.join(dir, 'missing.json'), path.join(dir, 'dangling.json'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    const run = await runCli(['--format', 'json', dir]);
    expect(run.code).toBe(2);
    const lines = errorLines(run.stderr, 3);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^${dir}/dangling\\.json: cannot read: .*ENOENT`));
    expect(lines[1]).toMatch(new RegExp(`^${dir}/pipe\\.json: .*named pipe`));
    expect(lines[2]).toMatch(new RegExp(`^${dir}/z/loop: .*symlink loop`));
    expect(linted(run.stdout, dir)).toEqual(['a-admin.json', 'z/admin.json']);
    expect(run.ms).toBeLessThan(10_000);
  });

  it('a file that disappears between the listing and its read', async () => {
    const dir = folder();
    vanishing.add(path.join(dir, 'm-scoped.json'));
    const run = await runCli(['--format', 'json', dir]);
    expect(run.code).toBe(2);
    expect(errorLines(run.stderr, 2)).toEqual([`${dir}/m-scoped.json: cannot read: the file vanished after it was listed (ENOENT); was it deleted while linting?`]);
    expect(linted(run.stdout, dir)).toEqual(['a-admin.json', 'z/admin.json']);
  });

  it.skipIf(process.getuid?.() === 0)('a file and a folder the linter may not read', async () => {
    const dir = folder();
    chmodSync(path.join(dir, 'm-scoped.json'), 0o000);
    chmodSync(path.join(dir, 'z'), 0o000);
    try {
      const run = await runCli(['--format', 'json', dir]);
      expect(run.code).toBe(2);
      const lines = errorLines(run.stderr, 1);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(new RegExp(`^${dir}/m-scoped\\.json: cannot read: permission denied`));
      expect(lines[1]).toMatch(new RegExp(`^${dir}/z: cannot list folder: permission denied`));
      expect(linted(run.stdout, dir)).toEqual(['a-admin.json']);
    } finally {
      chmodSync(path.join(dir, 'z'), 0o755);
    }
  });

  it('the good files alone lint as usual (the broken ones are the only difference)', async () => {
    const dir = folder();
    const run = await runCli(['--format', 'json', '--fail-on', 'never', dir]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(linted(run.stdout, dir)).toEqual(['a-admin.json', 'z/admin.json']);
  });
});
