/**
 * What `cdktf synth --hcl` writes: cdk.tf, and a metadata.json beside it shaped like Terraform JSON
 * with only `//` comments in each block, which Terraform does not read and the linter must not either.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPaths, readTextAsync } from './index';

const CDK_TF = `
resource "aws_iam_user" "user_97DBA183" {
  name = "ai-invoice-scanner-user"
}

resource "aws_iam_user_login_profile" "user_console_login-profile_46F50FE1" {
  user                    = aws_iam_user.user_97DBA183.name
  password_reset_required = true
}
`;

const comment = (path: string) => ({ '//': { metadata: { path, uniqueId: path.split('/').pop() } } });
const METADATA = {
  '//': { metadata: { backend: 'local', stackName: 'invoice-scanner', version: '0.21.0' } },
  terraform: { backend: { local: { path: '../../../terraform.invoice-scanner.tfstate' } } },
  resource: {
    aws_iam_user: { user_97DBA183: comment('invoice-scanner/user/user') },
    aws_iam_user_login_profile: { 'user_console_login-profile_46F50FE1': comment('invoice-scanner/user/console/login-profile') },
  },
};

describe('cdktf synth --hcl output', () => {
  it('reads cdk.tf and skips the metadata.json beside it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cdktf-hcl-')), 'stacks', 'invoice-scanner');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdk.tf'), CDK_TF);
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify(METADATA, null, 2));
    const read = await readPaths([dir]);
    expect(read.errors).toEqual([]);
    expect(read.filesRead).toBe(1);
    expect(read.skipped.map((s) => s.file)).toEqual([join(dir, 'metadata.json')]);
    expect(read.inventory.loginProfiles.map((l) => [l.user.endsWith('aws_iam_user.user_97DBA183'), l.passwordResetRequired])).toEqual([[true, true]]);
    expect(read.inventory.principals.map((p) => p.name)).toEqual(['ai-invoice-scanner-user']);
  });

  it('names the first problem of malformed HCL and counts the others', async () => {
    const read = await readTextAsync('stacks/x/cdk.tf', 'resource "aws_iam_policy" "p" {\n  policy = "a" ` b\n  name = "n" ` c\n}\n');
    expect(read.errors).toEqual([
      { file: 'stacks/x/cdk.tf', line: 2, column: 16, message: expect.stringMatching(/^malformed HCL: Invalid character; [^\n]* \(and \d+ more in the file\)$/) },
    ]);
  });
});
