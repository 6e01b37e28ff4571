/**
 * A config's suppression `file` globs, rewritten for a copy of the config kept in another folder.
 * The linter matches a glob against the finding's path as reported and against that path relative
 * to the config's folder; a copy elsewhere (lint-policies' config merged with the constructs'
 * suppressions, in a temporary folder) keeps only the first. When the config lies above the folder
 * the linter runs in (found by the upward search), a glob naming that folder by its path from the
 * config (`infra/cdktf.out/**`) is rewritten to the path as reported (`cdktf.out/**`).
 */
import path from 'node:path';
import { canonicalPath } from '../model/report-path';

/**
 * @param suppressions as written in the config (already validated)
 * @param configDir the folder of the config they were written in
 * @param cwd the folder the linter runs in, where reported paths start
 */
export function rebaseFileGlobs(suppressions: readonly unknown[], configDir: string, cwd: string): unknown[] {
  const down = canonicalPath(path.relative(configDir, cwd));
  // The same folder, or the linter runs outside the config's folder: the relative match never applied.
  if (down === '.' || down === '..' || down.startsWith('../') || path.isAbsolute(down)) return [...suppressions];
  const prefix = `${down}/`;
  return suppressions.map((raw) => {
    const file = (raw as { file?: unknown }).file;
    if (typeof file !== 'string' || !canonicalPath(file.trim()).startsWith(prefix)) return raw;
    return { ...(raw as Record<string, unknown>), file: canonicalPath(file.trim()).slice(prefix.length) };
  });
}
