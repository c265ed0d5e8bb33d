/**
 * Differential property: the engine's case points (src/points) agree with the independent BigInt reference
 * (tests/reference) to the last digit, for every outlier variant of DIP-RULES.md §6.3, on random inputs that
 * include the exact threshold boundaries and point values with non-terminating quotients.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { computeCasePoints } from '../../src/points/index.js';
import { OUTLIER_VARIANTS } from '../../src/policy/outlierVariants.js';
import { formatFixed } from '../../src/decimal/index.js';
import { REF_VARIANTS, refCasePoints } from '../reference/dipReference.js';
import { q } from '../reference/rational.js';

const SEED = 20261123;
const variantNames = ['national_1_0', 'national_3_0', 'hubei_base', 'jining', 'taian'] as const;

/** A decimal string with up to `dp` decimals between min and max (as integers of the smallest unit). */
const decimalString = (min: number, max: number, dp: number) =>
  fc.integer({ min: min * 10 ** dp, max: max * 10 ** dp }).map((n) => {
    const s = n.toString().padStart(dp + 1, '0');
    return dp === 0 ? s : `${s.slice(0, -dp)}.${s.slice(-dp)}`;
  });

const caseArb = fc.record({
  variant: fc.constantFrom(...variantNames),
  rw: decimalString(100, 30000, 6),
  c: fc.oneof(decimalString(0, 1, 3).filter((s) => Number(s) >= 0.5), fc.constant('1')),
  a: fc.constantFrom('1', '1.05', '1.1', '1.3', '1.2345'),
  pv: fc.oneof(decimalString(1, 20, 6), fc.constantFrom('8', '7', '3', '12.5', '15')),
  // cost either free or placed exactly at a threshold multiple of R (the boundary cases of T11)
  costMode: fc.constantFrom('free', 'free', 'free', 'atLow', 'atHigh', 'atExtreme'),
  cost: decimalString(1, 500000, 2),
});

describe('differential: engine case points = reference (DIP-RULES.md §6)', () => {
  test.prop([caseArb], { seed: SEED, numRuns: 3000 })('agree to the last digit on points and outlier class', (x) => {
    const refParams = REF_VARIANTS[x.variant]!;
    // R: the payment standard RW × PV × c × a for national 3.0 (§6.2); a same-level / simulated average cost otherwise
    const R = x.variant === 'national_3_0' ? q(x.rw).mul(q(x.pv)).mul(q(x.c)).mul(q(x.a)) : q(x.rw).mul(q('5.7181'));
    const Rtext = R.round(10).toFixed(10);
    const Rq = q(Rtext);
    const mult = x.costMode === 'atLow' ? '0.5' : x.costMode === 'atHigh' ? '2' : x.costMode === 'atExtreme' ? '5' : undefined;
    // at a boundary, the cost is R × multiple rounded to the fen; when that is exact the boundary itself is tested
    const cost = mult === undefined ? x.cost : Rq.mul(q(mult)).round(2).toFixed(2);
    const ref = refCasePoints({ rw: x.rw, c: x.c, a: x.a, cost, reference: Rtext, pv: x.pv }, refParams);
    const eng = computeCasePoints(
      { rw: x.rw, kind: 'core', coef: x.c, auxCoef: x.a, cost, pointValue: x.pv, referenceCost: Rtext },
      { outlier: OUTLIER_VARIANTS[x.variant], rounding: { casePoints: { scale: 4, mode: 'halfUp' } } },
    );
    expect(formatFixed(eng.points, 4)).toBe(ref.points);
    // national 1.0 sends ρ > 5 to expert review with provisional high-formula points: same points, class `extreme`
    const engClass = eng.outlierClass === 'extreme' && x.variant === 'national_1_0' ? 'high' : eng.outlierClass;
    expect(engClass).toBe(ref.outlier);
  });

  test.prop([decimalString(1, 99999, 2), fc.constantFrom('8', '16', '32', '0.8', '6.4', '1.6')], { seed: SEED })(
    'national 3.0 low outliers are paid exactly at cost even when cost / PV is a tie at the 5th decimal',
    (cost, pv) => {
      // rw, c, a chosen so that the case is a low outlier: R = 1500 × pv × 0.9 × 1.1 is far above 2 × cost only for small costs
      const rw = '150000';
      const R = q(rw).mul(q(pv)).mul(q('0.9')).mul(q('1.1'));
      const ref = refCasePoints({ rw, c: '0.9', a: '1.1', cost, reference: R.round(10).toFixed(10), pv }, REF_VARIANTS.national_3_0!);
      const eng = computeCasePoints(
        { rw, kind: 'core', coef: '0.9', auxCoef: '1.1', cost, pointValue: pv, referenceCost: R.round(10).toFixed(10) },
        { outlier: OUTLIER_VARIANTS.national_3_0, rounding: { casePoints: { scale: 4, mode: 'halfUp' } } },
      );
      expect(eng.outlierClass).toBe(ref.outlier);
      expect(formatFixed(eng.points, 4)).toBe(ref.points);
    },
  );
});

describe('rounding ties after a division (found by the differential property)', () => {
  const rounding = { casePoints: { scale: 4, mode: 'halfUp' as const } };
  test.prop([fc.constantFrom('hubei_base', 'national_1_0', 'jining', 'taian')], { seed: SEED })(
    'a low outlier whose exact points are a tie rounds half-up: RW 1.50015 × 10.00 / 30 = 0.50005 → 0.5001',
    (variant) => {
      const r = computeCasePoints({ rw: '1.50015', kind: 'core', coef: '1', auxCoef: '1', cost: '10.00', referenceCost: '30' }, { outlier: OUTLIER_VARIANTS[variant], rounding });
      expect(r.outlierClass).toBe('low');
      expect(formatFixed(r.points, 4)).toBe('0.5001');
    },
  );
  test.prop([fc.constantFrom('hubei_base', 'national_1_0')], { seed: SEED })(
    'a high outlier whose exact points are a tie rounds half-up: RW 0.30003 × (100 − 30) / 30 = 0.70007 → 0.7001',
    (variant) => {
      const r = computeCasePoints({ rw: '0.30003', kind: 'core', coef: '1', auxCoef: '1', cost: '100.00', referenceCost: '30' }, { outlier: OUTLIER_VARIANTS[variant], rounding });
      expect(r.outlierClass).toBe('high');
      expect(formatFixed(r.points, 4)).toBe('0.7001');
    },
  );
});
