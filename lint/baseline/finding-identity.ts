/**
 * The identity of a finding across runs: what it is about, not how its message words it. A
 * reworded message, a moved line or a catalog update that lengthens an action list leave it
 * unchanged; another rule, file, resource, statement or subject make another finding.
 */
import path from 'node:path';
import type { Finding } from '../model/types';
import { canonicalPath } from '../model/report-path';
import { findingSubject } from './finding-subject';

/** What identifies a finding: the fields of the JSON contract a baseline keeps. */
export type IdentifiedFinding = Pick<Finding, 'ruleId' | 'file' | 'resource' | 'statement' | 'message'>;

export interface FindingIdentity {
  /** Rule, file, resource and statement: where the finding is. */
  place: string;
  /** What it is about there (see finding-subject.ts), or null when its message does not say in a way this version reads. */
  subject: string | null;
}

/**
 * `./cdktf.out\stacks/x` and `cdktf.out/stacks/x` are the same file to a reviewer; so is
 * `/repo/cdktf.out/stacks/x` run from `/repo` (a baseline written with absolute paths, a run with
 * relative ones, or the other way round).
 */
function normalisePath(file: string, cwd: string | null): string {
  let name = file;
  if (cwd !== null && path.isAbsolute(file)) {
    const relative = path.relative(cwd, file);
    if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) name = relative;
  }
  return canonicalPath(name);
}

/** `cwd`: the folder relative paths are read from; absolute paths inside it compare as relative ones. */
export function findingIdentity(finding: IdentifiedFinding, cwd: string | null = null): FindingIdentity {
  // A statement is its Sid, else its index; JSON keeps the index a number, a baseline may not.
  const statement = finding.statement === null || finding.statement === undefined ? null : String(finding.statement);
  return {
    place: JSON.stringify([finding.ruleId, normalisePath(finding.file, cwd), finding.resource ?? null, statement]),
    subject: findingSubject(finding.ruleId, finding.message),
  };
}
