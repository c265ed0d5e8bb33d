import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DEFAULT_ROUNDING_OPTIONS } from '../../src/policy/schema.js';
import { computeBudgetPointValue, computeOptimal1DBudgetPointValue } from '../../src/pointValue/index.js';
import type { BudgetHospital } from '../../src/pointValue/index.js';
import { ZERO, dec } from '../../src/decimal/index.js';

const rounding = DEFAULT_ROUNDING_OPTIONS;
const y = (cost: string, points: string) => ({ cost, points });

describe('computeOptimal1DBudgetPointValue (§7.1 一维优值区间), hand-worked', () => {
  // Weights 1 : 2 : 7 on each hospital's years first (T13), then one selection:
  //   A: C = 10000 + 2·11000 + 7·12000 = 116000; P = 1000 + 2·1000 + 7·1200 = 11400; v_A = 10.17543859649…
  //   B: C =  9000 + 2·9000  + 7·9000  =  90000; P = 1000 + 2·1000 + 7·1000 = 10000; v_B = 9
  //   C: C = 15000 + 2·16000 + 7·18000 = 173000; P = 1000 + 2·1100 + 7·1200 = 11600; v_C = 14.91379310344…
  //   v̄ = 379000 / 33000 = 11.48484848…: keep A and B (v < v̄), drop C.
  //   points:    (116000 + 90000) / (11400 + 10000) = 206000 / 21400 = 9.62616822429906… → 9.626168
  //   hospitals: (10.17543859649122807017… + 9) / 2 = 9.58771929824561403508… → 9.587719
  const hospitals: BudgetHospital[] = [
    { hospitalId: 'C', years: [y('15000', '1000'), y('16000', '1100'), y('18000', '1200')] },
    { hospitalId: 'A', years: [y('10000', '1000'), y('11000', '1000'), y('12000', '1200')] },
    { hospitalId: 'B', years: [y('9000', '1000'), y('9000', '1000'), y('9000', '1000')] },
  ];
  const pv = (optimalWeighting: 'points' | 'hospitals') => ({ pointValue: { yearWeights: ['1', '2', '7'], optimalWeighting }, rounding });
  it('points-weighted (engine default): 206000 / 21400 = 9.626168', () => {
    const r = computeOptimal1DBudgetPointValue(hospitals, pv('points'));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.hospitals.map((h) => [h.hospitalId, h.cost.toFixed(), h.points.toFixed()])).toStrictEqual([
      ['A', '116000', '11400'],
      ['B', '90000', '10000'],
      ['C', '173000', '11600'],
    ]);
    expect(r.value.regionMean.toFixed(6)).toBe('11.484848');
    expect(r.value.selected).toStrictEqual(['A', 'B']);
    expect(r.value.pointValue.toFixed(6)).toBe('9.626168');
  });
  it('hospital-weighted: (v_A + v_B) / 2 = 9.587719', () => {
    const r = computeOptimal1DBudgetPointValue(hospitals, pv('hospitals'));
    expect(r.ok && r.value.pointValue.toFixed(6)).toBe('9.587719');
    expect(r.ok && r.value.unrounded.toFixed(20)).toBe('9.58771929824561403509');
  });
  it('the same data by the mean method: 379000 / 33000 = 11.484848 (≥ both)', () => {
    const m = computeBudgetPointValue([y('34000', '3000'), y('36000', '3100'), y('39000', '3400')], { pointValue: { yearWeights: ['1', '2', '7'], pvMethod: 'mean' }, rounding });
    expect(m.ok && m.value.pointValue.toFixed(6)).toBe('11.484848');
  });
  it('a hospital exactly at the mean is not kept (strict <)', () => {
    // weight 1: A 100 / 10 (v 10), B 300 / 10 (v 30), C 200 / 10 (v 20) → v̄ = 600 / 30 = 20: C is at the mean.
    const r = computeOptimal1DBudgetPointValue(
      [{ hospitalId: 'A', years: [y('100', '10')] }, { hospitalId: 'B', years: [y('300', '10')] }, { hospitalId: 'C', years: [y('200', '10')] }],
      { pointValue: { yearWeights: ['1'], optimalWeighting: 'points' }, rounding },
    );
    expect(r.ok && r.value.selected).toStrictEqual(['A']);
    expect(r.ok && r.value.pointValue.toFixed(6)).toBe('10.000000');
  });
  it('a hospital without points counts in v̄ but is never kept', () => {
    // weight 1: A 100 / 10, Z 50 / 0 → v̄ = 150 / 10 = 15; A (v 10) kept; Z unscored.
    const r = computeOptimal1DBudgetPointValue([{ hospitalId: 'Z', years: [y('50', '0')] }, { hospitalId: 'A', years: [y('100', '10')] }], { pointValue: { yearWeights: ['1'], optimalWeighting: 'points' }, rounding });
    expect(r.ok && [r.value.regionMean.toFixed(), r.value.selected, r.value.unscored, r.value.pointValue.toFixed(6)]).toStrictEqual(['15', ['A'], ['Z'], '10.000000']);
  });
  it('error paths: no hospital below the mean, zero points, duplicate hospital, year count', () => {
    const policy = { pointValue: { yearWeights: ['1'], optimalWeighting: 'points' as const }, rounding };
    const equal = computeOptimal1DBudgetPointValue([{ hospitalId: 'A', years: [y('100', '10')] }, { hospitalId: 'B', years: [y('200', '20')] }], policy);
    expect(!equal.ok && equal.issues[0]).toStrictEqual({
      severity: 'error',
      code: 'pointValue.no_hospital_below_mean',
      message: 'no hospital has a point value per point below the regional mean 10 (2 hospitals): the optimal interval is empty',
      expected: 'at least one hospital with C_h / P_h < ΣC / ΣP',
    });
    const single = computeOptimal1DBudgetPointValue([{ hospitalId: 'A', years: [y('100', '10')] }], policy);
    expect(!single.ok && single.issues[0]!.code).toBe('pointValue.no_hospital_below_mean');
    const zero = computeOptimal1DBudgetPointValue([{ hospitalId: 'A', years: [y('100', '0')] }], policy);
    expect(!zero.ok && zero.issues[0]!.code).toBe('pointValue.no_points');
    const none = computeOptimal1DBudgetPointValue([], policy);
    expect(!none.ok && none.issues[0]!.code).toBe('pointValue.no_points');
    const dup = computeOptimal1DBudgetPointValue([{ hospitalId: 'A', years: [y('1', '1')] }, { hospitalId: 'A', years: [y('2', '1')] }], policy);
    expect(!dup.ok && dup.issues[0]!.code).toBe('pointValue.duplicate_hospital');
    const yc = computeOptimal1DBudgetPointValue([{ hospitalId: 'A', years: [y('1', '1'), y('1', '1')] }], policy);
    expect(!yc.ok && yc.issues[0]!.code).toBe('pointValue.year_count');
  });
});

