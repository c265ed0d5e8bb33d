import { ONE, ZERO, roundDec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import type { DecLike } from '../points/toDec.js';
import { toDec, toDecOpt } from '../points/toDec.js';

/** Inputs of one hospital's annual DIP amount due. */
export interface DipAmountDueInput {
  /** `P_h`: exact sum of the hospital's rounded case points (pool). */
  readonly points: DecLike;
  /** Settlement PV of the pool. */
  readonly pointValue: DecLike;
  /** `r_h` (`fundShareMethodClearing = 'ratio'`). */
  readonly fundPayRatio?: DecLike;
  /** Σ patient_paid (`fundShareMethodClearing = 'subtractPatientPaid'`). */
  readonly patientPaid?: DecLike;
  /** 考核系数 `k_h` (default 1). */
  readonly assessmentCoefficient?: DecLike;
  /** Σ audit deductions of the year (includes the monthly ones, §8.6). */
  readonly auditDeductions?: DecLike;
  /** A base already allocated to the cent (largest remainder, {@link clearAnnual}) replacing `P × PV × r`. */
  readonly allocatedBase?: DecLike;
}

/** The amount due with its intermediates. */
export interface DipAmountDue {
  readonly method: 'ratio' | 'subtractPatientPaid';
  /** `P_h × PV × r_h` (or `P_h × PV − patientPaid`), exact. */
  readonly baseUnrounded: Dec;
  /** The base at the money scale: `round(baseUnrounded)`, or the allocated base. */
  readonly base: Dec;
  readonly assessmentCoefficient: Dec;
  readonly auditDeductions: Dec;
  /** `base × k − audit`, exact (from the exact base unless an allocated base is given). */
  readonly amountUnrounded: Dec;
  /** `D_h`, rounded once by the money rule. */
  readonly amountDue: Dec;
  readonly rounding: RoundingRule;
}

/**
 * Annual DIP amount due 年度应支付 `D_h = [Σ casePoints × PV_settle × r_h] × k_h − Σ audit_h` (DIP-RULES.md §8.3;
 * DIP 3.0 draft ch. 7 §3 一: "〔∑(病例分值 × 结算点值 × 医保基金支付比例)〕× 考核系数 − ∑审核扣减费用"), computed
 * from the exact sum `P_h × PV × r_h` (never from rounded case amounts) and rounded once by `rounding.money`.
 * `fundShareMethodClearing = 'subtractPatientPaid'` uses `P_h × PV − patientPaid_h` instead.
 *
 * @example
 * ```ts
 * // T14: 2,000,000 × 10 × 0.70 × 0.98 − 150,000
 * computeDipAmountDue({ points: '2000000', pointValue: '10', fundPayRatio: '0.70', assessmentCoefficient: '0.98',
 *   auditDeductions: '150000' }, 'ratio', HALF_UP_2).amountDue.toFixed(2)   // '13570000.00'
 * ```
 */
export function computeDipAmountDue(input: DipAmountDueInput, method: 'ratio' | 'subtractPatientPaid', money: RoundingRule): DipAmountDue {
  const standard = toDec(input.points).times(toDec(input.pointValue));
  const baseUnrounded = method === 'ratio' ? standard.times(toDecOpt(input.fundPayRatio) ?? ZERO) : standard.minus(toDecOpt(input.patientPaid) ?? ZERO);
  const allocated = toDecOpt(input.allocatedBase);
  const k = toDecOpt(input.assessmentCoefficient) ?? ONE;
  const audit = toDecOpt(input.auditDeductions) ?? ZERO;
  const amountUnrounded = (allocated ?? baseUnrounded).times(k).minus(audit);
  return {
    method,
    baseUnrounded,
    base: allocated ?? roundDec(baseUnrounded, money),
    assessmentCoefficient: k,
    auditDeductions: audit,
    amountUnrounded,
    amountDue: roundDec(amountUnrounded, money),
    rounding: money,
  };
}
