/**
 * End-to-end settlement of a hand-computable region-year (DIP-RULES.md §6–§8).
 *
 * Policy: engine defaults (national 3.0 outliers, reference = payment standard at the budget PV 10), one pool
 * (employee) with F = 25,000.00, assessment bands of the §8.5 example, prepayRatio 0.95, deposit 0.05.
 *
 * | case | hospital (c) | packet RW | cost   | fund   | patient | S_L    | class             | points    |
 * |------|--------------|-----------|--------|--------|---------|--------|-------------------|-----------|
 * | A    | H1 (1)       | 1000      | 10,000 |  7,000 |  3,000  | 10,000 | normal ρ = 1      | 1000.0000 |
 * | B    | H1 (1)       | 500       |  4,000 |  2,800 |  1,200  |  5,000 | normal ρ = 0.8    |  500.0000 |
 * | C    | H2 (0.9)     | 1000      |  3,000 |  2,100 |    900  |  9,000 | low, paid at cost |  300.0000 |
 * | D    | H2 (0.9)     | 500       | 20,000 | 16,000 |  4,000  |  4,500 | high 450 × (ρ − 1)| 1550.0000 |
 * | E    | H2           | —         |  5,000 |  3,500 |  1,500  |        | ungrouped         | 0         |
 * | F    | H9 (unknown) | —         |        |        |         |        | excluded          |           |
 *
 * P = 3,350; r = 27,900 / 37,000; PV = round6((25,000 / r) / 3,350) = 9.896753.
 * H1: 1,500 × 9.896753 × 0.7 = 10,391.59065 → 10,391.59. H2: 1,850 × 9.896753 × 18,100/23,000 = 14,408.3814… →
 * 14,408.38. Residual 25,000 − 24,799.97 = 200.03.
 */
import { describe, expect, it } from 'vitest';
import { settleRegionYear } from '../../src/run/settleRegionYear.js';
import type { CaseResult } from '../../src/run/types.js';
import { fakeGrouper, items, makePolicy, rec } from './helpers.js';

const BANDS = [
  { minScore: '0', minInclusive: true, coefficient: '0.85', depositRefundShare: '0' },
  { minScore: '60', minInclusive: true, coefficient: '0.90', depositRefundShare: '0.4' },
  { minScore: '70', minInclusive: true, coefficient: '0.95', depositRefundShare: '0.6' },
  { minScore: '80', minInclusive: true, coefficient: '0.98', depositRefundShare: '0.8' },
  { minScore: '90', minInclusive: true, coefficient: '1.00', depositRefundShare: '1' },
];

const EXAMPLE_CORRIDOR = {
  surplusBands: [
    { from: '0', to: '0.10', retainShare: '1' },
    { from: '0.10', to: '0.20', retainShare: '0.5' },
    { from: '0.20', retainShare: '0' },
  ],
  overrunBands: [
    { from: '0', to: '0.10', fundShare: '0.5' },
    { from: '0.10', fundShare: '0' },
  ],
  requireReasonableFlag: true,
};

function scenario(residualAllocation: 'none' | 'largestRemainder', corridor?: { reserve?: string }) {
  const policy = makePolicy({
    coefficients: { byLevel: { 三级: '1', 二级: '0.9' } },
    pointValue: { pools: { employee: { dipFund: '25000', budgetPointValue: '10', ...(corridor?.reserve === undefined ? {} : { reserve: corridor.reserve }) } } },
    settlement: { assessmentBands: BANDS, residualAllocation, ...(corridor === undefined ? {} : { surplusCorridor: EXAMPLE_CORRIDOR }) },
  });
  const records = items([
    rec({ caseId: 'A', hospitalId: 'H1', dx: 'P1', cost: '10000', fund: '7000', patient: '3000' }),
    rec({ caseId: 'B', hospitalId: 'H1', dx: 'P2', cost: '4000', fund: '2800', patient: '1200' }),
    rec({ caseId: 'C', hospitalId: 'H2', dx: 'P1', cost: '3000', fund: '2100', patient: '900' }),
    rec({ caseId: 'D', hospitalId: 'H2', dx: 'P2', cost: '20000', fund: '16000', patient: '4000', discharge: '2025-02-03' }),
    rec({ caseId: 'E', hospitalId: 'H2', dx: 'ZZZ', cost: '5000', fund: '3500', patient: '1500' }),
    rec({ caseId: 'F', hospitalId: 'H9', dx: 'P1', cost: '1000', fund: '700', patient: '300' }),
    { rejected: 'bad row' },
  ]);
  return settleRegionYear({
    records,
    policy,
    grouper: fakeGrouper({ P1: '1000', P2: '500' }),
    year: 2025,
    hospitals: [
      { hospitalId: 'H1', name: 'First', level: '三级', coefficient: '1' as never },
      { hospitalId: 'H2', name: 'Second', level: '二级', coefficient: '0.9' as never },
      { hospitalId: 'H3', name: 'Third', level: '二级' },
    ],
    scores: [
      { hospitalId: 'H1', score: '95' },
      { hospitalId: 'H2', score: '85', reasonableOverrun: true },
    ],
    auditDeductions: [{ hospitalId: 'H2', month: '2025-02', amount: '100' as never }],
  });
}

