/** Which config file a run uses when none is given: IAM_POLICY_LINT_CONFIG, else the nearest one up to the repository root. */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_VARIABLE, DEFAULT_CONFIG_FILE, configDebugLine, findConfigFile, locateConfig, resolveConfig } from './load-config';

/** A folder tree under a fresh temporary folder; a path ending in `/` is a folder, else a config file with these rules. */
function tree(entries: Record<string, Record<string, string> | null>): string {
  const top = mkdtempSync(path.join(tmpdir(), 'iam-lint-search-'));
  for (const [entry, rules] of Object.entries(entries)) {
    const full = path.join(top, entry);
    if (rules === null) mkdirSync(full, { recursive: true });
    else {
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, JSON.stringify({ rules }));
    }
  }
  return top;
}

describe('findConfigFile', () => {
  it('finds the repository\'s config from a subfolder, and the nearest one when there are several', () => {
    const top = tree({ 'repo/.git/': null, 'repo/.iam-policy-lint.json': { 'policy-size': 'warning' }, 'repo/infra/stacks/': null, 'repo/legacy/.iam-policy-lint.json': { 'policy-size': 'off' }, 'repo/legacy/iam/': null });
    const repo = path.join(top, 'repo');
    expect(findConfigFile(path.join(repo, 'infra', 'stacks'))).toBe(path.join(repo, DEFAULT_CONFIG_FILE));
    expect(findConfigFile(repo)).toBe(path.join(repo, DEFAULT_CONFIG_FILE));
    expect(findConfigFile(path.join(repo, 'legacy', 'iam'))).toBe(path.join(repo, 'legacy', DEFAULT_CONFIG_FILE));
    // Relative to the config's folder, so suppression globs written there keep matching.
    expect(resolveConfig(null, undefined, path.join(repo, 'infra', 'stacks'), {})).toMatchObject({ rules: { 'policy-size': 'warning' }, baseDir: repo });
  });

  it('stops at the folder holding .git (a folder, or a file as in a worktree): a config above the repository is not its own', () => {
    const top = tree({ '.iam-policy-lint.json': { 'policy-size': 'off' }, 'repo/.git/': null, 'repo/sub/': null, 'worktree/sub/': null });
    writeFileSync(path.join(top, 'worktree', '.git'), 'gitdir: ../repo/.git/worktrees/w\n');
    expect(findConfigFile(path.join(top, 'repo', 'sub'))).toBeNull();
    expect(findConfigFile(path.join(top, 'worktree', 'sub'))).toBeNull();
    expect(resolveConfig(null, undefined, path.join(top, 'repo', 'sub'), {})).toEqual({ rules: {}, suppressions: [], presets: {}, baseDir: null, source: null });
    // Outside any repository the search goes on upward.
    expect(findConfigFile(path.join(top, 'repo'))).toBeNull();
    mkdirSync(path.join(top, 'loose', 'sub'), { recursive: true });
    expect(findConfigFile(path.join(top, 'loose', 'sub'))).toBe(path.join(top, DEFAULT_CONFIG_FILE));
  });

  it('stops at the filesystem root', () => {
    const root = path.parse(tmpdir()).root;
    const there = path.join(root, DEFAULT_CONFIG_FILE);
    expect(findConfigFile(root)).toBe(existsSync(there) ? there : null);
  });
});

describe('locateConfig', () => {
  const top = tree({ 'repo/.git/': null, 'repo/.iam-policy-lint.json': { 'policy-size': 'warning' }, 'repo/ci.json': { 'policy-size': 'info' }, 'repo/sub/': null });
  const repo = path.join(top, 'repo');

  it('takes --config first, then the file IAM_POLICY_LINT_CONFIG names (relative to the working folder), then the search', () => {
    const env = { [CONFIG_FILE_VARIABLE]: 'ci.json' };
    expect(locateConfig('other.json', repo, env)).toEqual({ file: 'other.json', from: 'option' });
    expect(locateConfig(null, repo, env)).toEqual({ file: path.join(repo, 'ci.json'), from: 'environment' });
    expect(locateConfig(null, path.join(repo, 'sub'), { [CONFIG_FILE_VARIABLE]: '' })).toEqual({ file: path.join(repo, DEFAULT_CONFIG_FILE), from: 'search' });
    expect(resolveConfig(null, undefined, repo, env).rules).toEqual({ 'policy-size': 'info' });
  });

  it('says a file it cannot use came from IAM_POLICY_LINT_CONFIG', () => {
    const missing = path.join(repo, 'nope.json');
    expect(() => resolveConfig(null, undefined, repo, { [CONFIG_FILE_VARIABLE]: 'nope.json' })).toThrow(`${missing}: cannot read the config file (no such file) (the file ${CONFIG_FILE_VARIABLE} names)`);
    writeFileSync(path.join(repo, 'typo.json'), JSON.stringify({ presets: { deployer: 'eks-eksctll' } }));
    expect(() => resolveConfig(null, undefined, repo, { [CONFIG_FILE_VARIABLE]: 'typo.json' })).toThrow(
      new RegExp(`^${path.join(repo, 'typo.json').replace(/[.\\/]/g, '\\$&')}: presets\\["deployer"\\]: unknown preset "eks-eksctll"; did you mean "eks-eksctl"\\?.*\\(the file ${CONFIG_FILE_VARIABLE} names\\)$`),
    );
  });
});

describe('a config found by the search', () => {
  it('says, when it cannot be used, that the search found it and how to use another', () => {
    const top = tree({ 'repo/.git/': null, 'repo/.iam-policy-lint.json/': null, 'repo/sub/': null });
    const sub = path.join(top, 'repo', 'sub');
    expect(() => resolveConfig(null, undefined, sub, {})).toThrow(
      `${path.join(top, 'repo', DEFAULT_CONFIG_FILE)}: cannot read the config file (it is a folder) (found as the nearest ${DEFAULT_CONFIG_FILE} to ${sub}; fix it, or pass --config FILE to use another)`,
    );
  });

  it('is named, with how it was chosen, in the --debug line', () => {
    const top = tree({ 'repo/.git/': null, 'repo/.iam-policy-lint.json': {}, 'repo/ci.json': {}, 'repo/sub/': null, 'bare/.git/': null, 'bare/sub/': null });
    const repo = path.join(top, 'repo');
    const sub = path.join(repo, 'sub');
    expect(configDebugLine(null, sub, {})).toBe(`config: ${path.join(repo, DEFAULT_CONFIG_FILE)} (the nearest ${DEFAULT_CONFIG_FILE} to ${sub}; --config or ${CONFIG_FILE_VARIABLE} names another)`);
    expect(configDebugLine(null, repo, { [CONFIG_FILE_VARIABLE]: 'ci.json' })).toBe(`config: ${path.join(repo, 'ci.json')} (named by ${CONFIG_FILE_VARIABLE}, relative to ${repo})`);
    expect(configDebugLine('ci.json', repo, { [CONFIG_FILE_VARIABLE]: 'x.json' })).toBe('config: ci.json (--config)');
    const bare = path.join(top, 'bare', 'sub');
    expect(configDebugLine(null, bare, {})).toBe(`config: none (no --config, no ${CONFIG_FILE_VARIABLE}, no ${DEFAULT_CONFIG_FILE} from ${bare} up to ${path.join(top, 'bare')}): every rule at its default`);
  });
});
