/**
 * Findings name Terraform addresses (`aws_iam_policy.deployer_policy_1A2B3C4D`); people fix
 * constructs. This maps each address in a stack back to the construct that renders it.
 */
import { TerraformDataSource, TerraformResource, type TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

export function terraformAddress(element: IConstruct): string | null {
  if (TerraformResource.isTerraformResource(element)) {
    const resource = element as TerraformResource;
    return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
  }
  if (TerraformDataSource.isTerraformDataSource(element)) {
    const source = element as TerraformDataSource;
    return `data.${source.terraformResourceType}.${source.friendlyUniqueId}`;
  }
  return null;
}

/** Address -> construct for every resource and data source in the stack. */
export function constructsByAddress(stack: TerraformStack): Map<string, IConstruct> {
  const byAddress = new Map<string, IConstruct>();
  for (const construct of stack.node.findAll()) {
    const address = terraformAddress(construct);
    if (address !== null) byAddress.set(address, construct);
  }
  return byAddress;
}
