/**
 * Normalise a policy document once, so rules test a model and never strings:
 * string-or-array fields become arrays, Statement object-or-array becomes an array,
 * `${...}` interpolation tokens stay opaque strings. Structural problems are collected,
 * never thrown: one bad statement must not hide the rest of the document. Lists that are already
 * all strings are kept as parsed rather than copied (most of a document's weight): the model is
 * read-only, for rules as for readers.
 */
import { policySize } from './policy-size';
import { atWorstCaseLength, wholeInterpolation } from './terraform-string';
import type { ConditionBlock, DocumentProblem, PolicyDocument, Statement } from './types';

export { policySize } from './policy-size';

export const POLICY_VERSIONS = ['2012-10-17', '2008-10-17'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `value` looks like a policy document (has a Statement), whatever its quality. */
export function looksLikePolicyDocument(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && 'Statement' in value;
}

/** True when every element is a string: the parsed list can then be kept as it is, not copied. */
function allStrings(items: unknown[]): items is string[] {
  for (let i = 0; i < items.length; i++) if (typeof items[i] !== 'string') return false;
  return true;
}

function stringList(
  value: unknown,
  field: string,
  index: number,
  problems: DocumentProblem[],
): string[] | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && allStrings(value)) return value;
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') out.push(item);
    else problems.push({ statement: index, message: `${field} must be a string or a list of strings, found ${describe(item)}` });
  }
  if (Array.isArray(value) && value.length === 0) {
    problems.push({ statement: index, message: `${field} is an empty list` });
  }
  return out;
}

/** A value that is one `${...}` token (a reference, a for expression), which only Terraform can render. */
function isWholeToken(value: string): boolean {
  return wholeInterpolation(value) !== null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  return `${typeof value} ${String(value)}`;
}

function parseCondition(value: unknown, index: number, problems: DocumentProblem[]): ConditionBlock | null {
  if (value === undefined) return null;
  // `Condition = var.condition`: unseen, so kept as an opaque test of an opaque key, neither absent nor malformed.
  if (typeof value === 'string' && isWholeToken(value)) return { [value]: { [value]: [value] } };
  if (!isRecord(value)) {
    problems.push({ statement: index, message: `Condition must be an object of operators, found ${describe(value)}` });
    return null;
  }
  const block: ConditionBlock = {};
  for (const operator of Object.keys(value)) {
    const keys = value[operator];
    if (!isRecord(keys)) {
      problems.push({ statement: index, message: `Condition operator ${operator} must map condition keys to values, found ${describe(keys)}` });
      continue;
    }
    const entry: Record<string, string[]> = {};
    for (const key of Object.keys(keys)) {
      const raw = keys[key];
      if (typeof raw === 'string') {
        entry[key] = [raw];
        continue;
      }
      if (Array.isArray(raw) && allStrings(raw)) {
        entry[key] = raw;
        continue;
      }
      const values = Array.isArray(raw) ? raw : [raw];
      const strings: string[] = [];
      for (const v of values) {
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') strings.push(String(v));
        else problems.push({ statement: index, message: `Condition ${operator} ${key} has a value that is ${describe(v)}; use strings` });
      }
      entry[key] = strings;
    }
    block[operator] = entry;
  }
  return block;
}

/** A statement's elements (undefined when absent), and the keys that are none of them, in order. */
interface StatementElements {
  Sid: unknown;
  Effect: unknown;
  Action: unknown;
  NotAction: unknown;
  Resource: unknown;
  NotResource: unknown;
  Principal: unknown;
  NotPrincipal: unknown;
  Condition: unknown;
  unknown: string[] | null;
}

/**
 * Statements come with their keys in every order, so reading them by name meets objects of many
 * shapes, which is slow until the code is optimised (most of a run, for a short one). One pass over
 * the keys reads each value once, into an object of one shape.
 */
function elementsOf(raw: Record<string, unknown>): StatementElements {
  const elements: StatementElements = {
    Sid: undefined,
    Effect: undefined,
    Action: undefined,
    NotAction: undefined,
    Resource: undefined,
    NotResource: undefined,
    Principal: undefined,
    NotPrincipal: undefined,
    Condition: undefined,
    unknown: null,
  };
  for (const key in raw) {
    switch (key) {
      case 'Sid':
      case 'Effect':
      case 'Action':
      case 'NotAction':
      case 'Resource':
      case 'NotResource':
      case 'Principal':
      case 'NotPrincipal':
      case 'Condition':
        elements[key] = raw[key];
        break;
      default:
        if (Object.hasOwn(raw, key)) (elements.unknown ??= []).push(key);
    }
  }
  return elements;
}

