/**
 * Links the resources of one Terraform unit into the model: who holds which policy, through
 * which attachment, group, login profile or access key. References (`${aws_iam_user.x.name}`)
 * and literal names both link; whatever points outside the unit becomes an external principal or
 * an ARN, never a guess.
 */
import { isAwsManagedPolicyArn } from '../catalog/managed-policies';
import { parsePolicyDocument } from '../model/parse-document';
import { hasTemplateSequences, mapStrings, unescapeTemplate } from '../model/terraform-string';
import {
  emptyInventory,
  type Inventory,
  type Origin,
  type PolicyDocument,
  type PolicyKind,
  type PolicyRecord,
  type Principal,
  type PrincipalKind,
} from '../model/types';
import { fileReference, type FileReference } from './file-reference';
import { evaluateJsonencode } from './hcl-literal';
import { mergeStatements, statementsOf, type PlacedStatement } from './merge-policy-documents';
import { documentFromDataSource } from './policy-document-data';
import type { ReferencedFiles } from './referenced-files';
import { TextKeyedCache } from './text-keyed-cache';
import { isRecord } from './reader';
import { parseReference, referenceIn, wholeInterpolation } from './terraform-expression';
import {
  baseAddress,
  blocks,
  boolAttr,
  isSet,
  stringAttr,
  stringListAttr,
  type TerraformResource,
  type TerraformUnit,
} from './terraform-resource';

/** What a policy document data source merges, in the order the AWS provider merges it (around its own statements, after the sources). */
const MERGE_ATTRIBUTES = ['source_json', 'source_policy_documents', 'override_json', 'override_policy_documents'];

/** How many `local.x` -> `local.y` hops are followed; more is a cycle (Terraform rejects it) or generated input. */
const MAX_LOCAL_HOPS = 20;

const LOCAL_REFERENCE = /^local\.([A-Za-z_][A-Za-z0-9_-]*)$/;

/** How many data sources deep a merge is followed (source of a source of ...). */
const MAX_MERGE_DEPTH = 50;

interface MergedStatements {
  statements: PlacedStatement[];
  /** Merged documents only Terraform knows: unchecked parts. */
  unresolved: string[];
  /** Merges Terraform rejects (a cycle): problems of the document. */
  invalid: string[];
}

interface RenderedDataDocument extends MergedStatements {
  document: Record<string, unknown>;
}

const PRINCIPAL_TYPES: Record<string, PrincipalKind> = { aws_iam_user: 'user', aws_iam_group: 'group', aws_iam_role: 'role' };
const INLINE_TYPES: Record<string, { kind: PolicyKind; holder: PrincipalKind }> = {
  aws_iam_user_policy: { kind: 'inline-user', holder: 'user' },
  aws_iam_group_policy: { kind: 'inline-group', holder: 'group' },
  aws_iam_role_policy: { kind: 'inline-role', holder: 'role' },
};
const ATTACHMENT_TYPES: Record<string, PrincipalKind> = {
  aws_iam_user_policy_attachment: 'user',
  aws_iam_group_policy_attachment: 'group',
  aws_iam_role_policy_attachment: 'role',
};
/** The provider's exclusive attachments (5.7x on): all the managed policies a principal has, by `<kind>_name` and `policy_arns`. */
const EXCLUSIVE_ATTACHMENT_TYPES: Record<string, PrincipalKind> = {
  aws_iam_user_policy_attachments_exclusive: 'user',
  aws_iam_group_policy_attachments_exclusive: 'group',
  aws_iam_role_policy_attachments_exclusive: 'role',
};
const CUSTOMER_POLICY_ARN = /^arn:[^:]*:iam::[^:]*:policy\/(?:.*\/)?([^/]+)$/;

interface ResolvedDocument {
  document: PolicyDocument | null;
  parseError: string | null;
  unresolved: string | null;
  /** Where the document was read from when that is another file (file(), templatefile()). */
  readFrom?: { file: string; line: number };
  /** Merged documents only Terraform knows (see PolicyRecord.uncheckedParts). */
  uncheckedParts?: string[];
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'not set';
  if (typeof value === 'string') return value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return `a ${Array.isArray(value) ? 'list' : typeof value}`;
}

