/** Pick a report format: one function per format, all given the same ReportInput. */
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';
import type { Format, ReportInput } from './types';

export { EXIT_USAGE, exitCode, FAIL_ON, type FailOn } from './exit-code';
export { FORMATS, type Format, type ReportInput } from './types';

export function formatReport(format: Format, input: ReportInput, options: { color?: boolean; env?: NodeJS.ProcessEnv } = {}): string {
  switch (format) {
    case 'text':
      return formatText(input, { color: options.color ?? false });
    case 'json':
      return formatJson(input);
    case 'sarif':
      return formatSarif(input, options.env);
    case 'github':
      return formatGithub(input);
  }
}
