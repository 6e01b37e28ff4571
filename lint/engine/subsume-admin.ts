/**
 * An admin-access finding already says everything the narrower "this grant is broad" rules would
 * say about the same statement (every service, every escalation path, every secret...). Reporting
 * them too buries the one finding that matters under dozens, so they are left out for statements
 * (or attached policies) admin-access reports. Suppressing admin-access accepts them with it;
 * turning admin-access off brings them back.
 */
import type { Finding } from '../model/types';

const SUBSUMED_BY_ADMIN: ReadonlySet<string> = new Set([
  'full-service-access',
  'privilege-escalation',
  'data-exfiltration',
  'resource-exposure',
  'credentials-exposure',
  'write-without-constraint',
  'not-action-allow',
]);

const key = (f: Finding, statement: string) => `${f.file}\u0000${f.resource ?? ''}\u0000${statement}`;

export function dropSubsumedByAdmin(findings: Finding[]): Finding[] {
  const covered = new Set<string>();
  for (const f of findings) {
    // An attached AdministratorAccess is reported without a statement: it covers the whole document.
    if (f.ruleId === 'admin-access') covered.add(key(f, f.statement === null ? '*' : String(f.statement)));
  }
  if (covered.size === 0) return findings;
  return findings.filter(
    (f) => !SUBSUMED_BY_ADMIN.has(f.ruleId) || (!covered.has(key(f, '*')) && !covered.has(key(f, String(f.statement)))),
  );
}
