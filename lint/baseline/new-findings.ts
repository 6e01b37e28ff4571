/**
 * `--baseline`: keep only the findings a baseline report did not have. Findings are matched by a
 * fingerprint without the line number, so an edit above a grant does not make it "new", and
 * matches are counted, so a third copy of a finding the baseline had twice is new.
 */
import path from 'node:path';
import { canonicalPath } from '../model/report-path';
import type { BaselineFinding } from './read-baseline';

/**
 * `./cdktf.out\stacks/x` and `cdktf.out/stacks/x` are the same file to a reviewer; so is
 * `/repo/cdktf.out/stacks/x` run from `/repo` (a baseline written with absolute paths, a run with
 * relative ones, or the other way round).
 */
function normalisePath(file: string, cwd: string | null): string {
  let name = file;
  if (cwd !== null && path.isAbsolute(file)) {
    const relative = path.relative(cwd, file);
    if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) name = relative;
  }
  return canonicalPath(name);
}

/** `cwd`: the folder relative paths are read from; absolute paths inside it compare as relative ones. */
export function fingerprint(finding: BaselineFinding, cwd: string | null = null): string {
  return JSON.stringify([
    finding.ruleId,
    normalisePath(finding.file, cwd),
    finding.resource ?? null,
    finding.statement === null || finding.statement === undefined ? null : String(finding.statement),
    finding.message,
  ]);
}

export interface BaselineDiff<F> {
  /** Findings beyond what the baseline had, in their original order. */
  fresh: F[];
  /** Findings the baseline already had. */
  known: number;
  /** Baseline findings no longer reported (fixed, or suppressed since). */
  gone: number;
}

export function diffAgainstBaseline<F extends BaselineFinding>(current: readonly F[], baseline: readonly BaselineFinding[], cwd: string | null = null): BaselineDiff<F> {
  const remaining = new Map<string, number>();
  for (const finding of baseline) {
    const key = fingerprint(finding, cwd);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  const fresh: F[] = [];
  let known = 0;
  for (const finding of current) {
    const key = fingerprint(finding, cwd);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      known++;
    } else {
      fresh.push(finding);
    }
  }
  const gone = [...remaining.values()].reduce((sum, count) => sum + count, 0);
  return { fresh, known, gone };
}
