/**
 * Session 9 changes to building a case context (src/points), proven equal to what they replace:
 *
 * 1. `buildScaledContext` reads `⌊B × 10^4⌋` (floorScaled) and R's mantissa `rn` / decimal places `rs` from decimal.js's
 *    digit words instead of `B.toFixed(4, ROUND_FLOOR)` and `BigInt(R.toFixed(rs).replace('.', ''))`: its integer
 *    fields equal those of the code it replaces (frozen: tests/points/reference/scaledCasePointsS9.ts) on random R and
 *    bounds (any sign, zero and −0, 1–45 significant digits, exponents 10^−50 … 10^30, values around the word
 *    boundaries of 10^7 and the clamps), and those of the oldest copy (scaledCasePointsV1.ts, six decimal.js
 *    operations) when every bound has at most 40 significant digits, as every `Dec` product has — beyond that V1's
 *    `times(10^4)` rounds to 40 digits first (a 45-digit bound above 10^12 is "exact" there, not in S9 nor here).
 *    tests/points/floorScaledS6.test.ts checks V1 with R fixed.
 * 2. `buildContext` / `computeReferenceCost` skip `× a` when `a` is the shared `ONE` (the run's scorer passes it for
 *    `a = 1`): a context built with `ONE` equals one built with a fresh `dec('1')` (the unchanged multiplying path) in
 *    every field, and scoring any cost on both gives the same result, field by field (RW with more than 40 digits
 *    included, where `coefInNormal: 'none'` must keep its multiplication).
 * 3. `buildOutlierConsts` takes R's D40 from `rn` / `rs`, builds `R × 2` and `c × R` for additive policies only, and
 *    shared `pvLimbs` per PV (a module cache until r10; now built per context, tests/points/limbConstsR10.test.ts):
 *    outliers scored on the integer path equal the decimal path (`scoreCaseDecimal`) field by field, additive and
 *    not, contexts interleaved so that per-PV constants would change between calls.
 *
 * Fixed seeds.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Dec, ONE, dec } from '../../src/decimal/index.js';
import { DEFAULT_OUTLIER_OPTIONS, DEFAULT_ROUNDING_OPTIONS, DEFAULT_UNGROUPED_OPTIONS, PACKET_KINDS } from '../../src/policy/schema.js';
import type { OutlierOptions } from '../../src/policy/schema.js';
import { OUTLIER_VARIANTS } from '../../src/policy/outlierVariants.js';
import { prepareCaseContext, rhoToFixed, scaledPointsText, scoreCase, scoreCaseDecimal } from '../../src/points/casePoints.js';
import type { CaseContext, CaseContextInput, CasePointsPolicy, CasePointsResult } from '../../src/points/casePoints.js';
import { buildScaledContext } from '../../src/points/scaledCasePoints.js';
import type { BoundsSource, ScaledCaseContext, ScaledContextSource } from '../../src/points/scaledCasePoints.js';
import { buildScaledContext as buildScaledContextS9 } from './reference/scaledCasePointsS9.js';
import { buildScaledContext as buildScaledContextV1 } from './reference/scaledCasePointsV1.js';
import { scaledSource } from './scaledSource.js';

type Ints = Pick<ScaledCaseContext, 'tested' | 'aboveMin' | 'lowMax' | 'highMin' | 'extremeMin' | 'upperMin' | 'rn' | 'rs'>;
const ints = (s: Ints | undefined): unknown =>
  s === undefined ? undefined : { tested: s.tested, aboveMin: s.aboveMin, lowMax: s.lowMax, highMin: s.highMin, extremeMin: s.extremeMin, upperMin: s.upperMin, rn: s.rn, rs: s.rs };

const srcWith = (R: Dec): ScaledContextSource => scaledSource(R);

/** Digit texts that straddle decimal.js's 7-digit words (zeros inside and at the ends of words). */
const WORDY = ['1', '10', '1000000', '10000000', '9999999', '10000001', '1000000000000001', '12345670000000', '100000000000000000000', '7000000700000007', '123456789012345678901234567890123456789012345'];
/** A random decimal: sign, 1–45 significant digits (word-shaped or random), exponent 10^−50 … 10^30, or near the clamps. */
const decArb: fc.Arbitrary<Dec> = fc
  .tuple(fc.boolean(), fc.oneof(fc.stringMatching(/^[1-9][0-9]{0,44}$/), fc.constantFrom(...WORDY)), fc.integer({ min: -50, max: 30 }), fc.integer({ min: 0, max: 12 }))
  .map(([neg, digits, exp, mode]) => {
    const sign = neg ? '-' : '';
    if (mode === 0) return dec(`${sign}1000000000${digits.slice(0, 2)}.${digits.slice(2, 12)}`);
    if (mode === 1) return dec(`${sign}0.000${digits.slice(0, 6)}`);
    if (mode === 2) return dec(`${sign}99999999999${digits.slice(0, 1)}.${digits.slice(1, 10)}`);
    if (mode === 3) return dec(`${sign}${digits.slice(0, 7)}.${digits.slice(7, 14)}`);
    if (mode === 4) return dec(`${sign}${digits}e${exp % 8}`);
    return dec(`${sign}${digits}e${exp}`);
  });
