/**
 * `file(...)` and `templatefile(...)` calls that give a policy its text, as written in
 * configuration: `policy = file("${path.module}/policy.json")`. Only a literal path, or one of
 * path.module / path.root / path.cwd joined with a literal, names a file without Terraform; all
 * three are taken as the folder of the .tf file (the folder linted is read as a root module). Only
 * path.module is that folder for certain: Terraform reads a relative path, path.root and path.cwd
 * from the folder it runs in, which is another one when the .tf is a child module's.
 */
import { literalCallArguments } from './hcl-literal';

export interface FileReference {
  /** The call as written, for messages: `file("${path.module}/policy.json")`. */
  written: string;
  /** The path relative to the folder of the file that holds the call (or absolute). */
  path: string;
  /** templatefile's variables, each a literal or an opaque `${...}` token; null for file(). */
  vars: Record<string, unknown> | null;
  /** Whether the path starts with `${path.module}`: the folder of the .tf for certain, whatever module it is. */
  moduleRelative: boolean;
}

const MODULE_PATH = /^\$\{\s*path\.(?:module|root|cwd)\s*\}/;
const MODULE_FOLDER = /^\$\{\s*path\.module\s*\}/;

/** The call a whole interpolation makes; a string saying why it names no file; null when it is no such call. */
export function fileReference(expression: string): FileReference | string | null {
  const isFile = expression.startsWith('file');
  if (!isFile && !expression.startsWith('templatefile')) return null;
  const args = isFile ? literalCallArguments(expression, 'file') : literalCallArguments(expression, 'templatefile');
  if (args === undefined) return null;
  const [path, vars] = args;
  if (args.length !== (isFile ? 1 : 2) || typeof path !== 'string') return 'its arguments are not what Terraform takes';
  const written = oneLine(expression);
  const relative = literalPath(path);
  if (relative === null) return 'its path is built from an expression only Terraform evaluates';
  // `${path.module}\\p.json`: a file named `.\p.json` to Terraform on Linux, p.json on Windows.
  if (relative.includes('\\')) return 'its path separates folders with \\, which only Terraform on Windows reads as a separator; write / (Terraform reads it on every system)';
  // Terraform expands `~` to the home folder of whoever runs it.
  if (relative === '~' || relative.startsWith('~/')) return 'its path is in the home folder of whoever runs Terraform, which is not among the paths being linted';
  const moduleRelative = MODULE_FOLDER.test(path);
  if (isFile) return { written, path: relative, vars: null, moduleRelative };
  if (typeof vars !== 'object' || vars === null || Array.isArray(vars)) return 'its variables are not written as a literal map';
  // `{ (local.name) = "x" }`: which variable that gives is Terraform's to say.
  if (Object.keys(vars).some((name) => name.includes('${'))) return 'its variables are not written as a literal map (a name is computed)';
  return { written, path: relative, vars: vars as Record<string, unknown>, moduleRelative };
}

/** `${path.module}/x.json` or `x.json` to `x.json`; null when the path needs Terraform. */
function literalPath(path: string): string | null {
  const module = MODULE_PATH.exec(path);
  if (module !== null) {
    const rest = path.slice(module[0].length);
    // `${path.module}policy.json` is `.policy.json` to Terraform: only a joined path is read.
    if (rest.startsWith('\\') && rest.length > 1) return rest;
    // `${path.module}//p.json` is `.//p.json`, the same file: not the absolute `/p.json`.
    path = rest.replace(/^\/+/, '');
    if (!rest.startsWith('/') || path === '') return null;
  }
  if (path === '' || path.includes('${') || path.includes('%{')) return null;
  return path;
}

/** Calls span lines in HCL (a templatefile map): messages show them on one. */
function oneLine(expression: string): string {
  const flat = expression.replace(/\s*\n\s*/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}
