import { ZERO, dec, roundDec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import type { Result } from '../core/issue.js';
import type { PointValueOptions, RoundingOptions } from '../policy/schema.js';
import type { DecLike } from '../points/toDec.js';
import { toDec } from '../points/toDec.js';

/** One historical year: total cost of its DIP cases and its points re-scored with the new catalog. */
export interface BudgetYear {
  readonly cost: DecLike;
  readonly points: DecLike;
}

/** Budget point value with its intermediates. */
export interface BudgetPointValue {
  readonly weights: readonly Dec[];
  /** `Σ w·C / Σ w` and `Σ w·P / Σ w` (the weighted means; the PV is their ratio). */
  readonly weightedCost: Dec;
  readonly weightedPoints: Dec;
  readonly unrounded: Dec;
  readonly pointValue: Dec;
  readonly rounding: RoundingRule;
}

/**
 * Budget point value 年初点值 `PV_budget = Σ_y w_y·C_y / Σ_y w_y·P_y` (DIP-RULES.md §7.1; DIP 3.0 draft ch. 5 §4:
 * "年初点值的地区均值 = 加权平均年度住院总费用 / 加权年度总分值"), weights `yearWeights` (1 : 2 : 7) on **both**
 * cost and points (T13), years oldest first. Rounded by `rounding.pointValue` (6 dp half-up). Method `mean` only:
 * the refinements need case or hospital data — `quantile` is `computeQuantileBudgetPointValue`, `optimal1D` /
 * `optimal2D` `computeOptimal1DBudgetPointValue` / `computeOptimal2DBudgetPointValue`, all behind
 * `computeBudgetPointValueByMethod`; any other `pvMethod` here is the `pointValue.method_unsupported` issue.
 *
 * @example
 * ```ts
 * computeBudgetPointValue([{ cost: '1000000000', points: '100000000' }, { cost: '1100000000', points: '105000000' },
 *   { cost: '1200000000', points: '110000000' }], { pointValue: DEFAULT_POINT_VALUE_OPTIONS, rounding })
 * // ok, value.pointValue = Dec('10.740741') (T13)
 * ```
 */
export function computeBudgetPointValue(
  years: readonly BudgetYear[],
  policy: { readonly pointValue: Pick<PointValueOptions, 'yearWeights' | 'pvMethod'>; readonly rounding: Pick<RoundingOptions, 'pointValue'> },
): Result<BudgetPointValue> {
  const w = policy.pointValue.yearWeights.map((s) => dec(s));
  if (policy.pointValue.pvMethod !== 'mean') {
    return { ok: false, issues: [{ severity: 'error', code: 'pointValue.method_unsupported', message: `pvMethod "${policy.pointValue.pvMethod}" needs case or hospital data, not yearly totals: use computeBudgetPointValueByMethod (or computeQuantileBudgetPointValue / computeOptimal1DBudgetPointValue / computeOptimal2DBudgetPointValue); this function computes "mean"`, expected: 'mean' }] };
  }
  if (years.length !== w.length) {
    return { ok: false, issues: [{ severity: 'error', code: 'pointValue.year_count', message: `${years.length} historical years given, ${w.length} year weights in the policy`, expected: `${w.length} years, oldest first` }] };
  }
  let wc = ZERO;
  let wp = ZERO;
  let ws = ZERO;
  years.forEach((y, i) => {
    const wi = w[i] ?? ZERO;
    wc = wc.plus(wi.times(toDec(y.cost)));
    wp = wp.plus(wi.times(toDec(y.points)));
    ws = ws.plus(wi);
  });
  if (wp.lte(0)) return { ok: false, issues: [{ severity: 'error', code: 'pointValue.no_points', message: 'weighted points are zero: no budget point value', expected: 'points > 0' }] };
  const u = wc.div(wp);
  const rounding = policy.rounding.pointValue;
  return { ok: true, value: { weights: w, weightedCost: wc.div(ws), weightedPoints: wp.div(ws), unrounded: u, pointValue: roundDec(u, rounding), rounding } };
}
