/**
 * One IAM user with least-privilege grants, an access key and optional console sign-in: the five
 * tutorials' console clicking as one construct. Props are documented in props.ts and README.md.
 */
import { Annotations, Token } from 'cdktf';
import { Construct } from 'constructs';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserGroupMembership } from '@cdktf/provider-aws/lib/iam-user-group-membership';
import { IamUserPolicyAttachment } from '@cdktf/provider-aws/lib/iam-user-policy-attachment';
import { accountReferences, accountValues } from './account-context';
import { permissionsBoundaryValue } from './permissions-boundary';
import { RotatingAccessKey } from './access-key';
import { ConsoleAccess } from './console-access';
import { grantsPasswordChange, PASSWORD_CHANGE_WARNING } from './password-change';
import { namedOutput } from './outputs';
import { managedPolicyArns, policySources } from './grants';
import { renderPolicy } from './policy-documents';
import type { LeastPrivilegeUserProps } from './props';
import { roleBoundaries } from './role-boundaries';

/** The user tag naming the presets the user is meant to stay within (the linter's exceeds-preset rule reads it). */
export const PRESET_TAG = 'iam-preset';

/** Managed policies per user or group before IAM's default quota needs raising (it goes to 20). */
const ATTACHED_POLICY_QUOTA = 10;

const IAM_NAME = /^[\w+=,.@-]+$/;

function checkName(prop: string, value: string, max: number): void {
  if (Token.isUnresolved(value)) {
    // The policies, the group and the outputs' defaults are named after it at synth, before Terraform knows it.
    throw new Error(`${prop} is a Terraform reference: the construct names things after it at synth, so give it as text`);
  }
  if (!IAM_NAME.test(value) || value.length > max) {
    throw new Error(`${prop} "${value}" is not a valid IAM name: use up to ${max} letters, digits and +=,.@_- (found ${value.length} characters)`);
  }
}

function checkPath(path: string): void {
  if (!/^\/([\x21-\x7e]+\/)?$/.test(path) || path.length > 512) {
    throw new Error(`path "${path}" is not a valid IAM path: start and end it with "/", e.g. "/" or "/deploy/"`);
  }
}

export class LeastPrivilegeUser extends Construct {
  readonly userName: string;
  readonly userArn: string;
  /** Undefined when policies attach to the user. */
  readonly groupName: string | undefined;
  /** Customer managed policies the construct made, then the AWS managed ones. */
  readonly policyArns: string[];
  /** The current key's id; undefined when `accessKey` is false. */
  readonly accessKeyId: string | undefined;
  /**
   * ARN of the permissions boundary that roles made by each preset's user must carry, by preset
   * name; only presets that let their user create roles have one.
   */
  readonly roleBoundaryArns: Record<string, string>;
  readonly user: IamUser;

  constructor(scope: Construct, id: string, props: LeastPrivilegeUserProps) {
    super(scope, id);
    checkName('userName', props.userName, 64);
    const path = props.path ?? '/';
    checkPath(path);
    const attachTo = props.attachTo ?? 'group';
    if (attachTo !== 'group' && attachTo !== 'user') throw new Error(`attachTo must be 'group' or 'user' (found "${String(attachTo)}")`);
    if (attachTo === 'user' && props.groupName !== undefined) {
      throw new Error(`groupName is set but attachTo is 'user': no group is made; drop groupName or set attachTo: 'group'`);
    }
    const values = accountValues(this);
    const presets = props.presets ?? [];
    if (Object.hasOwn(props.tags ?? {}, PRESET_TAG)) {
      throw new Error(`tags["${PRESET_TAG}"] is set by the construct from presets; remove it from tags`);
    }

    this.user = new IamUser(this, 'user', {
      name: props.userName,
      path,
      forceDestroy: props.forceDestroy ?? false,
      permissionsBoundary: props.permissionsBoundary === undefined ? undefined : permissionsBoundaryValue(props.permissionsBoundary, values),
      tags: { ...props.tags, ...(presets.length > 0 ? { [PRESET_TAG]: presets.join(' ') } : {}) },
    });
    this.userName = this.user.name;
    this.userArn = this.user.arn;

    // Attachments are keyed by policy name, not position, so adding a grant never re-attaches the others.
    const sources = policySources(props);
    const customerGrants = sources.flatMap((source) =>
      renderPolicy(source, accountReferences(this)).map((part) => {
        const name = `${props.userName}-${part.name}`;
        checkName(`policy name for ${source.prop}`, name, 128);
        const policy = new IamPolicy(this, `policy-${part.name}`, {
          name,
          path,
          policy: part.policy,
          description: `${source.prop} for IAM user ${props.userName}`,
        });
        return { key: part.name, arn: policy.arn };
      }),
    );
    const boundaries = roleBoundaries(this, sources, props.createRoleBoundaries ?? true);
    this.roleBoundaryArns = Object.fromEntries(boundaries.map((b) => [b.preset, b.arn]));
    const grants = [...customerGrants, ...managedPolicyArns(props.managedPolicies ?? [], values.partition)];
    this.policyArns = grants.map((g) => g.arn);
    if (grants.length > ATTACHED_POLICY_QUOTA) {
      Annotations.of(this).addWarning(`${grants.length} managed policies attach to one ${attachTo}; IAM allows ${ATTACHED_POLICY_QUOTA} unless the quota is raised (up to 20)`);
    }

    if (attachTo === 'group') {
      const groupName = props.groupName ?? `${props.userName}-group`;
      checkName('groupName', groupName, 128);
      const group = new IamGroup(this, 'group', { name: groupName, path });
      new IamUserGroupMembership(this, 'membership', { user: this.user.name, groups: [group.name] });
      for (const g of grants) new IamGroupPolicyAttachment(this, `attach-${g.key}`, { group: group.name, policyArn: g.arn });
      this.groupName = group.name;
    } else {
      for (const g of grants) new IamUserPolicyAttachment(this, `attach-${g.key}`, { user: this.user.name, policyArn: g.arn });
      this.groupName = undefined;
    }

    const accessKey = props.accessKey ?? {};
    this.accessKeyId =
      accessKey === false
        ? undefined
        : new RotatingAccessKey(this, 'access-key', { ...accessKey, user: this.user.name, userName: props.userName, outputScope: this }).current.id;
    if (props.consoleAccess) {
      new ConsoleAccess(this, 'console', { ...props.consoleAccess, user: this.user.name, outputScope: this });
      const resetRequired = props.consoleAccess.passwordResetRequired ?? true;
      if (resetRequired && !grantsPasswordChange(sources.map((s) => s.document), props.managedPolicies ?? [])) {
        Annotations.of(this).addWarning(PASSWORD_CHANGE_WARNING);
      }
    }

    namedOutput(this, 'user_name', this.userName, { description: 'IAM user name' });
    namedOutput(this, 'user_arn', this.userArn, { description: 'IAM user ARN' });
    if (this.groupName !== undefined) namedOutput(this, 'group_name', this.groupName, { description: 'Group holding the policies' });
    namedOutput(this, 'policy_arns', this.policyArns, { description: 'Managed policies attached (customer, then AWS)' });
    if (boundaries.length > 0) {
      namedOutput(this, 'role_boundary_arns', boundaries.map((b) => b.arn), {
        description: 'Permissions boundaries the roles this user creates must carry (give them to the tool: eksctl, amplify, cdk, ...)',
      });
    }
  }
}
