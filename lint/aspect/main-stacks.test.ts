/**
 * The guard on the app's own stacks (what main.ts builds), with an AdministratorAccess grant added
 * to one of them: the synth fails with admin-access on that construct, and a suppression with a
 * reason turns it into an accepted, printed exception.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing, type TerraformStack } from 'cdktf';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config';
import { buildStacks } from '../../stacks';
import { enablePolicyLint, suppressLint } from './index';

function annotations(stack: TerraformStack, level: string): { path: string; message: string }[] {
  Testing.synth(stack, false);
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === level).map((m) => ({ path: c.node.path, message: String(m.data) })));
}

function appWithAdminGrant(reason: string | null): TerraformStack {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'main-stacks-')) });
  const stacks = buildStacks(app, defaultConfig());
  const stack = stacks.find((s) => s.node.id === 'invoice-scanner')!;
  new IamGroupPolicyAttachment(stack.user, 'admin', { group: stack.user.groupName!, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
  if (reason !== null) suppressLint(stack.user, [{ ruleId: 'admin-access', reason }]);
  enablePolicyLint(app);
  return stack;
}

describe('the guard on the stacks main.ts builds', () => {
  it('lets the stacks as they are synthesize: the presets pass the project\'s own linter', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'main-stacks-')) });
    buildStacks(app, defaultConfig());
    enablePolicyLint(app);
    expect(() => app.synth()).not.toThrow();
  });

  it('fails the synth with admin-access on the construct that attaches AdministratorAccess', () => {
    const stack = appWithAdminGrant(null);
    // Error annotations are what makes app.synth() throw (policy-lint-aspect.test.ts shows it).
    expect(annotations(stack, '@cdktf/error').filter((a) => a.message.startsWith('admin-access'))).toEqual([
      { path: 'invoice-scanner/user/admin', message: expect.stringMatching(/^admin-access: arn:aws:iam::aws:policy\/AdministratorAccess is attached to /) },
    ]);
  });

  it('accepts it with a suppression and prints the reason', () => {
    const stack = appWithAdminGrant('break-glass user for the invoice outage, ticket OPS-42');
    expect(annotations(stack, '@cdktf/error').filter((a) => a.message.startsWith('admin-access'))).toEqual([]);
    expect(annotations(stack, '@cdktf/info')).toContainEqual({
      path: 'invoice-scanner/user/admin',
      message: expect.stringMatching(/^admin-access suppressed: break-glass user for the invoice outage, ticket OPS-42 \[/),
    });
  });
});
