/**
 * Merge Access Analyzer findings into a lint run's result, under the same config as the rules:
 * `rules` can change an `access-analyzer/<CODE>` severity or turn it off, suppressions apply with
 * their reasons, and the summary counts them. The CLI calls this after `lint()`.
 */
import { applySuppressions } from '../config/suppressions';
import type { LintConfig } from '../config/types';
import { toFinding, type LintResult } from '../engine/lint-inventory';
import { sortFindings } from '../engine/sort-findings';
import type { Finding, Severity } from '../model/types';
import type { RuleMeta } from '../rules/rule';
import { ANALYZER_RULE_IDS, type AnalyzerFinding } from './types';

const OWN_RULES: Record<string, string> = {
  [ANALYZER_RULE_IDS.requestFailed]: 'IAM Access Analyzer could not check a document (throttling, credentials, network, malformed answer)',
  [ANALYZER_RULE_IDS.notSent]: 'A document was not sent to IAM Access Analyzer: it holds Terraform expressions known only at apply',
  [ANALYZER_RULE_IDS.newAccess]: 'IAM Access Analyzer CheckNoNewAccess: the policy grants access the reference policy does not',
};

/** Rule table entries for the SARIF report: one per access-analyzer id the run reported. */
export function analyzerRuleMetas(findings: readonly AnalyzerFinding[]): RuleMeta[] {
  const metas = new Map<string, RuleMeta>();
  for (const finding of findings) {
    if (metas.has(finding.ruleId)) continue;
    const description = OWN_RULES[finding.ruleId] ?? `IAM Access Analyzer policy check ${finding.messageId}`;
    metas.set(finding.ruleId, { id: finding.ruleId, defaultSeverity: finding.severity, description, messages: {}, needsCatalog: false });
  }
  return [...metas.values()];
}

export function mergeAnalyzerFindings<R extends LintResult>(result: R, analyzer: readonly AnalyzerFinding[], config: LintConfig): R {
  const added: Finding[] = [];
  for (const finding of analyzer) {
    const setting = config.rules[finding.ruleId];
    if (setting === 'off') continue;
    added.push(toFinding(finding, setting ?? finding.severity));
  }
  const split = applySuppressions(added, config.suppressions, config.baseDir);
  const findings = sortFindings([...result.findings, ...split.findings]);
  const suppressed = sortFindings([...result.suppressed, ...split.suppressed]);
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return {
    ...result,
    findings,
    suppressed,
    summary: { ...result.summary, error: count('error'), warning: count('warning'), info: count('info'), suppressed: suppressed.length },
    // Unused only if neither the rules' findings nor the analyzer's matched it.
    unusedSuppressions: result.unusedSuppressions.filter((s) => split.unused.includes(s)),
  };
}
