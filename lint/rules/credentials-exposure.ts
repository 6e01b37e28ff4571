/**
 * credentials-exposure: actions that mint or return credentials (iam:CreateAccessKey, sts:GetFederationToken, redshift:GetClusterCredentials, ...) on every resource.
 * The action list is data (lint/catalog/data/credentials-exposure.json); actions that only take `*` are not
 * reported, since no Resource could narrow them.
 */
import type { RiskClass } from '../catalog/risk-classes';
import { riskClassRule } from './risk-class-rule';
import type { RuleMeta } from './rule';

const meta: RuleMeta & { id: RiskClass } = {
  id: 'credentials-exposure',
  defaultSeverity: 'warning',
  description: 'Actions that mint or return credentials (iam:CreateAccessKey, sts:GetFederationToken, redshift:GetClusterCredentials, ...) on every resource',
  messages: {
    onEveryResource: '{{policy}}statement allows minting or reading credentials on {{reach}}: {{actions}}. Scope Resource to the users, roles or clusters meant (e.g. user/${aws:username} for self-service), or add a Condition.',
  },
  subjects: { onEveryResource: '{{policy}}' },
  needsCatalog: true,
};

export const credentialsExposure = riskClassRule(meta);
