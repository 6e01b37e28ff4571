/** Severities in order, for every comparison of two (--fail-on, a rule leaving findings to another). */
import type { Severity } from './types';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** True when `severity` is `threshold` or more severe. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}
