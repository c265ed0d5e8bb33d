import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUNDING_OPTIONS, DEFAULT_SPECIAL_CASE_OPTIONS } from '../../src/policy/schema.js';
import { applySpecialCases, isSpecialCaseEligible, specialCaseQuota } from '../../src/points/index.js';
import type { SpecialCaseApproval } from '../../src/points/index.js';

const policy = { specialCase: DEFAULT_SPECIAL_CASE_OPTIONS, rounding: DEFAULT_ROUNDING_OPTIONS };

describe('special cases (§6.4)', () => {
  it('T18 quota ⌊200,000 × 0.005⌋ = 1,000; ⌊199,999 × 0.005⌋ = 999', () => {
    expect(specialCaseQuota(200_000, DEFAULT_SPECIAL_CASE_OPTIONS)).toBe(1000);
    expect(specialCaseQuota(199_999, DEFAULT_SPECIAL_CASE_OPTIONS)).toBe(999);
  });

  it('T18 eligible when cost > 2 × RW × PV (strict by default, inclusive when configured)', () => {
    expect(isSpecialCaseEligible('30000.01', '1500', '10', DEFAULT_SPECIAL_CASE_OPTIONS)).toBe(true);
    expect(isSpecialCaseEligible('30000.00', '1500', '10', DEFAULT_SPECIAL_CASE_OPTIONS)).toBe(false);
    expect(isSpecialCaseEligible('30000.00', '1500', '10', { ...DEFAULT_SPECIAL_CASE_OPTIONS, specialCaseTriggerInclusive: true })).toBe(true);
  });

  it('approvals over the quota are rejected with an issue each, by review period then input order', () => {
    // 400 discharges → quota 2
    const approvals: SpecialCaseApproval[] = [
      { caseId: 'c', reviewPeriod: '2025-03', approvedAmount: '300' },
      { caseId: 'a', reviewPeriod: '2025-01', approvedAmount: '100' },
      { caseId: 'd', reviewPeriod: '2025-02', approvedAmount: '400' },
      { caseId: 'b', reviewPeriod: '2025-01', approvedAmount: '200' },
    ];
    const r = applySpecialCases(approvals, 400, policy);
    expect(r.quota).toBe(2);
    expect(r.accepted.map((x) => [x.caseId, x.rank, x.amount?.toFixed()])).toEqual([
      ['a', 1, '100'],
      ['b', 2, '200'],
    ]);
    expect(r.rejected.map((x) => [x.caseId, x.reason])).toEqual([
      ['d', 'overQuota'],
      ['c', 'overQuota'],
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(['points.special_case_over_quota', 'points.special_case_over_quota']);
    expect(r.itemBasedTotal.toFixed(2)).toBe('300.00');
    expect(r.itemBasedByHospital['']?.toFixed(2)).toBe('300.00');
  });

  it('the quota is cumulative across review rounds (alreadyApproved)', () => {
    const r = applySpecialCases([{ caseId: 'x', reviewPeriod: '2025-04', approvedAmount: '1' }], 400, policy, { alreadyApproved: 2 });
    expect(r.accepted).toEqual([]);
    expect(r.rejected[0]?.reason).toBe('overQuota');
  });

  it('duplicates and approvals without an amount are rejected; below-trigger approvals kept with a warning', () => {
    const r = applySpecialCases(
      [
        { caseId: 'a', hospitalId: 'H1', reviewPeriod: '2025-01', approvedAmount: '100', cost: '20000', rw: '1500', pointValue: '10' },
        { caseId: 'a', hospitalId: 'H1', reviewPeriod: '2025-01', approvedAmount: '100' },
        { caseId: 'b', reviewPeriod: '2025-01' },
      ],
      10_000,
      policy,
    );
    expect(r.accepted.map((x) => [x.caseId, x.eligible])).toEqual([['a', false]]);
    expect(r.rejected.map((x) => x.reason)).toEqual(['duplicate', 'amountMissing']);
    expect(r.issues.map((i) => i.code)).toEqual(['points.special_case_below_trigger', 'points.special_case_duplicate', 'points.special_case_amount_missing']);
  });

  it('adjustedStandard: points = approved amount ÷ PV, 4 dp half-up', () => {
    const r = applySpecialCases([{ caseId: 'a', reviewPeriod: '2025-01', approvedAmount: '45678.91', pointValue: '10.123456' }], 10_000, {
      ...policy,
      specialCase: { ...DEFAULT_SPECIAL_CASE_OPTIONS, specialCaseMode: 'adjustedStandard' },
    });
    expect(r.accepted[0]?.points?.toFixed(4)).toBe('4512.1854');
  });
});
