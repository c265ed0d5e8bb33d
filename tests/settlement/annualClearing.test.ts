import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec, sum } from '../../src/decimal/index.js';
import { DEFAULT_POINT_VALUE_OPTIONS, DEFAULT_ROUNDING_OPTIONS, DEFAULT_SETTLEMENT_OPTIONS } from '../../src/policy/schema.js';
import type { SettlementOptions } from '../../src/policy/schema.js';
import { computePointValue } from '../../src/pointValue/index.js';
import { clearAnnual } from '../../src/settlement/index.js';
import type { ClearingHospitalInput } from '../../src/settlement/index.js';
import { EXAMPLE_SETTLEMENT } from './fixtures.js';

const rounding = DEFAULT_ROUNDING_OPTIONS;
const pol = (s: Partial<SettlementOptions> = {}, pv = DEFAULT_POINT_VALUE_OPTIONS) => ({ settlement: { ...DEFAULT_SETTLEMENT_OPTIONS, ...s }, pointValue: pv, rounding });

describe('clearAnnual (§8.3–§8.6)', () => {
  it('T14 through the clearing pipeline: r_h from the data, k from the input', () => {
    const r = clearAnnual(
      { pointValue: '10', hospitals: [{ hospitalId: 'H1', points: '2000000', bookedSum: '7000000', costSum: '10000000', assessmentCoefficient: '0.98', auditDeductions: '150000' }] },
      pol(),
    );
    const h = r.hospitals[0];
    expect(h?.fundPayRatio.toFixed()).toBe('0.7');
    expect(h?.due.amountDue.toFixed(2)).toBe('13570000.00');
    // neutral corridor: A = D
    expect(h?.entitlement.toFixed(2)).toBe('13570000.00');
  });

  it('score bands, corridor and net payment chained (EXAMPLE parameters)', () => {
    const r = clearAnnual(
      {
        pointValue: '10',
        hospitals: [
          { hospitalId: 'H1', points: '1000000', bookedSum: '8500000', costSum: '10000000', assessmentScore: '85', depositWithheld: '600000', prepaymentsTotal: '9000000', advanceOutstanding: '0' },
        ],
      },
      pol(EXAMPLE_SETTLEMENT),
    );
    const h = r.hospitals[0];
    // base 10,000,000 × 0.85 = 8,500,000; k 0.98 → D 8,330,000; B = 8,500,000 → overrun not certified → A = D
    expect(h?.due.amountDue.toFixed(2)).toBe('8330000.00');
    expect(h?.corridor.side).toBe('overrun');
    expect(h?.entitlement.toFixed(2)).toBe('8330000.00');
    // Net = 8,330,000 − 120,000 − 9,000,000 = −790,000 (a recovery)
    expect(h?.net?.net.toFixed(2)).toBe('-790000.00');
    expect(r.reconciliation.sumNet?.toFixed(2)).toBe('-790000.00');
    // −790,000 / (9,000,000 − 790,000) = −0.0962…; above a 5 % target in absolute value
    expect(r.reconciliation.clearingShare?.toSignificantDigits(6).toFixed()).toBe('-0.0962241');
    const t = clearAnnual({ pointValue: '10', hospitals: [{ hospitalId: 'H1', points: '1000000', bookedSum: '8500000', costSum: '10000000', prepaymentsTotal: '9000000' }] }, pol({ clearingShareTarget: '0.05' }));
    expect(t.issues.map((i) => i.code)).toContain('settlement.clearing_share_above_target');
  });

  it('without allocation the residual F − Σ bases is stated to the cent', () => {
    const hospitals: ClearingHospitalInput[] = [
      { hospitalId: 'A', points: '1000.0001', bookedSum: '700', costSum: '1000' },
      { hospitalId: 'B', points: '2000.0002', bookedSum: '1400', costSum: '2000' },
      { hospitalId: 'C', points: '3000.0003', bookedSum: '2100', costSum: '3000' },
    ];
    const r = clearAnnual({ pointValue: '3.333333', fund: '14000.00', hospitals }, pol());
    // Σ P 6,000.0006 × 3.333333 × 0.7 = 13,999.99999999986; rounded bases 2,333.33 + 4,666.67 + 7,000.00
    expect(r.reconciliation.sumBaseUnrounded.toFixed()).toBe('13999.99999999986');
    expect(r.reconciliation.sumBase.toFixed(2)).toBe('14000.00');
    expect(r.reconciliation.residual?.toFixed(2)).toBe('0.00');
    const off = clearAnnual({ pointValue: '3.333333', fund: '14000.05', hospitals }, pol());
    expect(off.reconciliation.residual?.toFixed(2)).toBe('0.05');
    expect(off.issues.map((i) => i.code)).toContain('settlement.fund_residual');
    const fixed = clearAnnual({ pointValue: '3.333333', fund: '14000.05', hospitals }, pol({ residualAllocation: 'largestRemainder' }));
    expect(fixed.reconciliation.sumBase.toFixed(2)).toBe('14000.05');
    expect(fixed.reconciliation.residual?.toFixed(2)).toBe('0.00');
  });

  it('shared overrun from a short reserve is paid pro rata, to the cent (EXAMPLE corridor)', () => {
    const hospitals: ClearingHospitalInput[] = [
      // r 0.7 → D 7,000,000; B 7,500,000 → overrun 500,000 within the first 10 % band → share 250,000
      { hospitalId: 'A', points: '1000000', bookedSum: '7500000', costSum: '10714285.72', fundPayRatio: '0.7', reasonableOverrun: true },
      // D 3,500,000; B 3,800,000 → overrun 300,000 → share 150,000
      { hospitalId: 'B', points: '500000', bookedSum: '3800000', costSum: '1', fundPayRatio: '0.7', reasonableOverrun: true },
      // surplus: D 1,400,000, B 1,300,000 → kept
      { hospitalId: 'C', points: '200000', bookedSum: '1300000', costSum: '1', fundPayRatio: '0.7' },
    ];
    const full = clearAnnual({ pointValue: '10', hospitals }, pol(EXAMPLE_SETTLEMENT));
    expect(full.hospitals.map((h) => h.entitlement.toFixed(2))).toEqual(['7250000.00', '3650000.00', '1400000.00']);
    const short = clearAnnual({ pointValue: '10', reserve: '100000.01', hospitals }, pol(EXAMPLE_SETTLEMENT));
    expect(short.hospitals.map((h) => h.overrunShared.toFixed(2))).toEqual(['62500.01', '37500.00', '0.00']);
    expect(short.hospitals.map((h) => h.entitlement.toFixed(2))).toEqual(['7062500.01', '3537500.00', '1400000.00']);
    expect([short.reconciliation.overrunShareTotal.toFixed(2), short.reconciliation.overrunSharePaid.toFixed(2), short.reconciliation.reserveShortfall?.toFixed(2)]).toEqual(['400000.00', '100000.01', '299999.99']);
    expect(short.issues.map((i) => i.code)).toContain('settlement.reserve_short');
  });

  it('region-scope r at clearing', () => {
    const r = clearAnnual(
      {
        pointValue: '10',
        hospitals: [
          { hospitalId: 'A', points: '100', bookedSum: '600', costSum: '1000' },
          { hospitalId: 'B', points: '100', bookedSum: '800', costSum: '1000' },
        ],
      },
      pol({}, { ...DEFAULT_POINT_VALUE_OPTIONS, fundPayRatioScope: { pointValue: 'region', clearing: 'region' } }),
    );
    expect(r.hospitals.map((h) => [h.fundPayRatio.toFixed(), h.due.amountDue.toFixed(2)])).toEqual([
      ['0.7', '700.00'],
      ['0.7', '700.00'],
    ]);
  });

  const money = (max: bigint) => fc.bigInt({ min: 1n, max }).map((c) => dec(c.toString()).div(100));
  const hospitalArb = fc.record({
    points: fc.bigInt({ min: 0n, max: 10n ** 12n }).map((p) => dec(p.toString()).div(10_000)),
    cost: money(10n ** 11n).map((c) => c.plus(1)),
    share: fc.integer({ min: 1, max: 99 }),
  });
  test.prop([fc.array(hospitalArb, { minLength: 1, maxLength: 30 }), fc.bigInt({ min: 1n, max: 10n ** 13n })], { seed: 20260101, numRuns: 150 })(
    'largestRemainder: Σ hospital bases before assessment weighting = the DIP fund to the cent',
    (hs, fundCents) => {
      const hospitals: ClearingHospitalInput[] = hs.map((h, i) => ({
        hospitalId: `H${String(i).padStart(3, '0')}`,
        points: h.points,
        costSum: h.cost,
        bookedSum: h.cost.times(h.share).div(100).toDecimalPlaces(2),
      }));
      const P = sum(hospitals.map((h) => dec(h.points as string | ReturnType<typeof dec>)));
      const fund = dec(fundCents.toString()).div(100);
      const booked = sum(hospitals.map((h) => dec(h.bookedSum as ReturnType<typeof dec>)));
      const cost = sum(hospitals.map((h) => dec(h.costSum as ReturnType<typeof dec>)));
      const pv = computePointValue({ fund, totalPoints: P, bookedSum: booked, costSum: cost }, { pointValue: DEFAULT_POINT_VALUE_OPTIONS, rounding });
      if (!pv.ok) {
        expect(pv.issues[0]?.code).toBe('pointValue.no_points');
        expect(P.isZero()).toBe(true);
        return;
      }
      const r = clearAnnual({ pointValue: pv.value.pointValue, fund, hospitals }, pol({ residualAllocation: 'largestRemainder' }));
      expect(r.reconciliation.allocation).toBe('largestRemainder');
      expect(r.reconciliation.sumBase.eq(fund)).toBe(true);
      expect(r.reconciliation.residual?.isZero()).toBe(true);
      for (const h of r.hospitals) expect(h.due.base.decimalPlaces()).toBeLessThanOrEqual(2);
    },
  );
});
