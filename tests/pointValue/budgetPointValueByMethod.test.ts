import { describe, expect, it } from 'vitest';
import { DEFAULT_POINT_VALUE_OPTIONS, DEFAULT_ROUNDING_OPTIONS } from '../../src/policy/schema.js';
import { computeBudgetPointValue, computeBudgetPointValueByMethod } from '../../src/pointValue/index.js';

const rounding = DEFAULT_ROUNDING_OPTIONS;
const years = [
  { cost: '1000000000', points: '100000000' },
  { cost: '1100000000', points: '105000000' },
  { cost: '1200000000', points: '110000000' },
];
const pv = (pvMethod: 'mean' | 'quantile' | 'optimal1D' | 'optimal2D') => ({ pointValue: { ...DEFAULT_POINT_VALUE_OPTIONS, pvMethod }, rounding });

describe('computeBudgetPointValueByMethod (§7.1)', () => {
  it('mean: the value of computeBudgetPointValue (T13, 10.740741)', () => {
    const r = computeBudgetPointValueByMethod({ years }, pv('mean'));
    const m = computeBudgetPointValue(years, pv('mean'));
    expect(r.ok && m.ok && [r.value.method, r.value.pointValue.toFixed(6), r.value.unrounded.eq(m.value.unrounded)]).toStrictEqual(['mean', '10.740741', true]);
  });
  it("a method without its data: pointValue.method_data_missing naming what it needs", () => {
    const q = computeBudgetPointValueByMethod({ years }, pv('quantile'));
    expect(!q.ok && q.issues[0]).toStrictEqual({ severity: 'error', code: 'pointValue.method_data_missing', message: 'pvMethod "quantile" needs the historical cases (cost, points) per year, which was not given', expected: 'the historical cases (cost, points) per year' });
    for (const m of ['optimal1D', 'optimal2D'] as const) {
      const r = computeBudgetPointValueByMethod({ years }, pv(m));
      expect(!r.ok && r.issues[0]!.code).toBe('pointValue.method_data_missing');
    }
    const mean = computeBudgetPointValueByMethod({}, pv('mean'));
    expect(!mean.ok && mean.issues[0]!.code).toBe('pointValue.method_data_missing');
  });
  it('quantile / optimal1D / optimal2D dispatch to their functions; optimal2D warnings pass through', () => {
    const q = computeBudgetPointValueByMethod({ caseGroups: [[{ points: '10', costs: [1_000_000] }], [], []] }, pv('quantile'));
    expect(q.ok && [q.value.method, q.value.pointValue.toFixed(6)]).toStrictEqual(['quantile', '10.000000']);
    const hs = [
      { hospitalId: 'K', years: [{ cost: '8000', points: '1000', accountingCost: '5000' }] },
      { hospitalId: 'L', years: [{ cost: '12000', points: '1000', accountingCost: '5000' }] },
      { hospitalId: 'M', years: [{ cost: '10000', points: '1000', accountingCost: '8000' }] },
      { hospitalId: 'N', years: [{ cost: '40000', points: '1000', accountingCost: '14000' }] },
    ];
    const one = (pvMethod: 'optimal1D' | 'optimal2D', maxIterations = 10_000) => ({ pointValue: { ...DEFAULT_POINT_VALUE_OPTIONS, pvMethod, yearWeights: ['1'], optimal2D: { maxIterations, tolerance: '0.0000000001' } }, rounding });
    // optimal1D: v̄ = 70000 / 4000 = 17.5; keep K, L, M → 30000 / 3000 = 10
    const o1 = computeBudgetPointValueByMethod({ hospitals: hs }, one('optimal1D'));
    expect(o1.ok && [o1.value.method, o1.value.pointValue.toFixed(6)]).toStrictEqual(['optimal1D', '10.000000']);
    const o2 = computeBudgetPointValueByMethod({ hospitals: hs }, one('optimal2D'));
    expect(o2.ok && [o2.value.method, o2.value.pointValue.toFixed(6), o2.warnings]).toStrictEqual(['optimal2D', '10.000000', undefined]);
    const capped = computeBudgetPointValueByMethod({ hospitals: hs }, one('optimal2D', 1));
    expect(capped.ok && capped.warnings?.map((w) => w.code)).toStrictEqual(['pointValue.optimal2D_not_converged']);
  });
});
