import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DEFAULT_ROUNDING_OPTIONS } from '../../src/policy/schema.js';
import { computeBudgetPointValue, computeOptimal2DBudgetPointValue } from '../../src/pointValue/index.js';
import type { BudgetHospital2D } from '../../src/pointValue/index.js';
import type { Dec } from '../../src/decimal/index.js';
import { ZERO, dec } from '../../src/decimal/index.js';

const rounding = DEFAULT_ROUNDING_OPTIONS;
const optimal2D = { maxIterations: 1000, tolerance: '0.0000000001' };
/** A hospital with the same (cost, points, accounting cost) in each of `n` years. */
const same = (hospitalId: string, cost: string, points: string, accountingCost: string, n = 3): BudgetHospital2D => ({ hospitalId, years: Array.from({ length: n }, () => ({ cost, points, accountingCost })) });
const policy = (yearWeights = ['1', '2', '7']) => ({ pointValue: { yearWeights, optimal2D }, rounding });

describe('computeOptimal2DBudgetPointValue (§7.1 二维优值区间), hand-worked', () => {
  // Weights 1 : 2 : 7 on identical years: every total is 10 × the yearly one, so v_h and u_h are the yearly ratios.
  //   A (8, 6), B (9, 7), C (10, 8), D (20, 7), E (7, 7.5), F (10.5, 10.4) with points 1000, F 2000.
  //   ΣC = 10·(8000 + 9000 + 10000 + 20000 + 7000 + 21000) = 750000; ΣP = 10·7000 → v̄ = 75 / 7 = 10.714285…
  //   ΣA = 10·(6000 + 7000 + 8000 + 7000 + 7500 + 20800) = 563000 → ū = 56.3 / 7 = 8.042857…
  //   D: v 20 > v̄ (out); E: v 7 < u 7.5 (out: revenue below cost); F: u 10.4 > ū (out); A, B, C kept.
  //   A, B, C lie on one line: the median is the middle point B = (9, 7): its pull R = (−1, −1)/√2 + (1, 1)/√2 = 0
  //   is below its multiplicity 1, so no iteration is needed → PV 9.000000.
  const six = [same('F', '21000', '2000', '20800'), same('A', '8000', '1000', '6000'), same('B', '9000', '1000', '7000'), same('C', '10000', '1000', '8000'), same('D', '20000', '1000', '7000'), same('E', '7000', '1000', '7500')];
  it('three kept points on a line: the middle one, 9.000000', () => {
    const r = computeOptimal2DBudgetPointValue(six, policy());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.selected).toStrictEqual(['A', 'B', 'C']);
    expect(r.value.regionMean.toFixed(6)).toBe('10.714286');
    expect(r.value.regionCostMean.toFixed(6)).toBe('8.042857');
    expect([r.value.median.v.toFixed(), r.value.median.u.toFixed(), r.value.iterations, r.value.converged]).toStrictEqual(['9', '7', 0, true]);
    expect(r.value.pointValue.toFixed(6)).toBe('9.000000');
    expect(r.warnings).toBeUndefined();
  });
  it('an obtuse triangle (angle ≥ 120° at G): the median is the vertex G = (10, 5), 10.000000', () => {
    // G (10, 5), H (12, 5.5), I (8, 5.5), J (30, 6): v̄ = 60000 / 4000 = 15, ū = 22000 / 4000 = 5.5 (H and I sit on
    // ū: kept, the test is ≤); J out (v 30 > 15). At G the unit vectors to H and I are (±2, 0.5)/√4.25: their sum
    // has length 1/√4.25 = 0.485… < 1, so G is the median (angle 151.9°), found by the vertex test (0 iterations).
    const r = computeOptimal2DBudgetPointValue([same('G', '10000', '1000', '5000'), same('H', '12000', '1000', '5500'), same('I', '8000', '1000', '5500'), same('J', '30000', '1000', '6000')], policy());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.selected).toStrictEqual(['G', 'H', 'I']);
    expect([r.value.median.v.toFixed(), r.value.median.u.toFixed(), r.value.iterations, r.value.converged]).toStrictEqual(['10', '5', 0, true]);
    expect(r.value.pointValue.toFixed(6)).toBe('10.000000');
  });
  // K (8, 5), L (12, 5), M (10, 8), N (40, 14): v̄ = 70000 / 4000 = 17.5, ū = 32000 / 4000 = 8 (M on ū: kept); N out.
  // Every angle of K L M is below 120°, so the median is the Fermat point inside: on the axis v = 10, where K and L
  // are seen at 120°: tan 60° = 2 / (u − 5) → u = 5 + 2/√3 = 6.15470053837925…; Weiszfeld from the centroid
  // (10, 6) converges to it → PV 10.000000.
  const acute = [same('K', '8000', '1000', '5000'), same('L', '12000', '1000', '5000'), same('M', '10000', '1000', '8000'), same('N', '40000', '1000', '14000')];
  it('an acute triangle: the Fermat point (10, 5 + 2/√3) by Weiszfeld, 10.000000', () => {
    const r = computeOptimal2DBudgetPointValue(acute, policy());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.selected).toStrictEqual(['K', 'L', 'M']);
    expect(r.value.converged).toBe(true);
    expect(r.value.iterations).toBeGreaterThan(1);
    expect([r.value.median.v.toFixed(9), r.value.median.u.toFixed(9)]).toStrictEqual(['10.000000000', '6.154700538']);
    expect(r.value.pointValue.toFixed(6)).toBe('10.000000');
  });
  it('one kept hospital: its own v', () => {
    const r = computeOptimal2DBudgetPointValue([same('A', '8000', '1000', '6000', 1), same('D', '20000', '1000', '7000', 1)], policy(['1']));
    expect(r.ok && [r.value.selected, r.value.pointValue.toFixed(6)]).toStrictEqual([['A'], '8.000000']);
  });
  it('maxIterations reached: the last iterate with a warning', () => {
    const r = computeOptimal2DBudgetPointValue(acute, { pointValue: { yearWeights: ['1', '2', '7'], optimal2D: { maxIterations: 2, tolerance: '0.000000000001' } }, rounding });
    expect(r.ok && [r.value.iterations, r.value.converged, r.warnings?.map((w) => w.code)]).toStrictEqual([2, false, ['pointValue.optimal2D_not_converged']]);
  });
  it('error paths: accounting cost missing, empty interval, zero points', () => {
    const miss = computeOptimal2DBudgetPointValue([{ hospitalId: 'A', years: [{ cost: '1', points: '1' }] }], policy(['1']));
    expect(!miss.ok && miss.issues[0]!.code).toBe('pointValue.accounting_cost_missing');
    // a year without cases needs no accounting cost
    const idle = computeOptimal2DBudgetPointValue([{ hospitalId: 'A', years: [{ cost: '0', points: '0' }, { cost: '8', points: '1', accountingCost: '6' }] }], policy(['1', '2']));
    expect(idle.ok && idle.value.pointValue.toFixed(6)).toBe('8.000000');
    // every hospital's revenue below its cost: empty interval
    const loss = computeOptimal2DBudgetPointValue([same('A', '8000', '1000', '9000', 1), same('B', '9000', '1000', '9500', 1)], policy(['1']));
    expect(!loss.ok && loss.issues[0]).toMatchObject({ severity: 'error', code: 'pointValue.no_hospital_in_interval' });
    const zero = computeOptimal2DBudgetPointValue([same('A', '8000', '0', '1', 1)], policy(['1']));
    expect(!zero.ok && zero.issues[0]!.code).toBe('pointValue.no_points');
  });
});

