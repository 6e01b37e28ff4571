import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../model/parse-document';
import type { Statement } from '../model/types';
import { couldBeOfFormat, isBroadResource, isSelfOnly, reachesAllResources, reachInWords } from './resources';

const OBJECT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
const BUCKET = 'arn:${Partition}:s3:::${BucketName}';
const STACK = 'arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}';
const SNAPSHOT = 'arn:${Partition}:ec2:${Region}::snapshot/${SnapshotId}';

describe('couldBeOfFormat', () => {
  it.each([
    ['arn:aws:s3:::logs/*', OBJECT, true],
    ['arn:aws:s3:::logs', OBJECT, false],
    ['arn:aws:s3:::logs', BUCKET, true],
    ['arn:aws:s3:::logs/*', BUCKET, false],
    ['arn:aws:s3:::*', OBJECT, true],
    ['arn:${data.aws_partition.p.partition}:s3:::logs/${var.key}', OBJECT, true],
    ['arn:aws:cloudformation:*:*:stack/Nmd*', STACK, true],
    ['arn:aws:ec2:*:*:snapshot/*', SNAPSHOT, true],
    ['arn:aws:dynamodb:*:*:table/x', OBJECT, false],
    // A wildcard or a token before the service field may stretch over it.
    ['arn:aws:*', OBJECT, true],
    ['arn:*:s3:::logs/x', OBJECT, true],
    ['arn:aws:s3*:::logs/x', OBJECT, true],
    ['arn:${var.partition_and_service}:::logs/x', OBJECT, true],
    ['arn:aws:S3:::logs/x', OBJECT, true],
    ['arn:aws:s3-object-lambda:::logs/x', OBJECT, false],
  ])('%s against %s: %s', (resource, format, expected) => {
    expect(couldBeOfFormat(resource, format)).toBe(expected);
  });
});

describe('isBroadResource', () => {
  it.each([
    ['*', true],
    ['arn:aws:iam::*:role/*', true],
    ['arn:aws:lambda:*:*:function:*', true],
    ['arn:aws:s3:::*', true],
    ['arn:aws:s3:::*/*', true],
    ['arn:aws:s3:::my-bucket/*', false],
    ['arn:aws:iam::*:role/eksctl-*', false],
    ['arn:aws:iam::210987654321:user/${aws:username}', false],
  ])('%s: %s', (resource, expected) => {
    expect(isBroadResource(resource)).toBe(expected);
  });
});

/** An Allow of `Action` on `Resource`, as the model holds it. */
const allowOn = (Action: string, Resource: string[]) =>
  parsePolicyDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] }).statements[0];

describe('isSelfOnly', () => {
  const statement = (Resource: string[]) => allowOn('iam:CreateAccessKey', Resource);
  it('holds when every resource is the caller itself', () => {
    expect(isSelfOnly(statement(['arn:aws:iam::*:user/${aws:username}']))).toBe(true);
    expect(isSelfOnly(statement(['arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::*:user/admin']))).toBe(false);
  });
});

describe('reachesAllResources', () => {
  const statement = (Resource: string[]) => allowOn('iam:PassRole', Resource);
  it('holds when every entry is broad, or one matches every ARN', () => {
    expect(reachesAllResources(statement(['arn:aws:iam::*:role/*']))).toBe(true);
    expect(reachesAllResources(statement(['arn:aws:iam::210987654321:role/app', '*']))).toBe(true);
    expect(reachesAllResources(statement(['arn:aws:iam::210987654321:role/app', 'arn:aws:iam::210987654321:role/ci-*']))).toBe(false);
  });
});

describe('reachInWords', () => {
  const statement = (resources: string[] | null, notResources: string[] | null = null): Statement => ({
    index: 0, sid: null, effect: 'Allow', actions: ['s3:PutObject'], notActions: null, resources, notResources, principal: null, notPrincipal: null, condition: null, line: null,
  });
  it.each([
    [['*'], 'every resource'],
    [['arn:*'], 'every resource'],
    [['arn:aws:*:*:*:*'], 'every resource'],
    [['arn:aws:iam::*:role/*'], 'every resource of its type (arn:aws:iam::*:role/*)'],
    [['arn:aws:s3:::*', 'arn:aws:s3:::*/*'], 'every resource of their types (arn:aws:s3:::*, arn:aws:s3:::*/*)'],
    [['arn:aws:iam::*:role/*', '*'], 'every resource'],
  ])('%j: %s', (resources, words) => {
    expect(reachInWords(statement(resources))).toBe(words);
  });
  it('names NotResource as the exception', () => {
    expect(reachInWords(statement(null, ['arn:aws:s3:::logs/*']))).toBe('every resource but those in NotResource');
  });
});
