/**
 * The stateful part of a region-year run (区域年度结算, DIP-RULES.md §6–§8): issue emission and counting ("once"
 * dedup), case counts, the exact per hospital × month × pool sums, special cases held aside (特例单议, §6.4), unknown
 * hospitals, and after the pass everything that needs every case: point value per pool (§7), hospital statements
 * (§8) and the region summary. It is fed in file order with the {@link ScoredCase}s of `caseScorer.ts` (possibly
 * computed in worker threads) and the rejected rows, and gives byte-identical results whoever scored the cases.
 *
 * Pure: it imports nothing from Node.
 *
 * @module
 */
import type { Issue } from '../core/issue.js';
import { ONE, ZERO, dec, formatDecimal, formatFixed, roundDec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import type { Points, PointValue, Ratio, Yuan } from '../decimal/brands.js';
import { applySpecialCases } from '../points/specialCases.js';
import type { SpecialCaseApproval } from '../points/specialCases.js';
import { computePointValue } from '../pointValue/pointValue.js';
import { resolveFundPayRatio } from '../pointValue/fundPayRatio.js';
import { allocateLargestRemainder } from '../settlement/allocateLargestRemainder.js';
import { resolveAssessment } from '../settlement/assessment.js';
import { computeDipAmountDue } from '../settlement/dipAmountDue.js';
import type { DipAmountDue } from '../settlement/dipAmountDue.js';
import { runMonthlyPrepayments } from '../settlement/monthlyPrepayment.js';
import { computeNetPayment } from '../settlement/netPayment.js';
import { applySurplusCorridor } from '../settlement/surplusCorridor.js';
import type { ScoredCase } from './caseScorer.js';
import { poolSetupOf } from './poolSetup.js';
import { MONEY_UNITS_SCALE, ScaledSum } from './scaledSum.js';
import type { RegionYearInput, RunSinks } from './settleRegionYear.js';
import type {
  AssessmentScore,
  CaseResult,
  CaseStatus,
  HospitalInfo,
  HospitalPoolLine,
  HospitalStatement,
  PoolSummary,
  RegionSummary,
  RunCounts,
  RunPool,
  SettlementRun,
  SpecialCaseSummary,
} from './types.js';

/** The run state of {@link createRunState}. Calls must be awaited one at a time, in file order. */
export interface RunState {
  /** Report the setup warnings and `input.inputIssues`; call once, before anything else. */
  start(): Promise<void>;
  /** Issues of the file that belong to no row (header warnings): reported and counted, not a row. */
  fileIssues(issues: readonly Issue[]): Promise<void>;
  /** A rejected row at `line` with its issues (each gets the line when it has none). */
  rejected(line: number, issues: readonly Issue[]): Promise<void>;
  /** An accepted row, scored: its issues, counts, per-case output and sums, in the order of the one-pass run. */
  accepted(c: ScoredCase): Promise<void>;
  /**
   * {@link RunState.rejected} without a promise when nothing is asynchronous: `undefined` when the row was applied
   * synchronously (no sink returned a promise), else the promise of the rest of the row (await it before the next
   * call). A sink's synchronous throw is thrown from here. Same sink calls, issues and counts, in the same order.
   */
  rejectedNow(line: number, issues: readonly Issue[]): Promise<void> | undefined;
  /**
   * {@link RunState.accepted} without a promise when nothing is asynchronous (the hot loop: `const p =
   * state.acceptedNow(c); if (p !== undefined) await p;`): `undefined` when the case was applied synchronously, else
   * the promise of the rest of the case, which continues where a sink's promise (`onCase`, `onIssue`) was returned,
   * once it resolves. A sink's synchronous throw is thrown from here. Same sink calls, issues and counts, in the
   * same order, as `accepted`.
   */
  acceptedNow(c: ScoredCase): Promise<void> | undefined;
  /**
   * {@link RunState.acceptedNow} of a case given by the few values the state reads of it (`dip settle --workers`:
   * no `ScoredCase` object crosses from the worker): for a case without issues (`issues` and `onceIssues`
   * undefined) whose sums, when it has points, are all integer units, and a run without special-case approvals
   * (throws otherwise: a held case needs its `CaseResult`). `out(c)` stands for `onCase(result)`: it is called where
   * `acceptedNow` calls `onCase` (not for a case the run does not write), and its promise, if it returns one, is awaited
   * as `onCase`'s is. Same counts, sums and calls in the same order as `acceptedNow` of the same case.
   */
  acceptedPlainNow(c: PlainCase, out: (c: PlainCase) => unknown): Promise<void> | undefined;
  /** The post-pass: special cases, point values, statements, summary (DIP-RULES.md §6.4, §7, §8). Call once. */
  finish(): Promise<SettlementRun>;
}

/**
 * What the run state reads of a case without issues ({@link RunState.acceptedPlainNow}): the `ScoredCase` fields
 * `hasPoints` and the four units (integers, not `NaN`), and of its `CaseResult` the line, hospital id, status, pool,
 * month, packet kind, outlier class and ungrouped reason. The caller may reuse one object from case to case once a
 * call's promise (if any) has resolved.
 */
export interface PlainCase {
  line: number;
  hospitalId: string;
  status: CaseStatus;
  pool: RunPool;
  month: string;
  packetKind: string | undefined;
  outlier: string | undefined;
  reason: string | undefined;
  hasPoints: boolean;
  pointsUnits: number;
  costUnits: number;
  bookedUnits: number;
  patientPaidUnits: number;
}

class Acc {
  cases = 0;
  withPoints = 0;
  points: Dec = ZERO;
  cost: Dec = ZERO;
  booked: Dec = ZERO;
  patientPaid: Dec = ZERO;
}

/**
 * Sums of one hospital × month × pool during the pass: points at `rounding.casePoints.scale` and money at 1/10^4 yuan
 * as exact scaled integers, with a decimal fallback (`ScaledSum`, DIP-RULES.md §8.7).
 */
class MonthSums {
  withPoints = 0;
  readonly points: ScaledSum;
  readonly cost = new ScaledSum(MONEY_UNITS_SCALE);
  readonly booked = new ScaledSum(MONEY_UNITS_SCALE);
  readonly patientPaid = new ScaledSum(MONEY_UNITS_SCALE);
  constructor(pointsScale: number) {
    this.points = new ScaledSum(pointsScale);
  }
  toAcc(): Acc {
    const a = new Acc();
    a.withPoints = this.withPoints;
    a.points = this.points.toDec();
    a.cost = this.cost.toDec();
    a.booked = this.booked.toDec();
    a.patientPaid = this.patientPaid.toDec();
    return a;
  }
}

/**
 * The sums of one hospital × pool during the pass, with its month sums by a number key of the month text (see
 * {@link monthKey}): the per-case lookup without building a `YYYY-MM|pool` string.
 */
interface PoolSlot {
  readonly acc: Acc;
  readonly byMonth: Map<number, MonthSums>;
}

interface HospitalAcc {
  readonly info: HospitalInfo;
  readonly pools: Map<RunPool, Acc>;
  /** The pools' slots during the pass: `employee`, `resident`, `all` at 0, 1, 2; any other pool text by text. */
  readonly slots: (PoolSlot | undefined)[];
  readonly otherSlots: Map<string, PoolSlot>;
  /** Exact sums during the pass; key `YYYY-MM|pool`, in the order the months were first seen (the post-pass order). */
  readonly months: Map<string, MonthSums>;
  /** The same sums as decimals, filled at the start of the post-pass. */
  readonly monthAccs: Map<string, Acc>;
  cases: number;
  grouped: number;
  ungrouped: number;
  readonly byKind: KeyCounts;
  readonly byOutlier: KeyCounts;
}

function inc(o: Record<string, number>, key: string): void {
  o[key] = (o[key] ?? 0) + 1;
}

/** Keys counted with a linear scan up to this many distinct keys, then with a Map index as well. */
const SCAN_KEYS = 8;

/**
 * Counts by key (packet kind, outlier class, ungrouped reason) in the order the keys were first seen, without a
 * string-keyed record update per case: {@link KeyCounts.toRecord} gives the record that {@link inc} per case gives.
 */
class KeyCounts {
  private readonly keys: string[] = [];
  private readonly counts: number[] = [];
  private index: Map<string, number> | undefined = undefined;

  inc(key: string): void {
    const keys = this.keys;
    if (this.index === undefined) {
      for (let i = 0; i < keys.length; i++) {
        if (keys[i] === key) {
          this.counts[i]!++;
          return;
        }
      }
      keys.push(key);
      this.counts.push(1);
      if (keys.length > SCAN_KEYS) this.index = new Map(keys.map((k, i) => [k, i]));
      return;
    }
    const i = this.index.get(key);
    if (i !== undefined) this.counts[i]!++;
    else {
      this.index.set(key, keys.length);
      keys.push(key);
      this.counts.push(1);
    }
  }

  /**
   * The record `inc(record, key)` per case would have built: the keys in first-seen order; a key the record already
   * has (one inherited from `Object.prototype`, or the same property name twice) takes `inc` itself, count times.
   */
  toRecord(): Record<string, number> {
    const o: Record<string, number> = {};
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i]!;
      const n = this.counts[i]!;
      if (k in o) for (let j = 0; j < n; j++) inc(o, k);
      else o[k] = n;
    }
    return o;
  }
}

