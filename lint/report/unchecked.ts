/**
 * The stderr lines for policies the run could not check: their text is a value only Terraform can
 * produce (a variable, a module output, a value known after apply, a template given such values), or
 * a file the run does not read (file() of a path outside the paths linted). They are not problems
 * of the policy, so no report carries them; but a run that is silent about them reads as "checked
 * and clean", so the CLI says how many and where to look. A policy document data source that merges
 * such a value is checked without it: "checked in part".
 */
import type { PolicyRecord } from '../model/types';
import { REPORTED_AS_INPUT_ERROR } from '../sources/referenced-files';

/** A file a policy is read from that is missing or malformed is an input error already: not "unchecked" as well. */
function reported(why: string): boolean {
  return why.endsWith(REPORTED_AS_INPUT_ERROR);
}

function place(p: PolicyRecord): string {
  const at = p.origin.line === null ? p.origin.file : `${p.origin.file}:${p.origin.line}`;
  return `${at}${p.origin.resource ? ` ${p.origin.resource}` : ''}`;
}

export function uncheckedLines(policies: readonly PolicyRecord[], debug: boolean): string[] {
  const unchecked = policies.filter((p) => p.document === null && p.unresolved !== undefined && !reported(p.unresolved));
  const partly = policies.filter((p) => p.document !== null && (p.uncheckedParts ?? []).some((part) => !reported(part)));
  const lines: string[] = [];
  const listed = debug ? '' : ' (--debug lists them with why)';
  const n = unchecked.length;
  if (n > 0) {
    lines.push(
      `note: ${n === 1 ? '1 policy was' : `${n} policies were`} not checked: ${n === 1 ? 'its' : 'their'} text is not in the files read ` +
        `(a variable, a module output, a file outside the paths linted, a template only Terraform renders); lint the plan (terraform show -json) to check ${n === 1 ? 'it' : 'them'}${listed}`,
    );
  }
  const m = partly.length;
  if (m > 0) {
    lines.push(
      `note: ${m === 1 ? '1 policy was' : `${m} policies were`} checked only in part: ${m === 1 ? 'a document it merges is' : 'documents they merge are'} not in the files read ` +
        `(a variable, a data source of another module, a file outside the paths linted, a template only Terraform renders); lint the plan (terraform show -json) to check all of ${m === 1 ? 'it' : 'them'}${listed}`,
    );
  }
  if (debug) {
    for (const p of unchecked) lines.push(`unchecked ${place(p)}: ${p.unresolved}`);
    for (const p of partly) for (const part of p.uncheckedParts ?? []) if (!reported(part)) lines.push(`unchecked in part ${place(p)}: ${part}`);
  }
  return lines;
}
