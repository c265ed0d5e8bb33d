import { ZERO, roundDec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import type { DecLike } from '../points/toDec.js';
import { toDec, toDecOpt } from '../points/toDec.js';

/** Inputs of the year-end net payment of one hospital. */
export interface NetPaymentInput {
  /** `A_h`: clearing entitlement after the corridor. */
  readonly entitlement: DecLike;
  /** `W_h`: quality deposit withheld in the year. */
  readonly depositWithheld?: DecLike;
  /** `s`: deposit refund share from the assessment (default 1). */
  readonly refundShare?: DecLike;
  /** `Σ_m prepay_{h,m}` (already net of monthly audit deductions). */
  readonly prepaymentsTotal?: DecLike;
  /** 周转金 / 预付金 still outstanding. */
  readonly advanceOutstanding?: DecLike;
}

/** The net payment and its parts. */
export interface NetPayment {
  readonly entitlement: Dec;
  readonly depositWithheld: Dec;
  /** `round(W × s)`. */
  readonly refund: Dec;
  /** `W − refund`. */
  readonly forfeit: Dec;
  readonly prepaymentsTotal: Dec;
  readonly advanceOutstanding: Dec;
  /** `A − forfeit − Σ prepay − advance`; negative = a recovery. */
  readonly net: Dec;
  readonly rounding: RoundingRule;
}

/**
 * Year-end net payment 年终清算拨付 `Net_h = A_h − forfeit_h − Σ_m prepay_{h,m} − advanceOutstanding_h`
 * (DIP-RULES.md §8.6; DIP 3.0 draft ch. 7 §3 一 step 6 "年终预清算金额与全年月度预结算金额以及预拨周转金之差";
 * refund `W × s`, forfeit `W − refund`, §8.5). `D_h` already subtracts the year's audit deductions and Σ prepay the
 * monthly ones, so no deduction is counted twice. The refund is rounded once by the money rule; the rest are sums
 * of money amounts.
 *
 * @example
 * ```ts
 * // E3: 12,100,000 − 120,000 − 11,280,000 − 500,000
 * computeNetPayment({ entitlement: '12100000', depositWithheld: '600000', refundShare: '0.8',
 *   prepaymentsTotal: '11280000', advanceOutstanding: '500000' }, HALF_UP_2).net.toFixed(2)   // '200000.00'
 * ```
 */
export function computeNetPayment(input: NetPaymentInput, money: RoundingRule): NetPayment {
  const A = toDec(input.entitlement);
  const W = toDecOpt(input.depositWithheld) ?? ZERO;
  const s = toDecOpt(input.refundShare);
  const refund = s === undefined ? W : roundDec(W.times(s), money);
  const forfeit = W.minus(refund);
  const prepay = toDecOpt(input.prepaymentsTotal) ?? ZERO;
  const adv = toDecOpt(input.advanceOutstanding) ?? ZERO;
  return { entitlement: A, depositWithheld: W, refund, forfeit, prepaymentsTotal: prepay, advanceOutstanding: adv, net: A.minus(forfeit).minus(prepay).minus(adv), rounding: money };
}
