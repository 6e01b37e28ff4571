/**
 * `--format text` (default): findings grouped by file, ESLint-style, then a one-line summary.
 * Colour only when asked (the CLI asks when writing to a terminal and NO_COLOR is unset).
 */
import type { SuppressedFinding } from '../config/types';
import type { Finding, Severity } from '../model/types';
import { summaryLine } from './summary-line';
import type { ReportInput } from './types';
import { visible } from './visible-text';

const CODES = { red: 31, yellow: 33, blue: 34, green: 32, dim: 2, bold: 1, underline: 4 } as const;
type Style = keyof typeof CODES;

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };

export function formatText(input: ReportInput, options: { color: boolean }): string {
  const paint = (style: Style, text: string) => (options.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
  const byFile = new Map<string, (Finding | SuppressedFinding)[]>();
  for (const f of [...input.findings, ...input.suppressed]) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const lines: string[] = [];
  for (const file of [...byFile.keys()].sort()) {
    const list = byFile.get(file)!;
    lines.push(paint('underline', visible(file)));
    // A loop, not Math.max(...): spreading 130,000+ findings as arguments overflows the stack.
    const lineWidth = list.reduce((width, f) => Math.max(width, String(f.line ?? '').length), 0);
    for (const f of list) {
      const where = [f.resource, f.statement === null ? null : `statement ${f.statement}`].filter((x) => x !== null).join(' ');
      const text = visible(`${where ? `${where}: ` : ''}${f.message}`);
      const line = String(f.line ?? '').padStart(lineWidth);
      if ('reason' in f) {
        lines.push(paint('dim', `  ${line}  suppressed  ${text}  ${visible(f.ruleId)} (reason: ${visible(f.reason)})`));
      } else {
        lines.push(`  ${line}  ${paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(7))}  ${text}  ${paint('dim', visible(f.ruleId))}`);
      }
    }
    lines.push('');
  }
  const { error, warning } = input.summary;
  const unreadable = input.inputErrors?.length ?? 0;
  const mark = error > 0 || unreadable > 0 ? paint('red', '✖') : warning > 0 ? paint('yellow', '⚠') : paint('green', '✔');
  lines.push(`${mark} ${paint('bold', summaryLine(input.summary, unreadable))}`);
  return `${lines.join('\n')}\n`;
}
