/**
 * The stderr lines for policies the run could not check: their text is a value only Terraform can
 * produce (a variable, a module output, a value known after apply, a template given such values), or
 * a file the run does not read (file() of a path outside the paths linted). They are not problems
 * of the policy, so no report carries them; but a run that is silent about them reads as "checked
 * and clean", so the CLI says how many and where to look.
 */
import type { PolicyRecord } from '../model/types';

export function uncheckedLines(policies: readonly PolicyRecord[], debug: boolean): string[] {
  const unchecked = policies.filter((p) => p.document === null && p.unresolved !== undefined);
  const n = unchecked.length;
  if (n === 0) return [];
  const lines = [
    `note: ${n === 1 ? '1 policy was' : `${n} policies were`} not checked: ${n === 1 ? 'its' : 'their'} text is not in the files read ` +
      `(a variable, a module output, a file outside the paths linted, a template only Terraform renders); lint the plan (terraform show -json) to check ${n === 1 ? 'it' : 'them'}` +
      `${debug ? '' : ' (--debug lists them with why)'}`,
  ];
  if (debug) {
    for (const p of unchecked) {
      const place = p.origin.line === null ? p.origin.file : `${p.origin.file}:${p.origin.line}`;
      lines.push(`unchecked ${place}${p.origin.resource ? ` ${p.origin.resource}` : ''}: ${p.unresolved}`);
    }
  }
  return lines;
}
