/**
 * Split findings into those that count and those a suppression accepts, with its reason. Nothing
 * is dropped: suppressed findings go to the reports as suppressed.
 */
import path from 'node:path';
import type { Finding } from '../model/types';
import { canonicalPath } from '../model/report-path';
import { globToRegExp } from './glob';
import type { Suppression, SuppressedFinding } from './types';

interface CompiledSuppression {
  suppression: Suppression;
  rule: RegExp;
  file: RegExp | null;
  resource: RegExp | null;
}

export interface SuppressionResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Suppressions that matched nothing: stale ones are worth removing. */
  unused: Suppression[];
}

export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[], baseDir: string | null = null): SuppressionResult {
  if (suppressions.length === 0) return { findings: [...findings], suppressed: [], unused: [] };
  const compiled: CompiledSuppression[] = suppressions.map((s) => ({
    suppression: s,
    rule: globToRegExp(s.rule),
    file: s.file === null ? null : globToRegExp(canonicalPath(s.file)),
    resource: s.resource === null ? null : globToRegExp(s.resource),
  }));
  const used = new Set<Suppression>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const files = candidatePaths(finding.file, baseDir);
    const match = compiled.find(
      (c) =>
        c.rule.test(finding.ruleId) &&
        (c.file === null || files.some((f) => c.file!.test(f))) &&
        (c.resource === null || (finding.resource !== null && c.resource.test(finding.resource))) &&
        (c.suppression.statement === null || String(c.suppression.statement) === String(finding.statement)),
    );
    if (match === undefined) kept.push(finding);
    else {
      used.add(match.suppression);
      suppressed.push({ ...finding, reason: match.suppression.reason });
    }
  }
  return { findings: kept, suppressed, unused: suppressions.filter((s) => !used.has(s)) };
}

/** The finding's file as reported, and relative to the config's folder (when run from elsewhere). */
function candidatePaths(file: string, baseDir: string | null): string[] {
  const paths = [canonicalPath(file)];
  if (baseDir !== null) {
    const relative = canonicalPath(path.relative(baseDir, path.resolve(file)));
    if (!relative.startsWith('../') && !paths.includes(relative)) paths.push(relative);
  }
  return paths;
}
