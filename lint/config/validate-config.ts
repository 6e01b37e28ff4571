/**
 * Check a parsed config value and turn it into a LintConfig. It reads no config file, so the aspect
 * can validate a config it got elsewhere (only a `presets` mapping lists the preset files).
 * Every problem names the source and the place in it.
 */
import type { Severity } from '../model/types';
import { rules as registry } from '../rules/index';
import { checkPresetMapping } from './preset-mapping';
import { ConfigError, type LintConfig, type RuleSetting, type Suppression } from './types';
import { meantName, unknownNameMessage } from './unknown-name';

const SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];
const TOP_KEYS = ['$schema', 'rules', 'suppressions', 'presets'];
const SUPPRESSION_KEYS = new Set(['rule', 'file', 'resource', 'statement', 'reason']);
/** Rules added at run time by optional integrations; their ids are not in the registry. */
const EXTERNAL_RULE_PREFIXES = ['access-analyzer/'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function knownRule(id: string, known: readonly string[]): boolean {
  return known.includes(id) || EXTERNAL_RULE_PREFIXES.some((p) => id.startsWith(p));
}

/** A typo'd id names the rule it was meant to be: a silent "unknown" would leave the rule on. */
function unknownRuleMessage(where: string, id: string, known: readonly string[]): string {
  return unknownNameMessage(where, 'rule', id, known, 'rules are');
}

export interface ValidateOptions {
  /** Rule ids the config may name; the registry's by default. */
  ruleIds?: readonly string[];
  /** Folder file globs are relative to. */
  baseDir?: string | null;
  /** Preset names `presets` may name; those in policies/ by default. */
  presetNames?: () => readonly string[];
}

export function validateConfig(value: unknown, source: string, options: ValidateOptions = {}): LintConfig {
  const ruleIds = options.ruleIds ?? registry.map((r) => r.meta.id);
  const fail = (message: string): never => {
    throw new ConfigError(`${source}: ${message}`);
  };
  if (!isRecord(value)) fail('the config must be a JSON object with "rules" and/or "suppressions"');
  const config = value as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (TOP_KEYS.includes(key)) continue;
    const near = meantName(key, TOP_KEYS);
    fail(`unknown key "${key}"${near === null ? '; the' : `; did you mean "${near}"? The`} config takes "rules", "suppressions" and "presets"`);
  }

  const rules: Record<string, RuleSetting> = {};
  if (config.rules !== undefined) {
    if (!isRecord(config.rules)) fail('"rules" must be an object of rule id -> "error" | "warning" | "info" | "off"');
    for (const [id, setting] of Object.entries(config.rules as Record<string, unknown>)) {
      if (!knownRule(id, ruleIds)) fail(unknownRuleMessage(`rules`, id, ruleIds));
      if (typeof setting !== 'string' || !(SETTINGS as readonly string[]).includes(setting)) {
        fail(`rules["${id}"] must be "error", "warning", "info" or "off", found ${JSON.stringify(setting)}`);
      }
      rules[id] = setting as Severity | 'off';
    }
  }

  const suppressions: Suppression[] = [];
  if (config.suppressions !== undefined) {
    if (!Array.isArray(config.suppressions)) fail('"suppressions" must be a list of {rule, file or resource, reason}');
    (config.suppressions as unknown[]).forEach((raw, i) => {
      suppressions.push(checkSuppression(raw, `suppressions[${i}]`, source, ruleIds));
    });
  }
  const presets = config.presets === undefined ? {} : checkPresetMapping(config.presets, fail, options.presetNames);
  return { rules, suppressions, presets, baseDir: options.baseDir ?? null, source };
}

/**
 * One suppression, checked the same way wherever it is written: in the config file, or on a
 * construct by the synth-time aspect (`source` then names the construct path).
 */
export function validateSuppression(raw: unknown, source: string, ruleIds: readonly string[] = registry.map((r) => r.meta.id)): Suppression {
  return checkSuppression(raw, 'suppression', source, ruleIds);
}

function checkSuppression(raw: unknown, at: string, source: string, ruleIds: readonly string[]): Suppression {
  const fail = (message: string): never => {
    throw new ConfigError(`${source}: ${message}`);
  };
  if (!isRecord(raw)) return fail(`${at} must be an object with rule, file or resource, and reason`);
  for (const key of Object.keys(raw)) {
    if (!SUPPRESSION_KEYS.has(key)) fail(`${at} has unknown key "${key}"; a suppression takes rule, file, resource, statement and reason`);
  }
  if (typeof raw.rule !== 'string' || raw.rule.trim() === '') fail(`${at}.rule is missing: name the rule id this suppression is for`);
  const rule = (raw.rule as string).trim();
  if (!/[*?]/.test(rule) && !knownRule(rule, ruleIds)) fail(unknownRuleMessage(`${at}.rule`, rule, ruleIds));
  const optionalString = (key: 'file' | 'resource'): string | null => {
    const v = raw[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string' || v.trim() === '') return fail(`${at}.${key} must be a non-empty string (a glob is fine)`);
    return v.trim();
  };
  const file = optionalString('file');
  const resource = optionalString('resource');
  if (file === null && resource === null) {
    fail(`${at} (rule ${rule}) must name a "file" or a "resource" (globs are fine): a suppression for everything is turning the rule off`);
  }
  if (typeof raw.reason !== 'string' || raw.reason.trim() === '') {
    fail(`${at} (rule ${rule}) needs a "reason": say why this finding is accepted, it is shown in the report`);
  }
  const statement = raw.statement;
  if (statement !== undefined && statement !== null && typeof statement !== 'string' && !(typeof statement === 'number' && Number.isInteger(statement))) {
    fail(`${at}.statement must be a Sid (string) or a statement index (integer)`);
  }
  return {
    rule,
    file,
    resource,
    statement: (statement as string | number | undefined) ?? null,
    reason: (raw.reason as string).trim(),
    source,
  };
}
