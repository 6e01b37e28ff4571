/** Exit status per the contract: 0 nothing at or above --fail-on, 1 such findings (2 is for usage and input errors). */
import { isAtLeast } from '../model/severity';
import type { Finding } from '../model/types';

export const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export function exitCode(findings: readonly Finding[], failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  return findings.some((f) => isAtLeast(f.severity, failOn)) ? 1 : 0;
}

export const EXIT_USAGE = 2;
