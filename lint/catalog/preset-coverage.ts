/**
 * Does a preset cover a grant? An action granted by a user's statement is covered when some
 * Allow statement of the preset grants that action (after expansion) on resources that include
 * the user's, under no Condition the user's statement lacks.
 *
 * Resources: a preset `*` covers anything; otherwise every user Resource must match one preset
 * Resource, where the preset's `*` and `${...}` placeholders (`${AccountId}`, `${Partition}`,
 * `${Region}`) match anything, and the user's own `${...}` tokens (Terraform references such
 * as `${data.aws_caller_identity.current.account_id}`) are read as `*`. A user Resource that is
 * a whole reference (`${aws_s3_bucket.b.arn}`) therefore only fits a preset `*`. IAM policy
 * variables (`${aws:username}`) are neither: IAM fills them in per request, so on either side
 * they match only themselves; a preset's `user/${aws:username}` does not cover `user/*`.
 * Matching is case-sensitive, as IAM's is for resource ARNs. Conditions: see conditionsCovered.
 */
import type { PolicyDocument, Statement } from '../model/types';
import { globMatches } from './action-pattern';
import type { Catalog } from './catalog';
import { documentGrants, type Grant } from './grants';
import { remember } from './memo';

const presetPatterns = new Map<string, (text: string) => boolean>();

// `${aws:username}`, `${aws:PrincipalTag/team}`, `${cognito-identity.amazonaws.com:sub}`, with an optional `, 'default'`.
const POLICY_VARIABLE = /^\$\{[\w.-]+:[\w./-]+(?:,\s*'[^']*')?\}$/;

/** Placeholders and Terraform tokens become `*`; policy variables stay as written. */
function tokensAsStar(resource: string): string {
  return resource.replace(/\$\{[^}]*\}/g, (token) => (POLICY_VARIABLE.test(token) ? token : '*'));
}

function presetResourceMatcher(resource: string): (text: string) => boolean {
  let matcher = presetPatterns.get(resource);
  if (!matcher) {
    // Case counts, as IAM matches ARNs: a preset's `table/*invoice*` does not cover `table/*INVOICE*`.
    // The user's ARN is a glob too: a preset `*` takes any run of it, its own `*` included; a
    // preset `?` never takes the user's `*` (`invoice-?` does not cover `invoice-*`).
    const pattern = tokensAsStar(resource).replace(/\*{2,}/g, '*');
    matcher = (text) => globMatches(pattern, text, true);
    presetPatterns.set(resource, matcher);
  }
  return matcher;
}

function resourcesCovered(user: Statement, preset: Statement): boolean {
  if (preset.notResources !== null) return false;
  const presetResources = preset.resources ?? [];
  if (presetResources.includes('*')) return true;
  if (user.notResources !== null || user.resources === null) return false;
  return user.resources.every((r) => {
    const text = tokensAsStar(r);
    return presetResources.some((p) => presetResourceMatcher(p)(text));
  });
}

/**
 * Every test of the preset's Condition is in the user's too, with the same values (placeholders
 * read as one ARN field each, see sameValues), or under a Like operator with values the preset's
 * globs cover (likeValuesCovered): IAM ANDs the tests, so more of them only narrow the grant.
 * Order does not count, nor the case of keys.
 */
function conditionsCovered(user: Statement, preset: Statement): boolean {
  if (preset.condition === null) return true;
  if (user.condition === null) return false;
  const userTests = user.condition;
  return Object.entries(preset.condition).every(([operator, keys]) => {
    const userKeys = Object.entries(userTests[operator] ?? {});
    const like = LIKE_OPERATOR.exec(operator);
    return Object.entries(keys).every(([key, values]) => {
      const found = userKeys.find(([k]) => k.toLowerCase() === key.toLowerCase());
      if (found === undefined) return false;
      return like === null ? sameValues(found[1], values) : likeValuesCovered(found[1], values, like[1] !== 'StringLike');
    });
  });
}

/**
 * The user's values are the preset's: each matches one of the preset's and each of the preset's
 * one of the user's. A preset's placeholders (`arn:${Partition}:iam::${AccountId}:policy/x`) stand
 * for one ARN field, which the user writes as a value or a Terraform token; the rest, `*` and
 * policy variables included, only matches itself (a user's `*` is wider than the preset's account;
 * and without a Like operator a `*` is no wildcard).
 */
