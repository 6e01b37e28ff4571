/**
 * unknown-action: an action, or a pattern such as `s3:Get*Objct`, that matches nothing AWS
 * defines; the message suggests the closest real action. Actions that AWS's own managed policies
 * name (retired or undocumented ones, catalog.isKnownLegacyAction) are not reported: copying
 * AWS's wording must not fail a build. `${...}` tokens are left alone (their value is unknown).
 */
import { closest, correctedGlob, hasWildcard, splitAction } from '../catalog/action-pattern';
import { statementId } from '../model/parse-document';
import type { PolicyRecord, RawFinding, Statement } from '../model/types';
import type { Catalog } from '../catalog/catalog';
import { memoTable, remember } from '../catalog/memo';
import { policyLabel } from '../catalog/policy-label';
import { statementOrigin } from './grants';
import { perDocument } from './per-document';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'unknown-action',
  defaultSeverity: 'error',
  description: 'An action or action pattern that matches nothing AWS defines; suggests the closest',
  messages: {
    unknownAction: '{{policy}}{{field}} "{{pattern}}" matches no action of {{service}}; did you mean {{suggestion}}?',
    unknownService: '{{policy}}{{field}} "{{pattern}}": there is no service prefix "{{service}}"; did you mean {{suggestion}}?',
    noMatch: '{{policy}}{{field}} "{{pattern}}" matches no action AWS defines; check its spelling.',
    notAnAction: '{{policy}}{{field}} "{{pattern}}" is not of the form service:Action (e.g. s3:GetObject).',
  },
  subjects: {
    unknownAction: '{{policy}}{{field}} {{pattern}}',
    unknownService: '{{policy}}{{field}} {{pattern}}',
    noMatch: '{{policy}}{{field}} {{pattern}}',
    notAnAction: '{{policy}}{{field}} {{pattern}}',
  },
  needsCatalog: true,
};

/**
 * Suggestions cost an edit distance to every action of a service (or to every service). A real
 * policy has a handful of typos; generated input can hold hundreds of thousands. Only the first
 * this many distinct unknown entries, in code-unit order (so the choice does not depend on the
 * order files were read), get a suggestion; the rest are reported without one.
 */
export const MAX_SUGGESTIONS = 2000;

type Verdict = { messageId: 'notAnAction' } | { messageId: 'noMatch' } | { messageId: 'unknownService' | 'unknownAction'; service: string; action: string };

/** Whether an entry matches nothing, and what kind of suggestion it could get; cheap (no edit distances). */
function judge(pattern: string, catalog: Catalog): Verdict | null {
  const trimmed = pattern.trim();
  if (trimmed === '*' || trimmed.includes('${')) return null;
  if (catalog.ids.expand(pattern).length > 0 || catalog.isKnownLegacyAction(pattern)) return null;
  const parts = splitAction(trimmed);
  // `s3:` and `s3:*:Get` have the colon but no action after it, or a second one: nothing to suggest a name for.
  if (!parts || parts.action === '' || parts.action.includes(':')) return { messageId: 'notAnAction' };
  if (hasWildcard(parts.service)) return { messageId: 'noMatch' };
  const messageId = catalog.serviceExists(parts.service) ? 'unknownAction' : 'unknownService';
  return { messageId, service: parts.service, action: parts.action };
}

/** The message for a verdict, with its suggestion when one was computed (`suggest`) and found. */
function message(verdict: Verdict, pattern: string, suggest: boolean, catalog: Catalog): { messageId: string; data: Record<string, string> } {
  if (verdict.messageId === 'notAnAction') return { messageId: 'notAnAction', data: {} };
  if (verdict.messageId === 'noMatch' || !suggest) return { messageId: 'noMatch', data: {} };
  const { service, action } = verdict;
  if (verdict.messageId === 'unknownService') {
    const suggestion = closest(service, catalog.serviceNames());
    return suggestion ? { messageId: 'unknownService', data: { service, suggestion: `${suggestion}:${action}` } } : { messageId: 'noMatch', data: {} };
  }
  const best = closest(pattern.trim(), catalog.serviceActions(service));
  if (!best) return { messageId: 'noMatch', data: {} };
  // For a pattern, the pattern mended (`ec2:*Instancez` -> `ec2:*Instance`), not one action it came closest to.
  return { messageId: 'unknownAction', data: { service, suggestion: hasWildcard(action) ? correctedGlob(pattern.trim(), best) : best } };
}

export const unknownAction: Rule = {
  meta,
  check({ inventory, catalog }) {
    const findings: RawFinding[] = [];
    const verdicts = memoTable<Verdict | null>(catalog, 'unknown-action');
    const unknownIn = perDocument((document) => {
      const found: { statement: Statement; field: string; pattern: string; verdict: Verdict }[] = [];
      for (const statement of document.statements) {
        for (const [field, patterns] of [['Action', statement.actions], ['NotAction', statement.notActions]] as const) {
          for (const pattern of patterns ?? []) {
            const verdict = remember(verdicts, pattern, () => judge(pattern, catalog));
            if (verdict) found.push({ statement, field, pattern, verdict });
          }
        }
      }
      return found;
    });
    // First every unknown entry of the run, so which get a suggestion depends on them alone, then the findings.
    const unknown: { policy: PolicyRecord; found: ReturnType<typeof unknownIn> }[] = [];
    const suggestable = new Set<string>();
    for (const policy of inventory.policies) {
      if (!policy.document) continue;
      const found = unknownIn(policy.document);
      if (found.length === 0) continue;
      unknown.push({ policy, found });
      for (const { pattern, verdict } of found) if (verdict.messageId === 'unknownAction' || verdict.messageId === 'unknownService') suggestable.add(pattern);
    }
    const suggested = new Set([...suggestable].sort().slice(0, MAX_SUGGESTIONS));
    const messages = new Map<string, ReturnType<typeof message>>();
    for (const { policy, found } of unknown) {
      for (const { statement, field, pattern, verdict } of found) {
        const { messageId, data } = remember(messages, pattern, () => message(verdict, pattern, suggested.has(pattern), catalog));
        findings.push(report(meta, messageId, { policy: policyLabel(policy), field, pattern, ...data }, statementOrigin(policy, statement), statementId(statement)));
      }
    }
    return findings;
  },
};
