import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseKeySet } from '../../src/io/index.js';

describe('CaseKeySet', () => {
  it('returns the first line of a repeated key, per hospital', () => {
    const keys = new CaseKeySet();
    expect(keys.add('H1', 'Z1', 2)).toBeUndefined();
    expect(keys.add('H1', 'Z1', 9)).toBe(2);
    expect(keys.add('H2', 'Z1', 10)).toBeUndefined();
    expect(keys.add('H1', 'Z1 ', 11)).toBeUndefined();
    expect(keys.add('H1', '病案1', 12)).toBeUndefined();
    expect(keys.add('H1', '病案1', 13)).toBe(12);
    expect(keys.size).toBe(4);
  });

  it('stays exact through many rehashes (100,000 keys)', () => {
    const keys = new CaseKeySet();
    for (let i = 0; i < 100_000; i++) expect(keys.add(`H${i % 7}`, `Z${i}`, i + 2)).toBeUndefined();
    for (let i = 0; i < 100_000; i += 997) expect(keys.add(`H${i % 7}`, `Z${i}`, 0)).toBe(i + 2);
    expect(keys.add('H1', 'Z0', 0)).toBeUndefined();
    expect(keys.size).toBe(100_001);
  });

  it('property: agrees with a Map (seed 11)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('H1', 'H2', '医院'), fc.string({ maxLength: 6 })), { maxLength: 300 }), (pairs) => {
        const keys = new CaseKeySet();
        const map = new Map<string, number>();
        pairs.forEach(([h, c], i) => {
          const k = `${h}\u0000${c}`;
          expect(keys.add(h, c, i + 1)).toBe(map.get(k));
          if (!map.has(k)) map.set(k, i + 1);
        });
        expect(keys.size).toBe(map.size);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
