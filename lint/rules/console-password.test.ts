import { consolePassword } from './console-password';
import { InventoryBuilder, testRule } from './testing';

function profile(options: Parameters<InventoryBuilder['loginProfile']>[1]) {
  const b = new InventoryBuilder();
  b.loginProfile(b.user('ai-invoice-scanner-user'), options);
  return b.inventory;
}

testRule(consolePassword, {
  valid: [
    { name: 'generated, encrypted, reset required', inventory: profile({ passwordResetRequired: true, hasPgpKey: true }) },
    { name: 'no login profile at all', inventory: new InventoryBuilder().inventory },
  ],
  invalid: [
    {
      name: 'literal password (the tutorial\'s Admin@123) is an error',
      inventory: profile({ literalPassword: true, hasPgpKey: false, passwordResetRequired: true }),
      errors: [{ messageId: 'literalPassword', severity: 'error' }],
    },
    {
      name: 'literal password without reset draws both',
      inventory: profile({ literalPassword: true, passwordResetRequired: false }),
      errors: [{ messageId: 'literalPassword', severity: 'error' }, { messageId: 'noReset', severity: 'warning' }],
    },
    {
      name: 'reset not required',
      inventory: profile({ passwordResetRequired: false }),
      errors: [{ messageId: 'noReset', severity: 'warning', resource: 'aws_iam_user_login_profile.p1' }],
    },
    { name: 'reset unset (IAM default is no reset)', inventory: profile({ passwordResetRequired: null }), errors: [{ messageId: 'noReset' }] },
    { name: 'no PGP key', inventory: profile({ hasPgpKey: false }), errors: [{ messageId: 'noPgp', severity: 'warning' }] },
  ],
});
