/**
 * A literal console password can only be written in configuration: hashicorp/aws has no `password`
 * argument, so a plan never carries one, and the `password` of a state is the one IAM generated.
 */
import { describe, expect, it } from 'vitest';
import { readText } from './index';

const profile = { user: 'scanner', password_reset_required: true, pgp_key: null, password: 'Xq3!generated-by-iam' };

describe('literal console passwords', () => {
  it('are seen in Terraform JSON configuration', () => {
    const read = readText('main.tf.json', JSON.stringify({ resource: { aws_iam_user_login_profile: { scanner: profile } } }));
    expect(read.inventory.loginProfiles.map((l) => l.literalPassword)).toEqual([true]);
  });

  it('are not taken from a state, where the password is the generated one', () => {
    const state = {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [{ address: 'aws_iam_user_login_profile.scanner', mode: 'managed', type: 'aws_iam_user_login_profile', name: 'scanner', values: profile }],
        },
      },
    };
    const read = readText('state.json', JSON.stringify(state));
    expect(read.inventory.loginProfiles.map((l) => [l.literalPassword, l.hasPgpKey])).toEqual([[false, false]]);
  });
});
