import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { README_FILE, readmeSection, renderPropsDocs } from './props-docs';

describe('modules/README.md', () => {
  it('has the props tables generated from props.ts (run `npx tsx modules/props-docs.ts --write`)', () => {
    expect(readmeSection()).toBe(renderPropsDocs());
  });

  it('documents every default', () => {
    const missing = renderPropsDocs()
      .split('\n')
      .filter((row) => row.startsWith('| `') && !row.includes('(required)') && row.split(' | ')[2] === '—');
    expect(missing).toEqual([]);
  });

  it('lists every output the construct makes', () => {
    const readme = readFileSync(README_FILE, 'utf8');
    const sources = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const names = sources.flatMap((f) => [...readFileSync(join(__dirname, f), 'utf8').matchAll(/namedOutput\([^,]+, '(\w+)'/g)].map((m) => m[1]));
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(readme, `output ${name}`).toContain(`\`${name}\``);
  });
});
