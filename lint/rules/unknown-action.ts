/**
 * unknown-action: an action, or a pattern such as `s3:Get*Objct`, that matches nothing AWS
 * defines; the message suggests the closest real action. Actions that AWS's own managed policies
 * name (retired or undocumented ones, catalog.isKnownLegacyAction) are not reported: copying
 * AWS's wording must not fail a build. `${...}` tokens are left alone (their value is unknown).
 */
import { closest, hasWildcard, splitAction } from '../catalog/action-pattern';
import { statementId } from '../model/parse-document';
import type { RawFinding, Statement } from '../model/types';
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
  needsCatalog: true,
};

function judge(pattern: string, catalog: Catalog): { messageId: string; data: Record<string, string> } | null {
  const trimmed = pattern.trim();
  if (trimmed === '*' || trimmed.includes('${')) return null;
  if (catalog.ids.expand(pattern).length > 0 || catalog.isKnownLegacyAction(pattern)) return null;
  const parts = splitAction(trimmed);
  if (!parts) return { messageId: 'notAnAction', data: {} };
  if (hasWildcard(parts.service)) return { messageId: 'noMatch', data: {} };
  if (!catalog.serviceExists(parts.service)) {
    const suggestion = closest(parts.service, catalog.serviceNames());
    return suggestion ? { messageId: 'unknownService', data: { service: parts.service, suggestion: `${suggestion}:${parts.action}` } } : { messageId: 'noMatch', data: {} };
  }
  const candidates = catalog.serviceActions(parts.service);
  const best = closest(trimmed, candidates);
  if (!best) return { messageId: 'noMatch', data: {} };
  return { messageId: 'unknownAction', data: { service: parts.service, suggestion: best } };
}

export const unknownAction: Rule = {
  meta,
  check({ inventory, catalog }) {
    const findings: RawFinding[] = [];
    const verdicts = memoTable<ReturnType<typeof judge>>(catalog, 'unknown-action');
    const unknownIn = perDocument((document) => {
      const found: { statement: Statement; field: string; pattern: string; verdict: NonNullable<ReturnType<typeof judge>> }[] = [];
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
    for (const policy of inventory.policies) {
      if (!policy.document) continue;
      for (const { statement, field, pattern, verdict } of unknownIn(policy.document)) {
        const data = { policy: policyLabel(policy), field, pattern, ...verdict.data };
        findings.push(report(meta, verdict.messageId, data, statementOrigin(policy, statement), statementId(statement)));
      }
    }
    return findings;
  },
};
