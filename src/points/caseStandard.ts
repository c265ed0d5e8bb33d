import { roundDec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import type { DecLike } from './toDec.js';
import { toDec } from './toDec.js';

/** Per-case payment standard with its unrounded value and rounding. */
export interface CaseStandard {
  readonly unrounded: Dec;
  readonly amount: Dec;
  readonly rounding: RoundingRule;
}

/**
 * Per-case payment standard 支付标准 `standard = casePoints × PV` (DIP-RULES.md §6.1, §8.1; DIP 3.0 draft ch. 5 §3 一),
 * rounded once by the money rule (default 2 dp half-up, §8.7). For statements only: hospital amounts come from
 * exact sums of points, never from adding these.
 *
 * @example
 * ```ts
 * caseStandard(dec('1350'), dec('10'), { scale: 2, mode: 'halfUp' }).amount.toFixed(2)   // '13500.00' (T5)
 * ```
 */
export function caseStandard(points: DecLike, pointValue: DecLike, money: RoundingRule): CaseStandard {
  const u = toDec(points).times(toDec(pointValue));
  return { unrounded: u, amount: roundDec(u, money), rounding: money };
}
