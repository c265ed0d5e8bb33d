import { ZERO } from '../decimal/index.js';
import type { Dec } from '../decimal/index.js';
import type { PointValueOptions } from '../policy/schema.js';
import type { DecLike } from '../points/toDec.js';
import { toDec } from '../points/toDec.js';

/** The amount columns of a case that may count as booked fund payment (§7.2 `bookedAmountComponents`). */
export interface BookedAmountSource {
  readonly fundPaid: DecLike;
  readonly otherPaid?: DecLike | undefined;
}

/**
 * Booked amount 记账金额 of one case: the sum of the policy's `bookedAmountComponents` (DIP-RULES.md §7.2;
 * default `fund_paid` only; `other_paid` adds supplementary insurance / medical aid, 2025 Interim Measures art. 39).
 *
 * @example
 * ```ts
 * bookedAmount({ fundPaid: '9450.00', otherPaid: '500.00' }, ['fund_paid']).toFixed(2)                 // '9450.00'
 * bookedAmount({ fundPaid: '9450.00', otherPaid: '500.00' }, ['fund_paid', 'other_paid']).toFixed(2)   // '9950.00'
 * ```
 */
export function bookedAmount(c: BookedAmountSource, components: PointValueOptions['bookedAmountComponents']): Dec {
  let s = ZERO;
  for (const k of components) {
    if (k === 'fund_paid') s = s.plus(toDec(c.fundPaid));
    else if (c.otherPaid !== undefined) s = s.plus(toDec(c.otherPaid));
  }
  return s;
}

/** Where `r` came from. */
export type FundPayRatioSource = 'input' | 'policy' | 'data';

/** A fund payment ratio with its source and, when computed, its numerator and denominator. */
export interface FundPayRatio {
  readonly ratio: Dec;
  readonly source: FundPayRatioSource;
  readonly bookedSum?: Dec;
  readonly costSum?: Dec;
}

/**
 * Fund payment ratio 医保支付比例 `r = Σ booked ÷ Σ total cost` of the DIP cases (DIP-RULES.md §7.2; DIP 3.0 draft
 * ch. 5 §5, ch. 7 §3 一 (三)), unrounded (§8.7). Precedence: an explicit `ratio` > the policy's published
 * `fundPayRatio` > the data. Returns `undefined` when it cannot be computed (no cost).
 *
 * @example
 * ```ts
 * resolveFundPayRatio({ bookedSum: '720', costSum: '1000' }, DEFAULT_POINT_VALUE_OPTIONS)
 * // { ratio: Dec('0.72'), source: 'data', bookedSum: Dec('720'), costSum: Dec('1000') }
 * ```
 */
export function resolveFundPayRatio(
  input: { readonly ratio?: DecLike | undefined; readonly bookedSum?: DecLike | undefined; readonly costSum?: DecLike | undefined },
  options: Pick<PointValueOptions, 'fundPayRatio'>,
): FundPayRatio | undefined {
  if (input.ratio !== undefined) return { ratio: toDec(input.ratio), source: 'input' };
  if (options.fundPayRatio !== undefined) return { ratio: toDec(options.fundPayRatio), source: 'policy' };
  if (input.bookedSum === undefined || input.costSum === undefined) return undefined;
  const cost = toDec(input.costSum);
  if (cost.lte(0)) return undefined;
  const booked = toDec(input.bookedSum);
  return { ratio: booked.div(cost), source: 'data', bookedSum: booked, costSum: cost };
}
