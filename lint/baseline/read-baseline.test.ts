import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaselineError, parseBaseline, readBaseline } from './read-baseline';

const report = {
  findings: [
    { ruleId: 'admin-access', severity: 'error', message: 'm', file: 'a.json', resource: null, statement: 0, line: 3 },
    { ruleId: 'policy-size', severity: 'error', message: 'n', file: 'b.json', resource: 'aws_iam_policy.b', statement: null, line: null },
  ],
  summary: { error: 2, warning: 0, info: 0 },
};

function writeTemp(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'baseline-')), 'baseline.json');
  writeFileSync(file, text);
  return file;
}

describe('readBaseline', () => {
  it('reads the findings of a JSON report', () => {
    expect(readBaseline(writeTemp(JSON.stringify(report)))).toEqual([
      { ruleId: 'admin-access', message: 'm', file: 'a.json', resource: null, statement: 0 },
      { ruleId: 'policy-size', message: 'n', file: 'b.json', resource: 'aws_iam_policy.b', statement: null },
    ]);
  });

  it('names the file and says what is wrong', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"findings": [', /--baseline .*baseline\.json: not valid JSON/],
      ['{"findings": [}', /not valid JSON at line 1, column 15 \(/],
      ['', /baseline\.json: is empty; write a baseline with iam-policy-lint --format json/],
      ['\ufeff \n', /is empty/],
      ['[]', /not a JSON report: expected an object with a "findings" list/],
      ['{"version": "2.1.0", "runs": [{"results": []}]}', /baseline\.json: is a SARIF log; --baseline takes a JSON report: write one with --format json/],
      ['{"findings": [{"ruleId": 1, "file": "a", "message": "m"}]}', /findings\[0\]\.ruleId must be a string/],
      ['{"findings": [{"ruleId": "r", "file": "a", "message": "m", "statement": true}]}', /findings\[0\]\.statement must be/],
      ['{"findings": [{"ruleId": "r", "file": "a", "message": "m", "resource": 3}]}', /findings\[0\]\.resource must be/],
    ];
    for (const [text, expected] of cases) {
      const file = writeTemp(text);
      expect(() => readBaseline(file), text).toThrow(BaselineError);
      expect(() => readBaseline(file), text).toThrow(expected);
    }
    expect(() => readBaseline('/no/such/baseline.json')).toThrow('--baseline /no/such/baseline.json: no such file; write one first with iam-policy-lint --format json --fail-on never --output FILE PATH...');
    expect(() => readBaseline(tmpdir())).toThrow(`--baseline ${tmpdir()}: is a folder; give the JSON report file`);
  });

  it('accepts an empty report', () => {
    expect(parseBaseline('{"findings": []}', 'empty.json')).toEqual([]);
  });
});
