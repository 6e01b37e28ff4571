import { describe, expect, it } from 'vitest';
import { closest, correctedGlob, editDistance, globMatcher, globMatches, splitAction } from './action-pattern';

describe('globMatcher', () => {
  it.each([
    ['s3:Get*', 's3:GetObject', true],
    ['S3:GET*OBJECT', 's3:GetObject', true],
    ['s3:Get*Object', 's3:GetObjectAcl', false],
    ['iam:?assRole', 'iam:PassRole', true],
    ['*', 'anything:at all', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['', '', true],
  ])('%s matches %s: %s', (glob, text, expected) => {
    expect(globMatcher(glob)(text)).toBe(expected);
  });

  it('stays fast on patterns that make regular expressions backtrack', () => {
    const hostile = 's3:' + '*a'.repeat(40) + 'b';
    const started = Date.now();
    expect(globMatcher(hostile)('s3:' + 'a'.repeat(100))).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('editDistance and closest', () => {
  it('is Levenshtein without wildcards, and free for what a * covers', () => {
    expect(editDistance('getobjct', 'getobject')).toBe(1);
    expect(editDistance('get*objct', 'getbucketobject')).toBe(1);
  });
  it('picks the closest candidate, and gives up on input longer than any action', () => {
    expect(closest('s3:GetObjct', ['s3:GetObject', 's3:PutObject'])).toBe('s3:GetObject');
    expect(closest('s3:' + 'x'.repeat(10_000), ['s3:GetObject'])).toBeNull();
  });
});

describe('correctedGlob', () => {
  it("mends a glob to match the name with as many edits as editDistance counts, keeping its wildcards and the name's spelling", () => {
    const cases: [string, string, string][] = [
      ['s3:Get*Objct', 's3:GetBucketObject', 's3:Get*Object'],
      ['ec2:*instancez', 'ec2:RunInstances', 'ec2:*Instances'],
      ['ssm:Get?arameterz', 'ssm:GetParameter', 'ssm:Get?arameter'],
      ['S3:GetObjct', 's3:GetObject', 's3:GetObject'],
      ['lambda:*', 'lambda:InvokeFunction', 'lambda:*'],
    ];
    for (const [glob, name, mended] of cases) {
      expect(correctedGlob(glob, name)).toBe(mended);
      expect(globMatcher(mended)(name)).toBe(true);
    }
  });
});

describe('splitAction', () => {
  it('splits at the first colon', () => {
    expect(splitAction('s3:GetObject')).toEqual({ service: 's3', action: 'GetObject' });
    expect(splitAction('GetObject')).toBeNull();
    expect(splitAction(':x')).toBeNull();
  });
});

describe('globMatches', () => {
  it('takes any one character for ?, and, when the text is a glob too, never its * (any run)', () => {
    expect(globMatches('invoice-?', 'invoice-a')).toBe(true);
    expect(globMatches('invoice-?', 'invoice-*')).toBe(true);
    expect(globMatches('invoice-?', 'invoice-*', true)).toBe(false);
    expect(globMatches('invoice-*', 'invoice-*', true)).toBe(true);
    expect(globMatches('invoice-?', 'invoice-a', true)).toBe(true);
  });
});
