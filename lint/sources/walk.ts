/**
 * The files under the paths given on the command line, sorted, so output never depends on the
 * order a file system lists a folder. Problems (a missing path, a symlink loop, a folder we may
 * not list) are reported per path; the walk goes on. A link met in a folder is followed only when
 * it leads inside the paths given: a pull request can add a link to any file on the machine that
 * runs the check, and only what it was asked to lint is read (a path given is read wherever it leads).
 */
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { InputError, SkippedFile } from './read-result';

/** Folders that hold tools' caches and other people's code, never the policies under review. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.terraform', '.git']);

export interface FileList {
  files: string[];
  errors: InputError[];
  /** Links that lead outside the paths given, not followed. */
  skipped: SkippedFile[];
}

/** Whether `path` is `root` or inside it. */
export function isWithin(path: string, root: string): boolean {
  const inside = relative(root, path);
  return inside.split(sep)[0] !== '..' && !isAbsolute(inside);
}

/** Words for a file system error code, with what to do about it. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder (ENOENT); check the path';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code}); give the linter read access or leave the path out`;
    case 'ELOOP':
      return 'too many levels of symbolic links (ELOOP): a symlink loop; remove or fix the link';
    case 'EISDIR':
      return 'is a folder where a file was expected (EISDIR)';
    case 'EMFILE':
    case 'ENFILE':
      return `too many open files (${code}); raise the limit (ulimit -n) and run again`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function fileError(file: string, message: string): InputError {
  return { file, line: null, column: null, message };
}

/** What a path that is not a regular file is, for messages. */
export function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

export function listFiles(paths: string[]): FileList {
  // Absolute path -> the name shown. One file can be given as `./dir/p.json`, `dir/p.json` and
  // within `dir`: it is read once, under the name that sorts first whatever the order of the paths.
  const files = new Map<string, string>();
  const add = (shown: string): void => {
    const absolute = resolve(shown);
    const known = files.get(absolute);
    if (known === undefined || shown < known) files.set(absolute, shown);
  };
  const errors: InputError[] = [];
  const skipped: SkippedFile[] = [];
  let realRoots: string[] | undefined;
  const leadsOutside = (link: string): boolean => {
    realRoots ??= paths.flatMap((path) => {
      try {
        return [realpathSync(path)];
      } catch {
        return [];
      }
    });
    let real: string;
    try {
      real = realpathSync(link);
    } catch {
      return false; // broken or looping: visit reports it
    }
    return !realRoots.some((root) => isWithin(real, root));
  };

  // `ancestors` holds the real paths of the folders above, to see a link that leads back up.
  const walk = (dir: string, shown: string, ancestors: Set<string>): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      errors.push(fileError(shown, `cannot list folder: ${describeFsError(error)}`));
      return;
    }
    for (const entry of entries) {
      // Plain files need no stat call: the listing already says what they are.
      if (entry.isFile()) add(join(shown, entry.name));
      // Not only isSymbolicLink(): some file systems list every entry's type as unknown.
      else if (!entry.isDirectory() && leadsOutside(join(dir, entry.name))) {
        skipped.push({ file: join(shown, entry.name), reason: 'a link that leads outside the paths given, so it is not read; lint the folder it leads to, or give the link as a path' });
      } else visit(join(dir, entry.name), join(shown, entry.name), ancestors, false);
    }
  };

  const visit = (path: string, shown: string, ancestors: Set<string>, given: boolean): void => {
    let stats: Stats;
    try {
      stats = statSync(path); // follows links: a link to a file is that file
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' && !given ? 'broken symbolic link or file removed while listing (ENOENT)' : describeFsError(error);
      errors.push(fileError(shown, `cannot read: ${message}`));
      return;
    }
    if (stats.isDirectory()) {
      const base = path.split(/[\\/]/).pop() ?? '';
      if (!given && SKIPPED_FOLDERS.has(base)) return;
      let real: string;
      try {
        real = realpathSync(path);
      } catch (error) {
        errors.push(fileError(shown, `cannot read: ${describeFsError(error)}`));
        return;
      }
      if (ancestors.has(real)) {
        errors.push(fileError(shown, `symlink loop: this folder leads back to ${real}, which is already being read; remove the link`));
        return;
      }
      const inner = new Set(ancestors);
      inner.add(real);
      walk(path, shown, inner);
    } else if (stats.isFile()) {
      add(shown);
    } else {
      errors.push(fileError(shown, `cannot read: ${kindOf(stats)}, not a file; leave it out of the paths`));
    }
  };

  for (const path of paths) visit(path, path, new Set(), true);
  return { files: [...files.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), errors, skipped };
}
