/**
 * exceeds-preset: a user that declares its least-privilege preset (the `iam-preset` tag the
 * construct in modules/ sets, or a mapping in the config) but holds grants the preset does not
 * cover, through any attachment, inline policy or group. Each statement with excess is reported
 * with the actions in excess (lint/catalog/preset-coverage.ts says what "covers" means). A user
 * holding administrator access is told which preset fits instead of being sent 20,000 actions;
 * so is a user that declares none but holds it under a name that carries a preset's name.
 */
import { documentGrants, listActions } from '../catalog/grants';
import { actionsBeyondPresets } from '../catalog/preset-coverage';
import { declaredPresetNames } from '../catalog/presets';
import type { Catalog } from '../catalog/catalog';
import { heldPolicies, type HeldPolicy } from '../catalog/held-policies';
import { isAwsManagedPolicyArn } from '../catalog/managed-policies';
import { remember } from '../catalog/memo';
import { statementId } from '../model/parse-document';
import type { Inventory, Origin, PolicyDocument, PolicyRecord, RawFinding, Statement } from '../model/types';
import { allowsEverything, denyEffect, isAdministratorAccessArn, principalLabel, principalsByKey } from './grants';
import { perDocument } from './per-document';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'exceeds-preset',
  defaultSeverity: 'error',
  description: 'Grants beyond the least-privilege preset declared for that user',
  messages: {
    beyondPreset:
      '{{principal}} declares preset {{preset}} but {{via}} grants {{count}} action(s) it does not cover: {{actions}}. ' +
      'Remove them, or scope them as the preset does (policies/{{first}}.json).',
    adminWherePresetExists:
      '{{principal}} holds administrator access through {{via}}, yet preset {{preset}} fits its use: attach policies/{{first}}.json instead.',
    unknownPreset: '{{principal}} declares preset "{{name}}", which does not exist; the presets are: {{known}} (policies/*.json).',
    cannotCheck:
      '{{principal}} declares preset {{preset}} and holds {{via}}, whose document is not in the input ({{why}}), so it is not checked against the preset. ' +
      'Lint the plan (terraform show -json), where Terraform has computed it, or lint the files that define it together.',
  },
  subjects: {
    beyondPreset: 'beyond {{preset}}: {{principal}} through {{via}}',
    adminWherePresetExists: 'administrator: {{principal}} through {{via}}',
    unknownPreset: 'unknown preset {{name}}: {{principal}}',
    cannotCheck: 'not checked against {{preset}}: {{principal}} through {{via}}',
  },
  needsCatalog: true,
};

/** The preset whose name the user's name carries (`automate-ha-deployer`, `site-deployer-prod`), longest first. */
export function presetNamedLike(userName: string | null, names: string[]): string | null {
  if (!userName) return null;
  const user = userName.toLowerCase();
  const fits = names.filter((n) => n.length >= 4 && user.includes(n.toLowerCase()));
  return fits.sort((a, b) => b.length - a.length || (a < b ? -1 : 1))[0] ?? null;
}

/** A user that declares no preset but holds administrator access, where a preset named like it exists. */
function undeclaredAdmin(
  user: string,
  name: string | null,
  label: string,
  names: string[],
  { inventory, catalog, holdsAdmin }: { inventory: Inventory; catalog: Catalog; holdsAdmin: (policy: HeldPolicy) => boolean },
): RawFinding[] {
  const held = heldPolicies(user, inventory, catalog).filter(holdsAdmin);
  if (held.length === 0) return [];
  const preset = presetNamedLike(name, names);
  if (preset === null) return [];
  return held.map((policy) => report(meta, 'adminWherePresetExists', { principal: label, via: policy.via, preset, first: preset }, policy.origin, null));
}

interface UnseenPolicy {
  via: string;
  origin: Origin;
  why: string;
}

/**
 * Why a policy record's document is not all in the input: a value only Terraform computes, or parts
 * of a merged document it alone knows (the rest of which is checked); null when it is all there.
 */
function unseenWhy(record: PolicyRecord): string | null {
  if (record.document === null && record.unresolved !== undefined) return `its value is ${record.unresolved}`;
  const parts = record.uncheckedParts ?? [];
  if (record.document !== null && parts.length > 0) return `only in part: ${parts.join('; ')}`;
  return null;
}

/**
 * Policies held by each principal (directly, not through groups) whose document no reader could
 * see, or see whole: a value only Terraform computes, an ARN defined outside the input, or a merged
 * document with parts only Terraform knows. Built once per run.
 */
