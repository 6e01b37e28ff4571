import { describe, expect, it } from 'vitest';
import { mergeStatements, statementsOf, type PlacedStatement } from './merge-policy-documents';

const st = (sid: string | null, action: string, line: number | null = null): PlacedStatement => ({ statement: sid === null ? { Action: action } : { Sid: sid, Action: action }, line });
const actions = (placed: PlacedStatement[]) => placed.map((p) => `${(p.statement as { Sid?: string }).Sid ?? '-'} ${(p.statement as { Action: string }).Action}`);

describe('mergeStatements', () => {
  it('gives what terraform 1.11 with hashicorp/aws 5.100.0 rendered for sources, own statements and overrides', () => {
    // The same documents as the data sources base, extra, the block itself and over, merged in that order.
    const merged: PlacedStatement[] = [];
    mergeStatements(merged, [st('A', 's3:GetObject'), st(null, 's3:ListBucket'), st('B', 'sqs:SendMessage')]);
    mergeStatements(merged, [st('C', 'sns:Publish')]);
    mergeStatements(merged, [st('B', 'sqs:ReceiveMessage'), st(null, 'ec2:DescribeInstances'), st('E', 'dynamodb:GetItem')]);
    mergeStatements(merged, [st('A', 's3:PutObject'), st(null, 'logs:PutLogEvents'), st('D', 'kms:Decrypt')]);
    expect(actions(merged)).toEqual(['A s3:PutObject', '- s3:ListBucket', 'B sqs:ReceiveMessage', 'C sns:Publish', '- ec2:DescribeInstances', 'E dynamodb:GetItem', '- logs:PutLogEvents', 'D kms:Decrypt']);
  });

  it('keeps the line of the statement that won', () => {
    const merged = [st('A', 's3:GetObject', 3)];
    mergeStatements(merged, [st('A', 's3:PutObject', 12)]);
    expect(merged.map((p) => p.line)).toEqual([12]);
  });
});

describe('statementsOf', () => {
  it('reads a Statement list, a single Statement, and nothing from anything else', () => {
    expect(statementsOf({ Statement: [{ Sid: 'A' }, { Sid: 'B' }] })).toHaveLength(2);
    expect(statementsOf({ Statement: { Sid: 'A' } })).toEqual([{ Sid: 'A' }]);
    expect(statementsOf('x')).toEqual([]);
    expect(statementsOf(null)).toEqual([]);
  });
});
