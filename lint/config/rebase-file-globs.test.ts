import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebaseFileGlobs } from './rebase-file-globs';

const repo = path.resolve('/repo');
const suppressions = [
  { rule: 'admin-access', file: 'infra/cdktf.out/**', reason: 'r' },
  { rule: 'policy-size', file: './infra\\policies/legacy/*.json', reason: 'r' },
  { rule: 'policy-size', file: '**/legacy/*.json', reason: 'r' },
  { rule: 'policy-size', file: 'other/policies/*.json', reason: 'r' },
  { rule: 'admin-access', resource: 'aws_iam_user_policy_attachment.admin', reason: 'r' },
];

describe('rebaseFileGlobs', () => {
  it('rewrites globs that name the linted folder by its path from a config above it', () => {
    expect(rebaseFileGlobs(suppressions, repo, path.join(repo, 'infra')).map((s) => (s as { file?: string }).file)).toEqual([
      'cdktf.out/**',
      'policies/legacy/*.json',
      // These never matched a path under infra/ through the relative path alone, or match as reported.
      '**/legacy/*.json',
      'other/policies/*.json',
      undefined,
    ]);
  });

  it('keeps every glob when the config is in the linted folder, or not above it', () => {
    expect(rebaseFileGlobs(suppressions, repo, repo)).toEqual(suppressions);
    expect(rebaseFileGlobs(suppressions, path.join(repo, 'infra'), repo)).toEqual(suppressions);
    expect(rebaseFileGlobs(suppressions, path.join(repo, 'a'), path.join(repo, 'b'))).toEqual(suppressions);
  });
});
