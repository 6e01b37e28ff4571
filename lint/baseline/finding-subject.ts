/**
 * What a finding is about, beyond its rule, file, resource and statement: the action pattern of an
 * unknown-action finding, the user of a console-password one. Baselines and SARIF fingerprints use
 * it to tell apart two findings of one rule on one statement, without using the message's prose,
 * which a rewording or a catalog update (a longer action list) changes.
 *
 * The JSON report (the contract, and so a baseline file) has only the message, so the subject is
 * read back out of it with the rule's own message templates; each rule's meta says which of a
 * message's placeholders make its subject (RuleMeta.subjects). A message of one of our rules that
 * no template matches (written by a version with other wording) has no subject: the baseline then
 * matches it on rule, file, resource and statement alone. A rule without templates (Access
 * Analyzer's `access-analyzer/<ISSUE_CODE>`) has nothing to read with, and its message is all that
 * tells two of its findings on one statement apart (`s3:GetObjct` from `s3:PutObjct`), so the
 * whole message is its subject.
 */
import { ANALYZER_RULE_IDS } from '../access-analyzer/types';
import { formatMessage, type RuleMeta } from '../rules/rule';
import { rules as registry } from '../rules/index';

/**
 * The analyzer's own notes, one per document, whose messages carry what this run met (the error
 * of a failed request, the Terraform expression not sent): matched on their place alone, so a
 * throttled request in the baseline run and a credentials error now are the same known note.
 */
const PLACE_ONLY = new Set<string>([ANALYZER_RULE_IDS.requestFailed, ANALYZER_RULE_IDS.notSent]);

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * Where `{{policy}}` sits right before another placeholder it is policyLabel()'s text, empty,
 * `AWS managed policy NAME: ` or `inline policy NAME: ` (lint/catalog/policy-label.ts): a lazy
 * match would give it nothing and its text to the next placeholder. Elsewhere literal text after a
 * placeholder ends it.
 */
const BEFORE_PLACEHOLDER: Record<string, string> = { policy: '((?:(?:AWS managed|inline) policy [^\\n]*?: )?)' };

interface Reader {
  messageId: string;
  names: string[];
  pattern: RegExp;
  subject: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readerFor(messageId: string, template: string, subject: string): Reader {
  const names: string[] = [];
  let source = '^';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    source += escapeRegExp(template.slice(last, match.index));
    const name = match[1]!;
    names.push(name);
    last = match.index + match[0].length;
    const adjacent = template.startsWith('{{', last);
    source += (adjacent ? BEFORE_PLACEHOLDER[name] : undefined) ?? '([\\s\\S]*?)';
  }
  source += `${escapeRegExp(template.slice(last))}$`;
  return { messageId, names, pattern: new RegExp(source), subject };
}

/** Message readers per rule id, built on first use from the rules' templates. */
function buildReaders(metas: readonly RuleMeta[]): Map<string, Reader[]> {
  const readers = new Map<string, Reader[]>();
  for (const meta of metas) {
    const subjects = meta.subjects;
    if (subjects === undefined) continue;
    const list: Reader[] = [];
    for (const [messageId, template] of Object.entries(meta.messages)) {
      const subject = subjects[messageId];
      if (subject !== undefined) list.push(readerFor(messageId, template, subject));
    }
    // Longer templates first: `{{problem}}` alone would match every message of its rule.
    list.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
    readers.set(meta.id, list);
  }
  return readers;
}

let registryReaders: Map<string, Reader[]> | undefined;

/** Subjects read so far, per rule and message: a plan repeats the same documents, and so the same messages (27,744 findings, 1,638 messages). */
const known = new Map<string, Map<string, string | null>>();

function readSubject(ruleId: string, message: string): string | null {
  registryReaders ??= buildReaders(registry.map((r) => r.meta));
  const readers = registryReaders.get(ruleId);
  if (readers === undefined) return PLACE_ONLY.has(ruleId) ? null : message;
  for (const reader of readers) {
    const match = reader.pattern.exec(message);
    if (match === null) continue;
    const data: Record<string, string> = {};
    reader.names.forEach((name, i) => (data[name] = match[i + 1]!));
    return formatMessage(reader.subject, data);
  }
  return null;
}

/** The subject of a finding with this rule and message: the message itself for a rule without templates; null when none of the rule's templates matches it. */
export function findingSubject(ruleId: string, message: string): string | null {
  let byMessage = known.get(ruleId);
  if (byMessage === undefined) known.set(ruleId, (byMessage = new Map()));
  let subject = byMessage.get(message);
  if (subject === undefined) byMessage.set(message, (subject = readSubject(ruleId, message)));
  return subject;
}
