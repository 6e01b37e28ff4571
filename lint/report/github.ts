/**
 * `--format github`: workflow commands, so findings show as annotations on the pull request's
 * files. Suppressed findings are not annotated (they are accepted); the summary is a plain line.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import type { Severity } from '../model/types';
import { repositoryPath } from './repository-path';
import { summaryLine } from './summary-line';
import type { ReportInput } from './types';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(input: ReportInput, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const file = (name: string) => `file=${escapeProperty(repositoryPath(name, env, cwd).replace(/\\/g, '/'))}`;
  const lines = input.findings.map((f) => {
    const properties = [file(f.file)];
    if (f.line !== null) properties.push(`line=${f.line}`);
    properties.push(`title=${escapeProperty(`${f.ruleId}${f.resource ? ` (${f.resource})` : ''}`)}`);
    return `::${COMMAND[f.severity]} ${properties.join(',')}::${escapeData(f.message)}`;
  });
  // An unreadable file is annotated too, so the pull request shows why the check failed there.
  for (const e of input.inputErrors ?? []) {
    const properties = [file(e.file)];
    if (e.line !== null) properties.push(`line=${e.line}`);
    if (e.column !== null) properties.push(`col=${e.column}`);
    properties.push('title=unreadable input');
    lines.push(`::error ${properties.join(',')}::${escapeData(e.message)}`);
  }
  lines.push(`iam-policy-lint: ${summaryLine(input.summary, input.inputErrors?.length ?? 0)}`);
  return `${lines.join('\n')}\n`;
}
