/**
 * Special cases (特例单议, DIP-RULES.md §6.4) in the region-year run, computed by hand.
 *
 * Policy: engine defaults (itemBased, fromDipFund, quota 0.005 floor), one pool (employee), budget PV 10,
 * F = 1,421,000.00, c = 1 for both hospitals. Packet P1: RW 1000 → S_L = 1000 × 10 × 1 = 10,000.
 *
 * | cases        | hospital | cost   | fund   | patient | ρ | class  | points       |
 * |--------------|----------|--------|--------|---------|---|--------|--------------|
 * | R1 … R198    | H1       | 10,000 |  7,000 |  3,000  | 1 | normal | 1000 each    |
 * | S (approved) | H2       | 40,000 | 30,000 | 10,000  | 4 | high   | 1000 × (4−1) = 3000 (removed) |
 * | T (approved) | H2       | 10,000 |  7,000 |  3,000  | 1 | normal | 1000         |
 *
 * DIP discharges 200 → quota ⌊0.005 × 200⌋ = 1. Approvals: S (2025-03, 28,000.00), T (2025-06, over the quota:
 * rejected, settles normally), NOPE (no such case: reported).
 *
 * S is paid by item: A = 28,000.00, its 3000 points leave P, its cost and booked amount leave r.
 * P_regular = 198 × 1000 + 1000 = 199,000; r = 199 × 7,000 / (199 × 10,000) = 0.7;
 * PV = ((F − A) / r) / P_regular = ((1,421,000 − 28,000) / 0.7) / 199,000 = 1,990,000 / 199,000 = 10.000000.
 * (Without the approval: P = 202,000, r = 1,423,000 / 2,030,000, F / r = 2,027,146.8728…,
 * PV = round6(2,027,146.8728… / 202,000) = round6(10.0353805…) = 10.035381.)
 * H1: 198,000 × 10 × 0.7 = 1,386,000.00. H2: 1000 × 10 × 0.7 = 7,000.00 + 28,000.00 = 35,000.00.
 * Pool clearing 1,386,000 + 35,000 = 1,421,000.00 = F → residual 0.00.
 */
import { describe, expect, it } from 'vitest';
import { dec } from '../../src/decimal/index.js';
import { DEFAULT_SPECIAL_CASE_OPTIONS } from '../../src/policy/schema.js';
import type { SpecialCaseApproval } from '../../src/points/specialCases.js';
import { settleRegionYear } from '../../src/run/settleRegionYear.js';
import type { CaseResult } from '../../src/run/types.js';
import type { DischargeRecord } from '../../src/records/types.js';
import { fakeGrouper, items, makePolicy, rec } from './helpers.js';

function records(): DischargeRecord[] {
  const out: DischargeRecord[] = [];
  for (let i = 1; i <= 198; i++) out.push(rec({ caseId: `R${i}`, hospitalId: 'H1', dx: 'P1', cost: '10000', fund: '7000', patient: '3000' }));
  out.push(rec({ caseId: 'S', hospitalId: 'H2', dx: 'P1', cost: '40000', fund: '30000', patient: '10000', discharge: '2025-03-05' }));
  out.push(rec({ caseId: 'T', hospitalId: 'H2', dx: 'P1', cost: '10000', fund: '7000', patient: '3000', discharge: '2025-06-05' }));
  return out;
}

const APPROVALS: readonly SpecialCaseApproval[] = [
  { hospitalId: 'H2', caseId: 'S', reviewPeriod: '2025-03', approvedAmount: '28000' },
  { hospitalId: 'H2', caseId: 'T', reviewPeriod: '2025-06', approvedAmount: '9000' },
  { hospitalId: 'H2', caseId: 'NOPE', reviewPeriod: '2025-06', approvedAmount: '5000' },
];

