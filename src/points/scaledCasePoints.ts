/**
 * Scaled-integer fast path of {@link scoreCase} (DIP-RULES.md §6.3 classification, §8.7 exactness): a case whose
 * cost is a plain decimal string with at most 4 decimal places (the records reader's canonical money text) is
 * classified with safe integers instead of decimal.js, and a normal (or not tested) case returns the per-context
 * normal points without any decimal.js arithmetic; a low, high or extreme case gets its points from an exact replay of
 * the decimal path's `Dec` chain on BigInt mantissas (src/points/decimal40.ts: decimal.js's 40-digit half-up rounding
 * at every step, then `rounding.casePoints`; a low case paid at cost, `cost / PV`, by a limb division in safe integers
 * when PV's mantissa is short, see `paidAtCostText`). `cost` and `ρ` of such a result are computed on first read
 * (prototype getters) with exactly the decimal.js operations of the decimal path, and {@link rhoToFixed} prints
 * `ρ` at a fixed scale from integers, equal to `rho.toFixed(dp)` of the 40-digit quotient (double rounding
 * included).
 *
 * Scales and why each step is exact:
 * - cost: `cost4` = cost × 10^4, an integer from `scaledAmount` (≤ 11 integer digits, so 0 ≤ cost4 < 10^15 < 2^53).
 * - a bound `B = t × R` (an exact decimal, computed once per context): `F = ⌊B × 10^4⌋` and whether `B × 10^4` is an
 *   integer. For an integer `cost4`: `cost > B ⟺ cost4 > F`; `cost ≥ B ⟺ cost4 ≥ F` when exact, else `cost4 > F`;
 *   `cost < B ⟺ cost4 < F` when exact, else `cost4 ≤ F`; `cost ≤ B ⟺ cost4 ≤ F`. So each test is one comparison
 *   of `cost4` with a precomputed integer (`aboveMin`, `lowMax`). `F` is clamped to [−2, 10^15 + 1], which keeps
 *   every answer (no `cost4` lies outside [0, 10^15)) and keeps the integers below 2^53.
 * - `ρ` at `dp` places: with `R = Rn / 10^Rs` (BigInt mantissa), `ρ × 10^dp = N / D` with `N = cost4 × 10^(Rs+dp−4)`
 *   and `D = Rn` (or `N = cost4`, `D = Rn × 10^(4−Rs−dp)`), exact in BigInt; `F = ⌊N / D⌋`, `r = N − F·D`.
 *   decimal.js first rounds ρ half-up to 40 significant digits, then `toFixed(dp)` rounds half-up again: the
 *   result is `F + 1` when `2r ≥ D`, or when the 40-digit rounding reaches the tie `F + ½`, i.e.
 *   `(D − 2r) × 10^(40 − L) ≤ D` with `L` the number of digits of `F` (the 40-digit unit of `ρ × 10^dp` is
 *   `10^(L − 40)`); else `F`. `F = 0 < r` (ρ < 10^−dp) and `L ≥ 40` (even when `2r ≥ D`) fall back to `rho.toFixed(dp)`. When
 *   `D ≤ (2^53 − 1) / 10` (R with a short mantissa, e.g. a policy PV) the same `F`, `r` come from a long division
 *   in safe integers (no BigInt), where the double-rounding window cannot be reached (see `longDivRoundHalfUp`).
 *   First choice, when `D < 10^21` and the power of ten is ≤ 10^22 (every policy PV, also `R = RW × PV × c` of a
 *   6-dp budget PV, an 18-digit mantissa): `limbDivRoundHalfUp`, a quotient estimated in a double and the remainder
 *   computed exactly in limbs of 2^24 (safe integers), no loop over digits.
 *
 * Proven equal to the decimal path by the fast-check properties in `tests/points/scaledCasePoints.test.ts` and
 * `tests/points/outlierIntegerPath.test.ts`.
 *
 * @module
 */
