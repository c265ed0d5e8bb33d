import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { DischargeRecord } from '../../src/records/types.js';
import type { Yuan } from '../../src/decimal/index.js';
import { HALF_UP_4, dec, roundDec } from '../../src/decimal/index.js';
import type { ProcedureClass } from '../../src/catalog/types.js';
import type { HistoryCase } from '../../src/catalogBuild/historyAccumulator.js';
import { buildCatalog, finishCatalog } from '../../src/catalogBuild/buildCatalog.js';
import { HistoryAccumulator } from '../../src/catalogBuild/historyAccumulator.js';
import { costToUnits } from '../../src/catalogBuild/costUnits.js';
import { dxSubcategory } from '../../src/codes/index.js';
import { CatalogBuildOptionsSchema, DEFAULT_ROUNDING_OPTIONS } from '../../src/policy/schema.js';
import type { BudgetCaseGroup, BudgetHospital } from '../../src/pointValue/index.js';
import { computeOptimal1DBudgetPointValue, computeQuantileBudgetPointValue } from '../../src/pointValue/index.js';

const YEARS = [2022, 2023, 2024];
function rec(i: number, year: number, hospitalId: string, dx: string, cost: string, main = '', others: readonly string[] = []): HistoryCase {
  const record: DischargeRecord = {
    caseId: `V${i}`,
    hospitalId,
    insuranceType: 'resident',
    admissionDate: `${year}-02-01`,
    dischargeDate: `${year}-02-03`,
    principalDx: dx,
    secondaryDx: [],
    ...(main === '' ? {} : { principalProcedure: main }),
    otherProcedures: main === '' ? [] : [...others],
    losDays: 2,
    totalCost: cost as Yuan,
    fundPaid: '0' as Yuan,
    patientPaid: cost as Yuan,
  };
  return { year, record };
}
const pvOpts = (pvMethod: 'mean' | 'quantile' | 'optimal1D' | 'optimal2D', extra: { pvTrimQuantiles?: [string, string]; optimalWeighting?: 'points' | 'hospitals' } = {}) => ({
  pvMethod,
  pvTrimQuantiles: extra.pvTrimQuantiles ?? (['0.025', '0.975'] as [string, string]),
  optimalWeighting: extra.optimalWeighting ?? ('points' as const),
});

