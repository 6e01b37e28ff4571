/**
 * Suppressions written on constructs, as the config's suppressions: one per Terraform address under
 * the construct, so the engine applies them exactly like those in `.iam-policy-lint.json` and the
 * reason reaches the report the same way.
 */
import type { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { Suppression } from '../config/types';
import { suppressionsWrittenOn } from './suppress-lint';
import { terraformAddress } from './terraform-addresses';

/** `source` of each expanded suppression: the construct path and the rule, to group them back. */
export function suppressionSource(constructPath: string, ruleId: string): string {
  return `${constructPath} (suppressLint ${ruleId})`;
}

export function constructSuppressions(stack: TerraformStack, stackFile: string): Suppression[] {
  const out: Suppression[] = [];
  for (const construct of stack.node.findAll()) {
    const written = suppressionsWrittenOn(construct);
    if (written.length === 0) continue;
    const addresses = construct.node
      .findAll()
      .map((inner: IConstruct) => terraformAddress(inner))
      .filter((address): address is string => address !== null);
    for (const { ruleId, reason } of written) {
      const source = suppressionSource(construct.node.path, ruleId);
      const base = { rule: ruleId, statement: null, reason, source };
      // On the stack it also covers findings that name no resource (the stack's file as a whole).
      if (construct === stack) out.push({ ...base, file: stackFile, resource: null });
      else for (const resource of addresses) out.push({ ...base, file: null, resource });
    }
  }
  return out;
}
