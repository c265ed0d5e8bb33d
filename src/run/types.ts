/**
 * Types of one region-year settlement run (区域年度清算): the inputs that are not per case (DIP-RULES.md §2.4),
 * the per-case result, the per-hospital statement and the region summary (DIP-RULES.md §6–§8).
 *
 * Money, points, point values and ratios cross this API as exact decimal strings (`src/decimal` brands), never JS
 * numbers (DIP-RULES.md §8.7).
 *
 * @module
 */
import type { Issue } from '../core/issue.js';
import type { Points, PointValue, Ratio, Yuan } from '../decimal/brands.js';
import type { DischargeRecord } from '../records/types.js';

/** Pool key of a run: the insurance pools of DIP-RULES.md §7.3, or `all` when `pointValue.perPool` is false. */
export type RunPool = 'employee' | 'resident' | 'all';

// ---------------------------------------------------------------------------------------------------------------
// Input tables (DIP-RULES.md §2.4)
// ---------------------------------------------------------------------------------------------------------------

/**
 * One row of the hospital master (定点医疗机构, DIP-RULES.md §2.4): id, name, level / type, institution
 * coefficient of the year (DIP-RULES.md §5.10). A coefficient given here fills `coefficients.byHospital` of the
 * policy for that hospital unless the policy names one itself (the policy wins: it is the published source).
 */
export interface HospitalInfo {
  /** 定点医疗机构代码. */
  readonly hospitalId: string;
  /** 医疗机构名称. */
  readonly name: string;
  /** 级别 / 类型, the key of `coefficients.byLevel` (e.g. `三级`). */
  readonly level: string;
  /** 医疗机构调节系数 of the year, exact decimal string; absent = resolved from the policy by level. */
  readonly coefficient?: Ratio;
}

/**
 * Assessment result of one hospital for the year (考核, DIP-RULES.md §8.5; DIP 3.0 draft ch. 7 §3; 2025 Handling
 * Rules art. 35). `score` selects a band of `settlement.assessmentBands`; an explicit `coefficient` (k) or
 * `depositRefundShare` (s) overrides the band's value.
 */
export interface AssessmentScore {
  readonly hospitalId: string;
  readonly score?: string;
  readonly coefficient?: Ratio;
  readonly depositRefundShare?: Ratio;
  /** Overrun certified reasonable (合理超支, DIP-RULES.md §8.4: non-management factors). Default false. */
  readonly reasonableOverrun?: boolean;
}

/**
 * Payments already made to one hospital in one month (DIP-RULES.md §8.2, §2.4 "payments made"): the net monthly
 * prepayment paid (already net of the month's audit deductions) and the quality deposit withheld.
 * `advanceOutstanding` is a working-capital / advance balance (预付金 / 周转金) still to be netted at clearing.
 */
export interface PrepaymentRow {
  readonly hospitalId: string;
  /** `YYYY-MM`. */
  readonly month: string;
  readonly prepaid: Yuan;
  readonly depositWithheld: Yuan;
  readonly advanceOutstanding: Yuan;
}

