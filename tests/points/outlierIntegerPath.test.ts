/**
 * The exact integer path of outlier points (src/points/decimal40.ts, src/points/scaledCasePoints.ts): low, high and
 * extreme cases scored by `scoreCase` equal `scoreCaseDecimal` to the last digit — every field, the audit trace, the
 * ρ text — including the 40-significant-digit rounding of decimal.js quotients before the named rounding
 * (`rounding.casePoints`): exact 40-digit ties, quotients within 10^-41 of a points tie (double rounding), and every
 * rounding mode (DIP-RULES.md §6.3, §8.7). Fixed seeds; 2,800 runs in all. Kill-tested: making any half-up tie of
 * `div40`, `round40` or `roundFixed` round down, or dropping any double-rounding window of `divRoundFixed`, fails
 * these properties.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Dec, dec, roundDec } from '../../src/decimal/index.js';
import type { RoundingMode, RoundingRule } from '../../src/decimal/index.js';
import { DEFAULT_OUTLIER_OPTIONS, DEFAULT_ROUNDING_OPTIONS, DEFAULT_UNGROUPED_OPTIONS, PACKET_KINDS } from '../../src/policy/schema.js';
import type { OutlierOptions } from '../../src/policy/schema.js';
import { OUTLIER_VARIANTS } from '../../src/policy/outlierVariants.js';
import { explainCasePoints } from '../../src/points/explainCasePoints.js';
import { pointsToFixed, prepareCaseContext, rhoToFixed, scaledPointsText, scoreCase, scoreCaseDecimal } from '../../src/points/casePoints.js';

/** Results for which scaledPointsText gave a text (checked > 0 at the end of the file's runs). */
let scaledTextHits = 0;
import type { CaseContext, CaseContextInput, CasePointsPolicy, CasePointsResult } from '../../src/points/casePoints.js';
import { add40, div40, divRoundFixed, mul40, roundFixed, sub40 } from '../../src/points/decimal40.js';
import type { D40 } from '../../src/points/decimal40.js';
import { decimalString, policiesUnderTest } from '../properties/fixtures.js';
import { q } from '../reference/rational.js';

const FIELDS = ['outlierClass', 'formula', 'rw', 'coef', 'auxCoef', 'cost', 'referenceBasis', 'reference', 'rho', 'highThreshold', 'kappa', 'factor', 'pointsUnrounded', 'points', 'rounding', 'needsReview', 'paidAtCostAmount', 'issues'] as const;
const snapshot = (r: CasePointsResult): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const k of FIELDS) {
    const v = (r as unknown as Record<string, unknown>)[k];
    if (v === undefined) continue;
    out[k] = v instanceof Dec ? `Dec(${v.toString()})` : v;
  }
  return out;
};

const OUTLIER_CLASSES = new Set(['low', 'high', 'extreme', 'aboveHighBand']);
let integerPathHits = 0;

/** Integer path vs decimal path on one (context, cost): ρ text on a fresh result, every field, own keys, the trace. */
function expectSame(ctx: CaseContext, cost: string): CasePointsResult {
  const fresh = scoreCase(ctx, cost);
  const ref = scoreCaseDecimal(ctx, cost);
  for (const d of [0, 4, 6]) expect(rhoToFixed(fresh, d), `rhoToFixed(${d}) of ${cost}`).toBe(ref.rho?.toFixed(d));
  // the points text before the points are parsed (integer path: its own text at the rule's scale), at other scales too
  const freshPoints = scoreCase(ctx, cost);
  for (const d of [ctx.policy.rounding.casePoints.scale, 0, 2, 4, 9]) expect(pointsToFixed(freshPoints, d), `pointsToFixed(${d}) of ${cost}`).toBe(ref.points.toFixed(d));
  // scaledPointsText (what the run uses instead of points.toFixed + decimalPlaces): the same text, no extra places
  const scale = ctx.policy.rounding.casePoints.scale;
  const text = scaledPointsText(scoreCase(ctx, cost), scale);
  if (text !== undefined) {
    expect(text, `scaledPointsText of ${cost}`).toBe(ref.points.toFixed(scale));
    expect(ref.points.decimalPlaces()).toBeLessThanOrEqual(scale);
    scaledTextHits++;
  }
  for (const d of [0, 2, 9]) if (d !== scale) expect(scaledPointsText(scoreCase(ctx, cost), d)).toBeUndefined();
  const fast = scoreCase(ctx, cost);
  // points first (eager), then the lazy fields
  expect(fast.points.toString(), `points of ${cost}`).toBe(ref.points.toString());
  expect(snapshot(fast)).toEqual(snapshot(ref));
  expect(FIELDS.filter((k) => (fast as unknown as Record<string, unknown>)[k] !== undefined).sort()).toEqual(Object.keys(ref).sort());
  expect(explainCasePoints(scoreCase(ctx, cost))).toEqual(explainCasePoints(ref));
  if (OUTLIER_CLASSES.has(ref.outlierClass) && fast.constructor !== Object) integerPathHits++;
  return fast;
}

