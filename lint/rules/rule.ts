/**
 * The shape of one rule. One rule per file in lint/rules/, named for its id, with its docs page
 * at docs/rules/<id>.md and its tests at lint/rules/<id>.test.ts (ESLint's layout).
 * Messages are data: tests assert messageIds, not prose.
 */
import type { Catalog } from '../catalog/catalog';
import type { Inventory, Origin, RawFinding, Severity } from '../model/types';

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line, used in SARIF's shortDescription. */
  description: string;
  /** messageId -> template with {{placeholders}}. */
  messages: Record<string, string>;
  /**
   * messageId -> what a finding of that message is about, as a template over the message's
   * placeholders that name the thing found (an action pattern, a user, the policy), never action
   * lists, counts or advice, which change with the catalog. Baselines and SARIF fingerprints match
   * findings on it, so rewording a message keeps its findings known (lint/baseline/finding-subject.ts
   * reads it back out of a message). Messages that name the same thing share a subject. Every
   * registered rule gives one per message (a test checks); Access Analyzer's rules have none, so a
   * finding's whole message is its subject.
   */
  subjects?: Record<string, string>;
  /** True when the rule asks the catalog; such rules are what makes a run load AWS data. */
  needsCatalog: boolean;
}

/** Preset declared for a user: name -> document, for exceeds-preset. */
export interface PresetLookup {
  /** Preset names known to this run. */
  names(): string[];
  document(name: string): import('../model/types').PolicyDocument | null;
  /** Preset declared for a principal (tag on the user, or a mapping in the config), or null. */
  declaredFor(principalKey: string): string | null;
}

export interface RuleContext {
  inventory: Inventory;
  catalog: Catalog;
  presets: PresetLookup;
  /**
   * The rules that run in this pass, each with the severity its findings get (the config's, else the
   * rule's default). A rule that leaves part of what it would report to a more specific rule asks
   * here whether that rule runs, and at no lower severity, so turning the specific rule off or down
   * gives the findings back instead of losing them or their weight. Absent: every rule runs, at its
   * default severity.
   */
  enabledRules?: ReadonlyMap<string, Severity>;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): RawFinding[];
}

/** Fill a message template: `{{name}}` -> data.name. */
export function formatMessage(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
}

/** Build a RawFinding from a rule's message table, so every finding names a declared messageId. */
export function report(
  meta: RuleMeta,
  messageId: string,
  data: Record<string, string | number>,
  origin: Origin,
  statement: string | number | null,
): RawFinding {
  const template = meta.messages[messageId];
  if (template === undefined) throw new Error(`rule ${meta.id} has no message "${messageId}"`);
  return { ruleId: meta.id, messageId, message: formatMessage(template, data), origin, statement };
}
