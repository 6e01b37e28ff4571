/** The config module, shared by the CLI and the synth-time aspect. */
export { DEFAULT_CONFIG_FILE, loadConfig, resolveConfig } from './load-config';
export { applySuppressions, type SuppressionResult } from './suppressions';
export { ConfigError, emptyConfig, type LintConfig, type RuleSetting, type Suppression, type SuppressedFinding } from './types';
export { validateConfig, validateSuppression, type ValidateOptions } from './validate-config';
