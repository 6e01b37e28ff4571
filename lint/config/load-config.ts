/**
 * Read a config file: `--config FILE`, or `.iam-policy-lint.json` in the working folder when present.
 * Problems are ConfigErrors that name the file, and the line and column for malformed JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lineAndColumn, parseJsonText, stripBom } from '../sources/json-text';
import { findDuplicateKey } from './duplicate-key';
import { ConfigError, emptyConfig, type LintConfig } from './types';
import { validateConfig } from './validate-config';

export const DEFAULT_CONFIG_FILE = '.iam-policy-lint.json';

export function loadConfig(file: string, ruleIds?: readonly string[]): LintConfig {
  let text: string;
  try {
    text = stripBom(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : String((error as Error).message);
    throw new ConfigError(`${file}: cannot read the config file (${why})`);
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new ConfigError(`${file}:${parsed.line}:${parsed.column}: ${parsed.message}`);
  const duplicate = findDuplicateKey(text);
  if (duplicate !== null) {
    const { line, column } = lineAndColumn(text, duplicate.offset);
    throw new ConfigError(`${file}:${line}:${column}: "${duplicate.key}" is written twice in the same object; JSON keeps only the last, so merge the two into one`);
  }
  return validateConfig(parsed.value, file, { ruleIds, baseDir: path.dirname(path.resolve(file)) });
}

/** The config for a run: the file given, else the default file in `cwd` if it exists, else none. */
export function resolveConfig(file: string | null, ruleIds?: readonly string[], cwd = process.cwd()): LintConfig {
  if (file !== null) return loadConfig(file, ruleIds);
  const fallback = path.join(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? loadConfig(fallback, ruleIds) : emptyConfig();
}
