import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DEFAULT_ROUNDING_OPTIONS } from '../../src/policy/schema.js';
import { computeBudgetPointValue, computeQuantileBudgetPointValue } from '../../src/pointValue/index.js';
import type { BudgetCaseGroup } from '../../src/pointValue/index.js';
import { unitsToYuan } from '../../src/catalogBuild/costUnits.js';
import { ZERO, dec } from '../../src/decimal/index.js';

const rounding = DEFAULT_ROUNDING_OPTIONS;
/** Yuan → units of 0.0001 元 (test data are whole yuan). */
const u = (yuan: number): number => yuan * 10_000;
const one = (yuan: number, points: string): BudgetCaseGroup => ({ points, costs: [u(yuan)] });

describe('computeQuantileBudgetPointValue (§7.1 分位数法), hand-worked', () => {
  // Weights 1 : 2 : 7 (T13), quantiles 0.25 / 0.75, nearest rank (§5.3: rank ⌈p·n⌉, rank 1 for p = 0), minCases 0.
  // Year 1, n = 4: costs 1000 (100 pts), 2000 (150), 3000 (250), 9000 (300).
  //   P25 = rank ⌈1⌉ = 1 → 1000; P75 = rank ⌈3⌉ = 3 → 3000; drop 9000. C'1 = 6000, P'1 = 500.
  // Year 2, n = 3: costs 500 (100), 4000 (300), 4000 (320).
  //   P25 = rank ⌈0.75⌉ = 1 → 500; P75 = rank ⌈2.25⌉ = 3 → 4000; nothing dropped. C'2 = 8500, P'2 = 720.
  // Year 3, n = 5: costs 800 (100), 1200 (100), 1500 (120), 1500 (130), 7000 (200).
  //   P25 = rank ⌈1.25⌉ = 2 → 1200, drop 800; P75 = rank ⌈3.75⌉ = 4 → 1500, drop 7000; both 1500 kept (tie).
  //   C'3 = 4200, P'3 = 350.
  // PV = (1·6000 + 2·8500 + 7·4200) / (1·500 + 2·720 + 7·350) = 52400 / 4390 = 11.93621867881548974943…
  //    → 11.936219 (6 dp half-up, §8.7).
  // Untrimmed (mean): (15000 + 2·8500 + 7·12000) / (800 + 2·720 + 7·650) = 116000 / 6790 = 17.083947.
  const years: BudgetCaseGroup[][] = [
    [one(1000, '100'), one(2000, '150'), one(3000, '250'), one(9000, '300')],
    [one(500, '100'), { points: '300', costs: [u(4000)] }, one(4000, '320')],
    [one(800, '100'), one(1200, '100'), one(1500, '120'), one(1500, '130'), one(7000, '200')],
  ];
  const pointValue = { yearWeights: ['1', '2', '7'], pvTrimQuantiles: ['0.25', '0.75'] as [string, string] };
  it('trims per year, then weights: 52400 / 4390 = 11.936219', () => {
    const r = computeQuantileBudgetPointValue(years, { pointValue, rounding }, { minCases: 0 });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.trimmedYears.map((y) => [y.cost.toFixed(), y.points.toFixed()])).toStrictEqual([
      ['6000', '500'],
      ['8500', '720'],
      ['4200', '350'],
    ]);
    expect(r.value.trims.map((t) => [t.trimmedLow, t.trimmedHigh, t.keptFrom?.toFixed(), t.keptTo?.toFixed()])).toStrictEqual([
      [0, 1, '1000', '3000'],
      [0, 0, '500', '4000'],
      [1, 1, '1200', '1500'],
    ]);
    expect(r.value.weightedCost.times(10).toFixed()).toBe('52400');
    expect(r.value.weightedPoints.times(10).toFixed()).toBe('4390');
    expect(r.value.pointValue.toFixed(6)).toBe('11.936219');
    expect(r.value.method).toBe('quantile');
  });
  it('minCases 25 (default) keeps these small years whole: the mean, 116000 / 6790 = 17.083947', () => {
    const r = computeQuantileBudgetPointValue(years, { pointValue, rounding });
    expect(r.ok && r.value.pointValue.toFixed(6)).toBe('17.083947');
  });
  it('minCases 5: a year of exactly 5 cases is trimmed, years of 4 and 3 are kept whole: 61400 / 4690 = 13.091684', () => {
    // Years 1 and 2 untrimmed (15000 / 800, 8500 / 720), year 3 trimmed (4200 / 350):
    // (15000 + 2·8500 + 7·4200) / (800 + 2·720 + 7·350) = 61400 / 4690 = 13.09168443496801705756… → 13.091684.
    const r = computeQuantileBudgetPointValue(years, { pointValue, rounding }, { minCases: 5 });
    expect(r.ok && r.value.trims.map((t) => t.kept)).toStrictEqual([4, 3, 3]);
    expect(r.ok && r.value.pointValue.toFixed(6)).toBe('13.091684');
  });
  it('grouped cases (one points value, several costs) give the same as one group per case', () => {
    const grouped: BudgetCaseGroup[][] = [years[0]!, [one(500, '100'), { points: '300', costs: [u(4000)] }, one(4000, '320')], [{ points: '100', costs: [u(1200), u(800)] }, ...years[2]!.slice(2)]];
    const a = computeQuantileBudgetPointValue(years, { pointValue, rounding }, { minCases: 0 });
    const b = computeQuantileBudgetPointValue(grouped, { pointValue, rounding }, { minCases: 0 });
    expect(a.ok && b.ok && b.value.pointValue.toFixed()).toBe(a.ok && a.value.pointValue.toFixed());
  });
  it('all trimmed (linear percentiles: costs 1 and 10 at 0.4 / 0.6 → cuts 4.6 and 6.4) is an issue', () => {
    const r = computeQuantileBudgetPointValue([[one(1, '1'), one(10, '1')]], { pointValue: { yearWeights: ['1'], pvTrimQuantiles: ['0.4', '0.6'] }, rounding }, { minCases: 0, method: 'linear' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]).toMatchObject({ severity: 'error', code: 'pointValue.all_trimmed' });
    expect(!r.ok && r.issues[0]!.message).toBe('year 1: all 2 cases lie outside the 0.4 / 0.6 quantiles (linear); no budget point value');
  });
  it('zero points and a bad cost are issues; a year count mismatch too', () => {
    const z = computeQuantileBudgetPointValue([[one(100, '0')]], { pointValue: { yearWeights: ['1'], pvTrimQuantiles: ['0', '1'] }, rounding });
    expect(!z.ok && z.issues[0]!.code).toBe('pointValue.no_points');
    const b = computeQuantileBudgetPointValue([[{ points: '1', costs: [1.5] }]], { pointValue: { yearWeights: ['1'], pvTrimQuantiles: ['0', '1'] }, rounding });
    expect(!b.ok && b.issues[0]!.code).toBe('pointValue.bad_cost');
    const y = computeQuantileBudgetPointValue([[one(100, '1')]], { pointValue: { yearWeights: ['1', '2'], pvTrimQuantiles: ['0', '1'] }, rounding });
    expect(!y.ok && y.issues[0]!.code).toBe('pointValue.year_count');
  });
  it('a year without cases contributes nothing (as in mean)', () => {
    const r = computeQuantileBudgetPointValue([[], [one(100, '10')]], { pointValue: { yearWeights: ['1', '2'], pvTrimQuantiles: ['0.025', '0.975'] }, rounding });
    expect(r.ok && r.value.pointValue.toFixed(6)).toBe('10.000000');
    expect(r.ok && r.value.trims[0]).toStrictEqual({ cases: 0, kept: 0, trimmedLow: 0, trimmedHigh: 0 });
  });
});

