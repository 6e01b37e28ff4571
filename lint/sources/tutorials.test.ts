import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summariseUsers } from '../../test/fixtures/tutorials/summary';
import { readPaths } from './index';

const TUTORIALS = join('test', 'fixtures', 'tutorials');
const at = (...parts: string[]): string => join(TUTORIALS, ...parts);

describe('tutorial fixtures', () => {
  it('000 and 001 are policy files with every statement on its line', async () => {
    const result = await readPaths([at('000-humalect'), at('001-amplify-workshop')]);
    expect(result.errors).toEqual([]);
    expect(result.filesRead).toBe(2);
    const [humalect, amplify] = result.inventory.policies;
    expect(humalect?.kind).toBe('file');
    expect(humalect?.name).toBe('humalect-policy');
    expect(humalect?.document?.statements).toHaveLength(13);
    expect(humalect?.document?.statements.map((s) => s.line)).toEqual([4, 9, 20, 28, 62, 71, 87, 93, 98, 103, 108, 113, 131]);
    expect(humalect?.document?.problems).toEqual([]);
    expect(amplify?.document?.statements[0]?.sid).toBe('MinimPermissionSetAmplifyiOSWorkshop');
    expect(amplify?.document?.statements[0]?.line).toBe(4);
    expect(amplify?.document?.statements[0]?.actions).toContain('amplify:*');
  });

  const expected = {
    '002-automate-ha': [
      {
        name: 'automate-ha-deployer',
        attached: ['AdministratorAccess', 'AmazonAPIGatewayAdministrator', 'AmazonS3FullAccess', 'IAMFullAccess'].map((n) => `arn:aws:iam::aws:policy/${n}`),
        loginProfile: null,
        accessKeys: 1,
      },
    ],
    '003-serverless-stack': [
      { name: 'serverless-stack-cli', attached: ['arn:aws:iam::aws:policy/AdministratorAccess'], loginProfile: null, accessKeys: 1 },
    ],
    '004-invoice-scanner': [
      {
        name: 'ai-invoice-scanner-user',
        attached: [
          'AIInvoiceScannerFullPolicy: apigateway:* bedrock:* cognito-idp:* dynamodb:* iam:PassRole lambda:* s3:* textract:*',
          'AmplifyAdminPolicy: amplify:* cloudformation:* cloudfront:* iam:* logs:*',
        ],
        loginProfile: { passwordResetRequired: false, literalPassword: true, hasPgpKey: false },
        accessKeys: 1,
      },
    ],
  };

  for (const [id, users] of Object.entries(expected)) {
    for (const source of ['hcl', 'tf-json', 'plan-from-hcl.json', 'plan-from-tf-json.json']) {
      it(`${id} from ${source} holds the tutorial's user, attachments and credentials`, async () => {
        const result = await readPaths([at(id, source)]);
        expect(result.errors).toEqual([]);
        expect(result.filesRead).toBe(1);
        // hashicorp/aws has no login profile password argument, so a plan cannot carry the literal one.
        const want = source.startsWith('plan')
          ? users.map((u) => (u.loginProfile ? { ...u, loginProfile: { ...u.loginProfile, literalPassword: false } } : u))
          : users;
        expect(summariseUsers(result.inventory)).toEqual(want);
      });
    }
  }

  it('004 keeps the account id interpolation opaque in configuration and planned in the plan', async () => {
    const config = await readPaths([at('004-invoice-scanner', 'tf-json')]);
    const plan = await readPaths([at('004-invoice-scanner', 'plan-from-tf-json.json')]);
    const passRole = (r: typeof config) => r.inventory.policies.find((p) => p.name === 'AIInvoiceScannerFullPolicy')?.document?.statements[1]?.resources;
    expect(passRole(config)).toEqual(['arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/*']);
    expect(passRole(plan)).toEqual(['arn:aws:iam::210987654321:role/*']);
  });

  it('reads the whole fixture tree with nothing skipped and no errors', async () => {
    const result = await readPaths([TUTORIALS]);
    expect(result.errors).toEqual([]);
    // summary.ts is TypeScript, not an input: skipped and counted.
    expect(result.skipped).toEqual([{ file: at('summary.ts'), reason: 'not JSON or Terraform HCL' }]);
    expect(result.filesRead).toBe(14);
  });
});
