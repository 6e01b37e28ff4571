/**
 * How far a statement's Resource reaches, and whether an ARN can be of a resource type.
 *
 * "Broad" is the meaning of "on *" for our rules: the Resource list reaches every resource of the
 * types involved. That is `*` itself, NotResource (everything but a few), or an ARN whose resource
 * part is only wildcards, optionally after a type word (`arn:aws:iam::*:role/*`,
 * `arn:aws:lambda:*:*:function:*`, `arn:aws:s3:::*`). S3 ARNs carry no type word (the first
 * segment is a bucket name), so `arn:aws:s3:::my-bucket/*` is one bucket, not broad.
 */
import type { Statement } from '../model/types';
import { listInWords } from './list-in-words';

const WILDCARD_ONLY = /^[*/:]+$/;
const TYPE_THEN_WILDCARDS = /^[a-z][a-z0-9-]*[/:][*/:]+$/i;

/** True when one Resource entry reaches every resource of its type(s). */
export function isBroadResource(resource: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return false;
  const service = parts[2];
  const resourcePart = parts.slice(5).join(':');
  if (WILDCARD_ONLY.test(resourcePart)) return true;
  return service !== 's3' && TYPE_THEN_WILDCARDS.test(resourcePart);
}

/**
 * True when the statement's resources reach everything: all broad, one that matches every ARN
 * (`*` next to named ARNs still reaches everything: Resource entries are alternatives), or
 * NotResource.
 */
export function reachesAllResources(statement: Statement): boolean {
  if (statement.notResources !== null) return true;
  const resources = statement.resources;
  return resources !== null && resources.length > 0 && (resources.every(isBroadResource) || resources.some(isAllResources));
}

/**
 * True for a resource pattern that matches every ARN. IAM's `*` also matches `:` and `/`, so
 * `arn:*` and `arn:aws:*:*:*:*` are as wide as `*`.
 */
export function isAllResources(pattern: string): boolean {
  if (!pattern.includes('*')) return false;
  const p = pattern.trim();
  return /^\*+$/.test(p) || /^arn:\*+$/.test(p) || /^arn:[a-z*-]+(:\*+)+$/.test(p);
}

/**
 * How far a broad statement reaches, in words for messages: "every resource" for `*` (and ARNs
 * that match anything), NotResource's exception, or the type-wide ARNs themselves, so a finding on
 * `arn:aws:iam::*:role/*` says "every resource of its type" rather than "every resource".
 */
export function reachInWords(statement: Statement): string {
  if (statement.notResources !== null) return 'every resource but those in NotResource';
  const resources = statement.resources ?? [];
  if (resources.some((r) => isAllResources(r) || WILDCARD_ONLY.test(r))) return 'every resource';
  const shown = listInWords(resources, 3);
  return resources.length === 1 ? `every resource of its type (${shown})` : `every resource of their types (${shown})`;
}

/** IAM user ARNs that name the caller itself (`user/${aws:username}`, any path). */
const SELF_USER = /^arn:[^:]*:iam::[^:]*:user\/(?:.*\/)?\$\{aws:username\}$/i;

/** True when every resource is the caller's own user: AWS's documented self-service pattern. */
export function isSelfOnly(statement: Statement): boolean {
  const resources = statement.resources;
  return statement.notResources === null && resources !== null && resources.length > 0 && resources.every((r) => SELF_USER.test(r));
}

/**
 * One element of an ARN pattern: a literal character (`any` for `?`), or a run of characters
 * (IAM's `*`, a `${...}` token in the statement, a placeholder in an ARN format) with the
 * characters the run may hold.
 */
type Token = { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'run'; excludes: string };

const formatTokens = new Map<string, Token[]>();

/** Placeholders that hold no `:` (ARN fields) or no `/` (bucket names); the rest may hold anything. */
function placeholderRun(name: string): Token {
  if (/^(partition|region|account|accountid)$/i.test(name)) return { kind: 'run', excludes: ':' };
  if (/^bucketname$/i.test(name)) return { kind: 'run', excludes: '/:' };
  return { kind: 'run', excludes: '' };
}

