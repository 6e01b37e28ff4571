/** What every report format is given: the run's result and the rules it ran. */
import type { SuppressedFinding } from '../config/types';
import type { Summary } from '../engine/lint-inventory';
import type { Finding } from '../model/types';
import type { RuleMeta } from '../rules/rule';
import type { InputError } from '../sources/read-result';

export interface ReportInput {
  findings: readonly Finding[];
  suppressed: readonly SuppressedFinding[];
  summary: Summary;
  /** Rules of the run (for SARIF's rule table), enabled or not. */
  rules: readonly RuleMeta[];
  toolVersion: string;
  catalogDataVersion: string | null;
  /** Files that could not be read; the findings cover the others. (Not part of the json format's contract.) */
  inputErrors?: readonly InputError[];
  /**
   * What a `--baseline` run adds (lint/baseline/apply-baseline.ts): the findings the baseline had,
   * left out of `findings`; SARIF keeps them as unchanged results, the other formats leave them out.
   */
  baseline?: BaselineCounts;
}

export interface BaselineCounts {
  knownFindings: readonly Finding[];
  known: number;
  gone: number;
}

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
