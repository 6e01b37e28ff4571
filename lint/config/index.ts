/** The config module, shared by the CLI and the synth-time aspect. */
export { CONFIG_FILE_VARIABLE, DEFAULT_CONFIG_FILE, findConfigFile, loadConfig, locateConfig, resolveConfig, type ConfigLocation } from './load-config';
export { presetMappingNotes } from './preset-mapping-notes';
export { applySuppressions, type SuppressionResult } from './suppressions';
export { ConfigError, emptyConfig, type LintConfig, type RuleSetting, type Suppression, type SuppressedFinding } from './types';
export { validateConfig, validateSuppression, type ValidateOptions } from './validate-config';
