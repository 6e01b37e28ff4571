import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem } from './json-syntax';
import { lineAndColumn, parseJsonText, stripBom } from './json-text';

describe('parseJsonText', () => {
  it.each([
    ['{"a":}', 1, 6, 'expected a value (object, array, string, number, true, false or null), found "}"'],
    ['{"a":1,}', 1, 8, 'expected a double-quoted property name, found "}"'],
    ['{"a" 1}', 1, 6, 'expected ":" after the property name, found "1"'],
    ['{"a":"b', 1, 8, 'expected a closing quote, found end of input'],
    ['', 1, 1, 'expected a value (object, array, string, number, true, false or null), found end of input'],
    ['{"a":tru}', 1, 9, 'expected "true", found "}"'],
    ['{"a":1}x', 1, 8, 'expected the end of the JSON text, found "x"'],
    ['{\n  "a": 1\n  "b": 2}', 3, 3, 'expected "," or "}" after the property value, found a double quote'],
    ['[1,\n\t2\n,]', 3, 2, 'expected a value (object, array, string, number, true, false or null), found "]"'],
    ['{"a":"x\u0000"}', 1, 8, 'expected a closing quote before the end of the line (control characters must be escaped), found a NUL character'],
  ])('locates the error in %j at line %i column %i', (text, line, column, message) => {
    expect(parseJsonText(text)).toEqual({ ok: false, line, column, message: `malformed JSON: ${message}` });
  });

  it('strips a byte order mark only at the start', () => {
    expect(stripBom('\uFEFF{}')).toBe('{}');
    expect(stripBom('{}\uFEFF')).toBe('{}\uFEFF');
  });

  it('gives 1-based lines and columns', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('agrees with JSON.parse on valid JSON and on every truncation or corruption of it', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', '}', ']', ',', ':', '"', 'x', '\u0000', '1'), (json, cut, insert) => {
        const at = cut % (json.length + 1);
        const broken = json.slice(0, at) + insert + json.slice(at);
        for (const text of [json, broken, json.slice(0, at)]) {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          const problem = findJsonSyntaxProblem(text);
          expect(problem === null).toBe(valid);
          if (problem) expect(problem.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('handles nesting deeper than the call stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(99_999);
    expect(parseJsonText(deep)).toMatchObject({ ok: false, line: 1, column: 200_000 });
  });
});
