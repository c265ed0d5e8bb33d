import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec } from '../../src/decimal/index.js';
import { DEFAULT_OUTLIER_OPTIONS, DEFAULT_ROUNDING_OPTIONS, DEFAULT_UNGROUPED_OPTIONS } from '../../src/policy/schema.js';
import type { OutlierOptions } from '../../src/policy/schema.js';
import { caseStandard, computeCasePoints, explainCasePoints, prepareCaseContext, scoreCase } from '../../src/points/index.js';
import type { CasePointsInput } from '../../src/points/index.js';
import { VARIANTS } from './variants.js';

const rounding = DEFAULT_ROUNDING_OPTIONS;
const pol = (outlier: OutlierOptions) => ({ outlier, rounding });
/** DIP-RULES.md §9.2 common inputs: RW 1,500; c 0.9; a 1; PV 10; R 13,500. */
const common = { rw: '1500', kind: 'core', coef: '0.9', auxCoef: '1', pointValue: '10' } as const;
/** The 1.0 spec writes no institution coefficient into its formulas: its cases are scored with c = 1. */
const common10 = { ...common, coef: '1', sameLevelAverageCost: '13500' } as const;
const pts = (input: CasePointsInput, o: OutlierOptions) => computeCasePoints(input, pol(o)).points.toFixed(4);
const sim = (cost: string) => ({ ...common, cost, simulatedAverageCost: '13500' });

