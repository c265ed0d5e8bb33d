import { ZERO, dec, roundDec } from '../decimal/index.js';
import type { Dec } from '../decimal/index.js';
import type { Issue } from '../core/issue.js';
import type { RoundingOptions, SpecialCaseOptions } from '../policy/schema.js';
import { isAbove } from './thresholdCompare.js';
import type { DecLike } from './toDec.js';
import { toDec, toDecOpt } from './toDec.js';

/**
 * Special-case quota 特例单议名额 = ⌊specialCaseQuota × region-year DIP discharges⌋ (DIP-RULES.md §6.4; DIP 3.0
 * draft ch. 6 §2 一; 2025 Interim Measures art. 20; 2025 Handling Rules art. 21): region-wide, not per hospital;
 * "不超过" → `quotaRounding` (default floor) at scale 0.
 *
 * @example
 * ```ts
 * specialCaseQuota(200_000, DEFAULT_SPECIAL_CASE_OPTIONS)   // 1000 (T18)
 * specialCaseQuota(199_999, DEFAULT_SPECIAL_CASE_OPTIONS)   // 999
 * ```
 */
export function specialCaseQuota(regionDipDischarges: number, options: SpecialCaseOptions): number {
  if (!Number.isSafeInteger(regionDipDischarges) || regionDipDischarges < 0) {
    throw new Error(`specialCaseQuota(): discharges must be a non-negative integer, got ${regionDipDischarges}`);
  }
  return roundDec(dec(regionDipDischarges).times(dec(options.specialCaseQuota)), { scale: 0, mode: options.quotaRounding }).toNumber();
}

/**
 * Whether a case may be applied for special-case review by cost: `cost > multiple × RW × PV` ("对超过平均支付标准
 * 2 倍以上的病例，纳入申报范围", DIP 3.0 draft ch. 6 §2 一), strict unless `specialCaseTriggerInclusive`.
 * Exact decimal comparison.
 *
 * @example
 * ```ts
 * isSpecialCaseEligible('30000.01', '1500', '10', DEFAULT_SPECIAL_CASE_OPTIONS)   // true
 * isSpecialCaseEligible('30000', '1500', '10', DEFAULT_SPECIAL_CASE_OPTIONS)      // false (strict)
 * ```
 */
export function isSpecialCaseEligible(cost: DecLike, rw: DecLike, pointValue: DecLike, options: SpecialCaseOptions): boolean {
  const trigger = dec(options.specialCaseTriggerMultiple).times(toDec(rw)).times(toDec(pointValue));
  return isAbove(toDec(cost), trigger, options.specialCaseTriggerInclusive);
}

/** One approved special case (特例单议 approval) as reported by the review. */
export interface SpecialCaseApproval {
  readonly caseId: string;
  readonly hospitalId?: string;
  /** Review round, sortable text: `YYYY-MM` (monthly) or `YYYY-Qn` (quarterly). Approvals are counted in this order. */
  readonly reviewPeriod: string;
  /** Approved fund amount (`itemBased`: the booked fund amount paid by item; `adjustedStandard`: converted to points). */
  readonly approvedAmount?: DecLike;
  /** Approved points (`adjustedStandard`), instead of an amount. */
  readonly approvedPoints?: DecLike;
  /** For the eligibility flag: case cost, packet RW, PV in force. */
  readonly cost?: DecLike;
  readonly rw?: DecLike;
  readonly pointValue?: DecLike;
}

/** An approval within the quota, with its settlement form. */
export interface AcceptedSpecialCase {
  readonly caseId: string;
  readonly hospitalId?: string;
  readonly reviewPeriod: string;
  /** Position in the input list. */
  readonly inputIndex: number;
  /** Cumulative rank within the quota (1-based, including `alreadyApproved`). */
  readonly rank: number;
  readonly mode: SpecialCaseOptions['specialCaseMode'];
  /** `itemBased`: amount paid outside the points (removed from `F` before the settlement PV when `fromDipFund`). */
  readonly amount?: Dec;
  /** `adjustedStandard`: 特殊病例分值 = approved amount ÷ PV (rounded by `casePoints`), or the approved points. */
  readonly points?: Dec;
  /** Cost trigger `cost > 2 × RW × PV`; undefined when cost, RW or PV were not given. */
  readonly eligible?: boolean;
}

/** An approval rejected, with the reason. */
export interface RejectedSpecialCase {
  readonly caseId: string;
  readonly inputIndex: number;
  readonly reason: 'overQuota' | 'duplicate' | 'amountMissing';
}

/** Outcome of {@link applySpecialCases}. */
export interface SpecialCasesResult {
  readonly quota: number;
  /** Approvals counted against the quota, including `alreadyApproved`. */
  readonly used: number;
  readonly accepted: readonly AcceptedSpecialCase[];
  readonly rejected: readonly RejectedSpecialCase[];
  /** Σ item-based amounts of the accepted approvals (taken out of `F` before the settlement PV, §6.4). */
  readonly itemBasedTotal: Dec;
  /** Σ item-based amounts by hospital id (approvals without a hospital id under `''`). */
  readonly itemBasedByHospital: Readonly<Record<string, Dec>>;
  /** One issue per rejected approval, and warnings for approvals below the cost trigger. */
  readonly issues: readonly Issue[];
}

