/**
 * FROZEN REFERENCE COPY of `src/run/caseScorer.ts` at 25c6084 (before the per-case speed-ups of issue 6), imports
 * rewritten to `src/`. Used by the old-vs-new property tests (`tests/run/runLoopEquivalence.test.ts`) and the A/B
 * benchmark `bench/run-state-ab.ts`. Do not edit.
 */
/**
 * The pure per-case part of a region-year run (区域年度结算, DIP-RULES.md §6): for one accepted record, the year and
 * hospital checks, pool, month, grouping, institution coefficient, case points (or ungrouped points), and the issues
 * of the case in the order the run reports them. Everything here depends only on the record, the policy, the
 * grouper, the year and the hospital table, so it may run in a worker thread; the stateful rest (issue counting and
 * "once" dedup, counts, sums, special cases, the post-pass) is `runState.ts`.
 *
 * @module
 */
import type { Issue } from '../../../src/core/issue.js';
import { ONE, ZERO, dec, formatDecimal } from '../../../src/decimal/index.js';
import type { Dec } from '../../../src/decimal/index.js';
import type { Points, Ratio } from '../../../src/decimal/brands.js';
import type { CoefficientOptions, ResolvedPolicy } from '../../../src/policy/schema.js';
import { prepareCaseContext, scoreCase } from '../../../src/points/casePoints.js';
import { rhoToFixed } from '../../../src/points/scaledCasePoints.js';
import type { CaseContext } from '../../../src/points/casePoints.js';
import { computeUngroupedPoints } from '../../../src/points/ungroupedPoints.js';
import { resolveInstitutionCoefficient } from '../../../src/points/institutionCoefficient.js';
import type { ResolvedCoefficient } from '../../../src/points/institutionCoefficient.js';
import type { DischargeRecord } from '../../../src/records/types.js';
import { bookedAmount } from '../../../src/pointValue/fundPayRatio.js';
import type { GroupResult } from '../../../src/grouping/types.js';
import { poolSetupOf } from '../../../src/run/poolSetup.js';
import { MONEY_UNITS_SCALE, scaledUnits } from '../../../src/run/scaledSum.js';
import type { CaseResult, CaseStatus, HospitalInfo, RunPool } from '../../../src/run/types.js';

/** What the run needs of a grouper: `createGrouper(catalog, options)` from `src/grouping` fits. */
export interface CaseGrouper {
  group(record: DischargeRecord): GroupResult;
}

/** Inputs of {@link createCaseScorer}: the parts of a run's input that scoring a case depends on. */
export interface ScorerInput {
  /** The policy resolved at the settlement date (`resolvePolicy(policy, 'YYYY-12-31')`). */
  readonly policy: ResolvedPolicy;
  /** The grouper built on the catalog with the policy's grouping options. */
  readonly grouper: CaseGrouper;
  /** Settlement year; cases discharged in another year are `outOfYear`. */
  readonly year: number;
  /** Hospital master (DIP-RULES.md §2.4); cases of other hospitals are `unknownHospital`. */
  readonly hospitals: readonly HospitalInfo[];
}

/**
 * One accepted record, scored. Plain data only (strings, numbers, booleans, plain objects and arrays, `undefined`),
 * so that it survives `structuredClone` / `postMessage` from a worker unchanged. Every field is always present (one
 * object shape).
 *
 * The run state ({@link createRunState} in `runState.ts`) applies it: it emits `issues` in order, then `onceIssues`
 * in order (each code reported once, its repeats counted), counts the case by `result.status`, and adds its points,
 * cost, booked amount and patient payment to the hospital × month × pool sums when `hasPoints`.
 */