const MODES: RoundingMode[] = ['halfUp', 'halfEven', 'down', 'up', 'floor', 'ceil'];
const ungrouped = { ...DEFAULT_UNGROUPED_OPTIONS, coefficientsApplyToFallback: true, outlierRulesApplyToFallback: true };
/** The presets, the five §6.3 variants, and switches of every outlier formula. */
const POLICIES: { name: string; policy: CasePointsPolicy }[] = [
  ...policiesUnderTest().map(({ name, policy }) => ({ name, policy: policy as CasePointsPolicy })),
  ...Object.entries(OUTLIER_VARIANTS).map(([name, outlier]) => ({ name, policy: { outlier, rounding: DEFAULT_ROUNDING_OPTIONS } })),
  ...(
    [
      ['band 3.0 (highUpper 3)', { ...DEFAULT_OUTLIER_OPTIONS, highUpper: '3' }],
      ['steps', { ...DEFAULT_OUTLIER_OPTIONS, highThresholdSteps: [{ fromReference: '10000', threshold: '2.5' }, { fromReference: '50000', threshold: '3' }] }],
      ['extreme review incl.', { ...OUTLIER_VARIANTS.national_1_0, extremeInclusive: true, lowInclusive: true, highInclusive: true }],
      ['jining extreme 2.5 below high', { ...OUTLIER_VARIANTS.jining, extremeThreshold: '2.5', highThreshold: '3' }],
      ['additive, high 1.2 (numerator cost − 2R + cR may be ≤ 0)', { ...OUTLIER_VARIANTS.taian, highThreshold: '1.2', lowThreshold: '0.4' }],
      ['ratio low × c, high ratioMinusTwoPlusCoef × c', { ...DEFAULT_OUTLIER_OPTIONS, lowFormula: 'ratio', coefInLow: 'multiply', highFormula: 'ratioMinusTwoPlusCoef', coefInHigh: 'multiply' }],
      ['thresholds 0.333 / 1.7777777', { ...DEFAULT_OUTLIER_OPTIONS, lowThreshold: '0.333', highThreshold: '1.7777777', lowInclusive: true, highInclusive: false }],
    ] as [string, OutlierOptions][]
  ).map(([name, outlier]) => ({ name, policy: { outlier, rounding: DEFAULT_ROUNDING_OPTIONS, ungrouped } })),
];

