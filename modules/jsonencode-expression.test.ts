import { describe, expect, it } from 'vitest';
import { evaluateJsonencode } from '../lint/sources/hcl-literal';
import { jsonencodeExpression } from './jsonencode-expression';

const quote = (text: string) => JSON.stringify(text);

describe('jsonencodeExpression', () => {
  it('writes objects, lists, strings, numbers, booleans and null as an HCL literal inside jsonencode', () => {
    const value = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Condition: { NumericLessThan: { age: 3600 }, Bool: { mfa: true } }, Sid: null }] };
    const text = jsonencodeExpression(value, quote);
    expect(text).toBe(
      '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Condition" = {"NumericLessThan" = {"age" = 3600}, "Bool" = {"mfa" = true}}, "Sid" = null}]})}',
    );
    expect(evaluateJsonencode(text.slice(2, -1))).toEqual(value);
  });

  it('quotes keys and values with the function given', () => {
    expect(jsonencodeExpression({ a: ['b'] }, (t) => `"<${t}>"`)).toBe('${jsonencode({"<a>" = ["<b>"]})}');
  });

  it('refuses what is not JSON', () => {
    expect(() => jsonencodeExpression({ f: () => 1 }, quote)).toThrow(/a function is not a JSON value/);
  });
});
