/**
 * `--format json`: one object, `{findings, suppressed, summary}`. Keys are written in the
 * contract's order so the output is stable text, not just equal JSON.
 */
import type { Finding } from '../model/types';
import type { ReportInput } from './types';

function contractFinding(f: Finding) {
  return { ruleId: f.ruleId, severity: f.severity, message: f.message, file: f.file, resource: f.resource, statement: f.statement, line: f.line };
}

export function formatJson(input: ReportInput): string {
  const { error, warning, info, filesRead, filesSkipped, suppressed } = input.summary;
  return `${JSON.stringify(
    {
      findings: input.findings.map(contractFinding),
      suppressed: input.suppressed.map((f) => ({ ...contractFinding(f), reason: f.reason })),
      summary: { error, warning, info, filesRead, filesSkipped, suppressed },
    },
    null,
    2,
  )}\n`;
}
