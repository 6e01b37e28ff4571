/**
 * The engine: run the enabled rules over an Inventory, give each finding its severity, split off
 * suppressed findings, and sort. The catalog is built only when an enabled rule needs it.
 */
import type { Catalog } from '../catalog/catalog';
import { createPresetLookup } from '../catalog/presets';
import { applySuppressions } from '../config/suppressions';
import { emptyConfig, type LintConfig, type Suppression, type SuppressedFinding } from '../config/types';
import type { Finding, Inventory, RawFinding, Severity } from '../model/types';
import { rules as registry } from '../rules/index';
import type { PresetLookup, Rule } from '../rules/rule';
import { catalogNotLoaded, lazyCatalog } from './load-catalog';
import { markBoundaries } from './mark-boundaries';
import { resolveManagedPolicies } from './resolve-managed-policies';
import { sortFindings } from './sort-findings';
import { dropSubsumedByAdmin } from './subsume-admin';

export interface Summary {
  error: number;
  warning: number;
  info: number;
  filesRead: number;
  filesSkipped: number;
  suppressed: number;
}

export interface LintResult {
  /** What counts for CI: not suppressed, sorted. */
  findings: Finding[];
  /** Accepted by a suppression, with its reason; never dropped. */
  suppressed: SuppressedFinding[];
  summary: Summary;
  /** The catalog's data version when this run loaded it, else null. */
  catalogDataVersion: string | null;
  /** Suppressions that matched no finding. */
  unusedSuppressions: Suppression[];
  /** Milliseconds per rule that ran (for --debug and the benchmark); absent on results built elsewhere. */
  ruleTimings?: Record<string, number>;
}

export interface EngineOptions {
  config?: LintConfig;
  /** The rules to consider (the registry by default); the config turns them off or changes severity. */
  rules?: readonly Rule[];
  /** A catalog, or how to build one; by default the AWS catalog, built on first use. */
  catalog?: Catalog | (() => Catalog);
  presets?: PresetLookup;
  /** Counts from the readers, carried into the summary. */
  filesRead?: number;
  filesSkipped?: number;
}

/** Rules that run under a config, each with the severity it reports at (null: the rule decides per finding). */
export function enabledRules(config: LintConfig, rules: readonly Rule[] = registry): { rule: Rule; severity: Severity | null }[] {
  const out: { rule: Rule; severity: Severity | null }[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    if (setting === 'off') continue;
    out.push({ rule, severity: setting ?? null });
  }
  return out;
}

/** The contract's finding from a rule's (or Access Analyzer's) raw one. */
export function toFinding(raw: RawFinding, severity: Severity): Finding {
  return {
    ruleId: raw.ruleId,
    severity,
    message: raw.message,
    file: raw.origin.file,
    resource: raw.origin.resource,
    statement: raw.statement,
    line: raw.origin.line,
  };
}

export function lintInventory(inventory: Inventory, options: EngineOptions = {}): LintResult {
  const config = options.config ?? emptyConfig();
  const enabled = enabledRules(config, options.rules ?? registry);
  const needsCatalog = enabled.some((e) => e.rule.meta.needsCatalog);
  const given = options.catalog;
  const lazy = needsCatalog ? lazyCatalog(typeof given === 'function' ? given : given ? () => given : undefined) : null;
  const catalog = lazy?.catalog ?? catalogNotLoaded;
  const judged = markBoundaries(lazy === null ? inventory : resolveManagedPolicies(inventory, catalog));
  // Presets are read from policies/ only when exceeds-preset asks for one.
  const context = {
    inventory: judged,
    catalog,
    presets: options.presets ?? createPresetLookup(judged, config.presets),
    enabledRules: new Map(enabled.map((e) => [e.rule.meta.id, e.severity ?? e.rule.meta.defaultSeverity])),
  };

  const all: Finding[] = [];
  const ruleTimings: Record<string, number> = {};
  for (const { rule, severity } of enabled) {
    let raw: RawFinding[];
    const started = performance.now();
    try {
      raw = rule.check(context);
    } catch (error) {
      throw new Error(`rule ${rule.meta.id} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    ruleTimings[rule.meta.id] = performance.now() - started;
    for (const r of raw) all.push(toFinding(r, severity ?? r.severity ?? rule.meta.defaultSeverity));
  }

  const split = applySuppressions(dropSubsumedByAdmin(all), config.suppressions, config.baseDir);
  const findings = sortFindings(split.findings);
  const suppressed = sortFindings(split.suppressed);
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return {
    findings,
    suppressed,
    summary: {
      error: count('error'),
      warning: count('warning'),
      info: count('info'),
      filesRead: options.filesRead ?? 0,
      filesSkipped: options.filesSkipped ?? 0,
      suppressed: suppressed.length,
    },
    catalogDataVersion: lazy?.loaded()?.dataVersion() ?? null,
    unusedSuppressions: split.unused,
    ruleTimings,
  };
}
