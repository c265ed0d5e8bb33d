import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec, sum } from '../../src/decimal/index.js';
import { allocateLargestRemainder } from '../../src/settlement/index.js';

describe('allocateLargestRemainder', () => {
  it('100.00 over three equal weights: 33.34 / 33.33 / 33.33, tie broken by id', () => {
    const r = allocateLargestRemainder('100.00', [{ id: 'C', weight: '1' }, { id: 'A', weight: '1' }, { id: 'B', weight: '1' }], 2);
    if (!r.ok) throw new Error('ok expected');
    expect(r.value.map((x) => [x.id, x.share.toFixed(2), x.roundedUp])).toEqual([
      ['C', '33.33', false],
      ['A', '33.34', true],
      ['B', '33.33', false],
    ]);
  });
  it('largest remainder wins over id', () => {
    // quotas 0.666…, 0.333… of 0.01 units × 100 → 66.67 / 33.33
    const r = allocateLargestRemainder('1.00', [{ id: 'A', weight: '1' }, { id: 'B', weight: '2' }], 2);
    expect(r.ok && r.value.map((x) => x.share.toFixed(2))).toEqual(['0.33', '0.67']);
  });
  it('negative totals mirror positive ones; zero weights; errors are issues', () => {
    const r = allocateLargestRemainder('-1.00', [{ id: 'A', weight: '1' }, { id: 'B', weight: '2' }], 2);
    expect(r.ok && r.value.map((x) => x.share.toFixed(2))).toEqual(['-0.33', '-0.67']);
    const z = allocateLargestRemainder('0', [{ id: 'A', weight: '0' }], 2);
    expect(z.ok && z.value[0]?.share.toFixed(2)).toBe('0.00');
    expect(allocateLargestRemainder('1', [{ id: 'A', weight: '0' }], 2).ok).toBe(false);
    expect(allocateLargestRemainder('1.001', [{ id: 'A', weight: '1' }], 2).ok).toBe(false);
    expect(allocateLargestRemainder('1', [{ id: 'A', weight: '-1' }], 2).ok).toBe(false);
  });

  const item = fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), weight: fc.bigInt({ min: 0n, max: 10n ** 15n }), scale: fc.integer({ min: 0, max: 8 }) });
  test.prop([fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.array(item, { minLength: 1, maxLength: 40 })], { seed: 424242, numRuns: 300 })(
    'Σ shares = total exactly, each share within one unit of its exact quota',
    (totalCents, items) => {
      const ws = items.map((x) => ({ id: x.id, weight: dec(x.weight.toString()).div(dec(10).pow(x.scale)) }));
      const W = sum(ws.map((w) => w.weight));
      const total = dec(totalCents.toString()).div(100);
      const r = allocateLargestRemainder(total, ws, 2);
      if (W.isZero()) {
        expect(r.ok).toBe(total.isZero());
        return;
      }
      if (!r.ok) throw new Error(r.issues[0]?.message);
      expect(sum(r.value.map((x) => x.share)).eq(total)).toBe(true);
      r.value.forEach((x, i) => {
        const exact = total.times(ws[i]?.weight ?? 0).div(W);
        expect(x.share.minus(exact).abs().lt(dec('0.01'))).toBe(true);
        expect(x.share.decimalPlaces()).toBeLessThanOrEqual(2);
      });
    },
  );
});
