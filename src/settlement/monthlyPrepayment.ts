import { ZERO, dec, roundDec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import type { Issue } from '../core/issue.js';
import type { RoundingOptions, SettlementOptions } from '../policy/schema.js';
import type { DecLike } from '../points/toDec.js';
import { toDecOpt } from '../points/toDec.js';

/** One hospital-month's inputs. */
export interface MonthlyPrepaymentInput {
  /** `P_{h,m}`: Σ case points of the month (mode `points`). */
  readonly points?: DecLike;
  /** `PV_m`: the month's rate (budget PV, or a month-specific PV). */
  readonly pointValue?: DecLike;
  /** Σ patient_paid of those cases (`subtractPatientPaid`). */
  readonly patientPaid?: DecLike;
  /** `r` of the hospital (`fundShareMethodMonthly: 'ratio'`). */
  readonly fundPayRatio?: DecLike;
  /** The hospital's monthly quota (mode `quota`). */
  readonly monthlyQuota?: DecLike;
  /** `audit_{h,m}`: audit deductions of the month (审核扣减). */
  readonly auditDeductions?: DecLike;
  /** Negative balance carried in from earlier months (≤ 0), under `negativeMonth: 'carryForward'`. */
  readonly carriedIn?: DecLike;
}

/** A month's prepayment with its parts (all money at the money scale, each rounded once). */
export interface MonthlyPrepayment {
  readonly mode: SettlementOptions['monthlyMode'];
  readonly formula: string;
  /** `gross = P × PV − patientPaid` (or `P × PV × r`, or the quota), unrounded and rounded. */
  readonly grossUnrounded: Dec;
  readonly gross: Dec;
  /** `round(gross × prepayRatio)`. */
  readonly prepayBeforeAudit: Dec;
  readonly auditDeductions: Dec;
  /** `round(gross × qualityDepositRate)` 质量保证金 (or `gross − prepayBeforeAudit` when nothing is deferred), refunded at clearing by the assessment (§8.5). */
  readonly depositWithheld: Dec;
  /** `gross − prepayBeforeAudit − depositWithheld`: deferred to clearing (so the parts add up to the cent). */
  readonly deferred: Dec;
  /** `prepayBeforeAudit − audit` (the 3.0 formula's prepayment, T15). */
  readonly prepay: Dec;
  readonly carriedIn: Dec;
  /** Paid this month: `prepay + carriedIn`, or 0 when that is negative and carried forward. */
  readonly paid: Dec;
  /** Negative balance carried to the next month (≤ 0). */
  readonly carryOut: Dec;
  readonly rounding: RoundingRule;
  readonly issues: readonly Issue[];
}

/**
 * Monthly prepayment 月度预付 of one hospital (DIP-RULES.md §8.2; DIP 3.0 draft ch. 7 §2 二; 2025 Interim Measures
 * art. 27; 2025 Handling Rules art. 26):
 *
 * ```
 * gross   = P_{h,m} × PV_m − patientPaid_{h,m}            (fundShareMethodMonthly 'subtractPatientPaid'; 'ratio': × r)
 * prepay  = gross × prepayRatio − audit_{h,m}
 * deposit = gross × qualityDepositRate;  deferred = gross − gross × prepayRatio − deposit
 * ```
 *
 * Mode `quota`: `gross` = the monthly quota. Each money step is rounded once by `rounding.money` from the exact
 * gross; the deferred part is the remainder `gross − prepay − deposit` so the parts add up to the cent (when
 * `prepayRatio + qualityDepositRate = 1` the deposit is that remainder). A month with `gross ≤ 0` withholds no deposit and defers nothing. A negative `prepay + carriedIn`:
 * `negativeMonth = 'carryForward'` (engine default) pays 0 and carries the balance; `'recoverInMonth'` pays the
 * negative amount (a recovery).
 *
 * @example
 * ```ts
 * // T15: (180,000 × 10 − 540,000) × 0.9 − 20,000
 * computeMonthlyPrepayment({ points: '180000', pointValue: '10', patientPaid: '540000', auditDeductions: '20000' },
 *   { settlement: { ...DEFAULT_SETTLEMENT_OPTIONS, prepayRatio: '0.9' }, rounding })
 * // prepay = Dec('1114000'), gross = Dec('1260000')
 * ```
 */
export function computeMonthlyPrepayment(
  input: MonthlyPrepaymentInput,
  policy: { readonly settlement: SettlementOptions; readonly rounding: Pick<RoundingOptions, 'money'> },
): MonthlyPrepayment {
  const s = policy.settlement;
  const money = policy.rounding.money;
  const issues: Issue[] = [];
  let grossU: Dec;
  let formula: string;
  if (s.monthlyMode === 'quota') {
    const q = toDecOpt(input.monthlyQuota);
    if (q === undefined) issues.push({ severity: 'error', code: 'settlement.quota_missing', message: 'monthlyMode "quota" needs the hospital\u2019s monthly quota', expected: 'monthlyQuota' });
    grossU = q ?? ZERO;
    formula = 'gross = monthly quota';
  } else {
    const P = toDecOpt(input.points) ?? ZERO;
    const pv = toDecOpt(input.pointValue);
    if (pv === undefined) issues.push({ severity: 'error', code: 'settlement.pv_missing', message: 'monthly prepayment by points needs the month\u2019s point value', expected: 'pointValue' });
    const standard = P.times(pv ?? ZERO);
    if (s.fundShareMethodMonthly === 'ratio') {
      const r = toDecOpt(input.fundPayRatio);
      if (r === undefined) issues.push({ severity: 'error', code: 'settlement.ratio_missing', message: 'fundShareMethodMonthly "ratio" needs the hospital\u2019s fund payment ratio', expected: 'fundPayRatio' });
      grossU = standard.times(r ?? ZERO);
      formula = 'gross = P × PV × r';
    } else {
      grossU = standard.minus(toDecOpt(input.patientPaid) ?? ZERO);
      formula = 'gross = P × PV − patientPaid';
    }
  }
  const gross = roundDec(grossU, money);
  const positive = grossU.gt(0);
  const prepayBeforeAudit = positive ? roundDec(grossU.times(dec(s.prepayRatio)), money) : gross;
  const deferredShare = dec(1).minus(dec(s.prepayRatio)).minus(dec(s.qualityDepositRate));
  if (deferredShare.isNeg()) issues.push({ severity: 'warning', code: 'settlement.ratios_exceed_one', message: `prepayRatio + qualityDepositRate exceed 1 by ${deferredShare.neg().toFixed()}` });
  // With no deferred share the deposit takes the rounding cent, so prepay + deposit = gross exactly.
  const depositWithheld = !positive ? ZERO : deferredShare.isZero() ? gross.minus(prepayBeforeAudit) : roundDec(grossU.times(dec(s.qualityDepositRate)), money);
  const deferred = gross.minus(prepayBeforeAudit).minus(depositWithheld);
  const audit = toDecOpt(input.auditDeductions) ?? ZERO;
  const prepay = prepayBeforeAudit.minus(audit);
  const carriedIn = toDecOpt(input.carriedIn) ?? ZERO;
  const due = prepay.plus(carriedIn);
  const carry = due.isNeg() && s.negativeMonth === 'carryForward';
  return {
    mode: s.monthlyMode,
    formula: `${formula}; prepay = gross × prepayRatio − audit`,
    grossUnrounded: grossU,
    gross,
    prepayBeforeAudit,
    auditDeductions: audit,
    depositWithheld,
    deferred,
    prepay,
    carriedIn,
    paid: carry ? ZERO : due,
    carryOut: carry ? due : ZERO,
    rounding: money,
    issues,
  };
}

/** A year of monthly prepayments with the carry-forward chained, and the totals clearing needs (§8.6). */
export interface PrepaymentYear {
  readonly months: readonly MonthlyPrepayment[];
  /** Σ prepay (net of monthly audit deductions), the `Σ_m prepay_{h,m}` of the net-payment formula. */
  readonly prepayTotal: Dec;
  /** Σ paid (after carry-forward). */
  readonly paidTotal: Dec;
  /** `W_h`: Σ deposit withheld. */
  readonly depositTotal: Dec;
  readonly deferredTotal: Dec;
  /** Negative balance still open after the last month (≤ 0), netted at clearing. */
  readonly carryOut: Dec;
}

/**
 * Run {@link computeMonthlyPrepayment} over a hospital's months in order, carrying negative balances forward.
 *
 * @example
 * ```ts
 * runMonthlyPrepayments([jan, feb, mar], policy).prepayTotal   // Σ prepay of the three months
 * ```
 */
export function runMonthlyPrepayments(
  months: readonly MonthlyPrepaymentInput[],
  policy: { readonly settlement: SettlementOptions; readonly rounding: Pick<RoundingOptions, 'money'> },
): PrepaymentYear {
  let carry = ZERO;
  const out: MonthlyPrepayment[] = [];
  let prepayTotal = ZERO;
  let paidTotal = ZERO;
  let depositTotal = ZERO;
  let deferredTotal = ZERO;
  for (const m of months) {
    const r = computeMonthlyPrepayment({ ...m, carriedIn: carry.plus(toDecOpt(m.carriedIn) ?? ZERO) }, policy);
    out.push(r);
    carry = r.carryOut;
    prepayTotal = prepayTotal.plus(r.prepay);
    paidTotal = paidTotal.plus(r.paid);
    depositTotal = depositTotal.plus(r.depositWithheld);
    deferredTotal = deferredTotal.plus(r.deferred);
  }
  return { months: out, prepayTotal, paidTotal, depositTotal, deferredTotal, carryOut: carry };
}
