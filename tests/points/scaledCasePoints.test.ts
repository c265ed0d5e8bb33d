/**
 * The scaled-integer fast path of `scoreCase` (src/points/scaledCasePoints.ts) returns exactly what the decimal path
 * (`scoreCaseDecimal`) returns — every field, the audit trace, and `rhoToFixed` = `rho.toFixed(dp)` of the 40-digit
 * quotient — on random contexts of every preset and outlier variant, with costs on and one fen / one 1/10^4 yuan either
 * side of every bound (DIP-RULES.md §0.2, §6.3, §8.7). Fixed seeds.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec } from '../../src/decimal/index.js';
import type { Dec } from '../../src/decimal/index.js';
import { DEFAULT_OUTLIER_OPTIONS, DEFAULT_ROUNDING_OPTIONS, DEFAULT_UNGROUPED_OPTIONS, PACKET_KINDS } from '../../src/policy/schema.js';
import type { OutlierOptions } from '../../src/policy/schema.js';
import { OUTLIER_VARIANTS } from '../../src/policy/outlierVariants.js';
import { explainCasePoints } from '../../src/points/explainCasePoints.js';
import { pointsToFixed, prepareCaseContext, rhoToFixed, scaledPointsText, scoreCase, scoreCaseDecimal } from '../../src/points/casePoints.js';

/** Results for which scaledPointsText gave a text (checked > 0 at the end of the file's runs). */
let scaledTextHits = 0;
import type { CaseContext, CaseContextInput, CasePointsPolicy, CasePointsResult } from '../../src/points/casePoints.js';
import { getPreset, resolvePolicy } from '../../src/policy/index.js';
import { decimalString, policiesUnderTest } from '../properties/fixtures.js';
import { q } from '../reference/rational.js';

/** Every field of a result as text (getters read), so a fast result compares equal to a plain decimal one. */
const FIELDS = ['outlierClass', 'formula', 'rw', 'coef', 'auxCoef', 'cost', 'referenceBasis', 'reference', 'rho', 'highThreshold', 'kappa', 'factor', 'pointsUnrounded', 'points', 'rounding', 'needsReview', 'paidAtCostAmount', 'issues'] as const;
const snapshot = (r: CasePointsResult): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const k of FIELDS) {
    const v = (r as unknown as Record<string, unknown>)[k];
    if (v === undefined) continue;
    // a Dec: its exact digits and its precision (toString keeps trailing digits as decimal.js holds them)
    out[k] = typeof v === 'object' && v !== null && 'toFixed' in v ? `Dec(${(v as Dec).toString()})` : v;
  }
  return out;
};

/** Fast vs decimal on one (context, cost): same fields, same own keys of the decimal result, same trace, same ρ text. */
function expectSame(ctx: CaseContext, cost: string): CasePointsResult {
  const dp = [0, 2, 4, 6, 6, 8];
  // ρ text first, on fresh results: the integer path runs only before ρ is read
  const fresh = scoreCase(ctx, cost);
  const ref = scoreCaseDecimal(ctx, cost);
  for (const d of dp) expect(rhoToFixed(fresh, d), `rhoToFixed(${d}) of ${cost}`).toBe(ref.rho?.toFixed(d));
  const freshPoints = scoreCase(ctx, cost);
  for (const d of [ctx.policy.rounding.casePoints.scale, 0, 4, 9]) expect(pointsToFixed(freshPoints, d), `pointsToFixed(${d}) of ${cost}`).toBe(ref.points.toFixed(d));
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
  expect(snapshot(fast)).toEqual(snapshot(ref));
  expect(FIELDS.filter((k) => (fast as unknown as Record<string, unknown>)[k] !== undefined).sort()).toEqual(Object.keys(ref).sort());
  expect(explainCasePoints(fast)).toEqual(explainCasePoints(ref));
  // normal points are the context's shared constant on both paths
  if (ref.outlierClass === 'normal' || ref.outlierClass === 'notTested') expect(fast.points).toBe(ref.points);
  return fast;
}