// Random hospitals: 1–3 years, costs in fen, points at 4 dp (some zero), a few hospitals.
const money = fc.integer({ min: 0, max: 2_000_000_000 }).map((f) => dec(f).div(100).toFixed());
const pts = fc.oneof(fc.constant('0'), fc.integer({ min: 0, max: 500_000_000 }).map((p) => dec(p).div(10_000).toFixed()));
const historyArb = fc.integer({ min: 1, max: 3 }).chain((n) =>
  fc.record({
    hospitals: fc.uniqueArray(
      fc.record({ hospitalId: fc.string({ minLength: 1, maxLength: 4 }), years: fc.array(fc.record({ cost: money, points: pts }), { minLength: n, maxLength: n }) }),
      { minLength: 0, maxLength: 8, selector: (h) => h.hospitalId },
    ),
    weights: fc.array(fc.constantFrom('1', '2', '7', '0.5', '3.25'), { minLength: n, maxLength: n }),
    weighting: fc.constantFrom('points' as const, 'hospitals' as const),
  }),
);
const fmt = (r: ReturnType<typeof computeOptimal1DBudgetPointValue>): unknown =>
  r.ok ? { pv: r.value.pointValue.toFixed(), u: r.value.unrounded.toFixed(), sel: r.value.selected, v: r.value.regionMean.toFixed() } : r.issues.map((i) => i.code);

describe('computeOptimal1DBudgetPointValue properties (fast-check, fixed seeds)', () => {
  test.prop([historyArb], { seed: 71208, numRuns: 500 })('PV ≤ the mean PV of the same data (rounded and unrounded); v̄ is the mean unrounded PV; every kept v_h < v̄', ({ hospitals, weights, weighting }) => {
    const policy = { pointValue: { yearWeights: weights, optimalWeighting: weighting }, rounding };
    const o = computeOptimal1DBudgetPointValue(hospitals, policy);
    const totals = weights.map((_, i) => {
      let cost = ZERO;
      let points = ZERO;
      for (const h of hospitals) {
        cost = cost.plus(h.years[i]!.cost);
        points = points.plus(h.years[i]!.points);
      }
      return { cost, points };
    });
    const m = computeBudgetPointValue(totals, { pointValue: { yearWeights: weights, pvMethod: 'mean' }, rounding });
    if (!o.ok) {
      const codes = o.issues.map((i) => i.code);
      if (!m.ok) expect(codes).toStrictEqual(['pointValue.no_points']);
      else expect(codes).toStrictEqual(['pointValue.no_hospital_below_mean']);
      return;
    }
    if (!m.ok) throw new Error('mean failed where optimal1D did not');
    expect(o.value.regionMean.toFixed()).toBe(m.value.unrounded.toFixed());
    expect(o.value.unrounded.lte(m.value.unrounded)).toBe(true);
    expect(o.value.pointValue.lte(m.value.pointValue)).toBe(true);
    let sc = ZERO;
    let sp = ZERO;
    weights.forEach((w, i) => {
      sc = sc.plus(dec(w).times(totals[i]!.cost));
      sp = sp.plus(dec(w).times(totals[i]!.points));
    });
    for (const h of o.value.hospitals) expect(o.value.selected.includes(h.hospitalId)).toBe(h.v !== undefined && h.cost.times(sp).lt(sc.times(h.points)));
  });
  test.prop([historyArb, fc.integer()], { seed: 90210, numRuns: 400 })('the result does not depend on the order of hospitals', ({ hospitals, weights, weighting }, seed) => {
    const policy = { pointValue: { yearWeights: weights, optimalWeighting: weighting }, rounding };
    const rev = [...hospitals].reverse();
    const rot = hospitals.length === 0 ? [] : [...hospitals.slice(Math.abs(seed) % hospitals.length), ...hospitals.slice(0, Math.abs(seed) % hospitals.length)];
    const a = fmt(computeOptimal1DBudgetPointValue(hospitals, policy));
    expect(fmt(computeOptimal1DBudgetPointValue(rev, policy))).toStrictEqual(a);
    expect(fmt(computeOptimal1DBudgetPointValue(rot, policy))).toStrictEqual(a);
  });
});
