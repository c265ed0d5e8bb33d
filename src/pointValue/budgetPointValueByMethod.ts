import type { Dec, RoundingRule } from '../decimal/index.js';
import type { Result } from '../core/issue.js';
import type { PointValueOptions, RoundingOptions } from '../policy/schema.js';
import type { BudgetPointValue, BudgetYear } from './budgetPointValue.js';
import { computeBudgetPointValue } from './budgetPointValue.js';
import type { BudgetCaseGroup, BudgetTrimDefinition, QuantileBudgetPointValue } from './quantileBudgetPointValue.js';
import { computeQuantileBudgetPointValue } from './quantileBudgetPointValue.js';
import type { Optimal1DBudgetPointValue } from './optimal1DBudgetPointValue.js';
import { computeOptimal1DBudgetPointValue } from './optimal1DBudgetPointValue.js';
import type { BudgetHospital2D, Optimal2DBudgetPointValue } from './optimal2DBudgetPointValue.js';
import { computeOptimal2DBudgetPointValue } from './optimal2DBudgetPointValue.js';

/** The history a budget point value method reads; each method needs one of these (see {@link computeBudgetPointValueByMethod}). */
export interface BudgetHistory {
  /** Yearly totals, oldest first: `mean`. */
  readonly years?: readonly BudgetYear[];
  /** Cases per year grouped by points value: `quantile`. */
  readonly caseGroups?: readonly (readonly BudgetCaseGroup[])[];
  /** Per-hospital yearly totals: `optimal1D`; `optimal2D` also needs each hospital-year's `accountingCost`. */
  readonly hospitals?: readonly BudgetHospital2D[];
}

/** The budget point value of the policy's method, with that method's intermediates in `detail`. */
export interface BudgetPointValueByMethod {
  readonly method: PointValueOptions['pvMethod'];
  readonly unrounded: Dec;
  readonly pointValue: Dec;
  readonly rounding: RoundingRule;
  readonly detail: BudgetPointValue | QuantileBudgetPointValue | Optimal1DBudgetPointValue | Optimal2DBudgetPointValue;
}

/**
 * Budget point value 年初点值 by `pointValue.pvMethod` (DIP-RULES.md §7.1): `mean` from yearly totals
 * (`computeBudgetPointValue`), `quantile` from cases (`computeQuantileBudgetPointValue`, with the packet trimming's
 * quantile `definition`), `optimal1D` and `optimal2D` from hospitals (`computeOptimal1DBudgetPointValue`,
 * `computeOptimal2DBudgetPointValue`: the latter needs each hospital-year's accounting cost 成本). A method whose data
 * is not in `history` is the `pointValue.method_data_missing` issue. Warnings of the method (e.g. `optimal2D` not
 * converged) are passed on.
 *
 * @example
 * ```ts
 * computeBudgetPointValueByMethod({ years }, { pointValue: DEFAULT_POINT_VALUE_OPTIONS, rounding });
 * // same value as computeBudgetPointValue(years, …), method 'mean'
 * ```
 */
export function computeBudgetPointValueByMethod(
  history: BudgetHistory,
  policy: {
    readonly pointValue: Pick<PointValueOptions, 'pvMethod' | 'yearWeights' | 'pvTrimQuantiles' | 'optimalWeighting' | 'optimal2D'>;
    readonly rounding: Pick<RoundingOptions, 'pointValue'>;
  },
  definition: BudgetTrimDefinition = {},
): Result<BudgetPointValueByMethod> {
  const method = policy.pointValue.pvMethod;
  const missing = (what: string): Result<BudgetPointValueByMethod> => ({
    ok: false,
    issues: [{ severity: 'error', code: 'pointValue.method_data_missing', message: `pvMethod "${method}" needs ${what}, which was not given`, expected: what }],
  });
  const wrap = (r: Result<BudgetPointValueByMethod['detail']>): Result<BudgetPointValueByMethod> =>
    r.ok
      ? { ok: true, value: { method, unrounded: r.value.unrounded, pointValue: r.value.pointValue, rounding: r.value.rounding, detail: r.value }, ...(r.warnings === undefined ? {} : { warnings: r.warnings }) }
      : r;
  switch (method) {
    case 'mean':
      return history.years === undefined ? missing('yearly totals (cost, points)') : wrap(computeBudgetPointValue(history.years, policy));
    case 'quantile':
      return history.caseGroups === undefined ? missing('the historical cases (cost, points) per year') : wrap(computeQuantileBudgetPointValue(history.caseGroups, policy, definition));
    case 'optimal1D':
      return history.hospitals === undefined ? missing("each hospital's yearly cost and points") : wrap(computeOptimal1DBudgetPointValue(history.hospitals, policy));
    case 'optimal2D':
      return history.hospitals === undefined ? missing("each hospital's yearly cost, points and accounting cost") : wrap(computeOptimal2DBudgetPointValue(history.hospitals, policy));
  }
}