const rounding = DEFAULT_ROUNDING_OPTIONS;
/** The presets (resolved at their dates), the five §6.3 variants, and variants exercising every switch of the classifier. */
const POLICIES: { name: string; policy: CasePointsPolicy }[] = [
  ...policiesUnderTest().map(({ name, policy }) => ({ name, policy: policy as CasePointsPolicy })),
  ...Object.entries(OUTLIER_VARIANTS).map(([name, outlier]) => ({ name, policy: { outlier, rounding } })),
  ...(
    [
      ['band 3.0 (highUpper 3)', { ...DEFAULT_OUTLIER_OPTIONS, highUpper: '3' }],
      ['steps', { ...DEFAULT_OUTLIER_OPTIONS, highThresholdSteps: [{ fromReference: '10000', threshold: '2.5' }, { fromReference: '50000', threshold: '3' }] }],
      ['extreme review incl.', { ...OUTLIER_VARIANTS.national_1_0, extremeInclusive: true, lowInclusive: true, highInclusive: true }],
      ['jining extreme 2.5 below high', { ...OUTLIER_VARIANTS.jining, extremeThreshold: '2.5', highThreshold: '3' }],
      ['thresholds 0.333 / 1.7777777', { ...DEFAULT_OUTLIER_OPTIONS, lowThreshold: '0.333', highThreshold: '1.7777777', lowInclusive: true, highInclusive: false }],
      ['primary care not tested', { ...DEFAULT_OUTLIER_OPTIONS, applyToKinds: ['core', 'tcm'] }],
    ] as [string, OutlierOptions][]
  ).map(([name, outlier]) => ({ name, policy: { outlier, rounding, ungrouped: { ...DEFAULT_UNGROUPED_OPTIONS, coefficientsApplyToFallback: true } } })),
  { name: 'fallback tested, 2 dp half-even points', policy: { outlier: DEFAULT_OUTLIER_OPTIONS, rounding: { casePoints: { scale: 2, mode: 'halfEven' } }, ungrouped: { ...DEFAULT_UNGROUPED_OPTIONS, outlierRulesApplyToFallback: true } } },
];

/** A context input: RW, kind, c, a, PV, and R given explicitly or by each basis (sometimes missing: noReference). */
const contextInputArb = fc.record({
  rw: fc.oneof(decimalString(0.01, 30000, 6), fc.constantFrom('1000', '1500', '1496.8', '331.608717', '0')),
  kind: fc.constantFrom(...PACKET_KINDS),
  isPrimaryCare: fc.boolean(),
  coef: fc.oneof(decimalString(0.3, 1.6, 3), fc.constantFrom('1', '0.9', '0.85', '0.7')),
  auxCoef: fc.constantFrom('1', '1.05', '1.3', '1.2345'),
  // budget PVs are 40-digit quotients: R = RW × PV × c × a then has a long mantissa
  pointValue: fc.option(fc.oneof(decimalString(1, 20, 6), fc.constantFrom('10', '15', '5.718153', dec(1e9).div(123_456_789).toString())), { nil: undefined }),
  referenceCoef: fc.option(fc.constantFrom('1', '0.85', '0.7'), { nil: undefined }),
  sameLevelAverageCost: fc.option(decimalString(100, 500000, 2), { nil: undefined }),
  simulatedAverageCost: fc.option(fc.oneof(decimalString(100, 500000, 4), fc.constant(dec(2e8).div(7).toString())), { nil: undefined }),
  referenceCost: fc.option(fc.oneof(decimalString(50, 500000, 2), decimalString(0.01, 20, 4), fc.constant('0')), { nil: undefined, freq: 3 }),
}).map((x) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as unknown as CaseContextInput);

/** Costs around a bound B: on it (when ≤ 4 dp), ±0.0001 and ±0.01 around it, and its fen / 1/10^4 truncations. */
function costsAround(B: Dec | undefined): string[] {
  if (B === undefined || B.lt(0.02) || B.gte(1e11)) return [];
  const out: string[] = [];
  for (const dp of [2, 4]) {
    const unit = dec(1).div(10 ** dp);
    const t = B.toDecimalPlaces(dp, 1); // ROUND_DOWN
    for (const x of [t.minus(unit), t, t.plus(unit), t.plus(unit.times(2))]) if (x.gte(0)) out.push(x.toFixed(dp));
  }
  if (B.decimalPlaces() <= 4) out.push(B.toFixed(), B.toFixed(4));
  return out;
}

