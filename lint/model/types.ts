/**
 * The linter's model: what readers (lint/sources) produce and rules (lint/rules) consume.
 * Data flows one way: sources -> Inventory -> rules -> Finding -> report.
 * Nothing here knows a file format or an output format.
 */

/** Where something came from, as precisely as the input allows. */
export interface Origin {
  /** The path as given on the command line, joined with the path inside a folder. */
  file: string;
  /** Terraform address such as `aws_iam_policy.deploy` or `data.aws_iam_policy_document.x`; null for a plain policy file. */
  resource: string | null;
  /** JSON pointer to the element inside the file (e.g. `/resource/aws_iam_policy/deploy/policy`), when known. */
  pointer: string | null;
  /** 1-based line in the file, when known. */
  line: number | null;
}

/** Condition block kept whole: operator -> key -> values (strings; numbers and booleans stringified). */
export type ConditionBlock = Record<string, Record<string, string[]>>;

/** One statement, normalised: string-or-array fields are arrays; absent fields are null. */
export interface Statement {
  /** 0-based position in the Statement array (0 when Statement was a single object). */
  index: number;
  sid: string | null;
  /** Effect as written; anything other than Allow/Deny is an invalid-document problem and kept as written. */
  effect: string;
  actions: string[] | null;
  notActions: string[] | null;
  resources: string[] | null;
  notResources: string[] | null;
  /** Principal / NotPrincipal are kept whole: only resource and trust policies carry them. */
  principal: unknown;
  notPrincipal: unknown;
  condition: ConditionBlock | null;
  /** Where the statement starts, when the reader could tell. */
  line: number | null;
}

/** A structural problem found while normalising a document (feeds the invalid-document rule). */
export interface DocumentProblem {
  /** Statement index the problem is in, or null for the document as a whole. */
  statement: number | null;
  message: string;
}

export interface PolicyDocument {
  version: string | null;
  /** Document-level Id, if any. */
  id: string | null;
  statements: Statement[];
  problems: DocumentProblem[];
  /**
   * Size as IAM counts it against quotas: characters of the JSON text without white space.
   * Null when the document has no text of its own (e.g. built from aws_iam_policy_document blocks).
   */
  size: number | null;
}

/**
 * How a document reaches whoever holds it; decides the size quota and which rules apply.
 * - `file`: a policy JSON file on its own, not attached to anything we can see.
 * - `managed`: a customer managed policy (aws_iam_policy).
 * - `inline-user` / `inline-group` / `inline-role`: an inline policy.
 * - `document`: an aws_iam_policy_document data source or similar building block.
 * - `aws-managed`: an AWS managed policy resolved from its ARN.
 * - `trust`: a role's assume-role policy (no Resource expected).
 * - `permission-set`: an IAM Identity Center permission set's inline policy, which Identity Center
 *   provisions as a role's inline policy in each assigned account (held by no principal we model).
 */
export type PolicyKind =
  | 'file'
  | 'managed'
  | 'inline-user'
  | 'inline-group'
  | 'inline-role'
  | 'document'
  | 'aws-managed'
  | 'trust'
  | 'permission-set';

export interface PolicyRecord {
  /** Unique within one run; attachments refer to it. */
  key: string;
  kind: PolicyKind;
  origin: Origin;
  /** Policy name where the input gives one (aws_iam_policy.name, file name, managed policy name). */
  name: string | null;
  /** ARN for AWS managed policies; null otherwise. */
  arn: string | null;
  /** Null when the text could not be parsed at all; `parseError` then says why. */
  document: PolicyDocument | null;
  parseError: string | null;
  /**
   * Set when the document is a value the input does not show (`${var.policy}`, a policy built from
   * interpolations, a module output): document and parseError are then null. Not a problem with
   * the policy, so rules skip it rather than report it invalid.
   */
  unresolved?: string;
  /**
   * Parts of the document only Terraform knows, each with why: a document a policy document data
   * source merges (`override_policy_documents = [var.x]`, a file outside the paths linted). The rest
   * of the document is checked; these parts are not, and are no problem of the policy.
   */
  uncheckedParts?: string[];
  /**
   * A permissions boundary: another policy's `iam:PermissionsBoundary` condition names it and no
   * principal holds it (lint/engine/mark-boundaries.ts). It caps what the roles or users that carry
   * it may do and grants nothing itself, so the rules that judge grants skip it; the rules about the
   * document (invalid-document, unknown-action, placeholder-account, policy-size, resource-mismatch) still read it.
   */
  boundary?: true;
}

export type PrincipalKind = 'user' | 'group' | 'role';

export interface Principal {
  /** Unique within one run (e.g. `file::aws_iam_user.deployer`). */
  key: string;
  kind: PrincipalKind;
  /** Name as configured; may be a `${...}` token or null when unknown. */
  name: string | null;
  origin: Origin;
  tags: Record<string, string>;
  /** The PolicyRecord.key of the policy its `permissions_boundary` names, when that policy is in the input. */
  permissionsBoundary?: string;
}

/** A managed policy attached to a principal. Either a policy we read, or an ARN we may resolve. */
export interface Attachment {
  principal: string;
  /** PolicyRecord.key when the attached policy is in the input. */
  policy: string | null;
  /** The ARN as written when it is not (AWS managed policies, or policies defined elsewhere). */
  arn: string | null;
  origin: Origin;
}

/** An inline policy held by a principal (aws_iam_user_policy, aws_iam_group_policy, aws_iam_role_policy, inline_policy blocks). */
export interface InlineGrant {
  principal: string;
  policy: string;
}

export interface Membership {
  user: string;
  group: string;
  origin: Origin;
}

export interface LoginProfile {
  user: string;
  origin: Origin;
  /** null when the input does not set it: IAM then does not require a reset. */
  passwordResetRequired: boolean | null;
  hasPgpKey: boolean;
  /** A password written into the configuration (console login with a known literal secret). */
  literalPassword: boolean;
}

export interface AccessKey {
  user: string;
  origin: Origin;
  hasPgpKey: boolean;
  status: string | null;
}

/** Everything the readers found in all inputs, linked together. */
export interface Inventory {
  policies: PolicyRecord[];
  principals: Principal[];
  attachments: Attachment[];
  inlineGrants: InlineGrant[];
  memberships: Membership[];
  loginProfiles: LoginProfile[];
  accessKeys: AccessKey[];
}

export type Severity = 'error' | 'warning' | 'info';

/** What a rule reports; the engine adds severity and turns it into a Finding. */
export interface RawFinding {
  ruleId: string;
  messageId: string;
  message: string;
  origin: Origin;
  /** Sid, or the statement's 0-based index, or null. */
  statement: string | number | null;
  /**
   * Set only when one rule reports at two levels (console-password: a literal password is an
   * error, a missing reset a warning); otherwise the rule's default or the configured severity.
   */
  severity?: Severity;
}

/** The JSON contract's finding (design.md), plus the suppression reason where one applies. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  resource: string | null;
  statement: string | number | null;
  line: number | null;
}

export function emptyInventory(): Inventory {
  return {
    policies: [],
    principals: [],
    attachments: [],
    inlineGrants: [],
    memberships: [],
    loginProfiles: [],
    accessKeys: [],
  };
}
