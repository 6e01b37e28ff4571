/** The linter's name, version and where each rule's docs live, as reports cite them. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import packageJson from '../../package.json';

export const TOOL_NAME = 'iam-policy-lint';
export const TOOL_VERSION: string = packageJson.version;

/** Repository root: docs/rules/<id>.md is read from here. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export function docsFile(ruleId: string): string {
  return path.join(REPO_ROOT, 'docs', 'rules', `${ruleId}.md`);
}

/** The repository's web address from package.json `repository`, when it names one. */
export function repositoryUrl(repository: unknown): string | null {
  const raw = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof raw !== 'string') return null;
  const github = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (github) return `https://github.com/${github[1]}`;
  const web = /^(?:git\+)?(https:\/\/[^\s]+?)(?:\.git)?$/.exec(raw);
  return web ? web[1]! : null;
}

/**
 * Link to a rule's docs page. In GitHub Actions it points at the page in the repository at the
 * commit being checked, so code scanning alerts link to the docs of that version; else at the
 * main branch of package.json's repository; else at the file on this machine.
 */
export function docsUrl(ruleId: string, env: NodeJS.ProcessEnv = process.env, repository: unknown = (packageJson as { repository?: unknown }).repository): string {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  if (server && repo && sha) return `${server}/${repo}/blob/${sha}/docs/rules/${ruleId}.md`;
  const web = repositoryUrl(repository);
  if (web !== null) return `${web}/blob/main/docs/rules/${ruleId}.md`;
  return pathToFileURL(docsFile(ruleId)).href;
}
