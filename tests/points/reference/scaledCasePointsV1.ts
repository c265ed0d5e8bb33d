/**
 * FROZEN COPY of src/points/scaledCasePoints.ts as of commit 25c6084 (before the safe-integer ρ text for long `R`
 * mantissas and the outlier fast path of helper H5): the "before" of `bench/points2-ab.ts` and a second reference
 * of the properties. Not used by the library. Original module comment follows.
 *
 * Scaled-integer fast path of {@link scoreCase} (DIP-RULES.md §6.3 classification, §8.7 exactness): a case whose
 * cost is a plain decimal string with at most 4 decimal places (the records reader's canonical money text) is
 * classified with safe integers instead of decimal.js, and a normal (or not tested) case returns the per-context
 * normal points without any decimal.js arithmetic; a low, high or extreme case gets its points from an exact replay of
 * the decimal path's `Dec` chain on BigInt mantissas (src/points/decimal40.ts: decimal.js's 40-digit half-up rounding
 * at every step, then `rounding.casePoints`). `cost` and `ρ` of such a result are computed on first read
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
 *   `10^(L − 40)`); else `F`. `F = 0 < r` (ρ < 10^−dp) and `L ≥ 40` fall back to `rho.toFixed(dp)`. When
 *   `D ≤ (2^53 − 1) / 10` (R with a short mantissa, e.g. a policy PV) the same `F`, `r` come from a long division
 *   in safe integers (no BigInt), where the double-rounding window cannot be reached (see `longDivRoundHalfUp`).
 *
 * Proven equal to the decimal path by the fast-check properties in `tests/points/scaledCasePoints.test.ts` and
 * `tests/points/outlierIntegerPath.test.ts`.
 *
 * @module
 */
import { dec } from '../../../src/decimal/index.js';
import type { Dec, RoundingRule } from '../../../src/decimal/index.js';
import type { Issue } from '../../../src/core/issue.js';
import { scaledAmount } from '../../../src/records/scaledMoney.js';
import type { OutlierOptions } from '../../../src/policy/schema.js';
import type { CaseContext, CaseFormula, CasePointsResult, OutlierClass } from '../../../src/points/casePoints.js';
// src/points/decimal40.ts does what it did at 25c6084 (proven equal to decimal.js by its own properties), so the frozen copy
// uses the module itself rather than a second copy of it.
import { add40, divRoundFixed, fixedText, fromPlain, mul40, pow10n, sub40 } from '../../../src/points/decimal40.js';
import type { D40 } from '../../../src/points/decimal40.js';
import type { ReferenceBasis } from '../../../src/points/referenceCost.js';

/** Scale of the integer cost: 1/10^4 yuan (the 4 dp of `rounding.inputMoneyMaxScale`, DIP-RULES.md §8.7). */
const COST_SCALE = 4;
/** Clamp for `⌊B × 10^4⌋`: every `cost4` lies in [0, 10^15). */
const F_MAX = 1e15 + 1;
const F_MIN = -2;
/** "No such bound": above every `cost4` (and every clamped bound). */
const NONE = F_MAX + 1;
/** Significant digits of decimal.js quotients (src/decimal `Dec`, precision 40). */
const QUOTIENT_DIGITS = 40;

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
}

/** `⌊B × 10^4⌋` (clamped) and whether `B × 10^4` is an integer. */
function floorScaled(B: Dec): { f: number; exact: boolean } {
  const x = B.times(10 ** COST_SCALE);
  const fl = x.floor();
  const exact = x.eq(fl);
  if (fl.gt(F_MAX)) return { f: F_MAX, exact };
  if (fl.lt(F_MIN)) return { f: F_MIN, exact };
  return { f: fl.toNumber(), exact };
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
  if (!tested) return { tested: false, aboveMin: F_MAX, lowMax: F_MIN, highMin: NONE, extremeMin: NONE, upperMin: NONE, outlier: undefined, R: src.rw, basis: 'given', highThreshold: src.rw, rn: 0n, rs: 0, src, rhoDp: -1, rhoNumMul: 0n, rhoDen: 1n, rhoShift: 0, rhoDenSafe: 0 };
  const R = src.reference;
  const basis = src.referenceBasis;
  const highThreshold = src.highThreshold;
  if (R === undefined || basis === undefined || highThreshold === undefined || b.highBound === undefined) return undefined;
  const highMin = aboveMinOf(b.highBound, b.highInclusive);
  const extremeMin = b.extremeBound === undefined ? NONE : aboveMinOf(b.extremeBound, b.extremeInclusive);
  const upperMin = b.highUpperBound === undefined ? NONE : aboveMinOf(b.highUpperBound, false);
  const aboveMin = Math.min(highMin, extremeMin);
  const lowMax = b.lowBound === undefined ? F_MIN : belowMaxOf(b.lowBound, b.lowInclusive);
  const rs = R.decimalPlaces();
  const rn = BigInt(R.toFixed(rs).replace('.', ''));
  return { tested: true, aboveMin, lowMax, highMin, extremeMin, upperMin, outlier: undefined, R, basis, highThreshold, rn, rs, src, rhoDp: -1, rhoNumMul: 0n, rhoDen: 1n, rhoShift: 0, rhoDenSafe: 0 };
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
    s.rhoDp = dp;
  }
  if (s.rhoDenSafe > 0) {
    const t = longDivRoundHalfUp(cost4, s.rhoShift, s.rhoDenSafe);
    if (t >= 0) return fixedText(String(t), dp);
  }
  const N = BigInt(cost4) * s.rhoNumMul;
  const D = s.rhoDen;
  const F = N / D;
  const r = N - F * D;
  let t = F;
  const twoR = r + r;
  if (twoR >= D) t = F + 1n;
  else if (r > 0n) {
    if (F === 0n) return undefined;
    const L = F.toString().length;
    if (L >= QUOTIENT_DIGITS) return undefined;
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
}

