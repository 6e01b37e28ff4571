/**
 * Test support for rules: build an Inventory the way the readers would, without any file format,
 * and check a rule ESLint-style (valid cases draw nothing, invalid cases draw exactly the listed
 * messageIds). Only test files import this module.
 */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/catalog';
import { parsePolicyDocument } from '../model/parse-document';
import type {
  Inventory,
  Origin,
  PolicyKind,
  PrincipalKind,
  RawFinding,
  Severity,
} from '../model/types';
import { emptyInventory } from '../model/types';
import type { PresetLookup, Rule, RuleContext } from './rule';

export const TEST_FILE = 'stack/cdk.tf.json';

function origin(resource: string | null, line: number | null = null, file = TEST_FILE): Origin {
  return { file, resource, pointer: null, line };
}

export interface PolicyOptions {
  kind?: PolicyKind;
  resource?: string | null;
  file?: string;
  line?: number | null;
  name?: string | null;
  arn?: string | null;
  /** Whitespace the readers measured the text with; pretty-printed by default. */
  text?: string;
}

/** Builds an Inventory step by step; every method returns the key the next step refers to. */
export class InventoryBuilder {
  readonly inventory: Inventory = emptyInventory();
  private counter = 0;

  /** A policy from a JSON value, parsed as the readers do (trust kind parses as a trust policy). */
  policy(document: unknown, options: PolicyOptions = {}): string {
    const kind = options.kind ?? 'file';
    const text = options.text ?? JSON.stringify(document, null, 2);
    const key = `policy-${++this.counter}`;
    this.inventory.policies.push({
      key,
      kind,
      origin: origin(options.resource ?? null, options.line ?? null, options.file),
      name: options.name ?? null,
      arn: options.arn ?? null,
      document: parsePolicyDocument(document, { text, trust: kind === 'trust' }),
      parseError: null,
    });
    return key;
  }

  /** A policy whose value only Terraform knows (`${var.policy}`): the readers leave it unresolved. */
  unresolved(unresolved: string, options: PolicyOptions = {}): string {
    return this.withoutDocument({ name: options.name ?? null, parseError: null, unresolved }, options);
  }

  /** A policy whose text could not be parsed at all. */
  unparseable(parseError: string, options: PolicyOptions = {}): string {
    return this.withoutDocument({ name: null, parseError }, options);
  }

  private withoutDocument(fields: { name: string | null; parseError: string | null; unresolved?: string }, options: PolicyOptions): string {
    const key = `policy-${++this.counter}`;
    this.inventory.policies.push({
      key,
      kind: options.kind ?? 'file',
      origin: origin(options.resource ?? null, options.line ?? null, options.file),
      arn: null,
      document: null,
      ...fields,
    });
    return key;
  }

  principal(kind: PrincipalKind, name: string, resource = `aws_iam_${kind}.${name}`): string {
    const key = `${TEST_FILE}::${resource}`;
    this.inventory.principals.push({ key, kind, name, origin: origin(resource), tags: {} });
    return key;
  }

  user(name: string): string {
    return this.principal('user', name);
  }

  /** Attach a managed policy by key (one we read) or by ARN (one we did not). */
  attach(principal: string, target: { policy: string } | { arn: string }, resource = `aws_iam_policy_attachment.a${++this.counter}`): void {
    this.inventory.attachments.push({
      principal,
      policy: 'policy' in target ? target.policy : null,
      arn: 'arn' in target ? target.arn : null,
      origin: origin(resource),
    });
  }

  inline(principal: string, policy: string): void {
    this.inventory.inlineGrants.push({ principal, policy });
  }

  member(user: string, group: string): void {
    this.inventory.memberships.push({ user, group, origin: origin(`aws_iam_group_membership.m${++this.counter}`) });
  }

  loginProfile(
    user: string,
    options: { passwordResetRequired?: boolean | null; hasPgpKey?: boolean; literalPassword?: boolean } = {},
  ): void {
    this.inventory.loginProfiles.push({
      user,
      origin: origin(`aws_iam_user_login_profile.p${++this.counter}`),
      passwordResetRequired: options.passwordResetRequired === undefined ? true : options.passwordResetRequired,
      hasPgpKey: options.hasPgpKey ?? true,
      literalPassword: options.literalPassword ?? false,
    });
  }

  accessKey(user: string, options: { status?: string | null; hasPgpKey?: boolean } = {}): void {
    this.inventory.accessKeys.push({
      user,
      origin: origin(`aws_iam_access_key.k${++this.counter}`),
      hasPgpKey: options.hasPgpKey ?? true,
      status: options.status ?? null,
    });
  }
}

/** An inventory holding one policy file. */
export function policyFile(document: unknown, options: PolicyOptions = {}): Inventory {
  const builder = new InventoryBuilder();
  builder.policy(document, options);
  return builder.inventory;
}

/** A catalog that fails the test if a rule that declares needsCatalog: false touches it. */
export const forbiddenCatalog: Catalog = new Proxy({} as Catalog, {
  get(_target, property) {
    return () => {
      throw new Error(`rule asked the catalog (${String(property)}) but declares needsCatalog: false`);
    };
  },
});

const noPresets: PresetLookup = {
  names: () => [],
  document: () => null,
  declaredFor: () => null,
};

export function runRule(rule: Rule, inventory: Inventory, catalog: Catalog = forbiddenCatalog): RawFinding[] {
  const context: RuleContext = { inventory, catalog, presets: noPresets };
  return rule.check(context);
}

export interface ExpectedFinding {
  messageId: string;
  statement?: string | number | null;
  resource?: string | null;
  line?: number | null;
  severity?: Severity;
  /** The message matches it. */
  message?: RegExp;
}

export interface RuleCases {
  valid: { name: string; inventory: Inventory }[];
  invalid: { name: string; inventory: Inventory; errors: ExpectedFinding[] }[];
}

/** ESLint's RuleTester, reduced to what our rules need: messageIds, where they point, and what a message says. */
export function testRule(rule: Rule, cases: RuleCases, catalog?: Catalog): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          expect(runRule(rule, c.inventory, catalog).map((f) => f.message)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const found = runRule(rule, c.inventory, catalog);
          expect(found.map((f) => f.ruleId)).toEqual(found.map(() => rule.meta.id));
          const actual = found.map((f, i) => {
            const want = c.errors[i];
            const got: ExpectedFinding = { messageId: f.messageId };
            if (want && 'statement' in want) got.statement = f.statement;
            if (want && 'resource' in want) got.resource = f.origin.resource;
            if (want && 'line' in want) got.line = f.origin.line;
            if (want && 'severity' in want) got.severity = f.severity ?? rule.meta.defaultSeverity;
            // The pattern itself when it matches, so a mismatch shows the message that did not.
            if (want?.message) got.message = want.message.test(f.message) ? want.message : (f.message as unknown as RegExp);
            return got;
          });
          expect(actual).toEqual(c.errors);
          for (const f of found) expect(f.message).not.toMatch(/\{\{/);
        });
      }
    });
  });
}
