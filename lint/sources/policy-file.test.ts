import { describe, expect, it } from 'vitest';
import { readText } from './index';

const doc = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

describe('policy JSON files', () => {
  it('reads one document, named after the file, with the line of each statement', () => {
    const text = JSON.stringify(doc('s3:*'), null, 2);
    const { inventory } = readText('policies/deploy.json', text);
    expect(inventory.policies).toHaveLength(1);
    expect(inventory.policies[0]).toMatchObject({ key: 'policies/deploy.json', kind: 'file', name: 'deploy', origin: { resource: null, pointer: null, line: 1 } });
    expect(inventory.policies[0]?.document?.statements[0]?.line).toBe(4);
    expect(inventory.policies[0]?.document?.size).toBe(JSON.stringify(doc('s3:*')).length);
  });

  it('reads a role trust policy file as a trust policy: a Principal and no Resource are what it should have', () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] };
    const [alone] = readText('trust.json', JSON.stringify(trust, null, 2)).inventory.policies;
    expect(alone).toMatchObject({ kind: 'trust', document: { problems: [] } });
    const [named] = readText('roles.json', JSON.stringify({ runner: trust })).inventory.policies;
    expect(named).toMatchObject({ kind: 'trust', document: { problems: [] } });
    // An identity policy that lets its holder assume roles is not one.
    const assume = readText('assume.json', JSON.stringify(doc('sts:AssumeRole'))).inventory.policies[0];
    expect(assume?.kind).toBe('file');
  });

  it('reads a Statement given as a single object', () => {
    const text = '{\n"Version": "2012-10-17",\n"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}\n}';
    const statement = readText('one.json', text).inventory.policies[0]?.document?.statements[0];
    expect(statement).toMatchObject({ index: 0, actions: ['*'], line: 3 });
  });

  it('reads an array of documents and an object of named documents', () => {
    const array = readText('many.json', JSON.stringify([doc('a:*'), doc('b:*')], null, 2)).inventory.policies;
    expect(array.map((p) => [p.key, p.origin.pointer, p.document?.statements[0]?.actions, p.document?.statements[0]?.line])).toEqual([
      ['many.json#/0', '/0', ['a:*'], 5],
      ['many.json#/1', '/1', ['b:*'], 15],
    ]);
    const named = readText('named.json', JSON.stringify({ reader: doc('s3:Get*'), 'writer/x': doc('s3:Put*') })).inventory.policies;
    expect(named.map((p) => [p.key, p.name])).toEqual([
      ['named.json#/reader', 'reader'],
      ['named.json#/writer~1x', 'writer/x'],
    ]);
  });

  it('keeps a broken document as a record with its problems, for the invalid-document rule', () => {
    const { inventory } = readText('broken.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Permit', Action: 42 }] }));
    expect(inventory.policies[0]?.document?.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining(['Effect must be "Allow" or "Deny", found "Permit"', 'Action must be a string or a list of strings, found number 42']),
    );
  });

  it('does not take other JSON for a policy file', () => {
    expect(readText('package.json', '{"name": "x", "version": "1.0.0"}').skipped).toHaveLength(1);
    expect(readText('list.json', '[]').skipped).toHaveLength(1);
    expect(readText('mixed.json', JSON.stringify([doc('a:*'), { other: true }])).skipped).toHaveLength(1);
  });
});
