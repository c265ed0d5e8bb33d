/**
 * `GenCache` (helper g6): the two-generation cache of the grouper's per-code and base caches. Compared, on random
 * operation sequences (fixed seed), with a model written another way — per key the generation it was last stored in,
 * and a generation counter — so: a key is found when stored in the current generation or the previous one (and then
 * stored again in the current one), never after that; a value found is the last one stored for the key; at most
 * `2 × max` entries are held. Plus hand-checked literal sequences.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { GenCache } from '../../src/grouping/genCache.js';

/** The model: generation numbers instead of two maps. */
class Model {
  private readonly genOf = new Map<string, number>();
  private readonly valueOf = new Map<string, number>();
  private gen = 0;
  private inYoung = 0;
  constructor(private readonly max: number) {}
  get(k: string): number | undefined {
    const g = this.genOf.get(k);
    if (g === this.gen) return this.valueOf.get(k);
    if (g === this.gen - 1) {
      const v = this.valueOf.get(k)!;
      this.set(k, v);
      return v;
    }
    return undefined;
  }
  set(k: string, v: number): void {
    if (this.genOf.get(k) !== this.gen) {
      if (this.inYoung >= this.max) {
        this.gen++;
        this.inYoung = 0;
      }
      this.inYoung++;
    }
    this.genOf.set(k, this.gen);
    this.valueOf.set(k, v);
  }
}

type Op = { readonly get: boolean; readonly key: string; readonly value: number };
const op: fc.Arbitrary<Op> = fc.record({ get: fc.boolean(), key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', ''), value: fc.integer({ min: 0, max: 3 }) });

describe('GenCache', () => {
  test.prop([fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 300 })], { seed: 606, numRuns: 2000 })('= the generation-number model; at most 2 × max entries', (max, ops) => {
    const c = new GenCache<number>(max);
    const m = new Model(max);
    const got: (number | undefined)[] = [];
    const want: (number | undefined)[] = [];
    for (const o of ops) {
      // as the grouper uses it: set only after a miss (a value is stored once per generation)
      const a = c.get(o.key);
      const b = m.get(o.key);
      got.push(a);
      want.push(b);
      if (!o.get && a === undefined) {
        c.set(o.key, o.value);
        m.set(o.key, o.value);
      }
      expect(c.size).toBeLessThanOrEqual(2 * max);
    }
    expect(got).toStrictEqual(want);
  });

  it('keeps an entry used once per generation, drops one unused for two generations (literal)', () => {
    const c = new GenCache<string>(2);
    c.set('hot', 'H');
    c.set('x1', '1'); // young: hot, x1
    c.set('x2', '2'); // rotate → old: hot, x1; young: x2
    expect(c.get('hot')).toBe('H'); // promoted: young x2, hot
    c.set('x3', '3'); // rotate → old: x2, hot; young: x3
    expect(c.get('x1')).toBeUndefined(); // its generation is gone
    expect(c.get('hot')).toBe('H'); // from old, promoted again
    c.set('x4', '4'); // young full (x3, hot) → old: x3, hot; young: x4
    c.set('x5', '5'); // young: x4, x5
    c.set('x6', '6'); // rotate → old: x4, x5; young: x6
    expect(c.get('hot')).toBeUndefined();
    expect(c.get('x5')).toBe('5');
    expect(c.size).toBe(4); // old x4, x5 + young x6, x5
  });
});
