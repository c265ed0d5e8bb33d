import { describe, expect, it } from 'vitest';
import type { DischargeRecord } from '../../src/records/types.js';
import type { Yuan } from '../../src/decimal/index.js';
import type { ProcedureClass } from '../../src/catalog/types.js';
import type { HistoryCase } from '../../src/catalogBuild/historyAccumulator.js';
import { buildCatalog } from '../../src/catalogBuild/buildCatalog.js';
import { historyFromYears } from '../../src/catalogBuild/historyFromYears.js';

let seq = 0;
function rec(dx: string, cost: string, opts: { main?: string; other?: string[]; hospital?: string; los?: number } = {}): DischargeRecord {
  seq++;
  return {
    caseId: `C${seq}`,
    hospitalId: opts.hospital ?? 'H1',
    insuranceType: 'employee',
    admissionDate: '2024-01-01',
    dischargeDate: '2024-01-05',
    principalDx: dx,
    secondaryDx: [],
    ...(opts.main === undefined ? {} : { principalProcedure: opts.main }),
    otherProcedures: opts.other ?? [],
    losDays: opts.los ?? 4,
    totalCost: cost as Yuan,
    fundPaid: '0' as Yuan,
    patientPaid: cost as Yuan,
  };
}
const times = (n: number, year: number, f: () => DischargeRecord): HistoryCase[] => Array.from({ length: n }, () => ({ year, record: f() }));

/**
 * Hand-worked history (years 2022–2024, weights 1:2:7, T = 3, no trimming below 25 cases):
 * - K35.3 conservative: 2024 3 × 1,000 at the primary-care hospital H2 → core, m = 1,000;
 * - K35.3 + 47.0100: 2023 2 × 4,000, 2024 2 × 5,000 → principal-only mean (2·4,000 + 7·5,000)/9 = 4,777.78;
 * - + related 54.5100: 2024 3 × 6,000 → Δ = 6,000 / 4,777.78 − 1 = 25.58 % ≥ 10 % → own packet, m = 6,000;
 * - + related 99.0400: 2024 3 × 5,200 → Δ = 8.84 % → folds into K35.3:47.0100: 2024 mean (2·5,000 + 3·5,200)/5
 *   = 5,120 → m = (2·4,000 + 7·5,120)/9 = 4,871.111111;
 * - K35.2 + 47.0900 (2 × 3,000) and K35.8 + 47.0100 (1 × 3,600), 2024: below T → comprehensive K35:SS, 3 cases,
 *   m = 3,200;
 * - K37.x + 88.0100 (diagnostic, 2024 1 × 2,000) and A09.0 conservative (2022 1 × 500): below T, comprehensive
 *   still below T → dropped (default).
 * M = (1·500 + 2·4,000 + 7·(58,200/15 = 3,880))/10 = 3,566.
 */
function history(): HistoryCase[] {
  return [
    ...times(3, 2024, () => rec('K35.300', '1000.00', { hospital: 'H2' })),
    ...times(2, 2023, () => rec('K35.300', '4000.00', { main: '47.0100' })),
    ...times(2, 2024, () => rec('K35.300x001', '5000.00', { main: '47.0100' })),
    ...times(3, 2024, () => rec('K35.300', '6000.00', { main: '47.0100', other: ['54.5100'] })),
    ...times(3, 2024, () => rec('K35.301', '5200.00', { main: '47.0100', other: ['99.0400', '47.0100'] })),
    ...times(2, 2024, () => rec('K35.200', '3000.00', { main: '47.0900' })),
    ...times(1, 2024, () => rec('K35.800', '3600.00', { main: '47.0100' })),
    ...times(1, 2024, () => rec('K37.x00', '2000.00', { main: '88.0100' })),
    ...times(1, 2022, () => rec('A09.000', '500.00')),
    { year: 2021, record: rec('A09.000', '1.00') },
    { year: 2024, record: rec('A09.000', '1.23456') },
  ];
}
const classes: Record<string, ProcedureClass> = { '47.0100': 'surgery', '47.0900': 'surgery', '88.0100': 'diagnostic', '54.5100': 'surgery', '99.0400': 'therapeutic' };
const inputs = {
  years: [2022, 2023, 2024],
  procedureClass: (c: string) => classes[c],
  hospitalLevel: (h: string) => (h === 'H2' ? '1' : '3'),
  primaryCareLevels: ['1'],
  budgetPointsBasis: 'packetPoints' as const,
};

