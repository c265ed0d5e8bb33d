import { describe, expect, it } from 'vitest';
import { Q, q } from './rational.js';
import { REF_VARIANTS, refAllocate, refAmountDue, refBudgetPointValue, refCasePoints, refCorridor, refMonthlyPrepayment, refNetPayment, refSettlementPointValue } from './dipReference.js';

// The reference implementation must itself reproduce DIP-RULES.md §9 before it may judge the engine.
const base = { rw: '1500', c: '0.9', a: '1', pv: '10' };

describe('reference: case points (DIP-RULES.md §9.2)', () => {
  it('T5 normal', () => {
    expect(refCasePoints({ ...base, cost: '13500', reference: '13500' }, REF_VARIANTS.hubei_base!)).toEqual({ outlier: 'normal', points: '1350.0000' });
  });
  it('T6 national 3.0 low paid at cost', () => {
    expect(refCasePoints({ ...base, cost: '5000', reference: '13500' }, REF_VARIANTS.national_3_0!)).toEqual({ outlier: 'low', points: '500.0000' });
  });
  it('T7 low outliers by variant', () => {
    const i = { ...base, cost: '5000', reference: '13500' };
    expect(refCasePoints(i, REF_VARIANTS.national_1_0!).points).toBe('555.5556');
    expect(refCasePoints(i, REF_VARIANTS.hubei_base!).points).toBe('500.0000');
    expect(refCasePoints(i, REF_VARIANTS.jining!).points).toBe('555.5556');
    expect(refCasePoints(i, REF_VARIANTS.taian!).points).toBe('555.5556');
  });
  it('T8/T9 high outliers', () => {
    const i = { ...base, cost: '33750', reference: '13500' };
    expect(refCasePoints(i, REF_VARIANTS.national_1_0!).points).toBe('2250.0000');
    expect(refCasePoints(i, REF_VARIANTS.hubei_base!).points).toBe('2025.0000');
    expect(refCasePoints(i, REF_VARIANTS.jining!).points).toBe('2100.0000');
    expect(refCasePoints(i, REF_VARIANTS.taian!).points).toBe('2100.0000');
  });
  it('T10 extreme', () => {
    const i = { ...base, cost: '81000', reference: '13500' };
    expect(refCasePoints(i, REF_VARIANTS.jining!)).toEqual({ outlier: 'extreme', points: '1350.0000' });
    expect(refCasePoints(i, REF_VARIANTS.hubei_base!).points).toBe('6750.0000');
    expect(refCasePoints(i, REF_VARIANTS.taian!).points).toBe('7350.0000');
  });
  it('T11 boundaries', () => {
    const low = { ...base, cost: '6750', reference: '13500' };
    expect(refCasePoints(low, REF_VARIANTS.hubei_base!).points).toBe('675.0000');
    expect(refCasePoints(low, REF_VARIANTS.jining!).points).toBe('750.0000');
    expect(refCasePoints(low, REF_VARIANTS.national_1_0!)).toEqual({ outlier: 'normal', points: '1500.0000' }); // 1.0: no coefficient
    expect(refCasePoints(low, REF_VARIANTS.national_3_0!).outlier).toBe('normal');
    const two = { ...base, cost: '27000', reference: '13500' };
    expect(refCasePoints(two, REF_VARIANTS.hubei_base!)).toEqual({ outlier: 'high', points: '1350.0000' });
    expect(refCasePoints(two, REF_VARIANTS.jining!)).toEqual({ outlier: 'normal', points: '1350.0000' });
  });
  it('F1 floating-point boundary stays normal under a strict rule', () => {
    const r = refCasePoints({ rw: '1496.8', c: '0.95', a: '1', pv: '15', cost: '42658.80', reference: '21329.40' }, REF_VARIANTS.national_1_0!);
    expect(r.outlier).toBe('normal');
  });
});

describe('reference: point value and settlement (DIP-RULES.md §9.1, §9.3)', () => {
  it('T12 settlement PV', () => {
    expect(refSettlementPointValue('900000000', q('0.72'), '125000000')).toBe('10.000000');
  });
  it('T13 budget PV', () => {
    expect(refBudgetPointValue(['1000000000', '1100000000', '1200000000'], ['100000000', '105000000', '110000000'])).toBe('10.740741');
  });
  it('T14 amount due', () => {
    expect(refAmountDue([{ points: '2000000', pv: '10', r: q('0.70') }], '0.98', '150000')).toBe('13570000.00');
  });
  it('T15 monthly prepayment', () => {
    expect(refMonthlyPrepayment('180000', '10', '540000', '0.9', '0.05', '20000').prepay).toBe('1114000.00');
  });
  const surplus = [{ from: '0', to: '0.1', share: '1' }, { from: '0.1', to: '0.2', share: '0.5' }, { from: '0.2', share: '0' }];
  const overrun = [{ from: '0', to: '0.1', share: '0.5' }, { from: '0.1', share: '0' }];
  it('E1/E2 corridor', () => {
    expect(refCorridor('10000000', '8500000', surplus, overrun)).toBe('9750000.00');
    expect(refCorridor('10000000', '11500000', surplus, overrun)).toBe('10500000.00');
    expect(refCorridor('10000000', '8500000', [{ from: '0', share: '1' }], [{ from: '0', share: '0' }])).toBe('10000000.00');
  });
  it('E3 net payment', () => {
    expect(refNetPayment('12100000', '600000', '0.8', '11280000', '500000')).toEqual({ refund: '480000.00', forfeit: '120000.00', net: '200000.00' });
  });
  it('largest remainder sums exactly', () => {
    const m = refAllocate('100.00', [{ key: 'a', weight: '1' }, { key: 'b', weight: '1' }, { key: 'c', weight: '1' }]);
    expect([...m.values()]).toEqual(['33.34', '33.33', '33.33']);
  });
  it('rational rounding is half away from zero', () => {
    expect(Q.parse('-2.5').round(0).toFixed(0)).toBe('-3');
    expect(Q.parse('1.005').round(2).toFixed(2)).toBe('1.01');
    expect(Q.of(1n, 3n).round(4).toFixed(4)).toBe('0.3333');
  });
});
