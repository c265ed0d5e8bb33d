/**
 * One region-year settlement run (区域年度结算): records → grouping → case points → point value per pool → hospital
 * statements (clearing, assessment, deposit, corridor, prepayments, net payment) → region summary
 * (DIP-RULES.md §6, §7, §8; DIP 3.0 draft ch. 5 §5, ch. 7 §2–§3; 2025 Handling Rules art. 25–35).
 *
 * Pure: the function reads an (async) iterable of records and writes per-case results and issues to callbacks; it
 * imports nothing from Node. File reading and writing live in `src/cli/commands/settle.ts`.
 *
 * ## Streaming (one pass)
 *
 * The records are read **once**. For each case the run groups it, computes its points (the outlier reference uses the
 * PV in force during the year, i.e. the budget PV or the fixed PV: `outlier.referencePointValue = 'inForce'`,
 * DIP-RULES.md §6.2), hands the {@link CaseResult} to the case sink and adds it to per-hospital × pool and
 * per-hospital × month × pool accumulators. Nothing per case is kept, so memory grows with hospitals × months × pools,
 * not with cases. The settlement point value is only known at the end, so per-case money (points × PV) is not part of
 * the per-case output: a statement's amounts are computed from the exact sums instead (DIP-RULES.md §8.1, §8.7), and
 * a per-case standard is `case_points × point_value` of the case's pool in the summary (`dip settle` adds it in a
 * second pass over its own per-case spill file).
 *
 * ## Scorer and state
 *
 * The work is split in two: `caseScorer.ts` (pure, per accepted record: grouping and points) and `runState.ts`
 * (counts, issues, sums, the post-pass). This function runs both over `input.records` in one thread; a parallel
 * runner may score the cases in workers and feed the `ScoredCase`s to the state in file order.
 *
 * @module
 */
import type { Issue } from '../core/issue.js';
import type { ResolvedPolicy } from '../policy/schema.js';
import type { SpecialCaseApproval } from '../points/specialCases.js';
import { createCaseScorer } from './caseScorer.js';
import type { CaseGrouper } from './caseScorer.js';
import { createRunState } from './runState.js';
import type { AssessmentScore, AuditDeduction, CaseResult, HospitalInfo, PrepaymentRow, RecordItem, RunPool, SettlementRun } from './types.js';

export type { CaseGrouper, ScoredCase, ScorerInput, CaseScorer } from './caseScorer.js';
export type { RunState } from './runState.js';

/** Inputs of {@link settleRegionYear}. */
export interface RegionYearInput {
  /** Records as the reader delivers them (validated, or rejected with their issues). Read once. */
  readonly records: AsyncIterable<RecordItem> | Iterable<RecordItem>;
  /** The policy resolved at the settlement date (`resolvePolicy(policy, 'YYYY-12-31')`). */
  readonly policy: ResolvedPolicy;
  /** The grouper built on the catalog with the policy's grouping options. */
  readonly grouper: CaseGrouper;
  /** Settlement year; cases discharged in another year are counted `outOfYear` and excluded. */
  readonly year: number;
  /** Hospital master (DIP-RULES.md §2.4). Cases of other hospitals are excluded with one issue per hospital. */
  readonly hospitals: readonly HospitalInfo[];
  /** Assessment results (DIP-RULES.md §8.5); a hospital without a row gets the band of no score: k = s = 1. */
  readonly scores?: readonly AssessmentScore[];
  /** Prepayments made (DIP-RULES.md §8.2). Absent: computed from the cases with the budget PV. */
  readonly prepayments?: readonly PrepaymentRow[];
  /** Audit deductions (DIP-RULES.md §8.2, §8.3). */
  readonly auditDeductions?: readonly AuditDeduction[];
  /** DIP fund `F` per pool, overriding `pointValue.pools[pool].dipFund` of the policy (DIP-RULES.md §7.5). */
  readonly funds?: Partial<Record<RunPool, string>>;
  /** Issues found before the run (input tables, catalog): reported and counted with the run's own. */
  readonly inputIssues?: readonly Issue[];
  /**
   * Special-case approvals (特例单议, DIP-RULES.md §6.4), matched to the cases by (hospital, case id) — by case id
   * alone when an approval names no hospital. Within the quota ⌊specialCaseQuota × region-year DIP discharges⌋
   * (`applySpecialCases`), an approved case is settled by `specialCase.specialCaseMode`: `itemBased` (default) pays
   * the approved amount (else the case's booked fund amount), outside the points; `adjustedStandard` counts
   * approved points (or approved amount ÷ PV in force) as its points. Absent: nothing changes.
   */
  readonly specialCases?: readonly SpecialCaseApproval[];
}

/** Where the run writes per-case results, issues and progress. Each callback may return a promise (awaited). */
export interface RunSinks {
  readonly onCase?: (c: CaseResult) => void | Promise<void>;
  /** Every issue; without it issues are collected into `SettlementRun.issues`. */
  readonly onIssue?: (issue: Issue) => void | Promise<void>;
  /** Called every `progressEvery` records (default 10,000) with the number read. */
  readonly onProgress?: (read: number) => void;
  readonly progressEvery?: number;
}


