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
});