export interface ScoredCase {
  /** The per-case output row; `result.line` is the record's line. */
  readonly result: CaseResult;
  /**
   * Issues to report as they are, in order: the record's warnings (with the case's line), then `run.out_of_year`
   * or the grouper's case issues. `undefined` when none.
   */
  readonly issues: readonly Issue[] | undefined;
  /**
   * Issues that would repeat on every case (a missing coefficient, a missing PV, ungrouped report-only): reported
   * once per code with the first line, repeats counted (`run.repeated_issue`). Come after `issues`. `undefined`
   * when none.
   */
  readonly onceIssues: readonly Issue[] | undefined;
  /** The case carries DIP points (grouped, or ungrouped under a policy that gives points); only when settled. */
  readonly hasPoints: boolean;
  /**
   * Exact points text when they have more decimals than `rounding.casePoints.scale` (never from `src/points`, which
   * rounds them); otherwise `undefined` and the points are `result.casePoints`.
   */
  readonly pointsExact: string | undefined;
  /** Booked amount 记账金额 of the case (§7.2 `bookedAmountComponents`), exact decimal text; `''` unless settled. */
  readonly booked: string;
  /** Patient payment of the case (exact decimal text, the record's); `''` unless settled. */
  readonly patientPaid: string;
  /**
   * The points × 10^`rounding.casePoints.scale` as an integer (`scaledUnits` of `src/run/scaledSum.ts`), `NaN` when
   * they are not a plain decimal of that scale (then the text above counts) or the case has no points.
   */
  readonly pointsUnits: number;
  /** `result.totalCost` in 1/10^4 yuan (`MONEY_UNITS_SCALE`), `NaN` when not plain or not settled. */
  readonly costUnits: number;
  /** `booked` in 1/10^4 yuan, `NaN` when not plain or not settled. */
  readonly bookedUnits: number;
  /** `patientPaid` in 1/10^4 yuan, `NaN` when not plain or not settled. */
  readonly patientPaidUnits: number;
}