class UnitLinker {
  readonly inventory = emptyInventory();
  private readonly byAddress = new Map<string, TerraformResource>();
  private readonly principalByResource = new Map<TerraformResource, Principal>();
  private readonly principalByName = new Map<string, Principal>();
  private readonly externalPrincipals = new Map<string, Principal>();
  private readonly policyByResource = new Map<TerraformResource, PolicyRecord>();
  private readonly policyByName = new Map<string, PolicyRecord>();
  private readonly usedDataDocuments = new Set<TerraformResource>();
  /** Each data source rendered once, however many documents merge it. */
  private readonly renderedDataDocuments = new Map<TerraformResource, RenderedDataDocument>();
  /**
   * Plans repeat one policy text on thousands of resources: each text is parsed once and its
   * document shared (trust and identity apart). Only for plans, whose statements carry no line
   * to set per resource; rules may then remember answers per document object.
   */
  private readonly plannedDocuments = { trust: new TextKeyedCache<PolicyDocument>(), identity: new TextKeyedCache<PolicyDocument>() };

  constructor(
    private readonly unit: TerraformUnit,
    private readonly files: ReferencedFiles,
  ) {
    for (const r of unit.resources) {
      const key = r.module + baseAddress(r.address.slice(r.module.length));
      if (!this.byAddress.has(key)) this.byAddress.set(key, r);
    }
  }

  link(): Inventory {
    const managed = this.unit.resources.filter((r) => r.mode === 'managed');
    for (const r of managed) this.addPrincipal(r);
    // Policies before attachments, so attachments by name find them whatever the file order.
    for (const r of managed) if (r.type === 'aws_iam_policy') this.addManagedPolicy(r);
    for (const r of managed) this.addLinks(r);
    this.markMergedDataDocuments();
    for (const r of this.unit.resources) {
      if (r.mode === 'data' && r.type === 'aws_iam_policy_document' && !this.usedDataDocuments.has(r)) this.addDocumentOnly(r);
    }
    for (const principal of this.externalPrincipals.values()) this.inventory.principals.push(principal);
    return this.inventory;
  }

  private key(r: TerraformResource, suffix = ''): string {
    return `${r.origin.file}::${r.address}${suffix}`;
  }

  private origin(r: TerraformResource, attribute: string | null): Origin {
    const pointer = r.origin.pointer !== null && attribute !== null ? `${r.origin.pointer}/${attribute}` : r.origin.pointer;
    return { ...r.origin, pointer };
  }

  private lookup(from: TerraformResource, address: string): TerraformResource | undefined {
    return this.byAddress.get(from.module + address);
  }

  private addPrincipal(r: TerraformResource): void {
    const kind = PRINCIPAL_TYPES[r.type];
    if (kind === undefined) return;
    const tags: Record<string, string> = {};
    for (const source of [r.body.tags_all, r.body.tags]) {
      if (!isRecord(source)) continue;
      for (const [k, v] of Object.entries(source)) if (typeof v === 'string') tags[k] = v;
    }
    const principal: Principal = {
      key: this.key(r),
      kind,
      name: stringAttr(r.body, 'name') ?? stringAttr(r.body, 'name_prefix'),
      origin: this.origin(r, null),
      tags,
    };
    this.inventory.principals.push(principal);
    this.principalByResource.set(r, principal);
    if (principal.name !== null && !principal.name.includes('${')) this.principalByName.set(`${kind}:${principal.name}`, principal);
  }

  /** The principal an attribute names: by reference, by literal name, or as an external one. */
  private principal(kind: PrincipalKind, value: unknown, from: TerraformResource): string {
    const ref = referenceIn(value);
    if (ref !== null && ref.address.startsWith(`aws_iam_${kind}.`)) {
      const target = this.lookup(from, ref.address);
      const found = target && this.principalByResource.get(target);
      if (found) return found.key;
    }
    if (typeof value === 'string' && !value.includes('${')) {
      const found = this.principalByName.get(`${kind}:${value}`);
      if (found) return found.key;
    }
    const name = typeof value === 'string' && value !== '' ? value : null;
    // One external principal per name in the unit, so two links to "alice" meet on one key.
    const key = name !== null ? `${this.unit.scope}::${kind}:${name}` : `${this.key(from)}::${kind}:unknown`;
    if (!this.externalPrincipals.has(key)) {
      this.externalPrincipals.set(key, { key, kind, name, origin: this.origin(from, null), tags: {} });
    }
    return key;
  }