describe('computeCasePoints: normal cases (§6.1)', () => {
  it('RW × c × a, rounded 4 dp half-up, keeps its intermediates', () => {
    const r = computeCasePoints({ ...common, cost: '13500' }, pol(DEFAULT_OUTLIER_OPTIONS));
    expect(r.outlierClass).toBe('normal');
    expect(r.formula).toBe('normal');
    expect(r.reference?.toFixed()).toBe('13500');
    expect(r.rho?.toFixed()).toBe('1');
    expect(r.points.toFixed(4)).toBe('1350.0000');
    expect(caseStandard(r.points, '10', rounding.money).amount.toFixed(2)).toBe('13500.00');
  });

  it('rounds half-up once at 4 dp on the exact product', () => {
    const r = computeCasePoints({ rw: '1234.56789', kind: 'core', coef: '0.95', auxCoef: '1.05', cost: '1000', referenceCost: '1000' }, pol(DEFAULT_OUTLIER_OPTIONS));
    // 1234.56789 × 0.95 × 1.05 = 1231.481470275
    expect(r.pointsUnrounded.toFixed()).toBe('1231.481470275');
    expect(r.points.toFixed(4)).toBe('1231.4815');
  });

  it('primary-care packets: not tested when primaryCare is outside applyToKinds', () => {
    const o = { ...DEFAULT_OUTLIER_OPTIONS, applyToKinds: ['core' as const] };
    const r = computeCasePoints({ rw: '500', kind: 'core', isPrimaryCare: true, coef: '1', cost: '100000', pointValue: '10' }, pol(o));
    expect(r.outlierClass).toBe('notTested');
    expect(r.points.toFixed(4)).toBe('500.0000');
  });

  it('fallback packets: no coefficients and no outlier test by default; both switchable (§6.5)', () => {
    const input: CasePointsInput = { rw: '1000', kind: 'fallback', coef: '0.9', auxCoef: '1.2', cost: '50000', pointValue: '10' };
    const off = computeCasePoints(input, { ...pol(DEFAULT_OUTLIER_OPTIONS), ungrouped: DEFAULT_UNGROUPED_OPTIONS });
    expect([off.outlierClass, off.points.toFixed(4)]).toEqual(['notTested', '1000.0000']);
    const on = computeCasePoints(input, { ...pol(DEFAULT_OUTLIER_OPTIONS), ungrouped: { ...DEFAULT_UNGROUPED_OPTIONS, coefficientsApplyToFallback: true, outlierRulesApplyToFallback: true } });
    // R = 1000 × 10 × 0.9 × 1.2 = 10,800; ρ = 4.6296… ≥ 2 → high: 1000 × (ρ − 1) × 0.9 × 1.2
    expect(on.outlierClass).toBe('high');
    expect(on.points.toFixed(4)).toBe('3920.0000');
  });

  it('RW = 0 → paid at actual cost (zeroRwPolicy)', () => {
    const r = computeCasePoints({ rw: '0', kind: 'core', coef: '0.9', cost: '12345.67', pointValue: '10' }, pol(DEFAULT_OUTLIER_OPTIONS));
    expect(r.outlierClass).toBe('zeroRw');
    expect(r.paidAtCostAmount?.toFixed(2)).toBe('12345.67');
    expect(r.points.toFixed(4)).toBe('1234.5670');
    const noPv = computeCasePoints({ rw: '0', kind: 'core', cost: '100' }, pol(DEFAULT_OUTLIER_OPTIONS));
    expect(noPv.points.isZero()).toBe(true);
    expect(noPv.issues.map((i) => i.code)).toEqual(['points.zero_rw_without_pv']);
  });

  it('missing reference inputs give normal points with an error issue, never a silent pass', () => {
    const r = computeCasePoints({ rw: '1500', kind: 'core', coef: '0.9', cost: '100000' }, pol(DEFAULT_OUTLIER_OPTIONS));
    expect(r.outlierClass).toBe('noReference');
    expect(r.points.toFixed(4)).toBe('1350.0000');
    expect(r.issues[0]?.code).toBe('points.reference_missing');
  });

  it('paymentStandard R uses c_L when given (referenceCoef) and includes a', () => {
    const r = computeCasePoints({ ...common, auxCoef: '1.3', referenceCoef: '1', cost: '20000' }, pol(DEFAULT_OUTLIER_OPTIONS));
    expect(r.reference?.toFixed()).toBe('19500');
  });

  it('tiered high threshold by reference cost (highThresholdSteps)', () => {
    const o = { ...DEFAULT_OUTLIER_OPTIONS, highThreshold: '2', highThresholdSteps: [{ fromReference: '10000', threshold: '3' }] };
    const r = computeCasePoints({ ...common, cost: '33750' }, pol(o)); // R 13,500 ≥ 10,000 → t = 3; ρ 2.5 → normal
    expect(r.highThreshold?.toFixed()).toBe('3');
    expect(r.outlierClass).toBe('normal');
  });

  it('highUpper (band reading of the 3.0 text): above the band → normal points, flagged', () => {
    const o = { ...DEFAULT_OUTLIER_OPTIONS, highUpper: '3' };
    const r = computeCasePoints({ ...common, cost: '54000' }, pol(o)); // ρ = 4
    expect(r.outlierClass).toBe('aboveHighBand');
    expect(r.needsReview).toBe(true);
    expect(r.points.toFixed(4)).toBe('1350.0000');
    expect(computeCasePoints({ ...common, cost: '40500' }, pol(o)).outlierClass).toBe('high'); // ρ = 3 inclusive
  });

  it('explainCasePoints renders an auditable trace', () => {
    const t = explainCasePoints(computeCasePoints(sim('33750'), pol(VARIANTS.hubei_base)));
    expect(t.formula).toBe('RW × (ρ − 1) × c × a');
    expect(t.values['ρ']).toBe('2.5');
    expect(t.values['factor']).toBe('1.5');
    expect(t.roundings).toEqual([{ quantity: 'casePoints', rule: { scale: 4, mode: 'halfUp' }, before: '2025', after: '2025.0000' }]);
  });
});

