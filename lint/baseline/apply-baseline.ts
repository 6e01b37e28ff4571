/** `--baseline FILE` on a lint run's result: keep the new findings and count them in the summary. */
import type { LintResult } from '../engine/lint-inventory';
import type { Severity } from '../model/types';
import { diffAgainstBaseline } from './new-findings';
import type { BaselineFinding } from './read-baseline';

export interface BaselineCounts {
  /** Findings the baseline already had (not reported). */
  known: number;
  /** Baseline findings this run no longer has. */
  gone: number;
}

/** `cwd`: the run's working folder, so a baseline written with absolute paths matches a run with relative ones. */
export function applyBaseline<R extends LintResult>(result: R, baseline: readonly BaselineFinding[], cwd: string | null = null): R & { baseline: BaselineCounts } {
  const { fresh, known, gone } = diffAgainstBaseline(result.findings, baseline, cwd);
  const count = (severity: Severity) => fresh.filter((f) => f.severity === severity).length;
  return {
    ...result,
    findings: fresh,
    summary: { ...result.summary, error: count('error'), warning: count('warning'), info: count('info') },
    baseline: { known, gone },
  };
}