const ruleArb: fc.Arbitrary<RoundingRule> = fc.record({ scale: fc.integer({ min: 0, max: 8 }), mode: fc.constantFrom(...MODES) });
const BUDGET_PV = dec(1e9).div(123_456_789).toString(); // 40 significant digits
const contextInputArb = fc.record({
  rw: fc.oneof(decimalString(0.01, 30000, 6), fc.constantFrom('1000', '1500', '1496.8', '331.608717')),
  kind: fc.constantFrom(...PACKET_KINDS),
  isPrimaryCare: fc.boolean(),
  coef: fc.oneof(decimalString(0.3, 1.6, 4), fc.constantFrom('1', '0.9', '0.85', '0.7')),
  auxCoef: fc.oneof(decimalString(0.5, 2, 4), fc.constantFrom('1', '1.05', '1.2345')),
  pointValue: fc.option(fc.oneof(decimalString(1, 20, 4), fc.constantFrom('10', '15', '5.7181', BUDGET_PV, dec(2e9).div(97_345_678).toString())), { nil: undefined, freq: 6 }),
  referenceCoef: fc.option(fc.constantFrom('1', '0.85', '0.7'), { nil: undefined }),
  sameLevelAverageCost: fc.option(decimalString(100, 500000, 2), { nil: undefined, freq: 6 }),
  simulatedAverageCost: fc.option(fc.oneof(decimalString(100, 500000, 4), fc.constant(dec(2e8).div(7).toString())), { nil: undefined, freq: 6 }),
  referenceCost: fc.option(fc.oneof(decimalString(50, 500000, 2), decimalString(0.01, 20, 4)), { nil: undefined, freq: 3 }),
}).map((x) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as unknown as CaseContextInput);

/** Costs on a bound B (when ≤ 4 dp) and ± 0.0001, ± 0.01 around it. */
function costsAround(B: Dec | undefined): string[] {
  if (B === undefined || B.lt(0.02) || B.gte(1e11)) return [];
  const out: string[] = [];
  for (const dp of [2, 4]) {
    const unit = dec(1).div(10 ** dp);
    const t = B.toDecimalPlaces(dp, 1);
    for (const x of [t.minus(unit), t, t.plus(unit), t.plus(unit.times(2))]) if (x.gte(0)) out.push(x.toFixed(dp));
  }
  if (B.decimalPlaces() <= 4) out.push(B.toFixed(4));
  return out;
}

/** A cost at `m` × R (m a ratio text), as 2-dp and 4-dp text below 10^11. */
function costsAt(R: Dec, ratios: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of ratios) {
    const x = R.times(m);
    if (x.gte(1e11)) continue;
    out.push(x.toDecimalPlaces(2, 1).toFixed(2), x.toDecimalPlaces(4, 0).toFixed(4));
  }
  return out;
}

/** Decimal.js reference of the D40 helpers. */
const exactDec = (m: bigint, s: number): Dec => new Dec(`${m.toString()}e${-s}`);
const same = (x: D40, y: Dec): void => {
  expect(new Dec(`${x.m.toString()}e${-x.s}`).toString()).toBe(y.toString());
};

const mantissa = (maxDigits: number): fc.Arbitrary<bigint> =>
  fc.tuple(fc.integer({ min: 1, max: maxDigits }), fc.bigInt({ min: 1n, max: 10n ** 60n })).map(([d, b]) => (b % 10n ** BigInt(d)) + 1n);
const d40Arb = (maxDigits: number): fc.Arbitrary<D40> => fc.record({ m: mantissa(maxDigits), s: fc.integer({ min: -10, max: 50 }) });