/** An audit deduction (审核扣减, DIP-RULES.md §2.4, §8.2, §8.3): per hospital and month, optionally per case. */
export interface AuditDeduction {
  readonly hospitalId: string;
  /** `YYYY-MM`; absent = a year-end deduction (enters clearing only). */
  readonly month?: string;
  readonly amount: Yuan;
  readonly caseId?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------------------------

/**
 * One item of the records stream as the reader delivers it: a validated record (with warnings), a rejected row
 * with its issues, or issues of the file as a whole. `line` is the 1-based physical line the row starts on.
 */
export type RecordItem =
  | { readonly ok: true; readonly line: number; readonly record: DischargeRecord; readonly warnings?: readonly Issue[] }
  | { readonly ok: false; readonly line: number; readonly issues: readonly Issue[] }
  /** Issues of the file that belong to no row (header warnings): reported and counted, not a row. */
  | { readonly ok: 'fileIssues'; readonly issues: readonly Issue[] };

// ---------------------------------------------------------------------------------------------------------------
// Per-case output
// ---------------------------------------------------------------------------------------------------------------

/**
 * Status of an accepted case in the run:
 * `grouped` (入组, has DIP points), `ungrouped` (未入组; points only under an `ungroupedPolicy` other than
 * `reportOnly`), `unknownHospital` (hospital not in the hospital table: excluded, one issue per hospital),
 * `outOfYear` (discharged outside the run's year: excluded, counted).
 */
export type CaseStatus = 'grouped' | 'ungrouped' | 'unknownHospital' | 'outOfYear';

/**
 * The explainable per-case result (DIP-RULES.md §4.8, §6): packet, kind, outlier class, coefficients, ratio and
 * points. Money per case is not part of it: the settlement point value is only known after every case has been
 * read, and the run holds no cases (see `settleRegionYear`).
 */
export interface CaseResult {
  readonly line: number;
  readonly caseId: string;
  readonly hospitalId: string;
  readonly pool: RunPool;
  /** Settlement month `YYYY-MM` (settlement date, else discharge date; DIP-RULES.md §2.3). */
  readonly month: string;
  readonly status: CaseStatus;
  readonly packetCode?: string;
  /** `core`, `comprehensive`, `tcm`, `fallback`, or `primaryCare` for 基层病种. */
  readonly packetKind?: string;
  /**
   * Outlier class of `src/points` (`normal`, `low`, `high`, …), or `blankPacket` for a case scored by the blank-packet
   * formula (DIP-RULES.md §6.5: `RW_KBBZ × ratio × blankPacketFactor`, no outlier test).
   */
  readonly outlier?: string;
  /** Institution coefficient `c` (or primary-care factor `b`) as applied. */
  readonly coefficient?: Ratio;
  readonly auxCoef?: Ratio;
  /** `ρ = cost / R`, shown at 6 dp (the comparison used the unrounded value); `cost / m_KBBZ` for outlier `blankPacket`. */
  readonly ratio?: Ratio;
  /** Case points 病例分值, rounded by `rounding.casePoints`; `0` when the case carries no DIP points. */
  readonly casePoints: Points;
  readonly totalCost: Yuan;
  /** Ungrouped reason, exclusion reason, `review` flags, or `specialCase` for an approved special case (特例单议, §6.4). */
  readonly reason?: string;
  /** `itemBased` special case: the approved amount paid by item, outside the points (`casePoints` is then `0`). */
  readonly specialCaseAmount?: Yuan;
}

// ---------------------------------------------------------------------------------------------------------------
// Statements and summary
// ---------------------------------------------------------------------------------------------------------------

/** Case counts of one hospital or of the region. */
export interface CaseCounts {
  /** Cases settled (grouped + ungrouped). */
  readonly cases: number;
  readonly grouped: number;
  readonly ungrouped: number;
  /** Grouped cases by packet kind (`core`, `comprehensive`, `primaryCare`, `tcm`, `fallback`). */
  readonly byKind: Readonly<Record<string, number>>;
  /**
   * Cases with points by outlier class (`ungroupedPoints` for ungrouped cases with points; `blankPacket` for every
   * case grouped into the blank packet under `ungroupedPolicy = 'blankPacket'`, including one left without points
   * because the packet has no average cost).
   */
  readonly byOutlier: Readonly<Record<string, number>>;
}

/** One pool's part of a hospital statement. */
export interface HospitalPoolLine {
  readonly pool: RunPool;
  readonly cases: number;
  /** `P_{h,pool}` = exact sum of rounded case points. */
  readonly points: Points;
  readonly totalCost: Yuan;
  /** Booked fund amount (`bookedAmountComponents`) of the hospital's DIP cases in the pool. */
  readonly booked: Yuan;
  /** `r_h` = booked ÷ total cost (or the region `r`, by `fundPayRatioScope.clearing`), unrounded. */
  readonly fundPayRatio: Ratio;
  /** `P_h × PV × r_h` exact, before any rounding (DIP 3.0 draft ch. 7 §3 一 (四)). */
  readonly clearingExact: string;
  /** Rounded (or largest-remainder allocated) pool amount before assessment, including `specialCaseAmount`. */
  readonly clearingBeforeAssessment: Yuan;
  /** Item-based special-case amount of the hospital in the pool (present when special cases were given, §6.4). */
  readonly specialCaseAmount?: Yuan;
}

/**
 * Year-end statement of one hospital (DIP-RULES.md §8.3–§8.6), with its intermediates.
 *
 * `D_h = round(clearingBeforeAssessment × k) − audit`; `A_h` = corridor result; `Net_h = A_h − forfeit −
 * prepaid − advanceOutstanding`.
 */
export interface HospitalStatement {
  readonly hospitalId: string;
  readonly name: string;
  readonly level: string;
  readonly counts: CaseCounts;
  readonly pools: readonly HospitalPoolLine[];
  /** `P_h` over all pools. */
  readonly points: Points;
  readonly totalCost: Yuan;
  /** Booked fund amount `B_h` before audit deductions. */
  readonly booked: Yuan;
  /** Σ pools of `clearingBeforeAssessment`. */
  readonly clearingBeforeAssessment: Yuan;
  /** Assessment score, if given. */
  readonly score?: string;
  /** 考核系数 `k` as applied (1 when `assessmentApplication = 'deposit'`). */
  readonly k: Ratio;
  /** Deposit refund share `s` as applied (1 when `assessmentApplication = 'coefficient'`). */
  readonly depositRefundShare: Ratio;
  /** Σ audit deductions of the year (monthly and year-end). */
  readonly auditDeductions: Yuan;
  /** `D_h` 清算应付额. */
  readonly clearingAmount: Yuan;
  /** `B_h` after audit deductions (compared with `D_h` by the corridor). */
  readonly bookedAfterAudit: Yuan;
  /** `surplus`, `overrun` or `even` (`D_h` vs `B_h`). */
  readonly corridorSide: 'surplus' | 'overrun' | 'even';
  /** `A_h` clearing entitlement after the corridor (DIP-RULES.md §8.4). */
  readonly corridorAmount: Yuan;
  /** Shared overrun paid to the hospital (`A_h − D_h` on the overrun side, after the reserve check). */
  readonly overrunShared: Yuan;
  /** `W_h` quality deposit withheld in the year. */
  readonly depositWithheld: Yuan;
  readonly depositRefund: Yuan;
  readonly depositForfeit: Yuan;
  /** Σ monthly prepayments paid (net of monthly audit deductions). */
  readonly prepaid: Yuan;
  /** How `prepaid` / `depositWithheld` were obtained: from the prepayment table, or computed from the cases (§8.2). */
  readonly prepaidSource: 'table' | 'computed';
  /** Negative monthly balance carried to clearing (`negativeMonth = carryForward`), ≤ 0. */
  readonly prepayCarry: Yuan;
  readonly advanceOutstanding: Yuan;
  /** `Net_h`; negative = recovery. */
  readonly netPayment: Yuan;
  /** Approved special cases (特例单议) of the hospital within the quota (present when special cases were given, §6.4). */
  readonly specialCases?: number;
  /** Their item-based amount, included in `clearingBeforeAssessment` (present when special cases were given). */
  readonly specialCaseAmount?: Yuan;
}

/** Point value of one pool with its intermediates (DIP-RULES.md §7.2). */
export interface PoolSummary {
  readonly pool: RunPool;
  /** DIP fund `F`; absent when no fund was given (then the PV is the fixed or budget PV). */
  readonly fund?: Yuan;
  /** Where `F` came from: the policy's `pointValue.pools`, or an explicit run input. */
  readonly fundSource?: 'policy' | 'input';
  /** Region fund payment ratio `r` = Σ booked ÷ Σ total cost (or the published `fundPayRatio`), unrounded. */
  readonly fundPayRatio: Ratio;
  /** Region total points `P` (exact sum of case points). */
  readonly points: Points;
  readonly cases: number;
  readonly totalCost: Yuan;
  readonly booked: Yuan;
  /** `(F ÷ r) ÷ P` before rounding. */
  readonly pointValueExact?: string;
  /** The settlement point value in use, rounded by `rounding.pointValue`. */
  readonly pointValue: PointValue;
  readonly pointValueSource: 'settlement' | 'fixed' | 'budget' | 'none';
  readonly budgetPointValue?: PointValue;
  /** Σ hospitals' clearing before assessment in the pool. */
  readonly clearingBeforeAssessment: Yuan;
  /** `F − Σ clearingBeforeAssessment`, to the cent (0 under largest-remainder allocation). */
  readonly residual?: Yuan;
  /** `F − Σ round(P_h × PV × r_h)`: the residual the allocation distributed (equals `residual` without allocation). */
  readonly residualBeforeAllocation?: Yuan;
  /**
   * Item-based special-case amount `A` of the pool (present when special cases were given, §6.4). Under
   * `specialCaseFunding = 'fromDipFund'` the PV is computed on `F − A` and `clearingBeforeAssessment` includes `A`.
   */
  readonly specialCaseAmount?: Yuan;
}

/** Special-case review results of the run (特例单议, DIP-RULES.md §6.4; 2025 Handling Rules art. 24). */
export interface SpecialCaseSummary {
  readonly mode: 'itemBased' | 'adjustedStandard';
  readonly funding: 'fromDipFund' | 'separate';
  /** Region-year DIP discharges the quota is computed on (settled cases: grouped + ungrouped). */
  readonly dipDischarges: number;
  /** ⌊specialCaseQuota × dipDischarges⌋. */
  readonly quota: number;
  /** Approvals given. */
  readonly approvals: number;
  /** Approvals within the quota, settled as special cases. */
  readonly approved: number;
  /** Approvals rejected (over quota, duplicate, no amount): those cases settle by the packet rules. */
  readonly rejected: number;
  /** Approvals naming a case that was not settled in the run (never read, excluded, or another hospital). */
  readonly unknownCase: number;
  /** Σ item-based amounts. */
  readonly amount: Yuan;
  /** Σ special-case points (`adjustedStandard`). */
  readonly points: Points;
  /** Item-based amount per pool. */
  readonly byPool: Readonly<Partial<Record<RunPool, Yuan>>>;
}

/** Counts that reconcile: `read = accepted + rejected`; `accepted = settled + unknownHospital + outOfYear`; `settled = grouped + ungrouped`. */
export interface RunCounts {
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly unknownHospital: number;
  readonly outOfYear: number;
  readonly settled: number;
  readonly grouped: number;
  readonly ungrouped: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly byOutlier: Readonly<Record<string, number>>;
  readonly ungroupedByReason: Readonly<Record<string, number>>;
}

/** Region totals (Σ of the statements). */
export interface RegionTotals {
  readonly points: Points;
  readonly totalCost: Yuan;
  readonly booked: Yuan;
  readonly clearingBeforeAssessment: Yuan;
  readonly clearingAmount: Yuan;
  readonly corridorAmount: Yuan;
  readonly depositWithheld: Yuan;
  readonly depositRefund: Yuan;
  readonly depositForfeit: Yuan;
  readonly prepaid: Yuan;
  readonly advanceOutstanding: Yuan;
  readonly netPayment: Yuan;
  readonly auditDeductions: Yuan;
  /** Σ F over pools with a fund. */
  readonly fund?: Yuan;
  /** Σ F − Σ clearingBeforeAssessment over pools with a fund, to the cent. */
  readonly residual?: Yuan;
}

/** The region summary of a run. */
export interface RegionSummary {
  readonly policyId: string;
  readonly regionCode: string;
  readonly year: number;
  readonly residualAllocation: 'none' | 'largestRemainder';
  readonly pools: readonly PoolSummary[];
  readonly counts: RunCounts;
  readonly totals: RegionTotals;
  /** Special cases (present when `RegionYearInput.specialCases` was given). */
  readonly specialCases?: SpecialCaseSummary;
  /** Issue counts by severity and by code. */
  readonly issueCounts: { readonly errors: number; readonly warnings: number; readonly byCode: Readonly<Record<string, number>> };
}

/** The result of `settleRegionYear`. */
export interface SettlementRun {
  readonly summary: RegionSummary;
  readonly hospitals: readonly HospitalStatement[];
  /** Every issue, unless an issue sink was given (then they went there and this is empty). */
  readonly issues: readonly Issue[];
}