function tokenize(text: string, placeholder: (name: string) => Token, globs: boolean): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i);
      if (end > 0) {
        tokens.push(placeholder(text.slice(i + 2, end)));
        i = end;
        continue;
      }
    }
    if (globs && text[i] === '*') tokens.push({ kind: 'run', excludes: '' });
    else if (globs && text[i] === '?') tokens.push({ kind: 'any' });
    else tokens.push({ kind: 'char', char: text[i].toLowerCase() });
  }
  return tokens;
}

/**
 * True when some ARN could match both the Resource entry as written (IAM globs, `${...}` tokens)
 * and the resource type's ARN format: an intersection test over the two patterns, so
 * `stack/Nmd*` fits `stack/${StackName}/${Id}` and `arn:aws:s3:::logs` does not fit an object.
 */
export function couldBeOfFormat(resource: string, format: string): boolean {
  // IAM caps an ARN at 2048 characters; a longer entry is broken input, and the test is quadratic.
  if (resource.length > MAX_ARN_LENGTH) return true;
  const service = literalService(resource, false);
  if (service !== null) {
    const formatService = literalService(format, true);
    if (formatService !== null && formatService !== service) return false;
  }
  // Keyed format first, then resource: no key strings to build on the hot path.
  let byResource = verdicts.get(format);
  if (!byResource) {
    byResource = new Map();
    verdicts.set(format, byResource);
  }
  let answer = byResource.get(resource);
  if (answer === undefined) {
    answer = intersects(resource, format);
    // Bounded: a long run over many distinct ARNs must not grow without limit.
    if (++remembered > 100_000) {
      verdicts.clear();
      resourceTokens.clear();
      remembered = 0;
    }
    byResource.set(resource, answer);
  }
  return answer;
}

/**
 * The service field of an ARN (`arn:partition:SERVICE:...`) when nothing before its end can stretch
 * (an IAM `*` or `?`, or a `${...}` token, may span colons): two different literal services never
 * match, and most statements that mix services are told apart by this alone.
 */
function literalService(arn: string, isFormat: boolean): string | null {
  const first = arn.indexOf(':');
  const second = first < 0 ? -1 : arn.indexOf(':', first + 1);
  const third = second < 0 ? -1 : arn.indexOf(':', second + 1);
  if (third < 0) return null;
  for (let i = 0; i < third; i++) {
    const c = arn.charCodeAt(i);
    if (c === 42 /* * */ || c === 63 /* ? */ || (c === 36 /* $ */ && arn.charCodeAt(i + 1) === 123) /* ${ */) {
      // The partition of an ARN format is a placeholder that stays inside its field.
      if (isFormat && arn.startsWith('${Partition}:', i)) {
        i += '${Partition}'.length - 1;
        continue;
      }
      return null;
    }
  }
  return arn.slice(second + 1, third).toLowerCase();
}

const verdicts = new Map<string, Map<string, boolean>>();
let remembered = 0;
const resourceTokens = new Map<string, Token[]>();
const MAX_ARN_LENGTH = 2048;

function intersects(resource: string, format: string): boolean {
  let f = formatTokens.get(format);
  if (!f) {
    f = tokenize(format, placeholderRun, false);
    formatTokens.set(format, f);
  }
  let u = resourceTokens.get(resource);
  if (!u) {
    u = tokenize(resource, () => ({ kind: 'run', excludes: '' }), true);
    resourceTokens.set(resource, u);
  }
  const n = u.length;
  const m = f.length;
  const seen = new Uint8Array((n + 1) * (m + 1));
  const stack: number[] = [0, 0];
  while (stack.length > 0) {
    const j = stack.pop() as number;
    const i = stack.pop() as number;
    const index = i * (m + 1) + j;
    if (seen[index]) continue;
    seen[index] = 1;
    if (i === n && j === m) return true;
    const ut = i < n ? u[i] : null;
    const ft = j < m ? f[j] : null;
    if (ut?.kind === 'run') {
      stack.push(i + 1, j); // the run ends
      if (ft) stack.push(i, j + 1); // the run covers the format's next element
    }
    if (ft?.kind === 'run') {
      stack.push(i, j + 1);
      if (ut && ut.kind !== 'run' && (ut.kind === 'any' || !ft.excludes.includes(ut.char))) stack.push(i + 1, j);
    }
    if (ut && ft && ut.kind !== 'run' && ft.kind !== 'run') {
      if (ut.kind === 'any' || ft.kind === 'any' || ut.char === ft.char) stack.push(i + 1, j + 1);
    }
  }
  return false;
}