describe('buildCatalog on a hand-worked history (DIP-RULES.md §5)', () => {
  it('builds the expected packets, means and points (6 dp half-up)', async () => {
    const built = await buildCatalog(history(), { coreThreshold: 3 }, inputs);
    const view = built.packets.map((p) => [p.code, p.kind, p.averageCost, p.points, p.caseCount]);
    expect(view).toEqual([
      ['K35.3', 'core', '1000', '280.426248', 3],
      ['K35.3:47.0100', 'core', '4871.111111', '1365.987412', 7],
      ['K35.3:47.0100_54.5100', 'core', '6000', '1682.557487', 3],
      ['K35:SS', 'comprehensive', '3200', '897.363993', 3],
    ]);
    expect(built.regionAverageCost).toBe('3566');
    const split = built.catalog.byCode.get('K35.3:47.0100_54.5100')!;
    expect(split.main).toEqual([{ code: '47.0100', isShort: false }]);
    expect(split.related).toEqual([[{ code: '54.5100', isShort: false }]]);
  });

  it('per-year iterables give the same catalog as the combined stream', async () => {
    const h = history().filter((c) => c.year >= 2022 && c.year <= 2024);
    const perYear = [2022, 2023, 2024].map((year) => ({ year, records: h.filter((c) => c.year === year).map((c) => c.record) }));
    const a = await buildCatalog(h, { coreThreshold: 3 }, inputs);
    const b = await buildCatalog(historyFromYears(perYear), { coreThreshold: 3 }, inputs);
    expect(b.catalog.contentHash).toBe(a.catalog.contentHash);
  });

  it('reports thresholds, splits, coverage, rejects and the budget point value', async () => {
    const built = await buildCatalog(history(), { coreThreshold: 3 }, inputs);
    const r = built.report;
    expect(r.casesRead).toBe(20);
    expect(r.casesInWindow).toBe(18);
    expect(r.casesByYear).toEqual([1, 2, 15]);
    expect(r.rejected).toEqual({ badCost: 1, outsideWindow: 1, excludedDx: 0 });
    expect(r.coreThreshold).toBe(3);
    expect(r.relatedSplit).toEqual({ candidates: 2, split: 1, belowIncrease: 1, noBase: 0, mode: 'costIncrease' });
    expect(r.packets).toEqual({ core: 3, coreConservative: 1, coreProcedural: 1, coreRelated: 1, primaryCare: 1, comprehensive: 1, chapter: 0 });
    expect(r.coverage).toEqual({ core: 13, comprehensive: 3, chapter: 0, dropped: 2, coreShare: '0.722222', groupedShare: '0.888889' });
    expect(r.underThreshold).toEqual({ combinations: 4, cases: 5 });
    expect(r.comprehensiveUnderThreshold).toEqual({ packets: 2, cases: 2, action: 'drop' });
    // PV = (2·8,000 + 7·56,200) / (2·2·RW_main + 7·(3·RW_cons + 5·RW_main + 3·RW_split + 3·RW_SS)) at 6 dp
    expect(built.budgetPointValue).toBe('3.612115');
    expect(built.issues.map((i) => i.code)).toEqual(['catalogBuild.bad_cost', 'catalogBuild.outside_window']);
  });

  it('institution coefficients: c_1 = 1,000 / 3,566 = 0.2804, c_3 = 4,070 / 3,566 = 1.1413; primary care flagged', async () => {
    const built = await buildCatalog(history(), { coreThreshold: 3 }, inputs);
    expect(built.coefficients.byLevel).toEqual({ '1': '0.2804', '3': '1.1413' });
    expect(built.coefficients.byPacket).toEqual([
      { level: '3', packetCode: 'K35.3:47.0100', coef: '1' },
      { level: '3', packetCode: 'K35.3:47.0100_54.5100', coef: '1' },
    ]);
    expect(built.packets.filter((p) => p.isPrimaryCare).map((p) => p.code)).toEqual(['K35.3']);
  });

  it('budget PV on case points with coefficients (default with levels): SS at c_3 = 1.1413 → 1,024.1615; primary care without', async () => {
    const { budgetPointsBasis: _basis, ...withLevels } = inputs;
    const built = await buildCatalog(history(), { coreThreshold: 3 }, withLevels);
    // P_2023 = 2 × 1,365.9874; P_2024 = 3 × 280.426248 + 5 × 1,365.9874 + 3 × 1,682.5575 + 3 × 1,024.1615 = 15,791.372744
    // PV = (2 × 8,000 + 7 × 56,200) / (2 × 2,731.9748 + 7 × 15,791.372744) = 3.529202
    expect(built.budgetPointValue).toBe('3.529202');
  });

  it('comprehensiveCvMax: K35:SS (3,000, 3,000, 3,600; sample CV √120,000 / 3,200 = 0.108253) is dropped at 0.1, kept at 0.11', async () => {
    const strict = await buildCatalog(history(), { coreThreshold: 3, comprehensiveCvMax: '0.1' }, inputs);
    expect(strict.catalog.byCode.has('K35:SS')).toBe(false);
    expect(strict.report.comprehensiveOverCvMax).toBe(1);
    const loose = await buildCatalog(history(), { coreThreshold: 3, comprehensiveCvMax: '0.11' }, inputs);
    expect(loose.catalog.byCode.get('K35:SS')!.cv).toBe('0.108253');
  });

  it('T4 at the boundary: with T = 4 the 3-case combinations are no longer core', async () => {
    const built = await buildCatalog(history(), { coreThreshold: 4 }, inputs);
    // K35.3 (3) → K35:BSZL (3 < 4, dropped); no split (3 < 4) → K35.3:47.0100 has 2 + 2 + 3 + 3 = 10 cases
    expect(built.packets.map((p) => [p.code, p.caseCount])).toEqual([['K35.3:47.0100', 10]]);
    expect(built.report.comprehensiveUnderThreshold).toEqual({ packets: 4, cases: 8, action: 'drop' }); // A09:BSZL 1, K35:BSZL 3, K35:SS 3, K37:ZDXCZ 1
  });

  it('small comprehensive packets: keep, or fold into chapter packets CPnn:GROUP', async () => {
    const keep = await buildCatalog(history(), { coreThreshold: 3 }, { ...inputs, smallComprehensive: 'keep' });
    expect(keep.packets.map((p) => p.code)).toEqual(['A09:BSZL', 'K35.3', 'K35.3:47.0100', 'K35.3:47.0100_54.5100', 'K35:SS', 'K37:ZDXCZ']);
    const chapter = await buildCatalog(history(), { coreThreshold: 3 }, { ...inputs, smallComprehensive: 'chapter' });
    const cp = chapter.packets.filter((p) => p.kind === 'fallback');
    expect(cp.map((p) => [p.code, p.averageCost])).toEqual([
      ['CP01:BSZL', '500'],
      ['CP11:ZDXCZ', '2000'],
    ]);
    expect(chapter.report.coverage.dropped).toBe(0);
  });

  it('reference-packet and fixed-amount methods (DIP-RULES.md §5.4)', async () => {
    const ref = await buildCatalog(history(), { coreThreshold: 3, rwMethod: 'reference', referencePacket: 'K35.3:47.0100_54.5100' }, inputs);
    expect(ref.catalog.byCode.get('K35.3:47.0100_54.5100')!.points).toBe('1000');
    expect(ref.catalog.byCode.get('K35:SS')!.points).toBe('533.333333');
    const fixed = await buildCatalog(history(), { coreThreshold: 3, rwMethod: 'fixed', fixedAmount: '4000' }, inputs);
    expect(fixed.catalog.byCode.get('K35:SS')!.points).toBe('0.8');
  });

  it('caseWeighted weighting: K35.3:47.0100 = (2·8,000 + 7·25,600) / (2·2 + 7·5) = 195,200 / 39', async () => {
    const built = await buildCatalog(history(), { coreThreshold: 3, yearWeighting: 'caseWeighted' }, inputs);
    expect(built.catalog.byCode.get('K35.3:47.0100')!.averageCost).toBe('5005.128205');
  });
});

