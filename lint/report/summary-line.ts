/** The one-line summary shared by the text and github formats. */
import type { Summary } from '../engine/lint-inventory';

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export function summaryLine(summary: Summary): string {
  const total = summary.error + summary.warning + summary.info;
  const counts = total === 0 ? 'no problems' : `${plural(total, 'problem')} (${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${summary.info} info)`;
  const suppressed = summary.suppressed > 0 ? `, ${summary.suppressed} suppressed` : '';
  return `${counts}${suppressed}; ${plural(summary.filesRead, 'file')} read, ${summary.filesSkipped} skipped`;
}
