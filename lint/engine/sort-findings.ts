/**
 * One order for findings, whatever order the inputs were read or the rules ran in, so reports are
 * byte-identical between runs and diffs of reports show only real changes.
 * Order: file, line, ruleId, resource, statement, message.
 */
import type { Finding } from '../model/types';

function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  // Code-unit order, not localeCompare: the same on every machine and locale.
  return a < b ? -1 : 1;
}

function compareStatement(a: string | number | null, b: string | number | null): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Indexes before Sids, then by text.
  if (typeof a === 'number' && typeof b === 'string') return -1;
  if (typeof a === 'string' && typeof b === 'number') return 1;
  return compareText(a === null ? null : String(a), b === null ? null : String(b));
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.resource, b.resource) ||
    compareStatement(a.statement, b.statement) ||
    compareText(a.message, b.message) ||
    compareText(a.severity, b.severity)
  );
}

/** Sorted copy without exact duplicates (the same input named twice reports once). */
export function sortFindings<T extends Finding>(findings: readonly T[]): T[] {
  const sorted = [...findings].sort(compareFindings);
  return sorted.filter((f, i) => i === 0 || compareFindings(sorted[i - 1]!, f) !== 0);
}