function parseStatement(raw: unknown, index: number, problems: DocumentProblem[]): Statement | null {
  // `Statement = [for ... : {...}]`, `local.statement`: only Terraform renders it, and it may well be fine.
  if (typeof raw === 'string' && isWholeToken(raw)) return null;
  if (!isRecord(raw)) {
    problems.push({ statement: index, message: `statement must be an object, found ${describe(raw)}` });
    return null;
  }
  const elements = elementsOf(raw);
  const { Sid, Effect } = elements;
  const sid = typeof Sid === 'string' ? Sid : null;
  if (Sid !== undefined && typeof Sid !== 'string') {
    problems.push({ statement: index, message: `Sid must be a string, found ${describe(Sid)}` });
  }
  for (const key of elements.unknown ?? []) problems.push({ statement: index, message: `unknown statement element "${key}"` });
  const effect = typeof Effect === 'string' ? Effect : '';
  if (Effect === undefined) problems.push({ statement: index, message: 'Effect is missing; use "Allow" or "Deny"' });
  // `effect = var.effect` is decided when Terraform renders it: opaque, neither granting nor malformed.
  else if (effect !== 'Allow' && effect !== 'Deny' && !isWholeToken(effect)) {
    problems.push({ statement: index, message: `Effect must be "Allow" or "Deny", found ${describe(Effect)}` });
  }
  const statement: Statement = {
    index,
    sid,
    effect,
    actions: stringList(elements.Action, 'Action', index, problems),
    notActions: stringList(elements.NotAction, 'NotAction', index, problems),
    resources: stringList(elements.Resource, 'Resource', index, problems),
    notResources: stringList(elements.NotResource, 'NotResource', index, problems),
    principal: elements.Principal ?? null,
    notPrincipal: elements.NotPrincipal ?? null,
    condition: parseCondition(elements.Condition, index, problems),
    line: null,
  };
  if (statement.actions === null && statement.notActions === null) {
    problems.push({ statement: index, message: 'statement has neither Action nor NotAction' });
  }
  if (statement.actions !== null && statement.notActions !== null) {
    problems.push({ statement: index, message: 'statement has both Action and NotAction; use one' });
  }
  if (statement.resources !== null && statement.notResources !== null) {
    problems.push({ statement: index, message: 'statement has both Resource and NotResource; use one' });
  }
  return statement;
}

export interface ParseDocumentOptions {
  /**
   * JSON text the value was parsed from, to measure the size IAM counts: at its longest once
   * Terraform has filled in the account, partition and region (see terraform-string.ts).
   */
  text?: string;
  /**
   * `text`'s length without white space outside strings, when the reader measured it while
   * scanning the text for lines: saves a second pass over it.
   */
  compactLength?: number;
  /**
   * Trust (assume-role) policies carry Principal and no Resource; identity policies need a Resource
   * and must not carry a Principal.
   */
  trust?: boolean;
}

/**
 * The size at its longest. Filling in account parts only rewrites text inside strings, so the
 * compact length grows by exactly what the text grows by.
 */
function sizeOf({ text, compactLength }: ParseDocumentOptions): number | null {
  if (text === undefined) return null;
  const worst = atWorstCaseLength(text);
  return compactLength === undefined ? policySize(worst) : compactLength + worst.length - text.length;
}

/** Normalise a parsed JSON value into a PolicyDocument. Never throws. */
export function parsePolicyDocument(value: unknown, options: ParseDocumentOptions = {}): PolicyDocument {
  const problems: DocumentProblem[] = [];
  const doc: PolicyDocument = {
    version: null,
    id: null,
    statements: [],
    problems,
    size: sizeOf(options),
  };
  if (!isRecord(value)) {
    problems.push({ statement: null, message: `a policy document must be a JSON object, found ${describe(value)}` });
    return doc;
  }
  if (value.Version === undefined) {
    problems.push({ statement: null, message: 'Version is missing; set "Version": "2012-10-17" (without it, policy variables such as ${aws:username} are not substituted)' });
  } else if (typeof value.Version !== 'string' || !(POLICY_VERSIONS as readonly string[]).includes(value.Version)) {
    problems.push({ statement: null, message: `Version must be "2012-10-17", found ${describe(value.Version)}` });
  } else {
    doc.version = value.Version;
  }
  if (typeof value.Id === 'string') doc.id = value.Id;
  const rawStatements = value.Statement;
  if (rawStatements === undefined) {
    problems.push({ statement: null, message: 'Statement is missing' });
    return doc;
  }
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  if (list.length === 0) problems.push({ statement: null, message: 'Statement is an empty list' });
  for (let index = 0; index < list.length; index++) {
    const statement = parseStatement(list[index], index, problems);
    if (statement === null) continue;
    if (options.trust) {
      if (statement.principal === null && statement.notPrincipal === null) {
        problems.push({ statement: index, message: 'a trust policy statement needs a Principal' });
      }
    } else {
      if (statement.resources === null && statement.notResources === null) {
        problems.push({ statement: index, message: 'statement has neither Resource nor NotResource' });
      }
      if (statement.principal !== null || statement.notPrincipal !== null) {
        problems.push({ statement: index, message: 'an identity policy must not carry Principal or NotPrincipal' });
      }
    }
    doc.statements.push(statement);
  }
  return doc;
}

/** The id a finding uses for a statement: its Sid, or its 0-based index. */
export function statementId(statement: Statement): string | number {
  return statement.sid ?? statement.index;
}
