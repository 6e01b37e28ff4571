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

/** One `suppressLint` entry, with its per-address copies (none when no resource is under the construct). */
export interface WrittenSuppression {
  construct: IConstruct;
  ruleId: string;
  copies: Suppression[];
}

export interface ConstructSuppressions {
  suppressions: Suppression[];
  /** Every entry the config's validation accepted, to tell which ones matched nothing. */
  written: WrittenSuppression[];
  /** Suppressions the config's validation refused (an unknown rule id), with the construct they are on. */
  problems: { construct: IConstruct; message: string }[];
}

export function constructSuppressions(stack: TerraformStack, stackFile: string, ruleIds: readonly string[]): ConstructSuppressions {
  const out: ConstructSuppressions = { suppressions: [], written: [], problems: [] };
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
        // Checked even with no resource under the construct, so a misspelt rule is said there too.
        validateSuppression({ rule: ruleId, reason, file: stackFile }, source, ruleIds);
        const copies = scopes.map((scope) => validateSuppression({ rule: ruleId, reason, ...scope }, source, ruleIds));
        out.suppressions.push(...copies);
        out.written.push({ construct, ruleId, copies });
      } catch (error) {
        out.problems.push({ construct, message: `suppressLint: ${(error as Error).message.replace(`${source}: suppression.rule: `, '')}` });
      }
    }
  }
  return out;
}
