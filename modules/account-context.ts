/**
 * The deploying account, partition and region, read once per stack from `aws_caller_identity`,
 * `aws_partition` and `aws_region`, for documents that name them by placeholder (terraform-text.ts).
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';

export interface AccountValues {
  accountId: string;
  partition: string;
  region: string;
}

const CONTEXT_ID = 'LeastPrivilegeUserAccount';
const LOGICAL_ID = 'current';

/** The data sources, one set per stack, at the addresses `data.aws_*.current`. */
class AccountContext extends Construct implements AccountValues {
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const identity = new DataAwsCallerIdentity(this, 'caller-identity');
    const partition = new DataAwsPartition(this, 'partition');
    const region = new DataAwsRegion(this, 'region');
    for (const source of [identity, partition, region]) source.overrideLogicalId(LOGICAL_ID);
    this.accountId = identity.accountId;
    this.partition = partition.partition;
    this.region = region.name;
  }
}

/** The stack's account, partition and region as Terraform tokens; creates the data sources once. */
export function accountValues(scope: Construct): AccountValues {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(CONTEXT_ID);
  return existing instanceof AccountContext ? existing : new AccountContext(stack, CONTEXT_ID);
}

/**
 * The same values as Terraform interpolations written out, for text cdktf must not touch: inside a
 * `${jsonencode(...)}` string cdktf renders its tokens without their `${ }` (policy-documents.ts).
 * Creates the data sources once, like accountValues.
 */
export function accountReferences(scope: Construct): AccountValues {
  accountValues(scope);
  return {
    accountId: `\${data.aws_caller_identity.${LOGICAL_ID}.account_id}`,
    partition: `\${data.aws_partition.${LOGICAL_ID}.partition}`,
    region: `\${data.aws_region.${LOGICAL_ID}.name}`,
  };
}
