import { describe, expect, it } from 'vitest';
import { canonicalPath } from './report-path';

describe('canonicalPath', () => {
  it('spells one file one way: forward slashes, no leading ./, collapsed separators', () => {
    for (const spelling of ['policies/a.json', './policies/a.json', '././policies\\a.json', 'policies//./a.json']) {
      expect(canonicalPath(spelling)).toBe('policies/a.json');
    }
    expect(canonicalPath('../infra/**/*.json')).toBe('../infra/**/*.json');
  });
});