/** R with 14 dp (mantissa up to 10^19: the BigInt branch of the ρ text). */
const R14 = fc.tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 99_999_999_999_999 })).map(([i, f]) => `${i}.${String(f).padStart(14, '0')}`);

const ODD = ['0', '0.00', '0.0001', '1e3', '12.34567', '0012.50', '-5.00', '99999999999.9999', '100000000000', '5.'];

describe('scoreCase fast path = decimal path (scaled integers, DIP-RULES.md §6.3, §8.7)', () => {
  test.prop([fc.constantFrom(...POLICIES.map((_, i) => i)), contextInputArb, fc.array(decimalString(0, 2_000_000, 4), { minLength: 1, maxLength: 4 }), fc.array(decimalString(0, 2_000_000, 2), { maxLength: 3 })], {
    seed: 20261123,
    numRuns: 1200,
  })('random contexts of every preset and variant; random costs and every bound ± 1 fen / ± 0.0001', (pi, input, costs4, costs2) => {
    const policy = POLICIES[pi]!.policy;
    const ctx = prepareCaseContext(input, policy);
    const all = [...costs4, ...costs2, ...ODD];
    for (const B of [ctx.lowBound, ctx.highBound, ctx.highUpperBound, ctx.extremeBound]) all.push(...costsAround(B));
    if (ctx.reference !== undefined) all.push(...costsAround(ctx.reference));
    for (const c of all) expectSame(ctx, c);
  });

  test.prop([decimalString(0.0001, 99_999_999, 4), fc.oneof(decimalString(0.0001, 9_999_999, 4), decimalString(0.01, 90_000, 10), R14), fc.integer({ min: 0, max: 12 })], { seed: 1123, numRuns: 1500 })(
    'rhoToFixed = rho.toFixed(dp) over ρ from 10^-11 to 10^12, R mantissas either side of the safe-integer long division (all cases normal)',
    (cost, R, dp) => {
      const outlier = { ...DEFAULT_OUTLIER_OPTIONS, lowThreshold: '0', highThreshold: '10000000000000' };
      const ctx = prepareCaseContext({ rw: '1', kind: 'core', referenceCost: R }, { outlier, rounding });
      const r = scoreCase(ctx, cost);
      expect(r.outlierClass).toBe('normal');
      expect(rhoToFixed(r, dp)).toBe(scoreCaseDecimal(ctx, cost).rho?.toFixed(dp));
    },
  );

  test.prop([fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 4 })], { seed: 5050, numRuns: 500 })(
    'exact ties of ρ at dp places round half-up: R = 2·10^dp·j / 10^4, cost = (2m + 1)·j / 10^4, ρ = (m + ½) / 10^dp',
    (j, m, dp) => {
      const R4 = 2 * 10 ** dp * j;
      const cost4 = (2 * m + 1) * j;
      const text = (n: number): string => dec(n).div(10_000).toFixed(4);
      const outlier = { ...DEFAULT_OUTLIER_OPTIONS, lowThreshold: '0', highThreshold: '10000000000000' };
      const ctx = prepareCaseContext({ rw: '1', kind: 'core', referenceCost: text(R4) }, { outlier, rounding });
      const expected = scoreCaseDecimal(ctx, text(cost4)).rho!.toFixed(dp);
      expect(expected).toBe(dec(m + 1).div(10 ** dp).toFixed(dp));
      expect(rhoToFixed(scoreCase(ctx, text(cost4)), dp)).toBe(expected);
    },
  );

  test.prop([fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom(1, -1)], { seed: 4040, numRuns: 500 })(
    'double rounding: ρ within 10^-41 of a 6-dp tie, below or above, prints as the 40-digit quotient does',
    (costFen, t, k, side) => {
      // target ρ* = tie × (1 ∓ k·10^-41), tie = (t + ½) / 10^6; R = cost / ρ* to 50 dp, so cost / R lies within a
      // relative ~10^-45 of ρ*. Half a 40-digit unit is ≥ 5·10^-41 of ρ: for k ≤ 4 the 40-digit quotient is the tie.
      const cost = q(costFen).div(q(100));
      const tie = q(2 * t + 1).div(q(2_000_000));
      const offset = tie.mul(q(k)).div(q('1' + '0'.repeat(41)));
      const target = side < 0 ? tie.sub(offset) : tie.add(offset);
      const R = cost.div(target).round(50).toFixed(50);
      const outlier = { ...DEFAULT_OUTLIER_OPTIONS, lowThreshold: '0', highThreshold: '10000000000000' };
      const ctx = prepareCaseContext({ rw: '1', kind: 'core', referenceCost: R }, { outlier, rounding });
      const costText = cost.toFixed(2);
      const r = scoreCase(ctx, costText);
      const expected = scoreCaseDecimal(ctx, costText).rho!.toFixed(6);
      expect(rhoToFixed(r, 6)).toBe(expected);
      // single rounding of the exact quotient would print the tie's lower neighbour below it; decimal.js rounds up
      if (side < 0 && k <= 4) expect(expected).toBe(tie.round(6).toFixed(6));
    },
  );
});