describe('buildCatalog related-split modes (DIP-RULES.md §5.6)', () => {
  it('countOnly keeps the +8.84 % combination as its own packet', async () => {
    const built = await buildCatalog(history(), { coreThreshold: 3 }, { ...inputs, relatedSplitMode: 'countOnly' });
    expect(built.packets.filter((p) => p.kind === 'core').map((p) => [p.code, p.averageCost])).toEqual([
      ['K35.3', '1000'],
      ['K35.3:47.0100', '4777.777778'],
      ['K35.3:47.0100_54.5100', '6000'],
      ['K35.3:47.0100_99.0400', '5200'],
    ]);
  });
  it('a related combination without principal-only cases is kept (nothing to compare with)', async () => {
    const h = times(3, 2024, () => rec('C34.100', '30000.00', { main: '32.4100', other: ['40.5914', '33.3903'] }));
    const built = await buildCatalog(h, { coreThreshold: 3 }, inputs);
    expect(built.packets.map((p) => p.code)).toEqual(['C34.1:32.4100_33.3903+40.5914']);
    expect(built.report.relatedSplit).toEqual({ candidates: 1, split: 1, belowIncrease: 0, noBase: 1, mode: 'costIncrease' });
  });
});

describe('buildCatalog counting window (DIP-RULES.md §5.5)', () => {
  it('2 + 2 cases over 2023–2024: core at T = 3 on the 3-year total, not on the last year alone', async () => {
    const h = [...times(2, 2023, () => rec('J18.900', '3000.00')), ...times(2, 2024, () => rec('J18.900', '3300.00'))];
    const total = await buildCatalog(h, { coreThreshold: 3 }, inputs);
    expect(total.packets.map((p) => [p.code, p.averageCost])).toEqual([['J18.9', '3233.333333']]); // (2·3,000 + 7·3,300)/9
    const last = await buildCatalog(h, { coreThreshold: 3, thresholdWindow: 'lastYear' }, inputs);
    expect(last.packets).toEqual([]);
    expect(last.report.coverage.dropped).toBe(4);
  });
});

