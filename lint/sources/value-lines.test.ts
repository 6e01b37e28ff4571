import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointer, valueLines } from './value-lines';

/** Every pointer in a value down to maxDepth, computed from the value itself. */
function pointersOf(value: unknown, maxDepth: number, at = '', depth = 0, out: string[] = []): string[] {
  out.push(at);
  if (depth >= maxDepth || value === null || typeof value !== 'object') return out;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [k, v] of entries) pointersOf(v, maxDepth, at + pointer(k), depth + 1, out);
  return out;
}

describe('valueLines', () => {
  it('records the line where each value starts', () => {
    const text = '{\n "a": [\n  {"x": 1},\n  {"y/z": "s\\"}"}\n ],\n "b~": {"c": true,\n "d": null}\n}';
    expect(Object.fromEntries(valueLines(text, 2))).toEqual({ '': 1, '/a': 2, '/a/0': 3, '/a/1': 4, '/b~0': 6, '/b~0/c': 6, '/b~0/d': 7 });
  });

  it('finds exactly the pointers of the value, down to the depth asked, however the JSON is laid out', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, 2), fc.nat(4), (value, indent, maxDepth) => {
        const text = JSON.stringify(value, null, indent);
        if (text === undefined) return;
        const lines = valueLines(text, maxDepth);
        expect([...lines.keys()].sort()).toEqual([...new Set(pointersOf(value, maxDepth))].sort());
        if (indent === undefined) for (const line of lines.values()) expect(line).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('puts each element of a pretty-printed array on its own line', () => {
    const value = { Statement: [{ a: 1 }, { b: [1, 2] }, 'x'] };
    const lines = valueLines(JSON.stringify(value, null, 2), 2);
    expect([lines.get('/Statement/0'), lines.get('/Statement/1'), lines.get('/Statement/2')]).toEqual([3, 6, 12]);
  });
});
