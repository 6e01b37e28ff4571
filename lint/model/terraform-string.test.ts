import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policySize } from './parse-document';
import { ACCOUNT_INTERPOLATIONS, WORST_CASE_LENGTH, atWorstCaseLength, hasTemplateSequences, mapTemplateText, unescapeTemplate } from './terraform-string';

describe('unescapeTemplate', () => {
  it('renders escapes and literal interpolations, and leaves real interpolations as written', () => {
    expect(unescapeTemplate('arn:${data.aws_partition.p.partition}:iam::*:user/$${aws:username}')).toBe(
      'arn:${data.aws_partition.p.partition}:iam::*:user/${aws:username}',
    );
    expect(unescapeTemplate('%%{if x}$${aws:PrincipalTag/team}')).toBe('%{if x}${aws:PrincipalTag/team}');
    expect(unescapeTemplate('price-${"$"}${var.x}')).toBe('price-$${var.x}');
    expect(unescapeTemplate('no template here')).toBe('no template here');
  });

  it('never takes an escaped reference for an interpolation', () => {
    const seen: string[] = [];
    mapTemplateText('a $${data.aws_partition.p.partition} b ${var.c}', (piece) => {
      seen.push(piece);
      return piece;
    });
    expect(seen).toEqual(['a ', 'data.aws_partition.p.partition} b ${var.c}']);
  });
});

describe('hasTemplateSequences', () => {
  it('sees interpolations and directives, not escapes', () => {
    expect(hasTemplateSequences('{"Resource": "arn:aws:s3:::${var.bucket}/*"}')).toBe(true);
    expect(hasTemplateSequences('[%{ for a in var.actions }"${a}",%{ endfor }]')).toBe(true);
    expect(hasTemplateSequences('{"Resource": "arn:aws:iam::*:user/$${aws:username}", "x": "%%{y}"}')).toBe(false);
  });
});

describe('atWorstCaseLength', () => {
  it('sizes the account, partition and region data sources, under any name, at their longest', () => {
    const text = 'arn:${data.aws_partition.current.partition}:ec2:${data.aws_region.here.name}:${data.aws_caller_identity.me.account_id}:vpc/*';
    expect(atWorstCaseLength(text)).toBe(`arn:${'x'.repeat(10)}:ec2:${'x'.repeat(16)}:${'x'.repeat(12)}:vpc/*`);
    expect(atWorstCaseLength('${data.aws_region.r.region}/${data.aws_region.r.id}')).toBe(`${'x'.repeat(16)}/${'x'.repeat(16)}`);
  });

  it('sizes the presets\' placeholders the same way', () => {
    expect(atWorstCaseLength('arn:${Partition}:logs:${Region}:${AccountId}:*')).toBe(`arn:${'x'.repeat(10)}:logs:${'x'.repeat(16)}:${'x'.repeat(12)}:*`);
  });

  it('counts policy variables and other interpolations as written', () => {
    const text = 'arn:aws:s3:::${var.bucket}/${aws:username}/*';
    expect(atWorstCaseLength(text)).toBe(text);
  });

  it('gives what every replacement applied in turn gives, whatever the mix of tokens', () => {
    const byDefinition = (text: string): string => {
      let out = text;
      for (const [pattern, part] of ACCOUNT_INTERPOLATIONS) out = out.replace(pattern, 'x'.repeat(WORST_CASE_LENGTH[part]));
      return out.replace(/\$\{(AccountId|Partition|Region)\}/g, (_, part: 'AccountId' | 'Partition' | 'Region') => 'x'.repeat(WORST_CASE_LENGTH[part]));
    };
    const piece = fc.constantFrom(
      '${data.aws_partition.p.partition}',
      '${data.aws_region.r.name}',
      '${data.aws_caller_identity.c.account_id}',
      '${data.aws_iam_policy_document.d.json}',
      '${AccountId}',
      '${Region}',
      '${Partition}',
      '${Partition',
      '$${',
      '${',
      '$',
      '{',
      '}',
      'arn:',
      '"',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(atWorstCaseLength(text)).toBe(byDefinition(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('makes a document with tokens smaller than as written, never larger than once evaluated', () => {
    const doc = JSON.stringify({ Resource: 'arn:${data.aws_partition.current.partition}:s3:::b' });
    expect(policySize(atWorstCaseLength(doc))).toBe(policySize(doc.replace('${data.aws_partition.current.partition}', 'aws-us-gov')));
  });
});