/**
 * Settle one region-year (DIP-RULES.md §6–§8).
 *
 * Steps:
 * 1. Per accepted record: year and hospital checks; pool (`insurance_type`, or `all` when `pointValue.perPool` is
 *    false); grouping; institution coefficient (hospital table coefficient → `byHospital`, level → `byLevel`,
 *    DIP-RULES.md §5.10); case points (`src/points`, DIP-RULES.md §6.1–§6.3) with the PV in force (fixed PV, else
 *    the pool's budget PV), on a context cached per (packet, c, c_L, a, pool). Ungrouped cases: `ungroupedPolicy`
 *    (DIP-RULES.md §6.5, `computeUngroupedPoints`): `reportOnly` no points, `fixedPoints`, `paidAtCost` (cost ÷ PV in
 *    force); `blankPacket`: no points and the error `points.blank_packet_missing` (once, repeats counted) — the KBBZ
 *    formula is for the cases the grouper puts into the blank packet. Those (`fallbackType: 'blankPacket'`, under
 *    `ungroupedPolicy = 'blankPacket'`) get `RW_KBBZ × (cost ÷ m_KBBZ) × blankPacketFactor` with the packet's points
 *    and average cost, no coefficient and no outlier test (outlier class `blankPacket`; no average cost: no points,
 *    error `points.blank_packet_average_cost_missing`); see `createCaseScorer`.
 * 2. Per pool (DIP-RULES.md §7.2–§7.4; `computePointValue` of `src/pointValue`): `P` = Σ case points, `r` = Σ booked
 *    ÷ Σ total cost of the cases with points (or the published `fundPayRatio`), settlement `PV = round((F ÷ r) ÷ P)`
 *    by `rounding.pointValue`, or the fixed / elastic PV by `pointValueRegime`, bounded by `pvCap` / `pvFloor` /
 *    `pvFloorShareOfBudget`; without a fund the budget PV is used (warning).
 * 3. Per hospital and pool (DIP-RULES.md §8.3; `computeDipAmountDue`): `P_{h,p} × PV_p × r_{h,p}` exact
 *    (`fundShareMethodClearing` `ratio`; `r_h` per hospital or region by `fundPayRatioScope.clearing`), or
 *    `P × PV − patientPaid`. Rounded once by the money rule, or — with `residualAllocation = 'largestRemainder'` and a
 *    fund — the pool's `F` is split over the hospitals in proportion to those exact amounts
 *    (`allocateLargestRemainder`) so that Σ equals `F` to the cent.
 * 4. `k_h`, `s_h` from the score bands (`resolveAssessment`) or given; `D_h = round(Σ_p base_{h,p} × k_h − audit_h)`
 *    (DIP 3.0 draft ch. 7 §3 一 (四)).
 * 5. Corridor `A_h` against `B_h` = booked − audit (DIP-RULES.md §8.4; `applySurplusCorridor`); shared overrun paid
 *    from the pools' reserve, pro rata by largest remainder when short.
 * 6. Deposit `W_h`, refund `round(W_h × s)`, forfeit `W_h − refund` (DIP-RULES.md §8.5).
 * 7. `Net_h = A_h − forfeit − Σ prepaid − advanceOutstanding` (DIP-RULES.md §8.6; `computeNetPayment`); prepayments
 *    from the table, or computed per month (DIP-RULES.md §8.2; `runMonthlyPrepayments`) with the budget PV, Σ of
 *    what was actually paid after carry-forward.
 *
 * Residual: per pool `F − Σ_h clearingBeforeAssessment`, stated to the cent (0 under allocation).
 *
 * Each row is applied by the state's `acceptedNow` / `rejectedNow`: no promise per row unless a sink returned one,
 * which is awaited before the next row — the same sink calls, counts and issues in the same order as awaiting the
 * async `accepted` / `rejected` (tests/run/settleRegionYearNowH4.test.ts).
 *
 * Special cases (特例单议, DIP-RULES.md §6.4; `input.specialCases`): approvals are keyed by (hospital, case) before the
 * pass; a matching case is held aside (its result is written to the case sink after the pass, so such cases come
 * last). After the pass the quota ⌊specialCaseQuota × settled cases⌋ is applied (`applySpecialCases`, ordered by
 * review period). Within the quota, `itemBased`: the approved amount (else the case's booked fund amount) is paid by
 * item — the case leaves `P`, `r` and the monthly prepayments, its amount `A` is taken out of `F` before the PV
 * (`PV = ((F − A) / r) / P_regular`, `specialCaseFunding = 'fromDipFund'`) and added to the hospital's clearing
 * before assessment (so `k` applies to it); its cost and booked amount stay in the hospital's `B_h`.
 * `adjustedStandard`: the approved points, or approved amount ÷ the PV in force, are the case's points. Rejected
 * approvals (over quota, duplicate, no amount) and approvals of cases not settled are reported; rejected cases settle
 * by the packet rules. Per-case `reason = 'specialCase'`.
 *
 * @example
 * ```ts
 * const run = await settleRegionYear({ records, policy, grouper, year: 2025, hospitals }, { onCase: (c) => out.push(c) });
 * run.summary.pools[0].pointValue   // e.g. '10.000000'
 * ```
 */
export async function settleRegionYear(input: RegionYearInput, sinks: RunSinks = {}): Promise<SettlementRun> {
  const scorer = createCaseScorer(input);
  const state = createRunState(input, sinks);
  await state.start();
  for await (const item of input.records) {
    if (item.ok === 'fileIssues') await state.fileIssues(item.issues);
    else {
      // `acceptedNow` / `rejectedNow`: the row applied without a promise unless a sink returned one, which is awaited
      // before the next row (as `await state.accepted(…)` did: same sink calls, counts and issues in the same order)
      const p = item.ok ? state.acceptedNow(scorer.score(item.record, item.line, item.warnings)) : state.rejectedNow(item.line, item.issues);
      if (p !== undefined) await p;
    }
  }
  return state.finish();
}
