import type { Dec, RoundingRule } from '../decimal/index.js';
import { roundDec, ZERO, HALF_UP_6 } from '../decimal/index.js';

/** One history year for the budget point value: weight, total DIP inpatient cost `C_y`, total points `P_y`. */
export interface BudgetYear {
  readonly weight: Dec;
  readonly cost: Dec;
  readonly points: Dec;
}

/**
 * Budget point value 年初点值 / 预算点值 (DIP 3.0 draft ch. 5 §4 "加权平均年度住院总费用 / 加权年度总分值";
 * DIP-RULES.md §7.1): `PV = Σ w_y C_y / Σ w_y P_y`, both sums weighted (1 : 2 : 7 by default), rounded by the
 * named rule (§8.7: point value 6 dp half-up). `undefined` when the weighted points are 0.
 *
 * @example
 * ```ts
 * // T13: costs 1.00e9 / 1.10e9 / 1.20e9, points 1.00e8 / 1.05e8 / 1.10e8 → 1.16e9 / 1.08e8
 * budgetPointValue([
 *   { weight: dec(1), cost: dec('1000000000'), points: dec('100000000') },
 *   { weight: dec(2), cost: dec('1100000000'), points: dec('105000000') },
 *   { weight: dec(7), cost: dec('1200000000'), points: dec('110000000') },
 * ])!.toFixed(6); // '10.740741'
 * ```
 */
export function budgetPointValue(years: readonly BudgetYear[], rounding: RoundingRule = HALF_UP_6): Dec | undefined {
  let c = ZERO;
  let p = ZERO;
  for (const y of years) {
    c = c.plus(y.weight.times(y.cost));
    p = p.plus(y.weight.times(y.points));
  }
  return p.isZero() ? undefined : roundDec(c.div(p), rounding);
}