/** `m × 10^−s` as plain decimal text (s ≥ 0). */
const plainText = (m: bigint, s: number): string => {
  if (s === 0) return m.toString();
  const d = m.toString().padStart(s + 1, '0');
  return `${d.slice(0, -s)}.${d.slice(-s)}`;
};
/** `cost4 / 10^4` as text. */
const costText4 = (cost4: bigint): string => plainText(cost4, 4);
/** A context whose every case is normal, with reference cost `R` (text). */
const normalOnly = (R: string): CaseContext =>
  prepareCaseContext({ rw: '1', kind: 'core', referenceCost: R }, { outlier: { ...DEFAULT_OUTLIER_OPTIONS, lowThreshold: '0', highThreshold: '10000000000000' }, rounding });
/** Bounds of the ρ text's limb division (src/points/scaledCasePoints.ts `limbDivRoundHalfUp`). */
const MAX_LIMB_DEN = 10n ** 21n;
const MAX_LIMB_SHIFT = 22;
const MAX_LIMB_Q = 2n ** 52n;
/** `den` and `shift` of the ρ text of R = M / 10^S (M without trailing zero) at dp places. */
const rhoDenShift = (M: bigint, S: number, dp: number): [bigint, number] => (S + dp >= 4 ? [M, S + dp - 4] : [M * 10n ** BigInt(4 - S - dp), 0]);

