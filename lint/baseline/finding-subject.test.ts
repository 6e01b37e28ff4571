import { describe, expect, it } from 'vitest';
import { policyLabel } from '../catalog/policy-label';
import type { PolicyRecord } from '../model/types';
import { rules as registry } from '../rules/index';
import { formatMessage } from '../rules/rule';
import { findingSubject } from './finding-subject';

const placeholders = (template: string) => [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);

const managed = policyLabel({ kind: 'aws-managed', name: 'ReadOnlyAccess' } as PolicyRecord);
const inlineBlock = policyLabel({ kind: 'inline-role', name: 'reads', key: 'main.tf.json::aws_iam_role.r/inline_policy/1' } as PolicyRecord);

/** Data for a template: `policy` as policyLabel() writes it, the rest a value per placeholder. */
function sample(template: string, variant: string, policy: string): Record<string, string> {
  return Object.fromEntries(placeholders(template).map((name) => [name, name === 'policy' ? policy : `${name}-${variant}`]));
}

describe('findingSubject', () => {
  it('knows the subject of every message of every rule, from placeholders the message has', () => {
    for (const { meta } of registry) {
      const subjects = meta.subjects;
      expect(subjects, `${meta.id} has no subjects in its meta`).toBeDefined();
      expect(Object.keys(subjects!).sort(), meta.id).toEqual(Object.keys(meta.messages).sort());
      for (const [messageId, subject] of Object.entries(subjects!)) {
        const own = placeholders(meta.messages[messageId]!);
        for (const name of placeholders(subject)) expect(own, `${meta.id}.${messageId} subject names {{${name}}}`).toContain(name);
      }
    }
  });

  it('reads each message back: the subject follows its placeholders and nothing else in the message', () => {
    for (const { meta } of registry) {
      for (const [messageId, template] of Object.entries(meta.messages)) {
        const subjectTemplate = meta.subjects![messageId]!;
        const named = new Set(placeholders(subjectTemplate));
        for (const policy of ['', managed, inlineBlock]) {
          const data = sample(template, 'a', policy);
          const where = `${meta.id}.${messageId} (policy ${JSON.stringify(policy)})`;
          const subject = findingSubject(meta.id, formatMessage(template, data));
          expect(subject, where).toBe(formatMessage(subjectTemplate, data));
          // Other action lists, counts or suggestions (a catalog update): the same subject.
          const described = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, named.has(k) || k === 'policy' ? v : `${v}, and more, with: colons; "quotes"`]));
          expect(findingSubject(meta.id, formatMessage(template, described)), where).toBe(subject);
          // Another thing named: another subject.
          for (const name of named) {
            if (name === 'policy') continue;
            expect(findingSubject(meta.id, formatMessage(template, { ...data, [name]: `${name}-b` })), `${where} {{${name}}}`).not.toBe(subject);
          }
        }
      }
    }
  });

  it('tells unknown actions of one statement apart, and keeps one action the same finding when the catalog changes its verdict', () => {
    const [typoA, typoB] = ['s3:GetObjcet', 's3:PutObjcet'].map((pattern) =>
      findingSubject('unknown-action', `Action "${pattern}" matches no action of s3; did you mean s3:GetObject?`),
    );
    expect(typoA).toBe('Action s3:GetObjcet');
    expect(typoB).not.toBe(typoA);
    expect(findingSubject('unknown-action', 'Action "s3:GetObjcet" matches no action AWS defines; check its spelling.')).toBe(typoA);
  });

  it('has no subject for a message of a rule of ours that no template reads (other wording)', () => {
    expect(findingSubject('admin-access', 'Allow of * on * grants full administrator access')).toBeNull();
  });

  it('takes the whole message as the subject of a rule without templates (Access Analyzer), so its findings on one statement stay apart', () => {
    const [a, b] = ['s3:GetObjct', 's3:PutObjct'].map((action) => findingSubject('access-analyzer/INVALID_ACTION', `IAM Access Analyzer: The action ${action} does not exist.`));
    expect(a).toBe('IAM Access Analyzer: The action s3:GetObjct does not exist.');
    expect(b).not.toBe(a);
  });
});
