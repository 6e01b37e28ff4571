/**
 * The stderr lines of a `--baseline` run. The reports count only new findings (SARIF keeps the
 * known ones, marked unchanged and suppressed), so without these a run hiding twenty known errors
 * reads exactly like a clean one, and a baseline that matches nothing (written from another
 * folder, or with other file paths) fails silently.
 */
import type { BaselineCounts } from './apply-baseline';

function findings(n: number): string {
  return `${n} finding${n === 1 ? '' : 's'}`;
}

/** `fresh`: findings of this run the baseline did not have. */
export function baselineNotes(file: string, counts: BaselineCounts, fresh: number): string[] {
  const { known, gone } = counts;
  const lines = [`note: --baseline ${file}: ${known} known ${known === 1 ? 'finding' : 'findings'} not reported as new` + (gone > 0 ? `; ${gone} of its findings no longer found (fixed or suppressed since)` : '')];
  if (known === 0 && gone > 0 && fresh > 0) {
    lines.push(
      `note: --baseline ${file} matched none of this run's ${findings(fresh)}: was it written from another folder, or by another version? ` +
        'File paths, resources and statements must match; write it again with --format json from where the check runs',
    );
  }
  return lines;
}