const EDGES = ['0', '-0', '1', '-1', '0.0001', '-0.0001', '0.00005', '-0.00015', '-0.0002', '-0.00020001', '1000000', '10000000', '0.0000001', '1e-7', '1e7', '1e14', '999999999999.99999', '1000000000000', '6750.125', '13500.25', '27000.5'];
const anyDec = fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...EDGES).map((t) => dec(t)) }, { weight: 4, arbitrary: decArb });
const optDec = fc.option(anyDec, { nil: undefined });

let v1Checked = 0;

describe('buildScaledContext (digit words) = frozen S9 (toFixed) and V1 (decimal.js operations)', () => {
  it('literals: R mantissas and floors around the 10^7 words', () => {
    const s = buildScaledContext(srcWith(dec('12345678.9')), true, { lowBound: dec('0.00000012'), highBound: dec('10000000.00005'), extremeBound: dec('-0.00015'), highUpperBound: dec('1e14'), lowInclusive: false, highInclusive: true, extremeInclusive: true })!;
    // ⌊0.0012⌋ = 0 inexact → lowMax 0; ⌊100000000000.5⌋ = 100000000000 inexact → +1; ⌊−1.5⌋ = −2 inexact → −1; 10^18 clamps
    expect(ints(s)).toStrictEqual({ tested: true, aboveMin: -1, lowMax: 0, highMin: 100000000001, extremeMin: -1, upperMin: 1e15 + 2, rn: 123456789n, rs: 1 });
    expect(buildScaledContext(srcWith(dec('27000')), true, { lowBound: undefined, highBound: dec('1e-7'), extremeBound: undefined, lowInclusive: false, highInclusive: true, extremeInclusive: true })!.rn).toBe(27000n);
    expect(buildScaledContext(srcWith(dec('1e30')), true, { lowBound: undefined, highBound: dec('2'), extremeBound: undefined, lowInclusive: false, highInclusive: true, extremeInclusive: true })!.rn).toBe(10n ** 30n);
  });

  it('every edge value as R and as each bound', () => {
    for (const r of EDGES) {
      for (const t of EDGES) {
        const B = dec(t);
        for (const inc of [false, true]) {
          const b: BoundsSource = { lowBound: B, highBound: B, extremeBound: B, highUpperBound: B, lowInclusive: inc, highInclusive: inc, extremeInclusive: !inc };
          const got = ints(buildScaledContext(srcWith(dec(r)), true, b));
          expect(got, `R ${r}, B ${t}`).toStrictEqual(ints(buildScaledContextS9(srcWith(dec(r)), true, b)));
          expect(got, `R ${r}, B ${t}`).toStrictEqual(ints(buildScaledContextV1(srcWith(dec(r)), true, b)));
        }
      }
    }
  });

  test.prop([anyDec, optDec, anyDec, optDec, optDec, fc.boolean(), fc.boolean(), fc.boolean()], { seed: 9901, numRuns: 6000 })(
    'random R, bounds and inclusivity',
    (R, lowBound, highBound, extremeBound, highUpperBound, lowInclusive, highInclusive, extremeInclusive) => {
      const b: BoundsSource = { lowBound, highBound, extremeBound, highUpperBound, lowInclusive, highInclusive, extremeInclusive };
      const got = ints(buildScaledContext(srcWith(R), true, b));
      expect(got).toStrictEqual(ints(buildScaledContextS9(srcWith(R), true, b)));
      if ([lowBound, highBound, extremeBound, highUpperBound].every((x) => x === undefined || x.precision() <= 40)) {
        v1Checked++;
        expect(got).toStrictEqual(ints(buildScaledContextV1(srcWith(R), true, b)));
      }
    },
  );

  it('the V1 comparison ran on most random cases', () => {
    expect(v1Checked).toBeGreaterThan(3000);
  });
});

// --- contexts with a = ONE, scored ------------------------------------------------------------------------------------

