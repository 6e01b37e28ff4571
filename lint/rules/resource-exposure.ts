/**
 * resource-exposure: actions that rewrite who may access a resource (s3:PutBucketPolicy, kms:PutKeyPolicy, lambda:AddPermission, ...) on every resource.
 * The action list is data (lint/catalog/data/resource-exposure.json); actions that only take `*` are not
 * reported, since no Resource could narrow them.
 */
import type { RiskClass } from '../catalog/risk-classes';
import { riskClassRule } from './risk-class-rule';
import type { RuleMeta } from './rule';

const meta: RuleMeta & { id: RiskClass } = {
  id: 'resource-exposure',
  defaultSeverity: 'warning',
  description: 'Actions that rewrite who may access a resource (s3:PutBucketPolicy, kms:PutKeyPolicy, lambda:AddPermission, ...) on every resource',
  messages: {
    onEveryResource: '{{policy}}statement allows changing who may access resources, on {{reach}}: {{actions}}. Scope Resource to the resources this identity manages, or drop these actions.',
  },
  subjects: { onEveryResource: '{{policy}}' },
  needsCatalog: true,
};

export const resourceExposure = riskClassRule(meta);
