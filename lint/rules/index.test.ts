import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from './index';

const root = path.resolve(__dirname, '..', '..');
/** The rule ids of the linter's contract (design.md): stable, because CI configs and suppressions name them. */
const CONTRACT_IDS = [
  'admin-access', 'full-service-access', 'privilege-escalation', 'not-action-allow', 'unknown-action',
  'resource-mismatch', 'write-without-constraint', 'placeholder-account', 'console-password',
  'console-and-key', 'user-attached-policy', 'policy-size', 'invalid-document', 'exceeds-preset',
  'data-exfiltration', 'resource-exposure', 'credentials-exposure',
];

describe('rule registry', () => {
  it('has unique ids', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const rule of rules) {
    describe(rule.meta.id, () => {
      it('lives in a file named for its id, with a test and a docs page', () => {
        expect(existsSync(path.join(root, 'lint', 'rules', `${rule.meta.id}.ts`))).toBe(true);
        expect(existsSync(path.join(root, 'lint', 'rules', `${rule.meta.id}.test.ts`))).toBe(true);
        const docs = path.join(root, 'docs', 'rules', `${rule.meta.id}.md`);
        expect(existsSync(docs)).toBe(true);
        expect(readFileSync(docs, 'utf8')).toMatch(new RegExp(`^# ${rule.meta.id}\\b`));
      });

      it('has messages without leftover template syntax', () => {
        expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
        for (const template of Object.values(rule.meta.messages)) expect(template).not.toMatch(/\{\{\s*\}\}/);
      });
    });
  }

  it('uses only ids from the contract', () => {
    for (const rule of rules) expect(CONTRACT_IDS).toContain(rule.meta.id);
  });
});
