/**
 * Monotonicity (DIP-RULES.md §6.3, §8.3, §8.5), fixed seeds, on every preset (and DIP_AUDIT_POLICY):
 * - case points never fall as the cost rises within one outlier class (normal cases: the points do not depend on the
 *   cost at all); any fall happens only between two different classes, i.e. across a documented threshold (the
 *   boundaries file pins where);
 * - a higher assessment score never lowers a hospital's amount due, entitlement, deposit refund or net payment;
 * - a hospital's allocated share of the fund never falls when only its points rise (largest remainder).
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec } from '../../src/decimal/index.js';
import { computeCasePoints } from '../../src/points/index.js';
import { clearAnnual } from '../../src/settlement/index.js';
import type { ClearingHospitalInput } from '../../src/settlement/index.js';
import { DEFAULT_POINT_VALUE_OPTIONS, DEFAULT_ROUNDING_OPTIONS, DEFAULT_SETTLEMENT_OPTIONS } from '../../src/policy/index.js';
import { EXAMPLE_BANDS, contextArb, decimalString, policiesUnderTest, rwArb } from './fixtures.js';

const policies = policiesUnderTest();
const RW = await rwArb();

describe('monotonicity of case points in the cost', () => {
  for (const { name, policy } of policies) {
    test.prop([RW, contextArb, fc.integer({ min: 1, max: 800_000_00 }), fc.integer({ min: 0, max: 100_000_00 })], { seed: 31_415, numRuns: 200 })(
      `${name}: within one class a higher cost never lowers the points; normal points do not depend on the cost`,
      (rw, ctx, fen1, dfen) => {
        const score = (fen: number) => computeCasePoints({ rw, kind: 'core', ...ctx, cost: dec(fen).div(100) }, policy);
        const a = score(fen1);
        const b = score(fen1 + dfen);
        if (a.outlierClass === b.outlierClass) {
          expect(a.points.lte(b.points), `${a.outlierClass}: ${a.points.toFixed()} > ${b.points.toFixed()}`).toBe(true);
          if (a.outlierClass === 'normal') expect(a.points.eq(b.points)).toBe(true);
        }
        // a fall is only possible across classes (a documented threshold between the two costs)
        if (a.points.gt(b.points)) expect(a.outlierClass).not.toBe(b.outlierClass);
      },
    );
  }
});

const settlementFor = (bands: typeof EXAMPLE_BANDS) => ({
  settlement: { ...DEFAULT_SETTLEMENT_OPTIONS, residualAllocation: 'largestRemainder' as const, assessmentBands: bands },
  pointValue: DEFAULT_POINT_VALUE_OPTIONS,
  rounding: DEFAULT_ROUNDING_OPTIONS,
});
const hospitalArb = fc.record({
  points: decimalString(1, 5_000_000, 4),
  cost: fc.integer({ min: 100_00, max: 100_000_000_00 }),
  share: fc.integer({ min: 1, max: 99 }),
});
const hospitalsOf = (hs: { points: string; cost: number; share: number }[]): ClearingHospitalInput[] =>
  hs.map((h, i) => ({
    hospitalId: `H${String(i).padStart(2, '0')}`,
    points: h.points,
    costSum: dec(h.cost).div(100),
    bookedSum: dec(h.cost).times(h.share).div(10_000).toDecimalPlaces(2),
    depositWithheld: dec(h.cost).div(2000).toDecimalPlaces(2),
    prepaymentsTotal: dec(h.cost).times(h.share).div(20_000).toDecimalPlaces(2),
    auditDeductions: '100.00',
  }));

describe('monotonicity of the settlement', () => {
  // the EXAMPLE bands, then each distinct band table of the presets / DIP_AUDIT_POLICY (the presets share the neutral one)
  const bandSets = [{ name: 'EXAMPLE bands of §8.5', bands: EXAMPLE_BANDS }];
  for (const p of policies) {
    const same = bandSets.find((b) => JSON.stringify(b.bands) === JSON.stringify(p.policy.settlement.assessmentBands));
    if (same === undefined) bandSets.push({ name: `${p.name} bands`, bands: p.policy.settlement.assessmentBands });
    else same.name += ` = ${p.name}`;
  }
  for (const { name, bands } of bandSets) {
    test.prop([fc.array(hospitalArb, { minLength: 1, maxLength: 8 }), fc.nat(), decimalString(0, 100, 1), decimalString(0, 100, 1), fc.integer({ min: 1, max: 10 ** 11 })], { seed: 2718, numRuns: 80 })(
      `${name}: a higher assessment score never lowers the amount due, entitlement, refund or net payment`,
      (hs, pick, s1, s2, fundCents) => {
        const i = pick % hs.length;
        const [lo, hi] = dec(s1).lte(dec(s2)) ? [s1, s2] : [s2, s1];
        const run = (score: string) => {
          const hospitals = hospitalsOf(hs).map((h, j) => (j === i ? { ...h, assessmentScore: score } : { ...h, assessmentScore: '85' }));
          return clearAnnual({ pointValue: '10', fund: dec(fundCents).div(100), hospitals }, settlementFor(bands)).hospitals[i]!;
        };
        const a = run(lo);
        const b = run(hi);
        expect(a.due.amountDue.lte(b.due.amountDue), 'amount due').toBe(true);
        expect(a.entitlement.lte(b.entitlement), 'entitlement').toBe(true);
        expect(a.net!.refund.lte(b.net!.refund), 'deposit refund').toBe(true);
        expect(a.net!.net.lte(b.net!.net), 'net payment').toBe(true);
      },
    );
  }

  test.prop([fc.array(hospitalArb, { minLength: 1, maxLength: 10 }), fc.nat(), decimalString(0, 100_000, 4), fc.integer({ min: 1, max: 10 ** 12 })], { seed: 1618, numRuns: 200 })(
    "largest remainder: a hospital's allocated base never falls when only its points rise",
    (hs, pick, extra, fundCents) => {
      const i = pick % hs.length;
      const fund = dec(fundCents).div(100);
      const base = (points: string) => {
        const hospitals = hospitalsOf(hs).map((h, j) => (j === i ? { ...h, points } : h));
        return clearAnnual({ pointValue: '10', fund, hospitals }, settlementFor(EXAMPLE_BANDS)).hospitals[i]!.due.base;
      };
      const before = base(hs[i]!.points);
      const after = base(dec(hs[i]!.points).plus(dec(extra)).toFixed());
      expect(before.lte(after), `${before.toFixed()} > ${after.toFixed()}`).toBe(true);
    },
  );
});