/**
 * Apply the region's special-case quota to a list of approvals (DIP-RULES.md §6.4; DIP 3.0 draft ch. 6 §2;
 * 2025 Interim Measures art. 20, 23; 2025 Handling Rules art. 21–24).
 *
 * - Quota = {@link specialCaseQuota}, tracked cumulatively across review rounds: pass the count approved in
 *   earlier rounds as `alreadyApproved`.
 * - Deterministic order: by `reviewPeriod` ascending (text order), then input order. Approvals beyond the quota
 *   are **rejected with an error issue each** (`points.special_case_over_quota`), never dropped silently.
 * - A repeated (hospitalId, caseId) is rejected (`points.special_case_duplicate`).
 * - `itemBased` (default): the approved amount is paid by item; `adjustedStandard`: points = amount ÷ PV
 *   (rounded by `rounding.casePoints`) or the approved points.
 * - Eligibility flag `cost > specialCaseTriggerMultiple × RW × PV` when cost, RW, PV are given; an approval
 *   below the trigger is kept with a warning `points.special_case_below_trigger`.
 *
 * @example
 * ```ts
 * const r = applySpecialCases(approvals, 200_000, { specialCase: DEFAULT_SPECIAL_CASE_OPTIONS, rounding })
 * r.quota              // 1000 (T18)
 * r.rejected.length    // approvals beyond the 1000th, each with an issue
 * ```
 */
export function applySpecialCases(
  approvals: readonly SpecialCaseApproval[],
  regionDipDischarges: number,
  policy: { readonly specialCase: SpecialCaseOptions; readonly rounding: Pick<RoundingOptions, 'casePoints'> },
  options: { readonly alreadyApproved?: number } = {},
): SpecialCasesResult {
  const sc = policy.specialCase;
  const quota = specialCaseQuota(regionDipDischarges, sc);
  let used = options.alreadyApproved ?? 0;
  const order = approvals.map((a, i) => ({ a, i })).sort((x, y) => (x.a.reviewPeriod < y.a.reviewPeriod ? -1 : x.a.reviewPeriod > y.a.reviewPeriod ? 1 : x.i - y.i));
  const seen = new Set<string>();
  const accepted: AcceptedSpecialCase[] = [];
  const rejected: RejectedSpecialCase[] = [];
  const issues: Issue[] = [];
  for (const { a, i } of order) {
    const key = `${a.hospitalId ?? ''}\u0000${a.caseId}`;
    if (seen.has(key)) {
      rejected.push({ caseId: a.caseId, inputIndex: i, reason: 'duplicate' });
      issues.push({ severity: 'error', code: 'points.special_case_duplicate', message: `special-case approval for case ${a.caseId} (input #${i}) repeats an earlier approval`, path: [i] });
      continue;
    }
    seen.add(key);
    const amount = toDecOpt(a.approvedAmount);
    const pv = toDecOpt(a.pointValue);
    let points: Dec | undefined;
    if (sc.specialCaseMode === 'adjustedStandard') {
      if (a.approvedPoints !== undefined) points = roundDec(toDec(a.approvedPoints), policy.rounding.casePoints);
      else if (amount !== undefined && pv !== undefined && pv.gt(0)) points = roundDec(amount.div(pv), policy.rounding.casePoints);
    }
    const hasValue = sc.specialCaseMode === 'itemBased' ? amount !== undefined : points !== undefined;
    if (!hasValue) {
      rejected.push({ caseId: a.caseId, inputIndex: i, reason: 'amountMissing' });
      issues.push({
        severity: 'error',
        code: 'points.special_case_amount_missing',
        message: `special-case approval for case ${a.caseId} (input #${i}) has no ${sc.specialCaseMode === 'itemBased' ? 'approved amount' : 'approved points or amount with a point value'}`,
        path: [i],
      });
      continue;
    }
    if (used >= quota) {
      rejected.push({ caseId: a.caseId, inputIndex: i, reason: 'overQuota' });
      issues.push({
        severity: 'error',
        code: 'points.special_case_over_quota',
        message: `special-case approval for case ${a.caseId} (period ${a.reviewPeriod}, input #${i}) exceeds the region quota of ${quota} (${sc.specialCaseQuota} × ${regionDipDischarges} discharges); rejected, the case is paid by the packet rules`,
        path: [i],
        expected: `at most ${quota} approvals`,
      });
      continue;
    }
    used += 1;
    const eligible = a.cost !== undefined && a.rw !== undefined && pv !== undefined ? isSpecialCaseEligible(a.cost, a.rw, pv, sc) : undefined;
    if (eligible === false) {
      issues.push({ severity: 'warning', code: 'points.special_case_below_trigger', message: `case ${a.caseId}: cost is not above ${sc.specialCaseTriggerMultiple} × RW × PV; approval kept as reviewed`, path: [i] });
    }
    accepted.push({
      caseId: a.caseId,
      ...(a.hospitalId === undefined ? {} : { hospitalId: a.hospitalId }),
      reviewPeriod: a.reviewPeriod,
      inputIndex: i,
      rank: used,
      mode: sc.specialCaseMode,
      ...(sc.specialCaseMode === 'itemBased' && amount !== undefined ? { amount } : {}),
      ...(points === undefined ? {} : { points }),
      ...(eligible === undefined ? {} : { eligible }),
    });
  }
  let itemBasedTotal = ZERO;
  const itemBasedByHospital: Record<string, Dec> = {};
  for (const x of accepted) {
    if (x.amount === undefined) continue;
    itemBasedTotal = itemBasedTotal.plus(x.amount);
    const k = x.hospitalId ?? '';
    itemBasedByHospital[k] = (itemBasedByHospital[k] ?? ZERO).plus(x.amount);
  }
  return { quota, used, accepted, rejected, itemBasedTotal, itemBasedByHospital, issues };
}