function sameValues(user: string[], preset: string[]): boolean {
  const matchers = preset.map((value) => conditionValueMatcher(value));
  return user.every((v) => matchers.some((m) => m(v))) && matchers.every((m) => user.some((v) => m(v)));
}

/**
 * Operators whose values are globs and that allow what matches them: StringLike, ArnLike and
 * ArnEquals (IAM matches wildcards in both Arn operators), with their ForAllValues/ForAnyValue and
 * IfExists forms. Not the negated ones: there a narrower value excludes less.
 */
const LIKE_OPERATOR = /^(?:ForAllValues:|ForAnyValue:)?(StringLike|ArnLike|ArnEquals)(?:IfExists)?$/;

/**
 * Under a Like operator a preset value is a glob, so a user's narrower value is covered (the
 * preset's `arn:*:iam::aws:policy/X` covers `arn:aws:iam::aws:policy/X`), and so is a part of
 * the preset's list: fewer values allow less. A user's own `*` or `?` is covered only by a preset
 * `*` (a `?` by a preset `?` too).
 */
function likeValuesCovered(user: string[], preset: string[], arn: boolean): boolean {
  const matchers = preset.map((value) => conditionValueMatcher(value, arn ? 'arn' : 'string'));
  return user.length > 0 && user.every((v) => matchers.some((m) => m(v)));
}

const conditionMatchers = new Map<string, (value: string) => boolean>();

/** A literal piece of a preset value as a regular expression; under a Like operator its `*` and `?` are wildcards (an Arn `*` stays within one of the ARN's fields). */
function literalPattern(piece: string, glob: 'arn' | 'string' | null): string {
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (glob === null) return escaped(piece);
  return piece
    .split(/([*?])/)
    .map((part) => (part === '*' ? (glob === 'arn' ? '[^:]*' : '[\\s\\S]*') : part === '?' ? '[^*]' : escaped(part)))
    .join('');
}

function conditionValueMatcher(preset: string, glob: 'arn' | 'string' | null = null): (value: string) => boolean {
  const cacheKey = `${glob ?? 'exact'} ${preset}`;
  let matcher = conditionMatchers.get(cacheKey);
  if (!matcher) {
    if (!preset.includes('${') && (glob === null || !/[*?]/.test(preset))) {
      matcher = (value) => value === preset;
    } else {
      const pattern = preset
        .split(/(\$\{[^}]*\})/)
        .map((piece, i) => (i % 2 === 1 && !POLICY_VARIABLE.test(piece) ? '[^:/*?]*' : literalPattern(piece, glob)))
        .join('');
      const regex = new RegExp(`^${pattern}$`);
      matcher = (value) => regex.test(value);
    }
    conditionMatchers.set(cacheKey, matcher);
  }
  return matcher;
}

const documentIds = new WeakMap<PolicyDocument, number>();
let nextDocumentId = 0;
const answers = new WeakMap<Grant, Map<string, string[]>>();

const keys = new WeakMap<PolicyDocument[], string>();

/** A key for a list of preset documents, by identity (the preset lookup reads each document once); once per list. */
function presetsKey(presets: PolicyDocument[]): string {
  return remember(keys, presets, () => keyOf(presets));
}

function keyOf(presets: PolicyDocument[]): string {
  return presets
    .map((p) => {
      let id = documentIds.get(p);
      if (id === undefined) {
        id = nextDocumentId++;
        documentIds.set(p, id);
      }
      return id;
    })
    .join(',');
}

/**
 * Actions of `grant` that none of the presets' statements cover, sorted. Once per grant and preset
 * list: a plan gives thousands of users the same policy and preset, and a NotAction grant holds
 * some 20,000 actions.
 */
export function actionsBeyondPresets(grant: Grant, presets: PolicyDocument[], catalog: Catalog): string[] {
  let byPresets = answers.get(grant);
  if (!byPresets) {
    byPresets = new Map();
    answers.set(grant, byPresets);
  }
  const key = presetsKey(presets);
  let beyond = byPresets.get(key);
  if (!beyond) {
    // Which preset statements could cover this one at all: resources and conditions, once.
    const covering = presets
      .flatMap((p) => documentGrants(p, catalog))
      .filter((p) => resourcesCovered(grant.statement, p.statement) && conditionsCovered(grant.statement, p.statement));
    beyond = [];
    for (const action of grant.actions) if (!covering.some((p) => p.actions.has(action))) beyond.push(action);
    beyond.sort();
    byPresets.set(key, beyond);
  }
  return beyond;
}
