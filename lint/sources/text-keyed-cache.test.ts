import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextKeyedCache } from './text-keyed-cache';

describe('TextKeyedCache', () => {
  it('finds a value by an equal text built separately, and nothing for a text never set', () => {
    const cache = new TextKeyedCache<number>();
    cache.set(['{"a":', '1}'].join(''), 1);
    expect(cache.get(JSON.stringify({ a: 1 }))).toBe(1);
    expect(cache.get('{"a":2}')).toBeUndefined();
  });

  it('behaves like a Map keyed by text, also when many texts share one length', () => {
    const sameLength = fc.stringMatching(/^[ab]{6}$/);
    const ops = fc.array(fc.tuple(fc.oneof(sameLength, fc.string({ maxLength: 8 })), fc.nat(), fc.boolean()), { maxLength: 200 });
    fc.assert(
      fc.property(ops, (steps) => {
        const cache = new TextKeyedCache<number>();
        const model = new Map<string, number>();
        for (const [text, value, isSet] of steps) {
          // Like the readers: a value is set only for a text not found.
          if (isSet && !model.has(text)) {
            cache.set(text, value);
            model.set(text, value);
          }
          expect(cache.get(text)).toBe(model.get(text));
        }
      }),
      { numRuns: 300 },
    );
  });
});