function unseenPolicies(inventory: Inventory, catalog: Catalog): Map<string, UnseenPolicy[]> {
  const records = new Map(inventory.policies.map((p) => [p.key, p]));
  const out = new Map<string, UnseenPolicy[]>();
  const add = (holder: string, unseen: UnseenPolicy) => out.set(holder, [...(out.get(holder) ?? []), unseen]);
  for (const attachment of inventory.attachments) {
    const record = attachment.policy === null ? undefined : records.get(attachment.policy);
    if (record !== undefined) {
      const why = unseenWhy(record);
      if (why !== null) add(attachment.principal, { via: record.origin.resource ?? record.name ?? record.key, origin: attachment.origin, why });
    } else if (attachment.arn !== null && !catalog.managedPolicy(attachment.arn)) {
      const why = isAwsManagedPolicyArn(attachment.arn) ? 'no AWS managed policy of that name is known' : 'no policy in the input has that ARN';
      add(attachment.principal, { via: attachment.arn, origin: attachment.origin, why });
    } else if (attachment.arn === null && attachment.policy === null) {
      add(attachment.principal, { via: attachment.origin.resource ?? 'an attachment', origin: attachment.origin, why: 'its policy_arn is not set' });
    }
  }
  for (const grant of inventory.inlineGrants) {
    const record = records.get(grant.policy);
    const why = record === undefined ? null : unseenWhy(record);
    if (record !== undefined && why !== null) add(grant.principal, { via: record.origin.resource ?? record.name ?? record.key, origin: record.origin, why });
  }
  return out;
}

export const exceedsPreset: Rule = {
  meta,
  check({ inventory, catalog, presets }) {
    const findings: RawFinding[] = [];
    // actionsBeyondPresets answers once per grant and preset: so is its list for messages.
    const listed = new WeakMap<string[], string>();
    // Per document, not per user holding it: a plan gives thousands of users the same policies.
    const computedIn = perDocument((document) => {
      const found: { statement: Statement; computed: string }[] = [];
      for (const statement of document.statements) {
        // An action only Terraform knows matches nothing in the catalog, so it would pass unseen.
        if (statement.effect !== 'Allow') continue;
        const computed = (statement.actions ?? []).find((a) => a.includes('${')) ?? (statement.notActions ?? []).find((a) => a.includes('${'));
        if (computed !== undefined) found.push({ statement, computed });
      }
      return found;
    });
    const documentsByDeclaration = new Map<string, PolicyDocument[]>();
    // As admin-access judges it: an unconditional Deny of everything (or of all but a list) leaves no administrator access.
    const adminByDocument = perDocument((document) => document.statements.some(allowsEverything) && denyEffect(document) !== 'everything');
    const holdsAdmin = (policy: HeldPolicy) => (policy.arn !== null && isAdministratorAccessArn(policy.arn)) || adminByDocument(policy.document);
    const principals = principalsByKey(inventory);
    let unseen: Map<string, UnseenPolicy[]> | undefined;
    const groupsOf = new Map<string, string[]>();
    for (const m of inventory.memberships) groupsOf.set(m.user, [...(groupsOf.get(m.user) ?? []), m.group]);
    for (const principal of inventory.principals) {
      if (principal.kind !== 'user') continue;
      const declaration = presets.declaredFor(principal.key);
      const label = principalLabel(principal.key, principals);
      if (declaration === null) {
        for (const f of undeclaredAdmin(principal.key, principal.name, label, presets.names(), { inventory, catalog, holdsAdmin })) findings.push(f);
        continue;
      }
      const names = declaredPresetNames(declaration);
      const preset = names.join(' + ');
      const found: PolicyDocument[] = [];
      for (const name of names) {
        const document = presets.document(name);
        if (document) found.push(document);
        else findings.push(report(meta, 'unknownPreset', { principal: label, name, known: presets.names().join(', ') || '(none)' }, principal.origin, null));
      }
      if (found.length === 0) continue;
      // One list per declaration, so actionsBeyondPresets remembers its answers across the users that share it.
      const documents = remember(documentsByDeclaration, preset, () => found);
      unseen ??= unseenPolicies(inventory, catalog);
      for (const holder of [principal.key, ...(groupsOf.get(principal.key) ?? [])]) {
        for (const policy of unseen.get(holder) ?? []) {
          // Not an error: nothing is known to exceed the preset, only that this part is unchecked.
          findings.push({ ...report(meta, 'cannotCheck', { principal: label, preset, via: policy.via, why: policy.why }, policy.origin, null), severity: 'warning' });
        }
      }
      for (const policy of heldPolicies(principal.key, inventory, catalog)) {
        if (holdsAdmin(policy)) {
          findings.push(report(meta, 'adminWherePresetExists', { principal: label, via: policy.via, preset, first: names[0] }, policy.origin, null));
          continue;
        }
        for (const { statement, computed } of computedIn(policy.document)) {
          const origin = statement.line === null ? policy.origin : { ...policy.origin, line: statement.line };
          const data = { principal: label, preset, via: policy.via, why: `its action ${computed} is computed by Terraform` };
          findings.push({ ...report(meta, 'cannotCheck', data, origin, statementId(statement)), severity: 'warning' });
        }
        for (const grant of documentGrants(policy.document, catalog)) {
          const beyond = actionsBeyondPresets(grant, documents, catalog);
          if (beyond.length === 0) continue;
          const data = { principal: label, preset, first: names[0], via: policy.via, count: beyond.length, actions: remember(listed, beyond, () => listActions(beyond, 8)) };
          const origin = grant.statement.line === null ? policy.origin : { ...policy.origin, line: grant.statement.line };
          findings.push(report(meta, 'beyondPreset', data, origin, statementId(grant.statement)));
        }
      }
    }
    return findings;
  },
};