describe('buildCatalog budget point value by pvMethod (§7.1), hand-worked', () => {
  // One conservative packet K35.3 (T = 1), 10 cases, 3 hospitals, no levels: every case scores 1000 points
  // (m = M, packet trimming at 2.5 % / 97.5 % drops nothing for n ≤ 5 with nearest rank).
  //   2022: A 9000, B 8000 · 2023: A 10000, C 15000, B 8000 · 2024: A 11000, A 12000, B 9000, C 16000, C 20000
  // mean: (17000 + 2·33000 + 7·68000) / (2000 + 2·3000 + 7·5000) = 559000 / 43000 = 13.000000
  // optimal1D, weights on each hospital's years first:
  //   A: C = 9000 + 2·10000 + 7·23000 = 190000, P = 1000 + 2·1000 + 7·2000 = 17000, v = 11.17647058823529…
  //   B: C = 8000 + 2·8000 + 7·9000 = 87000, P = 10000, v = 8.7
  //   C: C = 2·15000 + 7·36000 = 282000, P = 2·1000 + 7·2000 = 16000, v = 17.625
  //   v̄ = 559000 / 43000 = 13: keep A, B. points: 277000 / 27000 = 10.259259259… → 10.259259;
  //   hospitals: (11.176470588235294… + 8.7) / 2 = 9.938235294117647… → 9.938235.
  // quantile 0.2 / 0.8, trimMinCases 0 (nearest rank, per year):
  //   2022 n = 2: ranks ⌈0.4⌉ = 1, ⌈1.6⌉ = 2 → keep both: 17000 / 2000
  //   2023 n = 3: ranks ⌈0.6⌉ = 1, ⌈2.4⌉ = 3 → keep all: 33000 / 3000
  //   2024 n = 5: ranks ⌈1⌉ = 1 (9000), ⌈4⌉ = 4 (16000) → drop 20000: 48000 / 4000
  //   PV = (17000 + 2·33000 + 7·48000) / (2000 + 2·3000 + 7·4000) = 419000 / 36000 = 11.63888… → 11.638889
  const cases = [
    [2022, 'A', '9000'], [2022, 'B', '8000'],
    [2023, 'A', '10000'], [2023, 'C', '15000'], [2023, 'B', '8000'],
    [2024, 'A', '11000'], [2024, 'A', '12000'], [2024, 'B', '9000'], [2024, 'C', '16000'], [2024, 'C', '20000'],
  ] as const;
  const history = (): HistoryCase[] => cases.map(([y, h, c], i) => rec(i, y, h, 'K35.300', c));
  const inputs = { years: YEARS, procedureClass: (): ProcedureClass | undefined => undefined };
  it.each([
    ['mean', pvOpts('mean'), '13'],
    ['optimal1D points', pvOpts('optimal1D'), '10.259259'],
    ['optimal1D hospitals', pvOpts('optimal1D', { optimalWeighting: 'hospitals' }), '9.938235'],
    ['quantile 0.2 / 0.8', pvOpts('quantile', { pvTrimQuantiles: ['0.2', '0.8'] }), '11.638889'],
  ] as const)('%s', async (_name, budgetPointValue, expected) => {
    const built = await buildCatalog(history(), { coreThreshold: 1, trimMinCases: 0 }, { ...inputs, budgetPointValue });
    expect(built.packets.map((p) => [p.code, p.points])).toStrictEqual([['K35.3', '1000']]);
    expect(built.budgetPointValue).toBe(expected);
    expect(built.budgetPointValueMethod).toBe(budgetPointValue.pvMethod);
    expect(built.issues).toStrictEqual([]);
  });
  it('optimal2D without accounting costs: no budget point value, a warning that says what is missing', async () => {
    const built = await buildCatalog(history(), { coreThreshold: 1 }, { ...inputs, budgetPointValue: pvOpts('optimal2D') });
    expect(built.budgetPointValue).toBeUndefined();
    expect(built.issues.map((i) => [i.severity, i.code])).toStrictEqual([['warning', 'pointValue.accounting_cost_missing']]);
    expect(built.issues[0]!.message).toBe('no budget point value: hospital A, year 1: no accounting cost (成本); optimal2D needs u_h = accounting cost / points');
  });
  it('optimal2D with accounting costs: the median of the two kept points is their midpoint, 9.938235', async () => {
    // Accounting costs A 7000 / 8000 / 18000, B 6000 / 6000 / 7000, C – / 12000 / 30000 (no 2022 cases):
    //   A_A = 7000 + 2·8000 + 7·18000 = 149000 → u_A = 149000 / 17000 = 8.7647…; u_B = 67000 / 10000 = 6.7;
    //   u_C = (2·12000 + 7·30000) / 16000 = 14.625; ū = 450000 / 43000 = 10.4651…; v̄ = 13.
    //   A (11.1765, 8.7647) and B (8.7, 6.7) kept; C out (v 17.625 > 13). Two points: r = η = 1 at each, so
    //   Weiszfeld from the centroid, which is the midpoint and stays: v = (11.176470588235294… + 8.7) / 2 → 9.938235.
    const acct: Record<string, (string | undefined)[]> = { A: ['7000', '8000', '18000'], B: ['6000', '6000', '7000'], C: [undefined, '12000', '30000'] };
    const built = await buildCatalog(history(), { coreThreshold: 1 }, { ...inputs, budgetPointValue: pvOpts('optimal2D'), accountingCost: (h, y) => acct[h]?.[YEARS.indexOf(y)] });
    expect(built.issues).toStrictEqual([]);
    expect(built.budgetPointValue).toBe('9.938235');
    expect(built.budgetPointValueMethod).toBe('optimal2D');
  });
  it('finishCatalog on an accumulator filled without case hospitals: warning pointValue.method_data_missing, no PV', async () => {
    const acc = new HistoryAccumulator({ years: YEARS });
    for (const c of history()) acc.add(c);
    const built = finishCatalog(acc, CatalogBuildOptionsSchema.parse({ coreThreshold: 1 }), { ...inputs, budgetPointValue: pvOpts('optimal1D') });
    expect(built.budgetPointValue).toBeUndefined();
    expect(built.issues.map((i) => i.code)).toStrictEqual(['pointValue.method_data_missing']);
  });
  it('optimal1D with one hospital: warning pointValue.no_hospital_below_mean, no PV', async () => {
    const one = cases.map(([y, , c], i) => rec(i, y, 'A', 'K35.300', c));
    const built = await buildCatalog(one, { coreThreshold: 1 }, { ...inputs, budgetPointValue: pvOpts('optimal1D') });
    expect(built.budgetPointValue).toBeUndefined();
    expect(built.issues.map((i) => i.code)).toStrictEqual(['pointValue.no_hospital_below_mean']);
  });
});

