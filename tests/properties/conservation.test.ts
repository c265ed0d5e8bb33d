/**
 * Conservation (DIP-RULES.md §6.1, §8.2, §8.3, §8.5, §8.7), fixed seeds:
 * - Σ the points of a hospital's cases = the hospital's statement points (per pool and in total), and Σ hospitals =
 *   the pool's points: no case is lost or counted twice between the case list and the statements;
 * - with `residualAllocation: 'largestRemainder'`, Σ hospital clearing amounts before assessment weighting = the
 *   pool's DIP fund to the cent (settleRegionYear and clearAnnual);
 * - deposit withheld = refunded + forfeited for every hospital, whatever its assessment score;
 * - each month's gross = prepay before audit + deposit + deferred, to the cent (nothing appears or disappears in
 *   rounding).
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec, ZERO } from '../../src/decimal/index.js';
import type { Dec } from '../../src/decimal/index.js';
import { settleRegionYear } from '../../src/run/settleRegionYear.js';
import { clearAnnual, computeMonthlyPrepayment, computeNetPayment } from '../../src/settlement/index.js';
import { DEFAULT_SETTLEMENT_OPTIONS, DEFAULT_ROUNDING_OPTIONS, DEFAULT_POINT_VALUE_OPTIONS } from '../../src/policy/index.js';
import { fakeGrouper } from '../run/helpers.js';
import { PACKETS, HOSPITALS, caseArb, recordsOf, regionPolicy, scoresOf } from './fixtures.js';

const sum = (xs: Iterable<string | Dec>): Dec => {
  let s = ZERO;
  for (const x of xs) s = s.plus(dec(x));
  return s;
};

const scoreArb = fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), { minLength: 4, maxLength: 4 });

describe('conservation: cases → statements → fund (settleRegionYear)', () => {
  test.prop([fc.array(caseArb, { minLength: 1, maxLength: 40 }), scoreArb, fc.constantFrom('none' as const, 'largestRemainder' as const)], { seed: 20261124, numRuns: 40 })(
    'Σ case points = hospital points = pool points; largest remainder: Σ clearing before assessment = F; withheld = refund + forfeit',
    async (batch, scores, allocation) => {
      const cases: { hospitalId: string; pool: string; points: string }[] = [];
      const run = await settleRegionYear(
        { records: recordsOf(batch), grouper: fakeGrouper(PACKETS), year: 2025, hospitals: HOSPITALS, scores: scoresOf(scores), policy: regionPolicy(allocation) },
        { onCase: (c) => void cases.push({ hospitalId: c.hospitalId, pool: c.pool, points: c.casePoints }) },
      );
      expect(cases).toHaveLength(batch.length);
      for (const h of run.hospitals) {
        const mine = cases.filter((c) => c.hospitalId === h.hospitalId);
        expect(sum(mine.map((c) => c.points)).eq(dec(h.points)), `${h.hospitalId} points`).toBe(true);
        for (const line of h.pools) expect(sum(mine.filter((c) => c.pool === line.pool).map((c) => c.points)).eq(dec(line.points)), `${h.hospitalId} ${line.pool} points`).toBe(true);
        expect(dec(h.depositWithheld).eq(dec(h.depositRefund).plus(dec(h.depositForfeit))), `${h.hospitalId} deposit withheld = refund + forfeit`).toBe(true);
        expect(dec(h.depositForfeit).gte(0) && dec(h.depositRefund).gte(0), 'refund and forfeit are not negative').toBe(true);
      }
      for (const p of run.summary.pools) {
        const lines = run.hospitals.flatMap((h) => h.pools.filter((l) => l.pool === p.pool));
        expect(sum(lines.map((l) => l.points)).eq(dec(p.points)), `${p.pool} Σ hospitals = pool points`).toBe(true);
        // a pool where nothing was booked has r = 0: no PV, no weights to split F by (reported as an error by the run)
        if (allocation === 'largestRemainder' && p.fund !== undefined && dec(p.points).gt(0) && dec(p.booked).gt(0)) {
          expect(sum(lines.map((l) => l.clearingBeforeAssessment)).toFixed(2), `${p.pool} Σ clearing before assessment = F`).toBe(dec(p.fund).toFixed(2));
        }
      }
      expect(sum(cases.map((c) => c.points)).eq(dec(run.summary.totals.points))).toBe(true);
    },
  );
});

describe('conservation: clearAnnual and the deposit', () => {
  const money = (max: number) => fc.integer({ min: 0, max }).map((c) => dec(c).div(100));
  const hospitalArb = fc.record({
    points: fc.bigInt({ min: 1n, max: 10n ** 11n }).map((p) => dec(p.toString()).div(10_000)),
    cost: money(2_000_000_000).map((c) => c.plus(1)),
    share: fc.integer({ min: 1, max: 99 }),
    score: fc.integer({ min: 0, max: 100 }),
    deposit: money(50_000_000),
  });
  const policy = (residualAllocation: 'largestRemainder' | 'none') => ({
    settlement: { ...DEFAULT_SETTLEMENT_OPTIONS, residualAllocation, assessmentBands: regionPolicy('none').settlement.assessmentBands },
    pointValue: DEFAULT_POINT_VALUE_OPTIONS,
    rounding: DEFAULT_ROUNDING_OPTIONS,
  });
  test.prop([fc.array(hospitalArb, { minLength: 1, maxLength: 25 }), fc.bigInt({ min: 1n, max: 10n ** 13n }), fc.constantFrom('7.5', '10', '9.876543')], { seed: 8117, numRuns: 80 })(
    'largest remainder: Σ bases = F to the cent at any PV; every hospital: withheld = refund + forfeit, net = A − forfeit − prepay',
    (hs, fundCents, pv) => {
      const fund = dec(fundCents.toString()).div(100);
      const r = clearAnnual(
        {
          pointValue: pv,
          fund,
          hospitals: hs.map((h, i) => ({
            hospitalId: `H${String(i).padStart(2, '0')}`,
            points: h.points,
            costSum: h.cost,
            bookedSum: h.cost.times(h.share).div(100).toDecimalPlaces(2),
            assessmentScore: String(h.score),
            depositWithheld: h.deposit,
            prepaymentsTotal: '0',
          })),
        },
        policy('largestRemainder'),
      );
      expect(sum(r.hospitals.map((h) => h.due.base)).toFixed(2)).toBe(fund.toFixed(2));
      for (const h of r.hospitals) {
        const n = h.net;
        expect(n).toBeDefined();
        if (n === undefined) continue;
        expect(n.depositWithheld.eq(n.refund.plus(n.forfeit))).toBe(true);
        expect(n.net.eq(h.entitlement.minus(n.forfeit))).toBe(true);
      }
    },
  );

  test.prop([fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 0, max: 10 ** 10 }), fc.constantFrom(['0.95', '0.05'], ['0.90', '0.05'], ['0.9', '0.1'], ['0.85', '0.03'])], { seed: 5150, numRuns: 300 })(
    'monthly: gross = prepay before audit + deposit + deferred to the cent; deposit ≥ 0',
    (pointsE4, pvE6, patientFen, [prepayRatio, depositRate]) => {
      const r = computeMonthlyPrepayment(
        { points: dec(pointsE4).div(10_000), pointValue: dec(pvE6).div(1_000_000), patientPaid: dec(patientFen).div(100) },
        { settlement: { ...DEFAULT_SETTLEMENT_OPTIONS, prepayRatio: prepayRatio!, qualityDepositRate: depositRate! }, rounding: DEFAULT_ROUNDING_OPTIONS },
      );
      expect(r.prepayBeforeAudit.plus(r.depositWithheld).plus(r.deferred).eq(r.gross)).toBe(true);
      expect(r.depositWithheld.gte(0)).toBe(true);
    },
  );

  test.prop([fc.integer({ min: 0, max: 10 ** 10 }), fc.integer({ min: 0, max: 1000 })], { seed: 99, numRuns: 300 })('net payment: withheld = refund + forfeit for any refund share', (wFen, sPermille) => {
    const n = computeNetPayment({ entitlement: '1000.00', depositWithheld: dec(wFen).div(100), refundShare: dec(sPermille).div(1000) }, DEFAULT_ROUNDING_OPTIONS.money);
    expect(n.depositWithheld.eq(n.refund.plus(n.forfeit))).toBe(true);
    expect(n.refund.decimalPlaces()).toBeLessThanOrEqual(2);
  });
});
