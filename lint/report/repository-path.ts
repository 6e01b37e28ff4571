/**
 * Where GitHub looks for a reported file. Annotations and code scanning read a path relative to the
 * repository root, but a workflow step with `working-directory: infra` reports `cdktf.out/...`, so
 * every annotation pointed at a file that is not there. In GitHub Actions (GITHUB_WORKSPACE set) a
 * path inside the workspace is made relative to it; elsewhere, or outside it, the path is kept.
 */
import path from 'node:path';

export function repositoryPath(file: string, env: NodeJS.ProcessEnv, cwd: string): string {
  const workspace = env.GITHUB_WORKSPACE;
  if (!workspace) return file;
  const relative = path.relative(path.resolve(workspace), path.resolve(cwd, file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join('/');
}
