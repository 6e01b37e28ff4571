/**
 * The permissions boundary prop: a policy ARN written like the documents (placeholders, the example
 * account) or a Terraform reference (`boundaryPolicy.arn`, a variable). A reference goes through as
 * it is: escaped like literal text it would reach IAM as the characters `${aws_iam_policy...}`.
 */
import { Token } from 'cdktf';
import type { AccountValues } from './account-context';
import { toTerraformString } from './terraform-text';

// Placeholders hold no colon, so the ARN's fields can be told apart before they are replaced.
const POLICY_ARN = /^arn:[^:]+:iam::[^:]+:policy\/\S+$/;

export function permissionsBoundaryValue(value: string, values: AccountValues): string {
  if (Token.isUnresolved(value)) return value;
  if (!POLICY_ARN.test(value)) {
    const name = value.split('/').pop() ?? value;
    throw new Error(`permissionsBoundary "${value}" is not a policy ARN: give the managed policy's ARN, e.g. "arn:\${Partition}:iam::\${AccountId}:policy/${name}", or a reference such as boundaryPolicy.arn`);
  }
  return toTerraformString(value, values);
}
