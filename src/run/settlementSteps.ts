/**
 * The settlement steps the region-year run applies per hospital (DIP-RULES.md §8.2–§8.6).
 *
 * TEMPORARY ADAPTER: `src/settlement/` (another work item) owns these formulas; when the run was written it had not
 * landed, so the run calls these small pure functions instead. They follow DIP-RULES.md literally and are tested by
 * the worked examples E1–E3 and T15 in `tests/run/settlementSteps.test.ts`; swap them for the `src/settlement`
 * exports once those are public.
 *
 * @module
 */
import { Dec, ONE, ZERO, dec, roundDec } from '../decimal/index.js';
import type { RoundingRule } from '../decimal/index.js';
import type { AssessmentBand, SurplusCorridor } from '../policy/schema.js';

/**
 * Largest-remainder allocation (Hamilton): split `total` (at the money scale) over non-negative `weights` so that
 * the parts are multiples of `10^-scale`, each within one unit of its exact share, and sum to `total` exactly.
 * Remainders are ranked by size, ties by index (stable, deterministic).
 *
 * Used for the residual of the DIP fund against Σ clearing amounts (`settlement.residualAllocation =
 * 'largestRemainder'`); no DIP document prescribes it (DIP-RULES.md §7.2 says the identity is approximate and the
 * engine reports the residual).
 *
 * @example
 * ```ts
 * allocateLargestRemainder(dec('100.00'), [dec(1), dec(1), dec(1)], 2).map(String)   // ['33.34', '33.33', '33.33']
 * ```
 */
export function allocateLargestRemainder(total: Dec, weights: readonly Dec[], scale: number): Dec[] {
  if (weights.length === 0) return [];
  const unit = new Dec(10).pow(-scale);
  const units = total.div(unit);
  if (!units.isInteger()) throw new Error(`allocateLargestRemainder(): total ${total.toFixed()} is not at scale ${scale}`);
  if (weights.some((w) => w.isNegative())) throw new Error('allocateLargestRemainder(): negative weight');
  let wsum = ZERO;
  for (const w of weights) wsum = wsum.plus(w);
  if (wsum.isZero()) {
    // Nothing to weigh by: equal shares.
    return allocateLargestRemainder(total, weights.map(() => ONE), scale);
  }
  const floors: Dec[] = [];
  const rems: { i: number; r: Dec }[] = [];
  let used = ZERO;
  weights.forEach((w, i) => {
    const exact = units.times(w).div(wsum);
    const f = exact.floor();
    floors.push(f);
    used = used.plus(f);
    rems.push({ i, r: exact.minus(f) });
  });
  let left = units.minus(used).toNumber(); // a small integer: at most weights.length
  rems.sort((a, b) => b.r.cmp(a.r) || a.i - b.i);
  for (const { i } of rems) {
    if (left <= 0) break;
    floors[i] = floors[i]!.plus(1);
    left--;
  }
  return floors.map((f) => f.times(unit));
}

/** The band of `settlement.assessmentBands` a score falls in (DIP-RULES.md §8.5): the last band whose start the score reaches. */
export function assessmentBandFor(bands: readonly AssessmentBand[], score: Dec): AssessmentBand | undefined {
  let found: AssessmentBand | undefined;
  for (const b of bands) {
    const min = dec(b.minScore);
    const c = score.cmp(min);
    if (c > 0 || (c === 0 && b.minInclusive)) found = b;
  }
  return found;
}

function overlap(gap: Dec, lo: Dec, hi: Dec | undefined): Dec {
  const top = hi === undefined || gap.lt(hi) ? gap : hi;
  return top.gt(lo) ? top.minus(lo) : ZERO;
}

/** The corridor outcome of one hospital (DIP-RULES.md §8.4). */
export interface CorridorResult {
  readonly side: 'surplus' | 'overrun' | 'balanced';
  /** `A_h`, unrounded (the caller rounds once by the money rule). */
  readonly amount: Dec;
}

/**
 * 结余留用 / 合理超支分担 (DIP-RULES.md §8.4; 2025 Handling Rules art. 33). Bands are fractions of `D`, marginal like tax
 * brackets:
 *
 * - surplus `g = D − B > 0`: `A = D − Σ (1 − retainShare_k) × overlap(g, [from_k·D, to_k·D))`;
 * - overrun `o = B − D > 0`: `A = D + Σ fundShare_k × overlap(o, [from_k·D, to_k·D))`, only when the overrun is
 *   certified reasonable or `requireReasonableFlag` is false.
 *
 * With `D ≤ 0` there is nothing to share: `A = D`.
 *
 * @example
 * ```ts
 * // E1 (example corridor of §8.4): D = 10,000,000, B = 8,500,000 → A = 9,750,000
 * ```
 */
