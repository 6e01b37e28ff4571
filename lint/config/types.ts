/**
 * The linter's configuration, shared by the CLI and the synth-time aspect so rules, severities and
 * suppressions are kept once (`.iam-policy-lint.json`).
 */
import type { Finding, Severity } from '../model/types';

export type RuleSetting = Severity | 'off';

export interface Suppression {
  /** Rule id the suppression applies to (exact, or a glob such as `access-analyzer/*`). */
  rule: string;
  /** Glob over the finding's file (`**` crosses folders); at least one of file and resource is set. */
  file: string | null;
  /** Glob over the finding's Terraform address. */
  resource: string | null;
  /** Sid or index, to narrow to one statement. */
  statement: string | number | null;
  /** Why the finding is accepted; shown in the reports. */
  reason: string;
  /** Where the suppression was written (config file, or a construct path for the aspect). */
  source: string;
}

export interface LintConfig {
  /** Rule id -> severity or off; rules not listed keep their default. */
  rules: Record<string, RuleSetting>;
  suppressions: Suppression[];
  /** User name (or principal key) -> preset name(s) it is held to, for exceeds-preset; a user's `iam-preset` tag wins. */
  presets: Record<string, string>;
  /** Folder suppression file globs are relative to, besides the paths as reported. */
  baseDir: string | null;
  /** The config file (or other source) these settings came from, for notes; null without one. */
  source: string | null;
}

export interface SuppressedFinding extends Finding {
  reason: string;
}

export function emptyConfig(): LintConfig {
  return { rules: {}, suppressions: [], presets: {}, baseDir: null, source: null };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
