import { describe, expect, it } from 'vitest';
import type { PolicyRecord } from '../model/types';
import { REPORTED_AS_INPUT_ERROR } from '../sources/referenced-files';
import { uncheckedLines } from './unchecked';

function record(resource: string, unresolved: string | undefined, line: number | null): PolicyRecord {
  const policy: PolicyRecord = { key: resource, kind: 'managed', origin: { file: 'infra/main.tf', resource, pointer: null, line }, name: null, arn: null, document: null, parseError: null };
  if (unresolved !== undefined) policy.unresolved = unresolved;
  return policy;
}

describe('uncheckedLines', () => {
  const policies = [
    record('aws_iam_policy.a', '${var.p}', 2),
    record('aws_iam_policy.b', '${file("/etc/passwd")}: /etc/passwd is outside the paths being linted, so it is not read', null),
    // Malformed, not unchecked: invalid-document reports it.
    { ...record('aws_iam_policy.c', undefined, 9), parseError: 'the policy is not valid JSON' },
  ];

  it('counts the policies whose text the run did not have, and says where to look', () => {
    expect(uncheckedLines(policies, false)).toEqual([
      'note: 2 policies were not checked: their text is not in the files read (a variable, a module output, a file outside the paths linted, ' +
        'a template only Terraform renders); lint the plan (terraform show -json) to check them (--debug lists them with why)',
    ]);
    expect(uncheckedLines([policies[2] as PolicyRecord], false)).toEqual([]);
  });

  it('leaves out a policy, or a merged part, whose file is reported as an input error already', () => {
    const gone = record('aws_iam_policy.gone', `\${file("gone.json")}: ${REPORTED_AS_INPUT_ERROR}`, 3);
    const merged: PolicyRecord = {
      ...record('aws_iam_policy.m', undefined, 4),
      document: { version: '2012-10-17', id: null, statements: [], problems: [], size: null },
      uncheckedParts: [`source_policy_documents[0] (\${file("bad.json")}) is not checked: ${REPORTED_AS_INPUT_ERROR}`],
    };
    expect(uncheckedLines([gone, merged], true)).toEqual([]);
    expect(uncheckedLines([gone, ...policies], false)[0]).toMatch(/^note: 2 policies were not checked/);
  });

  it('lists each with its place and why under --debug', () => {
    expect(uncheckedLines(policies, true).slice(1)).toEqual([
      'unchecked infra/main.tf:2 aws_iam_policy.a: ${var.p}',
      'unchecked infra/main.tf aws_iam_policy.b: ${file("/etc/passwd")}: /etc/passwd is outside the paths being linted, so it is not read',
    ]);
  });

  it('counts apart, and lists, the policies checked without a document they merge', () => {
    const merged: PolicyRecord = {
      ...record('aws_iam_policy.m', undefined, 4),
      document: { version: '2012-10-17', id: null, statements: [], problems: [], size: null },
      uncheckedParts: ['override_policy_documents[0] (${var.extra}) is merged by Terraform but its document is not in the input'],
    };
    expect(uncheckedLines([merged], false)).toEqual([
      'note: 1 policy was checked only in part: a document it merges is not in the files read (a variable, a data source of another module, a file outside the paths linted, ' +
        'a template only Terraform renders); lint the plan (terraform show -json) to check all of it (--debug lists them with why)',
    ]);
    expect(uncheckedLines([policies[0] as PolicyRecord, merged], true).slice(2)).toEqual([
      'unchecked infra/main.tf:2 aws_iam_policy.a: ${var.p}',
      'unchecked in part infra/main.tf:4 aws_iam_policy.m: override_policy_documents[0] (${var.extra}) is merged by Terraform but its document is not in the input',
    ]);
  });
});
