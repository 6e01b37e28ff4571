/**
 * `--output FILE`: checked before the run, written after it. The check comes first so a run that
 * takes a minute does not end in "cannot write", and so the report never overwrites an input.
 */
import { statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';

export class OutputFileError extends Error {
  constructor(file: string, problem: string) {
    super(`--output ${file}: ${problem}`);
    this.name = 'OutputFileError';
  }
}

function stat(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

/**
 * Refuse a folder, and a file the run reads: a PATH (the report would replace the policy it reports
 * on), or a file named by another option, such as `--baseline` (`inputs` maps the option's name to its file).
 */
export function checkOutputFile(file: string, paths: readonly string[], options: Readonly<Record<string, string | null>> = {}): void {
  const inputs = [...paths.map((p) => ({ input: p, as: p })), ...Object.entries(options).flatMap(([name, p]) => (p === null ? [] : [{ input: p, as: `${name} ${p}` }]))];
  const target = stat(file);
  if (target?.isDirectory()) throw new OutputFileError(file, `is a folder; give a file name, e.g. ${path.join(file, 'iam-policy-lint.sarif')}`);
  if (target === null && stat(path.dirname(path.resolve(file))) === null) {
    throw new OutputFileError(file, `cannot write the report (${missingFolder(file)})`);
  }
  for (const { input, as } of inputs) {
    const source = stat(input);
    // Same device and inode: the same file, whatever the spelling (./a.json, a symbolic link). A file
    // that does not exist yet is nothing to lose (and --check-no-new-access may be a preset's name).
    const same = target !== null && source !== null && target.dev === source.dev && target.ino === source.ino;
    if (!same) continue;
    // Refreshing a baseline is a run without --baseline: with it, the report holds only the new findings.
    const hint = as.startsWith('--baseline ') ? '; to refresh the baseline, run without --baseline' : '';
    throw new OutputFileError(file, `is also an input (${as}); the report would overwrite it. Write the report to another file${hint}`);
  }
}

function missingFolder(file: string): string {
  return `its folder does not exist; create it first (mkdir -p ${path.dirname(file)})`;
}

export function writeOutputFile(file: string, report: string): void {
  try {
    writeFileSync(file, report);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? missingFolder(file)
        : code === 'EISDIR'
          ? 'is a folder; give a file name'
          : code === 'EACCES'
            ? 'permission denied'
            : (code ?? String(error));
    throw new OutputFileError(file, `cannot write the report (${why})`);
  }
}
