import { describe, expect, it } from 'vitest';
import { readText } from './index';

describe('large inputs', () => {
  it('reads a plan with more resources than a function call takes arguments (no spread into push)', () => {
    const count = 140_000;
    const resources = Array.from({ length: count }, (_, i) => ({ address: `aws_iam_user.u${i}`, mode: 'managed', type: 'aws_iam_user', name: `u${i}`, values: { name: `u${i}` } }));
    const plan = JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources } } });
    const read = readText('plan.json', plan);
    expect(read.errors).toEqual([]);
    expect(read.inventory.principals).toHaveLength(count);
    expect(read.inventory.principals[count - 1]?.name).toBe(`u${count - 1}`);
  }, 60_000);
});