async function settle(specialCases?: readonly SpecialCaseApproval[], mode: 'itemBased' | 'adjustedStandard' = 'itemBased', residualAllocation: 'none' | 'largestRemainder' = 'none') {
  const base = makePolicy({ coefficients: { byLevel: { 三级: '1' } }, pointValue: { pools: { employee: { dipFund: '1421000', budgetPointValue: '10' } } }, settlement: { residualAllocation } });
  const policy = { ...base, specialCase: { ...DEFAULT_SPECIAL_CASE_OPTIONS, specialCaseMode: mode } };
  const cases: CaseResult[] = [];
  const run = await settleRegionYear(
    {
      records: items(records()),
      policy,
      grouper: fakeGrouper({ P1: '1000' }),
      year: 2025,
      hospitals: [
        { hospitalId: 'H1', name: 'First', level: '三级' },
        { hospitalId: 'H2', name: 'Second', level: '三级' },
      ],
      ...(specialCases === undefined ? {} : { specialCases }),
    },
    { onCase: (c) => void cases.push(c) },
  );
  return { run, cases };
}

describe('settleRegionYear: special cases (§6.4)', () => {
  it('an approved case within the quota: PV = ((F − A) / r) / P_regular', async () => {
    const { run, cases } = await settle(APPROVALS);
    const pool = run.summary.pools[0]!;
    expect(pool.pool).toBe('employee');
    expect(pool.points).toBe('199000');
    expect(pool.fundPayRatio).toBe('0.7');
    expect(pool.pointValue).toBe('10.000000');
    expect(pool.specialCaseAmount).toBe('28000.00');
    expect(pool.clearingBeforeAssessment).toBe('1421000.00');
    expect(pool.residual).toBe('0.00');

    expect(run.summary.specialCases).toEqual({
      mode: 'itemBased',
      funding: 'fromDipFund',
      dipDischarges: 200,
      quota: 1,
      approvals: 3,
      approved: 1,
      rejected: 1,
      unknownCase: 1,
      amount: '28000.00',
      points: '0',
      byPool: { employee: '28000.00' },
    });

    const [h1, h2] = run.hospitals;
    expect(h1!.clearingBeforeAssessment).toBe('1386000.00');
    expect(h1!.specialCases).toBe(0);
    expect(h1!.specialCaseAmount).toBe('0.00');
    expect(h2!.points).toBe('1000');
    expect(h2!.clearingBeforeAssessment).toBe('35000.00');
    expect(h2!.pools[0]!.specialCaseAmount).toBe('28000.00');
    expect(h2!.pools[0]!.fundPayRatio).toBe('0.7');
    expect(h2!.specialCases).toBe(1);
    expect(h2!.specialCaseAmount).toBe('28000.00');
    // B_h includes the special case's booked amount: 7,000 + 30,000
    expect(h2!.booked).toBe('37000.00');
    expect(h2!.counts.cases).toBe(2);

    expect(cases).toHaveLength(200);
    const s = cases.find((c) => c.caseId === 'S')!;
    expect(s).toMatchObject({ status: 'grouped', reason: 'specialCase', casePoints: '0.0000', specialCaseAmount: '28000.00', outlier: 'high' });
    const t = cases.find((c) => c.caseId === 'T')!;
    expect(t.reason).toBeUndefined();
    expect(t.casePoints).toBe('1000.0000');
  });

  it('an approval over the quota is rejected with its issue; the case settles normally', async () => {
    const { run } = await settle(APPROVALS);
    const over = run.issues.filter((i) => i.code === 'points.special_case_over_quota');
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ severity: 'error', path: ['specialCases', 1], received: 'T', expected: 'at most 1 approvals' });
    expect(over[0]!.message).toContain('quota of 1');
  });

  it('an approval for an unknown case is reported', async () => {
    const { run } = await settle(APPROVALS);
    const unknown = run.issues.filter((i) => i.code === 'run.special_case_unknown_case');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ severity: 'error', path: ['specialCases', 2], received: 'NOPE' });
    expect(run.summary.issueCounts.byCode['run.special_case_unknown_case']).toBe(1);
  });

  it('no approvals: the case is scored by the packet rules and the summary has no special-case part', async () => {
    const { run, cases } = await settle();
    const pool = run.summary.pools[0]!;
    // P = 202,000; r = 1,423,000 / 2,030,000; PV = round6((1,421,000 / r) / 202,000) = round6(10.0353805…) = 10.035381
    expect(pool.points).toBe('202000');
    expect(pool.pointValue).toBe('10.035381');
    expect(pool.specialCaseAmount).toBeUndefined();
    expect(run.summary.specialCases).toBeUndefined();
    expect(run.hospitals[1]!.specialCaseAmount).toBeUndefined();
    expect(cases.find((c) => c.caseId === 'S')!.casePoints).toBe('3000.0000');
  });

  it('an approval without an amount pays the case booked fund amount (itemBased)', async () => {
    const { run, cases } = await settle([{ hospitalId: 'H2', caseId: 'S', reviewPeriod: '2025-03' }]);
    expect(run.summary.specialCases?.amount).toBe('30000.00');
    expect(cases.find((c) => c.caseId === 'S')!.specialCaseAmount).toBe('30000.00');
    // PV = ((1,421,000 − 30,000) / 0.7) / 199,000 = 1,987,142.857142… / 199,000 = 9.985642…
    expect(run.summary.pools[0]!.pointValue).toBe('9.985642');
    // H1 198,000 × 9.985642 × 0.7 = 1,384,009.9812 → 1,384,009.98; H2 1000 × 9.985642 × 0.7 = 6,989.9494 → 6,989.95
    // + 30,000.00; residual 1,421,000 − 1,420,999.93 = 0.07 (rounding, no allocation)
    expect(run.hospitals[0]!.clearingBeforeAssessment).toBe('1384009.98');
    expect(run.hospitals[1]!.clearingBeforeAssessment).toBe('36989.95');
    expect(run.summary.pools[0]!.residual).toBe('0.07');
  });

  it('largest-remainder allocation splits F − A over the regular points; A is added on top', async () => {
    const { run } = await settle([{ hospitalId: 'H2', caseId: 'S', reviewPeriod: '2025-03' }], 'itemBased', 'largestRemainder');
    // F − A = 1,391,000.00 split 198,000 : 1,000 (× r_h 0.7 each): H1 1,384,010.0502…, H2 6,989.9497… →
    // 1,384,010.05 + 6,989.95 = 1,391,000.00; H2 + 30,000.00 = 36,989.95
    const [h1, h2] = run.hospitals;
    expect(h1!.clearingBeforeAssessment).toBe('1384010.05');
    expect(h2!.clearingBeforeAssessment).toBe('36989.95');
    expect(dec(h1!.clearingBeforeAssessment).plus(dec(h2!.clearingBeforeAssessment)).toFixed(2)).toBe('1421000.00');
    expect(h2!.specialCaseAmount).toBe('30000.00');
    expect(run.summary.pools[0]!.residual).toBe('0.00');
  });

  it('adjustedStandard: approved amount ÷ PV in force counted as the case points (特殊病例分值)', async () => {
    const { run, cases } = await settle([{ hospitalId: 'H2', caseId: 'S', reviewPeriod: '2025-03', approvedAmount: '25000' }], 'adjustedStandard');
    // 25,000 ÷ 10 (budget PV in force) = 2500 points; P = 198,000 + 2,500 + 1,000 = 201,500
    expect(cases.find((c) => c.caseId === 'S')).toMatchObject({ reason: 'specialCase', casePoints: '2500.0000' });
    expect(run.summary.pools[0]!.points).toBe('201500');
    expect(run.summary.specialCases).toMatchObject({ mode: 'adjustedStandard', approved: 1, amount: '0.00', points: '2500' });
  });
});