describe('decimal40: Dec arithmetic (40 significant digits, half-up) on BigInt mantissas', () => {
  test.prop([d40Arb(40), d40Arb(40), fc.integer({ min: 0, max: 12 }), fc.constantFrom(...MODES)], { seed: 4001, numRuns: 300 })('times, plus, minus, div and the named rounding equal decimal.js', (x, y, dp, mode) => {
    const X = exactDec(x.m, x.s);
    const Y = exactDec(y.m, y.s);
    same(mul40(x, y), X.times(Y));
    same(add40(x, y), X.plus(Y));
    same(sub40(x, y), X.minus(Y));
    same(sub40(y, x), Y.minus(X));
    const qd = div40(x, y);
    same(qd, X.div(Y));
    expect(roundFixed(qd, dp, mode)).toBe(roundDec(X.div(Y), { scale: dp, mode }).toFixed(dp));
    expect(divRoundFixed(x, y, dp, mode)).toBe(roundDec(X.div(Y), { scale: dp, mode }).toFixed(dp));
  });

  test.prop([mantissa(45), mantissa(38), fc.integer({ min: 0, max: 8 }), fc.integer({ min: -3, max: 20 }), fc.constantFrom(0, 1, 2, 3), fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }), fc.constantFrom(...MODES)], {
    seed: 4007,
    numRuns: 300,
  })('divRoundFixed = the named rounding of the 40-digit quotient, with the fraction at, within and just outside the windows around 0, ½ and 1', (D, F, dp, ys, where, delta, mode) => {
    // x / y × 10^dp = F + r / D with r = δ, D/2 + δ, D − δ (clamped into [0, D)), or r = D/2 exactly
    const base = where === 0 ? 0n : where === 3 ? D : D / 2n;
    let r = where === 2 ? D / 2n : base + delta;
    if (r < 0n) r = -r;
    if (r >= D) r = D - 1n - ((r - D) % D);
    const y: D40 = { m: D, s: ys };
    const x: D40 = { m: F * D + r, s: ys + dp };
    const expected = roundDec(exactDec(x.m, x.s).div(exactDec(y.m, y.s)), { scale: dp, mode }).toFixed(dp);
    expect(divRoundFixed(x, y, dp, mode)).toBe(expected);
    expect(roundFixed(div40(x, y), dp, mode)).toBe(expected);
  });

  test.prop([mantissa(40), mantissa(20), fc.integer({ min: -5, max: 30 }), fc.integer({ min: 0, max: 2 })], { seed: 4002, numRuns: 300 })(
    'exact 40-digit ties: a quotient of 41 significant digits ending in 5 (and F + ½ with a 40-digit F) rounds half-up as decimal.js',
    (Q, y, e, form) => {
      // x / y = (10·Q' + 5) × 10^−e with Q' of exactly 40 digits: the 40-digit rounding meets an exact tie
      const Q40 = 10n ** 39n + (Q % (9n * 10n ** 39n));
      const tieMantissa = Q40 * 10n + 5n;
      const x: D40 = form === 0 ? { m: tieMantissa * y, s: e } : form === 1 ? { m: tieMantissa * y * 2n, s: e + 1 } : { m: tieMantissa, s: e };
      const den: D40 = form === 0 ? { m: y, s: 0 } : form === 1 ? { m: y * 20n, s: 0 } : { m: 1n, s: 0 };
      const X = exactDec(x.m, x.s);
      const Y = exactDec(den.m, den.s);
      const got = div40(x, den);
      same(got, X.div(Y));
      expect(got.m).toBe(Q40 + 1n); // half-up: the tie goes up
      // and a tie of a sum / product: (10·Q' + 5) rounds up in plus / times too
      same(add40({ m: tieMantissa - 1n, s: e }, { m: 1n, s: e }), exactDec(tieMantissa - 1n, e).plus(exactDec(1n, e)));
      same(mul40({ m: tieMantissa, s: e }, { m: 1n, s: 0 }), exactDec(tieMantissa, e).times(1));
    },
  );
});

