/**
 * The synth-time guard. In main.ts: `enablePolicyLint(app)` before `app.synth()`; accept a finding
 * on a construct with `suppressLint(construct, [{ ruleId, reason }])`.
 */
import { Aspects, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { PolicyLintAspect, type PolicyLintOptions } from './policy-lint-aspect';

export { GUARD_MODE_VARIABLE, type GuardMode } from './guard-mode';
export { PolicyLintAspect, type PolicyLintOptions } from './policy-lint-aspect';
export { suppressLint, type LintSuppression } from './suppress-lint';

/**
 * Lint every stack under `scope` (the App, or one stack) at synth. cdktf runs each stack's own
 * aspects only, not the App's, so the aspect goes on each stack: call this after creating them.
 */
export function enablePolicyLint(scope: IConstruct, options: PolicyLintOptions = {}): void {
  const stacks = scope.node.findAll().filter((construct) => TerraformStack.isStack(construct));
  if (stacks.length === 0) {
    throw new Error(`enablePolicyLint(${scope.node.path || 'app'}): no stack under it yet; call it after creating the stacks, before app.synth()`);
  }
  const aspect = new PolicyLintAspect(options);
  // A second call (a library and the app both enabling it) would report every finding twice.
  for (const stack of stacks) {
    if (Aspects.of(stack).all.some((a) => a instanceof PolicyLintAspect)) continue;
    Aspects.of(stack).add(aspect);
  }
}
