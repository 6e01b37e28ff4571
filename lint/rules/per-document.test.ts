import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../model/parse-document';
import { perDocument } from './per-document';

const doc = () => parsePolicyDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

describe('perDocument', () => {
  it('judges each document object once, and documents of equal content each once', () => {
    const judged: unknown[] = [];
    const verdict = perDocument((document) => {
      judged.push(document);
      return document.statements.length;
    });
    const shared = doc();
    expect([verdict(shared), verdict(shared), verdict(doc())]).toEqual([1, 1, 1]);
    expect(judged).toHaveLength(2);
  });

  it('remembers falsy verdicts too', () => {
    let calls = 0;
    const verdict = perDocument(() => {
      calls++;
      return null;
    });
    const shared = doc();
    verdict(shared);
    verdict(shared);
    expect(calls).toBe(1);
  });
});