export function applyCorridor(d: Dec, b: Dec, corridor: SurplusCorridor, reasonable: boolean): CorridorResult {
  if (d.lte(0) || d.eq(b)) return { side: d.eq(b) ? 'balanced' : d.gt(b) ? 'surplus' : 'overrun', amount: d };
  if (d.gt(b)) {
    const g = d.minus(b);
    let lost = ZERO;
    for (const band of corridor.surplusBands) {
      const lo = dec(band.from).times(d);
      const hi = band.to === undefined ? undefined : dec(band.to).times(d);
      lost = lost.plus(ONE.minus(dec(band.retainShare)).times(overlap(g, lo, hi)));
    }
    return { side: 'surplus', amount: d.minus(lost) };
  }
  const o = b.minus(d);
  if (corridor.requireReasonableFlag && !reasonable) return { side: 'overrun', amount: d };
  let shared = ZERO;
  for (const band of corridor.overrunBands) {
    const lo = dec(band.from).times(d);
    const hi = band.to === undefined ? undefined : dec(band.to).times(d);
    shared = shared.plus(dec(band.fundShare).times(overlap(o, lo, hi)));
  }
  return { side: 'overrun', amount: d.plus(shared) };
}

/** One month's prepayment inputs of a hospital (DIP-RULES.md §8.2). */
export interface MonthGross {
  readonly month: string;
  /** `gross_{h,m}` = P × PV_m − patientPaid (or × r), exact. */
  readonly gross: Dec;
  /** Audit deductions of the month. */
  readonly audit: Dec;
}

/** A hospital's computed monthly prepayments over the year. */
export interface PrepaymentSchedule {
  readonly months: readonly { readonly month: string; readonly gross: Dec; readonly prepay: Dec; readonly deposit: Dec; readonly paid: Dec; readonly carry: Dec }[];
  readonly prepaid: Dec;
  readonly depositWithheld: Dec;
  /** Negative balance left at year end (≤ 0), netted at clearing. */
  readonly carry: Dec;
}

/**
 * 月度预付, mode `points` (DIP-RULES.md §8.2; DIP 3.0 draft ch. 7 §2 二; 2025 Interim Measures art. 27):
 * `prepay_{h,m} = round(gross × prepayRatio) − audit_{h,m}`, deposit withheld `round(gross × qualityDepositRate)` (0
 * for a non-positive gross). Each monthly amount is rounded once by the money rule (§8.7). A negative month is
 * carried forward (`carryForward`, engine default, no published source) or paid negative (`recoverInMonth`).
 *
 * @example
 * ```ts
 * // T15: P 180,000 × PV 10 − 540,000 = 1,260,000; × 0.9 − 20,000 = 1,114,000.00
 * ```
 */
export function monthlyPrepayments(
  months: readonly MonthGross[],
  prepayRatio: Dec,
  depositRate: Dec,
  negativeMonth: 'carryForward' | 'recoverInMonth',
  money: RoundingRule,
): PrepaymentSchedule {
  const out: { month: string; gross: Dec; prepay: Dec; deposit: Dec; paid: Dec; carry: Dec }[] = [];
  let carry = ZERO;
  let prepaid = ZERO;
  let deposit = ZERO;
  for (const m of [...months].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))) {
    const prepay = roundDec(m.gross.times(prepayRatio), money).minus(m.audit);
    const w = m.gross.gt(0) ? roundDec(m.gross.times(depositRate), money) : ZERO;
    let paid: Dec;
    if (negativeMonth === 'carryForward') {
      const balance = prepay.plus(carry);
      paid = balance.isNegative() ? ZERO : balance;
      carry = balance.isNegative() ? balance : ZERO;
    } else {
      paid = prepay;
    }
    prepaid = prepaid.plus(paid);
    deposit = deposit.plus(w);
    out.push({ month: m.month, gross: m.gross, prepay, deposit: w, paid, carry });
  }
  return { months: out, prepaid, depositWithheld: deposit, carry };
}
