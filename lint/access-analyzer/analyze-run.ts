/**
 * What the CLI calls for `--access-analyzer` and `--check-no-new-access`: run the asked checks
 * over the run's policies and merge the findings into its result under the config. Import this
 * module only when a check is asked for: it loads the AWS SDK.
 */
import type { LintConfig } from '../config/types';
import type { LintResult } from '../engine/lint-inventory';
import type { PolicyRecord } from '../model/types';
import type { RuleMeta } from '../rules/rule';
import { checkNoNewAccess } from './check-no-new-access';
import { createAnalyzerClient } from './client';
import { analyzerRuleMetas, mergeAnalyzerFindings } from './merge-into-result';
import type { ReferencePolicy } from './reference-policy';
import type { AnalyzerOptions } from './types';
import { validatePolicies } from './validate-policies';

export interface AnalyzeRunOptions extends AnalyzerOptions {
  /** `--access-analyzer`: ValidatePolicy on every document. */
  validate: boolean;
  /** `--check-no-new-access REF`, loaded beforehand with loadReferencePolicy (a usage error if it cannot be). */
  reference: ReferencePolicy | null;
  config: LintConfig;
}

export async function analyzeRun<R extends LintResult>(
  result: R,
  policies: readonly PolicyRecord[],
  options: AnalyzeRunOptions,
): Promise<{ result: R; rules: RuleMeta[] }> {
  if (!options.validate && options.reference === null) return { result, rules: [] };
  const client = createAnalyzerClient(options);
  try {
    const shared = { ...options, client };
    const found = [
      ...(options.validate ? await validatePolicies(policies, shared) : []),
      ...(options.reference ? await checkNoNewAccess(policies, options.reference, shared) : []),
    ];
    return { result: mergeAnalyzerFindings(result, found, options.config), rules: analyzerRuleMetas(found) };
  } finally {
    client.destroy();
  }
}
