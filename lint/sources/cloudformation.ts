/**
 * CloudFormation templates hold IAM policies too, but this linter does not read them: they are
 * skipped with a reason that says so, rather than the generic "not JSON" a reader would take for
 * "nothing to check here".
 */
import { isRecord } from './reader';

export const CLOUDFORMATION_SKIP_REASON = 'a CloudFormation template: not read (this linter reads Terraform and policy JSON), so the policies in it are not checked';

/** A parsed JSON template: AWSTemplateFormatVersion, or Resources typed `AWS::...`. */
export function isCloudFormationJson(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if ('AWSTemplateFormatVersion' in value) return true;
  const resources = value.Resources;
  return isRecord(resources) && Object.values(resources).some((r) => isRecord(r) && typeof r.Type === 'string' && r.Type.startsWith('AWS::'));
}

/** A YAML (or other text) template, by the markers every template carries near its top. */
export function isCloudFormationText(text: string): boolean {
  const head = text.slice(0, 65536);
  return /^AWSTemplateFormatVersion\s*:/m.test(head) || /^\s+Type:\s*['"]?AWS::[A-Za-z0-9]+::/m.test(head);
}