// Random histories like tests/catalogBuild/buildCatalogProperties.test.ts, with three hospitals (one without a level)
// so that level coefficients, per-packet coefficients and primary-care packets all enter the case points.
const DX = ['K35.300', 'K35.800', 'K37.x00', 'I21.000', 'I21.100', 'A09.000'];
const PROC = ['', '', '47.0100', '36.0700', '88.0100', '99.0400'];
const REL: readonly (readonly string[])[] = [[], [], [], ['00.6600'], ['54.5100'], ['00.6600', '54.5100']];
const CLASS: Record<string, ProcedureClass> = { '47.0100': 'surgery', '36.0700': 'interventional', '88.0100': 'diagnostic', '99.0400': 'therapeutic', '54.5100': 'surgery', '00.6600': 'therapeutic' };
const LEVEL: Record<string, string> = { H1: 'tertiary', H2: 'primary' };
const caseArb = fc.record({
  year: fc.constantFrom(...YEARS),
  dx: fc.integer({ min: 0, max: DX.length - 1 }),
  proc: fc.integer({ min: 0, max: PROC.length - 1 }),
  rel: fc.integer({ min: 0, max: REL.length - 1 }),
  hosp: fc.constantFrom('H1', 'H2', 'H3', 'H4'),
  fen: fc.integer({ min: 1000, max: 5_000_000 }),
});
type C = { year: number; dx: number; proc: number; rel: number; hosp: string; fen: number };
const toHistory = (cs: readonly C[]): HistoryCase[] => cs.map((c, i) => rec(i, c.year, c.hosp, DX[c.dx]!, dec(c.fen).div(100).toFixed(2), PROC[c.proc]!, REL[c.rel]!));
const inputs = { years: YEARS, procedureClass: (c: string) => CLASS[c], hospitalLevel: (h: string) => LEVEL[h], primaryCareLevels: ['primary'] };

