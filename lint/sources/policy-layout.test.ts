import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policySize } from '../model/policy-size';
import { policyLayout } from './policy-layout';
import { valueLines } from './value-lines';

/** What the general scanner says about the same text. */
function expected(text: string): { line: number | undefined; statementLine: number | null; elementLines: (number | undefined)[] } {
  const lines = valueLines(text, 2);
  const value = JSON.parse(text) as unknown;
  const statement = typeof value === 'object' && value !== null && 'Statement' in value ? value.Statement : undefined;
  return {
    line: lines.get(''),
    statementLine: statement === undefined ? null : (lines.get('/Statement') ?? null),
    elementLines: Array.isArray(statement) ? statement.map((_, i) => lines.get(`/Statement/${i}`)) : [],
  };
}

describe('policyLayout', () => {
  it('finds the document, its Statement list and each element', () => {
    const text = '\n{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow"},\n    {\n      "Sid": "b"\n    }\n  ]\n}\n';
    expect(policyLayout(text)).toEqual({ line: 2, statementLine: 4, elementLines: [5, 6], compactLength: policySize(text) });
  });

  it('takes the last of a repeated Statement key, as JSON.parse does, and reads escaped keys', () => {
    const text = '{"Statement": [1,\n2,\n3],\n"\\u0053tatement": {\n"Effect": "Deny"}}';
    expect(policyLayout(text)).toMatchObject({ statementLine: 4, elementLines: [] });
    const list = '{"Statement": {},\n"Statement": [\n{}, {}]}';
    expect(policyLayout(list)).toMatchObject({ statementLine: 2, elementLines: [3, 3] });
  });

  it('agrees with valueLines and policySize on any document, however it is laid out', () => {
    const element = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom('Effect', 'Action', 'Sid', 'x~/y'), fc.jsonValue({ maxDepth: 2 })));
    const document = fc.record(
      { Version: fc.jsonValue({ maxDepth: 1 }), Statement: fc.oneof(fc.array(element, { maxLength: 5 }), element), Other: fc.jsonValue({ maxDepth: 3 }) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(document, fc.constantFrom(undefined, 1, 2, '\t', ' \r\n'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const layout = policyLayout(text);
        expect({ line: layout.line, statementLine: layout.statementLine, elementLines: layout.elementLines }).toEqual(expected(text));
        expect(layout.compactLength).toBe(policySize(text));
      }),
      { numRuns: 500 },
    );
  });

  it('always finishes, even on text that is not JSON', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', ' ', '\n', '\\', 'a', '1') }), (text) => {
        expect(policyLayout(text).compactLength).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });
});
