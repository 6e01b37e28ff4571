/**
 * The permissions boundaries of the roles a preset's user may create. A preset whose tool makes IAM
 * roles and hands them to compute (eksctl, the Amplify CLI, SST...) allows role writes only when the
 * role carries the preset's boundary (`iam:PermissionsBoundary` = `<preset>-role-boundary`), so
 * without that policy the tool cannot make a single role. The construct creates it, once per stack,
 * at path `/` under that fixed name: the preset's conditions name it before any account is known.
 * A stack that does not create it reads it from the account, so a missing boundary fails the plan
 * instead of leaving a user who can create no roles.
 */
import { Annotations, TerraformStack } from 'cdktf';
import type { Construct, IConstruct } from 'constructs';
import { DataAwsIamPolicy } from '@cdktf/provider-aws/lib/data-aws-iam-policy';
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

/** Per app, the stack that first created each boundary name: a second one collides if both deploy to one account. */
const creatorsByApp = new WeakMap<IConstruct, Map<string, string>>();

/** The boundary this stack already holds under `name` (created or read), or undefined; refuses anything else there. */
function existingBoundary(stack: TerraformStack, source: PolicySource, name: string): IamPolicy | DataAwsIamPolicy | undefined {
  const existing = stack.node.tryFindChild(name);
  if (existing === undefined || existing instanceof IamPolicy || existing instanceof DataAwsIamPolicy) return existing;
  throw new Error(`${source.prop}: stack ${stack.node.id} already has a construct with id "${name}", the id its role boundary takes: give that construct another id`);
}

/** Creates the boundary once per stack: two users of one preset share it (IAM names are per account). */
function createdBoundary(scope: Construct, source: PolicySource, name: string, document: unknown, origin: string): string {
  const stack = TerraformStack.of(scope);
  const existing = existingBoundary(stack, source, name);
  if (existing instanceof IamPolicy) return existing.arn;
  if (existing instanceof DataAwsIamPolicy) {
    throw new Error(
      `${source.prop}: another user in stack ${stack.node.id} has createRoleBoundaries: false, so the stack reads ${name} from the account, and this one would create it: a stack either creates a preset's role boundary or reads it, so give both users the same createRoleBoundaries`,
    );
  }
  const parts = renderPolicy({ name, document, origin, prop: `${source.prop} (its role boundary)` }, accountReferences(scope));
  if (parts.length > 1) {
    // A role has one permissions boundary: a boundary split in two would leave half of it out.
    throw new Error(`${source.prop}: the role boundary ${origin} is over the managed policy quota (${parts.map((p) => p.size).join(' + ')} characters at worst); a boundary must be one policy, so shorten it`);
  }
  const app = stack.node.root;
  const creators = creatorsByApp.get(app) ?? new Map<string, string>();
  creatorsByApp.set(app, creators);
  const other = creators.get(name);
  if (other === undefined) creators.set(name, stack.node.id);
  else {
    // Stacks may deploy to different accounts, which synth cannot see: a warning, not an error.
    Annotations.of(scope).addWarning(
      `${source.prop}: stacks ${other} and ${stack.node.id} both create the role boundary ${name}; IAM names are per account, so if both deploy to one account the second apply fails with EntityAlreadyExists. Set createRoleBoundaries: false on this preset's users in one of them, and make that stack depend on the other (stack.addDependency) so the boundary exists when it is read`,
    );
  }
  return new IamPolicy(stack, name, {
    name,
    path: '/',
    policy: parts[0].policy,
    description: `Permissions boundary of the IAM roles that users of the ${source.name} preset create`,
  }).arn;
}

/** Reads the boundary another stack creates; the plan fails when the account has no such policy. */
function readBoundary(scope: Construct, source: PolicySource, name: string): string {
  const stack = TerraformStack.of(scope);
  const existing = existingBoundary(stack, source, name);
  // Another user in this stack creates it: the lookup would run before the policy exists.
  if (existing !== undefined) return existing.arn;
  const arn = toTerraformString(`arn:\${Partition}:iam::\${AccountId}:policy/${name}`, accountValues(scope));
  return new DataAwsIamPolicy(stack, name, { arn }).arn;
}

/**
 * The boundary of each preset among `sources` that has one; created here unless `create` is false
 * (another stack of the account creates it), in which case it is read from the account.
 */
export function roleBoundaries(scope: Construct, sources: PolicySource[], create: boolean): RoleBoundaryPolicy[] {
  return sources.flatMap((source) => {
    const boundary = source.roleBoundary;
    if (!boundary) return [];
    const arn = create ? createdBoundary(scope, source, boundary.name, boundary.document, boundary.origin) : readBoundary(scope, source, boundary.name);
    return [{ preset: source.name, name: boundary.name, arn }];
  });
}