describe('buildCatalog budget point value by pvMethod: properties (fast-check, fixed seeds)', () => {
  test.prop([fc.array(caseArb, { minLength: 1, maxLength: 250 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('drop', 'keep', 'chapter' as const)], { seed: 1208, numRuns: 80 })(
    'quantile with (0, 1) gives the mean build PV (same cases, same case points); optimal1D ≤ mean',
    async (cs, T, small) => {
      const mean = await buildCatalog(toHistory(cs), { coreThreshold: T }, { ...inputs, smallComprehensive: small });
      const q = await buildCatalog(toHistory(cs), { coreThreshold: T }, { ...inputs, smallComprehensive: small, budgetPointValue: pvOpts('quantile', { pvTrimQuantiles: ['0', '1'] }) });
      expect(q.budgetPointValue).toBe(mean.budgetPointValue);
      expect(q.catalog.contentHash).toBe(mean.catalog.contentHash);
      for (const optimalWeighting of ['points', 'hospitals'] as const) {
        const o = await buildCatalog(toHistory(cs), { coreThreshold: T }, { ...inputs, smallComprehensive: small, budgetPointValue: pvOpts('optimal1D', { optimalWeighting }) });
        if (o.budgetPointValue === undefined) expect(o.issues.some((i) => i.code === 'pointValue.no_hospital_below_mean' || i.code === 'pointValue.no_points')).toBe(true);
        else expect(dec(o.budgetPointValue).lte(mean.budgetPointValue!)).toBe(true);
      }
    },
  );

  // Conservative cases only, T = 1: every subcategory is a core packet coded by it and its case points are
  // round(points × c_L, 4 dp) (c_L of the case's level; bare points without a level), so the per-hospital and
  // per-case data can be rebuilt here independently of the builder and fed to the pointValue functions.
  const consArb = fc.array(fc.record({ year: fc.constantFrom(...YEARS), dx: fc.integer({ min: 0, max: DX.length - 1 }), hosp: fc.constantFrom('H1', 'H2', 'H3', 'H4'), fen: fc.integer({ min: 1000, max: 500_000 }) }), { minLength: 1, maxLength: 200 });
  const quantArb = fc.constantFrom<[string, string]>(['0', '1'], ['0.1', '0.9'], ['0.25', '0.75'], ['0.025', '0.975']);
  test.prop([consArb, quantArb, fc.constantFrom('points' as const, 'hospitals' as const), fc.constantFrom('nearestRank' as const, 'linear' as const)], { seed: 20261208, numRuns: 80 })(
    'the builder equals computeQuantileBudgetPointValue / computeOptimal1DBudgetPointValue on the cases rebuilt from the catalog',
    async (cs, pvTrimQuantiles, optimalWeighting, percentileMethod) => {
      const history = cs.map((c, i) => rec(i, c.year, c.hosp, DX[c.dx]!, dec(c.fen).div(100).toFixed(2)));
      const opts = { coreThreshold: 1, trimMinCases: 3, percentileMethod };
      const ins = { years: YEARS, procedureClass: (): ProcedureClass | undefined => undefined, hospitalLevel: (h: string) => LEVEL[h] };
      const q = await buildCatalog(history, opts, { ...ins, budgetPointValue: pvOpts('quantile', { pvTrimQuantiles }) });
      const o = await buildCatalog(history, opts, { ...ins, budgetPointValue: pvOpts('optimal1D', { optimalWeighting }) });
      const pointsOf = (c: HistoryCase): string => {
        const p = q.catalog.byCode.get(dxSubcategory(c.record.principalDx))!;
        const level = LEVEL[c.record.hospitalId];
        const cl = level === undefined ? undefined : q.coefficients.byLevel[level];
        return cl === undefined ? p.points : roundDec(dec(p.points).times(cl), HALF_UP_4).toFixed();
      };
      const groups: BudgetCaseGroup[][] = YEARS.map(() => []);
      const hosp = new Map<string, { cost: ReturnType<typeof dec>; points: ReturnType<typeof dec> }[]>();
      for (const c of history) {
        const y = YEARS.indexOf(c.year);
        groups[y]!.push({ points: pointsOf(c), costs: [costToUnits(c.record.totalCost)!] });
        let h = hosp.get(c.record.hospitalId);
        if (h === undefined) hosp.set(c.record.hospitalId, (h = YEARS.map(() => ({ cost: dec(0), points: dec(0) }))));
        h[y] = { cost: h[y]!.cost.plus(c.record.totalCost), points: h[y]!.points.plus(pointsOf(c)) };
      }
      const rounding = DEFAULT_ROUNDING_OPTIONS;
      const dq = computeQuantileBudgetPointValue(groups, { pointValue: { yearWeights: ['1', '2', '7'], pvTrimQuantiles }, rounding }, { method: percentileMethod, minCases: 3 });
      expect(q.budgetPointValue).toBe(dq.ok ? dq.value.pointValue.toFixed() : undefined);
      const hospitals: BudgetHospital[] = [...hosp].map(([hospitalId, years]) => ({ hospitalId, years }));
      const d1 = computeOptimal1DBudgetPointValue(hospitals, { pointValue: { yearWeights: ['1', '2', '7'], optimalWeighting }, rounding });
      expect(o.budgetPointValue).toBe(d1.ok ? d1.value.pointValue.toFixed() : undefined);
    },
  );

  test.prop([fc.array(caseArb, { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 10 })], { seed: 777, numRuns: 40 })('the quantile / optimal1D PV does not depend on the order of the records', async (cs, T) => {
    for (const budgetPointValue of [pvOpts('quantile', { pvTrimQuantiles: ['0.1', '0.9'] }), pvOpts('optimal1D', { optimalWeighting: 'hospitals' })]) {
      const a = await buildCatalog(toHistory(cs), { coreThreshold: T, trimMinCases: 0 }, { ...inputs, budgetPointValue });
      const b = await buildCatalog(toHistory(cs).reverse(), { coreThreshold: T, trimMinCases: 0 }, { ...inputs, budgetPointValue });
      expect(b.budgetPointValue).toBe(a.budgetPointValue);
    }
  });
});
