import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { describe, expect, it } from 'vitest';
import { LeastPrivilegeUser } from '.';
import { jsonencodeExpression } from './jsonencode-expression';
import { toHclQuotedString, toTerraformString } from './terraform-text';
import { fixturePresets } from '../test/fixtures/modules/stack';
import { runOk, terraformEnv } from '../test/support/terraform';
import { requireTool } from '../test/support/tools';

describe('synthesized stacks', () => {
  it('pass terraform validate with every option in use', { timeout: 240_000 }, async () => {
    if (!requireTool('terraform')) return;
    const stack = new TerraformStack(Testing.app(), 'every-option');
    new AwsProvider(stack, 'aws', {});
    const common = { presetSource: fixturePresets, presets: ['self-service', 'bucket-reader'], managedPolicies: ['ReadOnlyAccess'] };
    new LeastPrivilegeUser(stack, 'grouped', { ...common, userName: 'grouped', tags: { team: 'a' }, accessKey: { serial: 3 }, consoleAccess: {} });
    new LeastPrivilegeUser(stack, 'direct', {
      ...common,
      userName: 'direct',
      attachTo: 'user',
      path: '/ci/',
      forceDestroy: true,
      permissionsBoundary: 'arn:${Partition}:iam::${AccountId}:policy/Boundary',
      accessKey: { pgpKey: 'keybase:someone', status: 'Inactive' },
      consoleAccess: { pgpKey: 'keybase:someone', passwordResetRequired: false },
    });
    new LeastPrivilegeUser(stack, 'ssm', { ...common, userName: 'ssm', accessKey: { secret: { store: 'ssm', kmsKeyId: 'alias/k' } } });
    new LeastPrivilegeUser(stack, 'sm', { ...common, userName: 'sm', accessKey: { secret: { store: 'secretsmanager', recoveryWindowInDays: 7 } } });
    new LeastPrivilegeUser(stack, 'nokey', { ...common, userName: 'nokey', accessKey: false, policies: { extra: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }] } } });

    const outdir = Testing.fullSynth(stack);
    const dir = join(outdir, 'stacks', 'every-option');
    const env = terraformEnv();
    try {
      await runOk('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env });
      const result = await runOk('terraform', ['validate', '-json', '-no-color'], { cwd: dir, env });
      const report = JSON.parse(result.stdout) as { valid: boolean; diagnostics: { summary: string; detail?: string }[] };
      expect(report.diagnostics.map((d) => `${d.summary}: ${d.detail ?? ''}`)).toEqual([]);
      expect(report.valid).toBe(true);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('policy text through Terraform', () => {
  it('reaches IAM as written, placeholders replaced, whatever $ and { it holds', { timeout: 120_000 }, async () => {
    if (!requireTool('terraform')) return;
    const texts = [
      'arn:${Partition}:iam::123456789012:user/${aws:username}',
      '$${aws:username} and %{ not a directive } and $%{x}',
      'cost $${AccountId}: $$${Region}',
      '${AccountId}${Partition}$',
    ];
    const values = { accountId: '${local.account}', partition: '${local.partition}', region: '${local.region}' };
    const config = {
      locals: { account: '210987654321', partition: 'aws-cn', region: 'cn-north-1' },
      output: Object.fromEntries(texts.map((text, i) => [`t${i}`, { value: toTerraformString(text, values) }])),
    };
    const dir = mkdtempSync(join(tmpdir(), 'tf-escape-'));
    try {
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config));
      const env = terraformEnv();
      await runOk('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env });
      await runOk('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: dir, env });
      const outputs = JSON.parse((await runOk('terraform', ['output', '-json'], { cwd: dir, env })).stdout) as Record<string, { value: string }>;
      const expected = texts.map((text) =>
        text.replace(/\$\{AccountId\}|123456789012/g, '210987654321').replace(/\$\{Partition\}/g, 'aws-cn').replace(/\$\{Region\}/g, 'cn-north-1'),
      );
      expect(texts.map((_, i) => outputs[`t${i}`].value)).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reaches IAM as written from jsonencode({...}), in JSON and in HCL, whatever quotes, escapes and { it holds', { timeout: 120_000 }, async () => {
    if (!requireTool('terraform')) return;
    const document = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Tricky',
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: ['arn:${Partition}:s3:::b-${AccountId}/${aws:username}/*', 'cost $${AccountId}: $$${Region} %{ if x } \\ "q" \n\t é <&>', '${AccountId}${Partition}$'],
          Condition: { StringEquals: { 'aws:PrincipalTag/${aws:username}': ['a "b"', 'x'], 'aws:SourceAccount': '123456789012' }, NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 }, Bool: { 'aws:SecureTransport': true } },
        },
      ],
    };
    const values = { accountId: '${local.account}', partition: '${local.partition}', region: '${local.region}' };
    const rendered = jsonencodeExpression(document, (text) => toHclQuotedString(text, values));
    const locals = { account: '210987654321', partition: 'aws-cn', region: 'cn-north-1' };
    const expected = JSON.parse(
      JSON.stringify(document).replace(/\$\{AccountId\}|123456789012/g, locals.account).replace(/\$\{Partition\}/g, locals.partition).replace(/\$\{Region\}/g, locals.region),
    ) as unknown;
    const hcl = [
      `locals {\n  account = "${locals.account}"\n  partition = "${locals.partition}"\n  region = "${locals.region}"\n}`,
      // As cdktf's HCL printer writes a string attribute: the text between quotes, as is.
      `output "doc" {\n  value = "${rendered}"\n}`,
    ].join('\n');
    for (const [file, text] of [
      ['main.tf.json', JSON.stringify({ locals, output: { doc: { value: rendered } } })],
      ['main.tf', hcl],
    ]) {
      const dir = mkdtempSync(join(tmpdir(), 'tf-jsonencode-'));
      try {
        writeFileSync(join(dir, file), text);
        const env = terraformEnv();
        await runOk('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env });
        await runOk('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: dir, env });
        const sent = (JSON.parse((await runOk('terraform', ['output', '-json'], { cwd: dir, env })).stdout) as Record<string, { value: string }>).doc.value;
        expect(JSON.parse(sent), file).toEqual(expected);
        // What the size quota counts on: jsonencode sends `<` as \u003c.
        expect(sent, file).toContain('\\u003c\\u0026\\u003e');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
