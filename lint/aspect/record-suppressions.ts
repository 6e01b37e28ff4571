/** Record construct suppressions in the stack's Terraform JSON (format: synth-output-suppressions.ts). */
import type { TerraformElement, TerraformStack } from 'cdktf';
import { suppressionsWrittenOn } from './suppress-lint';
import { appliedKey, JSON_SUPPRESSIONS_PATH, type JsonSuppression } from './synth-output-suppressions';
import { terraformAddress } from './terraform-addresses';

/**
 * Record the stack's construct suppressions in its JSON. With `applied` (rule id + address pairs
 * the synth-time lint suppressed), only the resources a suppression was used on get it, so the
 * later lint does not call the rest of a construct's copies unused.
 */
export function writeSuppressionsToJson(stack: TerraformStack, applied?: ReadonlySet<string>): void {
  const byElement = new Map<TerraformElement, JsonSuppression[]>();
  const onStack: JsonSuppression[] = [];
  for (const construct of stack.node.findAll()) {
    const written = suppressionsWrittenOn(construct).map(({ ruleId, reason, source }) => ({ rule: ruleId, reason, source }));
    if (written.length === 0) continue;
    if (construct === stack) {
      onStack.push(...written);
      continue;
    }
    for (const inner of construct.node.findAll()) {
      const address = terraformAddress(inner);
      if (address === null) continue;
      const used = applied ? written.filter((s) => applied.has(appliedKey(s.rule, address))) : written;
      if (used.length === 0) continue;
      const element = inner as TerraformElement;
      byElement.set(element, [...(byElement.get(element) ?? []), ...used]);
    }
  }
  for (const [element, suppressions] of byElement) element.addOverride(JSON_SUPPRESSIONS_PATH, suppressions);
  if (onStack.length > 0) stack.addOverride(JSON_SUPPRESSIONS_PATH, onStack);
}

