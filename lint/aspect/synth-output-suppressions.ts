/**
 * Construct suppressions as they are recorded in the synthesized Terraform JSON, so a later lint of
 * cdktf.out (`npm run lint-policies`) reports those findings as suppressed with their reasons, as
 * the synth did. They live under `//` (Terraform's comment key, which it ignores): on each resource
 * a suppression was used on, and at the top of the stack for suppressions written on the stack.
 *
 *   "//": { "iam-policy-lint": { "suppressions": [ { "rule", "reason", "source" } ] } }
 *
 * Reading needs no cdktf, so lint-policies can use it without loading the framework.
 */
export const JSON_SUPPRESSIONS_PATH = '//.iam-policy-lint.suppressions';

export interface JsonSuppression {
  rule: string;
  reason: string;
  /** Path of the construct the suppression was written on. */
  source: string;
}

/** The config file's shape of a suppression (lint/config/validate-config.ts). */
export interface ConfigFileSuppression {
  rule: string;
  file: string;
  resource?: string;
  reason: string;
}

/** Key of a (rule, Terraform address) pair in the `applied` set. */
export function appliedKey(ruleId: string, address: string): string {
  return `${ruleId} ${address}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function suppressionsAt(block: unknown): JsonSuppression[] {
  if (!isRecord(block)) return [];
  const comment = block['//'];
  const ours = isRecord(comment) ? comment['iam-policy-lint'] : undefined;
  const list = isRecord(ours) ? ours.suppressions : undefined;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (s): s is JsonSuppression => isRecord(s) && typeof s.rule === 'string' && typeof s.reason === 'string' && typeof s.source === 'string',
  );
}

function asConfig(suppression: JsonSuppression, file: string, resource?: string): ConfigFileSuppression {
  return {
    rule: suppression.rule,
    file,
    ...(resource !== undefined && { resource }),
    reason: `${suppression.reason} (suppressLint on ${suppression.source})`,
  };
}

/** Suppressions found in one synthesized stack, as config entries scoped to that file. */
export function suppressionsInSynthOutput(stackJson: unknown, file: string): ConfigFileSuppression[] {
  const out = suppressionsAt(stackJson).map((s) => asConfig(s, file));
  for (const [prefix, section] of [['', 'resource'], ['data.', 'data']] as const) {
    const byType = isRecord(stackJson) ? stackJson[section] : undefined;
    if (!isRecord(byType)) continue;
    for (const [type, byName] of Object.entries(byType)) {
      if (!isRecord(byName)) continue;
      for (const [name, block] of Object.entries(byName)) {
        out.push(...suppressionsAt(block).map((s) => asConfig(s, file, `${prefix}${type}.${name}`)));
      }
    }
  }
  return out;
}
