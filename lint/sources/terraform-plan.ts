/**
 * `terraform show -json` output of a plan (or of a state). Values come from planned_values, so
 * whatever variables and data sources computed is seen as planned. Values only known after apply
 * (the ARN of a policy created in the same plan) are absent there: for those, the configuration's
 * references are used as opaque `${...}` tokens, which link the same way as in configuration.
 * A plan is one line of JSON, so origins carry the resource address and no line.
 */
import { isRecord, type JsonFormat, type ParsedJsonFile, type ReaderOutput } from './reader';
import { baseAddress, type TerraformResource } from './terraform-resource';
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

/** The token an unknown attribute was configured with: its first (most precise) reference. */
function configuredToken(expression: unknown): string | undefined {
  if (!isRecord(expression) || !Array.isArray(expression.references)) return undefined;
  const first: unknown = expression.references[0];
  return typeof first === 'string' ? '${' + first + '}' : undefined;
}

function planResources(file: string, plan: Record<string, unknown>): TerraformResource[] {
  const valuesKey = isRecord(plan.planned_values) ? 'planned_values' : 'values';
  const root = (plan[valuesKey] as Record<string, unknown> | undefined)?.root_module;
  const expressions = configurationExpressions(plan.configuration);
  const out: TerraformResource[] = [];
  const visit = (module: unknown, modulePointer: string): void => {
    if (!isRecord(module)) return;
    const moduleAddress = typeof module.address === 'string' ? module.address + '.' : '';
    if (Array.isArray(module.resources)) {
      module.resources.forEach((r: unknown, i) => {
        if (!isRecord(r) || typeof r.address !== 'string' || typeof r.type !== 'string' || typeof r.name !== 'string') return;
        const body: Record<string, unknown> = isRecord(r.values) ? { ...r.values } : {};
        const configured = expressions.get(baseAddress(r.address).replace(/\[[^\]]*\]/g, ''));
        for (const [attribute, expression] of Object.entries(configured ?? {})) {
          if (body[attribute] !== undefined && body[attribute] !== null) continue;
          const token = configuredToken(expression);
          if (token !== undefined) body[attribute] = token;
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
