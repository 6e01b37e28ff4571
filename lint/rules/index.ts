/**
 * The rule registry: a static list, so a run loads exactly these files and nothing is discovered
 * at run time. Adding a rule is one import and one entry (plus its docs page and test).
 */
import type { Rule } from './rule';
import { adminAccess } from './admin-access';
import { consoleAndKey } from './console-and-key';
import { consolePassword } from './console-password';
import { invalidDocument } from './invalid-document';
import { notActionAllow } from './not-action-allow';
import { placeholderAccount } from './placeholder-account';
import { policySize } from './policy-size';
import { userAttachedPolicy } from './user-attached-policy';
import { credentialsExposure } from './credentials-exposure';
import { dataExfiltration } from './data-exfiltration';
import { exceedsPreset } from './exceeds-preset';
import { fullServiceAccess } from './full-service-access';
import { privilegeEscalation } from './privilege-escalation';
import { resourceExposure } from './resource-exposure';
import { resourceMismatch } from './resource-mismatch';
import { unknownAction } from './unknown-action';
import { writeWithoutConstraint } from './write-without-constraint';

export const rules: readonly Rule[] = [
  adminAccess,
  consoleAndKey,
  consolePassword,
  invalidDocument,
  notActionAllow,
  placeholderAccount,
  policySize,
  userAttachedPolicy,
  credentialsExposure,
  dataExfiltration,
  exceedsPreset,
  fullServiceAccess,
  privilegeEscalation,
  resourceExposure,
  resourceMismatch,
  unknownAction,
  writeWithoutConstraint,
];
