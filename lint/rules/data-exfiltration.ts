/**
 * data-exfiltration: reads of data or secrets (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue, kms:Decrypt, ...) on every resource.
 * The action list is data (lint/catalog/data/data-exfiltration.json); actions that only take `*` are not
 * reported, since no Resource could narrow them.
 */
import type { RiskClass } from '../catalog/risk-classes';
import { riskClassRule } from './risk-class-rule';
import type { RuleMeta } from './rule';

const meta: RuleMeta & { id: RiskClass } = {
  id: 'data-exfiltration',
  defaultSeverity: 'warning',
  description: 'Reads of data or secrets (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue, kms:Decrypt, ...) on every resource',
  messages: {
    onEveryResource: '{{policy}}statement allows reading data or secrets on {{reach}}: {{actions}}. Name the buckets, parameters, secrets and keys this identity reads in Resource, or add a Condition on resource tags.',
  },
  subjects: { onEveryResource: '{{policy}}' },
  needsCatalog: true,
};

export const dataExfiltration = riskClassRule(meta);
