import { chmodSync, rmSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPaths } from './index';
import { tree } from './testing';

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

const isRoot = process.getuid?.() === 0;

describe('readPaths', () => {
  it('searches folders recursively, skipping node_modules, .terraform and .git', async () => {
    const dir = tree({
      'a.json': POLICY,
      'deep/er/b.json': POLICY,
      'node_modules/x/c.json': POLICY,
      '.terraform/modules/d.json': POLICY,
      '.git/e.json': POLICY,
    });
    const result = await readPaths([dir]);
    expect(result.inventory.policies.map((p) => p.origin.file)).toEqual([join(dir, 'a.json'), join(dir, 'deep/er/b.json')]);
    expect(result.filesRead).toBe(2);
  });

  it('skips and counts files that are none of the formats, without errors', async () => {
    const dir = tree({
      'README.md': '[a link](https://example.com) is not JSON',
      'package.json': '{"name": "x"}',
      'notes.txt': 'hello',
      'policy.json': POLICY,
    });
    const result = await readPaths([dir]);
    expect(result.errors).toEqual([]);
    expect(result.filesRead).toBe(1);
    expect(result.skipped).toEqual([
      { file: join(dir, 'README.md'), reason: 'not valid JSON, and not named .json' },
      { file: join(dir, 'notes.txt'), reason: 'not JSON or Terraform HCL' },
      { file: join(dir, 'package.json'), reason: 'JSON, but not a policy document, Terraform configuration or plan' },
    ]);
  });

  it('says a CloudFormation template is not read, YAML or JSON, so its policies are not taken as checked', async () => {
    const yaml = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n';
    const json = JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: JSON.parse(POLICY) as unknown } } } });
    const dir = tree({ 'stack.yaml': yaml, 'stack.template.json': json, 'values.yaml': 'replicas: 2\n' });
    const result = await readPaths([dir]);
    expect(result.skipped.map((s) => [s.file, s.reason.split(':')[0]])).toEqual([
      [join(dir, 'stack.template.json'), 'a CloudFormation template'],
      [join(dir, 'stack.yaml'), 'a CloudFormation template'],
      [join(dir, 'values.yaml'), 'not JSON or Terraform HCL'],
    ]);
  });

  it('reads OpenTofu .tofu files as HCL, linked with the folder\'s .tf files', async () => {
    const dir = tree({
      'users.tf': 'resource "aws_iam_user" "u" {\n  name = "alice"\n}\n',
      'policy.tofu': 'resource "aws_iam_user_policy" "p" {\n  user   = aws_iam_user.u.name\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n',
    });
    const result = await readPaths([dir]);
    expect(result.errors).toEqual([]);
    expect(result.filesRead).toBe(2);
    expect(result.inventory.policies.map((p) => [p.origin.file, p.document?.statements[0]?.actions])).toEqual([[join(dir, 'policy.tofu'), ['*']]]);
    expect(result.inventory.inlineGrants).toEqual([{ principal: `${join(dir, 'users.tf')}::aws_iam_user.u`, policy: `${join(dir, 'policy.tofu')}::aws_iam_user_policy.p` }]);
  });

  it('detects formats by content, not by name', async () => {
    const dir = tree({ 'policy.txt': POLICY, 'stack.data': JSON.stringify({ resource: { aws_iam_user: { u: { name: 'u' } } } }) });
    const result = await readPaths([dir]);
    expect(result.filesRead).toBe(2);
    expect(result.inventory.policies).toHaveLength(1);
    expect(result.inventory.principals.map((p) => p.name)).toEqual(['u']);
  });

  it('names the file, line and column of malformed JSON, and still reads the rest', async () => {
    const dir = tree({ 'bad.json': '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow",}\n  ]\n}', 'good.json': POLICY });
    const result = await readPaths([dir]);
    expect(result.errors).toEqual([{ file: join(dir, 'bad.json'), line: 4, column: 24, message: 'malformed JSON: expected a double-quoted property name, found "}"' }]);
    expect(result.inventory.policies.map((p) => p.origin.file)).toEqual([join(dir, 'good.json')]);
  });

  it('tolerates a byte order mark', async () => {
    const dir = tree({ 'bom.json': '\uFEFF' + POLICY });
    const result = await readPaths([dir]);
    expect(result.errors).toEqual([]);
    expect(result.inventory.policies[0]?.document?.size).toBe(POLICY.length);
  });

  it('reports a path that does not exist', async () => {
    const result = await readPaths(['/nonexistent/policies']);
    expect(result.errors).toEqual([{ file: '/nonexistent/policies', line: null, column: null, message: 'cannot read: no such file or folder (ENOENT); check the path' }]);
  });

  it('reports symlink loops and broken links per file, and reads the rest', async () => {
    const dir = tree({ 'sub/policy.json': POLICY });
    symlinkSync(dir, join(dir, 'sub', 'up')); // sub/up -> the folder above: a loop
    symlinkSync(join(dir, 'self'), join(dir, 'self')); // a link to itself
    symlinkSync(join(dir, 'gone.json'), join(dir, 'dangling.json'));
    const result = await readPaths([dir]);
    expect(result.errors.map((e) => [e.file, e.message])).toEqual([
      [join(dir, 'dangling.json'), 'cannot read: broken symbolic link or file removed while listing (ENOENT)'],
      [join(dir, 'self'), 'cannot read: too many levels of symbolic links (ELOOP): a symlink loop; remove or fix the link'],
      [join(dir, 'sub/up'), `symlink loop: this folder leads back to ${dir}, which is already being read; remove the link`],
    ]);
    expect(result.inventory.policies.map((p) => p.origin.file)).toEqual([join(dir, 'sub/policy.json')]);
  });

  it('reports a named pipe instead of blocking on it', async () => {
    const dir = tree({ 'policy.json': POLICY });
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    const result = await readPaths([dir]);
    expect(result.errors).toEqual([
      { file: join(dir, 'pipe.json'), line: null, column: null, message: 'cannot read: a named pipe, not a file; leave it out of the paths' },
    ]);
    expect(result.filesRead).toBe(1);
  });

  it('reports a file that vanishes after it was listed', async () => {
    const dir = tree({ 'a.json': POLICY, 'b.json': POLICY, 'c.json': POLICY });
    const result = await readPaths([dir], {
      onFile: (file) => {
        if (file.endsWith('a.json')) rmSync(join(dir, 'b.json'));
      },
    });
    expect(result.errors).toEqual([
      { file: join(dir, 'b.json'), line: null, column: null, message: 'cannot read: the file vanished after it was listed (ENOENT); was it deleted while linting?' },
    ]);
    expect(result.inventory.policies.map((p) => p.origin.file)).toEqual([join(dir, 'a.json'), join(dir, 'c.json')]);
  });

  it.skipIf(isRoot)('reports a file it may not read', async () => {
    const dir = tree({ 'secret.json': POLICY, 'ok.json': POLICY });
    chmodSync(join(dir, 'secret.json'), 0o000);
    const result = await readPaths([dir]);
    expect(result.errors).toEqual([
      {
        file: join(dir, 'secret.json'),
        line: null,
        column: null,
        message: 'cannot read: permission denied (EACCES); give the linter read access or leave the path out',
      },
    ]);
    expect(result.filesRead).toBe(1);
  });

  it('gives the same result whatever the order of the paths, and reads a file given twice once', async () => {
    const dir = tree({
      'x/main.tf.json': JSON.stringify({ resource: { aws_iam_user: { u: { name: 'u' } }, aws_iam_access_key: { k: { user: 'u' } } } }),
      'y/p.json': POLICY,
      'z/q.json': POLICY,
    });
    const paths = [join(dir, 'z'), join(dir, 'x'), join(dir, 'y/p.json'), join(dir, 'y')];
    const forward = await readPaths(paths);
    const backward = await readPaths([...paths].reverse());
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    expect(forward.filesRead).toBe(3);
  });

  it('reads a file named two ways (./, a trailing /, a folder and a file in it) once, under the same name whatever the order', async () => {
    const dir = tree({ 'y/p.json': POLICY, 'y/q.json': POLICY });
    const paths = [`${dir}/./y/p.json`, `${dir}/y/`, join(dir, 'y')];
    const forward = await readPaths(paths);
    const backward = await readPaths([...paths].reverse());
    expect(forward.filesRead).toBe(2);
    expect(forward.inventory.policies.map((p) => p.origin.file)).toEqual([`${dir}/./y/p.json`, join(dir, 'y/q.json')]);
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  });

  it('calls onFile for every file it reads, in sorted order', async () => {
    const dir = tree({ 'b.json': POLICY, 'a/c.json': POLICY, 'A.json': POLICY });
    const seen: string[] = [];
    await readPaths([dir], { onFile: (f) => seen.push(f) });
    expect(seen).toEqual([join(dir, 'A.json'), join(dir, 'a/c.json'), join(dir, 'b.json')]);
  });
});