// Random hospitals (1–3 years, costs in fen, points at 4 dp, accounting cost a share 0.5–1.2 of the cost).
const hospArb = fc.record({
  cost: fc.integer({ min: 1, max: 200_000_000 }),
  points: fc.integer({ min: 0, max: 50_000_000 }),
  share: fc.integer({ min: 50, max: 120 }),
});
const historyArb = fc.integer({ min: 1, max: 3 }).chain((n) =>
  fc.record({
    hospitals: fc.uniqueArray(fc.record({ hospitalId: fc.string({ minLength: 1, maxLength: 3 }), years: fc.array(hospArb, { minLength: n, maxLength: n }) }), { minLength: 1, maxLength: 7, selector: (h) => h.hospitalId }),
    weights: fc.array(fc.constantFrom('1', '2', '7', '0.5'), { minLength: n, maxLength: n }),
  }),
);
const toHospitals = (hs: { hospitalId: string; years: { cost: number; points: number; share: number }[] }[]): BudgetHospital2D[] =>
  hs.map((h) => ({
    hospitalId: h.hospitalId,
    years: h.years.map((y) => ({ cost: dec(y.cost).div(100).toFixed(), points: dec(y.points).div(10_000).toFixed(), accountingCost: dec(y.cost).times(y.share).div(10_000).toFixed() })),
  }));
