import { describe, expect, it } from 'vitest';
import { DEFAULT_POINT_VALUE_OPTIONS, DEFAULT_ROUNDING_OPTIONS } from '../../src/policy/schema.js';
import type { PointValueOptions } from '../../src/policy/schema.js';
import { computePointValue } from '../../src/pointValue/index.js';

const rounding = DEFAULT_ROUNDING_OPTIONS;
const pol = (o: Partial<PointValueOptions> = {}) => ({ pointValue: { ...DEFAULT_POINT_VALUE_OPTIONS, ...o }, rounding });

describe('computePointValue (§7.2, §7.4)', () => {
  it('T12 settlement PV (9 × 10⁸ / 0.72) / 1.25 × 10⁸ = 10.000000', () => {
    const r = computePointValue({ fund: '900000000', fundPayRatio: '0.72', totalPoints: '125000000' }, pol());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.fundOnCostScale?.toFixed()).toBe('1250000000');
    expect(r.value.pointValue.toFixed(6)).toBe('10.000000');
    expect(r.value.fundPayRatio?.source).toBe('input');
  });

  it('r from the data (Σ booked / Σ cost), unrounded; PV rounded 6 dp half-up once', () => {
    const r = computePointValue({ fund: '1000000', bookedSum: '700000', costSum: '1000001', totalPoints: '123457' }, pol());
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.fundPayRatio?.source).toBe('data');
    // (1,000,000 / (700,000 / 1,000,001)) / 123,457 = 11.5714204714423…
    expect(r.value.unrounded?.toSignificantDigits(12).toFixed()).toBe('11.5714204714');
    expect(r.value.pointValue.toFixed(6)).toBe('11.571420');
  });

  it('the policy\u2019s published fundPayRatio wins over the data', () => {
    const r = computePointValue({ fund: '720', bookedSum: '1', costSum: '2', totalPoints: '100' }, pol({ fundPayRatio: '0.72' }));
    expect(r.ok && [r.value.fundPayRatio?.source, r.value.pointValue.toFixed()]).toEqual(['policy', '10']);
  });

  it('item-based special-case amounts leave F before the PV: ((F − A) / r) / P_regular (§6.4)', () => {
    const r = computePointValue({ fund: '900000000', specialCaseAmount: '7200000', fundPayRatio: '0.72', totalPoints: '124000000' }, pol());
    expect(r.ok && r.value.pointValue.toFixed(6)).toBe('10.000000');
  });

  it('floor, floor share of the budget PV, cap', () => {
    const base = { fund: '900000000', fundPayRatio: '0.72', totalPoints: '125000000' };
    const floored = computePointValue(base, pol({ pvFloor: '10.5' }));
    expect(floored.ok && [floored.value.pointValue.toFixed(), floored.value.bound]).toEqual(['10.5', 'floor']);
    const share = computePointValue({ ...base, budgetPointValue: '12' }, pol({ pvFloorShareOfBudget: '0.9' }));
    expect(share.ok && [share.value.pointValue.toFixed(), share.value.bound]).toEqual(['10.8', 'floor']);
    const capped = computePointValue(base, pol({ pvCap: '9.5' }));
    expect(capped.ok && [capped.value.pointValue.toFixed(), capped.value.bound, capped.value.rounded.toFixed()]).toEqual(['9.5', 'cap', '10']);
  });

  it('fixed regime returns fixedPointValue; missing it is an error', () => {
    const r = computePointValue({ fund: '1', totalPoints: '1' }, pol({ pointValueRegime: 'fixed', fixedPointValue: '9.87' }));
    expect(r.ok && r.value.pointValue.toFixed()).toBe('9.87');
    const bad = computePointValue({ fund: '1', totalPoints: '1' }, pol({ pointValueRegime: 'fixed' }));
    expect(!bad.ok && bad.issues[0]?.code).toBe('pointValue.fixed_pv_missing');
  });

  it('no r and no points are errors, not zeros', () => {
    const a = computePointValue({ fund: '1', totalPoints: '1' }, pol());
    expect(!a.ok && a.issues[0]?.code).toBe('pointValue.ratio_missing');
    const b = computePointValue({ fund: '1', totalPoints: '0', fundPayRatio: '0.7' }, pol());
    expect(!b.ok && b.issues[0]?.code).toBe('pointValue.no_points');
  });

  it('T19 elastic 8:2: base 8.0 × 10⁸ at the fixed PV, increment 2.0 × 10⁸ floating', () => {
    const r = computePointValue(
      { fund: '1000000000', fundPayRatio: '1', totalPoints: '110000000' },
      pol({ pointValueRegime: 'elastic', fixedPointValue: '10', elastic: { ...DEFAULT_POINT_VALUE_OPTIONS.elastic, baseShare: '0.8' } }),
    );
    if (!r.ok) throw new Error('expected ok');
    const e = r.value.elastic;
    expect(e?.baseFund.toFixed()).toBe('800000000');
    expect(e?.incrementFund.toFixed()).toBe('200000000');
    expect(e?.basePoints.toFixed()).toBe('80000000');
    expect(e?.incrementPoints.toFixed()).toBe('30000000');
    expect(r.value.pointValue.toFixed(6)).toBe('6.666667');
  });
});