  /** A data source's document, and the merged documents it could not follow: unchecked, not invalid. */
  private parsedDataDocument(r: TerraformResource, trust: boolean): { document: PolicyDocument; uncheckedParts: string[] } {
    const rendered = this.renderedDataDocument(r, []);
    const value = { ...rendered.document, Statement: rendered.statements.map((p) => p.statement) };
    const document = parsePolicyDocument(value, { text: JSON.stringify(value), trust });
    for (const statement of document.statements) statement.line = rendered.statements[statement.index]?.line ?? r.origin.line;
    for (const message of rendered.invalid) document.problems.push({ statement: null, message });
    return { document, uncheckedParts: rendered.unresolved };
  }

  /**
   * A policy document data source as Terraform renders it, with the documents it merges
   * (source_policy_documents, override_policy_documents, source_json, override_json) followed when
   * they are other data sources of the unit, jsonencode(...) or JSON text.
   */
  private renderedDataDocument(r: TerraformResource, visiting: TerraformResource[]): RenderedDataDocument {
    const known = this.renderedDataDocuments.get(r);
    if (known) return known;
    visiting.push(r);
    const own = documentFromDataSource(r.body);
    // Statement blocks in configuration are templates too: `$${aws:username}` renders as `${aws:username}`.
    const document = this.unit.planned ? own : (mapStrings(own, unescapeTemplate) as Record<string, unknown>);
    const statements: PlacedStatement[] = [];
    const unresolved: string[] = [];
    const invalid: string[] = [];
    const mergeFrom = (attribute: string) => {
      const value = r.body[attribute];
      const entries = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
      entries.forEach((entry, i) => {
        const merged = this.mergedEntry(entry, r, visiting);
        const at = `${Array.isArray(value) ? `${attribute}[${i}]` : attribute} (${describeValue(entry)})`;
        if (typeof merged === 'string') {
          unresolved.push(`${at} ${merged}`);
          return;
        }
        if ('rejected' in merged) {
          invalid.push(`${at} ${merged.rejected}`);
          return;
        }
        mergeStatements(statements, merged.statements);
        for (const message of merged.unresolved) unresolved.push(message);
        for (const message of merged.invalid) invalid.push(message);
      });
    };
    mergeFrom('source_json');
    mergeFrom('source_policy_documents');
    mergeStatements(statements, statementsOf(document).map((statement, i) => ({ statement, line: r.statementLines?.[i] ?? r.origin.line })));
    mergeFrom('override_json');
    mergeFrom('override_policy_documents');
    visiting.pop();
    const rendered = { document, statements, unresolved, invalid };
    this.renderedDataDocuments.set(r, rendered);
    return rendered;
  }

  /** A value that is `${local.name}`, replaced by that local's value (a policy kept in `locals`), as often as it is one. */
  private followLocals(value: unknown): unknown {
    const locals = this.unit.locals;
    if (locals === undefined) return value;
    for (let hops = 0; hops < MAX_LOCAL_HOPS && typeof value === 'string'; hops++) {
      const inner = wholeInterpolation(value);
      const name = inner === null ? undefined : LOCAL_REFERENCE.exec(inner)?.[1];
      if (name === undefined || !locals.has(name)) return value;
      value = locals.get(name);
    }
    return value;
  }

  /** One merged document: another data source's rendering, jsonencode(...) or JSON text; else why it is not followed. */
  private mergedEntry(written: unknown, from: TerraformResource, visiting: TerraformResource[]): MergedStatements | { rejected: string } | string {
    const entry = this.followLocals(written);
    const placed = (document: unknown) => ({ statements: statementsOf(document).map((statement) => ({ statement, line: from.origin.line })), unresolved: [], invalid: [] });
    const outside = 'is merged by Terraform but its document is not in the input, so its statements are not checked; lint the plan to see the merged document';
    if (isRecord(entry)) return placed(entry);
    if (typeof entry !== 'string') return outside;
    const inner = wholeInterpolation(entry);
    if (inner !== null) {
      const encoded = evaluateJsonencode(inner);
      if (encoded !== undefined) return placed(encoded);
      const reference = this.unit.planned ? null : fileReference(inner);
      if (reference !== null) {
        const read = typeof reference === 'string' ? { unresolved: reference } : this.files.json(reference, from.origin);
        return 'unresolved' in read ? `is not checked: ${read.unresolved}` : placed(read.value);
      }
      const target = this.referencedDataDocument(inner, from);
      if (target === undefined) return outside;
      if (visiting.includes(target)) return { rejected: 'merges back a document that merges it: Terraform rejects the cycle' };
      // Deeper than any real configuration: generated input, which followed would overflow the stack.
      if (visiting.length >= MAX_MERGE_DEPTH) return `is merged through more than ${MAX_MERGE_DEPTH} data sources, deeper than this linter follows, so its statements are not checked`;
      const rendered = this.renderedDataDocument(target, visiting);
      return { statements: rendered.statements, unresolved: rendered.unresolved, invalid: rendered.invalid };
    }
    try {
      return placed(JSON.parse(this.unit.planned ? entry : unescapeTemplate(entry)) as unknown);
    } catch {
      // Text with interpolations may be JSON once Terraform renders it; text without is not, and the provider rejects it.
      const rendered = this.unit.planned || !hasTemplateSequences(entry);
      return rendered ? { rejected: 'is not valid JSON, which the AWS provider rejects' } : outside;
    }
  }

