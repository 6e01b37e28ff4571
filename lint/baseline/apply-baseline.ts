/** `--baseline FILE` on a lint run's result: keep the new findings and count them in the summary. */
import type { LintResult } from '../engine/lint-inventory';
import type { Finding, Severity } from '../model/types';
import type { IdentifiedFinding } from './finding-identity';
import { diffAgainstBaseline } from './new-findings';

export interface BaselineCounts {
  /** Findings the baseline already had (not reported as new). */
  known: number;
  /** Baseline findings this run no longer has. */
  gone: number;
}

export interface BaselineOutcome extends BaselineCounts {
  /**
   * The known findings themselves, in report order. Only SARIF shows them (marked unchanged and
   * suppressed), because code scanning closes an alert whose result disappears.
   */
  knownFindings: Finding[];
}

/** `cwd`: the run's working folder, so a baseline written with absolute paths matches a run with relative ones. */
export function applyBaseline<R extends LintResult>(result: R, baseline: readonly IdentifiedFinding[], cwd: string | null = null): R & { baseline: BaselineOutcome } {
  const { fresh, known, gone } = diffAgainstBaseline(result.findings, baseline, cwd);
  const count = (severity: Severity) => fresh.filter((f) => f.severity === severity).length;
  return {
    ...result,
    findings: fresh,
    summary: { ...result.summary, error: count('error'), warning: count('warning'), info: count('info') },
    baseline: { known: known.length, gone, knownFindings: known },
  };
}
