/**
 * The permissions boundaries of the roles a preset's user may create. A preset whose tool makes IAM
 * roles and hands them to compute (eksctl, the Amplify CLI, SST...) allows role writes only when the
 * role carries the preset's boundary (`iam:PermissionsBoundary` = `<preset>-role-boundary`), so
 * without that policy the tool cannot make a single role. The construct creates it, once per stack,
 * at path `/` under that fixed name: the preset's conditions name it before any account is known.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { accountReferences, accountValues } from './account-context';
import { renderPolicy, type PolicySource } from './policy-documents';
import { toTerraformString } from './terraform-text';

export interface RoleBoundaryPolicy {
  /** The preset whose roles it bounds. */
  preset: string;
  /** Managed policy name (`<preset>-role-boundary`). */
  name: string;
  /** Its ARN, as a Terraform value. */
  arn: string;
}

function boundaryArn(scope: Construct, name: string): string {
  return toTerraformString(`arn:\${Partition}:iam::\${AccountId}:policy/${name}`, accountValues(scope));
}

/** Creates the boundary once per stack: two users of one preset share it (IAM names are per account). */
function boundaryPolicy(scope: Construct, source: PolicySource, name: string, document: unknown, origin: string): IamPolicy {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(name);
  if (existing instanceof IamPolicy) return existing;
  const parts = renderPolicy({ name, document, origin, prop: `${source.prop} (its role boundary)` }, accountReferences(scope));
  if (parts.length > 1) {
    // A role has one permissions boundary: a boundary split in two would leave half of it out.
    throw new Error(`${source.prop}: the role boundary ${origin} is over the managed policy quota (${parts.map((p) => p.size).join(' + ')} characters at worst); a boundary must be one policy, so shorten it`);
  }
  return new IamPolicy(stack, name, {
    name,
    path: '/',
    policy: parts[0].policy,
    description: `Permissions boundary of the IAM roles that users of the ${source.name} preset create`,
  });
}

/**
 * The boundary of each preset among `sources` that has one; created here unless `create` is false
 * (another stack of the account creates it), in which case only its ARN is given.
 */
export function roleBoundaries(scope: Construct, sources: PolicySource[], create: boolean): RoleBoundaryPolicy[] {
  return sources.flatMap((source) => {
    const boundary = source.roleBoundary;
    if (!boundary) return [];
    const arn = create ? boundaryPolicy(scope, source, boundary.name, boundary.document, boundary.origin).arn : boundaryArn(scope, boundary.name);
    return [{ preset: source.name, name: boundary.name, arn }];
  });
}