const FIELDS = ['outlierClass', 'formula', 'rw', 'coef', 'auxCoef', 'cost', 'referenceBasis', 'reference', 'rho', 'highThreshold', 'kappa', 'factor', 'pointsUnrounded', 'points', 'rounding', 'needsReview', 'paidAtCostAmount', 'issues'] as const;
const CONTEXT_FIELDS = ['rw', 'coef', 'auxCoef', 'pointValue', 'tested', 'normalUnrounded', 'normal', 'referenceBasis', 'reference', 'referenceProblem', 'highThreshold', 'lowBound', 'highBound', 'highUpperBound', 'extremeBound'] as const;
const show = (v: unknown): unknown => (v instanceof Dec ? `Dec(${v.toString()})` : v);
const snapshot = (r: object, fields: readonly string[]): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const k of fields) out[k] = show((r as Record<string, unknown>)[k]);
  return out;
};
const resultOf = (r: CasePointsResult, dp: number): Record<string, unknown> => ({ ...snapshot(r, FIELDS), rho6: rhoToFixed(r, 6), text: scaledPointsText(r, dp) ?? r.points.toFixed(dp) });

const ungrouped = { ...DEFAULT_UNGROUPED_OPTIONS, coefficientsApplyToFallback: true, outlierRulesApplyToFallback: true };
const POLICIES: CasePointsPolicy[] = [
  ...Object.values(OUTLIER_VARIANTS).map((outlier) => ({ outlier, rounding: DEFAULT_ROUNDING_OPTIONS, ungrouped })),
  ...(
    [
      { ...OUTLIER_VARIANTS.taian, highThreshold: '1.2', lowThreshold: '0.4' },
      { ...DEFAULT_OUTLIER_OPTIONS, lowFormula: 'ratio', coefInLow: 'multiply', highFormula: 'ratioMinusTwoPlusCoef', coefInHigh: 'multiply' },
      { ...DEFAULT_OUTLIER_OPTIONS, coefInHigh: 'additive', lowFormula: 'ratio', coefInLow: 'none' },
      { ...DEFAULT_OUTLIER_OPTIONS, coefInNormal: 'none' },
      { ...DEFAULT_OUTLIER_OPTIONS, extremeThreshold: '5', extremeAction: 'review' },
      { ...DEFAULT_OUTLIER_OPTIONS, extremeThreshold: '5', extremeAction: 'review', extremeInclusive: true, highFormula: 'ratioMinusTwoPlusCoef', coefInHigh: 'none' },
    ] as OutlierOptions[]
  ).map((outlier) => ({ outlier, rounding: { ...DEFAULT_ROUNDING_OPTIONS, casePoints: { scale: 4, mode: 'halfUp' as const } }, ungrouped })),
];
const digitsText = (min: number, max: number): fc.Arbitrary<string> =>
  fc.tuple(fc.stringMatching(new RegExp(`^[1-9][0-9]{${min},${max}}$`)), fc.integer({ min: 0, max: 30 })).map(([d, p]) => (p >= d.length ? `0.${'0'.repeat(p - d.length)}${d}` : p === 0 ? d : `${d.slice(0, d.length - p)}.${d.slice(d.length - p)}`));
