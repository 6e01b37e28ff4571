import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamUserPolicyAttachment } from '@cdktf/provider-aws/lib/iam-user-policy-attachment';
import { describe, expect, it } from 'vitest';
import { LeastPrivilegeUser } from '../../modules';
import { Construct } from 'constructs';
import { enablePolicyLint, suppressLint } from './index';
import { synthesizedFile } from './policy-lint-aspect';
import { suppressionsInSynthOutput } from './synth-output-suppressions';
import { constructsByAddress } from './terraform-addresses';

interface Annotation {
  constructPath: string;
  level: string;
  message: string;
}

const READER = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'ReadInvoices', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::invoices/*' }],
};

/** A stack with one least-privilege user; with `admin`, AdministratorAccess is also attached to the user's group. */
function appWithUser(admin: boolean): { app: App; stack: TerraformStack; user: LeastPrivilegeUser } {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'aspect-')) });
  const stack = new TerraformStack(app, 'deploy');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const user = new LeastPrivilegeUser(stack, 'user', { userName: 'deployer', policies: { reader: READER }, accessKey: false });
  if (admin) {
    new IamGroupPolicyAttachment(user, 'admin', { group: user.groupName!, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
  }
  return { app, stack, user };
}

/** Synthesize without throwing, and return the annotations cdktf collected for the stack. */
function annotationsOf(stack: TerraformStack): Annotation[] {
  Testing.synth(stack, false);
  return stack.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => ['@cdktf/info', '@cdktf/warn', '@cdktf/error'].includes(entry.type))
      .map((entry) => ({ constructPath: construct.node.path, level: entry.type, message: String(entry.data) })),
  );
}