/** The scorer of {@link createCaseScorer}. */
export interface CaseScorer {
  /** Score one accepted record at `line` with the reader's `warnings` for it. Pure in its result. */
  score(record: DischargeRecord, line: number, warnings: readonly Issue[] | undefined): ScoredCase;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Decimal places of the cost ratio ρ in the per-case output (display only: ρ itself is never rounded, §8.7). */
const RATIO_DISPLAY_DP = 6;

/** Bound of the per-(packet, coefficient, pool) context cache: memory stays flat however many cases. */
const MAX_CONTEXTS = 50_000;

interface PointsText {
  readonly text: string;
  readonly exact: string | undefined;
  readonly units: number;
}

function withLine(issues: readonly Issue[], line: number, out: Issue[]): void {
  for (const i of issues) out.push(i.line === undefined ? { ...i, line } : i);
}

/**
 * Build the per-case scorer of a run (DIP-RULES.md §5.10, §6.1–§6.3, §6.5): year check, hospital lookup, pool
 * (`insurance_type`, or `all` unless `pointValue.perPool`), month (settlement date, else discharge date, §2.3),
 * grouping, institution coefficient (hospital table → `byHospital`, level → `byLevel`), case points with the PV in
 * force on a context cached per (packet, c, c_L, a, pool), or ungrouped points by `ungroupedPolicy`.
 * Its caches (coefficients, contexts) only make it faster: the same record always gives the same {@link ScoredCase}.
 *
 * @example
 * ```ts
 * const scorer = createCaseScorer({ policy, grouper, year: 2025, hospitals });
 * const s = scorer.score(record, 2, []);
 * s.result.status      // 'grouped'
 * s.result.casePoints  // '1234.5678'
 * ```
 */
export function createCaseScorer(input: ScorerInput): CaseScorer {
  const { policy } = input;
  const setup = poolSetupOf(policy);
  const perPool = policy.pointValue.perPool;
  const hospitals = new Map<string, HospitalInfo>();
  const byHospital: Record<string, string> = {};
  for (const h of input.hospitals) {
    hospitals.set(h.hospitalId, h);
    if (h.coefficient !== undefined) byHospital[h.hospitalId] = h.coefficient;
  }
  const coefOptions: CoefficientOptions = { ...policy.coefficients, byHospital: { ...byHospital, ...policy.coefficients.byHospital } };
  const casePolicy = { outlier: policy.outlier, rounding: policy.rounding, ungrouped: policy.ungrouped };
  const casePointsScale = policy.rounding.casePoints.scale;
  /**
   * `c` of the case and `c_L` of its level for `S_L` (§5.10, §6.2). Without per-packet entries in the policy
   * (`byPacket`, `primaryCareCoefByPacket`, `primaryCarePackets`) they depend only on the hospital and the primary-care
   * flag, so they are resolved once per hospital; otherwise per case.
   */
  const packetFree = coefOptions.byPacket.length === 0 && Object.keys(coefOptions.primaryCareCoefByPacket).length === 0 && coefOptions.primaryCarePackets.length === 0;
  const coefCache = new Map<string, { c: ResolvedCoefficient; referenceCoef: Dec }>();
  const coefficientsOf = (h: HospitalInfo, packetCode: string, isPrimaryCare: boolean): { c: ResolvedCoefficient; referenceCoef: Dec } => {
    const key = packetFree ? `${h.hospitalId}|${isPrimaryCare ? 1 : 0}` : undefined;
    const hit = key === undefined ? undefined : coefCache.get(key);
    if (hit !== undefined) return hit;
    const c = resolveInstitutionCoefficient(coefOptions, { hospitalId: h.hospitalId, level: h.level, packetCode, isPrimaryCare });
    let referenceCoef = c.coef;
    if (!c.isPrimaryCare && h.level !== '') {
      const cl = resolveInstitutionCoefficient(coefOptions, { level: h.level, packetCode });
      if (cl.issue === undefined) referenceCoef = cl.coef;
    }
    const v = { c, referenceCoef };
    if (key !== undefined) coefCache.set(key, v);
    return v;
  };
  const contexts = new Map<string, CaseContext>();
  const coefTexts = new Map<Dec, string>();
  const coefText = (d: Dec): string => {
    let t = coefTexts.get(d);
    if (t === undefined) {
      if (coefTexts.size >= MAX_CONTEXTS) coefTexts.clear();
      coefTexts.set(d, (t = formatDecimal(d)));
    }
    return t;
  };
  /** Text, units and (when longer than the scale) exact text of a case's points (DIP-RULES.md §6.1 `rounding.casePoints`). */
  const pointsTextOf = (points: Dec): PointsText => {
    const text = points.toFixed(casePointsScale);
    const exact = points.decimalPlaces() > casePointsScale ? formatDecimal(points) : undefined;
    return { text, exact, units: exact === undefined ? scaledUnits(text, casePointsScale) : NaN };
  };
  const pointsTexts = new Map<Dec, PointsText>();
  const cachedPointsText = (points: Dec): PointsText => {
    let t = pointsTexts.get(points);
    if (t === undefined) {
      if (pointsTexts.size >= MAX_CONTEXTS) pointsTexts.clear();
      pointsTexts.set(points, (t = pointsTextOf(points)));
    }
    return t;
  };
  const zeroPointsText = ZERO.toFixed(casePointsScale);
  const bookedCols = policy.pointValue.bookedAmountComponents;
  const bookedFundOnly = bookedCols.length === 1 && bookedCols[0] === 'fund_paid';
  const yearPrefix = String(input.year);

  const score = (rec: DischargeRecord, line: number, warnings: readonly Issue[] | undefined): ScoredCase => {
    let issues: Issue[] | undefined;
    if (warnings !== undefined && warnings.length > 0) withLine(warnings, line, (issues = []));
    const pool: RunPool = perPool ? rec.insuranceType : 'all';
    const month = (rec.settlementDate ?? rec.dischargeDate).slice(0, 7);
    // Per-case objects are plain literals with optional fields assigned afterwards: object spreads of varying shapes
    // cost ~20 µs each on Node 20, more than scoring the case.
    const caseResult = (status: CaseStatus, casePoints: string): Mutable<CaseResult> => ({ line, caseId: rec.caseId, hospitalId: rec.hospitalId, pool, month, status, casePoints: casePoints as Points, totalCost: rec.totalCost });
    const excluded = (result: CaseResult): ScoredCase => ({ result, issues, onceIssues: undefined, hasPoints: false, pointsExact: undefined, booked: '', patientPaid: '', pointsUnits: NaN, costUnits: NaN, bookedUnits: NaN, patientPaidUnits: NaN });

    if (!rec.dischargeDate.startsWith(yearPrefix)) {
      (issues ??= []).push({ severity: 'error', code: 'run.out_of_year', message: `case ${rec.caseId}: discharged ${rec.dischargeDate}, outside settlement year ${input.year}; excluded`, line, column: 'discharge_date', received: rec.dischargeDate });
      const r = caseResult('outOfYear', '0');
      r.reason = 'outOfYear';
      return excluded(r);
    }
    const h = hospitals.get(rec.hospitalId);
    if (h === undefined) {
      const r = caseResult('unknownHospital', '0');
      r.reason = 'unknownHospital';
      return excluded(r);
    }

    const g = input.grouper.group(rec);
    if (g.caseIssues.length > 0) withLine(g.caseIssues, line, (issues ??= []));
    const pvNow = setup.pvInForce(pool);
    let onceIssues: Issue[] | undefined;
    let points: Dec | undefined;
    let pt: PointsText | undefined;
    let result: CaseResult;
    if (g.status === 'grouped') {
      const kind = g.isPrimaryCare ? 'primaryCare' : g.kind;
      const { c, referenceCoef } = coefficientsOf(h, g.packetCode, g.isPrimaryCare);
      if (c.issue !== undefined) (onceIssues ??= []).push({ ...c.issue, message: `${c.issue.message} (coefficient 1 used)`, line });
      // Everything but the cost is shared by the cases of one (packet, c, c_L, a, pool): cache the context
      // (src/points prepareCaseContext), bounded so memory does not grow with the cases.
      const ctxKey = `${g.packetCode}|${coefText(c.coef)}|${coefText(referenceCoef)}|${g.auxCoef}|${pool}|${g.kind}|${g.isPrimaryCare ? 1 : 0}`;
      let ctx = contexts.get(ctxKey);
      if (ctx === undefined) {
        if (contexts.size >= MAX_CONTEXTS) contexts.clear();
        ctx = prepareCaseContext(
          { rw: g.packet.points, kind: g.kind, isPrimaryCare: g.isPrimaryCare, coef: c.coef, auxCoef: g.auxCoef === '1' ? ONE : g.auxCoef, referenceCoef, ...(pvNow === undefined ? {} : { pointValue: pvNow }) },
          casePolicy,
        );
        contexts.set(ctxKey, ctx);
      }
      // the cost text itself: src/points classifies a plain ≤ 4 dp cost with integers (scoreScaled)
      const cp = scoreCase(ctx, rec.totalCost);
      for (const pi of cp.issues) (onceIssues ??= []).push({ ...pi, line });
      points = cp.points;
      // points are already rounded to the casePoints scale by src/points: fixed-scale text without re-rounding; the
      // context's normal points (most cases) are formatted once
      pt = points === ctx.normal ? cachedPointsText(points) : pointsTextOf(points);
      const r = caseResult('grouped', pt.text);
      r.packetCode = g.packetCode;
      r.packetKind = kind;
      r.outlier = cp.outlierClass;
      r.coefficient = coefText(cp.coef) as Ratio;
      r.auxCoef = coefText(cp.auxCoef) as Ratio;
      const rho = rhoToFixed(cp, RATIO_DISPLAY_DP);
      if (rho !== undefined) r.ratio = rho as Ratio;
      if (cp.needsReview) r.reason = 'review';
      result = r;
    } else {
      // §6.5 via src/points: reportOnly (no points, one warning per case, summarised), fixedPoints, paidAtCost;
      // blankPacket needs the KBBZ packet's RW and mean cost, which the run does not look up (reported).
      const up = computeUngroupedPoints({ cost: dec(rec.totalCost), ...(pvNow === undefined ? {} : { pointValue: pvNow }) }, policy);
      for (const ui of up.issues) (onceIssues ??= []).push({ ...ui, line });
      if (up.included) {
        points = up.points;
        pt = pointsTextOf(points);
      }
      const r = caseResult('ungrouped', pt === undefined ? zeroPointsText : pt.text);
      r.reason = g.reason;
      result = r;
    }
    const booked = bookedFundOnly ? rec.fundPaid : formatDecimal(bookedAmount({ fundPaid: rec.fundPaid, otherPaid: rec.otherPaid }, bookedCols));
    return {
      result,
      issues,
      onceIssues,
      hasPoints: pt !== undefined,
      pointsExact: pt?.exact,
      booked,
      patientPaid: rec.patientPaid,
      pointsUnits: pt === undefined ? NaN : pt.units,
      costUnits: scaledUnits(rec.totalCost, MONEY_UNITS_SCALE),
      bookedUnits: scaledUnits(booked, MONEY_UNITS_SCALE),
      patientPaidUnits: scaledUnits(rec.patientPaid, MONEY_UNITS_SCALE),
    };
  };
  return { score };
}