const inputArb = fc.record({
  rw: fc.oneof(fc.constantFrom('1000', '1500', '1496.8', '331.608717', '0.5'), digitsText(0, 8), digitsText(40, 48)),
  kind: fc.constantFrom(...PACKET_KINDS),
  isPrimaryCare: fc.boolean(),
  coef: fc.constantFrom('1', '0.9', '0.85', '0.7', '1.0525', '-0.5', '0'),
  pointValue: fc.option(fc.constantFrom('10', '5.718153', '5.7181', dec(1e9).div(123_456_789).toString(), '0', '-3'), { nil: undefined, freq: 6 }),
  referenceCoef: fc.option(fc.constantFrom('1', '0.85', '0.7', '-1'), { nil: undefined }),
});
const costArb = fc.oneof(fc.integer({ min: 0, max: 99_999_999_999 }).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`), fc.integer({ min: 0, max: 999_999_999 }).map((c) => `${Math.floor(c / 10000)}.${String(c % 10000).padStart(4, '0')}`));

/** Costs around R × m for the usual outlier thresholds (low, high, extreme, band), 2 and 4 dp. */
function costsNear(ctx: CaseContext): string[] {
  const R = ctx.reference;
  if (R === undefined || R.gte(1e10)) return [];
  const out: string[] = [];
  for (const m of ['0.2', '0.4', '0.5', '0.7', '1', '1.2', '1.9', '2', '2.1', '3', '5', '8']) {
    const x = R.times(m);
    out.push(x.toDecimalPlaces(2, 1).toFixed(2), x.toDecimalPlaces(4, 0).toFixed(4), x.toDecimalPlaces(4, 1).toFixed(4));
  }
  return out;
}

const integerOutliers = new Set<string>();

describe('contexts with the shared ONE as a (× 1 skipped) = contexts with a fresh dec("1") (multiplied)', () => {
  test.prop([inputArb, fc.constantFrom(...POLICIES), fc.array(costArb, { minLength: 1, maxLength: 4 })], { seed: 9902, numRuns: 1500 })('every context field, and every result on both contexts', (raw, policy, costs) => {
    const base = { rw: dec(raw.rw), kind: raw.kind, isPrimaryCare: raw.isPrimaryCare, coef: dec(raw.coef), ...(raw.pointValue === undefined ? {} : { pointValue: dec(raw.pointValue) }), ...(raw.referenceCoef === undefined ? {} : { referenceCoef: dec(raw.referenceCoef) }) };
    const skipped = prepareCaseContext({ ...base, auxCoef: ONE } as CaseContextInput, policy);
    const multiplied = prepareCaseContext({ ...base, auxCoef: dec('1') } as CaseContextInput, policy);
    expect(snapshot(skipped, CONTEXT_FIELDS)).toStrictEqual(snapshot(multiplied, CONTEXT_FIELDS));
    expect(ints(skipped.scaled)).toStrictEqual(ints(multiplied.scaled));
    const dp = policy.rounding.casePoints.scale;
    for (const cost of [...costs, ...costsNear(multiplied)]) {
      // interleave the two contexts (and the decimal path) so that shared per-PV constants change between calls
      const a = scoreCase(skipped, cost);
      const b = scoreCaseDecimal(multiplied, cost);
      const c = scoreCase(multiplied, cost);
      expect(resultOf(a, dp), `cost ${cost}`).toStrictEqual(resultOf(b, dp));
      expect(resultOf(c, dp), `cost ${cost}`).toStrictEqual(resultOf(b, dp));
      if (a.constructor !== Object && ['low', 'high', 'extreme'].includes(b.outlierClass)) integerOutliers.add(`${b.outlierClass}/${b.formula}`);
    }
  });

  it('the integer path scored outliers of every formula family', () => {
    expect([...integerOutliers].sort()).toStrictEqual(expect.arrayContaining(['extreme/highRatioMinusOneCoef', 'extreme/highRatioMinusTwoPlusCoef', 'high/highRatioMinusOneCoef', 'high/highRatioMinusTwoPlusCoef', 'high/highRatioMinusTwoPlusCoefCoef', 'low/lowPaidAtCost', 'low/lowRatio', 'low/lowRatioCoef']));
  });

  it('one PV object under two casePoints scales, interleaved: the shared paid-at-cost constants follow the scale', () => {
    const pv = dec('5.718153');
    const at = (scale: number): CasePointsPolicy => ({ outlier: DEFAULT_OUTLIER_OPTIONS, rounding: { ...DEFAULT_ROUNDING_OPTIONS, casePoints: { scale, mode: 'halfUp' } } });
    const contexts = [at(4), at(2), at(0)].map((policy) => ({ policy, ctx: prepareCaseContext({ rw: dec('1496.8'), kind: 'core', coef: dec('0.85'), auxCoef: ONE, pointValue: pv }, policy) }));
    let lows = 0;
    for (const cost of ['100.01', '2345.67', '3000.1234', '0.01', '5.71', '17.1544']) {
      for (const { policy, ctx } of [...contexts, ...contexts.reverse()]) {
        const dp = policy.rounding.casePoints.scale;
        const r = scoreCase(ctx, cost);
        expect(resultOf(r, dp), `cost ${cost} at ${dp}`).toStrictEqual(resultOf(scoreCaseDecimal(ctx, cost), dp));
        if (r.formula === 'lowPaidAtCost') lows++;
      }
    }
    expect(lows).toBeGreaterThan(20);
  });

  it('literal: RW of 45 digits under coefInNormal none keeps RW × a rounded to 40 digits', () => {
    const policy = { outlier: { ...DEFAULT_OUTLIER_OPTIONS, coefInNormal: 'none' as const }, rounding: DEFAULT_ROUNDING_OPTIONS };
    const rw = dec('123456789012345678901234567890123456789012345');
    const ctx = prepareCaseContext({ rw, kind: 'core', coef: dec('0.9'), auxCoef: ONE, pointValue: dec('10') }, policy);
    expect(ctx.normalUnrounded.toString()).toBe('123456789012345678901234567890123456789000000');
    expect(ctx.reference?.toString()).toBe(rw.times(10).times('0.9').toString());
  });
});