const TWO = dec(2);

/** A non-negative `Dec` as an integer mantissa and scale (undefined when negative). */
function toD40(x: Dec): D40 | undefined {
  return x.isNeg() ? undefined : fromPlain(x.toFixed());
}

/** The integer constants of a tested context, or null when some input is outside the integer path (negative, odd rounding scale). */
function buildOutlierConsts(s: ScaledCaseContext): OutlierConsts | null {
  const src = s.src;
  const o = src.policy.outlier;
  const rule = src.policy.rounding.casePoints;
  if (!Number.isInteger(rule.scale) || rule.scale < 0 || rule.scale > 20) return null;
  const rw = toD40(src.rw);
  const c = toD40(src.coef);
  const a = toD40(src.auxCoef);
  const R = toD40(s.R);
  const twoR = toD40(s.R.times(TWO));
  const cR = toD40(src.coef.times(s.R));
  const pvDec = src.pointValue;
  const pv = pvDec === undefined || pvDec.isZero() ? undefined : toD40(pvDec);
  if (rw === undefined || c === undefined || a === undefined || R === undefined || twoR === undefined || cR === undefined) return null;
  if (pvDec !== undefined && !pvDec.isZero() && pv === undefined) return null;
  const additive = o.highFormula === 'ratioMinusTwoPlusCoef' || o.coefInHigh === 'additive';
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
  };
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
  readonly points: Dec;
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

  constructor(s: ScaledCaseContext, kind: OutlierKind, cls: OutlierClass, formula: CaseFormula, points: Dec, costText: string, cost4: number) {
    const c = s.src;
    this.outlierClass = cls;
    this.formula = formula;
    this.rw = c.rw;
    this.coef = c.coef;
    this.auxCoef = c.auxCoef;
    this.points = points;
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
  if (isExtreme && src.policy.outlier.extremeAction === 'normalPoints') return new ScaledOutlierResult(s, 'extremeNormal', 'extreme', 'normal', src.normal, costText, cost4);
  let kind: OutlierKind;
  let formula: CaseFormula;
  if (isExtreme || cost4 >= s.highMin) {
    if (!isExtreme && cost4 >= s.upperMin) return new ScaledOutlierResult(s, 'aboveHighBand', 'aboveHighBand', 'normal', src.normal, costText, cost4);
    kind = 'high';
    formula = k.highFormula;
  } else if (cost4 <= s.lowMax) {
    if (k.lowPaidAtCost && k.pv === undefined) return new ScaledOutlierResult(s, 'lowNoPv', 'low', 'normal', src.normal, costText, cost4);
    kind = k.lowPaidAtCost ? 'lowPaidAtCost' : 'lowRatio';
    formula = k.lowFormula;
  } else return undefined;
  const text = outlierPoints(k, kind, { m: BigInt(cost4), s: COST_SCALE });
  if (text === undefined) return undefined;
  const Result = kind === 'lowPaidAtCost' ? ScaledPaidAtCostResult : ScaledFactorResult;
  return new Result(s, kind, kind === 'high' ? (isExtreme ? 'extreme' : 'high') : 'low', formula, dec(text), costText, cost4);
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

/** This module's scaled context of each `CaseContext` (null: the decimal path). */
const v1Contexts = new WeakMap<CaseContext, ScaledCaseContext | null>();

/** `scoreCase` as it was at 25c6084 (`decimalPath`: `scoreCaseDecimal`, passed in to avoid an import cycle). */
export function scoreCaseV1(ctx: CaseContext, cost: string, decimalPath: (ctx: CaseContext, cost: string) => CasePointsResult): CasePointsResult {
  let s = v1Contexts.get(ctx);
  if (s === undefined) {
    const o = ctx.policy.outlier;
    s =
      buildScaledContext(ctx, ctx.tested, {
        lowBound: ctx.lowBound,
        highBound: ctx.highBound,
        extremeBound: ctx.extremeBound,
        highUpperBound: ctx.highUpperBound,
        lowInclusive: o.lowInclusive,
        highInclusive: o.highInclusive,
        extremeInclusive: o.extremeInclusive,
      }) ?? null;
    v1Contexts.set(ctx, s);
  }
  return (s === null ? undefined : scoreScaled(s, cost)) ?? decimalPath(ctx, cost);
}