// Random history: 1–3 years, groups with 4-dp points and whole-fen costs (units multiple of 100), small cost range so
// that ties at the cut values are frequent.
const groupArb = fc.record({
  points: fc.integer({ min: 0, max: 50_000_000 }).map((p) => dec(p).div(10_000).toFixed()),
  costs: fc.array(fc.integer({ min: 0, max: 400 }).map((f) => f * 100 * 250), { minLength: 0, maxLength: 12 }),
});
const historyArb = fc.integer({ min: 1, max: 3 }).chain((n) =>
  fc.record({
    years: fc.array(fc.array(groupArb, { minLength: 0, maxLength: 8 }), { minLength: n, maxLength: n }),
    weights: fc.array(fc.constantFrom('1', '2', '7', '0.5', '3.25'), { minLength: n, maxLength: n }),
  }),
);
const quantArb = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 500, max: 1000 })).map(([a, b]) => [dec(a).div(1000).toFixed(), dec(b).div(1000).toFixed()] as [string, string]);
const defArb = fc.record({ method: fc.constantFrom('nearestRank' as const, 'linear' as const), minCases: fc.integer({ min: 0, max: 30 }) });
const fmt = (r: ReturnType<typeof computeQuantileBudgetPointValue>): unknown =>
  r.ok ? { pv: r.value.pointValue.toFixed(), u: r.value.unrounded.toFixed(), years: r.value.trimmedYears.map((y) => [y.cost.toFixed(), y.points.toFixed()]), trims: r.value.trims.map((t) => [t.kept, t.trimmedLow, t.trimmedHigh]) } : r.issues.map((i) => i.code);

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const a = [...xs];
  let s = seed >>> 0;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