const sumDist = (p: { v: Dec; u: Dec }, pts: readonly { v: Dec; u: Dec }[]): Dec => pts.reduce((s, x) => s.plus(x.v.minus(p.v).pow(2).plus(x.u.minus(p.u).pow(2)).sqrt()), ZERO);

describe('computeOptimal2DBudgetPointValue properties (fast-check, fixed seeds)', () => {
  test.prop([historyArb], { seed: 2026, numRuns: 120 })('PV ≤ the mean PV; kept hospitals meet the three conditions; the median beats its neighbours at ±1e-6', ({ hospitals, weights }) => {
    const hs = toHospitals(hospitals);
    const r = computeOptimal2DBudgetPointValue(hs, policy(weights));
    const totals = weights.map((_, i) => ({ cost: hs.reduce((s, h) => s.plus(h.years[i]!.cost), ZERO), points: hs.reduce((s, h) => s.plus(h.years[i]!.points), ZERO) }));
    const m = computeBudgetPointValue(totals, { pointValue: { yearWeights: weights, pvMethod: 'mean' }, rounding });
    if (!r.ok) {
      expect(['pointValue.no_points', 'pointValue.no_hospital_in_interval']).toContain(r.issues[0]!.code);
      return;
    }
    if (!m.ok) throw new Error('mean failed where optimal2D did not');
    expect(r.value.pointValue.lte(m.value.pointValue)).toBe(true);
    // Weiszfeld converges linearly, slowly near a vertex that is not the median: a capped run warns.
    expect(r.warnings?.map((w) => w.code)).toStrictEqual(r.value.converged ? undefined : ['pointValue.optimal2D_not_converged']);
    if (!r.value.converged) return;
    const kept = r.value.hospitals.filter((h) => r.value.selected.includes(h.hospitalId));
    for (const h of kept) {
      expect(h.v!.lte(r.value.regionMean) && h.u!.lte(r.value.regionCostMean) && h.v!.gte(h.u!)).toBe(true);
    }
    const pts = kept.map((h) => ({ v: h.v!, u: h.u! }));
    const f = sumDist(r.value.median, pts);
    const e = dec('0.000001');
    for (const [dv, du] of [[e, ZERO], [e.neg(), ZERO], [ZERO, e], [ZERO, e.neg()]] as const) {
      expect(f.lte(sumDist({ v: r.value.median.v.plus(dv), u: r.value.median.u.plus(du) }, pts))).toBe(true);
    }
  });
  test.prop([historyArb], { seed: 6202, numRuns: 60 })('the result does not depend on the order of hospitals', ({ hospitals, weights }) => {
    const hs = toHospitals(hospitals);
    const fmt = (r: ReturnType<typeof computeOptimal2DBudgetPointValue>): unknown => (r.ok ? [r.value.median.v.toFixed(), r.value.median.u.toFixed(), r.value.iterations, r.value.selected] : r.issues.map((i) => i.code));
    expect(fmt(computeOptimal2DBudgetPointValue([...hs].reverse(), policy(weights)))).toStrictEqual(fmt(computeOptimal2DBudgetPointValue(hs, policy(weights))));
  });
});