describe('scoreCase outliers on integers = scoreCaseDecimal (every preset / variant / rounding rule)', () => {
  test.prop(
    [
      fc.constantFrom(...POLICIES.map((_, i) => i)),
      fc.option(ruleArb, { nil: undefined }),
      contextInputArb,
      fc.array(decimalString(0, 0.5, 4), { minLength: 1, maxLength: 3 }),
      fc.array(decimalString(1, 60, 4), { minLength: 1, maxLength: 3 }),
      fc.array(decimalString(0, 5_000_000, 4), { maxLength: 2 }),
    ],
    { seed: 20261124, numRuns: 700 },
  )('random contexts; costs far into the low and high ranges (as multiples of R), on every bound ± 0.0001 / ± 0.01', (pi, rule, input, lowRatios, highRatios, costs) => {
    const base = POLICIES[pi]!.policy;
    const policy: CasePointsPolicy = rule === undefined ? base : { ...base, rounding: { casePoints: rule } };
    const ctx = prepareCaseContext(input, policy);
    const all = [...costs, '0', '0.01'];
    if (ctx.reference !== undefined) all.push(...costsAt(ctx.reference, [...lowRatios, ...highRatios, '100', '1000']));
    for (const B of [ctx.lowBound, ctx.highBound, ctx.highUpperBound, ctx.extremeBound]) all.push(...costsAround(B));
    for (const c of all) expectSame(ctx, c);
  });

  it('low paid at cost without a PV (R given): normal points and the pv_missing error, on the integer path too', () => {
    const ctx = prepareCaseContext({ rw: '1500', kind: 'core', coef: '0.9', referenceCost: '13500' }, { outlier: DEFAULT_OUTLIER_OPTIONS, rounding: DEFAULT_ROUNDING_OPTIONS });
    const r = expectSame(ctx, '5000');
    expect([r.outlierClass, r.formula, r.points.toFixed(4), r.needsReview, r.issues.map((i) => i.code)]).toEqual(['low', 'normal', '1350.0000', true, ['points.pv_missing']]);
    expect(r.constructor).not.toBe(Object);
  });

  it('the integer path was taken for outliers (not everything fell back)', () => {
    expect(integerPathHits).toBeGreaterThan(2000);
  });
});

/** A policy whose low / high formula is the one under test, with `R` given explicitly and a named points rounding. */
function tiePolicy(outlier: OutlierOptions, dp: number, mode: RoundingMode): CasePointsPolicy {
  return { outlier, rounding: { casePoints: { scale: dp, mode } } };
}

