/**
 * Session 10 (r10): the limb-division constants of src/points/scaledCasePoints.ts without module state.
 *
 * - `rhoLimbsOf` takes `10^shift` from a table built at load and splits a `den` below 2^53 with safe-integer arithmetic
 *   (BigInt shifts above), instead of all-BigInt limbs: the constants (`ScaledCaseContext.rhoLimbs` after a ρ text,
 *   `OutlierConsts.pvLimbs` of `cost / PV`) equal those of the frozen b604435 copy
 *   (tests/points/reference/scaledCasePointsS9.ts) field by field, and so do the ρ and points texts.
 * - `pvLimbs` is built per context (no one-entry module cache keyed by the PV object), and `limbDivFloor` returns the
 *   remainder's class in the context (`limbRem`) instead of a module variable: contexts sharing one PV `Dec` under
 *   different scales, scored interleaved, give the frozen copy's texts.
 *
 * Random mantissas of 1–22 digits and values around 2^24, 2^48, 2^53 and 10^21 (the bounds of both splits), scales
 * 0–30, `dp` 0–20, every rounding mode. Fixed seeds.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ROUNDING_MODES, dec } from '../../src/decimal/index.js';
import type { Dec, RoundingMode } from '../../src/decimal/index.js';
import { buildScaledContext, scaledNormalRhoToFixed, scoreScaled } from '../../src/points/scaledCasePoints.js';
import type { BoundsSource, ScaledCaseContext, ScaledContextSource } from '../../src/points/scaledCasePoints.js';
import * as S9 from './reference/scaledCasePointsS9.js';
import { scaledSource } from './scaledSource.js';

const EDGE_MANTISSAS = [
  '1',
  '16777215',
  '16777216',
  '16777217',
  '281474976710655',
  '281474976710656',
  '281474976710657',
  '5718153',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '18014398509481984',
  '999999999999999999999',
  '1000000000000000000000',
  '4722366482869645213696',
];
const mantissaArb = fc.oneof(fc.stringMatching(/^[1-9][0-9]{0,21}$/), fc.constantFrom(...EDGE_MANTISSAS));
/** A positive decimal `m / 10^s`. */
const positiveArb: fc.Arbitrary<Dec> = fc.tuple(mantissaArb, fc.integer({ min: 0, max: 30 })).map(([m, s]) => dec(`${m}e-${s}`));
const dpArb = fc.integer({ min: 0, max: 20 });
const modeArb = fc.constantFrom(...ROUNDING_MODES);
const costArb = fc.oneof(
  fc.integer({ min: 0, max: 99_999_999_999 }).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`),
  fc.integer({ min: 0, max: 999_999_999 }).map((c) => `${Math.floor(c / 10000)}.${String(c % 10000).padStart(4, '0')}`),
);

// national 3.0: a low case is paid at cost (cost / PV)
const srcOf = (R: Dec, pv: Dec | undefined, dp: number, mode: RoundingMode): ScaledContextSource => scaledSource(R, { pointValue: pv, casePoints: { scale: dp, mode } });
/** Every cost is normal (ρ texts). */
const NORMAL: BoundsSource = { lowBound: undefined, highBound: dec('1e20'), extremeBound: undefined, lowInclusive: false, highInclusive: true, extremeInclusive: false };
/** Every cost is a low outlier (paid at cost). */
const LOW: BoundsSource = { lowBound: dec('1e20'), highBound: dec('1e21'), extremeBound: undefined, lowInclusive: false, highInclusive: true, extremeInclusive: false };

type Limbs = ScaledCaseContext['rhoLimbs'];
const limbsOf = (x: Limbs): unknown => (x === undefined ? undefined : { ...x });

let numberSplits = 0;
let bigintSplits = 0;

describe('limb constants built without module state = the frozen b604435 copy', () => {
  it('literal: 10^22 / 9007199254740993 (den above 2^53: BigInt split) and / 5718153 (safe split)', () => {
    for (const [m, s, dp] of [
      ['9007199254740993', 0, 22],
      ['5718153', 6, 4],
      ['281474976710656', 0, 10],
    ] as const) {
      const src = srcOf(dec(`${m}e-${s}`), undefined, dp, 'halfUp');
      const a = buildScaledContext(src, true, NORMAL)!;
      const b = S9.buildScaledContext(src, true, NORMAL)!;
      expect(scaledNormalRhoToFixed(a, '12345.67', dp)).toBe(S9.scaledNormalRhoToFixed(b, '12345.67', dp));
      expect(a.rhoLimbs).toBeDefined();
      expect(limbsOf(a.rhoLimbs)).toStrictEqual(limbsOf(b.rhoLimbs));
    }
    // R = 2^48 at dp 6: shift = rs + dp − 4 = 2, den = 2^48 = limbs (0, 0, 1), 10^2 = limbs (100, 0, 0, 0)
    const s = buildScaledContext(srcOf(dec('281474976710656'), undefined, 4, 'halfUp'), true, NORMAL)!;
    expect(scaledNormalRhoToFixed(s, '2814749767.1066', 6)).toBe('0.000010');
    expect({ ...s.rhoLimbs }).toStrictEqual({ k: 100 / 2 ** 48, p0: 100, p1: 0, p2: 0, p3: 0, d0: 0, d1: 0, d2: 1 });
  });

  test.prop([positiveArb, dpArb, fc.array(costArb, { minLength: 1, maxLength: 3 })], { seed: 10101, numRuns: 3000 })('ρ: rhoLimbs and the ρ texts', (R, dp, costs) => {
    const src = srcOf(R, undefined, 4, 'halfUp');
    const a = buildScaledContext(src, true, NORMAL)!;
    const b = S9.buildScaledContext(src, true, NORMAL)!;
    for (const cost of costs) expect(scaledNormalRhoToFixed(a, cost, dp), `cost ${cost}`).toBe(S9.scaledNormalRhoToFixed(b, cost, dp));
    expect(limbsOf(a.rhoLimbs)).toStrictEqual(limbsOf(b.rhoLimbs));
    if (a.rhoLimbs !== undefined) {
      if (a.rhoDen <= BigInt(Number.MAX_SAFE_INTEGER)) numberSplits++;
      else bigintSplits++;
    }
  });

  test.prop([positiveArb, positiveArb, fc.array(fc.tuple(dpArb, modeArb), { minLength: 1, maxLength: 3 }), fc.array(costArb, { minLength: 1, maxLength: 3 })], { seed: 10102, numRuns: 2000 })(
    'cost / PV: pvLimbs and the points texts, one PV Dec shared by contexts of several scales, interleaved',
    (R, pv, rules, costs) => {
      const pairs = rules.map(([dp, mode]) => {
        const src = srcOf(R, pv, dp, mode);
        return { dp, a: buildScaledContext(src, true, LOW)!, b: S9.buildScaledContext(src, true, LOW)! };
      });
      for (const cost of costs) {
        for (const { dp, a, b } of [...pairs, ...[...pairs].reverse()]) {
          const x = scoreScaled(a, cost);
          const y = S9.scoreScaled(b, cost);
          expect(x?.points.toFixed(dp), `cost ${cost} at ${dp}`).toBe(y?.points.toFixed(dp));
          expect(x?.formula).toBe(y?.formula);
          expect(a.outlier === null ? null : limbsOf(a.outlier?.pvLimbs)).toStrictEqual(b.outlier === null ? null : limbsOf(b.outlier?.pvLimbs));
        }
      }
    },
  );

  it('both splits of den ran on many random cases', () => {
    expect(numberSplits).toBeGreaterThan(300);
    expect(bigintSplits).toBeGreaterThan(200);
  });
});
