/** The one-line summary shared by the text and github formats. */
import type { Summary } from '../engine/lint-inventory';

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/**
 * `unreadable`: input errors (a file that could not be read or parsed, a broken file a resource
 * reads: one file may hold several, and a .tf with one is still read); the line must not read as a
 * clean run when there are any (exit 2).
 */
export function summaryLine(summary: Summary, unreadable = 0): string {
  const total = summary.error + summary.warning + summary.info;
  const none = unreadable > 0 ? 'no problems in the files read' : 'no problems';
  const counts = total === 0 ? none : `${plural(total, 'problem')} (${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${summary.info} info)`;
  const suppressed = summary.suppressed > 0 ? `, ${summary.suppressed} suppressed` : '';
  const failed = unreadable > 0 ? `, ${plural(unreadable, 'input error')}` : '';
  return `${counts}${suppressed}; ${plural(summary.filesRead, 'file')} read, ${summary.filesSkipped} skipped${failed}`;
}