/**
 * A number that identifies a month text `dddd-dd` (7 characters, ASCII digits and `-`), −1 for any other text: the
 * key of the per-case month lookup (distinct texts of that form give distinct numbers).
 */
function monthKey(m: string): number {
  if (m.length !== 7 || m.charCodeAt(4) !== 45) return -1;
  let k = 0;
  for (let i = 0; i < 7; i++) {
    if (i === 4) continue;
    const d = m.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    k = k * 10 + d;
  }
  return k;
}

function isThenable(v: unknown): v is Promise<void> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** A per-row step of the run state: `undefined` when it finished synchronously, else the promise of its rest. */
type Step = Promise<void> | undefined;

/**
 * Await `p` (a sink's promise or a step's), then run `rest` and await its promise: the continuation of a per-row step
 * that a sink made asynchronous (as the code after an `await` in an `async` function; a rejection skips `rest`).
 */
async function after(p: PromiseLike<unknown>, rest: (() => Step) | undefined): Promise<void> {
  await p;
  if (rest === undefined) return;
  const q = rest();
  if (q !== undefined) await q;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const yuan = (d: Dec, rule: RoundingRule): Yuan => formatFixed(roundDec(d, rule), rule.scale) as Yuan;

/**
 * Create the state of one region-year run (DIP-RULES.md §6–§8): {@link settleRegionYear} is
 * `createCaseScorer` + this state over `input.records`; a parallel runner scores the cases elsewhere and feeds the
 * results here in file order. The steps of the post-pass are described on {@link settleRegionYear}.
 *
 * @example
 * ```ts
 * const scorer = createCaseScorer({ policy, grouper, year: 2025, hospitals });
 * const state = createRunState({ policy, grouper, year: 2025, hospitals }, { onCase: (c) => out.push(c) });
 * await state.start();
 * for (const item of items) {
 *   if (item.ok === 'fileIssues') await state.fileIssues(item.issues);
 *   else if (!item.ok) await state.rejected(item.line, item.issues);
 *   else await state.accepted(scorer.score(item.record, item.line, item.warnings));
 * }
 * const run = await state.finish();
 * ```
 */
export function createRunState(input: Omit<RegionYearInput, 'records'>, sinks: RunSinks = {}): RunState {
  const { policy } = input;
  const money = policy.rounding.money;
  const pvRule = policy.rounding.pointValue;
  const collected: Issue[] = [];
  const issueCounts = { errors: 0, warnings: 0, byCode: {} as Record<string, number> };
  /** Count an issue and hand it to the sink (or collect it): the sink's return value. */
  const emitCall = (issue: Issue): unknown => {
    if (issue.severity === 'error') issueCounts.errors++;
    else issueCounts.warnings++;
    inc(issueCounts.byCode, issue.code);
    if (sinks.onIssue === undefined) {
      collected.push(issue);
      return undefined;
    }
    return sinks.onIssue(issue);
  };
  const emit = async (issue: Issue): Promise<void> => {
    const r = emitCall(issue);
    if (isThenable(r)) await r;
  };
  /** {@link emit} without a promise unless the sink returned one. */
  const emitNow = (issue: Issue): Step => {
    const r = emitCall(issue);
    return isThenable(r) ? after(r, undefined) : undefined;
  };
  /**
   * Emit `issues[from..]` in order (with `withLine`, each issue without a line gets `line`), without a promise unless
   * a sink returns one: then the rest follows once it resolved, as the `for … await emit(…)` loop did.
   */
  const emitAll = (issues: readonly Issue[], from: number, withLine: boolean, line: number): Step => {
    for (let k = from; k < issues.length; k++) {
      const i = issues[k]!;
      const p = emitNow(withLine && i.line === undefined ? { ...i, line } : i);
      if (p !== undefined) return after(p, () => emitAll(issues, k + 1, withLine, line));
    }
    return undefined;
  };
  // Issues that would repeat on every case (a missing coefficient, a missing PV): the first is reported with its
  // line, the repeats are counted and summarised at the end (`run.repeated_issue`), so nothing disappears.
  const emitted = new Map<string, { first: Issue; repeats: number }>();
  const once = async (issue: Issue): Promise<void> => {
    const seen = emitted.get(issue.code);
    if (seen !== undefined) {
      seen.repeats++;
      return;
    }
    emitted.set(issue.code, { first: issue, repeats: 0 });
    await emit(issue);
  };
  /** {@link once} of `issues[from..]` in order, without a promise unless a sink returns one (as {@link emitAll}). */
  const onceAll = (issues: readonly Issue[], from: number): Step => {
    for (let k = from; k < issues.length; k++) {
      const issue = issues[k]!;
      const seen = emitted.get(issue.code);
      if (seen !== undefined) {
        seen.repeats++;
        continue;
      }
      emitted.set(issue.code, { first: issue, repeats: 0 });
      const p = emitNow(issue);
      if (p !== undefined) return after(p, () => onceAll(issues, k + 1));
    }
    return undefined;
  };

  // --- setup -----------------------------------------------------------------------------------------------------
  const { poolsInUse, budgetPv, fixedPv, pvInForce } = poolSetupOf(policy);
  const fundOf = new Map<RunPool, { value: Dec; source: 'policy' | 'input' }>();
  const pp = policy.pointValue.pools;
  for (const pool of poolsInUse) {
    const explicit = input.funds?.[pool];
    if (explicit !== undefined) fundOf.set(pool, { value: dec(explicit), source: 'input' });
    else if (pool === 'all') {
      const fs = [pp.employee?.dipFund, pp.resident?.dipFund].filter((f): f is string => f !== undefined);
      if (fs.length > 0) fundOf.set(pool, { value: fs.reduce((s, f) => s.plus(dec(f)), ZERO), source: 'policy' });
    } else if (pp[pool]?.dipFund !== undefined) fundOf.set(pool, { value: dec(pp[pool]!.dipFund!), source: 'policy' });
  }
  const regime = policy.pointValue.pointValueRegime;

  const hospitals = new Map<string, HospitalAcc>();
  for (const h of input.hospitals) {
    hospitals.set(h.hospitalId, { info: h, pools: new Map(), slots: [undefined, undefined, undefined], otherSlots: new Map(), months: new Map(), monthAccs: new Map(), cases: 0, grouped: 0, ungrouped: 0, byKind: new KeyCounts(), byOutlier: new KeyCounts() });
  }
  const casePointsScale = policy.rounding.casePoints.scale;

  const counts = { read: 0, accepted: 0, rejected: 0, unknownHospital: 0, outOfYear: 0, settled: 0, grouped: 0, ungrouped: 0 };
  const regionKind = new KeyCounts();
  const regionOutlier = new KeyCounts();
  const ungroupedByReason = new KeyCounts();
  const unknown = new Map<string, { firstLine: number; cases: number }>();
  const progressEvery = sinks.progressEvery ?? 10_000;

  const onCase = sinks.onCase;

  // Special cases (§6.4): approvals keyed by (hospital, case); a matching case is held aside during the pass (its
  // result and sums), since whether it is within the quota is only known once every case has been counted.
  const approvals = input.specialCases;
  const approvalKey = (hospitalId: string, caseId: string): string => `${hospitalId}\u0000${caseId}`;
  const approvalIndex = new Map<string, number>();
  (approvals ?? []).forEach((a, i) => {
    const k = approvalKey(a.hospitalId ?? '', a.caseId);
    if (!approvalIndex.has(k)) approvalIndex.set(k, i);
  });
  interface HeldCase {
    readonly key: string;
    readonly h: HospitalAcc;
    readonly pool: RunPool;
    readonly month: string;
    readonly points: Dec;
    readonly hasPoints: boolean;
    readonly cost: Dec;
    readonly booked: Dec;
    readonly patientPaid: Dec;
    readonly pvNow: Dec | undefined;
    readonly result: CaseResult;
  }
  /** Held cases by the key of the approval they matched. */
  const held = new Map<string, HeldCase>();
  /** The slot of a hospital's pool; creates the pool's sums on first use. */
  const poolSlot = (h: HospitalAcc, pool: RunPool): PoolSlot => {
    const i = pool === 'employee' ? 0 : pool === 'resident' ? 1 : pool === 'all' ? 2 : -1;
    let slot = i >= 0 ? h.slots[i] : h.otherSlots.get(pool);
    if (slot === undefined) {
      let pa = h.pools.get(pool);
      if (pa === undefined) h.pools.set(pool, (pa = new Acc()));
      slot = { acc: pa, byMonth: new Map() };
      if (i >= 0) h.slots[i] = slot;
      else h.otherSlots.set(pool, slot);
    }
    return slot;
  };
  const monthSums = (h: HospitalAcc, pool: RunPool, month: string): MonthSums => {
    const slot = poolSlot(h, pool);
    slot.acc.withPoints++;
    const k = monthKey(month);
    let ma = k >= 0 ? slot.byMonth.get(k) : undefined;
    if (ma === undefined) {
      // first case of the month in this pool (or a month text of another form): by the `YYYY-MM|pool` key
      const mk = `${month}|${pool}`;
      ma = h.months.get(mk);
      if (ma === undefined) h.months.set(mk, (ma = new MonthSums(casePointsScale)));
      if (k >= 0) slot.byMonth.set(k, ma);
    }
    ma.withPoints++;
    return ma;
  };
  /** Add decimals (held special cases, approved points): the fallback of the exact sums. */
  const accumulate = (h: HospitalAcc, pool: RunPool, month: string, points: Dec, cost: Dec, booked: Dec, patientPaid: Dec): void => {
    const ma = monthSums(h, pool, month);
    ma.points.addDec(points);
    ma.cost.addDec(cost);
    ma.booked.addDec(booked);
    ma.patientPaid.addDec(patientPaid);
  };
  /** Add a scored case: integer units, or its exact text where a value is not a plain decimal of the sum's scale. */
  const accumulateScored = (h: HospitalAcc, c: ScoredCase): void => {
    const result = c.result;
    const ma = monthSums(h, result.pool, result.month);
    if (c.pointsUnits === c.pointsUnits) ma.points.addUnits(c.pointsUnits);
    else ma.points.addText(c.pointsExact ?? result.casePoints);
    if (c.costUnits === c.costUnits) ma.cost.addUnits(c.costUnits);
    else ma.cost.addText(result.totalCost);
    if (c.bookedUnits === c.bookedUnits) ma.booked.addUnits(c.bookedUnits);
    else ma.booked.addText(c.booked);
    if (c.patientPaidUnits === c.patientPaidUnits) ma.patientPaid.addUnits(c.patientPaidUnits);
    else ma.patientPaid.addText(c.patientPaid);
  };

  // --- the pass over the records ------------------------------------------------------------------------------------
  const start = async (): Promise<void> => {
    if (policy.outlier.referencePointValue === 'settlement') {
      await emit({ severity: 'warning', code: 'run.reference_pv_in_force', message: "outlier.referencePointValue 'settlement' needs the settlement PV before the cases are scored; the one-pass run uses the PV in force (budget or fixed PV)" });
    }
    for (const i of input.inputIssues ?? []) await emit(i);
  };
  const fileIssues = async (issues: readonly Issue[]): Promise<void> => {
    for (const i of issues) await emit(i);
  };
  /**
   * The per-row steps below return `undefined` when they finished synchronously, else the promise of the rest of the
   * row: where the former `async` functions awaited a sink's promise, the step returns `after(promise, rest)`, so the
   * rest runs once the promise resolved (not at all when it rejects), and sinks, issues and counts are called and
   * changed in the same order as before; a case costs no promise and no microtask turn when no sink returns a promise.
   */
  const rejectedNow = (line: number, issues: readonly Issue[]): Step => {
    counts.read++;
    if (sinks.onProgress !== undefined && counts.read % progressEvery === 0) sinks.onProgress(counts.read);
    counts.rejected++;
    return emitAll(issues, 0, true, line);
  };
  const rejected = async (line: number, issues: readonly Issue[]): Promise<void> => {
    const p = rejectedNow(line, issues);
    if (p !== undefined) await p;
  };
  /** Hand a case row to `onCase`: the sink's promise, if it returned one. */
  const caseOut = (result: CaseResult): Step => {
    const pr = onCase?.(result);
    return pr !== undefined && isThenable(pr) ? after(pr, undefined) : undefined;
  };
  const acceptedNow = (c: ScoredCase): Step => {
    counts.read++;
    if (sinks.onProgress !== undefined && counts.read % progressEvery === 0) sinks.onProgress(counts.read);
    counts.accepted++;
    if (c.issues !== undefined) {
      const p = emitAll(c.issues, 0, false, 0);
      if (p !== undefined) return after(p, () => acceptCase(c));
    }
    return acceptCase(c);
  };
  /** The case after its issues: status, counts, once-issues, then {@link settledCase}. */
  const acceptCase = (c: ScoredCase): Step => {
    const result = c.result;
    const status = result.status;
    if (status === 'outOfYear') {
      counts.outOfYear++;
      return caseOut(result);
    }
    const h = hospitals.get(result.hospitalId);
    if (status === 'unknownHospital' || h === undefined) {
      counts.unknownHospital++;
      const u = unknown.get(result.hospitalId);
      if (u === undefined) unknown.set(result.hospitalId, { firstLine: result.line, cases: 1 });
      else u.cases++;
      return caseOut(result);
    }
    counts.settled++;
    h.cases++;
    if (status === 'grouped') {
      counts.grouped++;
      h.grouped++;
      const kind = result.packetKind!;
      regionKind.inc(kind);
      h.byKind.inc(kind);
      if (c.onceIssues !== undefined) {
        const p = onceAll(c.onceIssues, 0);
        if (p !== undefined) return after(p, () => groupedRest(c, h));
      }
      return groupedRest(c, h);
    }
    counts.ungrouped++;
    h.ungrouped++;
    ungroupedByReason.inc(result.reason!);
    if (c.onceIssues !== undefined) {
      const p = onceAll(c.onceIssues, 0);
      if (p !== undefined) return after(p, () => ungroupedRest(c, h));
    }
    return ungroupedRest(c, h);
  };
  const groupedRest = (c: ScoredCase, h: HospitalAcc): Step => {
    const outlier = c.result.outlier!;
    regionOutlier.inc(outlier);
    h.byOutlier.inc(outlier);
    return settledCase(c, h);
  };
  const ungroupedRest = (c: ScoredCase, h: HospitalAcc): Step => {
    if (c.hasPoints) {
      regionOutlier.inc('ungroupedPoints');
      h.byOutlier.inc('ungroupedPoints');
    }
    return settledCase(c, h);
  };
  /** A settled case: its pool count, held aside when a special-case approval names it, else its row and sums. */
  const settledCase = (c: ScoredCase, h: HospitalAcc): Step => {
    const result = c.result;
    const pool = result.pool;
    poolSlot(h, pool).acc.cases++;
    if (approvalIndex.size > 0) {
      const k1 = approvalKey(result.hospitalId, result.caseId);
      const key = approvalIndex.has(k1) ? k1 : approvalKey('', result.caseId);
      if (approvalIndex.has(key) && !held.has(key)) {
        const points = c.hasPoints ? dec(c.pointsExact ?? result.casePoints) : ZERO;
        held.set(key, { key, h, pool, month: result.month, points, hasPoints: c.hasPoints, cost: dec(result.totalCost), booked: dec(c.booked), patientPaid: dec(c.patientPaid), pvNow: pvInForce(pool), result });
        return undefined;
      }
    }
    // no promise per case unless the sink returns one (a CSV writer only does when it flushes a chunk)
    const pr = onCase?.(result);
    if (pr !== undefined && isThenable(pr)) return after(pr, () => sumCase(c, h));
    return sumCase(c, h);
  };
  /** Exact sums per hospital × month × pool only; the pool-year sums are the sums of the months (post-pass). */
  const sumCase = (c: ScoredCase, h: HospitalAcc): Step => {
    if (c.hasPoints) accumulateScored(h, c);
    return undefined;
  };
  /**
   * {@link RunState.acceptedPlainNow}: `acceptedNow` → `acceptCase` → `groupedRest` / `ungroupedRest` →
   * `settledCase` → `sumCase` for a case whose `issues` and `onceIssues` are undefined (so none of their steps
   * emits or returns a promise), whose units are numbers (so `accumulateScored` takes `addUnits` for each) and with
   * no approvals (so `settledCase` never holds it), reading the same values from `c`.
   */
  const acceptedPlainNow = (c: PlainCase, out: (c: PlainCase) => unknown): Step => {
    if (approvalIndex.size > 0) throw new Error('run state: acceptedPlainNow is for runs without special-case approvals');
    counts.read++;
    if (sinks.onProgress !== undefined && counts.read % progressEvery === 0) sinks.onProgress(counts.read);
    counts.accepted++;
    const status = c.status;
    if (status === 'outOfYear') {
      counts.outOfYear++;
      return plainOut(c, out);
    }
    const hospitalId = c.hospitalId;
    const h = hospitals.get(hospitalId);
    if (status === 'unknownHospital' || h === undefined) {
      counts.unknownHospital++;
      const u = unknown.get(hospitalId);
      if (u === undefined) unknown.set(hospitalId, { firstLine: c.line, cases: 1 });
      else u.cases++;
      return plainOut(c, out);
    }
    counts.settled++;
    h.cases++;
    if (status === 'grouped') {
      counts.grouped++;
      h.grouped++;
      const kind = c.packetKind!;
      regionKind.inc(kind);
      h.byKind.inc(kind);
      const outlier = c.outlier!;
      regionOutlier.inc(outlier);
      h.byOutlier.inc(outlier);
    } else {
      counts.ungrouped++;
      h.ungrouped++;
      ungroupedByReason.inc(c.reason!);
      if (c.hasPoints) {
        regionOutlier.inc('ungroupedPoints');
        h.byOutlier.inc('ungroupedPoints');
      }
    }
    poolSlot(h, c.pool).acc.cases++;
    const pr = out(c);
    if (pr !== undefined && isThenable(pr)) return after(pr, () => plainSum(c, h));
    return plainSum(c, h);
  };
  /** `caseOut` of a plain case. */
  const plainOut = (c: PlainCase, out: (c: PlainCase) => unknown): Step => {
    const pr = out(c);
    return pr !== undefined && isThenable(pr) ? after(pr, undefined) : undefined;
  };
  /** `sumCase` of a plain case: `accumulateScored` with integer units. */
  const plainSum = (c: PlainCase, h: HospitalAcc): Step => {
    if (c.hasPoints) {
      const ma = monthSums(h, c.pool, c.month);
      ma.points.addUnits(c.pointsUnits);
      ma.cost.addUnits(c.costUnits);
      ma.booked.addUnits(c.bookedUnits);
      ma.patientPaid.addUnits(c.patientPaidUnits);
    }
    return undefined;
  };
  const accepted = async (c: ScoredCase): Promise<void> => {
    const p = acceptedNow(c);
    if (p !== undefined) await p;
  };

  const finish = async (): Promise<SettlementRun> => {
    // --- special cases (DIP-RULES.md §6.4; src/points applySpecialCases) ------------------------------------------
    const specialByLine = new Map<string, Dec>(); // `hospital|pool` → item-based amount
    const specialByPool = new Map<RunPool, Dec>();
    const specialByHospital = new Map<string, { cases: number; amount: Dec; cost: Dec; booked: Dec }>();
    let specialSummary: Mutable<SpecialCaseSummary> | undefined;
    if (approvals !== undefined) {
      const sc = policy.specialCase;
      // Approvals of cases that were settled (a repeated approval of one case is passed on: applySpecialCases rejects it).
      const passed: { orig: number; hc: HeldCase }[] = [];
      let unknownCase = 0;
      for (let i = 0; i < approvals.length; i++) {
        const a = approvals[i]!;
        const key = approvalKey(a.hospitalId ?? '', a.caseId);
        const hc = held.get(key);
        if (hc === undefined) {
          unknownCase++;
          await emit({
            severity: 'error',
            code: 'run.special_case_unknown_case',
            message: `special-case approval #${i + 1} names case ${a.caseId}${a.hospitalId === undefined ? '' : ` of hospital ${a.hospitalId}`}, which was not settled in this run (not in the records, excluded, or of another hospital); ignored`,
            path: ['specialCases', i],
            received: a.caseId,
          });
          continue;
        }
        passed.push({ orig: i, hc });
      }
      const list: SpecialCaseApproval[] = passed.map(({ orig, hc }) => {
        const a = approvals[orig]!;
        const pv = a.pointValue ?? hc.pvNow;
        return {
          ...a,
          hospitalId: hc.h.info.hospitalId,
          // itemBased without an approved amount: the case's booked fund amount (§6.4 engine default)
          ...(a.approvedAmount === undefined && sc.specialCaseMode === 'itemBased' ? { approvedAmount: roundDec(hc.booked, money) } : {}),
          ...(pv === undefined ? {} : { pointValue: pv }),
        };
      });
      const res = applySpecialCases(list, counts.settled, policy);
      const rejectedCodes: Record<string, string> = { overQuota: 'points.special_case_over_quota', duplicate: 'points.special_case_duplicate', amountMissing: 'points.special_case_amount_missing' };
      for (const r of res.rejected) {
        const orig = passed[r.inputIndex]!.orig;
        const why =
          r.reason === 'overQuota'
            ? `exceeds the region quota of ${res.quota} (${sc.specialCaseQuota} × ${counts.settled} DIP discharges)`
            : r.reason === 'duplicate'
              ? 'repeats an earlier approval of the same case'
              : `has no ${sc.specialCaseMode === 'itemBased' ? 'approved amount' : 'approved points, nor an amount with a point value'}`;
        await emit({
          severity: 'error',
          code: rejectedCodes[r.reason] ?? 'points.special_case_rejected',
          message: `special-case approval #${orig + 1} (case ${r.caseId}) ${why}; rejected, the case is paid by the packet rules`,
          path: ['specialCases', orig],
          received: r.caseId,
          ...(r.reason === 'overQuota' ? { expected: `at most ${res.quota} approvals` } : {}),
        });
      }
      for (const i of res.issues) {
        if (i.severity === 'error') continue; // the rejections, reported above with the approval's own number
        const pos = typeof i.path?.[0] === 'number' ? i.path[0] : undefined;
        await emit({ ...i, path: ['specialCases', pos === undefined ? -1 : (passed[pos]?.orig ?? -1)] });
      }
      const acceptedAt = new Map(res.accepted.map((x) => [x.inputIndex, x]));
      let pointsTotal = ZERO;
      const settledHeld = new Set<string>();
      for (let pos = 0; pos < passed.length; pos++) {
        const { hc } = passed[pos]!;
        if (settledHeld.has(hc.key)) continue;
        const x = acceptedAt.get(pos);
        if (x === undefined) continue;
        settledHeld.add(hc.key);
        const id = hc.h.info.hospitalId;
        const sh = specialByHospital.get(id) ?? { cases: 0, amount: ZERO, cost: ZERO, booked: ZERO };
        sh.cases++;
        const r: Mutable<CaseResult> = { ...hc.result, reason: 'specialCase' };
        if (x.amount !== undefined) {
          const amount = roundDec(x.amount, money);
          sh.amount = sh.amount.plus(amount);
          sh.cost = sh.cost.plus(hc.cost);
          sh.booked = sh.booked.plus(hc.booked);
          const lk = `${id}|${hc.pool}`;
          specialByLine.set(lk, (specialByLine.get(lk) ?? ZERO).plus(amount));
          specialByPool.set(hc.pool, (specialByPool.get(hc.pool) ?? ZERO).plus(amount));
          r.casePoints = ZERO.toFixed(casePointsScale) as Points;
          r.specialCaseAmount = formatFixed(amount, money.scale) as Yuan;
        } else if (x.points !== undefined) {
          // adjustedStandard: the approved points are the case's points (特殊病例分值), in P_h like any case
          pointsTotal = pointsTotal.plus(x.points);
          accumulate(hc.h, hc.pool, hc.month, x.points, hc.cost, hc.booked, hc.patientPaid);
          r.casePoints = x.points.toFixed(casePointsScale) as Points;
        }
        specialByHospital.set(id, sh);
        const pr = onCase?.(r);
        if (pr !== undefined && isThenable(pr)) await pr;
      }
      // Held cases not settled as special cases (approval rejected): by the packet rules, in line order.
      for (const hc of [...held.values()].sort((x, y) => x.result.line - y.result.line)) {
        if (settledHeld.has(hc.key)) continue;
        if (hc.hasPoints) accumulate(hc.h, hc.pool, hc.month, hc.points, hc.cost, hc.booked, hc.patientPaid);
        const pr = onCase?.(hc.result);
        if (pr !== undefined && isThenable(pr)) await pr;
      }
      const byPool: Partial<Record<RunPool, Yuan>> = {};
      let amountTotal = ZERO;
      for (const [pool, a] of specialByPool) {
        byPool[pool] = formatFixed(a, money.scale) as Yuan;
        amountTotal = amountTotal.plus(a);
      }
      specialSummary = {
        mode: sc.specialCaseMode,
        funding: sc.specialCaseFunding,
        dipDischarges: counts.settled,
        quota: res.quota,
        approvals: approvals.length,
        approved: settledHeld.size,
        rejected: res.rejected.length,
        unknownCase,
        amount: formatFixed(amountTotal, money.scale) as Yuan,
        points: formatDecimal(pointsTotal) as Points,
        byPool,
      };
    }
    const specialFromFund = policy.specialCase.specialCaseFunding === 'fromDipFund';
    for (const h of hospitals.values()) {
      for (const [mk, sums] of h.months) {
        const ma = sums.toAcc();
        h.monthAccs.set(mk, ma);
        const pa = h.pools.get(mk.slice(mk.indexOf('|') + 1) as RunPool)!;
        pa.points = pa.points.plus(ma.points);
        pa.cost = pa.cost.plus(ma.cost);
        pa.booked = pa.booked.plus(ma.booked);
        pa.patientPaid = pa.patientPaid.plus(ma.patientPaid);
      }
    }
    for (const [id, u] of unknown) {
      await emit({ severity: 'error', code: 'run.unknown_hospital', message: `hospital ${id} is not in the hospital table: its ${u.cases} case(s) are excluded from the settlement (first on line ${u.firstLine})`, line: u.firstLine, column: 'hospital_id', received: id });
    }

    // --- point value per pool (DIP-RULES.md §7.2; src/pointValue) ---------------------------------------------------
    /** The hospital × run-pool sums (merging both insurance pools when `perPool` is false). */
    const lineSums = (h: HospitalAcc, pool: RunPool): Acc | undefined => {
      if (pool !== 'all') return h.pools.get(pool);
      const parts = [h.pools.get('employee'), h.pools.get('resident'), h.pools.get('all')].filter((a): a is Acc => a !== undefined);
      if (parts.length === 0) return undefined;
      const m = new Acc();
      for (const a of parts) {
        m.cases += a.cases;
        m.withPoints += a.withPoints;
        m.points = m.points.plus(a.points);
        m.cost = m.cost.plus(a.cost);
        m.booked = m.booked.plus(a.booked);
        m.patientPaid = m.patientPaid.plus(a.patientPaid);
      }
      return m;
    };
    const region = new Map<RunPool, Acc>();
    for (const pool of poolsInUse) region.set(pool, new Acc());
    for (const h of hospitals.values()) {
      for (const pool of poolsInUse) {
        const a = lineSums(h, pool);
        if (a === undefined) continue;
        const r = region.get(pool)!;
        r.cases += a.withPoints;
        r.points = r.points.plus(a.points);
        r.cost = r.cost.plus(a.cost);
        r.booked = r.booked.plus(a.booked);
        r.patientPaid = r.patientPaid.plus(a.patientPaid);
      }
    }
    interface PoolPv {
      r: Dec;
      pv: Dec;
      exact?: Dec;
      source: PoolSummary['pointValueSource'];
    }
    const poolPv = new Map<RunPool, PoolPv>();
    for (const pool of poolsInUse) {
      const a = region.get(pool)!;
      const fund = fundOf.get(pool);
      const regionR = resolveFundPayRatio({ bookedSum: a.booked, costSum: a.cost }, policy.pointValue)?.ratio ?? ONE;
      const budget = budgetPv.get(pool);
      if (a.points.isZero() && regime !== 'fixed') {
        poolPv.set(pool, { r: regionR, pv: budget ?? ZERO, source: budget === undefined ? 'none' : 'budget' });
        continue;
      }
      if (fund === undefined && regime !== 'fixed') {
        if (budget !== undefined) {
          await emit({ severity: 'warning', code: 'run.no_fund', message: `pool ${pool}: no DIP fund given (pointValue.pools.${pool}.dipFund or an explicit fund); the budget point value ${budget.toFixed()} is used for clearing` });
          poolPv.set(pool, { r: regionR, pv: budget, source: 'budget' });
        } else {
          await emit({ severity: 'error', code: 'run.no_point_value', message: `pool ${pool}: no DIP fund, fixed or budget point value; clearing amounts are 0`, path: ['pointValue', 'pools', pool] });
          poolPv.set(pool, { r: regionR, pv: ZERO, source: 'none' });
        }
        continue;
      }
      // §6.4 itemBased, fromDipFund: PV = ((F − A) / r) / P_regular
      const fundForPv = fund === undefined ? ZERO : specialFromFund ? fund.value.minus(specialByPool.get(pool) ?? ZERO) : fund.value;
      const res = computePointValue(
        { fund: fundForPv, totalPoints: a.points, bookedSum: a.booked, costSum: a.cost, ...(budget === undefined ? {} : { budgetPointValue: budget }) },
        policy,
      );
      if (!res.ok) {
        for (const i of res.issues) await emit({ ...i, path: ['pointValue', pool] });
        poolPv.set(pool, { r: regionR, pv: budget ?? ZERO, source: budget === undefined ? 'none' : 'budget' });
        continue;
      }
      for (const w of res.warnings ?? []) await emit({ ...w, path: ['pointValue', pool] });
      const v = res.value;
      poolPv.set(pool, { r: v.fundPayRatio?.ratio ?? regionR, pv: v.pointValue, ...(v.unrounded === undefined ? {} : { exact: v.unrounded }), source: regime === 'fixed' ? 'fixed' : 'settlement' });
    }

    // --- clearing base per hospital and pool (DIP-RULES.md §8.3; src/settlement) ----------------------------------
    const hospitalList = [...hospitals.values()].sort((x, y) => (x.info.hospitalId < y.info.hospitalId ? -1 : x.info.hospitalId > y.info.hospitalId ? 1 : 0));
    const clearingScope = policy.pointValue.fundPayRatioScope.clearing;
    const clearingMethod = policy.settlement.fundShareMethodClearing;
    const allocate = policy.settlement.residualAllocation === 'largestRemainder';
    const lines = new Map<string, HospitalPoolLine[]>();
    /**
     * Σ_p of each hospital's pool bases at the money scale (allocated cents, or the exact base rounded once): the
     * hospital-pool base is the unit that reconciles with the pool's fund F (§7.3), so D_h starts from it.
     */
    const baseForDue = new Map<string, Dec>();
    const poolClearing = new Map<RunPool, Dec>();
    const poolResidual = new Map<RunPool, Dec>();
    const poolResidualUnallocated = new Map<RunPool, Dec>();
    for (const pool of poolsInUse) {
      const { r: rRegion, pv } = poolPv.get(pool)!;
      const rows: { h: HospitalAcc; a: Acc; rh: Dec; due: DipAmountDue }[] = [];
      for (const h of hospitalList) {
        const a = lineSums(h, pool);
        if (a === undefined) continue;
        const rh = clearingScope === 'hospital' && policy.pointValue.fundPayRatio === undefined && a.cost.gt(0) ? a.booked.div(a.cost) : rRegion;
        const due = computeDipAmountDue({ points: a.points, pointValue: pv, fundPayRatio: rh, patientPaid: a.patientPaid }, clearingMethod, money);
        rows.push({ h, a, rh, due });
      }
      const fund = fundOf.get(pool);
      let allocated: readonly Dec[] | undefined;
      if (allocate && fund !== undefined && rows.length > 0 && poolPv.get(pool)!.source !== 'none') {
        // Weights ∝ the exact bases (under 'ratio' the common factor PV is left out: P_h × r_h), as clearAnnual does.
        const r = allocateLargestRemainder(
          roundDec(fund.value, money).minus(specialFromFund ? (specialByPool.get(pool) ?? ZERO) : ZERO),
          rows.map((x) => ({ id: x.h.info.hospitalId, weight: clearingMethod === 'ratio' ? x.a.points.times(x.rh) : x.due.baseUnrounded })),
          money.scale,
        );
        if (r.ok) allocated = r.value.map((x) => x.share);
        else for (const i of r.issues) await emit({ ...i, message: `pool ${pool}: ${i.message}; bases rounded individually`, path: ['settlement', 'residualAllocation', pool] });
      }
      let total = ZERO;
      let totalRounded = ZERO;
      rows.forEach((x, i) => {
        const alloc = allocated?.[i];
        const id = x.h.info.hospitalId;
        // the hospital's item-based special-case amount in the pool is part of its clearing (§6.4)
        const special = approvals === undefined ? undefined : (specialByLine.get(`${id}|${pool}`) ?? ZERO);
        const shown = (alloc ?? x.due.base).plus(special ?? ZERO);
        const inPool = special !== undefined && specialFromFund ? special : ZERO;
        total = total.plus(shown).minus(special ?? ZERO).plus(inPool);
        totalRounded = totalRounded.plus(x.due.base).plus(inPool);
        baseForDue.set(id, (baseForDue.get(id) ?? ZERO).plus(shown));
        const l: HospitalPoolLine = {
          pool,
          cases: x.a.cases,
          points: formatDecimal(x.a.points) as Points,
          totalCost: formatDecimal(x.a.cost) as Yuan,
          booked: formatDecimal(x.a.booked) as Yuan,
          fundPayRatio: formatDecimal(x.rh.toDecimalPlaces(12)) as Ratio,
          clearingExact: formatDecimal(x.due.baseUnrounded.toDecimalPlaces(10)),
          clearingBeforeAssessment: formatFixed(shown, money.scale) as Yuan,
          ...(special === undefined ? {} : { specialCaseAmount: formatFixed(special, money.scale) as Yuan }),
        };
        const list = lines.get(id);
        if (list === undefined) lines.set(id, [l]);
        else list.push(l);
      });
      poolClearing.set(pool, total);
      if (fund !== undefined) {
        poolResidual.set(pool, roundDec(fund.value, money).minus(total));
        poolResidualUnallocated.set(pool, roundDec(fund.value, money).minus(totalRounded));
      }
    }

    // --- assessment, audit, prepayments, corridor, net (DIP-RULES.md §8.2, §8.4–§8.6; src/settlement) --------------
    const scores = new Map<string, AssessmentScore>();
    for (const sc of input.scores ?? []) {
      if (!hospitals.has(sc.hospitalId)) await emit({ severity: 'warning', code: 'run.score_unknown_hospital', message: `assessment row for hospital ${sc.hospitalId}, which is not in the hospital table; ignored`, received: sc.hospitalId });
      else scores.set(sc.hospitalId, sc);
    }
    const auditYear = new Map<string, Dec>();
    const auditMonth = new Map<string, Map<string, Dec>>();
    for (const d of input.auditDeductions ?? []) {
      if (!hospitals.has(d.hospitalId)) {
        await emit({ severity: 'warning', code: 'run.audit_unknown_hospital', message: `audit deduction for hospital ${d.hospitalId}, which is not in the hospital table; ignored`, received: d.hospitalId });
        continue;
      }
      auditYear.set(d.hospitalId, (auditYear.get(d.hospitalId) ?? ZERO).plus(dec(d.amount)));
      if (d.month !== undefined) {
        let m = auditMonth.get(d.hospitalId);
        if (m === undefined) auditMonth.set(d.hospitalId, (m = new Map()));
        m.set(d.month, (m.get(d.month) ?? ZERO).plus(dec(d.amount)));
      }
    }
    const prepaidTable = new Map<string, { prepaid: Dec; deposit: Dec; advance: Dec }>();
    if (input.prepayments !== undefined) {
      for (const p of input.prepayments) {
        if (!hospitals.has(p.hospitalId)) {
          await emit({ severity: 'warning', code: 'run.prepayment_unknown_hospital', message: `prepayment for hospital ${p.hospitalId}, which is not in the hospital table; ignored`, received: p.hospitalId });
          continue;
        }
        const t = prepaidTable.get(p.hospitalId) ?? { prepaid: ZERO, deposit: ZERO, advance: ZERO };
        t.prepaid = t.prepaid.plus(dec(p.prepaid));
        t.deposit = t.deposit.plus(dec(p.depositWithheld));
        t.advance = t.advance.plus(dec(p.advanceOutstanding));
        prepaidTable.set(p.hospitalId, t);
      }
    } else if (policy.settlement.monthlyMode === 'quota') {
      await emit({ severity: 'warning', code: 'run.quota_mode_not_supported', message: "monthlyMode 'quota' needs monthly quotas the run does not have; prepayments are computed in 'points' mode" });
    }
    const prepayPolicy = { settlement: { ...policy.settlement, monthlyMode: 'points' as const }, rounding: policy.rounding };

    const statements: HospitalStatement[] = [];
    const pending: { hospitalId: string; overrunShare: Dec; entitlement: Dec; build: (entitlement: Dec, overrunPaid: Dec) => HospitalStatement }[] = [];
    for (const h of hospitalList) {
      const id = h.info.hospitalId;
      const pl = lines.get(id) ?? [];
      let points = ZERO;
      let cost = ZERO;
      let booked = ZERO;
      for (const l of pl) {
        points = points.plus(dec(l.points));
        cost = cost.plus(dec(l.totalCost));
        booked = booked.plus(dec(l.booked));
      }
      // item-based special cases: their cost and booked amount belong to the hospital's year (B_h against D_h, §8.4)
      const special = specialByHospital.get(id);
      if (special !== undefined) {
        cost = cost.plus(special.cost);
        booked = booked.plus(special.booked);
      }
      const base = baseForDue.get(id) ?? ZERO;
      const beforeAssessment = base;
      // k and s (§8.5): explicit values win over the score's band; no assessment row → k = s = 1.
      const sc = scores.get(id);
      let k = ONE;
      let s = ONE;
      if (sc?.score !== undefined) {
        const a = resolveAssessment(sc.score, policy.settlement);
        for (const i of a.issues) await emit({ ...i, message: `hospital ${id}: ${i.message}`, received: sc.score });
        k = a.coefficient;
        s = a.refundShare;
      }
      if (sc?.coefficient !== undefined) k = policy.settlement.assessmentApplication === 'deposit' ? ONE : dec(sc.coefficient);
      if (sc?.depositRefundShare !== undefined) s = policy.settlement.assessmentApplication === 'coefficient' ? ONE : dec(sc.depositRefundShare);
      const audit = auditYear.get(id) ?? ZERO;
      // D_h = [Σ_p P_{h,p} × PV_p × r_{h,p}] × k_h − Σ audit_h (§8.3; DIP 3.0 draft ch. 7 §3 一 (四)), from the pool bases
      // at the money scale, rounded once more after k and the audit deductions (§8.7).
      const d = roundDec(base.times(k).minus(audit), money);
      const bAfter = roundDec(booked, money).minus(audit);
      const corridor = applySurplusCorridor(d, bAfter, policy.settlement.surplusCorridor, { reasonable: sc?.reasonableOverrun === true }, money);
      for (const i of corridor.issues) await emit({ ...i, message: `hospital ${id}: ${i.message}` });

      let prepaid: Dec;
      let deposit: Dec;
      let advance = ZERO;
      let carry = ZERO;
      let prepaidSource: HospitalStatement['prepaidSource'];
      if (input.prepayments !== undefined) {
        const t = prepaidTable.get(id);
        prepaid = t?.prepaid ?? ZERO;
        deposit = t?.deposit ?? ZERO;
        advance = t?.advance ?? ZERO;
        prepaidSource = 'table';
      } else {
        // The month's standard Σ_p P_{h,m,p} × PV_p (budget PV of each pool) is passed as "points × 1", so that one
        // hospital-month carries both pools' rates (§8.2, §7.3); under 'ratio' each pool's region r is applied here.
        const months = new Map<string, { standard: Dec; patientPaid: Dec }>();
        for (const [mk, ma] of h.monthAccs) {
          const [m, pool] = mk.split('|') as [string, RunPool];
          const bpv = regime === 'fixed' && fixedPv !== undefined ? fixedPv : budgetPv.get(pool);
          if (bpv === undefined) {
            await once({ severity: 'error', code: 'run.no_budget_pv', message: `pool ${pool}: no budget point value (pointValue.pools.${pool}.budgetPointValue) to compute monthly prepayments; those months count 0`, path: ['pointValue', 'pools', pool, 'budgetPointValue'] });
            continue;
          }
          const rate = policy.settlement.fundShareMethodMonthly === 'ratio' ? bpv.times(poolPv.get(pool)?.r ?? ONE) : bpv;
          const e = months.get(m) ?? { standard: ZERO, patientPaid: ZERO };
          e.standard = e.standard.plus(ma.points.times(rate));
          e.patientPaid = e.patientPaid.plus(ma.patientPaid);
          months.set(m, e);
        }
        const am = auditMonth.get(id);
        for (const m of am?.keys() ?? []) if (!months.has(m)) months.set(m, { standard: ZERO, patientPaid: ZERO });
        const ordered = [...months.keys()].sort();
        const year = runMonthlyPrepayments(
          ordered.map((m) => {
            const e = months.get(m)!;
            return { points: e.standard, pointValue: ONE, fundPayRatio: ONE, patientPaid: e.patientPaid, auditDeductions: am?.get(m) ?? ZERO };
          }),
          prepayPolicy,
        );
        for (const mp of year.months) for (const i of mp.issues) await once(i);
        // Σ actually paid (after carry-forward): the open negative balance is recovered through Net, since D_h
        // already subtracts every audit deduction (§8.6).
        prepaid = year.paidTotal;
        deposit = year.depositTotal;
        carry = year.carryOut;
        prepaidSource = 'computed';
      }
      const overrunShare = corridor.side === 'overrun' ? corridor.entitlement.minus(d) : ZERO;
      const f2 = (x: Dec): Yuan => yuan(x, money);
      const fixedParts = { prepaid, deposit, advance, s };
      pending.push({
        hospitalId: id,
        overrunShare,
        entitlement: corridor.entitlement,
        build: (entitlement: Dec, overrunPaid: Dec): HospitalStatement => {
          const net = computeNetPayment({ entitlement, depositWithheld: fixedParts.deposit, refundShare: fixedParts.s, prepaymentsTotal: fixedParts.prepaid, advanceOutstanding: fixedParts.advance }, money);
          return {
            hospitalId: id,
            name: h.info.name,
            level: h.info.level,
            counts: { cases: h.cases, grouped: h.grouped, ungrouped: h.ungrouped, byKind: h.byKind.toRecord(), byOutlier: h.byOutlier.toRecord() },
            pools: pl,
            points: formatDecimal(points) as Points,
            totalCost: formatDecimal(cost) as Yuan,
            booked: f2(booked),
            clearingBeforeAssessment: f2(beforeAssessment),
            ...(sc?.score === undefined ? {} : { score: sc.score }),
            k: formatDecimal(k) as Ratio,
            depositRefundShare: formatDecimal(s) as Ratio,
            auditDeductions: f2(audit),
            clearingAmount: f2(d),
            bookedAfterAudit: f2(bAfter),
            corridorSide: corridor.side,
            corridorAmount: f2(entitlement),
            overrunShared: f2(overrunPaid),
            depositWithheld: f2(deposit),
            depositRefund: f2(net.refund),
            depositForfeit: f2(net.forfeit),
            prepaid: f2(prepaid),
            prepaidSource,
            prepayCarry: f2(carry),
            advanceOutstanding: f2(advance),
            netPayment: f2(net.net),
            ...(approvals === undefined ? {} : { specialCases: special?.cases ?? 0, specialCaseAmount: f2(special?.amount ?? ZERO) }),
          };
        },
      });
    }

    // Shared overrun is paid from the reserve (调节金, pointValue.pools.*.reserve summed over the pools in use); a short
    // reserve is split pro rata to the cent by largest remainder (reserveShortfall 'proRata'; 2025 Handling Rules
    // art. 12; DIP-RULES.md §8.4), as in src/settlement clearAnnual.
    const reserves = poolsInUse.flatMap((pool) => (pool === 'all' ? [pp.employee?.reserve, pp.resident?.reserve] : [pp[pool]?.reserve])).filter((x): x is string => x !== undefined);
    const reserve = reserves.length === 0 ? undefined : reserves.reduce((a, x) => a.plus(dec(x)), ZERO);
    const overrunTotal = pending.reduce((a, x) => a.plus(x.overrunShare), ZERO);
    let overrunPaid: readonly Dec[] = pending.map((x) => x.overrunShare);
    if (reserve !== undefined && overrunTotal.gt(reserve)) {
      const avail = roundDec(reserve.isNeg() ? ZERO : reserve, { scale: money.scale, mode: 'floor' });
      const r = allocateLargestRemainder(avail, pending.map((x) => ({ id: x.hospitalId, weight: x.overrunShare })), money.scale);
      if (r.ok) overrunPaid = r.value.map((x) => x.share);
      else for (const i of r.issues) await emit(i);
      await emit({ severity: 'warning', code: 'run.reserve_short', message: `shared overrun ${overrunTotal.toFixed()} exceeds the reserve ${reserve.toFixed()}: paid pro rata (shortfall ${overrunTotal.minus(avail).toFixed()})` });
    }
    pending.forEach((x, i) => {
      const paid = overrunPaid[i] ?? ZERO;
      statements.push(x.build(x.overrunShare.isZero() ? x.entitlement : x.entitlement.minus(x.overrunShare).plus(paid), paid));
    });

    for (const [code, e] of emitted) {
      if (e.repeats === 0) continue;
      await emit({
        severity: e.first.severity,
        code: 'run.repeated_issue',
        message: `${code}: ${e.repeats} more occurrence(s) after the first${e.first.line === undefined ? '' : ` (line ${e.first.line})`}, not listed one by one`,
        received: code,
      });
    }

    // --- summary ------------------------------------------------------------------------------------------------------
    const f2 = (x: Dec): Yuan => yuan(x, money);
    const pools: PoolSummary[] = poolsInUse.map((pool) => {
      const a = region.get(pool)!;
      const p = poolPv.get(pool)!;
      const fund = fundOf.get(pool);
      const b = budgetPv.get(pool);
      const residual = poolResidual.get(pool);
      const unallocated = poolResidualUnallocated.get(pool);
      return {
        pool,
        ...(fund === undefined ? {} : { fund: f2(fund.value), fundSource: fund.source }),
        fundPayRatio: formatDecimal(p.r.toDecimalPlaces(12)) as Ratio,
        points: formatDecimal(a.points) as Points,
        cases: a.cases,
        totalCost: formatDecimal(a.cost) as Yuan,
        booked: formatDecimal(a.booked) as Yuan,
        ...(p.exact === undefined ? {} : { pointValueExact: formatDecimal(p.exact.toDecimalPlaces(12)) }),
        pointValue: formatFixed(p.pv, Math.max(pvRule.scale, p.pv.decimalPlaces())) as PointValue,
        pointValueSource: p.source,
        ...(b === undefined ? {} : { budgetPointValue: formatDecimal(b) as PointValue }),
        clearingBeforeAssessment: f2(poolClearing.get(pool) ?? ZERO),
        ...(residual === undefined ? {} : { residual: f2(residual) }),
        ...(unallocated === undefined ? {} : { residualBeforeAllocation: f2(unallocated) }),
        ...(approvals === undefined ? {} : { specialCaseAmount: f2(specialByPool.get(pool) ?? ZERO) }),
      };
    });
    const sumOf = (pick: (s: HospitalStatement) => string): Dec => statements.reduce((acc, s) => acc.plus(dec(pick(s))), ZERO);
    const fundTotal = [...fundOf.values()].reduce<Dec | undefined>((acc, f) => (acc ?? ZERO).plus(roundDec(f.value, money)), undefined);
    const residualTotal = [...poolResidual.values()].reduce<Dec | undefined>((acc, r) => (acc ?? ZERO).plus(r), undefined);
    const runCounts: RunCounts = { ...counts, byKind: regionKind.toRecord(), byOutlier: regionOutlier.toRecord(), ungroupedByReason: ungroupedByReason.toRecord() };
    const summary: RegionSummary = {
      policyId: policy.id,
      regionCode: policy.regionCode,
      year: input.year,
      residualAllocation: policy.settlement.residualAllocation,
      pools,
      counts: runCounts,
      totals: {
        points: formatDecimal(sumOf((s) => s.points)) as Points,
        totalCost: formatDecimal(sumOf((s) => s.totalCost)) as Yuan,
        booked: f2(sumOf((s) => s.booked)),
        clearingBeforeAssessment: f2(sumOf((s) => s.clearingBeforeAssessment)),
        clearingAmount: f2(sumOf((s) => s.clearingAmount)),
        corridorAmount: f2(sumOf((s) => s.corridorAmount)),
        depositWithheld: f2(sumOf((s) => s.depositWithheld)),
        depositRefund: f2(sumOf((s) => s.depositRefund)),
        depositForfeit: f2(sumOf((s) => s.depositForfeit)),
        prepaid: f2(sumOf((s) => s.prepaid)),
        advanceOutstanding: f2(sumOf((s) => s.advanceOutstanding)),
        netPayment: f2(sumOf((s) => s.netPayment)),
        auditDeductions: f2(sumOf((s) => s.auditDeductions)),
        ...(fundTotal === undefined ? {} : { fund: f2(fundTotal) }),
        ...(residualTotal === undefined ? {} : { residual: f2(residualTotal) }),
      },
      ...(specialSummary === undefined ? {} : { specialCases: specialSummary }),
      issueCounts,
    };
    return { summary, hospitals: statements, issues: collected };
  };

  return { start, fileIssues, rejected, accepted, rejectedNow, acceptedNow, acceptedPlainNow, finish };
}
