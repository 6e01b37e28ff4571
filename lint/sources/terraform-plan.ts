/**
 * `terraform show -json` output of a plan (or of a state). Values come from planned_values, so
 * whatever variables and data sources computed is seen as planned. Values only known after apply
 * (the ARN of a policy created in the same plan) are absent there: for those, the configuration's
 * references are used as opaque `${...}` tokens, which link the same way as in configuration.
 * A plan is one line of JSON, so origins carry the resource address and no line.
 */
import { isRecord, type JsonFormat, type ParsedJsonFile, type ReaderOutput } from './reader';
import type { TerraformResource } from './terraform-resource';
import { pointer } from './value-lines';

type Expressions = Record<string, unknown>;

/** configuration resource address (module path without instance keys) -> its expressions. */
function configurationExpressions(config: unknown): Map<string, Expressions> {
  const out = new Map<string, Expressions>();
  const visit = (module: unknown, prefix: string): void => {
    if (!isRecord(module)) return;
    if (Array.isArray(module.resources)) {
      for (const r of module.resources) {
        if (isRecord(r) && typeof r.address === 'string' && isRecord(r.expressions)) out.set(prefix + r.address, r.expressions);
      }
    }
    if (isRecord(module.module_calls)) {
      for (const [name, call] of Object.entries(module.module_calls)) {
        if (isRecord(call)) visit(call.module, `${prefix}module.${name}.`);
      }
    }
  };
  if (isRecord(config)) visit(config.root_module, '');
  return out;
}

/** Stands for a value Terraform only knows after apply, when the configuration names no reference. */
export const KNOWN_AFTER_APPLY = '${(known after apply)}';

/** The token an unknown value was configured with: its first (most precise) reference. */
function configuredToken(expression: unknown): string | undefined {
  if (!isRecord(expression) || !Array.isArray(expression.references)) return undefined;
  const first: unknown = expression.references[0];
  return typeof first === 'string' ? '${' + first + '}' : undefined;
}

/** An attribute's expression (`{references}` / `{constant_value}`) rather than a block of them. */
function isLeafExpression(expression: unknown): boolean {
  return isRecord(expression) && ('references' in expression || 'constant_value' in expression);
}

/**
 * planned_values writes values unknown until apply as null (or leaves them out); after_unknown
 * marks them. Each becomes an opaque token, the configured reference where there is one, so
 * `policy_arn = aws_iam_policy.p.arn` still links and `resources = [aws_s3_bucket.b.arn]` is not
 * mistaken for a null Resource.
 */
function fillUnknown(value: unknown, unknown: unknown, expression: unknown): unknown {
  if (unknown === true) return configuredToken(expression) ?? KNOWN_AFTER_APPLY;
  if (Array.isArray(unknown)) {
    const list: unknown[] = Array.isArray(value) ? [...(value as unknown[])] : [];
    unknown.forEach((mask: unknown, i) => {
      if (mask === false) return;
      const inner = isLeafExpression(expression) ? expression : Array.isArray(expression) ? (expression as unknown[])[i] : undefined;
      list[i] = fillUnknown(list[i], mask, inner);
    });
    return list;
  }
  if (isRecord(unknown)) {
    const object: Record<string, unknown> = isRecord(value) ? { ...value } : {};
    for (const [key, mask] of Object.entries(unknown)) {
      if (mask === false) continue;
      const inner = isRecord(expression) && !isLeafExpression(expression) ? expression[key] : undefined;
      object[key] = fillUnknown(object[key], mask, inner);
    }
    return object;
  }
  return value;
}

/** address -> after_unknown mask of its planned change. */
function unknownMasks(changes: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!Array.isArray(changes)) return out;
  for (const change of changes) {
    if (isRecord(change) && typeof change.address === 'string' && isRecord(change.change)) out.set(change.address, change.change.after_unknown);
  }
  return out;
}

function planResources(file: string, plan: Record<string, unknown>): TerraformResource[] {
  const valuesKey = isRecord(plan.planned_values) ? 'planned_values' : 'values';
  const root = (plan[valuesKey] as Record<string, unknown> | undefined)?.root_module;
  const expressions = configurationExpressions(plan.configuration);
  const unknown = unknownMasks(plan.resource_changes);
  const out: TerraformResource[] = [];
  const visit = (module: unknown, modulePointer: string): void => {
    if (!isRecord(module)) return;
    const moduleAddress = typeof module.address === 'string' ? module.address + '.' : '';
    if (Array.isArray(module.resources)) {
      module.resources.forEach((r: unknown, i) => {
        if (!isRecord(r) || typeof r.address !== 'string' || typeof r.type !== 'string' || typeof r.name !== 'string') return;
        const configured = expressions.get(r.address.includes('[') ? r.address.replace(/\[[^\]]*\]/g, '') : r.address);
        const mask = unknown.get(r.address);
        const filled = fillUnknown(isRecord(r.values) ? r.values : {}, mask, configured);
        const body = isRecord(filled) ? filled : {};
        // A name computed at apply is that resource's own name, not the value it was built from.
        if (isRecord(mask)) {
          for (const own of ['name', 'name_prefix']) if (mask[own] === true) body[own] = '${' + `${r.address}.${own}` + '}';
        }
        const mode = r.mode === 'data' ? 'data' : 'managed';
        out.push({
          mode,
          type: r.type,
          name: r.name,
          address: r.address,
          module: moduleAddress,
          body,
          origin: { file, resource: r.address, pointer: `${modulePointer}/resources/${i}`, line: null },
        });
      });
    }
    if (Array.isArray(module.child_modules)) {
      module.child_modules.forEach((child: unknown, i) => visit(child, `${modulePointer}/child_modules/${i}`));
    }
  };
  visit(root, pointer(valuesKey, 'root_module'));
  return out;
}

function read({ file, value }: ParsedJsonFile): ReaderOutput {
  return { terraform: { scope: file, resources: planResources(file, value as Record<string, unknown>), planned: true } };
}

export const terraformPlan: JsonFormat = {
  name: 'Terraform plan',
  detect: (value) =>
    isRecord(value) && 'format_version' in value && (isRecord(value.planned_values) || isRecord(value.values) || Array.isArray(value.resource_changes)),
  read,
};
