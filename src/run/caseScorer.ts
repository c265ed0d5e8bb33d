/**
 * The pure per-case part of a region-year run (区域年度结算, DIP-RULES.md §6): for one accepted record, the year and
 * hospital checks, pool, month, grouping, institution coefficient, case points (or ungrouped points), and the issues
 * of the case in the order the run reports them. Everything here depends only on the record, the policy, the
 * grouper, the year and the hospital table, so it may run in a worker thread; the stateful rest (issue counting and
 * "once" dedup, counts, sums, special cases, the post-pass) is `runState.ts`.
 *
 * @module
 */
import type { Issue } from '../core/issue.js';
import { ONE, ZERO, dec, formatDecimal } from '../decimal/index.js';
import type { Dec } from '../decimal/index.js';
import type { Points, Ratio } from '../decimal/brands.js';
import type { CoefficientOptions, ResolvedPolicy } from '../policy/schema.js';
import { prepareCaseContext, scoreCase } from '../points/casePoints.js';
import { rhoToFixed, scaledNormalRhoToFixed, scaledPointsText } from '../points/scaledCasePoints.js';
import type { CaseContext, CaseContextInput } from '../points/casePoints.js';
import { computeUngroupedPoints } from '../points/ungroupedPoints.js';
import { resolveInstitutionCoefficient } from '../points/institutionCoefficient.js';
import type { ResolvedCoefficient } from '../points/institutionCoefficient.js';
import type { DischargeRecord } from '../records/types.js';
import { bookedAmount } from '../pointValue/fundPayRatio.js';
import type { GroupResult } from '../grouping/types.js';
import { poolSetupOf } from './poolSetup.js';
import { MONEY_UNITS_SCALE, scaledUnits } from './scaledSum.js';
import type { CaseResult, HospitalInfo, RunPool } from './types.js';

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

/** Decimal places of the cost ratio ρ in the per-case output (display only: ρ itself is never rounded, §8.7). */
const RATIO_DISPLAY_DP = 6;

/** Bound of the per-(packet, coefficient, pool) context cache: memory stays flat however many cases. */
const MAX_CONTEXTS = 50_000;

interface PointsText {
  readonly text: string;
  readonly exact: string | undefined;
  readonly units: number;
}

/**
 * Contexts that share the coefficient texts `c`, `c_L` and the primary-care flag (one per distinct triple; a
 * hospital's resolved coefficients point to theirs): by packet code, then a short list of (a, PV of the pool, kind)
 * variants.
 */
interface ContextSlot {
  readonly byPacket: Map<string, ContextVariant[]>;
}

/** One cached context with the texts its cases print (formatted once). */
interface ContextVariant {
  readonly auxCoef: string;
  /** The PV in force of the case's pool (one object per PV value). */
  readonly pv: Dec | undefined;
  readonly kind: string;
  readonly ctx: CaseContext;
  /** `formatDecimal(ctx.coef)`, `formatDecimal(ctx.auxCoef)`. */
  readonly coefText: string;
  readonly auxText: string;
  /** Text of `ctx.normal` (the points of most cases), on first use. */
  normalText: PointsText | undefined;
}

/** Coefficients `c` and `c_L` of a hospital (or of one case) and the context slot of their texts. */
interface Coefficients {
  readonly c: ResolvedCoefficient;
  readonly referenceCoef: Dec;
  readonly slot: ContextSlot;
}

/** A hospital of the table with its coefficients, resolved on first use when they do not depend on the packet. */
interface HospitalEntry {
  readonly info: HospitalInfo;
  coefficients: Coefficients | undefined;
  primaryCareCoefficients: Coefficients | undefined;
}

function withLine(issues: readonly Issue[], line: number, out: Issue[]): void {
  for (const i of issues) out.push(i.line === undefined ? { ...i, line } : i);
}

/**
 * The month `YYYY-MM` of a date text: its first 7 characters (DIP-RULES.md §2.3), the same string object for every
 * case of a month when they are `dddd-dd` (so that later Map lookups by it hash it once); `slice(0, 7)` otherwise.
 */
