/**
 * The linter as a library: `lint(paths)` reads files and folders and runs the rules (files that
 * cannot be read are listed in `inputErrors`, the rest is linted);
 * `lintInventory(inventory)` runs the rules over an inventory built elsewhere (the synth-time
 * aspect builds one from the stacks). Both take the same config, so rules, severities and
 * suppressions are written once.
 */
import { lintInventory, type EngineOptions, type LintResult } from './engine/lint-inventory';
import type { Inventory } from './model/types';
import { readPaths, type InputError, type ReadOptions, type SkippedFile } from './sources/index';

export { applySuppressions, ConfigError, loadConfig, resolveConfig, validateConfig, validateSuppression } from './config/index';
export type { LintConfig, Suppression, SuppressedFinding } from './config/index';
export { enabledRules, lintInventory } from './engine/lint-inventory';
export type { EngineOptions, LintResult, Summary } from './engine/lint-inventory';
export type { Finding, Inventory, Severity } from './model/types';
export { rules } from './rules/index';

/** `file:line:column: message`, the form editors and CI logs link to. */
export function formatInputError(e: InputError): string {
  const place = e.line === null ? e.file : `${e.file}:${e.line}${e.column === null ? '' : `:${e.column}`}`;
  return `${place}: ${e.message}`;
}

export interface LintOptions extends Omit<EngineOptions, 'filesRead' | 'filesSkipped'> {
  onFile?: ReadOptions['onFile'];
}

export interface LintRunResult extends LintResult {
  /**
   * Files that could not be read (missing, unreadable, malformed JSON), in file order. The findings
   * are those of everything else; the CLI exits 2 when there are any.
   */
  inputErrors: InputError[];
  /** Files in the folders given that are none of the formats read, with why. */
  skipped: SkippedFile[];
  /** Milliseconds spent reading and parsing the inputs. */
  readTime: number;
  /** What the readers found, for checks that run after the rules (IAM Access Analyzer). */
  inventory: Inventory;
}

export async function lint(paths: string[], options: LintOptions = {}): Promise<LintRunResult> {
  const { onFile, ...engine } = options;
  const started = performance.now();
  const read = await readPaths(paths, onFile ? { onFile } : {});
  const readTime = performance.now() - started;
  // One unreadable file must not hide the findings in the others: lint what was read, and say what was not.
  const result = lintInventory(read.inventory, { ...engine, filesRead: read.filesRead, filesSkipped: read.skipped.length });
  return { ...result, inputErrors: read.errors, skipped: read.skipped, readTime, inventory: read.inventory };
}