  /** The policy document data source whose `.json` (or `.minified_json`) `${inner}` names, if it is in the unit. */
  private referencedDataDocument(inner: string, from: TerraformResource): TerraformResource | undefined {
    const ref = parseReference(inner);
    if (ref === null || !ref.address.startsWith('data.aws_iam_policy_document.') || (ref.attribute !== 'json' && ref.attribute !== 'minified_json')) return undefined;
    return this.lookup(from, ref.address);
  }

  /** Data sources merged into another are part of it, not documents of their own. */
  private markMergedDataDocuments(): void {
    for (const r of this.unit.resources) {
      if (r.mode !== 'data' || r.type !== 'aws_iam_policy_document') continue;
      for (const attribute of MERGE_ATTRIBUTES) {
        const value = r.body[attribute];
        for (const written of Array.isArray(value) ? value : [value]) {
          const entry = this.followLocals(written);
          const inner = typeof entry === 'string' ? wholeInterpolation(entry) : null;
          const target = inner === null ? undefined : this.referencedDataDocument(inner, r);
          if (target !== undefined) this.usedDataDocuments.add(target);
        }
      }
    }
  }

  /** A policy attribute: JSON text, jsonencode(...), a data source's .json, or something opaque. */
  private resolveDocument(written: unknown, from: TerraformResource, trust: boolean, fromConfiguration: boolean): ResolvedDocument {
    const value = this.followLocals(written);
    if (isRecord(value)) {
      return { document: parsePolicyDocument(value, { text: JSON.stringify(value), trust }), parseError: null, unresolved: null };
    }
    if (typeof value !== 'string' || value.trim() === '') {
      return { document: null, parseError: null, unresolved: `the policy is ${describeValue(value)}` };
    }
    const inner = wholeInterpolation(value);
    if (inner !== null) {
      const encoded = evaluateJsonencode(inner);
      // jsonencode(merge(...)), jsonencode(var.x): the whole document is one opaque token.
      if (typeof encoded === 'string') return { document: null, parseError: null, unresolved: value };
      if (encoded !== undefined) {
        return { document: parsePolicyDocument(encoded, { text: JSON.stringify(encoded), trust }), parseError: null, unresolved: null };
      }
      const reference = this.unit.planned ? null : fileReference(inner);
      if (reference !== null) return this.documentFromFile(value, reference, from, trust);
      const target = this.referencedDataDocument(inner, from);
      if (target !== undefined) {
        this.usedDataDocuments.add(target);
        return { ...this.parsedDataDocument(target, trust), parseError: null, unresolved: null };
      }
      return { document: null, parseError: null, unresolved: value };
    }
    // In configuration, `$${` is how a literal `${` (a policy variable) is written.
    const text = fromConfiguration ? unescapeTemplate(value) : value;
    const sharing = this.unit.planned ? this.plannedDocuments[trust ? 'trust' : 'identity'] : null;
    const shared = sharing?.get(text);
    if (shared) return { document: shared, parseError: null, unresolved: null };
    try {
      const document = parsePolicyDocument(JSON.parse(text) as unknown, { text, trust });
      sharing?.set(text, document);
      return { document, parseError: null, unresolved: null };
    } catch (error) {
      // Text Terraform still has to render (interpolations, %{ } directives) may well be JSON once rendered.
      const rendered = fromConfiguration ? !hasTemplateSequences(value) : !value.includes('${');
      if (!rendered) return { document: null, parseError: null, unresolved: `the policy text is assembled with interpolations: ${describeValue(value)}` };
      const detail = error instanceof Error ? error.message.slice(0, 120) : String(error);
      return { document: null, parseError: `the policy is not valid JSON (${detail})`, unresolved: null };
    }
  }

