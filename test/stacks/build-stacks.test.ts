import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config';
import { buildStacks } from '../../stacks';

describe('buildStacks', () => {
  it('refuses a stack listed twice with the setting to fix, in one call or across calls (as main.ts makes them)', () => {
    const config = { ...defaultConfig(), stacks: ['eks-eksctl' as const, 'eks-eksctl' as const] };
    expect(() => buildStacks(Testing.app(), config)).toThrow('stacks: "eks-eksctl" is listed twice; list each stack once');
    const app = Testing.app();
    expect(buildStacks(app, { ...config, stacks: ['eks-eksctl'] }).map((s) => s.node.id)).toEqual(['eks-eksctl']);
    expect(() => buildStacks(app, { ...config, stacks: ['eks-eksctl'] })).toThrow('stacks: "eks-eksctl" is listed twice');
  });

  it('hands users.<stack>.createRoleBoundaries to the user: false reads the boundary another deployment creates', () => {
    const config = { ...defaultConfig(), stacks: ['eks-eksctl' as const] };
    const synth = (createRoleBoundaries?: boolean) => {
      const [stack] = buildStacks(Testing.app(), { ...config, users: createRoleBoundaries === undefined ? {} : { 'eks-eksctl': { createRoleBoundaries } } });
      return JSON.parse(Testing.synth(stack!)) as { resource: Record<string, Record<string, { name?: string }>>; data?: Record<string, Record<string, { name?: string; arn?: string }>> };
    };
    const created = synth();
    expect(Object.values(created.resource.aws_iam_policy).map((p) => p.name)).toContain('eks-eksctl-role-boundary');
    const read = synth(false);
    expect(Object.values(read.resource.aws_iam_policy).map((p) => p.name)).not.toContain('eks-eksctl-role-boundary');
    expect(JSON.stringify(read.data?.aws_iam_policy ?? {})).toContain('eks-eksctl-role-boundary');
  });
});