describe('buildCatalog exclusion lists (DIP-RULES.md §5.1)', () => {
  it('excluded principal diagnoses are left out; an ignored principal procedure makes the case conservative', async () => {
    const built = await buildCatalog(history(), { coreThreshold: 3 }, {
      ...inputs,
      excludedPrincipalDx: (c) => c.startsWith('A09'),
      ignoredProcedure: (c) => c === '47.0900',
    });
    expect(built.report.rejected.excludedDx).toBe(1);
    // K35.2 + 47.0900 → K35.2 conservative (2 < 3) → K35:BSZL (2), K35.8 + 47.0100 → K35:SS (1), K37:ZDXCZ (1): all dropped
    expect(built.report.comprehensiveUnderThreshold).toEqual({ packets: 3, cases: 4, action: 'drop' });
    expect(built.catalog.byCode.get('K35:SS')).toBeUndefined();
  });
});

describe('buildCatalog trimming (DIP-RULES.md §5.3)', () => {
  it('40 cases in one packet-year: nearest-rank P97.5 = x(39) = 1,000, so the 100,000 case is trimmed', async () => {
    const h = [...times(39, 2024, () => rec('K40.900', '1000.00')), ...times(1, 2024, () => rec('K40.900', '100000.00'))];
    const built = await buildCatalog(h, { coreThreshold: 15 }, inputs);
    const p = built.catalog.byCode.get('K40.9')!;
    expect(p.averageCost).toBe('1000');
    expect(p.caseCount).toBe(40);
    expect(built.report.trimmed).toEqual({ low: 0, high: 1 });
    // M is over all window cases, untrimmed: (39,000 + 100,000) / 40 = 3,475
    expect(built.regionAverageCost).toBe('3475');
    const untrimmed = await buildCatalog(h, { coreThreshold: 15, trimMinCases: 41 }, inputs);
    expect(untrimmed.catalog.byCode.get('K40.9')!.averageCost).toBe('3475');
    expect(untrimmed.catalog.byCode.get('K40.9')!.points).toBe('1000');
  });

  it('trimScope: per packet-year, 20 + 20 cases are each below 25 (no trimming); pooled, the 40 are trimmed', async () => {
    const h = [...times(20, 2023, () => rec('K40.900', '1000.00')), ...times(19, 2024, () => rec('K40.900', '1000.00')), ...times(1, 2024, () => rec('K40.900', '100000.00'))];
    const perYear = await buildCatalog(h, { coreThreshold: 15 }, inputs);
    // (2 · 1,000 + 7 · 119,000 / 20) / 9 = 43,650 / 9
    expect(perYear.catalog.byCode.get('K40.9')!.averageCost).toBe('4850');
    const pooled = await buildCatalog(h, { coreThreshold: 15, trimScope: 'packet' }, inputs);
    expect(pooled.catalog.byCode.get('K40.9')!.averageCost).toBe('1000');
    expect(pooled.report.trimmed).toEqual({ low: 0, high: 1 });
  });
});

