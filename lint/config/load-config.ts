/**
 * Read a config file. Which one (locateConfig): `--config FILE`; else the file IAM_POLICY_LINT_CONFIG
 * names, which is how `npm run lint-policies -- --config FILE` hands the synth guard the same file;
 * else the nearest `.iam-policy-lint.json` from the working folder up to the repository root, as
 * ESLint and Prettier look for theirs, so a run from a subfolder keeps the repository's config.
 * Problems are ConfigErrors that name the file, and the line and column for malformed JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lineAndColumn, parseJsonText, stripBom } from '../sources/json-text';
import { findDuplicateKey } from './duplicate-key';
import { ConfigError, emptyConfig, type LintConfig } from './types';
import { validateConfig } from './validate-config';

export const DEFAULT_CONFIG_FILE = '.iam-policy-lint.json';
/** A config file for runs given no `--config`: the synth guard's, and the CLI's. */
export const CONFIG_FILE_VARIABLE = 'IAM_POLICY_LINT_CONFIG';

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

/**
 * The nearest `.iam-policy-lint.json` in `cwd` or a folder above it. The search stops at the
 * folder holding `.git` (a config above the repository belongs to something else) or at the
 * filesystem root.
 */
export function findConfigFile(cwd: string): string | null {
  for (let folder = path.resolve(cwd); ; ) {
    const candidate = path.join(folder, DEFAULT_CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(folder);
    if (parent === folder || existsSync(path.join(folder, '.git'))) return null;
    folder = parent;
  }
}

export interface ConfigLocation {
  file: string;
  /** How it was chosen, for messages: `--config`, IAM_POLICY_LINT_CONFIG, or found by the search. */
  from: 'option' | 'environment' | 'search';
}

/** Where the upward search from `cwd` stops: the folder holding `.git`, or the filesystem root. */
function searchTop(cwd: string): string {
  let folder = path.resolve(cwd);
  while (!existsSync(path.join(folder, '.git')) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return folder;
}

/**
 * Which config a run reads and why, as one line for --debug: with the upward search, a config from
 * a folder above (or none found) is otherwise invisible when rules are not what one expects.
 */
export function configDebugLine(file: string | null, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  const location = locateConfig(file, cwd, env);
  const from = path.resolve(cwd);
  if (location === null) return `config: none (no --config, no ${CONFIG_FILE_VARIABLE}, no ${DEFAULT_CONFIG_FILE} from ${from} up to ${searchTop(from)}): every rule at its default`;
  if (location.from === 'option') return `config: ${location.file} (--config)`;
  if (location.from === 'environment') return `config: ${location.file} (named by ${CONFIG_FILE_VARIABLE}, relative to ${from})`;
  return `config: ${location.file} (the nearest ${DEFAULT_CONFIG_FILE} to ${from}; --config or ${CONFIG_FILE_VARIABLE} names another)`;
}

/** Which config file a run uses, or null for none (every rule at its default). */
export function locateConfig(file: string | null, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): ConfigLocation | null {
  if (file !== null) return { file, from: 'option' };
  const named = env[CONFIG_FILE_VARIABLE];
  if (named !== undefined && named !== '') return { file: path.resolve(cwd, named), from: 'environment' };
  const found = findConfigFile(cwd);
  return found === null ? null : { file: found, from: 'search' };
}

/** The config for a run: see locateConfig. */
export function resolveConfig(file: string | null, ruleIds?: readonly string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): LintConfig {
  const location = locateConfig(file, cwd, env);
  if (location === null) return emptyConfig();
  try {
    return loadConfig(location.file, ruleIds);
  } catch (error) {
    // The file is nowhere on the command line: say where its name came from.
    if (location.from === 'environment' && error instanceof ConfigError) throw new ConfigError(`${error.message} (the file ${CONFIG_FILE_VARIABLE} names)`);
    if (location.from === 'search' && error instanceof ConfigError) {
      throw new ConfigError(`${error.message} (found as the nearest ${DEFAULT_CONFIG_FILE} to ${path.resolve(cwd)}; fix it, or pass --config FILE to use another)`);
    }
    throw error;
  }
}
