/** Pick a report format: one function per format, all given the same ReportInput. */
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';
import type { Format, ReportInput } from './types';

export { EXIT_USAGE, exitCode, FAIL_ON, type FailOn } from './exit-code';
export { FORMATS, type Format, type ReportInput } from './types';

/** `env` and `cwd`: where GitHub runs (links to docs, paths relative to the repository for sarif and github). */
export function formatReport(format: Format, input: ReportInput, options: { color?: boolean; env?: NodeJS.ProcessEnv; cwd?: string } = {}): string {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  switch (format) {
    case 'text':
      return formatText(input, { color: options.color ?? false });
    case 'json':
      return formatJson(input);
    case 'sarif':
      return formatSarif(input, env, cwd);
    case 'github':
      return formatGithub(input, env, cwd);
  }
}
