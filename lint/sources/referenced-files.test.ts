import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../index';
import { uncheckedLines } from '../report/unchecked';
import { readPaths } from './index';
import { tree } from './testing';

// Statement 0 at line 4, statement 1 at line 5: findings must point there, in the JSON file.
const ADMIN_FILE = ['{', '  "Version": "2012-10-17",', '  "Statement": [', '    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},', '    {"Effect": "Allow", "Action": "*", "Resource": "*"}', '  ]', '}', ''].join('\n');
const SECRET = 'root:$6$not-for-your-eyes:19000:0:99999:7:::';

function hcl(...blocks: string[]): string {
  return blocks.join('\n\n') + '\n';
}

function policyResource(name: string, policy: string): string {
  return `resource "aws_iam_policy" "${name}" {\n  name   = "${name}"\n  policy = ${policy}\n}`;
}

describe('policies Terraform reads with file() and templatefile()', () => {
  it('reads file("${path.module}/...") from beside the .tf: findings at the JSON file\'s lines, under the resource address, once', async () => {
    const dir = tree({ 'infra/main.tf': hcl(policyResource('deploy', 'file("${path.module}/policies/deploy.json")')), 'infra/policies/deploy.json': ADMIN_FILE });
    const result = await lint([dir]);
    expect(result.inputErrors).toEqual([]);
    const admin = result.findings.filter((f) => f.ruleId === 'admin-access');
    // The file is also in the folder linted: it is checked once, as the resource's policy.
    expect(admin).toEqual([expect.objectContaining({ file: join(dir, 'infra/policies/deploy.json'), line: 5, resource: 'aws_iam_policy.deploy', statement: 1 })]);
    const [policy] = result.inventory.policies;
    expect(result.inventory.policies).toHaveLength(1);
    expect(policy).toMatchObject({ key: `${join(dir, 'infra/main.tf')}::aws_iam_policy.deploy`, kind: 'managed', name: 'deploy', origin: { file: join(dir, 'infra/policies/deploy.json'), line: 1 } });
    expect(policy?.unresolved).toBeUndefined();
  });

  it('reads "${file(\\"...\\")}" in Terraform JSON the same way, relative to the .tf.json', async () => {
    const config = { resource: { aws_iam_role_policy: { r: { role: 'app', policy: '${file("role.json")}' } } } };
    const dir = tree({ 'stack/main.tf.json': JSON.stringify(config, null, 2), 'stack/role.json': ADMIN_FILE });
    const result = await lint([dir]);
    expect(result.inputErrors).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'admin-access').map((f) => [f.file, f.line, f.resource])).toEqual([
      [join(dir, 'stack/role.json'), 5, 'aws_iam_role_policy.r'],
    ]);
    expect(result.inventory.policies.map((p) => p.kind)).toEqual(['inline-role']);
  });

  it('parses a file named by many resources once, as a trust policy where it is one', async () => {
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const dir = tree({
      'main.tf': hcl(
        policyResource('a', 'file("${path.module}/shared.json")'),
        policyResource('b', 'file("shared.json")'),
        'locals {\n  shared = file("shared.json")\n}',
        policyResource('c', 'local.shared'),
        'resource "aws_iam_role" "r" {\n  name               = "r"\n  assume_role_policy = file("trust.json")\n}',
        policyResource('misused', 'file("trust.json")'),
      ),
      'shared.json': ADMIN_FILE,
      'trust.json': trust,
    });
    const { inventory, errors } = await readPaths([dir]);
    expect(errors).toEqual([]);
    const byResource = new Map(inventory.policies.map((p) => [p.origin.resource, p]));
    const a = byResource.get('aws_iam_policy.a')?.document;
    expect(a?.statements.map((s) => s.line)).toEqual([4, 5]);
    expect(byResource.get('aws_iam_policy.b')?.document).toBe(a);
    expect(byResource.get('aws_iam_policy.c')?.document).toBe(a);
    const role = byResource.get('aws_iam_role.r');
    expect(role).toMatchObject({ kind: 'trust', origin: { file: join(dir, 'trust.json') } });
    expect(role?.document?.problems).toEqual([]);
    // The same file as an identity policy is judged as one: no Resource, and a Principal it must not have.
    const misused = byResource.get('aws_iam_policy.misused');
    expect(misused?.document).not.toBe(role?.document);
    expect(misused?.document?.problems.map((p) => p.message)).toEqual([
      'statement has neither Resource nor NotResource',
      'an identity policy must not carry Principal or NotPrincipal',
    ]);
  });

  it('renders templatefile() when every interpolation is a variable given a literal', async () => {
    const template = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${bucket}/*"}]\n}\n';
    const dir = tree({
      'main.tf': hcl(
        policyResource('logs', 'templatefile("${path.module}/read.json.tpl", { bucket = "logs" })'),
        policyResource('any', 'templatefile("${path.module}/read.json.tpl", { bucket = "*" })'),
        policyResource('env', 'templatefile("${path.module}/read.json.tpl", { bucket = var.bucket })'),
        policyResource('loop', 'templatefile("${path.module}/loop.json.tpl", { buckets = ["a"] })'),
      ),
      'read.json.tpl': template,
      'loop.json.tpl': '{"Version": "2012-10-17", "Statement": [%{ for b in buckets }{"Effect": "Allow", "Action": "s3:*", "Resource": "${b}"}%{ endfor }]}',
    });
    const result = await lint([dir]);
    expect(result.inputErrors).toEqual([]);
    const byResource = new Map(result.inventory.policies.map((p) => [p.origin.resource, p]));
    expect(byResource.get('aws_iam_policy.logs')?.document?.statements[0]?.resources).toEqual(['arn:aws:s3:::logs/*']);
    expect(byResource.get('aws_iam_policy.any')?.document?.statements[0]?.resources).toEqual(['arn:aws:s3:::*/*']);
    expect(byResource.get('aws_iam_policy.env')).toMatchObject({
      document: null,
      origin: { file: join(dir, 'main.tf'), line: 11 },
      unresolved: `\${templatefile("\${path.module}/read.json.tpl", { bucket = var.bucket })}: the template's \${bucket} is given \${var.bucket}, which only Terraform evaluates (${join(dir, 'read.json.tpl')})`,
    });
    expect(byResource.get('aws_iam_policy.loop')?.unresolved).toMatch(/: the template has %\{ \} directives, which the linter does not evaluate/);
    // The wildcard bucket is reported in the template, under the resource that renders it.
    expect(result.findings.filter((f) => f.ruleId === 'data-exfiltration').map((f) => [f.file, f.line, f.resource])).toEqual([[join(dir, 'read.json.tpl'), 3, 'aws_iam_policy.any']]);
  });

  it('reports a rendered template at the template\'s lines when a value spans lines, and a value that breaks the JSON as the rendering\'s fault', async () => {
    const template = ['{', '  "Version": "2012-10-17",', '  "Statement": [', '    ${extra}', '    {"Effect": "Allow", "Action": "*", "Resource": "*"}', '  ]', '}', ''].join('\n');
    const extra = '<<-EOT\n    {"Effect": "Allow",\n     "Action": "s3:GetObject",\n     "Resource": "arn:aws:s3:::b/*"},\n    EOT\n ';
    const dir = tree({
      'main.tf': hcl(policyResource('spread', `templatefile("\${path.module}/p.tpl", { extra = ${extra} })`), policyResource('quoted', 'templatefile("q.tpl", { r = "a\\"b" })')),
      'p.tpl': template,
      'q.tpl': '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "${r}"}]\n}\n',
    });
    const result = await lint([dir]);
    expect(result.findings.filter((f) => f.ruleId === 'admin-access').map((f) => [f.file, f.line, f.resource])).toEqual([[join(dir, 'p.tpl'), 5, 'aws_iam_policy.spread']]);
    expect(result.inventory.policies.find((p) => p.origin.resource === 'aws_iam_policy.spread')?.document?.statements.map((s) => s.line)).toEqual([4, 5]);
    expect(result.inputErrors).toEqual([
      {
        file: join(dir, 'main.tf'),
        line: 11,
        column: null,
        message: `templatefile("q.tpl", { r = "a\\"b" }): ${join(dir, 'q.tpl')} rendered with these variables is not valid JSON (at template line 3: expected "," or "}" after the property value); Terraform puts a value in as it is, so check the quotes and braces in the values, or the template there`,
      },
    ]);
  });

  it('takes a file templatefile() names as a template: not JSON until rendered is no input error, and it counts as read where rendered', async () => {
    // `"Resource": ${arn}` is how templates put a list in; the file named .json is not JSON on its own.
    const template = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": ${arn}}]\n}\n';
    const dir = tree({
      'main.tf': hcl(policyResource('known', 'templatefile("known.json", { arn = "\\"*\\"" })'), policyResource('opaque', 'templatefile("opaque.json", { arn = var.arn })')),
      'known.json': template,
      'opaque.json': template,
    });
    const result = await readPaths([dir]);
    expect(result.errors).toEqual([]);
    expect(result.filesRead).toBe(2);
    expect(result.skipped).toEqual([{ file: join(dir, 'opaque.json'), reason: expect.stringMatching(/^a templatefile\(\) template that is not a policy until rendered/) }]);
    expect(result.inventory.policies.map((p) => [p.origin.resource, p.origin.file, p.document?.statements[0]?.line ?? null])).toEqual([
      ['aws_iam_policy.known', join(dir, 'known.json'), 3],
      ['aws_iam_policy.opaque', join(dir, 'main.tf'), null],
    ]);
  });

  it('takes a path Terraform reads from the folder it runs in as unchecked, not missing, when it is not beside a child module\'s .tf', async () => {
    // A child module naming the root's policies: path.root, path.cwd and a bare path are the root's folder to Terraform.
    const dir = tree({
      'main.tf': 'module "net" {\n  source = "./modules/net"\n}\n',
      'policies/p.json': ADMIN_FILE,
      'modules/net/main.tf': hcl(
        policyResource('root', 'file("${path.root}/policies/p.json")'),
        policyResource('cwd', 'file("${path.cwd}/policies/p.json")'),
        policyResource('bare', 'file("policies/p.json")'),
        policyResource('module', 'file("${path.module}/policies/p.json")'),
      ),
    });
    const result = await lint([dir]);
    const module = join(dir, 'modules/net');
    expect(result.inputErrors).toEqual([
      { file: join(module, 'main.tf'), line: 16, column: null, message: 'file("${path.module}/policies/p.json"): policies/p.json does not exist; add the file or fix the path' },
    ]);
    const reasons = new Map(result.inventory.policies.filter((p) => p.origin.resource !== null).map((p) => [p.origin.resource, p.unresolved]));
    const why = `policies/p.json is not in ${module}, where the linter looks; Terraform reads a path without \${path.module} from the folder it runs in, another one when this is a child module: lint the plan (terraform show -json) to check it, or write "\${path.module}/..." for a file beside the .tf`;
    expect(reasons.get('aws_iam_policy.root')).toBe(`\${file("\${path.root}/policies/p.json")}: ${why}`);
    expect(reasons.get('aws_iam_policy.cwd')).toBe(`\${file("\${path.cwd}/policies/p.json")}: ${why}`);
    expect(reasons.get('aws_iam_policy.bare')).toBe(`\${file("policies/p.json")}: ${why}`);
  });

  it('counts a file skipped on its own as read when a resource reads it', async () => {
    // On its own a Principal with a non-sts action reads as a resource policy, which is skipped.
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 's3:GetObject'] }] });
    const dir = tree({ 'main.tf': 'resource "aws_iam_role" "r" {\n  name               = "r"\n  assume_role_policy = file("trust.json")\n}\n', 'trust.json': trust });
    const { filesRead, skipped, inventory } = await readPaths([dir]);
    expect(skipped).toEqual([]);
    expect(filesRead).toBe(2);
    expect(inventory.policies.map((p) => [p.kind, p.origin.file])).toEqual([['trust', join(dir, 'trust.json')]]);
  });

  it('reports a policy variable a template does not escape as the input error Terraform would give', async () => {
    const dir = tree({
      'main.tf': hcl(policyResource('own', 'templatefile("own.tpl", { bucket = "b" })')),
      'own.tpl': '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${bucket}/${aws:username}/*"}]}',
    });
    const result = await readPaths([dir]);
    expect(result.errors).toEqual([
      {
        file: join(dir, 'main.tf'),
        line: 1,
        column: null,
        message: `templatefile("own.tpl", { bucket = "b" }): ${join(dir, 'own.tpl')}: the template has \${aws:username}, which templatefile() reads as an interpolation and Terraform fails on ("Extra characters after interpolation expression"); write $\${aws:username} for the policy variable`,
      },
    ]);
  });

  it('never reads a file outside the paths linted, nor through a link that leads out, and never shows its content', async () => {
    const outside = tree({ 'secret.json': SECRET, 'policy.json': ADMIN_FILE }, 'outside-');
    const dir = tree({
      'main.tf': hcl(
        policyResource('abs', 'file("/etc/passwd")'),
        policyResource('up', `file("\${path.module}/../${outside.split('/').pop()}/secret.json")`),
        policyResource('link', 'file("${path.module}/linked.json")'),
        policyResource('skipped', 'file("${path.module}/.terraform/p.json")'),
      ),
      '.terraform/p.json': ADMIN_FILE,
    });
    symlinkSync(join(outside, 'policy.json'), join(dir, 'linked.json'));
    const result = await lint([dir]);
    expect(result.inputErrors).toEqual([]);
    const reasons = new Map(result.inventory.policies.map((p) => [p.origin.resource, p.unresolved]));
    expect(reasons.get('aws_iam_policy.abs')).toBe('${file("/etc/passwd")}: /etc/passwd is outside the paths being linted, so it is not read; lint a folder that holds it to check it');
    expect(reasons.get('aws_iam_policy.up')).toMatch(/secret\.json is outside the paths being linted, so it is not read/);
    expect(reasons.get('aws_iam_policy.link')).toMatch(/: .*linked\.json is a link to a file outside the paths being linted, so it is not read$/);
    expect(reasons.get('aws_iam_policy.skipped')).toBe('${file("${path.module}/.terraform/p.json")}: .terraform/p.json is in a folder the linter skips (node_modules, .terraform, .git), so it is not read');
    const resources = result.inventory.policies.filter((p) => p.origin.resource !== null);
    expect(resources.every((p) => p.document === null && p.origin.file === join(dir, 'main.tf'))).toBe(true);
    expect(JSON.stringify(result)).not.toContain('not-for-your-eyes');
  });

  it('reads no link the walk meets that leads outside, on its own either, and names a folder or pipe where a file is wanted', async () => {
    const outside = tree({ 'policy.json': ADMIN_FILE, 'inside.json': ADMIN_FILE }, 'outside-');
    const dir = tree({ 'main.tf': hcl(policyResource('dir', 'file("${path.module}/policies")'), policyResource('inner', 'file("${path.module}/inner.json")')), 'policies/p.json': ADMIN_FILE, 'p.json': ADMIN_FILE });
    symlinkSync(join(outside, 'policy.json'), join(dir, 'linked.json'));
    symlinkSync(join(dir, 'p.json'), join(dir, 'inner.json'));
    const result = await readPaths([dir]);
    expect(result.skipped).toEqual([{ file: join(dir, 'linked.json'), reason: 'a link that leads outside the paths given, so it is not read; lint the folder it leads to, or give the link as a path' }]);
    expect(result.inventory.policies.some((p) => p.origin.file === join(dir, 'linked.json'))).toBe(false);
    // A link inside the paths is followed: its policy is read once, as the resource's.
    expect(result.inventory.policies.find((p) => p.origin.resource === 'aws_iam_policy.inner')?.origin.file).toBe(join(dir, 'inner.json'));
    expect(result.errors).toEqual([
      { file: join(dir, 'main.tf'), line: 1, column: null, message: 'file("${path.module}/policies"): policies is a folder, not a file; Terraform cannot read it either, so fix the path' },
    ]);
    // Given as a path, a link is read wherever it leads.
    expect((await readPaths([join(dir, 'linked.json')])).inventory.policies.map((p) => p.origin.file)).toEqual([join(dir, 'linked.json')]);
  });

  it('reads nothing beside a .tf given on its own: only what is linted is read', async () => {
    const dir = tree({ 'main.tf': hcl(policyResource('p', 'file("p.json")')), 'p.json': ADMIN_FILE });
    const { inventory } = await readPaths([join(dir, 'main.tf')]);
    expect(inventory.policies.map((p) => p.unresolved)).toEqual(['${file("p.json")}: p.json is outside the paths being linted, so it is not read; lint a folder that holds it to check it']);
  });

  it('reports a missing file at the .tf line and a malformed one at its own line, without its content, and lints the rest', async () => {
    const dir = tree({
      'main.tf': hcl(policyResource('gone', 'file("${path.module}/gone.json")'), policyResource('bad', 'file("bad.txt")'), policyResource('ok', 'file("ok.json")')),
      'bad.txt': '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow",X}]\n}',
      'ok.json': ADMIN_FILE,
    });
    const result = await lint([dir]);
    const main = join(dir, 'main.tf');
    expect(result.inputErrors).toEqual([
      { file: join(dir, 'bad.txt'), line: 3, column: 36, message: `malformed JSON: expected a double-quoted property name; ${main}:6 reads it as a policy with file("bad.txt"), so fix the file` },
      { file: main, line: 1, column: null, message: 'file("${path.module}/gone.json"): gone.json does not exist; add the file or fix the path' },
    ]);
    // Neither skipped as "not JSON" nor counted read: it is the one file that could not be read.
    expect(result.skipped).toEqual([]);
    expect(result.summary.filesRead).toBe(2);
    expect(result.findings.filter((f) => f.ruleId === 'admin-access').map((f) => [f.file, f.resource])).toEqual([[join(dir, 'ok.json'), 'aws_iam_policy.ok']]);
    // Not also judged invalid: the input error says what is wrong.
    expect(result.findings.filter((f) => f.ruleId === 'invalid-document')).toEqual([]);
  });

  it('reports a malformed .json a resource reads once, at its own line naming every reader, and not also as unchecked', async () => {
    const dir = tree({
      'main.tf': hcl(policyResource('p', 'file("${path.module}/p.json")')),
      'more.tf': hcl(policyResource('q', 'file("p.json")'), policyResource('gone', 'file("${path.module}//gone.json")'), policyResource('again', 'file("${path.module}/gone.json")')),
      'p.json': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",',
    });
    const result = await lint([dir]);
    const [main, more] = [join(dir, 'main.tf'), join(dir, 'more.tf')];
    expect(result.inputErrors).toEqual([
      { file: more, line: 11, column: null, message: `file("\${path.module}/gone.json"): gone.json does not exist; add the file or fix the path (also read at ${more}:6)` },
      { file: join(dir, 'p.json'), line: 1, column: 56, message: `malformed JSON: expected a double-quoted property name; ${main}:1 reads it as a policy with file("\${path.module}/p.json"), so fix the file (also read at ${more}:1)` },
    ]);
    // Two .tf files read, two files (p.json, gone.json) not: one error each.
    expect(result.summary.filesRead).toBe(2);
    expect(result.skipped).toEqual([]);
    expect(uncheckedLines(result.inventory.policies, true)).toEqual([]);
  });

  it('names a .tf read with file() as not JSON at the line that reads it, and keeps the .tf\'s own syntax error', async () => {
    const dir = tree({ 'main.tf': hcl(policyResource('p', 'file("${path.module}/other.tf")')), 'other.tf': 'resource "aws_iam_user" "u" {\n  name =\n}\n' });
    const result = await readPaths([dir]);
    const [main, other] = [join(dir, 'main.tf'), join(dir, 'other.tf')];
    expect(result.errors.map((e) => [e.file, e.line])).toEqual([
      [main, 1],
      [other, 2],
    ]);
    expect(result.errors[0]?.message).toBe(`file("\${path.module}/other.tf"): ${other} is not JSON, and Terraform gives the policy its text as it is (line 1, column 1: expected a value (object, array, string, number, true, false or null)); fix the path`);
  });

  it('merges a file a policy document data source names, at the data source\'s line, and says why one outside is not', async () => {
    const dir = tree({
      'main.tf': hcl(
        'data "aws_iam_policy_document" "d" {\n  source_policy_documents   = [file("${path.module}/base.json")]\n  override_policy_documents = [file("/etc/base.json")]\n\n  statement {\n    actions   = ["sqs:SendMessage"]\n    resources = ["*"]\n  }\n}',
      ),
      'base.json': ADMIN_FILE,
    });
    const result = await lint([dir]);
    expect(result.inputErrors).toEqual([]);
    const [policy] = result.inventory.policies;
    expect(result.inventory.policies).toHaveLength(1);
    expect(policy?.document?.statements.map((s) => [s.actions, s.line])).toEqual([
      [['s3:GetObject'], 1],
      [['*'], 1],
      [['sqs:SendMessage'], 5],
    ]);
    expect(policy?.document?.problems).toEqual([]);
    expect(policy?.uncheckedParts).toEqual([
      'override_policy_documents[0] (${file("/etc/base.json")}) is not checked: /etc/base.json is outside the paths being linted, so it is not read; lint a folder that holds it to check it',
    ]);
    expect(result.findings.filter((f) => f.ruleId === 'admin-access').map((f) => [f.file, f.line, f.resource])).toEqual([[join(dir, 'main.tf'), 1, 'data.aws_iam_policy_document.d']]);
    // A part only Terraform knows is no fault of the document.
    expect(result.findings.filter((f) => f.ruleId === 'invalid-document')).toEqual([]);
  });

  it('leaves the policy file as a file of its own when no resource could read it', async () => {
    const dir = tree({ 'main.tf': hcl(policyResource('p', 'templatefile("p.json", { x = var.x })')), 'p.json': '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "${x}"}]}' });
    const { inventory } = await readPaths([dir]);
    expect(inventory.policies.map((p) => [p.origin.file, p.origin.resource, p.document !== null])).toEqual([
      [join(dir, 'main.tf'), 'aws_iam_policy.p', false],
      [join(dir, 'p.json'), null, true],
    ]);
  });
});

