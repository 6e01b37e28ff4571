import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from './parse-document';
import { policySize } from './policy-size';

describe('parsePolicyDocument', () => {
  it('reports a statement\'s problems in a fixed order: Sid, unknown elements as written, Effect, lists', () => {
    const doc = parsePolicyDocument({
      Version: '2012-10-17',
      Statement: [{ Zeta: 1, Effect: 'Maybe', Sid: 7, Action: [], Alpha: true, Resource: ['*', 3] }],
    });
    expect(doc.problems.map((p) => p.message)).toEqual([
      'Sid must be a string, found number 7',
      'unknown statement element "Zeta"',
      'unknown statement element "Alpha"',
      'Effect must be "Allow" or "Deny", found "Maybe"',
      'Action is an empty list',
      'Resource must be a string or a list of strings, found number 3',
    ]);
    expect(doc.statements[0]).toMatchObject({ sid: null, effect: 'Maybe', actions: [], resources: ['*'] });
  });

  it('keeps an Effect that is one Terraform reference opaque, neither granting nor malformed', () => {
    const doc = parsePolicyDocument({
      Version: '2012-10-17',
      Statement: [
        { Effect: '${var.effect}', Action: 's3:GetObject', Resource: '*' },
        { Effect: 'x-${var.effect}', Action: 's3:GetObject', Resource: '*' },
      ],
    });
    expect(doc.problems).toEqual([{ statement: 1, message: 'Effect must be "Allow" or "Deny", found "x-${var.effect}"' }]);
    expect(doc.statements[0]?.effect).toBe('${var.effect}');
  });

  it('keeps a statement or a Condition that is one Terraform expression opaque, not malformed', () => {
    const forExpression = '${[for b in var.buckets : { Effect = "Allow", Resource = "arn:aws:s3:::${b}" }]}';
    const doc = parsePolicyDocument({
      Version: '2012-10-17',
      Statement: [forExpression, { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: '${var.condition}' }, 'text'],
    });
    expect(doc.problems).toEqual([{ statement: 2, message: 'statement must be an object, found "text"' }]);
    expect(doc.statements.map((s) => [s.index, s.condition])).toEqual([[1, { '${var.condition}': { '${var.condition}': ['${var.condition}'] } }]]);
  });

  it('normalises string-or-list elements and conditions to lists of strings', () => {
    const doc = parsePolicyDocument({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 's3:GetObject', NotResource: ['a', 'b'], Condition: { Bool: { 'aws:SecureTransport': true }, StringEquals: { 'k': ['x', 'y'] } } },
    });
    expect(doc.problems).toEqual([]);
    expect(doc.statements[0]).toMatchObject({
      index: 0,
      actions: ['s3:GetObject'],
      notActions: null,
      resources: null,
      notResources: ['a', 'b'],
      condition: { Bool: { 'aws:SecureTransport': ['true'] }, StringEquals: { k: ['x', 'y'] } },
    });
  });

  it('reads a statement the same whatever the order of its keys', () => {
    const element = fc.oneof(fc.string(), fc.array(fc.oneof(fc.string(), fc.integer())), fc.constant(null), fc.integer());
    const statement = fc.dictionary(
      fc.constantFrom('Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'Condition', 'Extra'),
      element,
    );
    fc.assert(
      fc.property(statement, (raw) => {
        const reversed = Object.fromEntries(Object.entries(raw).reverse());
        const a = parsePolicyDocument({ Version: '2012-10-17', Statement: [raw] });
        const b = parsePolicyDocument({ Version: '2012-10-17', Statement: [reversed] });
        expect(b.statements).toEqual(a.statements);
        // Only unknown elements are reported in the order written.
        const sorted = (problems: { message: string }[]) => problems.map((p) => p.message).sort();
        expect(sorted(b.problems)).toEqual(sorted(a.problems));
      }),
      { numRuns: 300 },
    );
  });

  it('sizes a document the same from a compact length the reader measured as from its text alone', () => {
    const token = fc.constantFrom('${data.aws_partition.p.partition}', '${data.aws_region.r.name}', '${AccountId}', '${aws:username}', 'arn:', '*', ' ');
    const resource = fc.array(token, { maxLength: 6 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(fc.array(resource, { minLength: 1, maxLength: 4 }), fc.constantFrom(undefined, 2, '\t'), (resources, indent) => {
        const value = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: resources }] };
        const text = JSON.stringify(value, null, indent);
        const measured = parsePolicyDocument(value, { text, compactLength: policySize(text) });
        expect(measured.size).toBe(parsePolicyDocument(value, { text }).size);
      }),
      { numRuns: 300 },
    );
  });
});
