/**
 * What the caller asked to grant, resolved: preset names and custom documents become named documents
 * to render (policy-documents.ts), AWS managed policy names become ARNs in the stack's partition.
 * A name given twice would make two constructs with one id: refused here with a clearer message.
 */
import type { PolicySource } from './policy-documents';
import { policiesFolder } from './preset-source';
import type { LeastPrivilegeUserProps } from './props';

export interface Grant {
  /** Stable key for the attachment's construct id: the policy's name, not its position. */
  key: string;
  arn: string;
}

function firstDuplicate(names: string[]): string | undefined {
  return names.find((name, i) => names.indexOf(name) !== i);
}

export function policySources(props: LeastPrivilegeUserProps): PolicySource[] {
  const presets = props.presetSource ?? policiesFolder;
  const duplicate = firstDuplicate(props.presets ?? []);
  if (duplicate !== undefined) throw new Error(`presets: "${duplicate}" is listed twice; list each preset once`);
  const sources: PolicySource[] = (props.presets ?? []).map((name) => {
    const found = presets.find(name);
    if (!found) throw new Error(`presets: unknown preset "${name}"; the presets are: ${presets.names().join(', ') || '(none)'}`);
    return { ...found, prop: `presets: "${name}"` };
  });
  for (const [name, document] of Object.entries(props.policies ?? {})) {
    if (sources.some((s) => s.name === name)) {
      throw new Error(`policies.${name}: a preset has the same name; rename the custom policy`);
    }
    sources.push({ name, document, origin: 'custom document', prop: `policies.${name}` });
  }
  return sources;
}

function managedPolicyPath(name: string): string {
  if (name.startsWith('arn:')) {
    throw new Error(`managedPolicies: give the policy's name ("${name.split(':policy/').pop()}"), not its ARN; the construct builds the ARN in the stack's partition`);
  }
  if (!/^([\w+=,.@-]+\/)*[\w+=,.@-]+$/.test(name)) {
    throw new Error(`managedPolicies: "${name}" is not an AWS managed policy name; use e.g. "ReadOnlyAccess" or "job-function/ViewOnlyAccess"`);
  }
  return name;
}

/** ARNs of AWS managed policies by name (with their path, e.g. `job-function/ViewOnlyAccess`). */
export function managedPolicyArns(names: string[], partition: string): Grant[] {
  const duplicate = firstDuplicate(names);
  if (duplicate !== undefined) throw new Error(`managedPolicies: "${duplicate}" is listed twice; list each policy once`);
  return names.map((name) => ({ key: `aws-${name.replace(/\//g, '-')}`, arn: `arn:${partition}:iam::aws:policy/${managedPolicyPath(name)}` }));
}