describe('double rounding: the 40-digit quotient lands on a points tie that the exact quotient misses', () => {
  const tie = (t: number, dp: number) => q(2 * t + 1).div(q(2 * 10 ** dp)); // (t + ½) / 10^dp
  const near = (x: ReturnType<typeof q>, k: number, side: number) => {
    const off = x.mul(q(k)).div(q('1' + '0'.repeat(41)));
    return side < 0 ? x.sub(off) : x.add(off);
  };

  test.prop([fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom(1, -1), fc.constantFrom<RoundingMode>('halfUp', 'halfEven')], {
    seed: 4003,
    numRuns: 300,
  })('low ratio: RW × cost / R within k·10^-41 of (t + ½)/10^dp, R given to 50 dp', (costFen, rw, t0, dp, k, side, mode) => {
    const cost = q(costFen).div(q(100));
    const t = t0 % Math.max(1, Math.floor((rw * 10 ** dp) / 2 - 1)); // points below RW / 2: cost < R / 2, a low case
    const target = near(tie(t, dp), k, side);
    const R = q(rw).mul(cost).div(target).round(50).toFixed(50);
    const outlier: OutlierOptions = { ...OUTLIER_VARIANTS.taian, lowInclusive: true };
    const ctx = prepareCaseContext({ rw: String(rw), kind: 'core', referenceCost: R }, tiePolicy(outlier, dp, mode));
    const costText = cost.toFixed(2);
    const r = expectSame(ctx, costText);
    expect(r.outlierClass).toBe('low');
    expect(r.constructor).not.toBe(Object);
    if (k <= 4 && mode === 'halfUp') expect(r.points.toFixed(dp)).toBe(tie(t, dp).round(dp).toFixed(dp)); // the tie, rounded up
  });

  test.prop([fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 10 ** 7 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom(1, -1), fc.constantFrom<RoundingMode>('halfUp', 'halfEven')], {
    seed: 4004,
    numRuns: 300,
  })('low paid at cost: cost / PV within k·10^-41 of a tie, PV to 50 dp', (cost4, t, dp, k, side, mode) => {
    const cost = q(cost4).div(q(10_000));
    const target = near(tie(t, dp), k, side);
    const pv = cost.div(target).round(50).toFixed(50);
    // RW large enough that cost / PV < RW × c × a / 2: a low case
    const rw = String(4 * (t + 1));
    const ctx = prepareCaseContext({ rw, kind: 'core', pointValue: pv }, tiePolicy(DEFAULT_OUTLIER_OPTIONS, dp, mode));
    const r = expectSame(ctx, cost.toFixed(4));
    expect([r.outlierClass, r.formula]).toEqual(['low', 'lowPaidAtCost']);
    expect(r.constructor).not.toBe(Object);
    if (k <= 4 && mode === 'halfUp') expect(r.points.toFixed(dp)).toBe(tie(t, dp).round(dp).toFixed(dp));
  });

  test.prop([fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom(1, -1), fc.constantFrom(0, 1, 2)], {
    seed: 4005,
    numRuns: 300,
  })('high (ratioMinusOne, additive, × c): numerator rounded to 40 digits, quotient near a tie, R to 50 dp', (costFen, rw, t, dp, k, side, variant) => {
    // R = cost / (1 + target / RW): ρ − 1 ≈ target / RW; the numerator cost − R is itself rounded to 40 digits, so
    // the quotient is near (not within 10^-41 of) the tie: equality with the decimal path is what is checked
    const outlier: OutlierOptions = variant === 0 ? OUTLIER_VARIANTS.national_1_0 : variant === 1 ? OUTLIER_VARIANTS.jining : OUTLIER_VARIANTS.hubei_base;
    const cost = q(costFen).div(q(100));
    const target = near(tie(t, dp), k, side).add(q(2 * rw)); // ρ ≥ 3: high on every variant (extreme above 5)
    const R = cost.div(q(1).add(target.div(q(rw)))).round(50).toFixed(50);
    const ctx = prepareCaseContext({ rw: String(rw), kind: 'core', coef: '0.85', referenceCost: R }, tiePolicy(outlier, dp, 'halfUp'));
    const r = expectSame(ctx, cost.toFixed(2));
    expect(['high', 'extreme']).toContain(r.outlierClass);
  });

  test.prop([fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom(...MODES)], { seed: 4006, numRuns: 300 })(
    'exact points ties of the high formula: RW × (ρ − 1) = (m + ½) / 10^dp exactly, every mode',
    (j, m, dp, mode) => {
      // RW = 1, R = 2·10^dp·j / 10^4, cost = R × (3 + (m + ½)/10^dp) → RW × (cost − R) / R = 2 + (m + ½)/10^dp
      const R = q(2 * 10 ** dp * j).div(q(10_000));
      const cost = R.mul(q(3).add(tie(m % 10 ** dp, dp))); // ρ in [3, 4): high, not extreme (5)
      const ctx = prepareCaseContext({ rw: '1', kind: 'core', referenceCost: R.toFixed(4) }, tiePolicy(OUTLIER_VARIANTS.national_1_0, dp, mode));
      const r = expectSame(ctx, cost.toFixed(4));
      expect(r.outlierClass).toBe('high');
      expect(r.constructor).not.toBe(Object);
      expect(r.pointsUnrounded.toFixed()).toBe(q(2).add(tie(m % 10 ** dp, dp)).toFixed(dp + 1)); // an exact tie
    },
  );
});