  /** A policy given as `file(...)` or `templatefile(...)`: the file's document, at its own lines. */
  private documentFromFile(value: string, reference: FileReference | string, from: TerraformResource, trust: boolean): ResolvedDocument {
    const read = typeof reference === 'string' ? { unresolved: reference } : this.files.document(reference, from.origin, trust);
    if ('unresolved' in read) return { document: null, parseError: null, unresolved: `${value}: ${read.unresolved}` };
    return { document: read.document, parseError: null, unresolved: null, readFrom: { file: read.file, line: read.line } };
  }

  private addPolicy(r: TerraformResource, attribute: string, kind: PolicyKind, keySuffix: string, name: string | null, value: unknown): PolicyRecord {
    const resolved = this.resolveDocument(value, r, kind === 'trust', !this.unit.planned);
    // Read from a file: findings point at that file's lines, under the resource's address.
    const origin: Origin = resolved.readFrom ? { file: resolved.readFrom.file, resource: r.origin.resource, pointer: null, line: resolved.readFrom.line } : this.origin(r, attribute);
    const record: PolicyRecord = {
      key: this.key(r, keySuffix),
      kind,
      origin,
      name,
      arn: null,
      document: resolved.document,
      parseError: resolved.parseError,
    };
    if (resolved.unresolved !== null) record.unresolved = resolved.unresolved;
    if (resolved.uncheckedParts !== undefined && resolved.uncheckedParts.length > 0) record.uncheckedParts = resolved.uncheckedParts;
    // A policy string or jsonencode sits on the resource's lines: point statements there.
    for (const statement of resolved.document?.statements ?? []) statement.line ??= record.origin.line;
    this.inventory.policies.push(record);
    return record;
  }

  private addManagedPolicy(r: TerraformResource): void {
    const name = stringAttr(r.body, 'name') ?? stringAttr(r.body, 'name_prefix');
    const record = this.addPolicy(r, 'policy', 'managed', '', name, r.body.policy);
    this.policyByResource.set(r, record);
    if (name !== null && !name.includes('${')) this.policyByName.set(name, record);
  }

  private addDocumentOnly(r: TerraformResource): void {
    const { document, uncheckedParts } = this.parsedDataDocument(r, false);
    const record: PolicyRecord = { key: this.key(r), kind: 'document', origin: this.origin(r, null), name: r.name, arn: null, document, parseError: null };
    if (uncheckedParts.length > 0) record.uncheckedParts = uncheckedParts;
    this.inventory.policies.push(record);
  }

  private attach(principal: string, policyArn: unknown, r: TerraformResource, attribute: string): void {
    const origin = this.origin(r, attribute);
    const record = this.customerPolicy(policyArn, r);
    if (record) {
      this.inventory.attachments.push({ principal, policy: record.key, arn: null, origin });
      return;
    }
    this.inventory.attachments.push({ principal, policy: null, arn: typeof policyArn === 'string' ? policyArn : null, origin });
  }

  /** The customer managed policy in the input a policy ARN names: by reference (`aws_iam_policy.x.arn`) or by name. */
  private customerPolicy(policyArn: unknown, r: TerraformResource): PolicyRecord | undefined {
    const ref = referenceIn(policyArn);
    if (ref !== null && ref.address.startsWith('aws_iam_policy.')) {
      const target = this.lookup(r, ref.address);
      const record = target && this.policyByResource.get(target);
      if (record) return record;
    }
    if (typeof policyArn !== 'string' || isAwsManagedPolicyArn(policyArn)) return undefined;
    const byName = CUSTOMER_POLICY_ARN.exec(policyArn)?.[1];
    return byName !== undefined ? this.policyByName.get(byName) : undefined;
  }

  /** A user's or role's `permissions_boundary`, when it names a policy in the input (lint/engine/mark-boundaries.ts). */
  private addBoundary(r: TerraformResource): void {
    const principal = this.principalByResource.get(r);
    const value = r.body.permissions_boundary;
    if (principal === undefined || value === undefined || value === null || value === '') return;
    const record = this.customerPolicy(value, r);
    if (record) principal.permissionsBoundary = record.key;
  }