describe('buildCatalog auxiliary subtypes (DIP-RULES.md §5.9, T16, T17)', () => {
  const young = (n: number) => times(n, 2024, () => ({ ...rec('K50.000', '10000.00'), age: 10 }));
  const aux = [{ id: 'age-7-17', type: 'age' as const, condition: { kind: 'ageYears' as const, min: { value: 7, inclusive: true }, max: { value: 17, inclusive: true } }, test: (r: DischargeRecord) => r.age !== undefined && r.age >= 7 && r.age <= 17 }];
  it('20 last-year cases, 6 of them 10,000 in the subtype, 14 at 1,000: CV 1.143638 > 0.7, CV after 0 → a = 10,000 / 3,700 = 2.7027', async () => {
    const h = [...times(14, 2024, () => ({ ...rec('K50.000', '1000.00'), age: 40 })), ...young(6)];
    const built = await buildCatalog(h, { coreThreshold: 15 }, { ...inputs, auxCandidates: aux });
    const p = built.catalog.byCode.get('K50.0')!;
    expect(p.cv).toBe('1.143638'); // √(340,200,000 / 19) / 3,700
    expect(p.auxSubtypes).toEqual([{ id: 'age-7-17', type: 'age', condition: aux[0]!.condition, coefficient: '2.7027', averageCost: '10000' }]);
    expect(built.report.auxSubtypes).toBe(1);
  });
  it('n_j = 5 is not > N2 = 5: no subtype', async () => {
    const h = [...times(15, 2024, () => ({ ...rec('K50.000', '1000.00'), age: 40 })), ...young(5)];
    const built = await buildCatalog(h, { coreThreshold: 15 }, { ...inputs, auxCandidates: aux });
    expect(built.catalog.byCode.get('K50.0')!.auxSubtypes).toBeUndefined();
  });
});
