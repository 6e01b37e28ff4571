/**
 * Suppressions written on constructs, as the config's suppressions: one per Terraform address under
 * the construct, checked by the config's own validation, so the engine applies them exactly like
 * those in `.iam-policy-lint.json` and the reason reaches the report the same way.
 */
import type { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { Suppression } from '../config/types';
import { validateSuppression } from '../config/validate-config';
import { suppressionsWrittenOn } from './suppress-lint';
import { terraformAddress } from './terraform-addresses';

/** `source` of each expanded suppression: the construct path and the rule, to group them back. */
export function suppressionSource(constructPath: string, ruleId: string): string {
  return `${constructPath} (suppressLint ${ruleId})`;
}

export interface ConstructSuppressions {
  suppressions: Suppression[];
  /** Suppressions the config's validation refused (an unknown rule id), with the construct they are on. */
  problems: { construct: IConstruct; message: string }[];
}

export function constructSuppressions(stack: TerraformStack, stackFile: string, ruleIds: readonly string[]): ConstructSuppressions {
  const out: ConstructSuppressions = { suppressions: [], problems: [] };
  for (const construct of stack.node.findAll()) {
    const written = suppressionsWrittenOn(construct);
    if (written.length === 0) continue;
    const addresses = construct.node
      .findAll()
      .map((inner: IConstruct) => terraformAddress(inner))
      .filter((address): address is string => address !== null);
    for (const { ruleId, reason } of written) {
      const source = suppressionSource(construct.node.path, ruleId);
      // On the stack it also covers findings that name no resource (the stack's file as a whole).
      const scopes = construct === stack ? [{ file: stackFile }] : addresses.map((resource) => ({ resource }));
      try {
        for (const scope of scopes) out.suppressions.push(validateSuppression({ rule: ruleId, reason, ...scope }, source, ruleIds));
      } catch (error) {
        out.problems.push({ construct, message: `suppressLint: ${(error as Error).message.replace(`${source}: suppression.rule: `, '')}` });
      }
    }
  }
  return out;
}
