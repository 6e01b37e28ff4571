import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountValues } from './account-context';
import { atWorstCaseLength, fromTerraformString, toHclQuotedString, toTerraformString } from './terraform-text';

const values: AccountValues = { accountId: '<ACCOUNT>', partition: '<PARTITION>', region: '<REGION>' };

describe('toTerraformString', () => {
  it('substitutes placeholders and escapes every other template sequence', () => {
    expect(toTerraformString('arn:${Partition}:s3:::b-${AccountId}/${aws:username}/%{x}', values)).toBe('arn:<PARTITION>:s3:::b-<ACCOUNT>/$${aws:username}/%%{x}');
    expect(toTerraformString('arn:aws:iam::123456789012:role/r', values)).toBe('arn:aws:iam::<ACCOUNT>:role/r');
    expect(toTerraformString('id 1234567890123 stays', values)).toBe('id 1234567890123 stays');
    expect(toTerraformString('${Region}', values)).toBe('<REGION>');
  });

  it('sizes placeholders at their longest', () => {
    expect(atWorstCaseLength('${AccountId}:123456789012:${Partition}:${Region}')).toBe(['x'.repeat(12), 'x'.repeat(12), 'x'.repeat(10), 'x'.repeat(16)].join(':'));
  });
});

describe('toHclQuotedString', () => {
  it('quotes the text for inside an expression, escaping quotes, backslashes and control characters as well', () => {
    expect(toHclQuotedString('arn:${Partition}:s3:::b/${aws:username}/%{x}', values)).toBe('"arn:<PARTITION>:s3:::b/$${aws:username}/%%{x}"');
    expect(toHclQuotedString('say "hi" \\ then\n\tgo', values)).toBe('"say \\"hi\\" \\\\ then\\u000a\\u0009go"');
    // The `${"$"}` written before an interpolation keeps its quotes: they are inside the interpolation.
    expect(toHclQuotedString('$${AccountId}', values)).toBe('"${"$"}<ACCOUNT>"');
  });
});

describe('fromTerraformString', () => {
  const rendered: AccountValues = {
    accountId: '${data.aws_caller_identity.current.account_id}',
    partition: '${data.aws_partition.current.partition}',
    region: '${data.aws_region.current.name}',
  };

  it('gives back what IAM will see, with placeholders, for any text', () => {
    const fragment = fc.constantFrom('${AccountId}', '${Partition}', '${Region}', '123456789012', '${aws:username}', '$', '{', '%{', ':', 'arn', '/', '1');
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const expected = text.replace(/(?<!\d)123456789012(?!\d)/g, '${AccountId}');
        expect(fromTerraformString(toTerraformString(text, rendered))).toBe(expected);
      }),
    );
  });

  it('reads data sources under other names', () => {
    expect(fromTerraformString('arn:${data.aws_partition.this.partition}:iam::${data.aws_caller_identity.me.account_id}:user/$${aws:username}')).toBe(
      'arn:${Partition}:iam::${AccountId}:user/${aws:username}',
    );
  });
});