describe('rhoToFixed: limb division in safe integers (den < 10^21, 10^shift ≤ 10^22, quotient ≤ 2^52)', () => {
  /** A mantissa: either side of the den limit (and of the older single-limb limit), or log-uniform over 1–23 digits. */
  const mantissaArb = fc.oneof(
    fc.bigInt({ min: MAX_LIMB_DEN - 3000n, max: MAX_LIMB_DEN + 3000n }),
    fc.bigInt({ min: 900_719_925_474_099n - 3000n, max: 900_719_925_474_099n + 3000n }),
    fc.integer({ min: 1, max: 23 }).chain((d) => fc.bigInt({ min: 10n ** BigInt(d - 1), max: 10n ** BigInt(d) - 1n })),
  );
  /** A cost: random, small, or within ± 3000 / 10^4 yuan of a multiple of the mantissa. */
  const costArb = (M: bigint): fc.Arbitrary<bigint> =>
    fc
      .oneof(
        fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: -3000, max: 3000 })).map(([k, e]) => BigInt(k) * M + BigInt(e)),
      )
      .map((c) => (c < 0n ? -c : c) % 10n ** 15n);

  test.prop([mantissaArb.chain((M) => fc.tuple(fc.constant(M), costArb(M))), fc.integer({ min: 0, max: 27 }), fc.integer({ min: 0, max: 12 })], { seed: 20261124, numRuns: 4000 })(
    'R = M / 10^S, cost4 < 10^15, dp 0–12: rhoToFixed = rho.toFixed(dp) (decimal path), on and either side of each bound',
    ([M0, cost4], S, dp) => {
      const M = M0 % 10n === 0n ? M0 + 1n : M0; // R's mantissa as the context holds it (no trailing zero)
      const ctx = normalOnly(plainText(M, S));
      const cost = costText4(cost4);
      const r = scoreCase(ctx, cost);
      expect(rhoToFixed(r, dp)).toBe(scoreCaseDecimal(ctx, cost).rho?.toFixed(dp));
      // the fast path's ρ text (a tiny R makes some costs high: still the fast path), limbs within the bounds
      expect(r.constructor).not.toBe(Object);
      const [den, shift] = rhoDenShift(M, S, dp);
      expect(ctx.scaled!.rhoLimbs !== undefined).toBe(den < MAX_LIMB_DEN && shift <= MAX_LIMB_SHIFT);
    },
  );

  test.prop([fc.integer({ min: 2, max: 10 }), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: 0, max: 6 }), fc.constantFrom(1n, 2n)], { seed: 5252, numRuns: 2000 })(
    'quotients either side of 2^52 (the estimate limit: above it the older paths print ρ) and of 2^53',
    (shift, den0, e, dp, times) => {
      // R = den / 10^S with S + dp − 4 = shift; cost4 ≈ Q · den / 10^shift (Q = 2^52 or 2^53; cost4 < 10^15, so
      // den ≤ 10^(15+shift) / Q)
      const Q = MAX_LIMB_Q * times;
      const maxDen = 10n ** BigInt(15 + shift) / Q;
      let den = 1n + (den0 % maxDen);
      if (den % 10n === 0n) den -= 1n;
      fc.pre(den > 0n);
      const S = shift + 4 - dp;
      fc.pre(S >= 0);
      const target = (Q * den) / 10n ** BigInt(shift) + BigInt(e);
      fc.pre(target >= 0n && target < 10n ** 15n);
      const ctx = normalOnly(plainText(den, S));
      const cost = costText4(target);
      expect(rhoToFixed(scoreCase(ctx, cost), dp)).toBe(scoreCaseDecimal(ctx, cost).rho?.toFixed(dp));
      expect(ctx.scaled!.rhoLimbs).toBeDefined();
    },
  );

  test.prop([fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 26 }), fc.bigInt({ min: 1n, max: 10n ** 22n }), fc.integer({ min: 0, max: 49 })], { seed: 7070, numRuns: 2000 })(
    'exact ties: M = 2^(shift+1)·h, cost4 = o·h, ρ·10^dp = o·5^shift / 2 rounds up',
    (dp, S0, h0, o0) => {
      const S = Math.max(S0, 4 - dp);
      const shift = S + dp - 4;
      const two = 2n ** BigInt(shift + 1);
      const o = BigInt(2 * o0 + 1);
      // h: odd, not a multiple of 5 (M has no trailing zero), M = 2^(shift+1)·h < 10^21, cost4 = o·h < 10^15
      let hi = (MAX_LIMB_DEN - 1n) / two;
      if ((10n ** 15n - 1n) / o < hi) hi = (10n ** 15n - 1n) / o;
      fc.pre(hi > 10n);
      let h = 1n + (h0 % (hi - 4n));
      h |= 1n;
      if (h % 5n === 0n) h += 2n;
      const M = two * h;
      const ctx = normalOnly(plainText(M, S));
      const cost = costText4(o * h);
      const expected = scoreCaseDecimal(ctx, cost).rho!.toFixed(dp);
      expect(expected).toBe(plainText((o * 5n ** BigInt(shift) + 1n) / 2n, dp)); // the tie, rounded up
      expect(rhoToFixed(scoreCase(ctx, cost), dp)).toBe(expected);
      expect(ctx.scaled!.rhoLimbs !== undefined).toBe(shift <= MAX_LIMB_SHIFT);
    },
  );

  it('Pingdingshan-style R = RW × PV × c (an 18-digit mantissa) takes the limb division', () => {
    const ctx = prepareCaseContext({ rw: '1332.080169', kind: 'core', coef: '0.85', auxCoef: '1', pointValue: '5.718153' }, { outlier: DEFAULT_OUTLIER_OPTIONS, rounding });
    for (const cost of ['0', '0.01', '7617.04', '6474.23', '12000.5', '99999999.99']) {
      const r = scoreCase(ctx, cost);
      expect(rhoToFixed(r, 6)).toBe(scoreCaseDecimal(ctx, cost).rho?.toFixed(6));
    }
    expect(ctx.scaled!.rhoLimbs).toBeDefined();
  });
});

