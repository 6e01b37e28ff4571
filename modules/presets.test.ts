import { describe, expect, it } from 'vitest';
import { presetNames } from '../policies';
import { evaluateJsonencode } from '../lint/sources/hcl-literal';
import { synthPresetUser } from '../test/fixtures/modules/stack';

describe('the presets in policies/ through the construct', () => {
  const names = presetNames();

  it('there are presets to check', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it.each(names)('%s synthesizes with every placeholder replaced', (name) => {
    const synth = synthPresetUser(name);
    const texts = Object.values(synth.resource.aws_iam_policy).map((p) => String(p.policy));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      const inner = /^\$\{(jsonencode\((.*)\))\}$/s.exec(text);
      expect(inner).not.toBeNull();
      expect(evaluateJsonencode(inner?.[1] ?? '')).toMatchObject({ Version: '2012-10-17' });
      expect(text).not.toContain('123456789012');
      expect(text).not.toMatch(/\$\{(AccountId|Partition|Region)\}/);
      // Any other `${` is an IAM variable and must be escaped for Terraform.
      const unescaped = [...(inner?.[2] ?? '').matchAll(/(?<!\$)\$\{([^}]*)\}/g)].map((m) => m[1]).filter((ref) => !ref.startsWith('data.aws_'));
      expect(unescaped).toEqual([]);
    }
  });
});
