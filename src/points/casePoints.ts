import { ONE, ZERO, dec, roundDec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import type { Issue } from '../core/issue.js';
import type { OutlierOptions, PacketKind, RoundingOptions, UngroupedOptions } from '../policy/schema.js';
import { computeReferenceCost } from './referenceCost.js';
import type { ReferenceBasis } from './referenceCost.js';
import { isAbove, isBelow } from './thresholdCompare.js';
import { memoByObject, toDec, toDecOpt } from './toDec.js';
import type { DecLike } from './toDec.js';
import { buildScaledContext, scoreScaled } from './scaledCasePoints.js';
import type { ScaledCaseContext } from './scaledCasePoints.js';

export { pointsToFixed, rhoToFixed, scaledPointsText } from './scaledCasePoints.js';

/**
 * Outlier class of a case (DIP-RULES.md §6.3):
 * `normal`; `low` 费用极低; `high` 费用极高; `extreme` (above `extremeThreshold`, actions `review` or
 * `normalPoints`); `aboveHighBand` (above `highUpper` under the band reading of the 3.0 text: no rule, normal
 * points and review); `zeroRw` (packet RW = 0, paid at cost); `notTested` (packet kind outside `applyToKinds`);
 * `noReference` (R unknown or 0: normal points and an error issue).
 */
export type OutlierClass = 'normal' | 'low' | 'high' | 'extreme' | 'aboveHighBand' | 'zeroRw' | 'notTested' | 'noReference';

/** The formula applied, by id (see {@link CASE_FORMULA_TEXT} for the human-readable form). */
export type CaseFormula =
  | 'normal'
  | 'lowRatio'
  | 'lowRatioCoef'
  | 'lowPaidAtCost'
  | 'highRatioMinusOne'
  | 'highRatioMinusOneCoef'
  | 'highRatioMinusTwoPlusCoef'
  | 'highRatioMinusTwoPlusCoefCoef'
  | 'zeroRwPaidAtCost';

/** Human-readable formula of each {@link CaseFormula} (an auditor re-derives the points from it). */
export const CASE_FORMULA_TEXT: Readonly<Record<CaseFormula, string>> = {
  normal: 'RW × c × a (RW × a when coefInNormal = none: DIP 1.0)',
  lowRatio: 'RW × ρ × a',
  lowRatioCoef: 'RW × ρ × c × a',
  lowPaidAtCost: 'RW × c × a × κ, κ = cost / (RW × PV × c × a)',
  highRatioMinusOne: 'RW × (ρ − 1) × a',
  highRatioMinusOneCoef: 'RW × (ρ − 1) × c × a',
  highRatioMinusTwoPlusCoef: 'RW × (ρ − 2 + c) × a',
  highRatioMinusTwoPlusCoefCoef: 'RW × (ρ − 2 + c) × c × a',
  zeroRwPaidAtCost: 'cost / PV (RW = 0: paid at actual cost)',
};

/**
 * One case's inputs for {@link computeCasePoints}: small and explicit, independent of the catalog and grouping
 * shapes. Pass `Dec`s precomputed per packet on hot paths; strings are parsed.
 */
export interface CasePointsInput {
  /** Packet points `RW_i` (病种分值) as published. */
  readonly rw: DecLike;
  /** Packet kind; `primaryCare` (or `isPrimaryCare`) selects the primary-care kind for `applyToKinds`. */
  readonly kind: PacketKind;
  readonly isPrimaryCare?: boolean;
  /** Institution coefficient `c` (or primary-care factor `b`), from {@link resolveInstitutionCoefficient}. Default 1. */
  readonly coef?: DecLike;
  /** Auxiliary coefficient `a` (辅助分型调节系数). Default 1. */
  readonly auxCoef?: DecLike;
  /** Case total cost 医疗总费用 (all payers). */
  readonly cost: DecLike;
  /** The PV in force (for `S_L`, for κ, for RW = 0). */
  readonly pointValue?: DecLike;
  /** `c_L` for `S_L` when it differs from `coef` (default `coef`). */
  readonly referenceCoef?: DecLike;
  readonly sameLevelAverageCost?: DecLike;
  readonly simulatedAverageCost?: DecLike;
  /** Explicit outlier reference cost `R` (overrides `outlier.outlierReference`). */
  readonly referenceCost?: DecLike;
}

/** The policy sections {@link computeCasePoints} reads (a `ResolvedPolicy` fits). */
export interface CasePointsPolicy {
  readonly outlier: OutlierOptions;
  readonly rounding: Pick<RoundingOptions, 'casePoints'>;
  /** Fallback packets: whether coefficients and outlier rules apply (§6.5). Absent: neither. */
  readonly ungrouped?: Pick<UngroupedOptions, 'coefficientsApplyToFallback' | 'outlierRulesApplyToFallback'>;
}

/**
 * Case points with every intermediate (DIP-RULES.md §6; §8.7): an auditor re-derives `points` from `formula`,
 * the inputs, `rho`/`kappa`/`factor`, and `rounding`.
 */
export interface CasePointsResult {
  readonly outlierClass: OutlierClass;
  readonly formula: CaseFormula;
  readonly rw: Dec;
  /** `c` as applied (1 for fallback packets without coefficients). */
  readonly coef: Dec;
  readonly auxCoef: Dec;
  readonly cost: Dec;
  /** Outlier reference cost `R` and its basis (absent when not tested). */
  readonly referenceBasis?: ReferenceBasis;
  readonly reference?: Dec;
  /** `ρ = cost / R`, unrounded. */
  readonly rho?: Dec;
  /** The high threshold used (after `highThresholdSteps`). */
  readonly highThreshold?: Dec;
  /** `κ = cost / (RW × PV × c × a)`, unrounded (3.0 low formula). */
  readonly kappa?: Dec;
  /** The outlier factor multiplying `RW` (ρ, ρ − 1, ρ − 2 + c), unrounded. */
  readonly factor?: Dec;
  /** Points before rounding (exact product). */
  readonly pointsUnrounded: Dec;
  /** Case points 病例分值, rounded by `rounding.casePoints`. */
  readonly points: Dec;
  readonly rounding: RoundingRule;
  /** Needs expert review (extreme `review`, Jining 高倍率 flag, `aboveHighBand`). */
  readonly needsReview: boolean;
  /** For `zeroRw`: the amount paid at actual cost (= cost). */
  readonly paidAtCostAmount?: Dec;
  readonly issues: readonly Issue[];
}

interface PreparedOutlier {
  readonly o: OutlierOptions;
  readonly low: Dec;
  readonly high: Dec;
  readonly highUpper: Dec | undefined;
  readonly highSteps: readonly { readonly from: Dec; readonly threshold: Dec }[] | undefined;
  readonly extreme: Dec | undefined;
  readonly applyTo: ReadonlySet<PacketKind>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const TWO = dec(2);
const NO_ISSUES: readonly Issue[] = Object.freeze([]);

const prepareOutlier = memoByObject(
  (o: OutlierOptions): PreparedOutlier => ({
    o,
    low: dec(o.lowThreshold),
    high: dec(o.highThreshold),
    highUpper: o.highUpper === undefined ? undefined : dec(o.highUpper),
    highSteps: o.highThresholdSteps?.map((s) => ({ from: dec(s.fromReference), threshold: dec(s.threshold) })).sort((a, b) => a.from.cmp(b.from)),
    extreme: o.extremeThreshold === undefined ? undefined : dec(o.extremeThreshold),
    applyTo: new Set(o.applyToKinds),
  }),
);

/**
 * Case points 病例分值 of one grouped case (DIP-RULES.md §6.1–§6.3; DIP 3.0 draft ch. 5 §3, ch. 6 §1; DIP 1.0 spec
 * (summary); Hubei / Jining / Tai'an 2023 code).
 *
 * Steps (each with its scale and rounding; §8.7):
 * 1. `RW = 0` → paid at actual cost (`zeroRwPolicy`): points = `cost / PV`, `paidAtCostAmount = cost`.
 * 2. Packet kind outside `applyToKinds` (fallback: unless `ungrouped.outlierRulesApplyToFallback`) →
 *    normal points `RW × c × a` (`notTested`). Fallback packets use `c = a = 1` unless
 *    `ungrouped.coefficientsApplyToFallback`.
 * 3. `R` by `outlierReference` (§6.2), unrounded; `ρ = cost / R` unrounded.
 * 4. Class, by exact comparisons with the policy's thresholds and inclusivity (§0.2): extreme (if
 *    `extremeThreshold`), then high (`highThreshold`, or the step for `R` in `highThresholdSteps`; above
 *    `highUpper` → `aboveHighBand`), then low, else normal.
 * 5. Points, unrounded: normal `RW × c × a`; low `ratio` `RW × ρ × a` (× c when `coefInLow = multiply`) or
 *    `paidAtCost` `RW × c × a × κ` with κ unrounded (T6); high `ratioMinusOne` `RW × (ρ − 1) × a` or
 *    `ratioMinusTwoPlusCoef` `RW × (ρ − 2 + c) × a`; `coefInHigh = multiply` multiplies by `c`, `additive` turns
 *    `ratioMinusOne` into `(ρ − 2 + c)` (the coefficient replaces the "+1"), `none` adds nothing. Extreme:
 *    `review` → the high formula, provisional, `needsReview`; `normalPoints` → `RW × c × a`, flagged
 *    (Jining 高倍率); `highFormula` → no extreme class (Hubei, Tai'an).
 * 6. Round once by `rounding.casePoints` (default 4 dp half-up).
 *
 * @example
 * ```ts
 * // T6: national 3.0 low outlier, paid at cost
 * computeCasePoints({ rw: '1500', kind: 'core', coef: '0.9', cost: '5000', pointValue: '10' },
 *   { outlier: DEFAULT_OUTLIER_OPTIONS, rounding: DEFAULT_ROUNDING_OPTIONS })
 * // { outlierClass: 'low', formula: 'lowPaidAtCost', kappa: 0.370370…, points: Dec('500'), … }
 * ```
 */
export function computeCasePoints(input: CasePointsInput, policy: CasePointsPolicy): CasePointsResult {
  // One case per context: the integer bounds of the fast path would cost more than they save.
  return scoreCaseDecimal(buildContext(input, policy, false), input.cost);
}

/** The per-packet part of {@link CasePointsInput}: everything but the case cost. */
export type CaseContextInput = Omit<CasePointsInput, 'cost'>;

/**
 * Everything about a case's points that does not depend on its cost, computed once per (packet, coefficient,
 * auxiliary coefficient, PV, reference) and reused for every case sharing them: `RW × c × a` (unrounded and
 * rounded), `R`, and the bounds `t × R` the cost is compared with (exact products).
 */
export interface CaseContext {
  readonly policy: CasePointsPolicy;
  readonly rw: Dec;
  readonly coef: Dec;
  readonly auxCoef: Dec;
  readonly pointValue: Dec | undefined;
  readonly tested: boolean;
  readonly normalUnrounded: Dec;
  readonly normal: Dec;
  readonly referenceBasis: ReferenceBasis | undefined;
  /** `R` when positive; undefined when not tested or unknown. */
  readonly reference: Dec | undefined;
  /** Why `R` is unusable (tested but missing or ≤ 0). */
  readonly referenceProblem: string | undefined;
  readonly highThreshold: Dec | undefined;
  readonly lowBound: Dec | undefined;
  readonly highBound: Dec | undefined;
  readonly highUpperBound: Dec | undefined;
  readonly extremeBound: Dec | undefined;
  /** The bounds as integers of 1/10^4 yuan for {@link scoreCase}'s fast path (internal; undefined: decimal path only). */
  readonly scaled?: ScaledCaseContext | undefined;
}

/**
 * Precompute a {@link CaseContext} (see {@link computeCasePoints} for the rules). Callers scoring many cases of the
 * same packet and hospital keep the context and call {@link scoreCase} per case: the normal path is then a few exact
 * comparisons and one division (ρ, kept for the trace).
 *
 * @example
 * ```ts
 * const ctx = prepareCaseContext({ rw: '1500', kind: 'core', coef: '0.9', pointValue: '10' }, policy);
 * scoreCase(ctx, '13500').points.toFixed(4)   // '1350.0000'
 * ```
 */
export function prepareCaseContext(input: CaseContextInput, policy: CasePointsPolicy): CaseContext {
  return buildContext(input, policy, true);
}

function buildContext(input: CaseContextInput, policy: CasePointsPolicy, withScaled: boolean): CaseContext {
  const p = prepareOutlier(policy.outlier);
  const o = p.o;
  const rounding = policy.rounding.casePoints;
  const rw = toDec(input.rw);
  const isFallback = input.kind === 'fallback';
  const coefApplies = !isFallback || policy.ungrouped?.coefficientsApplyToFallback === true;
  const c = coefApplies && input.coef !== undefined ? toDec(input.coef) : ONE;
  const a = coefApplies && input.auxCoef !== undefined ? toDec(input.auxCoef) : ONE;
  const pv = toDecOpt(input.pointValue);
  // DIP 1.0 (summary): normal points carry no institution coefficient (`coefInNormal: 'none'`, DIP-RULES.md §6.3, T11).
  // `× a` is skipped when `a` is the shared ONE and the product before it is a `times` result: decimal.js rounds
  // every product to 40 significant digits, so that product has at most 40 and `x.times(1)` equals `x` (same value,
  // same digits; a `Dec` keeps no scale). `rw.times(a)` keeps its multiplication: a parsed RW may have more digits.
  const normalUnrounded = o.coefInNormal === 'none' ? rw.times(a) : a === ONE ? rw.times(c) : rw.times(c).times(a);
  const kindKey: PacketKind = input.isPrimaryCare === true ? 'primaryCare' : input.kind;
  const tested = !rw.isZero() && (isFallback ? policy.ungrouped?.outlierRulesApplyToFallback === true || p.applyTo.has('fallback') : p.applyTo.has(kindKey));
  let referenceBasis: ReferenceBasis | undefined;
  let R: Dec | undefined;
  let problem: string | undefined;
  if (tested) {
    const ref = computeReferenceCost(o.outlierReference, {
      rw,
      auxCoef: a,
      referenceCoef: input.referenceCoef === undefined ? c : toDec(input.referenceCoef),
      pointValue: pv,
      sameLevelAverageCost: toDecOpt(input.sameLevelAverageCost),
      simulatedAverageCost: toDecOpt(input.simulatedAverageCost),
      referenceCost: toDecOpt(input.referenceCost),
    });
    referenceBasis = ref.basis;
    if (!('value' in ref)) problem = `reference cost R (${ref.basis}) needs ${ref.missing}`;
    else if (ref.value.lte(0)) problem = `reference cost R = ${ref.value.toFixed()} is not positive`;
    else R = ref.value;
  }
  const highT = R === undefined ? undefined : highThresholdFor(p, R);
  const ctx: Mutable<CaseContext> = {
    policy,
    rw,
    coef: c,
    auxCoef: a,
    pointValue: pv,
    tested,
    normalUnrounded,
    normal: roundDec(normalUnrounded, rounding),
    referenceBasis,
    reference: R,
    referenceProblem: problem,
    highThreshold: highT,
    lowBound: R === undefined ? undefined : p.low.times(R),
    highBound: R === undefined || highT === undefined ? undefined : highT.times(R),
    highUpperBound: R === undefined || p.highUpper === undefined ? undefined : p.highUpper.times(R),
    extremeBound: R === undefined || p.extreme === undefined || o.extremeAction === 'highFormula' ? undefined : p.extreme.times(R),
    scaled: undefined,
  };
  if (withScaled) {
    ctx.scaled = buildScaledContext(ctx, tested, {
      lowBound: ctx.lowBound,
      highBound: ctx.highBound,
      extremeBound: ctx.extremeBound,
      highUpperBound: ctx.highUpperBound,
      lowInclusive: o.lowInclusive,
      highInclusive: o.highInclusive,
      extremeInclusive: o.extremeInclusive,
    });
  }
  return ctx;
}

function make(ctx: CaseContext, cost: Dec, cls: OutlierClass, formula: CaseFormula, u: Dec, points: Dec, needsReview: boolean, issues: readonly Issue[]): Mutable<CasePointsResult> {
  return { outlierClass: cls, formula, rw: ctx.rw, coef: ctx.coef, auxCoef: ctx.auxCoef, cost, pointsUnrounded: u, points, rounding: ctx.policy.rounding.casePoints, needsReview, issues };
}

/**
 * Score one case on a precomputed {@link CaseContext}: the same result as {@link computeCasePoints}.
 *
 * Fast path (src/points/scaledCasePoints.ts): when `costIn` is a plain decimal string with at most 4 decimal
 * places (the records reader's canonical text, e.g. `'12345.67'`), the case is classified with integers of
 * 1/10^4 yuan against the context's bounds; a normal or not-tested case then returns the context's normal points
 * without decimal.js, its `cost` and `rho` computed on first read (getters, same values as the decimal path; they
 * are not own enumerable properties of that result object). Low / high / extreme / above-band cases are classified the
 * same way and their points computed exactly on BigInt mantissas, replaying the decimal path's `Dec` operations with
 * decimal.js's 40-digit rounding (src/points/decimal40.ts); `cost`, `rho`, `factor`, `kappa`, `pointsUnrounded` and
 * `issues` of those results are getters too. Use {@link rhoToFixed} to print ρ without the division. Every other
 * case (a `Dec` cost, other cost forms, RW = 0, no reference, negative inputs, a non-positive high numerator) takes
 * the decimal path, {@link scoreCaseDecimal}.
 *
 * @example
 * ```ts
 * scoreCase(prepareCaseContext({ rw: '1500', kind: 'core', coef: '0.9', pointValue: '10' }, policy), '5000').points
 * // Dec('500') under national_3_0 (T6)
 * ```
 */
export function scoreCase(ctx: CaseContext, costIn: DecLike): CasePointsResult {
  if (typeof costIn === 'string' && ctx.scaled !== undefined) {
    const r = scoreScaled(ctx.scaled, costIn);
    if (r !== undefined) return r;
  }
  return scoreCaseDecimal(ctx, costIn);
}

/**
 * {@link scoreCase} without the scaled-integer fast path: every step in decimal.js, every field an own property.
 * The reference the fast path is proven equal to (tests/points/scaledCasePoints.test.ts) and the "before" of
 * `bench/points-ab.ts`.
 *
 * @example
 * ```ts
 * scoreCaseDecimal(ctx, '13500.00').rho?.toFixed(6)   // '1.000000' (R = 13500)
 * ```
 */
export function scoreCaseDecimal(ctx: CaseContext, costIn: DecLike): CasePointsResult {
  const policy = ctx.policy;
  const o = policy.outlier;
  const rounding = policy.rounding.casePoints;
  const cost = toDec(costIn);
  const { rw, coef: c, auxCoef: a, pointValue: pv } = ctx;

  // 1. RW = 0: paid at actual cost.
  if (rw.isZero()) {
    if (pv === undefined || pv.isZero()) {
      const r = make(ctx, cost, 'zeroRw', 'zeroRwPaidAtCost', ZERO, ZERO, false, [
        { severity: 'warning', code: 'points.zero_rw_without_pv', message: 'packet RW = 0 is paid at cost; without a point value the case carries no points', expected: 'pointValue' },
      ]);
      r.paidAtCostAmount = cost;
      return r;
    }
    const u = cost.div(pv);
    const r = make(ctx, cost, 'zeroRw', 'zeroRwPaidAtCost', u, roundDec(u, rounding), false, NO_ISSUES);
    r.paidAtCostAmount = cost;
    return r;
  }
  // 2. Not tested.
  if (!ctx.tested) return make(ctx, cost, 'notTested', 'normal', ctx.normalUnrounded, ctx.normal, false, NO_ISSUES);
  // 3. Reference cost.
  const R = ctx.reference;
  if (R === undefined) {
    const r = make(ctx, cost, 'noReference', 'normal', ctx.normalUnrounded, ctx.normal, true, [
      { severity: 'error', code: 'points.reference_missing', message: `${ctx.referenceProblem ?? 'reference cost R unknown'}; normal points given, outlier test not applied`, expected: 'a positive reference cost' },
    ]);
    if (ctx.referenceBasis !== undefined) r.referenceBasis = ctx.referenceBasis;
    return r;
  }
  const rho = cost.div(R);
  const withRef = (r: Mutable<CasePointsResult>): Mutable<CasePointsResult> => {
    if (ctx.referenceBasis !== undefined) r.referenceBasis = ctx.referenceBasis;
    r.reference = R;
    r.rho = rho;
    if (ctx.highThreshold !== undefined) r.highThreshold = ctx.highThreshold;
    return r;
  };

  // 4.–5. Classify by exact comparisons of cost with t × R (never the 40-digit quotient ρ; §0.2, §8.7).
  const isExtreme = ctx.extremeBound !== undefined && isAbove(cost, ctx.extremeBound, o.extremeInclusive);
  if (isExtreme && o.extremeAction === 'normalPoints') {
    return withRef(
      make(ctx, cost, 'extreme', 'normal', ctx.normalUnrounded, ctx.normal, true, [
        { severity: 'warning', code: 'points.extreme_case', message: `ρ = ${rho.toSignificantDigits(12).toFixed()} is above the extreme threshold ${o.extremeThreshold ?? ''}: normal points, flagged for review (高倍率)` },
      ]),
    );
  }
  if (isExtreme || (ctx.highBound !== undefined && isAbove(cost, ctx.highBound, o.highInclusive))) {
    if (!isExtreme && ctx.highUpperBound !== undefined && cost.gt(ctx.highUpperBound)) {
      return withRef(
        make(ctx, cost, 'aboveHighBand', 'normal', ctx.normalUnrounded, ctx.normal, true, [
          { severity: 'warning', code: 'points.above_high_band', message: `ρ = ${rho.toSignificantDigits(12).toFixed()} is above highUpper ${o.highUpper ?? ''}: no rule, normal points given, flagged for review` },
        ]),
      );
    }
    const additive = o.highFormula === 'ratioMinusTwoPlusCoef' || o.coefInHigh === 'additive';
    const factor = additive ? rho.minus(TWO).plus(c) : rho.minus(ONE);
    const multiply = o.coefInHigh === 'multiply';
    const formula: CaseFormula = additive ? (multiply ? 'highRatioMinusTwoPlusCoefCoef' : 'highRatioMinusTwoPlusCoef') : multiply ? 'highRatioMinusOneCoef' : 'highRatioMinusOne';
    // Exact numerator first, one division by R last: RW × (cost − R) / R, RW × (cost − 2R + c·R) / R. Multiplying
    // the 40-digit ρ instead can land just off a rounding tie (see the differential property in tests/properties).
    const numerator = additive ? cost.minus(R.times(TWO)).plus(c.times(R)) : cost.minus(R);
    let u = rw.times(numerator);
    if (multiply) u = u.times(c);
    u = u.times(a).div(R);
    const r = withRef(
      make(
        ctx,
        cost,
        isExtreme ? 'extreme' : 'high',
        formula,
        u,
        roundDec(u, rounding),
        isExtreme,
        isExtreme
          ? [{ severity: 'warning', code: 'points.extreme_case', message: `ρ = ${rho.toSignificantDigits(12).toFixed()} is above the extreme threshold ${o.extremeThreshold ?? ''}: expert review; provisional points by the high formula` }]
          : NO_ISSUES,
      ),
    );
    r.factor = factor;
    return r;
  }
  if (ctx.lowBound !== undefined && isBelow(cost, ctx.lowBound, o.lowInclusive)) {
    if (o.lowFormula === 'paidAtCost') {
      if (pv === undefined || pv.isZero()) {
        return withRef(
          make(ctx, cost, 'low', 'normal', ctx.normalUnrounded, ctx.normal, true, [
            { severity: 'error', code: 'points.pv_missing', message: 'low outlier paid at cost needs the point value in force (κ = cost / (RW × PV × c × a)); normal points given', expected: 'pointValue' },
          ]),
        );
      }
      const kappa = cost.div(ctx.normalUnrounded.times(pv));
      // RW × c × a × κ = cost / PV exactly. Compute it as one division: multiplying back by the 40-digit κ can
      // land just below a rounding tie (1.19 / 1.6 = 0.74375 became 0.7437; found by the differential property
      // against the BigInt reference in tests/properties).
      const u = cost.div(pv);
      const r = withRef(make(ctx, cost, 'low', 'lowPaidAtCost', u, roundDec(u, rounding), false, NO_ISSUES));
      r.kappa = kappa;
      r.factor = kappa;
      return r;
    }
    const multiply = o.coefInLow === 'multiply';
    // RW × ρ = RW × cost / R: exact product first, one division last (rounding ties stay exact).
    let u = rw.times(cost);
    if (multiply) u = u.times(c);
    u = u.times(a).div(R);
    const r = withRef(make(ctx, cost, 'low', multiply ? 'lowRatioCoef' : 'lowRatio', u, roundDec(u, rounding), false, NO_ISSUES));
    r.factor = rho;
    return r;
  }
  return withRef(make(ctx, cost, 'normal', 'normal', ctx.normalUnrounded, ctx.normal, false, NO_ISSUES));
}

/** The high threshold for reference cost `R`: the last step with `fromReference ≤ R`, else `highThreshold`. */
function highThresholdFor(p: PreparedOutlier, R: Dec): Dec {
  if (p.highSteps === undefined) return p.high;
  let t = p.high;
  for (const s of p.highSteps) {
    if (s.from.lte(R)) t = s.threshold;
    else break;
  }
  return t;
}
