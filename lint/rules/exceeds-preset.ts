/**
 * exceeds-preset: a user that declares its least-privilege preset (the `iam-preset` tag the
 * construct in modules/ sets, or a mapping in the config) but holds grants the preset does not
 * cover, through any attachment, inline policy or group. Each statement with excess is reported
 * with the actions in excess (lint/catalog/preset-coverage.ts says what "covers" means). A user
 * holding administrator access is told which preset fits instead of being sent 20,000 actions.
 */
import { documentGrants, listActions } from '../catalog/grants';
import { actionsBeyondPresets } from '../catalog/preset-coverage';
import { declaredPresetNames } from '../catalog/presets';
import { heldPolicies } from '../catalog/held-policies';
import { statementId } from '../model/parse-document';
import type { PolicyDocument, RawFinding } from '../model/types';
import { allowsEverything, isAdministratorAccessArn, principalLabel, principalsByKey } from './grants';
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
  },
  needsCatalog: true,
};

export const exceedsPreset: Rule = {
  meta,
  check({ inventory, catalog, presets }) {
    const findings: RawFinding[] = [];
    const principals = principalsByKey(inventory);
    for (const principal of inventory.principals) {
      if (principal.kind !== 'user') continue;
      const declaration = presets.declaredFor(principal.key);
      if (declaration === null) continue;
      const label = principalLabel(principal.key, principals);
      const names = declaredPresetNames(declaration);
      const documents: PolicyDocument[] = [];
      for (const name of names) {
        const document = presets.document(name);
        if (document) documents.push(document);
        else findings.push(report(meta, 'unknownPreset', { principal: label, name, known: presets.names().join(', ') || '(none)' }, principal.origin, null));
      }
      if (documents.length === 0) continue;
      const preset = names.join(' + ');
      for (const policy of heldPolicies(principal.key, inventory, catalog)) {
        const admin = (policy.arn !== null && isAdministratorAccessArn(policy.arn)) || policy.document.statements.some(allowsEverything);
        if (admin) {
          findings.push(report(meta, 'adminWherePresetExists', { principal: label, via: policy.via, preset, first: names[0] }, policy.origin, null));
          continue;
        }
        for (const grant of documentGrants(policy.document, catalog)) {
          const beyond = actionsBeyondPresets(grant, documents, catalog);
          if (beyond.length === 0) continue;
          const data = { principal: label, preset, first: names[0], via: policy.via, count: beyond.length, actions: listActions(beyond, 8) };
          const origin = grant.statement.line === null ? policy.origin : { ...policy.origin, line: grant.statement.line };
          findings.push(report(meta, 'beyondPreset', data, origin, statementId(grant.statement)));
        }
      }
    }
    return findings;
  },
};
