import { describe, expect, it } from 'vitest';
import { DEFAULT_POINT_VALUE_OPTIONS } from '../../src/policy/schema.js';
import { bookedAmount, computePoolPointValues, resolveFundPayRatio } from '../../src/pointValue/index.js';
import { DEFAULT_ROUNDING_OPTIONS } from '../../src/policy/schema.js';

describe('fund payment ratio and pools (§7.2, §7.3)', () => {
  it('bookedAmountComponents select the booked columns', () => {
    expect(bookedAmount({ fundPaid: '9450.00', otherPaid: '500.00' }, ['fund_paid']).toFixed(2)).toBe('9450.00');
    expect(bookedAmount({ fundPaid: '9450.00', otherPaid: '500.00' }, ['fund_paid', 'other_paid']).toFixed(2)).toBe('9950.00');
    expect(bookedAmount({ fundPaid: '9450.00' }, ['fund_paid', 'other_paid']).toFixed(2)).toBe('9450.00');
  });
  it('r = Σ booked / Σ cost, unrounded; none without cost', () => {
    const r = resolveFundPayRatio({ bookedSum: '2', costSum: '3' }, DEFAULT_POINT_VALUE_OPTIONS);
    expect(r?.ratio.toSignificantDigits(20).toFixed()).toBe('0.66666666666666666667');
    expect(resolveFundPayRatio({ bookedSum: '2', costSum: '0' }, DEFAULT_POINT_VALUE_OPTIONS)).toBeUndefined();
  });
  it('separate employee and resident point values; perPool false sums the pools exactly', () => {
    const aggregates = {
      employee: { points: '125000000', bookedSum: '720000000', costSum: '1000000000', fund: '900000000' },
      resident: { points: '50000000', bookedSum: '300000000', costSum: '500000000', fund: '240000000' },
    };
    const policy = { pointValue: DEFAULT_POINT_VALUE_OPTIONS, rounding: DEFAULT_ROUNDING_OPTIONS };
    const r = computePoolPointValues(aggregates, policy);
    expect(r.byPool.employee?.pointValue.toFixed(6)).toBe('10.000000');
    expect(r.byPool.resident?.pointValue.toFixed(6)).toBe('8.000000'); // (2.4e8 / 0.6) / 5e7
    const all = computePoolPointValues(aggregates, { ...policy, pointValue: { ...DEFAULT_POINT_VALUE_OPTIONS, perPool: false } });
    // F 1.14e9; r = 1.02e9 / 1.5e9 = 0.68; (1.14e9 / 0.68) / 1.75e8 = 9.579832
    expect(all.byPool.all?.pointValue.toFixed(6)).toBe('9.579832');
    const missing = computePoolPointValues({ resident: { points: '1', bookedSum: '1', costSum: '1' } }, policy);
    expect(missing.issues[0]?.code).toBe('pointValue.fund_missing');
  });
});