describe('the synth-time guard', () => {
  it('fails app.synth() on an AdministratorAccess grant, naming the rule, the construct and the fix', () => {
    const { app } = appWithUser(true);
    enablePolicyLint(app);
    let failure: unknown;
    try {
      app.synth();
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toMatch(/\[deploy\/user\/admin\] admin-access: /);
    expect(message).toContain('AdministratorAccess');
    expect(message).toContain('Attach a least-privilege policy instead');
    expect(message).toContain("suppressLint(construct, [{ ruleId: 'admin-access'");
  });

  it('reports each finding once when enabled twice (a library and the app both calling it)', () => {
    const once = appWithUser(true);
    enablePolicyLint(once.stack);
    const twice = appWithUser(true);
    enablePolicyLint(twice.app);
    enablePolicyLint(twice.stack);
    const errors = (stack: TerraformStack) => annotationsOf(stack).filter((a) => a.level === '@cdktf/error').map((a) => a.message);
    const expected = errors(once.stack);
    expect(expected.length).toBeGreaterThan(0);
    expect(errors(twice.stack)).toEqual(expected);
  });

  it('records no stack trace with its annotations: cdktf synth would print the aspect\'s own frames under each error', () => {
    const { stack } = appWithUser(true);
    enablePolicyLint(stack);
    Testing.synth(stack, false);
    const entries = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/error' || m.type === '@cdktf/warn'));
    expect(entries.map((m) => String(m.data).split(':')[0])).toContain('admin-access');
    expect(entries.filter((m) => m.trace !== undefined)).toEqual([]);
  });

  it('fails on AdministratorAccess granted through the construct, in the stack\'s partition', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'managed');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new LeastPrivilegeUser(stack, 'user', { userName: 'ops', managedPolicies: ['AdministratorAccess'], accessKey: false });
    enablePolicyLint(stack);
    const errors = annotationsOf(stack).filter((a) => a.level === '@cdktf/error');
    expect(errors.map((e) => [e.constructPath, e.message.split(':')[0]])).toEqual([['managed/user/attach-aws-AdministratorAccess', 'admin-access']]);
  });

  it('passes with a suppression and shows its reason', () => {
    const { app, user } = appWithUser(true);
    suppressLint(user, [{ ruleId: 'admin-access', reason: 'break-glass user, approved in SEC-123 until 2027-01-31' }]);
    enablePolicyLint(app);
    expect(() => app.synth()).not.toThrow();

    const { stack, user: again } = appWithUser(true);
    suppressLint(again, [{ ruleId: 'admin-access', reason: 'break-glass user, approved in SEC-123 until 2027-01-31' }]);
    enablePolicyLint(stack);
    const infos = annotationsOf(stack).filter((a) => a.level === '@cdktf/info');
    expect(infos).toEqual([
      expect.objectContaining({
        constructPath: expect.stringMatching(/^deploy\/user\//),
        message: expect.stringMatching(/^admin-access suppressed: break-glass user, approved in SEC-123 until 2027-01-31 \[/),
      }),
    ]);
  });

  it('passes a least-privilege stack with no error annotations', () => {
    const { app, stack } = appWithUser(false);
    enablePolicyLint(app);
    expect(annotationsOf(stack).filter((a) => a.level === '@cdktf/error')).toEqual([]);
  });

  it('reports errors as warnings in report mode, so the stacks are still written', () => {
    const { app, stack } = appWithUser(true);
    enablePolicyLint(app, { mode: 'report' });
    const levels = annotationsOf(stack).filter((a) => a.message.startsWith('admin-access')).map((a) => a.level);
    expect(levels).toEqual(['@cdktf/warn']);
    expect(() => app.synth()).not.toThrow();
  });

  it('annotates the construct that renders the resource, with a policy written inline', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'inline');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const policy = new IamPolicy(stack, 'everything', {
      name: 'everything',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }] }),
    });
    enablePolicyLint(stack);
    const errors = annotationsOf(stack).filter((a) => a.level === '@cdktf/error');
    expect(errors.map((e) => e.constructPath)).toEqual([policy.node.path]);
    expect(errors[0]!.message).toContain(`[aws_iam_policy.${policy.friendlyUniqueId}, statement All]`);
  });

  it('uses the CLI config file: a rule turned off there is off at synth too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aspect-config-'));
    const configFile = join(dir, '.iam-policy-lint.json');
    writeFileSync(configFile, JSON.stringify({ rules: { 'admin-access': 'off' } }));
    const { app, stack } = appWithUser(true);
    enablePolicyLint(app, { configFile });
    expect(annotationsOf(stack).filter((a) => a.message.startsWith('admin-access'))).toEqual([]);
  });

  it('uses the CLI config file\'s severities: a rule raised to error there fails the synth, one lowered to info does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aspect-config-'));
    const configFile = join(dir, '.iam-policy-lint.json');
    writeFileSync(configFile, JSON.stringify({ rules: { 'admin-access': 'info', 'exceeds-preset': 'off', 'user-attached-policy': 'error' } }));
    const { app, stack, user } = appWithUser(true);
    new IamUserPolicyAttachment(user, 'direct', { user: 'deployer', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    enablePolicyLint(app, { configFile });
    const byRule = (rule: string) => annotationsOf(stack).filter((a) => a.message.startsWith(`${rule}:`)).map((a) => a.level);
    expect(byRule('admin-access')).toEqual(['@cdktf/info']);
    expect(byRule('user-attached-policy').length).toBeGreaterThan(0);
    expect(new Set(byRule('user-attached-policy'))).toEqual(new Set(['@cdktf/error']));
  });

  it('fails the synth on a config file it cannot use, with the file and the place, not a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aspect-config-'));
    const configFile = join(dir, '.iam-policy-lint.json');
    writeFileSync(configFile, '{ "rules": { "admin-acess": "off" } }');
    const { app } = appWithUser(false);
    new TerraformStack(app, 'second');
    enablePolicyLint(app, { configFile });
    expect(() => app.synth()).toThrow(`[deploy] iam-policy-lint: ${configFile}: rules: unknown rule "admin-acess"`);
    // cdktf synth (the CLI) goes on to the other stacks and prints their errors too.
    const second = app.node.findChild('second') as TerraformStack;
    Testing.synth(second, false);
    expect(second.node.metadata.filter((m) => m.type === '@cdktf/error'), 'said once, not on every stack').toEqual([]);
  });

  it('refuses a suppression without a real reason, and warns about one that matches nothing', () => {
    const { stack, user } = appWithUser(false);
    expect(() => suppressLint(user, [{ ruleId: 'admin-access', reason: ' ok ' }])).toThrow(/needs a reason of at least 10 characters/);
    expect(() => suppressLint(user, [{ ruleId: 'Admin Access', reason: 'a long enough reason' }])).toThrow(/is not a rule id/);

    suppressLint(user, [{ ruleId: 'admin-access', reason: 'kept from an old exception' }]);
    enablePolicyLint(stack);
    expect(annotationsOf(stack)).toContainEqual({
      constructPath: 'deploy/user',
      level: '@cdktf/warn',
      message: 'the suppression of admin-access here matches no finding; remove it',
    });
  });

  it('says so when a suppression is written on a construct with no resource under it', () => {
    const { stack } = appWithUser(true);
    const empty = new Construct(stack, 'notes');
    suppressLint(empty, [{ ruleId: 'admin-access', reason: 'meant for the user construct' }]);
    suppressLint(new Construct(stack, 'more-notes'), [{ ruleId: 'admin-acess', reason: 'misspelt and misplaced' }]);
    enablePolicyLint(stack);
    const all = annotationsOf(stack);
    expect(all).toContainEqual({
      constructPath: 'deploy/notes',
      level: '@cdktf/warn',
      message: expect.stringMatching(/^the suppression of admin-access here covers no Terraform resource .*; write it on the construct that holds the resource$/),
    });
    expect(all).toContainEqual(expect.objectContaining({ constructPath: 'deploy/more-notes', level: '@cdktf/error', message: expect.stringMatching(/^suppressLint: unknown rule "admin-acess"/) }));
  });

  it('keeps a suppression of a CLI-only rule (access-analyzer/...) for the CLI, without calling it unused', () => {
    const { stack, user } = appWithUser(false);
    suppressLint(user, [{ ruleId: 'access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE', reason: 'reviewed with security, SEC-9' }]);
    enablePolicyLint(stack);
    expect(annotationsOf(stack).filter((a) => a.message.includes('access-analyzer'))).toEqual([]);
    const recorded = suppressionsInSynthOutput(stack.toTerraform(), synthesizedFile(stack));
    const underUser = [...constructsByAddress(stack)].filter(([, c]) => c.node.path.startsWith('deploy/user/')).map(([address]) => address);
    expect(recorded.map((s) => [s.rule, s.resource]).sort()).toEqual(underUser.map((address) => ['access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE', address]).sort());
  });

  it('refuses a suppression naming a rule that does not exist', () => {
    const { stack, user } = appWithUser(true);
    suppressLint(user, [{ ruleId: 'admin-acess', reason: 'misspelt on purpose here' }]);
    enablePolicyLint(stack);
    const errors = annotationsOf(stack).filter((a) => a.level === '@cdktf/error');
    expect(errors).toContainEqual(expect.objectContaining({ constructPath: 'deploy/user', message: expect.stringMatching(/^suppressLint: unknown rule "admin-acess".* rules are admin-access, /i) }));
    expect(errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^admin-access: /));
  });

  it('asks to be enabled after the stacks exist', () => {
    expect(() => enablePolicyLint(new App())).toThrow(/no stack under it yet/);
  });
});
