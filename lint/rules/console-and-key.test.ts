import { consoleAndKey } from './console-and-key';
import { InventoryBuilder, testRule } from './testing';

function user(parts: { console?: boolean; keys?: (string | null)[]; declared?: boolean }) {
  const b = new InventoryBuilder();
  const u = parts.declared === false ? 'elsewhere::aws_iam_user.scanner' : b.user('scanner');
  if (parts.console) b.loginProfile(u);
  for (const status of parts.keys ?? []) b.accessKey(u, { status });
  return b.inventory;
}

function twoUsers() {
  const b = new InventoryBuilder();
  const person = b.user('alice');
  const program = b.user('ci');
  b.loginProfile(person);
  b.accessKey(program);
  return b.inventory;
}

testRule(consoleAndKey, {
  valid: [
    { name: 'console only', inventory: user({ console: true }) },
    { name: 'key only', inventory: user({ keys: ['Active'] }) },
    { name: 'console and an inactive key', inventory: user({ console: true, keys: ['Inactive'] }) },
    { name: 'a person and a program, separate users', inventory: twoUsers() },
  ],
  invalid: [
    { name: 'console and a key', inventory: user({ console: true, keys: [null] }), errors: [{ messageId: 'consoleAndKey', resource: 'aws_iam_user.scanner' }] },
    { name: 'one finding for two keys', inventory: user({ console: true, keys: ['Active', null] }), errors: [{ messageId: 'consoleAndKey' }] },
    {
      name: 'user defined in another input: reported at the login profile',
      inventory: user({ console: true, keys: [null], declared: false }),
      errors: [{ messageId: 'consoleAndKey', resource: 'aws_iam_user_login_profile.p1' }],
    },
  ],
});
