/**
 * The JSON formats, in the order they are tried: a plan first (it also has `configuration`
 * blocks that look like Terraform), then policy documents, then Terraform configuration.
 */
import { policyFile } from './policy-file';
import type { JsonFormat } from './reader';
import { terraformJson } from './terraform-json';
import { terraformPlan } from './terraform-plan';

export const JSON_FORMATS: readonly JsonFormat[] = [terraformPlan, policyFile, terraformJson];

/** Files read as HCL rather than JSON: Terraform's `.tf`, and OpenTofu's `.tofu`, which it reads the same way. */
export function isHclFile(file: string): boolean {
  return /\.(tf|tofu)$/i.test(file);
}