import { dec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import type { Issue } from '../core/issue.js';
import { scaledAmount } from '../records/scaledMoney.js';
import type { OutlierOptions } from '../policy/schema.js';
import type { CaseFormula, CasePointsResult, OutlierClass } from './casePoints.js';
import { add40, divRoundFixed, fixedText, fromPlain, mul40, pow10n, roundsUpInexact, sub40 } from './decimal40.js';
import type { D40 } from './decimal40.js';
import type { ReferenceBasis } from './referenceCost.js';

/** Scale of the integer cost: 1/10^4 yuan (the 4 dp of `rounding.inputMoneyMaxScale`, DIP-RULES.md §8.7). */
const COST_SCALE = 4;
/** Clamp for `⌊B × 10^4⌋`: every `cost4` lies in [0, 10^15). */
const F_MAX = 1e15 + 1;
const F_MIN = -2;
/** "No such bound": above every `cost4` (and every clamped bound). */
const NONE = F_MAX + 1;
/** Significant digits of decimal.js quotients (src/decimal `Dec`, precision 40). */
const QUOTIENT_DIGITS = 40;
/** `10^39`: a quotient at or above it has 40 or more digits. */
const P39 = pow10n(QUOTIENT_DIGITS - 1);

/** The parts of a {@link CaseContext} the fast path reads (structural, to avoid an import cycle). */
export interface ScaledContextSource {
  readonly rw: Dec;
  readonly coef: Dec;
  readonly auxCoef: Dec;
  readonly normalUnrounded: Dec;
  readonly normal: Dec;
  readonly referenceBasis: ReferenceBasis | undefined;
  readonly reference: Dec | undefined;
  readonly highThreshold: Dec | undefined;
  readonly pointValue: Dec | undefined;
  readonly policy: { readonly outlier: OutlierOptions; readonly rounding: { readonly casePoints: RoundingRule } };
}

/**
 * Integer form of a context's bounds (internal: built by `prepareCaseContext`). A case with
 * `lowMax < cost4 < aboveMin` is normal; anything else goes to the decimal path.
 */
export interface ScaledCaseContext {
  /** `notTested`: every plain cost gets the normal points; `tested`: compare with the bounds. */
  readonly tested: boolean;
  /** Smallest `cost4` that is high, extreme or above the band (`min` over `highBound`, `extremeBound`). */
  readonly aboveMin: number;
  /** Largest `cost4` that is a low outlier (−2 when there is no low bound). */
  readonly lowMax: number;
  /** Smallest `cost4` that is high (`highBound`), extreme (`extremeBound`), above `highUpperBound` (else `F_MAX + 1`). */
  readonly highMin: number;
  readonly extremeMin: number;
  readonly upperMin: number;
  /** Integer constants of the outlier formulas, built on the first outlier (null: not supported, decimal path). */
  outlier: OutlierConsts | null | undefined;
  /** `R`, its basis and the high threshold (tested only; placeholders when not tested). */
  readonly R: Dec;
  readonly basis: ReferenceBasis;
  readonly highThreshold: Dec;
  /** `R = rn / 10^rs` (tested only). */
  readonly rn: bigint;
  readonly rs: number;
  readonly src: ScaledContextSource;
  /** `ρ × 10^dp = cost4 × numMul / den`, for the last `dp` asked (filled by {@link rhoToFixed}). */
  rhoDp: number;
  rhoNumMul: bigint;
  rhoDen: bigint;
  /** `ρ × 10^dp = cost4 × 10^rhoShift / rhoDenSafe` when the denominator is small enough for safe integers (else 0). */
  rhoShift: number;
  rhoDenSafe: number;
  /** Constants of the limb division when `rhoDen < 10^21` and `rhoShift ≤ 22` (else undefined). */
  rhoLimbs: RhoLimbs | undefined;
  /** The remainder class of this context's last {@link limbDivFloor} (its second result; see {@link LimbRemainder}). */
  limbRem: number;
}

/** Decimal exponent from which `|B| ≥ 10^12`, so `|B × 10^4| ≥ 10^16` lies beyond both clamps. */
const CLAMP_EXPONENT = 12;
/** Decimal digits per word of decimal.js's digit array `d` (its `LOG_BASE`: words are base 10^7). */
const WORD_DIGITS = 7;

/**
 * The digits of a finite non-zero `Dec` as one integer text `M` and its scale `s` (`|x| = M × 10^−s`), read from
 * decimal.js's own representation instead of formatting the value: `x.d` holds the digits in words of base 10^7
 * (the first without leading zeros, the others 7 digits each), aligned so that word `i` weighs
 * `10^(7 × (⌊e / 7⌋ − i))` with `e = x.e` the exponent of the leading digit. So `M` is the first word's digits then
 * every other word padded to 7 digits, and `s = 7 × (d.length − 1 − ⌊e / 7⌋)` (may be negative; `M` may end in zeros).
 * `d` and `e` are fields of decimal.js's published typings (`readonly d: number[]`, `readonly e: number`), but their
 * layout is decimal.js's (10.6, pinned `~10.6.0` in package.json): a decimal.js upgrade must rerun
 * tests/points/scaledContextS9.test.ts and floorScaledS6.test.ts, which check this reading against `toFixed` and the
 * frozen copies on values around every word boundary.
 */
function wordDigits(x: Dec): { digits: string; s: number } {
  const d = x.d;
  let digits = String(d[0]);
  for (let i = 1; i < d.length; i++) {
    const w = String(d[i]);
    digits += w.length === WORD_DIGITS ? w : '0000000'.slice(w.length) + w;
  }
  return { digits, s: WORD_DIGITS * (d.length - 1 - Math.floor(x.e / WORD_DIGITS)) };
}

/** `10^k` for `k` = 0 … 11 (exact doubles). */
const POW10_NUM: readonly number[] = Array.from({ length: 12 }, (_, k) => 10 ** k);

/**
 * `⌊B × 10^4⌋` (clamped to [−2, 10^15 + 1]) and whether `B × 10^4` is an integer, for a finite `B`, from B's digit
 * words without a decimal.js operation or a string — the one `B.toFixed(4, ROUND_FLOOR)` of the previous version
 * (b604435, frozen in tests/points/reference/scaledCasePointsS9.ts; the oldest oracle, the six decimal.js operations
 * `times(10^4)`, `floor`, `eq`, `gt`, `lt`, `toNumber`, is tests/points/reference/scaledCasePointsV1.ts; equal by
 * tests/points/floorScaledS6.test.ts and tests/points/scaledContextS9.test.ts):
 * - zero: `0`, or `−0` for a negative zero (as `floor(−0 × 10^4).toNumber()`), exact;
 * - `|B| ≥ 10^12` (exponent ≥ 12): `|B × 10^4| ≥ 10^16`, so the clamp `10^15 + 1` (positive) or `−2` (negative);
 *   `exact` by `decimalPlaces() ≤ 4`;
 * - otherwise decimal.js's word `d[i]` (< 10^7) weighs `10^(7 × (⌊e / 7⌋ − i))` (see {@link wordDigits}), so in
 *   `|B| × 10^4` its unit digit weighs `10^p`, `p = 7 × (⌊e / 7⌋ − i) + 4` (≤ 11 as `e < 12`). The integer part `n`
 *   is the sum of `d[i] × 10^p` over the words with `p ≥ 0`, plus `⌊d[i] / 10^−p⌋` of a word the point cuts
 *   (`−7 < p < 0`); `B × 10^4` is an integer exactly when every digit cut off (that word's remainder, every word with
 *   `p ≤ −7`) is zero. Then `⌊B × 10^4⌋` is `n`, or for a negative `B` `−n` when exact and `−(n + 1)` when not.
 *   `n < 10^16`: while the exact sum stays at or below `10^15 + 1` (< 2^53) every term and partial sum is an exact
 *   double; above it the double sum (non-negative terms, rounding monotonic) stays above `10^15 + 1`, and the clamps
 *   are doubles, so the clamped answer is the exact one (a negative `B` below −2 × 10^−4 clamps to −2 whatever the
 *   rounding of `n + 1`).
 */
function floorScaled(B: Dec): { f: number; exact: boolean } {
  if (B.isZero()) return { f: B.isNeg() ? -0 : 0, exact: true };
  if (B.e >= CLAMP_EXPONENT) return { f: B.isNeg() ? F_MIN : F_MAX, exact: B.decimalPlaces() <= COST_SCALE };
  const d = B.d;
  const top = WORD_DIGITS * Math.floor(B.e / WORD_DIGITS) + COST_SCALE;
  let n = 0;
  let exact = true;
  for (let i = 0; i < d.length; i++) {
    const w = d[i]!;
    const p = top - WORD_DIGITS * i;
    if (p >= 0) n += w * POW10_NUM[p]!;
    else if (p > -WORD_DIGITS) {
      const q = POW10_NUM[-p]!;
      const hi = Math.floor(w / q);
      n += hi;
      if (w !== hi * q) exact = false;
    } else if (w !== 0) exact = false;
  }
  const f = B.isNeg() ? -(exact ? n : n + 1) : n;
  return { f: f > F_MAX ? F_MAX : f < F_MIN ? F_MIN : f, exact };
}

/**
 * `R`'s decimal places `rs` and mantissa `rn = R × 10^rs` — `R.decimalPlaces()` and
 * `BigInt(R.toFixed(rs).replace('.', ''))` of the previous version — from R's digit words ({@link wordDigits}):
 * trailing zeros of `M` dropped while `s > 0`, zeros appended when `s < 0`.
 */
function mantissaOf(R: Dec): { rn: bigint; rs: number } {
  if (R.isZero()) return { rn: 0n, rs: 0 };
  let { digits, s } = wordDigits(R);
  if (s < 0) {
    digits += '0'.repeat(-s);
    s = 0;
  } else {
    let end = digits.length;
    while (s > 0 && digits.charCodeAt(end - 1) === 48) {
      end--;
      s--;
    }
    if (end < digits.length) digits = digits.slice(0, end);
  }
  const rn = BigInt(digits);
  return { rn: R.isNeg() ? -rn : rn, rs: s };
}

/** Smallest `cost4` with `cost ≥ B` (inclusive) or `cost > B`. */
function aboveMinOf(B: Dec, inclusive: boolean): number {
  const { f, exact } = floorScaled(B);
  return inclusive && exact ? f : f + 1;
}

/** Largest `cost4` with `cost ≤ B` (inclusive) or `cost < B`. */
function belowMaxOf(B: Dec, inclusive: boolean): number {
  const { f, exact } = floorScaled(B);
  return !inclusive && exact ? f - 1 : f;
}

/** Bounds of a tested context, as read by `scoreCase`'s decimal path. */
export interface BoundsSource {
  readonly lowBound: Dec | undefined;
  readonly highBound: Dec | undefined;
  readonly extremeBound: Dec | undefined;
  readonly lowInclusive: boolean;
  readonly highInclusive: boolean;
  readonly extremeInclusive: boolean;
  /** `highUpper × R` (band reading): above it a high case is `aboveHighBand`. */
  readonly highUpperBound?: Dec | undefined;
}

/**
 * The integer bounds of a context, or undefined when the fast path does not apply (RW = 0, or tested without a
 * usable `R`: those cases take the decimal path).
 *
 * @example
 * ```ts
 * // R = 13500, national 3.0: low cost < 6750 (strict), high cost ≥ 27000 (inclusive)
 * const s = buildScaledContext(src, true, { lowBound: dec('6750'), highBound: dec('27000'), extremeBound: undefined,
 *   lowInclusive: false, highInclusive: true, extremeInclusive: false })!;
 * [s.lowMax, s.aboveMin]   // [67499999, 270000000]
 * ```
 */
export function buildScaledContext(src: ScaledContextSource, tested: boolean, b: BoundsSource): ScaledCaseContext | undefined {
  if (src.rw.isZero()) return undefined;
  if (!tested) return { tested: false, aboveMin: F_MAX, lowMax: F_MIN, highMin: NONE, extremeMin: NONE, upperMin: NONE, outlier: undefined, R: src.rw, basis: 'given', highThreshold: src.rw, rn: 0n, rs: 0, src, rhoDp: -1, rhoNumMul: 0n, rhoDen: 1n, rhoShift: 0, rhoDenSafe: 0, rhoLimbs: undefined, limbRem: -2 };
  const R = src.reference;
  const basis = src.referenceBasis;
  const highThreshold = src.highThreshold;
  if (R === undefined || basis === undefined || highThreshold === undefined || b.highBound === undefined) return undefined;
  const highMin = aboveMinOf(b.highBound, b.highInclusive);
  const extremeMin = b.extremeBound === undefined ? NONE : aboveMinOf(b.extremeBound, b.extremeInclusive);
  const upperMin = b.highUpperBound === undefined ? NONE : aboveMinOf(b.highUpperBound, false);
  const aboveMin = Math.min(highMin, extremeMin);
  const lowMax = b.lowBound === undefined ? F_MIN : belowMaxOf(b.lowBound, b.lowInclusive);
  const { rn, rs } = mantissaOf(R);
  return { tested: true, aboveMin, lowMax, highMin, extremeMin, upperMin, outlier: undefined, R, basis, highThreshold, rn, rs, src, rhoDp: -1, rhoNumMul: 0n, rhoDen: 1n, rhoShift: 0, rhoDenSafe: 0, rhoLimbs: undefined, limbRem: -2 };
}

const NO_ISSUES: readonly Issue[] = Object.freeze([]);

/**
 * A `notTested` result scored on the fast path: the same values as the decimal path's object; `cost` is parsed on
 * first read (`dec(text)`, as the decimal path does eagerly).
 */
class ScaledNotTestedResult implements CasePointsResult {
  readonly outlierClass: OutlierClass = 'notTested';
  readonly formula: CaseFormula = 'normal';
  readonly rw: Dec;
  readonly coef: Dec;
  readonly auxCoef: Dec;
  readonly pointsUnrounded: Dec;
  readonly points: Dec;
  readonly rounding: RoundingRule;
  readonly needsReview: boolean = false;
  readonly issues: readonly Issue[] = NO_ISSUES;
  readonly #costText: string;
  #cost: Dec | undefined;

  constructor(s: ScaledContextSource, costText: string) {
    this.rw = s.rw;
    this.coef = s.coef;
    this.auxCoef = s.auxCoef;
    this.pointsUnrounded = s.normalUnrounded;
    this.points = s.normal;
    this.rounding = s.policy.rounding.casePoints;
    this.#costText = costText;
  }

  get cost(): Dec {
    return (this.#cost ??= dec(this.#costText));
  }
}

/**
 * A `normal` result of a tested case scored on the fast path. `cost` = `dec(text)` and `ρ = cost / R` (40
 * significant digits, half-up) are computed on first read, with the decimal path's own operations.
 */
class ScaledNormalResult implements CasePointsResult {
  readonly outlierClass: OutlierClass = 'normal';
  readonly formula: CaseFormula = 'normal';
  readonly rw: Dec;
  readonly coef: Dec;
  readonly auxCoef: Dec;
  readonly pointsUnrounded: Dec;
  readonly points: Dec;
  readonly rounding: RoundingRule;
  readonly needsReview: boolean = false;
  readonly issues: readonly Issue[] = NO_ISSUES;
  readonly referenceBasis: ReferenceBasis;
  readonly reference: Dec;
  readonly highThreshold: Dec;
  readonly #costText: string;
  readonly #cost4: number;
  readonly #scaled: ScaledCaseContext;
  #cost: Dec | undefined;
  #rho: Dec | undefined;

  constructor(s: ScaledCaseContext, costText: string, cost4: number) {
    const c = s.src;
    this.rw = c.rw;
    this.coef = c.coef;
    this.auxCoef = c.auxCoef;
    this.pointsUnrounded = c.normalUnrounded;
    this.points = c.normal;
    this.rounding = c.policy.rounding.casePoints;
    this.referenceBasis = s.basis;
    this.reference = s.R;
    this.highThreshold = s.highThreshold;
    this.#costText = costText;
    this.#cost4 = cost4;
    this.#scaled = s;
  }

  get cost(): Dec {
    return (this.#cost ??= dec(this.#costText));
  }

  get rho(): Dec {
    return (this.#rho ??= this.cost.div(this.reference));
  }

  /** `rho.toFixed(dp)` from integers (see the module comment). */
  rhoToFixed(dp: number): string {
    if (this.#rho !== undefined) return this.#rho.toFixed(dp);
    return scaledRhoToFixed(this.#scaled, this.#cost4, dp) ?? this.rho.toFixed(dp);
  }
}


/** `ρ.toFixed(dp)` for `ρ = cost4 / 10^4 / R`, or undefined for the rare forms left to decimal.js. */
function scaledRhoToFixed(s: ScaledCaseContext, cost4: number, dp: number): string | undefined {
  if (s.rhoDp !== dp) {
    const shift = s.rs + dp - COST_SCALE;
    s.rhoNumMul = shift >= 0 ? pow10n(shift) : 1n;
    s.rhoDen = shift >= 0 ? s.rn : s.rn * pow10n(-shift);
    s.rhoShift = Math.max(shift, 0);
    s.rhoDenSafe = s.rhoDen <= MAX_LONG_DIV_DEN ? Number(s.rhoDen) : 0;
    s.rhoLimbs = rhoLimbsOf(s.rhoDen, s.rhoShift);
    s.rhoDp = dp;
  }
  const limbs = s.rhoLimbs;
  if (limbs !== undefined) {
    const t = limbDivRoundHalfUp(cost4, limbs, s);
    if (t >= 0) return fixedText(String(t), dp);
  }
  if (s.rhoDenSafe > 0) {
    const t = longDivRoundHalfUp(cost4, s.rhoShift, s.rhoDenSafe);
    if (t >= 0) return fixedText(String(t), dp);
  }
  const N = BigInt(cost4) * s.rhoNumMul;
  const D = s.rhoDen;
  const F = N / D;
  // 40 or more integer digits: decimal.js rounds ρ before the dp-th place (was missed when 2r ≥ D, found by the
  // limb-division property over R down to 10^-27)
  if (F >= P39) return undefined;
  const r = N - F * D;
  let t = F;
  const twoR = r + r;
  if (twoR >= D) t = F + 1n;
  else if (r > 0n) {
    if (F === 0n) return undefined;
    const L = F.toString().length;
    // the 40-digit quotient reaches the tie F + ½ (double rounding): (D − 2r) × 10^(40 − L) ≤ D
    if ((D - twoR) * pow10n(QUOTIENT_DIGITS - L) <= D) t = F + 1n;
  }
  return fixedText(t.toString(), dp);
}


/** Largest denominator of the safe-integer long division: `10 × den ≤ 2^53`. */
const MAX_LONG_DIV_DEN = 900_719_925_474_099n;
/** Largest quotient that can take one more digit and stay safe: `10 q + 9 + 1 ≤ 2^53 − 1`. */
const MAX_Q_BEFORE_DIGIT = 900_719_925_474_098;

/**
 * `⌊cost4 × 10^shift / den⌋ + (2r ≥ den ? 1 : 0)` (half-up at the last digit) in safe integers, by long division
 * one decimal digit at a time: every remainder is < den, so `10 × r < 2^53`. Each quotient digit is estimated with
 * one (binary) division and corrected exactly by the remainder's range, so the result is exact. With `den < 10^15`
 * the 40-digit rounding of ρ cannot reach the tie: that needs `(den − 2r) × 10^(40 − L) ≤ den` with `den − 2r ≥ 1`,
 * i.e. `den ≥ 10^(40 − L)`, impossible for a safe-integer quotient (`L ≤ 16`; for `F = 0` the 40-digit unit is
 * `≤ 10^−40`). −1 when the quotient would leave the safe integers (the caller takes the BigInt path).
 */
function longDivRoundHalfUp(cost4: number, shift: number, den: number): number {
  let q = Math.floor(cost4 / den);
  let r = cost4 - q * den;
  if (r < 0) {
    q--;
    r += den;
  } else if (r >= den) {
    q++;
    r -= den;
  }
  for (let i = 0; i < shift; i++) {
    const x = r * 10;
    let d = Math.floor(x / den);
    r = x - d * den;
    if (r < 0) {
      d--;
      r += den;
    } else if (r >= den) {
      d++;
      r -= den;
    }
    if (q > MAX_Q_BEFORE_DIGIT) return -1;
    q = q * 10 + d;
  }
  return r + r >= den ? q + 1 : q;
}

/** Limb base of {@link limbDivRoundHalfUp}: 2^24 (so `x × 2^−24` and its floor are exact). */
const LIMB = 16_777_216;
const INV_LIMB = 1 / LIMB;
/** 2^48. */
const LIMB2 = 281_474_976_710_656;
/** Half the 96-bit modulus's top limb: a normalised `v3 ≥ 2^23` is a negative remainder. */
const LIMB_HALF = 8_388_608;
/** Largest quotient estimate of {@link limbDivRoundHalfUp}: 2^52 (the result stays below 2^53). */
const MAX_LIMB_Q = 4_503_599_627_370_496;
/** Bounds of {@link limbDivRoundHalfUp}: `den < 10^21` (< 2^70) and `10^shift` exact as a double (`shift ≤ 22`). */
const MAX_LIMB_DEN = 10n ** 21n;
const MAX_LIMB_SHIFT = 22;

/**
 * The per-context constants of {@link limbDivRoundHalfUp}: `k = 10^shift / den` (a double, for the estimate),
 * `10^shift = p0 + p1·2^24 + p2·2^48 + p3·2^72` and `den = d0 + d1·2^24 + d2·2^48` (limbs < 2^24).
 */
interface RhoLimbs {
  readonly k: number;
  readonly p0: number;
  readonly p1: number;
  readonly p2: number;
  readonly p3: number;
  readonly d0: number;
  readonly d1: number;
  readonly d2: number;
}

/** Limb `i` (bits `24i … 24i + 23`) of a non-negative BigInt. */
const limbOf = (x: bigint, i: number): number => Number((x >> BigInt(24 * i)) & 0xffffffn);

/**
 * `[10^k as a double, its limbs 0–3]` for `k ≤ 22` ({@link MAX_LIMB_SHIFT}): constants, built once at load (read only).
 * The double is exact (`10^22 = 2^22 × 5^22`, `5^22 < 2^53`).
 */
const POW10_LIMBS: readonly (readonly [number, number, number, number, number])[] = Array.from({ length: MAX_LIMB_SHIFT + 1 }, (_, k) => {
  const p = pow10n(k);
  return [Number(p), limbOf(p, 0), limbOf(p, 1), limbOf(p, 2), limbOf(p, 3)] as const;
});

/**
 * The constants of {@link limbDivRoundHalfUp} for `den` and `shift`, or undefined outside its bounds. The power of
 * ten comes from {@link POW10_LIMBS}; a `den` below 2^53 (every policy PV, most R) is split with safe-integer
 * arithmetic (`Number(den)` is then exact and dividing by 2^48 / 2^24 is exact), a larger one by BigInt shifts: the
 * same numbers as the former all-BigInt version (`Number(10^shift) / Number(den)`, limbs by `>> 24i & 0xffffff`),
 * ≥ 5× cheaper (a micro-bench at load 9: 1.4–6.4 µs → 0.18–0.76 µs), so neither this nor `cost / PV`'s constants
 * need a cache (tests/points/limbConstsR10.test.ts).
 */
function rhoLimbsOf(den: bigint, shift: number): RhoLimbs | undefined {
  if (den <= 0n || den >= MAX_LIMB_DEN || shift > MAX_LIMB_SHIFT) return undefined;
  const p = POW10_LIMBS[shift];
  if (p === undefined) return undefined; // shift < 0: never asked (callers pass max(·, 0))
  // Number(den) correctly rounded; exact when ≤ 2^53 − 1 (and only then: a larger den rounds to ≥ 2^53)
  const n = Number(den);
  let d0: number;
  let d1: number;
  let d2: number;
  if (n <= Number.MAX_SAFE_INTEGER) {
    d2 = Math.floor(n / LIMB2);
    const r = n - d2 * LIMB2;
    d1 = Math.floor(r * INV_LIMB);
    d0 = r - d1 * LIMB;
  } else {
    d0 = limbOf(den, 0);
    d1 = limbOf(den, 1);
    d2 = limbOf(den, 2);
  }
  return { k: p[0] / n, p0: p[1], p1: p[2], p2: p[3], p3: p[4], d0, d1, d2 };
}

/**
 * `⌊N / den⌋ + (2r ≥ den ? 1 : 0)` for `N = cost4 × 10^shift` (half-up at the last digit), `0 ≤ cost4 < 10^15`,
 * `0 < den < 10^21`, `shift ≤ 22`, in safe integers: no BigInt, no loop over digits.
 *
 * 1. Estimate `q = ⌊cost4 × k⌋` with the double `k = 10^shift / den`: three roundings, relative error ≤ 3.4·10^−16,
 *    so for `q ≤ 2^52` (else −1: the caller takes another path) `|q − ⌊N / den⌋| ≤ 2` and `|N − q·den| < 3·den < 2^72`.
 * 2. The remainder `r = N − q·den` exactly, modulo 2^96, in limbs of 2^24: `cost4`, `q` (< 2^53) and `den` (< 2^70)
 *    have 3 limbs, `10^shift` (< 2^74) 4; each limb product is < 2^48 and each limb sum (≤ 6 products, plus a carry)
 *    < 2^52, so every value is an exact safe integer, and splitting by 2^24 (`⌊x × 2^−24⌋`) is exact. As `|r| < 2^72`,
 *    its residue modulo 2^96 gives r: `v3 = 0` for `r ≥ 0`, `v3 = 2^24 − 1` (≥ 2^23) for `r < 0`.
 * 3. Correct `q` by ±1 until `0 ≤ r < den` (at most 3 steps; more throws: unreachable), then compare `2r` with `den`
 *    (limb by limb).
 *
 * The 40-digit rounding of ρ cannot reach the tie `F + ½` (double rounding): that needs `den ≥ 10^(40 − L)` with `L`
 * (≤ 16) the digits of the quotient, and `den < 10^21`; for `F = 0` it needs `den ≥ 10^40`.
 */
function limbDivRoundHalfUp(cost4: number, c: RhoLimbs, out: LimbRemainder): number {
  const q = limbDivFloor(cost4, c, out);
  return q >= 0 && out.limbRem >= 0 ? q + 1 : q;
}

/**
 * Where {@link limbDivFloor} puts its second result, how the remainder `r` compares with half the denominator: −2
 * when `r = 0`, −1 when `0 < 2r < den`, 0 when `2r = den` (an exact tie), 1 when `2r > den`. The caller's scaled
 * context (no module state; read right after the call, before any other division on that context).
 */
interface LimbRemainder {
  limbRem: number;
}

/**
 * `⌊cost4 × 10^shift / den⌋` by the limb division of {@link limbDivRoundHalfUp} (same bounds, −1 outside them), with
 * the remainder's class in `out.limbRem` (written when the result is ≥ 0).
 */
function limbDivFloor(cost4: number, c: RhoLimbs, out: LimbRemainder): number {
  let q = Math.floor(cost4 * c.k);
  if (!(q <= MAX_LIMB_Q)) return -1;
  const { p0, p1, p2, p3, d0, d1, d2 } = c;
  let t = Math.floor(cost4 * INV_LIMB);
  const c0 = cost4 - t * LIMB;
  const c2 = Math.floor(t * INV_LIMB);
  const c1 = t - c2 * LIMB;
  t = Math.floor(q * INV_LIMB);
  const q0 = q - t * LIMB;
  const q2 = Math.floor(t * INV_LIMB);
  const q1 = t - q2 * LIMB;
  // r = cost4 × 10^shift − q × den, limbs 0–3 (higher limbs vanish modulo 2^96)
  let v0 = c0 * p0 - q0 * d0;
  let v1 = c0 * p1 + c1 * p0 - (q0 * d1 + q1 * d0);
  let v2 = c0 * p2 + c1 * p1 + c2 * p0 - (q0 * d2 + q1 * d1 + q2 * d0);
  let v3 = c0 * p3 + c1 * p2 + c2 * p1 - (q1 * d2 + q2 * d1);
  t = Math.floor(v0 * INV_LIMB);
  v0 -= t * LIMB;
  v1 += t;
  t = Math.floor(v1 * INV_LIMB);
  v1 -= t * LIMB;
  v2 += t;
  t = Math.floor(v2 * INV_LIMB);
  v2 -= t * LIMB;
  v3 += t;
  v3 -= Math.floor(v3 * INV_LIMB) * LIMB;
  for (let k = 0; v3 >= LIMB_HALF; k++) {
    // r < 0: q − 1, r + den (at most twice by the estimate's bound)
    if (k === 3) throw new Error('limbDivRoundHalfUp: estimate out of range');
    q--;
    v0 += d0;
    v1 += d1;
    v2 += d2;
    t = Math.floor(v0 * INV_LIMB);
    v0 -= t * LIMB;
    v1 += t;
    t = Math.floor(v1 * INV_LIMB);
    v1 -= t * LIMB;
    v2 += t;
    t = Math.floor(v2 * INV_LIMB);
    v2 -= t * LIMB;
    v3 += t;
    v3 -= Math.floor(v3 * INV_LIMB) * LIMB;
  }
  for (let k = 0; atLeastDen(v0, v1, v2, v3, c); k++) {
    // r ≥ den: q + 1, r − den (at most three times by the estimate's bound)
    if (k === 4) throw new Error('limbDivRoundHalfUp: estimate out of range');
    q++;
    v0 -= d0;
    v1 -= d1;
    v2 -= d2;
    t = Math.floor(v0 * INV_LIMB);
    v0 -= t * LIMB;
    v1 += t;
    t = Math.floor(v1 * INV_LIMB);
    v1 -= t * LIMB;
    v2 += t;
    t = Math.floor(v2 * INV_LIMB);
    v2 -= t * LIMB;
    v3 += t;
  }
  if (v0 === 0 && v1 === 0 && v2 === 0 && v3 === 0) {
    out.limbRem = -2;
    return q;
  }
  // 2r against den (0 < r < den, so 2r < 2^71)
  v0 += v0;
  v1 += v1;
  v2 += v2;
  t = Math.floor(v0 * INV_LIMB);
  v0 -= t * LIMB;
  v1 += t;
  t = Math.floor(v1 * INV_LIMB);
  v1 -= t * LIMB;
  v2 += t;
  t = Math.floor(v2 * INV_LIMB);
  v2 -= t * LIMB;
  out.limbRem = !atLeastDen(v0, v1, v2, t, c) ? -1 : t === 0 && v2 === c.d2 && v1 === c.d1 && v0 === c.d0 ? 0 : 1;
  return q;
}

/** Whether the normalised non-negative limbs `v0 + v1·2^24 + v2·2^48 + v3·2^72` are ≥ `den`. */
function atLeastDen(v0: number, v1: number, v2: number, v3: number, c: RhoLimbs): boolean {
  return v3 > 0 || v2 > c.d2 || (v2 === c.d2 && (v1 > c.d1 || (v1 === c.d1 && v0 >= c.d0)));
}

/** Integer constants of a context's outlier formulas (see {@link outlierPoints}). */
interface OutlierConsts {
  readonly rw: D40;
  readonly c: D40;
  readonly a: D40;
  readonly R: D40;
  /** The PV in force (undefined: missing or 0, the paid-at-cost low case goes to the decimal path). */
  readonly pv: D40 | undefined;
  /** `R × 2` and `c × R` as `Dec` computes them (the additive high numerator `cost − 2R + c·R`). */
  readonly twoR: D40;
  readonly cR: D40;
  readonly additive: boolean;
  readonly highMultiply: boolean;
  readonly highFormula: CaseFormula;
  readonly lowMultiply: boolean;
  readonly lowPaidAtCost: boolean;
  readonly lowFormula: CaseFormula;
  readonly dp: number;
  readonly mode: RoundingRule['mode'];
  /** `cost / PV` at `dp` places by the limb division (`points × 10^dp = cost4 × 10^shift / den`), when in its bounds. */
  readonly pvLimbs: RhoLimbs | undefined;
}

const TWO = dec(2);

/** A non-negative `Dec` as an integer mantissa and scale (undefined when negative). */
function toD40(x: Dec): D40 | undefined {
  return x.isNeg() ? undefined : fromPlain(x.toFixed());
}

/**
 * {@link toD40} of the inputs that many contexts share as one `Dec` object (RW of a packet in every coefficient slot,
 * `c` of a slot, `a`, the PV in force, when the caller passes shared objects as the run's case scorer does): computed
 * once per object. A `Dec` is immutable and a {@link D40} is read only, so the cached value is the one `toD40` gives.
 */
const sharedD40 = new WeakMap<Dec, D40 | null>();
function toD40Shared(x: Dec): D40 | undefined {
  const c = sharedD40.get(x);
  if (c !== undefined) return c ?? undefined;
  const d = toD40(x);
  sharedD40.set(x, d ?? null);
  return d;
}

/** The integer constants of a tested context, or null when some input is outside the integer path (negative, odd rounding scale). */
function buildOutlierConsts(s: ScaledCaseContext): OutlierConsts | null {
  const src = s.src;
  const o = src.policy.outlier;
  const rule = src.policy.rounding.casePoints;
  if (!Number.isInteger(rule.scale) || rule.scale < 0 || rule.scale > 20) return null;
  const rw = toD40Shared(src.rw);
  const c = toD40Shared(src.coef);
  const a = toD40Shared(src.auxCoef);
  // R ≥ 0 as `toD40(R)` = `fromPlain(R.toFixed())` = (rn, rs) of the context: the same text, without formatting it
  const R: D40 | undefined = s.R.isNeg() ? undefined : { m: s.rn, s: s.rs };
  const additive = o.highFormula === 'ratioMinusTwoPlusCoef' || o.coefInHigh === 'additive';
  // `R × 2` and `c × R` only enter the additive high numerator: built for additive policies only. Skipping them
  // elsewhere changes no answer: with R > 0, `R × 2` is never negative and `c × R` is negative exactly when `c` is
  // (then `c` above is undefined and the consts are null either way); a negative R is null above.
  const twoR = !additive || R === undefined ? ZERO_D40 : toD40(s.R.times(TWO));
  const cR = !additive || R === undefined ? ZERO_D40 : toD40(src.coef.times(s.R));
  const pvDec = src.pointValue;
  const pv = pvDec === undefined || pvDec.isZero() ? undefined : toD40Shared(pvDec);
  if (rw === undefined || c === undefined || a === undefined || R === undefined || twoR === undefined || cR === undefined) return null;
  if (pvDec !== undefined && !pvDec.isZero() && pv === undefined) return null;
  const highMultiply = o.coefInHigh === 'multiply';
  const lowMultiply = o.coefInLow === 'multiply';
  return {
    rw,
    c,
    a,
    R,
    pv,
    twoR,
    cR,
    additive,
    highMultiply,
    highFormula: additive ? (highMultiply ? 'highRatioMinusTwoPlusCoefCoef' : 'highRatioMinusTwoPlusCoef') : highMultiply ? 'highRatioMinusOneCoef' : 'highRatioMinusOne',
    lowMultiply,
    lowPaidAtCost: o.lowFormula === 'paidAtCost',
    lowFormula: o.lowFormula === 'paidAtCost' ? 'lowPaidAtCost' : lowMultiply ? 'lowRatioCoef' : 'lowRatio',
    dp: rule.scale,
    mode: rule.mode,
    pvLimbs: pv === undefined ? undefined : pvLimbsOf(pv, rule.scale),
  };
}

/** Placeholder of `twoR` / `cR` for a policy whose high formula is not additive (never read then). */
const ZERO_D40: D40 = { m: 0n, s: 0 };

/**
 * The limb-division constants of `cost / PV` at `dp` places (`cost4 / 10^4 / (pv.m / 10^pv.s) × 10^dp`), as
 * `divRoundFixed` scales it: once per context with an outlier (5,163 in a 200k run), no cache (see {@link rhoLimbsOf}).
 */
function pvLimbsOf(pv: D40, dp: number): RhoLimbs | undefined {
  const e = dp + pv.s - COST_SCALE;
  return rhoLimbsOf(e >= 0 ? pv.m : pv.m * pow10n(-e), Math.max(e, 0));
}

/**
 * `divRoundFixed(cost, PV, dp, mode)` (the low paid-at-cost points text) by the limb division, or undefined when
 * `divRoundFixed` must decide. With `cost / PV × 10^dp = F + r / den`, `F = q ≤ 2^52 + 3 < 10^16` and `den < 10^21 <
 * 10^24`: `divRoundFixed` takes its composition path only for `F = 0 < r` and for the exact tie `2r = den` (left to
 * it here); otherwise its result is `F` rounded by the mode on `r` alone, as below (`r = 0`: `F` exactly).
 */
function paidAtCostText(s: ScaledCaseContext, k: OutlierConsts, cost4: number): string | undefined {
  const c = k.pvLimbs;
  if (c === undefined) return undefined;
  const q = limbDivFloor(cost4, c, s);
  if (q < 0) return undefined;
  const rem = s.limbRem;
  if (rem === -2) return fixedText(String(q), k.dp);
  if (q === 0 || rem === 0) return undefined;
  // rem: 1 when 2r > den, −1 when 2r < den (exact results and ties returned above)
  return fixedText(String(roundsUpInexact(k.mode, rem === 1) ? q + 1 : q), k.dp);
}

/** Which outlier result: the formula family, or normal points with a flag (extreme `normalPoints`, `aboveHighBand`). */
type OutlierKind = 'lowRatio' | 'lowPaidAtCost' | 'lowNoPv' | 'high' | 'extremeNormal' | 'aboveHighBand';

/**
 * The points text of an outlier case (at `rounding.casePoints` places), by the decimal path's own chain of `Dec`
 * operations replayed on integers ({@link mul40} … {@link div40}: each rounds to 40 significant digits exactly as
 * decimal.js does), then the named rounding: the double rounding of the 40-digit quotient is reproduced, not
 * approximated. Undefined when the decimal path must score the case (non-positive high numerator, no PV).
 *
 * - low `ratio`: `((RW × cost) [× c]) × a / R`;  low `paidAtCost`: `cost / PV`;
 * - high: `((RW × n) [× c]) × a / R` with `n = cost − R` or `n = (cost − R×2) + c×R`.
 */
function outlierPoints(k: OutlierConsts, kind: OutlierKind, cost: D40): string | undefined {
  if (kind === 'lowPaidAtCost') return k.pv === undefined ? undefined : divRoundFixed(cost, k.pv, k.dp, k.mode);
  let u: D40;
  {
    let n: D40;
    if (kind === 'lowRatio') n = cost;
    else {
      n = k.additive ? add40(sub40(cost, k.twoR), k.cR) : sub40(cost, k.R);
      if (n.m <= 0n) return undefined;
    }
    u = mul40(k.rw, n);
    if (kind === 'lowRatio' ? k.lowMultiply : k.highMultiply) u = mul40(u, k.c);
  }
  return divRoundFixed(mul40(u, k.a), k.R, k.dp, k.mode);
}

/**
 * A low, high or extreme result of a tested case scored on the integer path: `points` is eager (from
 * {@link outlierPoints}); `cost`, `ρ`, `factor`, `κ`, `pointsUnrounded` and the issue text (which prints ρ) are
 * computed on first read with the decimal path's own `Dec` operations, so every field equals the decimal path's.
 */
class ScaledOutlierResult implements CasePointsResult {
  readonly outlierClass: OutlierClass;
  readonly formula: CaseFormula;
  readonly rw: Dec;
  readonly coef: Dec;
  readonly auxCoef: Dec;
  readonly rounding: RoundingRule;
  readonly needsReview: boolean;
  readonly referenceBasis: ReferenceBasis;
  readonly reference: Dec;
  readonly highThreshold: Dec;
  readonly #kind: OutlierKind;
  readonly #costText: string;
  readonly #cost4: number;
  readonly #scaled: ScaledCaseContext;
  #cost: Dec | undefined;
  #rho: Dec | undefined;
  #kappa: Dec | undefined;
  #factor: Dec | undefined;
  #unrounded: Dec | undefined;
  #issues: readonly Issue[] | undefined;
  /** The points as a `Dec` (normal points: the context's; else parsed from `#pointsText` on first read). */
  #points: Dec | undefined;
  /** The points text at `rounding.casePoints` places from the integer path (undefined for normal points). */
  readonly #pointsText: string | undefined;

  constructor(s: ScaledCaseContext, kind: OutlierKind, cls: OutlierClass, formula: CaseFormula, points: Dec | undefined, pointsText: string | undefined, costText: string, cost4: number) {
    const c = s.src;
    this.outlierClass = cls;
    this.formula = formula;
    this.rw = c.rw;
    this.coef = c.coef;
    this.auxCoef = c.auxCoef;
    this.#points = points;
    this.#pointsText = pointsText;
    this.rounding = c.policy.rounding.casePoints;
    this.needsReview = cls === 'extreme' || kind === 'aboveHighBand' || kind === 'lowNoPv';
    this.referenceBasis = s.basis;
    this.reference = s.R;
    this.highThreshold = s.highThreshold;
    this.#kind = kind;
    this.#costText = costText;
    this.#cost4 = cost4;
    this.#scaled = s;
  }

  get cost(): Dec {
    return (this.#cost ??= dec(this.#costText));
  }

  get points(): Dec {
    return (this.#points ??= dec(this.#pointsText!));
  }

  /** The integer path's points text when it has `dp` places (`rounding.casePoints.scale`), else undefined. */
  scaledPointsText(dp: number): string | undefined {
    const t = this.#pointsText;
    return t !== undefined && dp === this.rounding.scale ? t : undefined;
  }

  /** `points.toFixed(dp)` without parsing the points when the integer path's text has `dp` places. */
  pointsToFixed(dp: number): string {
    const t = this.#pointsText;
    if (t !== undefined && dp === this.rounding.scale) return t;
    return this.points.toFixed(dp);
  }

  get rho(): Dec {
    return (this.#rho ??= this.cost.div(this.reference));
  }

  /** `κ = cost / (RW × c × a × PV)` (low paid at cost only). */
  protected computeKappa(): Dec {
    return (this.#kappa ??= this.cost.div(this.#scaled.src.normalUnrounded.times(this.#scaled.src.pointValue!)));
  }

  /** ρ (low ratio), κ (paid at cost), `ρ − 1` or `ρ − 2 + c` (high, extreme review); none for normal points. */
  protected computeFactor(): Dec | undefined {
    switch (this.#kind) {
      case 'lowRatio':
        return this.rho;
      case 'lowPaidAtCost':
        return this.computeKappa();
      case 'high':
        return (this.#factor ??= this.#scaled.outlier!.additive ? this.rho.minus(TWO).plus(this.coef) : this.rho.minus(1));
      default:
        return undefined;
    }
  }

  /** The exact-then-divided product of the decimal path (same `Dec` operations, same order). */
  get pointsUnrounded(): Dec {
    if (this.#unrounded !== undefined) return this.#unrounded;
    const src = this.#scaled.src;
    const cost = this.cost;
    const R = this.reference;
    const c = this.coef;
    const k = this.#scaled.outlier!;
    let u: Dec;
    switch (this.#kind) {
      case 'lowPaidAtCost':
        u = cost.div(src.pointValue!);
        break;
      case 'lowRatio':
        u = this.rw.times(cost);
        if (k.lowMultiply) u = u.times(c);
        u = u.times(this.auxCoef).div(R);
        break;
      case 'high':
        u = this.rw.times(k.additive ? cost.minus(R.times(TWO)).plus(c.times(R)) : cost.minus(R));
        if (k.highMultiply) u = u.times(c);
        u = u.times(this.auxCoef).div(R);
        break;
      default:
        u = src.normalUnrounded;
    }
    return (this.#unrounded = u);
  }

  get issues(): readonly Issue[] {
    if (this.#issues !== undefined) return this.#issues;
    const o = this.#scaled.src.policy.outlier;
    const rho12 = (): string => this.rho.toSignificantDigits(12).toFixed();
    let issues: readonly Issue[] = NO_ISSUES;
    if (this.#kind === 'lowNoPv') {
      issues = [{ severity: 'error', code: 'points.pv_missing', message: 'low outlier paid at cost needs the point value in force (κ = cost / (RW × PV × c × a)); normal points given', expected: 'pointValue' }];
    } else if (this.#kind === 'extremeNormal') {
      issues = [{ severity: 'warning', code: 'points.extreme_case', message: `ρ = ${rho12()} is above the extreme threshold ${o.extremeThreshold ?? ''}: normal points, flagged for review (高倍率)` }];
    } else if (this.#kind === 'aboveHighBand') {
      issues = [{ severity: 'warning', code: 'points.above_high_band', message: `ρ = ${rho12()} is above highUpper ${o.highUpper ?? ''}: no rule, normal points given, flagged for review` }];
    } else if (this.outlierClass === 'extreme') {
      issues = [{ severity: 'warning', code: 'points.extreme_case', message: `ρ = ${rho12()} is above the extreme threshold ${o.extremeThreshold ?? ''}: expert review; provisional points by the high formula` }];
    }
    return (this.#issues = issues);
  }

  /** `rho.toFixed(dp)` from integers (see the module comment). */
  rhoToFixed(dp: number): string {
    if (this.#rho !== undefined) return this.#rho.toFixed(dp);
    return scaledRhoToFixed(this.#scaled, this.#cost4, dp) ?? this.rho.toFixed(dp);
  }
}

/** A low-ratio or high / extreme-review result: with `factor`. */
class ScaledFactorResult extends ScaledOutlierResult {
  get factor(): Dec {
    return this.computeFactor()!;
  }
}

/** A low result paid at cost: with `κ` (= `factor`). */
class ScaledPaidAtCostResult extends ScaledOutlierResult {
  get kappa(): Dec {
    return this.computeKappa();
  }

  get factor(): Dec {
    return this.computeKappa();
  }
}

/** An outlier case on the integer path (classified as the decimal path does: extreme, high, band, low), or undefined. */
function scoreOutlier(s: ScaledCaseContext, costText: string, cost4: number): CasePointsResult | undefined {
  const k = s.outlier === undefined ? (s.outlier = buildOutlierConsts(s)) : s.outlier;
  if (k === null) return undefined;
  const src = s.src;
  const isExtreme = cost4 >= s.extremeMin;
  if (isExtreme && src.policy.outlier.extremeAction === 'normalPoints') return new ScaledOutlierResult(s, 'extremeNormal', 'extreme', 'normal', src.normal, undefined, costText, cost4);
  let kind: OutlierKind;
  let formula: CaseFormula;
  if (isExtreme || cost4 >= s.highMin) {
    if (!isExtreme && cost4 >= s.upperMin) return new ScaledOutlierResult(s, 'aboveHighBand', 'aboveHighBand', 'normal', src.normal, undefined, costText, cost4);
    kind = 'high';
    formula = k.highFormula;
  } else if (cost4 <= s.lowMax) {
    if (k.lowPaidAtCost && k.pv === undefined) return new ScaledOutlierResult(s, 'lowNoPv', 'low', 'normal', src.normal, undefined, costText, cost4);
    kind = k.lowPaidAtCost ? 'lowPaidAtCost' : 'lowRatio';
    formula = k.lowFormula;
  } else return undefined;
  const text = (kind === 'lowPaidAtCost' ? paidAtCostText(s, k, cost4) : undefined) ?? outlierPoints(k, kind, { m: BigInt(cost4), s: COST_SCALE });
  if (text === undefined) return undefined;
  const Result = kind === 'lowPaidAtCost' ? ScaledPaidAtCostResult : ScaledFactorResult;
  return new Result(s, kind, kind === 'high' ? (isExtreme ? 'extreme' : 'high') : 'low', formula, undefined, text, costText, cost4);
}

/**
 * The fast-path result for a plain cost string, or undefined when the case must take the decimal path (not a
 * plain ≤ 4 dp amount, or a form the integer path leaves to decimal.js: see {@link outlierPoints}).
 *
 * @example
 * ```ts
 * scoreScaled(ctx.scaled, '13500.00')?.outlierClass   // 'normal' (R = 13500, national 3.0)
 * scoreScaled(ctx.scaled, '5000')?.points             // Dec('500'): a low outlier, cost / PV on integers (T6)
 * ```
 */
export function scoreScaled(s: ScaledCaseContext, costText: string): CasePointsResult | undefined {
  const cost4 = scaledAmount(costText, COST_SCALE);
  if (cost4 < 0) return undefined;
  if (!s.tested) return new ScaledNotTestedResult(s.src, costText);
  if (cost4 <= s.lowMax || cost4 >= s.aboveMin) return scoreOutlier(s, costText, cost4);
  return new ScaledNormalResult(s, costText, cost4);
}

/**
 * The ρ text at `dp` places of a case that {@link scoreScaled} scores `normal` on the fast path — exactly
 * `rhoToFixed(scoreScaled(s, costText), dp)` when that result is a normal one — and `undefined` for every other case
 * (a cost that is not plain or has more than 4 decimals, a context not tested, a cost at or beyond a bound): then the
 * caller scores the case with `scoreCase`. A normal case's other fields are the context's (points `src.normal`,
 * coefficients `src.coef` / `src.auxCoef`, no issue, no review), so a caller that needs only them and ρ builds no
 * result object. Same classification as `scoreScaled` (`cost4` from `scaledAmount`, `lowMax < cost4 < aboveMin`),
 * same ρ (`scaledRhoToFixed`, else the decimal division `dec(costText) / R` of the result's `rho` getter).
 *
 * @example
 * ```ts
 * scaledNormalRhoToFixed(ctx.scaled!, '20000.00', 6)   // '1.481481' (R = 13500, a normal case)
 * scaledNormalRhoToFixed(ctx.scaled!, '5000.00', 6)    // undefined (a low outlier)
 * ```
 */
export function scaledNormalRhoToFixed(s: ScaledCaseContext, costText: string, dp: number): string | undefined {
  if (!s.tested) return undefined;
  const cost4 = scaledAmount(costText, COST_SCALE);
  if (cost4 < 0 || cost4 <= s.lowMax || cost4 >= s.aboveMin) return undefined;
  return scaledRhoToFixed(s, cost4, dp) ?? dec(costText).div(s.R).toFixed(dp);
}

/**
 * `result.points.toFixed(dp)` — the text of a case's points (病例分值) at `dp` places. For a low / high / extreme case
 * scored on the integer path, whose points text at `rounding.casePoints` places comes from integers, that text is
 * returned without parsing it into a `Dec` (the `points` getter parses it on first read); such points have at most
 * `rounding.casePoints.scale` decimals. Otherwise `result.points.toFixed(dp)`.
 *
 * @example
 * ```ts
 * pointsToFixed(scoreCase(ctx, '5000'), 4)   // '500.0000', as scoreCase(ctx, '5000').points.toFixed(4) (T6)
 * ```
 */
export function pointsToFixed(result: CasePointsResult, dp: number): string {
  if (result instanceof ScaledOutlierResult) return result.pointsToFixed(dp);
  return result.points.toFixed(dp);
}

/**
 * The points text of an outlier scored on the integer path when `dp` is its `rounding.casePoints.scale` — then it is
 * `result.points.toFixed(dp)` and the points have no more than `dp` decimals, so a caller needs neither the points'
 * `Dec` nor a check for extra places. `undefined` for any other result or `dp` (use `result.points`).
 *
 * @example
 * ```ts
 * scaledPointsText(scoreCase(ctx, '5000'), 4)   // '500.0000' (a low outlier on the integer path, T6)
 * scaledPointsText(scoreCase(ctx, '13500'), 4)  // undefined (normal points: the context's)
 * ```
 */
export function scaledPointsText(result: CasePointsResult, dp: number): string | undefined {
  return result instanceof ScaledOutlierResult ? result.scaledPointsText(dp) : undefined;
}

/**
 * `ρ = cost / R` of a case at `dp` decimal places, half-up — the text of `result.rho?.toFixed(dp)` (the 40-digit
 * quotient rounded again; DIP-RULES.md §8.7). For a case scored on the fast path (normal or outlier) it is computed
 * from integers without the decimal.js division; otherwise it is `result.rho.toFixed(dp)`. Undefined when the case
 * has no ρ (not tested, RW = 0, no reference).
 *
 * @example
 * ```ts
 * rhoToFixed(scoreCase(ctx, '20000.00'), 6)   // '1.481481' (R = 13500), as scoreCase(…).rho.toFixed(6)
 * ```
 */
export function rhoToFixed(result: CasePointsResult, dp: number): string | undefined {
  if (result instanceof ScaledNormalResult || result instanceof ScaledOutlierResult) return result.rhoToFixed(dp);
  return result.rho?.toFixed(dp);
}
