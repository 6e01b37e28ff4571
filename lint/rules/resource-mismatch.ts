/**
 * resource-mismatch: an action whose Resource entries are all ARNs of types it cannot act on
 * (`s3:GetObject` on a bucket ARN, `s3:ListBucket` on `bucket/*`), or an action that only takes
 * `*` given specific ARNs. IAM accepts such a statement and then grants nothing by it, so the
 * mistake shows up later as AccessDenied. Judged only when every Resource entry is an ARN
 * (`${...}` tokens inside one are fine); a pattern is reported only when none of its actions fit.
 */
import { hasWildcard } from '../catalog/action-pattern';
import type { Catalog } from '../catalog/catalog';
import { documentContentId, identityDocuments, listActions } from '../catalog/grants';
import { memoTable, remember } from '../catalog/memo';
import { policyLabel } from '../catalog/policy-label';
import { listInWords } from '../catalog/list-in-words';
import { couldBeOfFormat } from '../catalog/resources';
import { statementId } from '../model/parse-document';
import type { RawFinding, Statement } from '../model/types';
import { statementOrigin } from './grants';
import { perDocument } from './per-document';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'resource-mismatch',
  defaultSeverity: 'warning',
  description: 'An action paired only with resource ARNs of types it cannot act on',
  messages: {
    wrongType:
      '{{policy}}{{actions}} cannot act on {{resources}}: it takes {{types}}. The statement grants nothing for it; use an ARN of that form.',
    needsStar:
      '{{policy}}{{actions}} does not support resource-level permissions: it only works with Resource "*" (put it in its own statement).',
  },
  // wrongType names one action per finding; needsStar lists them all in one.
  subjects: { wrongType: '{{policy}}wrong resource type for {{actions}}', needsStar: '{{policy}}needs Resource *' },
  needsCatalog: true,
};

type Fit = 'fits' | 'wrongType' | 'needsStar' | 'unknown';

/** An ARN whose resource part is only wildcards (`arn:aws:s3:::*`, `arn:aws:ec2:*:*:*`). */
const EVERY_ARN_OF_A_SERVICE = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:[*:/]*\*[*:/]*$/;

function fit(id: number, arns: string[], catalog: Catalog): Fit {
  const formats = catalog.ids.formats(id);
  // A type we have no ARN format for cannot be judged.
  if (formats === null) return 'unknown';
  // AWS's own examples grant s3:ListAllMyBuckets on `arn:aws:s3:::*`, and it works: an ARN
  // that spans a whole service is not the specific ARN this finding is about.
  if (formats.length === 0) return arns.some((arn) => EVERY_ARN_OF_A_SERVICE.test(arn)) ? 'unknown' : 'needsStar';
  return arns.some((arn) => formats.some((f) => couldBeOfFormat(arn, f))) ? 'fits' : 'wrongType';
}

function typesOf(action: string, catalog: Catalog): string {
  const id = catalog.ids.of(action);
  return id < 0 ? '' : (catalog.ids.formats(id) ?? []).join(' or ');
}

type Mismatches = Record<'wrongType' | 'needsStar', string[]>;

function mismatches(actions: string[], resources: string[], catalog: Catalog): Mismatches {
  const byKind = { wrongType: new Set<string>(), needsStar: new Set<string>() };
  // Per action and per pattern once per statement: a generated statement may repeat a few
  // actions 100,000 times against 100,000 ARNs, and each fit() walks every ARN.
  const fits = new Map<number, Fit>();
  const verdicts = new Map<string, { kind: keyof Mismatches; entry: string } | null>();
  for (const pattern of actions) {
    const verdict = remember(verdicts, pattern, (): { kind: keyof Mismatches; entry: string } | null => {
      const expanded = catalog.ids.expand(pattern);
      if (expanded.length === 0) return null;
      // One action that fits (or cannot be judged) clears the pattern: stop there, `ec2:*` has 700.
      let first: Fit | null = null;
      for (const id of expanded) {
        const f = remember(fits, id, () => fit(id, resources, catalog));
        first ??= f;
        if (f === 'fits' || f === 'unknown') return null;
      }
      if (hasWildcard(pattern)) return { kind: 'wrongType', entry: pattern };
      return { kind: first as keyof Mismatches, entry: catalog.ids.name(expanded[0]) };
    });
    // A pattern repeated in one statement is one finding (reports drop exact duplicates anyway).
    if (verdict) byKind[verdict.kind].add(verdict.entry);
  }
  return { wrongType: [...byKind.wrongType], needsStar: [...byKind.needsStar] };
}

export const resourceMismatch: Rule = {
  meta,
  check({ inventory, catalog }) {
    const findings: RawFinding[] = [];
    const verdicts = memoTable<Mismatches>(catalog, 'resource-mismatch');
    // Each statement's findings without the policy's name, once per document: plans repeat documents.
    const mismatchesIn = perDocument((document) => {
      const found: { statement: Statement; messageId: 'wrongType' | 'needsStar'; data: Record<string, string> }[] = [];
      for (const statement of document.statements) {
        if (statement.effect !== 'Allow' || statement.actions === null || statement.resources === null || statement.resources.length === 0) continue;
        // Only ARNs can be judged: `*` fits everything, a whole `${...}` reference is unknown.
        if (!statement.resources.every((r) => r.startsWith('arn:'))) continue;
        const concrete = statement.resources;
        const actions = statement.actions;
        // Same actions on the same resources, same answer: documents of the same content in other files.
        const key = `${documentContentId(document, catalog)}#${statement.index}`;
        const byKind = remember(verdicts, key, () => mismatches(actions, concrete, catalog));
        if (byKind.wrongType.length === 0 && byKind.needsStar.length === 0) continue;
        const resources = listInWords(concrete, 5);
        for (const action of byKind.wrongType) {
          const types = hasWildcard(action) ? 'other resource types' : typesOf(action, catalog);
          found.push({ statement, messageId: 'wrongType', data: { actions: action, resources, types } });
        }
        if (byKind.needsStar.length > 0) found.push({ statement, messageId: 'needsStar', data: { actions: listActions(byKind.needsStar) } });
      }
      return found;
    });
    // Boundaries too: a mismatch in one silently takes the action from every role it caps.
    for (const policy of identityDocuments(inventory)) {
      for (const { statement, messageId, data } of mismatchesIn(policy.document)) {
        findings.push(report(meta, messageId, { policy: policyLabel(policy), ...data }, statementOrigin(policy, statement), statementId(statement)));
      }
    }
    return findings;
  },
};