function monthInterner(): (date: string) => string {
  const months = new Map<number, string>();
  return (d: string): string => {
    if (d.length >= 7 && d.charCodeAt(4) === 45) {
      const c0 = d.charCodeAt(0) - 48;
      const c1 = d.charCodeAt(1) - 48;
      const c2 = d.charCodeAt(2) - 48;
      const c3 = d.charCodeAt(3) - 48;
      const c5 = d.charCodeAt(5) - 48;
      const c6 = d.charCodeAt(6) - 48;
      // unsigned: any non-digit (negative or > 9 after − 48) fails
      if ((c0 >>> 0) < 10 && (c1 >>> 0) < 10 && (c2 >>> 0) < 10 && (c3 >>> 0) < 10 && (c5 >>> 0) < 10 && (c6 >>> 0) < 10) {
        const key = ((((c0 * 10 + c1) * 10 + c2) * 10 + c3) * 10 + c5) * 10 + c6;
        let m = months.get(key);
        if (m === undefined) months.set(key, (m = d.slice(0, 7)));
        return m;
      }
    }
    return d.slice(0, 7);
  };
}

/**
 * Build the per-case scorer of a run (DIP-RULES.md §5.10, §6.1–§6.3, §6.5): year check, hospital lookup, pool
 * (`insurance_type`, or `all` unless `pointValue.perPool`), month (settlement date, else discharge date, §2.3),
 * grouping, institution coefficient (hospital table → `byHospital`, level → `byLevel`), case points with the PV in
 * force on a context cached per (packet, c, c_L, a, PV in force), or ungrouped points by `ungroupedPolicy`.
 * Its caches (coefficients per hospital, contexts per (c, c_L, primary care) → packet → (a, PV, kind), month texts)
 * only make it faster: the same record gives the same {@link ScoredCase} — except the message of a coefficient issue
 * (`points.coefficient_missing`) under a policy without per-packet coefficients, which names the packet of the
 * hospital's first case, since the coefficient is resolved once per hospital (as before issue 6; the run reports that
 * code once, with the first case's own message).
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
  const hospitals = new Map<string, HospitalEntry>();
  const byHospital: Record<string, string> = {};
  for (const h of input.hospitals) {
    hospitals.set(h.hospitalId, { info: h, coefficients: undefined, primaryCareCoefficients: undefined });
    if (h.coefficient !== undefined) byHospital[h.hospitalId] = h.coefficient;
  }
  const coefOptions: CoefficientOptions = { ...policy.coefficients, byHospital: { ...byHospital, ...policy.coefficients.byHospital } };
  const casePolicy = { outlier: policy.outlier, rounding: policy.rounding, ungrouped: policy.ungrouped };
  const casePointsScale = policy.rounding.casePoints.scale;
  // PV in force per pool (poolSetup), looked up once, as one Dec object per value: pools with the same PV (the usual
  // case: one budget PV for both) share their contexts, which depend on the pool only through the PV
  const pvByValue = new Map<string, Dec>();
  const canonicalPv = (pv: Dec | undefined): Dec | undefined => {
    if (pv === undefined) return undefined;
    const k = pv.toString();
    let c = pvByValue.get(k);
    if (c === undefined) pvByValue.set(k, (c = pv));
    return c;
  };
  const pvEmployee = canonicalPv(setup.pvInForce('employee'));
  const pvResident = canonicalPv(setup.pvInForce('resident'));
  const pvAll = canonicalPv(setup.pvInForce('all'));
  const pvOf = (pool: RunPool): Dec | undefined => (pool === 'employee' ? pvEmployee : pool === 'resident' ? pvResident : pool === 'all' ? pvAll : canonicalPv(setup.pvInForce(pool)));

  // --- context cache: slot (texts of c, c_L, primary care) → packet code → (a, PV, kind) -----------------------------
  const slots = new Map<string, ContextSlot>();
  let contextCount = 0;
  const coefTexts = new Map<Dec, string>();
  const coefText = (d: Dec): string => {
    let t = coefTexts.get(d);
    if (t === undefined) {
      if (coefTexts.size >= MAX_CONTEXTS) coefTexts.clear();
      coefTexts.set(d, (t = formatDecimal(d)));
    }
    return t;
  };
  /**
   * One `Dec` per decimal text (packet points, auxiliary coefficients), parsed on the first context that needs it: the
   * contexts of a packet in every slot share it (`dec(text)` once instead of once per context), and so does the
   * context's `auxCoef`, whose canonical text {@link coefText} then formats once. Same values as `dec(text)`; bounded
   * like the contexts.
   */
  const decTexts = new Map<string, Dec>();
  const decOf = (text: string): Dec => {
    let d = decTexts.get(text);
    if (d === undefined) {
      if (decTexts.size >= MAX_CONTEXTS) decTexts.clear();
      decTexts.set(text, (d = dec(text)));
    }
    return d;
  };
  /** The slot of (c, c_L, primary care) by their texts, as the context key of the cases sharing them. */
  const slotOf = (coef: Dec, referenceCoef: Dec, isPrimaryCare: boolean): ContextSlot => {
    const key = `${coefText(coef)}|${coefText(referenceCoef)}|${isPrimaryCare ? 1 : 0}`;
    let slot = slots.get(key);
    if (slot === undefined) slots.set(key, (slot = { byPacket: new Map() }));
    return slot;
  };

  /**
   * `c` of the case and `c_L` of its level for `S_L` (§5.10, §6.2). Without per-packet entries in the policy
   * (`byPacket`, `primaryCareCoefByPacket`, `primaryCarePackets`) they depend only on the hospital and the primary-care
   * flag, so they are resolved once per hospital; otherwise per case.
   */
  const packetFree = coefOptions.byPacket.length === 0 && Object.keys(coefOptions.primaryCareCoefByPacket).length === 0 && coefOptions.primaryCarePackets.length === 0;
  const resolveCoefficients = (h: HospitalInfo, packetCode: string, isPrimaryCare: boolean): Coefficients => {
    const c = resolveInstitutionCoefficient(coefOptions, { hospitalId: h.hospitalId, level: h.level, packetCode, isPrimaryCare });
    let referenceCoef = c.coef;
    if (!c.isPrimaryCare && h.level !== '') {
      const cl = resolveInstitutionCoefficient(coefOptions, { level: h.level, packetCode });
      if (cl.issue === undefined) referenceCoef = cl.coef;
    }
    return { c, referenceCoef, slot: slotOf(c.coef, referenceCoef, isPrimaryCare) };
  };
  const coefficientsOf = (e: HospitalEntry, packetCode: string, isPrimaryCare: boolean): Coefficients => {
    if (!packetFree) return resolveCoefficients(e.info, packetCode, isPrimaryCare);
    if (isPrimaryCare) return (e.primaryCareCoefficients ??= resolveCoefficients(e.info, packetCode, true));
    return (e.coefficients ??= resolveCoefficients(e.info, packetCode, false));
  };

  /** Text, units and (when longer than the scale) exact text of a case's points (DIP-RULES.md §6.1 `rounding.casePoints`). */
  const pointsTextOf = (points: Dec): PointsText => {
    const text = points.toFixed(casePointsScale);
    const exact = points.decimalPlaces() > casePointsScale ? formatDecimal(points) : undefined;
    return { text, exact, units: exact === undefined ? scaledUnits(text, casePointsScale) : NaN };
  };
  const zeroPointsText = ZERO.toFixed(casePointsScale);
  const bookedCols = policy.pointValue.bookedAmountComponents;
  const bookedFundOnly = bookedCols.length === 1 && bookedCols[0] === 'fund_paid';
  const yearPrefix = String(input.year);
  const monthOf = monthInterner();
  /** `ungroupedPolicy = 'blankPacket'`: a case grouped into the catalog's blank packet takes the KBBZ formula (§6.5). */
  const blankByFormula = policy.ungrouped.ungroupedPolicy === 'blankPacket';

  /** The cached context of a grouped case (src/points prepareCaseContext: everything but the cost), made on first use. */
  const contextOf = (g: Extract<GroupResult, { status: 'grouped' }>, co: Coefficients, pool: RunPool): ContextVariant => {
    const pvNow = pvOf(pool);
    let list = co.slot.byPacket.get(g.packetCode);
    if (list !== undefined) {
      for (let i = 0; i < list.length; i++) {
        const v = list[i]!;
        if (v.auxCoef === g.auxCoef && v.pv === pvNow && v.kind === g.kind) return v;
      }
    }
    if (contextCount >= MAX_CONTEXTS) {
      // bounded so memory does not grow with the cases (the slots are few: one per distinct c, c_L, flag)
      for (const sl of slots.values()) sl.byPacket.clear();
      contextCount = 0;
      list = undefined;
    }
    // RW and a as shared `Dec`s (decOf: parsed once per text, the values prepareCaseContext would parse)
    const auxCoef = g.auxCoef === '1' ? ONE : decOf(g.auxCoef);
    const rw = decOf(g.packet.points);
    // two literals rather than a conditional spread (a spread of varying shape costs ~20 µs on Node 20)
    const ctxInput: CaseContextInput =
      pvNow === undefined
        ? { rw, kind: g.kind, isPrimaryCare: g.isPrimaryCare, coef: co.c.coef, auxCoef, referenceCoef: co.referenceCoef }
        : { rw, kind: g.kind, isPrimaryCare: g.isPrimaryCare, coef: co.c.coef, auxCoef, referenceCoef: co.referenceCoef, pointValue: pvNow };
    const ctx = prepareCaseContext(ctxInput, casePolicy);
    // ctx.coef / ctx.auxCoef are the slot's c, ONE or a decOf value (objects shared by many contexts): their
    // formatDecimal texts come from coefText's cache by object
    const v: ContextVariant = { auxCoef: g.auxCoef, pv: pvNow, kind: g.kind, ctx, coefText: coefText(ctx.coef), auxText: coefText(ctx.auxCoef), normalText: undefined };
    if (list === undefined) co.slot.byPacket.set(g.packetCode, [v]);
    else list.push(v);
    contextCount++;
    return v;
  };

  /** The ScoredCase of an excluded case (other year, unknown hospital). */
  const excluded = (rec: DischargeRecord, line: number, pool: RunPool, month: string, status: 'outOfYear' | 'unknownHospital', issues: Issue[] | undefined): ScoredCase => {
    const result: CaseResult = { line, caseId: rec.caseId, hospitalId: rec.hospitalId, pool, month, status, casePoints: '0' as Points, totalCost: rec.totalCost, reason: status };
    return { result, issues, onceIssues: undefined, hasPoints: false, pointsExact: undefined, booked: '', patientPaid: '', pointsUnits: NaN, costUnits: NaN, bookedUnits: NaN, patientPaidUnits: NaN };
  };

  /**
   * A case grouped into the catalog's blank packet (空白病组 `KBBZ`, `fallbackType: 'blankPacket'`) under
   * `ungroupedPolicy = 'blankPacket'` (DIP-RULES.md §4.5, §6.5; Jining / Tai'an 2023 code): points
   * `RW_KBBZ × (cost / m_KBBZ) × blankPacketFactor` by `computeUngroupedPoints`, with `RW_KBBZ` = the packet's points
   * and `m_KBBZ` = its average cost (`averageCost`, DIP_AVG_FEE of the catalog statistics), rounded once by
   * `rounding.casePoints`; the ratio `cost / m_KBBZ` is not rounded. No institution or auxiliary coefficient and no
   * outlier test (the hospital's coefficient is not even resolved, so a missing one is not reported for this case).
   * The row: status `grouped`, the packet's code and kind `fallback`, `outlier` = `blankPacket` (the run counts these
   * cases under that class), `coefficient` and `auxCoef` `1` (none applied), `ratio` = `cost / m_KBBZ` at 6 dp
   * half-up (display only), so that `case_points` = RW × ratio × factor can be re-derived from the catalog. A blank
   * packet without a positive average cost: no points (`casePoints` 0, `reason` `review`, no ratio) and the error
   * `points.blank_packet_average_cost_missing` naming the packet — reported once with its first line, repeats
   * counted, like the other issues of every case of a packet — never a silent zero.
   */
  const blankPacketCase = (rec: DischargeRecord, line: number, g: Extract<GroupResult, { status: 'grouped' }>, hospitalId: string, pool: RunPool, month: string, issues: Issue[] | undefined): ScoredCase => {
    const m = g.packet.averageCost;
    const up = computeUngroupedPoints(
      m === undefined ? { cost: dec(rec.totalCost), blankPacketRw: decOf(g.packet.points) } : { cost: dec(rec.totalCost), blankPacketRw: decOf(g.packet.points), blankPacketAverageCost: decOf(m) },
      policy,
    );
    let onceIssues: Issue[] | undefined;
    for (const ui of up.issues) (onceIssues ??= []).push({ ...ui, message: `${ui.message} (packet ${g.packetCode})`, line });
    const packetKind = g.isPrimaryCare ? 'primaryCare' : g.kind;
    if (!up.included || up.ratio === undefined) {
      const result: CaseResult = { line, caseId: rec.caseId, hospitalId, pool, month, status: 'grouped', casePoints: zeroPointsText as Points, totalCost: rec.totalCost, packetCode: g.packetCode, packetKind, outlier: 'blankPacket', coefficient: '1' as Ratio, auxCoef: '1' as Ratio, reason: 'review' };
      return scored(rec, result, issues, onceIssues, undefined);
    }
    const pt = pointsTextOf(up.points);
    const result: CaseResult = { line, caseId: rec.caseId, hospitalId, pool, month, status: 'grouped', casePoints: pt.text as Points, totalCost: rec.totalCost, packetCode: g.packetCode, packetKind, outlier: 'blankPacket', coefficient: '1' as Ratio, auxCoef: '1' as Ratio, ratio: up.ratio.toFixed(RATIO_DISPLAY_DP) as Ratio };
    return scored(rec, result, issues, onceIssues, pt);
  };

  const score = (rec: DischargeRecord, line: number, warnings: readonly Issue[] | undefined): ScoredCase => {
    let issues: Issue[] | undefined;
    if (warnings !== undefined && warnings.length > 0) withLine(warnings, line, (issues = []));
    const pool: RunPool = perPool ? rec.insuranceType : 'all';
    const month = monthOf(rec.settlementDate ?? rec.dischargeDate);
    // Per-case objects are plain literals of one shape per kind of case (object spreads of varying shapes cost
    // ~20 µs each on Node 20, more than scoring the case); the keys in the order the run has always given them.

    if (!rec.dischargeDate.startsWith(yearPrefix)) {
      (issues ??= []).push({ severity: 'error', code: 'run.out_of_year', message: `case ${rec.caseId}: discharged ${rec.dischargeDate}, outside settlement year ${input.year}; excluded`, line, column: 'discharge_date', received: rec.dischargeDate });
      return excluded(rec, line, pool, month, 'outOfYear', issues);
    }
    const e = hospitals.get(rec.hospitalId);
    if (e === undefined) return excluded(rec, line, pool, month, 'unknownHospital', issues);
    // the table's own id string (equal to the record's): the run state's lookups by it hash it once
    const hospitalId = e.info.hospitalId;

    const g = input.grouper.group(rec);
    if (g.caseIssues.length > 0) withLine(g.caseIssues, line, (issues ??= []));
    let onceIssues: Issue[] | undefined;
    let pt: PointsText | undefined;
    let result: CaseResult;
    if (g.status === 'grouped') {
      if (blankByFormula && g.packet.kind === 'fallback' && g.packet.fallbackType === 'blankPacket') return blankPacketCase(rec, line, g, hospitalId, pool, month, issues);
      const kind = g.isPrimaryCare ? 'primaryCare' : g.kind;
      const co = coefficientsOf(e, g.packetCode, g.isPrimaryCare);
      const c = co.c;
      if (c.issue !== undefined) (onceIssues ??= []).push({ ...c.issue, message: `${c.issue.message} (coefficient 1 used)`, line });
      // Everything but the cost is shared by the cases of one (packet, c, c_L, a, PV, kind, primary care)
      const v = contextOf(g, co, pool);
      const ctx = v.ctx;
      const scaled = ctx.scaled;
      // A case that scoreCase would score `normal` on its integer path (most cases): its points, coefficients and
      // review flag are the context's and it has no issue, so only ρ is per case — the same texts as the general
      // path below gives for that result (points = ctx.normal, coef / auxCoef = the context's, rhoToFixed), without
      // the result object.
      const rhoNormal = scaled === undefined ? undefined : scaledNormalRhoToFixed(scaled, rec.totalCost, RATIO_DISPLAY_DP);
      if (rhoNormal !== undefined) {
        pt = v.normalText ??= pointsTextOf(ctx.normal);
        result = { line, caseId: rec.caseId, hospitalId, pool, month, status: 'grouped', casePoints: pt.text as Points, totalCost: rec.totalCost, packetCode: g.packetCode, packetKind: kind, outlier: 'normal', coefficient: v.coefText as Ratio, auxCoef: v.auxText as Ratio, ratio: rhoNormal as Ratio };
        return scored(rec, result, issues, onceIssues, pt);
      }
      // the cost text itself: src/points classifies a plain ≤ 4 dp cost with integers (scoreScaled)
      const cp = scoreCase(ctx, rec.totalCost);
      for (const pi of cp.issues) (onceIssues ??= []).push({ ...pi, line });
      // points are already rounded to the casePoints scale by src/points: fixed-scale text without re-rounding; the
      // context's normal points (most cases) are formatted once; an outlier scored on the integer path brings its
      // text (= points.toFixed(scale), no more places than the scale), so its points Dec is never built
      const fastText = scaledPointsText(cp, casePointsScale);
      if (fastText !== undefined) pt = { text: fastText, exact: undefined, units: scaledUnits(fastText, casePointsScale) };
      else {
        const points = cp.points;
        pt = points === ctx.normal ? (v.normalText ??= pointsTextOf(points)) : pointsTextOf(points);
      }
      const coefficient = (cp.coef === ctx.coef ? v.coefText : formatDecimal(cp.coef)) as Ratio;
      const auxCoef = (cp.auxCoef === ctx.auxCoef ? v.auxText : formatDecimal(cp.auxCoef)) as Ratio;
      const rho = rhoToFixed(cp, RATIO_DISPLAY_DP);
      const casePoints = pt.text as Points;
      const outlier = cp.outlierClass;
      const packetCode = g.packetCode;
      if (rho !== undefined) {
        result = cp.needsReview
          ? { line, caseId: rec.caseId, hospitalId, pool, month, status: 'grouped', casePoints, totalCost: rec.totalCost, packetCode, packetKind: kind, outlier, coefficient, auxCoef, ratio: rho as Ratio, reason: 'review' }
          : { line, caseId: rec.caseId, hospitalId, pool, month, status: 'grouped', casePoints, totalCost: rec.totalCost, packetCode, packetKind: kind, outlier, coefficient, auxCoef, ratio: rho as Ratio };
      } else {
        result = cp.needsReview
          ? { line, caseId: rec.caseId, hospitalId, pool, month, status: 'grouped', casePoints, totalCost: rec.totalCost, packetCode, packetKind: kind, outlier, coefficient, auxCoef, reason: 'review' }
          : { line, caseId: rec.caseId, hospitalId, pool, month, status: 'grouped', casePoints, totalCost: rec.totalCost, packetCode, packetKind: kind, outlier, coefficient, auxCoef };
      }
    } else {
      // §6.5 via src/points: reportOnly (no points, one warning per case, summarised), fixedPoints, paidAtCost.
      // blankPacket: an ungrouped case gets no points, error `points.blank_packet_missing` (once, repeats counted).
      // The KBBZ formula is the points of the catalog's blank packet, and which cases enter that packet is the
      // grouper's decision (§4.1 step 8: `fallbackChain`, the packet's diagnosis matcher; "无法入综合组，选择综合空白病组",
      // §4.5): a case that reaches step 9 was not taken by it — the catalog has no blank packet, its matcher excludes
      // the diagnosis, the chain lacks 'blankPacket', or the principal diagnosis is invalid or excluded (steps 0, 2,
      // before any packet). Paying it RW_KBBZ × cost / m_KBBZ would override that routing and pay coding errors like
      // grouped cases, against the "appropriate gap" of §6.5 (national); it is listed for review instead.
      const pvNow = pvOf(pool);
      const up = computeUngroupedPoints(pvNow === undefined ? { cost: dec(rec.totalCost) } : { cost: dec(rec.totalCost), pointValue: pvNow }, policy);
      for (const ui of up.issues) (onceIssues ??= []).push({ ...ui, line });
      if (up.included) pt = pointsTextOf(up.points);
      result = { line, caseId: rec.caseId, hospitalId, pool, month, status: 'ungrouped', casePoints: (pt === undefined ? zeroPointsText : pt.text) as Points, totalCost: rec.totalCost, reason: g.reason };
    }
    return scored(rec, result, issues, onceIssues, pt);
  };
  /** The ScoredCase of a settled case (grouped or ungrouped) from its row, issues and points text. */
  const scored = (rec: DischargeRecord, result: CaseResult, issues: Issue[] | undefined, onceIssues: Issue[] | undefined, pt: PointsText | undefined): ScoredCase => {
    const booked = bookedFundOnly ? rec.fundPaid : formatDecimal(bookedAmount({ fundPaid: rec.fundPaid, otherPaid: rec.otherPaid }, bookedCols));
    return {
      result,
      issues,
      onceIssues,
      hasPoints: pt !== undefined,
      pointsExact: pt === undefined ? undefined : pt.exact,
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