describe('Pingdingshan preset: hand-worked boundaries (national 3.0 reading: low cost < 0.5 R strict, high cost ≥ 2 R)', () => {
  const r = resolvePolicy(getPreset('pingdingshan-2025'), '2025-06-30');
  if (!r.ok) throw new Error('pingdingshan-2025 does not resolve');
  const policy = r.value;
  // RW 1496.8 × PV 15 × c 0.85 × a 1 = R 19,084.20: low bound 9,542.10, high bound 38,168.40
  const ctx = prepareCaseContext({ rw: '1496.8', kind: 'core', coef: '0.85', auxCoef: '1', pointValue: '15' }, policy);

  it('R and bounds as integers of 1/10^4 yuan', () => {
    expect([ctx.reference?.toFixed(), ctx.lowBound?.toFixed(), ctx.highBound?.toFixed(), ctx.normal.toFixed(4)]).toEqual(['19084.2', '9542.1', '38168.4', '1272.2800']);
    expect([ctx.scaled?.lowMax, ctx.scaled?.aboveMin]).toEqual([95420999, 381684000]);
  });

  it.each([
    ['9542.09', 'low', '0.499999'],
    ['9542.0999', 'low', '0.500000'], // 0.4999999947…: low by the exact comparison, ρ prints as 0.500000
    ['9542.10', 'normal', '0.500000'],
    ['9542.11', 'normal', '0.500001'],
    ['19084.20', 'normal', '1.000000'],
    ['38168.39', 'normal', '1.999999'], // 1.9999994760…
    ['38168.3999', 'normal', '2.000000'],
    ['38168.40', 'high', '2.000000'],
    ['38168.41', 'high', '2.000001'],
  ])('cost %s → %s, ρ %s', (cost, cls, rho) => {
    const f = expectSame(ctx, cost);
    expect(f.outlierClass).toBe(cls);
    expect(rhoToFixed(scoreCase(ctx, cost), 6)).toBe(rho);
    if (cls === 'normal') expect(f.points.toFixed(4)).toBe('1272.2800');
  });

  it('exactly 0.5 R is normal and 2 R is high: both take the integer path (outliers since the exact outlier path)', () => {
    expect(scoreCase(ctx, '9542.1').constructor).not.toBe(Object);
    const high = scoreCase(ctx, '38168.4');
    expect(high.constructor).not.toBe(Object);
    // RW × (ρ − 1) × c × a = 1496.8 × 1 × 0.85 = 1272.28 at ρ = 2
    expect([high.outlierClass, high.points.toFixed(4), high.factor?.toFixed()]).toEqual(['high', '1272.2800', '1']);
  });

  it('a Dec cost or an odd form takes the decimal path with the same result', () => {
    expect(scoreCase(ctx, dec('20000')).constructor).toBe(Object);
    expect(scoreCase(ctx, '2e4').constructor).toBe(Object);
    expect(explainCasePoints(scoreCase(ctx, '2e4'))).toEqual(explainCasePoints(scoreCase(ctx, '20000.00')));
  });

  it('ρ text of a 40-digit quotient: 20000 / 19084.2 = 1.04798…', () => {
    expect(rhoToFixed(scoreCase(ctx, '20000.00'), 6)).toBe('1.047987');
    expect(scoreCase(ctx, '20000.00').rho?.toFixed(6)).toBe('1.047987');
  });
});

it('scaledPointsText was exercised (an integer-path outlier brought its own text)', () => {
  expect(scaledTextHits).toBeGreaterThan(0);
});