describe('low paid at cost by the limb division (cost / PV at dp places in safe integers) = scoreCaseDecimal', () => {
  const MAX_LIMB_DEN = 10n ** 21n;
  /** `m × 10^−s` as plain text. */
  const plain = (m: bigint, s: number): string => {
    if (s === 0) return m.toString();
    const d = m.toString().padStart(s + 1, '0');
    return `${d.slice(0, -s)}.${d.slice(-s)}`;
  };
  /** Every cost below 10^11 is a low outlier (R = 10^13, low bound 0.5 R), paid at cost / PV. */
  const lowContext = (pv: string, dp: number, mode: RoundingMode): CaseContext =>
    prepareCaseContext({ rw: '1', kind: 'core', pointValue: pv, referenceCost: '10000000000000' }, tiePolicy(DEFAULT_OUTLIER_OPTIONS, dp, mode));
  const mantissaArb = fc.oneof(
    fc.bigInt({ min: MAX_LIMB_DEN - 3000n, max: MAX_LIMB_DEN + 3000n }),
    fc.integer({ min: 1, max: 23 }).chain((d) => fc.bigInt({ min: 10n ** BigInt(d - 1), max: 10n ** BigInt(d) - 1n })),
  );
  const costArb = (M: bigint): fc.Arbitrary<bigint> =>
    fc
      .oneof(
        fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }),
        fc.bigInt({ min: 0n, max: 10n ** 7n }),
        fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: -3000, max: 3000 })).map(([k, e]) => BigInt(k) * M + BigInt(e)),
      )
      .map((c) => (c < 0n ? -c : c) % 10n ** 15n);

  test.prop([mantissaArb.chain((M) => fc.tuple(fc.constant(M), costArb(M))), fc.integer({ min: 0, max: 26 }), fc.integer({ min: 0, max: 8 }), fc.constantFrom(...MODES)], { seed: 4101, numRuns: 1500 })(
    'PV = M / 10^S (1–23 digits, either side of den = 10^21, 10^shift either side of 10^22), every mode and scale',
    ([M0, cost4], S, dp, mode) => {
      const M = M0 % 10n === 0n ? M0 + 1n : M0;
      const ctx = lowContext(plain(M, S), dp, mode);
      const r = expectSame(ctx, plain(cost4, 4));
      expect([r.outlierClass, r.formula]).toEqual(['low', 'lowPaidAtCost']);
      expect(r.constructor).not.toBe(Object);
      // the branch: den = M × 10^max(0, 4 − S − dp), shift = max(0, dp + S − 4)
      const e = dp + S - 4;
      const den = e >= 0 ? M : M * 10n ** BigInt(-e);
      expect(ctx.scaled!.outlier!.pvLimbs !== undefined).toBe(den < MAX_LIMB_DEN && Math.max(e, 0) <= 22);
    },
  );

  test.prop([fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 20 }), fc.bigInt({ min: 1n, max: 10n ** 22n }), fc.integer({ min: 0, max: 49 }), fc.constantFrom(...MODES)], { seed: 4102, numRuns: 1200 })(
    'exact points ties: PV = 2^(e+1)·h / 10^S, cost4 = o·h, points·10^dp = o·5^e / 2 (left to divRoundFixed), and their neighbours',
    (dp, S0, h0, o0, mode) => {
      const S = Math.max(S0, 4 - dp);
      const e = S + dp - 4;
      const two = 2n ** BigInt(e + 1);
      const o = BigInt(2 * o0 + 1);
      let hi = (MAX_LIMB_DEN - 1n) / two;
      if ((10n ** 15n - 2n) / o < hi) hi = (10n ** 15n - 2n) / o;
      fc.pre(hi > 10n);
      let h = 1n + (h0 % (hi - 4n));
      h |= 1n;
      if (h % 5n === 0n) h += 2n;
      const ctx = lowContext(plain(two * h, S), dp, mode);
      const r = expectSame(ctx, plain(o * h, 4));
      if (mode === 'halfUp') expect(r.points.toFixed(dp)).toBe(plain((o * 5n ** BigInt(e) + 1n) / 2n, dp));
      expectSame(ctx, plain(o * h + 1n, 4));
      expectSame(ctx, plain(o * h - 1n, 4));
      expect(ctx.scaled!.outlier!.pvLimbs !== undefined).toBe(e <= 22);
    },
  );

  it('the examples/small budget PV 5.718153 takes the limb division', () => {
    const ctx = prepareCaseContext({ rw: '1332.080169', kind: 'core', coef: '0.85', pointValue: '5.718153' }, { outlier: DEFAULT_OUTLIER_OPTIONS, rounding: DEFAULT_ROUNDING_OPTIONS });
    for (const cost of ['0', '0.01', '1000', '2859.0765', '3000.5']) expect(expectSame(ctx, cost).outlierClass).toBe('low');
    expect(ctx.scaled!.outlier!.pvLimbs).toBeDefined();
  });
});

it('scaledPointsText was exercised (an integer-path outlier brought its own text)', () => {
  expect(scaledTextHits).toBeGreaterThan(0);
});
