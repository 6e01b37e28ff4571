/**
 * IAM Access Analyzer checks for a lint run (`--access-analyzer`, `--check-no-new-access REF`).
 * Off by default: import this module only when a run asks, so offline runs never load the client.
 */
export { checkNoNewAccess } from './check-no-new-access';
export { createAnalyzerClient } from './client';
export { loadReferencePolicy, ReferencePolicyError, type ReferencePolicy } from './reference-policy';
export { ANALYZER_RULE_IDS, type AnalyzerFinding, type AnalyzerOptions } from './types';
export { validatePolicies, type ValidateOptions } from './validate-policies';
export { analyzerRuleMetas, mergeAnalyzerFindings } from './merge-into-result';
export { analyzeRun, type AnalyzeRunOptions } from './analyze-run';