  private addLinks(r: TerraformResource): void {
    const body = r.body;
    const inline = INLINE_TYPES[r.type];
    if (inline !== undefined) {
      const record = this.addPolicy(r, 'policy', inline.kind, '', stringAttr(body, 'name') ?? stringAttr(body, 'name_prefix'), body.policy);
      this.inventory.inlineGrants.push({ principal: this.principal(inline.holder, body[inline.holder], r), policy: record.key });
      return;
    }
    const attachmentHolder = ATTACHMENT_TYPES[r.type];
    if (attachmentHolder !== undefined) {
      this.attach(this.principal(attachmentHolder, body[attachmentHolder], r), body.policy_arn, r, 'policy_arn');
      return;
    }
    const exclusiveHolder = EXCLUSIVE_ATTACHMENT_TYPES[r.type];
    if (exclusiveHolder !== undefined) {
      const principal = this.principal(exclusiveHolder, body[`${exclusiveHolder}_name`], r);
      for (const arn of stringListAttr(body, 'policy_arns')) this.attach(principal, arn, r, 'policy_arns');
      return;
    }
    switch (r.type) {
      case 'aws_iam_role':
        this.addBoundary(r);
        return this.addRole(r);
      case 'aws_iam_user':
        return this.addBoundary(r);
      case 'aws_iam_policy_attachment':
        for (const [attribute, kind] of [['users', 'user'], ['groups', 'group'], ['roles', 'role']] as const) {
          for (const name of stringListAttr(body, attribute)) this.attach(this.principal(kind, name, r), body.policy_arn, r, 'policy_arn');
        }
        return;
      case 'aws_iam_user_group_membership': {
        const user = this.principal('user', body.user, r);
        for (const group of stringListAttr(body, 'groups')) {
          this.inventory.memberships.push({ user, group: this.principal('group', group, r), origin: this.origin(r, 'groups') });
        }
        return;
      }
      case 'aws_iam_group_membership': {
        const group = this.principal('group', body.group, r);
        for (const user of stringListAttr(body, 'users')) {
          this.inventory.memberships.push({ user: this.principal('user', user, r), group, origin: this.origin(r, 'users') });
        }
        return;
      }
      case 'aws_iam_user_login_profile':
        this.inventory.loginProfiles.push({
          user: this.principal('user', body.user, r),
          origin: this.origin(r, null),
          passwordResetRequired: boolAttr(body, 'password_reset_required'),
          hasPgpKey: isSet(body, 'pgp_key'),
          // Only configuration can write one (the provider rejects the argument); a state's `password`
          // is the generated one, and a reference (a variable) is not written in the file.
          literalPassword: !this.unit.planned && typeof body.password === 'string' && body.password !== '' && !body.password.includes('${'),
        });
        return;
      case 'aws_ssoadmin_permission_set_inline_policy':
        // What an IAM Identity Center permission set grants: an identity policy held by no principal we model.
        this.addPolicy(r, 'inline_policy', 'permission-set', '', null, body.inline_policy);
        return;
      case 'aws_iam_access_key':
        this.inventory.accessKeys.push({
          user: this.principal('user', body.user, r),
          origin: this.origin(r, null),
          hasPgpKey: isSet(body, 'pgp_key'),
          status: stringAttr(body, 'status'),
        });
        return;
      default:
        return;
    }
  }

  private addRole(r: TerraformResource): void {
    const role = this.principalByResource.get(r);
    if (role === undefined) return;
    if (r.body.assume_role_policy !== undefined && r.body.assume_role_policy !== null) {
      this.addPolicy(r, 'assume_role_policy', 'trust', '/assume_role_policy', null, r.body.assume_role_policy);
    }
    blocks(r.body.inline_policy).forEach((block, i) => {
      if (block.policy === undefined || block.policy === null || block.policy === '') return;
      const record = this.addPolicy(r, `inline_policy/${i}`, 'inline-role', `/inline_policy/${i}`, stringAttr(block, 'name'), block.policy);
      this.inventory.inlineGrants.push({ principal: role.key, policy: record.key });
    });
    for (const arn of stringListAttr(r.body, 'managed_policy_arns')) this.attach(role.key, arn, r, 'managed_policy_arns');
  }
}

/** `files` reads the policy files configuration names with file() and templatefile(), once per run. */
export function inventoryOfTerraform(unit: TerraformUnit, files: ReferencedFiles): Inventory {
  return new UnitLinker(unit, files).link();
}