describe('outlier variants differ exactly where DIP-RULES.md §6.3 says (T7–T11)', () => {
  it('T7 low outlier (cost 5,000): 1.0 555.5556; Hubei 500.0000; Jining/Tai\u2019an 555.5556; 3.0 500.0000 (κ)', () => {
    expect(pts({ ...common10, cost: '5000' }, VARIANTS.national_1_0)).toBe('555.5556');
    expect(pts(sim('5000'), VARIANTS.hubei_base)).toBe('500.0000');
    expect(pts(sim('5000'), VARIANTS.jining)).toBe('555.5556');
    expect(pts(sim('5000'), VARIANTS.taian)).toBe('555.5556');
    expect(pts({ ...common, cost: '5000' }, VARIANTS.national_3_0)).toBe('500.0000');
  });

  it('T8 high outlier (cost 33,750, ρ = 2.5): 1.0 2,250.0000; Hubei 2,025.0000; 3.0 default 2,025.0000', () => {
    expect(pts({ ...common10, cost: '33750' }, VARIANTS.national_1_0)).toBe('2250.0000');
    expect(pts(sim('33750'), VARIANTS.hubei_base)).toBe('2025.0000');
    expect(pts({ ...common, cost: '33750' }, VARIANTS.national_3_0)).toBe('2025.0000');
  });

  it('T9 high outlier Jining / Tai\u2019an: factor 2.5 − 2 + 0.9 = 1.4 → 2,100.0000 points, 21,000.00 元', () => {
    for (const v of [VARIANTS.jining, VARIANTS.taian]) {
      const r = computeCasePoints(sim('33750'), pol(v));
      expect(r.outlierClass).toBe('high');
      expect(r.factor?.toFixed()).toBe('1.4');
      expect(r.points.toFixed(4)).toBe('2100.0000');
      expect(caseStandard(r.points, '10', rounding.money).amount.toFixed(2)).toBe('21000.00');
    }
  });

  it('T10 extreme (cost 81,000, ρ = 6): Jining 1,350.0000 flagged; Hubei 6,750.0000; Tai\u2019an 7,350.0000; 1.0 review (7,500 provisional)', () => {
    const j = computeCasePoints(sim('81000'), pol(VARIANTS.jining));
    expect([j.outlierClass, j.points.toFixed(4), j.needsReview]).toEqual(['extreme', '1350.0000', true]);
    expect(caseStandard(j.points, '10', rounding.money).amount.toFixed(2)).toBe('13500.00');
    const h = computeCasePoints(sim('81000'), pol(VARIANTS.hubei_base));
    expect([h.outlierClass, h.points.toFixed(4)]).toEqual(['high', '6750.0000']);
    const t = computeCasePoints(sim('81000'), pol(VARIANTS.taian));
    expect([t.outlierClass, t.points.toFixed(4)]).toEqual(['high', '7350.0000']);
    const n = computeCasePoints({ ...common10, cost: '81000' }, pol(VARIANTS.national_1_0));
    expect([n.outlierClass, n.points.toFixed(4), n.needsReview]).toEqual(['extreme', '7500.0000', true]);
  });

  it('T11 ρ = 0.5 (cost 6,750): Hubei low 675.0000; Jining/Tai\u2019an low 750.0000; 1.0 normal 1,500; 3.0 normal 1,350.0000', () => {
    expect(computeCasePoints(sim('6750'), pol(VARIANTS.hubei_base))).toMatchObject({ outlierClass: 'low' });
    expect(pts(sim('6750'), VARIANTS.hubei_base)).toBe('675.0000');
    expect(pts(sim('6750'), VARIANTS.jining)).toBe('750.0000');
    expect(pts(sim('6750'), VARIANTS.taian)).toBe('750.0000');
    const n10 = computeCasePoints({ ...common10, cost: '6750' }, pol(VARIANTS.national_1_0));
    expect([n10.outlierClass, n10.points.toFixed(4)]).toEqual(['normal', '1500.0000']);
    const n30 = computeCasePoints({ ...common, cost: '6750' }, pol(VARIANTS.national_3_0));
    expect([n30.outlierClass, n30.points.toFixed(4)]).toEqual(['normal', '1350.0000']);
  });

  it('T11 ρ = 2 (cost 27,000): Hubei high with factor 1 = 1,350.0000; Jining/Tai\u2019an normal 1,350.0000; 1.0 normal', () => {
    const h = computeCasePoints(sim('27000'), pol(VARIANTS.hubei_base));
    expect([h.outlierClass, h.factor?.toFixed(), h.points.toFixed(4)]).toEqual(['high', '1', '1350.0000']);
    for (const v of [VARIANTS.jining, VARIANTS.taian]) {
      const r = computeCasePoints(sim('27000'), pol(v));
      expect([r.outlierClass, r.points.toFixed(4)]).toEqual(['normal', '1350.0000']);
    }
    expect(computeCasePoints({ ...common10, cost: '27000' }, pol(VARIANTS.national_1_0)).outlierClass).toBe('normal');
    // 3.0 "2-3 倍（含）": inclusive, so ρ = 2 is high, factor 1, the same points as normal.
    const n30 = computeCasePoints({ ...common, cost: '27000' }, pol(VARIANTS.national_3_0));
    expect([n30.outlierClass, n30.points.toFixed(4)]).toEqual(['high', '1350.0000']);
  });

  it('extreme inclusivity: Jining ρ = 5 exactly is high, not extreme (strict)', () => {
    const r = computeCasePoints(sim('67500'), pol(VARIANTS.jining));
    expect([r.outlierClass, r.points.toFixed(4)]).toEqual(['high', '5850.0000']); // 1500 × (5 − 2 + 0.9)
    const inc = computeCasePoints(sim('67500'), pol({ ...VARIANTS.jining, extremeInclusive: true }));
    expect(inc.outlierClass).toBe('extreme');
  });
});

