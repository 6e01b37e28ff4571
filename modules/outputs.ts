/**
 * Outputs named for what a caller wants (`deployer_access_key_id`), not cdktf's hashed ids, and
 * unique per stack: two constructs with the same id would otherwise overwrite each other's outputs.
 */
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

const namesByStack = new WeakMap<TerraformStack, Set<string>>();

/** The prefix for a construct's outputs: its id, with characters Terraform names refuse replaced. */
export function outputPrefix(scope: Construct): string {
  const id = scope.node.id.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}

export function namedOutput(scope: Construct, name: string, value: string | string[], options: { description: string; sensitive?: boolean }): TerraformOutput {
  const stack = TerraformStack.of(scope);
  const fullName = `${outputPrefix(scope)}_${name}`;
  const taken = namesByStack.get(stack) ?? new Set<string>();
  namesByStack.set(stack, taken);
  if (taken.has(fullName)) {
    throw new Error(`output "${fullName}" already exists in stack ${stack.node.id}: give the construct at ${scope.node.path} an id no other LeastPrivilegeUser in the stack uses`);
  }
  taken.add(fullName);
  return new TerraformOutput(scope, fullName, { value, staticId: true, description: options.description, sensitive: options.sensitive ?? false });
}