describe('computeQuantileBudgetPointValue properties (fast-check, fixed seeds)', () => {
  test.prop([historyArb, defArb], { seed: 20261208, numRuns: 400 })('quantiles (0, 1) drop nothing and equal the mean method on the untrimmed totals', ({ years, weights }, def) => {
    const q = computeQuantileBudgetPointValue(years, { pointValue: { yearWeights: weights, pvTrimQuantiles: ['0', '1'] }, rounding }, def);
    const totals = years.map((gs) => {
      let cost = ZERO;
      let points = ZERO;
      for (const g of gs) for (let i = 0; i < g.costs.length; i++) {
        cost = cost.plus(unitsToYuan(g.costs[i]!));
        points = points.plus(g.points);
      }
      return { cost, points };
    });
    const m = computeBudgetPointValue(totals, { pointValue: { yearWeights: weights, pvMethod: 'mean' }, rounding });
    if (!m.ok) {
      expect(!q.ok && q.issues.map((i) => i.code)).toStrictEqual(m.issues.map((i) => i.code));
      return;
    }
    if (!q.ok) throw new Error(JSON.stringify(q.issues));
    expect(q.value.trims.every((t) => t.trimmedLow === 0 && t.trimmedHigh === 0)).toBe(true);
    expect([q.value.pointValue.toFixed(), q.value.unrounded.toFixed(), q.value.weightedCost.toFixed(), q.value.weightedPoints.toFixed()]).toStrictEqual([
      m.value.pointValue.toFixed(),
      m.value.unrounded.toFixed(),
      m.value.weightedCost.toFixed(),
      m.value.weightedPoints.toFixed(),
    ]);
  });
  test.prop([historyArb, quantArb, defArb, fc.integer()], { seed: 8122026, numRuns: 400 })('the result does not depend on the order of groups or of cases within a group', ({ years, weights }, quantiles, def, seed) => {
    const policy = { pointValue: { yearWeights: weights, pvTrimQuantiles: quantiles }, rounding };
    const a = computeQuantileBudgetPointValue(years, policy, def);
    const perm = years.map((gs, y) => shuffled(gs.map((g, k) => ({ points: g.points, costs: shuffled(Array.from(g.costs), seed + y * 31 + k) })), seed + y));
    const b = computeQuantileBudgetPointValue(perm, policy, def);
    expect(fmt(b)).toStrictEqual(fmt(a));
  });
  test.prop([historyArb, quantArb, defArb], { seed: 4242, numRuns: 300 })('splitting every group into one-case groups changes nothing; kept cases lie in [keptFrom, keptTo]', ({ years, weights }, quantiles, def) => {
    const policy = { pointValue: { yearWeights: weights, pvTrimQuantiles: quantiles }, rounding };
    const a = computeQuantileBudgetPointValue(years, policy, def);
    const split = years.map((gs) => gs.flatMap((g) => Array.from(g.costs, (c) => ({ points: g.points, costs: [c] }))));
    expect(fmt(computeQuantileBudgetPointValue(split, policy, def))).toStrictEqual(fmt(a));
    if (a.ok) for (const t of a.value.trims) expect(t.kept + t.trimmedLow + t.trimmedHigh).toBe(t.cases);
  });
});
