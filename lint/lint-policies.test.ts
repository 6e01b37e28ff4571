import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthIsStale } from './lint-policies';

/** A project folder whose files carry the given ages in seconds. */
function project(ages: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'lint-policies-'));
  const now = Date.now() / 1000;
  for (const [file, age] of Object.entries(ages)) {
    const path = join(root, file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '{}');
    utimesSync(path, now - age, now - age);
  }
  return root;
}

describe('synthIsStale', () => {
  it('is stale when cdktf.out has not been written', () => {
    expect(synthIsStale(project({ 'main.ts': 10 }))).toBe(true);
  });

  it('is fresh when cdktf.out is newer than every source', () => {
    const root = project({ 'main.ts': 100, 'modules/user.ts': 90, 'policies/a.json': 80, 'cdktf.out/manifest.json': 10 });
    expect(synthIsStale(root)).toBe(false);
  });

  it('is stale when main.ts, a module or a preset changed after the synth', () => {
    for (const changed of ['main.ts', 'modules/user.ts', 'policies/a.json', 'cdktf.json']) {
      const root = project({ 'main.ts': 100, 'modules/user.ts': 100, 'policies/a.json': 100, 'cdktf.json': 100, 'cdktf.out/manifest.json': 50, [changed]: 5 });
      expect(synthIsStale(root), changed).toBe(true);
    }
  });

  it('ignores test files, which do not change what is synthesized', () => {
    const root = project({ 'main.ts': 100, 'modules/user.test.ts': 5, 'cdktf.out/manifest.json': 50 });
    expect(synthIsStale(root)).toBe(false);
  });
});
