/**
 * The synth-time guard: at `cdktf synth`, lint each stack's Terraform JSON with the same readers,
 * rules and config as `iam-policy-lint`, and turn findings into annotations on the construct that
 * renders the resource. Error findings fail the synth; warnings and suppressions (with their
 * reasons) are printed.
 */
import { TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { resolveConfig } from '../config/load-config';
import { ConfigError, type LintConfig, type Suppression } from '../config/types';
import type { Catalog } from '../catalog/catalog';
import { lintInventory } from '../engine/lint-inventory';
import { loadAwsCatalog } from '../engine/load-catalog';
import type { Finding } from '../model/types';
import { rules } from '../rules/index';
import { readText } from '../sources/index';
import { annotate } from './annotate';
import { constructSuppressions, type WrittenSuppression } from './construct-suppressions';
import { GUARD_MODE_VARIABLE, guardModeFromEnvironment, type GuardMode } from './guard-mode';
import { writeSuppressionsToJson } from './record-suppressions';
import { appliedKey } from './synth-output-suppressions';
import { constructsByAddress } from './terraform-addresses';

export interface PolicyLintOptions {
  /** The CLI's config file; by default `.iam-policy-lint.json` in the working folder when present. */
  configFile?: string | null;
  /** By default from IAM_POLICY_LINT_GUARD, else `fail`. */
  mode?: GuardMode;
}

/** Where `cdktf synth` writes the stack, so findings and config globs name the same file as the CLI. */
export function synthesizedFile(stack: TerraformStack): string {
  return `cdktf.out/stacks/${stack.node.id}/cdk.tf.json`;
}

function where(finding: Finding): string {
  const parts = [finding.resource ?? finding.file];
  if (finding.statement !== null) parts.push(`statement ${finding.statement}`);
  return parts.join(', ');
}

export class PolicyLintAspect implements IAspect {
  private readonly mode: GuardMode;
  private config: LintConfig | undefined;
  private configFailed = false;
  /** Built on first use and shared by the stacks of one synth: the app has several. */
  private catalog: Catalog | undefined;

  constructor(private readonly options: PolicyLintOptions = {}) {
    this.mode = options.mode ?? guardModeFromEnvironment();
  }

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    this.lintStack(node);
  }

  private lintStack(stack: TerraformStack): void {
    const file = synthesizedFile(stack);
    const read = readText(file, JSON.stringify(stack.toTerraform(), null, 2));
    for (const error of read.errors) {
      annotate(stack, 'error', `iam-policy-lint could not read the synthesized stack: ${error.message}`);
    }
    const ruleIds = rules.map((rule) => rule.meta.id);
    try {
      this.config ??= resolveConfig(this.options.configFile ?? null, ruleIds);
    } catch (error) {
      // The message names the file and the key; thrown, it came out under a stack trace, twice.
      if (!(error instanceof ConfigError)) throw error;
      // Said once, on the first stack: the other stacks have the same file.
      if (!this.configFailed) annotate(stack, 'error', `iam-policy-lint: ${error.message}`);
      this.configFailed = true;
      return;
    }
    const { suppressions: fromConstructs, written, problems } = constructSuppressions(stack, file, ruleIds);
    for (const { construct, message } of problems) annotate(construct, 'error', message);
    const result = lintInventory(read.inventory, {
      config: { ...this.config, suppressions: [...this.config.suppressions, ...fromConstructs] },
      filesRead: read.filesRead,
      catalog: () => (this.catalog ??= loadAwsCatalog()),
    });

    const byAddress = constructsByAddress(stack);
    const constructOf = (finding: Finding): IConstruct => (finding.resource && byAddress.get(finding.resource)) || stack;
    for (const finding of result.findings) {
      const text = `${finding.ruleId}: ${finding.message} [${where(finding)}] (docs/rules/${finding.ruleId}.md; to accept it, suppressLint(construct, [{ ruleId: '${finding.ruleId}', reason: '...' }]))`;
      const construct = constructOf(finding);
      if (finding.severity === 'error' && this.mode === 'fail') annotate(construct, 'error', text);
      else if (finding.severity === 'info') annotate(construct, 'info', text);
      else annotate(construct, 'warning', finding.severity === 'error' ? `${text} (an error; reported as a warning as ${GUARD_MODE_VARIABLE}=report)` : text);
    }
    for (const finding of result.suppressed) {
      annotate(constructOf(finding), 'info', `${finding.ruleId} suppressed: ${finding.reason} [${where(finding)}]`);
    }
    const checkedHere = new Set(ruleIds);
    this.reportUnused(written.filter((w) => checkedHere.has(w.ruleId)), result.unusedSuppressions);
    const applied = new Set(result.suppressed.flatMap((f) => (f.resource === null ? [] : [appliedKey(f.ruleId, f.resource)])));
    // Findings of rules that only the CLI runs (access-analyzer/...) never reach the guard: their
    // suppressions are recorded on every resource under the construct, for the CLI to apply.
    for (const { ruleId, copies } of written) {
      if (checkedHere.has(ruleId)) continue;
      for (const copy of copies) if (copy.resource !== null) applied.add(appliedKey(ruleId, copy.resource));
    }
    writeSuppressionsToJson(stack, applied);
  }

  /** A construct suppression is unused when none of its per-address copies matched a finding. */
  private reportUnused(written: readonly WrittenSuppression[], unused: readonly Suppression[]): void {
    const unusedSet = new Set(unused);
    for (const { construct, ruleId, copies } of written) {
      if (copies.length === 0) {
        annotate(construct, 'warning', `the suppression of ${ruleId} here covers no Terraform resource (none is under this construct); write it on the construct that holds the resource`);
      } else if (copies.every((copy) => unusedSet.has(copy))) {
        annotate(construct, 'warning', `the suppression of ${ruleId} here matches no finding; remove it`);
      }
    }
  }
}