describe('properties (fixed seeds)', () => {
  const cents = fc.bigInt({ min: 1n, max: 50_000_000n });
  const toCost = (c: bigint) => dec(c.toString()).div(100);
  for (const name of ['national_3_0', 'hubei_base', 'taian'] as const) {
    test.prop([cents, cents], { seed: 20261123, numRuns: 200 })(`${name}: a higher cost never lowers the points (no extreme class)`, (x, y) => {
      const [lo, hi] = x <= y ? [x, y] : [y, x];
      const input = (c: bigint): CasePointsInput => ({ ...common, cost: toCost(c), simulatedAverageCost: '13500' });
      const a = computeCasePoints(input(lo), pol(VARIANTS[name])).points;
      const b = computeCasePoints(input(hi), pol(VARIANTS[name])).points;
      expect(a.lte(b)).toBe(true);
    });
  }
  test.prop([cents, cents], { seed: 7, numRuns: 200 })('jining: monotone below the extreme threshold (ρ ≤ 5)', (x, y) => {
    const cap = 6_750_000n; // 67,500.00 元 = 5 × R
    const [lo, hi] = [x <= y ? x : y, x <= y ? y : x].map((c) => (c > cap ? cap : c)) as [bigint, bigint];
    const a = computeCasePoints(sim(toCost(lo).toFixed()), pol(VARIANTS.jining)).points;
    const b = computeCasePoints(sim(toCost(hi).toFixed()), pol(VARIANTS.jining)).points;
    expect(a.lte(b)).toBe(true);
  });
  test.prop([cents], { seed: 99, numRuns: 200 })('3.0 low outliers are paid at cost: points × PV = cost to the cent', (c) => {
    const cost = toCost(c % 675_000n === 0n ? 1n : c % 675_000n); // below 0.5 × 13,500
    const r = computeCasePoints({ ...common, cost }, pol(VARIANTS.national_3_0));
    expect(r.outlierClass).toBe('low');
    expect(r.points.times(10).toDecimalPlaces(2).eq(cost.toDecimalPlaces(3).toDecimalPlaces(2))).toBe(true);
  });
});

describe('prepareCaseContext / scoreCase', () => {
  it('a context reused across costs gives the same results as computeCasePoints', () => {
    const ctx = prepareCaseContext({ ...common }, pol(VARIANTS.national_3_0));
    expect([ctx.reference?.toFixed(), ctx.lowBound?.toFixed(), ctx.highBound?.toFixed(), ctx.normal.toFixed(4)]).toEqual(['13500', '6750', '27000', '1350.0000']);
    for (const cost of ['5000', '6750', '13500', '27000', '33750', '81000']) {
      expect(explainCasePoints(scoreCase(ctx, cost))).toEqual(explainCasePoints(computeCasePoints({ ...common, cost }, pol(VARIANTS.national_3_0))));
    }
  });
});