describe('settleRegionYear: hand-computed region-year', () => {
  it('cases: packet, outlier class, coefficient, points', async () => {
    const cases: CaseResult[] = [];
    const policy = makePolicy({ coefficients: { byLevel: { 三级: '1', 二级: '0.9' } }, pointValue: { pools: { employee: { budgetPointValue: '10' } } } });
    await settleRegionYear(
      {
        records: items([rec({ caseId: 'C', hospitalId: 'H2', dx: 'P1', cost: '3000', fund: '2100', patient: '900' }), rec({ caseId: 'D', hospitalId: 'H2', dx: 'P2', cost: '20000', fund: '16000', patient: '4000' })]),
        policy,
        grouper: fakeGrouper({ P1: '1000', P2: '500' }),
        year: 2025,
        hospitals: [{ hospitalId: 'H2', name: 'Second', level: '二级' }],
      },
      { onCase: (c) => void cases.push(c) },
    );
    expect(cases.map((c) => [c.caseId, c.status, c.packetCode, c.outlier, c.coefficient, c.casePoints])).toEqual([
      ['C', 'grouped', 'P1', 'low', '0.9', '300.0000'],
      ['D', 'grouped', 'P2', 'high', '0.9', '1550.0000'],
    ]);
  });

  it('statements, point value and residual (no allocation)', async () => {
    const run = await scenario('none');
    const s = run.summary;
    expect(s.counts).toMatchObject({ read: 7, accepted: 6, rejected: 1, unknownHospital: 1, outOfYear: 0, settled: 5, grouped: 4, ungrouped: 1 });
    expect(s.counts.byOutlier).toEqual({ normal: 2, low: 1, high: 1 });
    const emp = s.pools.find((p) => p.pool === 'employee')!;
    expect(emp).toMatchObject({ fund: '25000.00', points: '3350', cases: 4, pointValue: '9.896753', pointValueSource: 'settlement', clearingBeforeAssessment: '24799.97', residual: '200.03' });
    expect(emp.fundPayRatio).toBe('0.754054054054');
    expect(s.totals.residual).toBe('200.03');

    const [h1, h2, h3] = run.hospitals;
    expect(h1).toMatchObject({
      hospitalId: 'H1',
      points: '1500',
      clearingBeforeAssessment: '10391.59',
      k: '1',
      clearingAmount: '10391.59',
      bookedAfterAudit: '9800.00',
      corridorSide: 'surplus',
      corridorAmount: '10391.59',
      depositWithheld: '540.00',
      depositRefund: '540.00',
      depositForfeit: '0.00',
      prepaid: '10260.00',
      prepaidSource: 'computed',
      netPayment: '131.59',
    });
    // H2: 14,408.38 × 0.98 − 100 = 14,020.2124 → 14,020.21; Jan gross 3,000 − 900 = 2,100 (prepay 1,995, W 105);
    // Feb gross 15,500 − 4,000 = 11,500 (prepay 10,925 − 100 = 10,825, W 575); refund 680 × 0.8 = 544.
    expect(h2).toMatchObject({
      hospitalId: 'H2',
      points: '1850',
      counts: { cases: 3, grouped: 2, ungrouped: 1 },
      clearingBeforeAssessment: '14408.38',
      k: '0.98',
      depositRefundShare: '0.8',
      auditDeductions: '100.00',
      clearingAmount: '14020.21',
      bookedAfterAudit: '18000.00',
      corridorSide: 'overrun',
      corridorAmount: '14020.21',
      depositWithheld: '680.00',
      depositRefund: '544.00',
      depositForfeit: '136.00',
      prepaid: '12820.00',
      netPayment: '1064.21',
    });
    expect(h3).toMatchObject({ hospitalId: 'H3', points: '0', clearingAmount: '0.00', netPayment: '0.00' });
    expect(s.totals).toMatchObject({ points: '3350', clearingBeforeAssessment: '24799.97', netPayment: '1195.80', prepaid: '23080.00' });

    const codes = run.issues.map((i) => i.code);
    expect(codes).toContain('record.test');
    expect(codes).toContain('run.unknown_hospital');
    expect(run.issues.find((i) => i.code === 'run.unknown_hospital')).toMatchObject({ line: 7, received: 'H9' });
  });

  it('largest-remainder allocation makes Σ clearing before assessment equal F to the cent', async () => {
    const run = await scenario('largestRemainder');
    const [h1, h2] = run.hospitals;
    expect(h1!.clearingBeforeAssessment).toBe('10475.41');
    expect(h2!.clearingBeforeAssessment).toBe('14524.59');
    expect(run.summary.pools[0]).toMatchObject({ clearingBeforeAssessment: '25000.00', residual: '0.00', residualBeforeAllocation: '200.03' });
  });

  it('example corridor (§8.4): H1 surplus 5.7 % kept; H2 reasonable overrun shared 50 % up to 10 % of D; a short reserve caps it', async () => {
    // H1: D 10,391.59, B 9,800.00: gap 591.59 < 10 % of D → A = D. H2: D 14,020.21, B 18,000.00: overrun 3,979.79;
    // first 10 % of D (1,402.021) shared 50 % → +701.0105 → A = 14,721.22.
    const run = await scenario('none', {});
    expect(run.hospitals.map((h) => [h.corridorSide, h.corridorAmount, h.overrunShared])).toEqual([
      ['surplus', '10391.59', '0.00'],
      ['overrun', '14721.22', '701.01'],
      ['even', '0.00', '0.00'],
    ]);
    // reserve 500.00 < 701.0105: paid 500.00 → A = 14,020.21 + 500.00
    const short = await scenario('none', { reserve: '500' });
    expect(short.hospitals[1]).toMatchObject({ corridorAmount: '14520.21', overrunShared: '500.00' });
    expect(short.issues.map((i) => i.code)).toContain('run.reserve_short');
  });
});
