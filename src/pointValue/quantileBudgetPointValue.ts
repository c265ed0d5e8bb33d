import type { Dec } from '../decimal/index.js';
import { ZERO } from '../decimal/index.js';
import type { Result } from '../core/issue.js';
import type { PointValueOptions, RoundingOptions } from '../policy/schema.js';
import type { PercentileMethod } from '../catalogBuild/trimByQuantiles.js';
import { trimByQuantiles } from '../catalogBuild/trimByQuantiles.js';
import { unitsToYuan } from '../catalogBuild/costUnits.js';
import type { DecLike } from '../points/toDec.js';
import { toDec } from '../points/toDec.js';
import type { BudgetPointValue } from './budgetPointValue.js';
import { computeBudgetPointValue } from './budgetPointValue.js';

/**
 * Historical cases of one year that share one points value (e.g. one packet at one hospital level): their costs in
 * integer units of 0.0001 元 (`costToUnits`, safe non-negative integers, any order) and the points each of them
 * scores with the new catalog. A caller with per-case points passes one group per case.
 */
export interface BudgetCaseGroup {
  readonly points: DecLike;
  readonly costs: ArrayLike<number>;
}

/** The quantile definition: the packet trimming's (§5.3), `catalogBuild.percentileMethod` and `trimMinCases`. */
export interface BudgetTrimDefinition {
  /** Default `nearestRank` (the `catalogBuild.percentileMethod` default). */
  readonly method?: PercentileMethod;
  /** A year with fewer cases is kept whole; default 25 (the `catalogBuild.trimMinCases` default). */
  readonly minCases?: number;
}

/** One year's trimming: the cut values (yuan) and the cases dropped below / above them. */
export interface BudgetYearTrim {
  readonly cases: number;
  readonly kept: number;
  readonly trimmedLow: number;
  readonly trimmedHigh: number;
  /** Lowest and highest kept cost, yuan; absent for a year without cases. */
  readonly keptFrom?: Dec;
  readonly keptTo?: Dec;
}

/** Quantile-method budget point value: the `mean` result on the trimmed years, plus the trimming per year. */
export interface QuantileBudgetPointValue extends BudgetPointValue {
  readonly method: 'quantile';
  readonly trims: readonly BudgetYearTrim[];
  /** Trimmed totals per year (yuan, points), oldest first: the input of the weighted mean. */
  readonly trimmedYears: readonly { readonly cost: Dec; readonly points: Dec }[];
}

/**
 * Budget point value by the quantile method 分位数法 (DIP-RULES.md §7.1 "Refinements"; DIP 3.0 draft ch. 5 §4):
 * each year's historical cases are trimmed by cost — the cases strictly below the lower and strictly above the
 * upper `pvTrimQuantiles` value dropped — and the kept cases' costs `C'_y` and points `P'_y` go into the `mean`
 * formula `PV = Σ_y w_y·C'_y / Σ_y w_y·P'_y` (T13 weights 1 : 2 : 7 on both), rounded by `rounding.pointValue`
 * (6 dp half-up, §8.7).
 *
 * - Quantile definition: the one of packet trimming (§5.3, {@link trimByQuantiles}: nearest-rank by default, ties at
 *   a cut value kept, years below `minCases` kept whole), so the engine has one definition of "trim by quantiles".
 * - Per year, then weighted: the source says "trim, then sum" and is silent on the window; trimming each year on its
 *   own list (as packet trimming does per packet-year, §5.3) is the engine default, no published source.
 * - Exact: costs are integer units summed as `bigint`; `P'_y = Σ_groups points × kept cases` in `Dec`.
 *   With quantiles `(0, 1)` nothing is dropped and the result equals {@link computeBudgetPointValue} on the
 *   untrimmed totals.
 *
 * Issues: `pointValue.year_count`, `pointValue.bad_cost` (a cost that is not a safe non-negative integer unit),
 * `pointValue.all_trimmed` (a year with cases keeps none: possible with `linear` percentiles, e.g. costs 1 and 10
 * at quantiles 0.4 / 0.6), `pointValue.no_points`.
 *
 * @example
 * ```ts
 * // one year, weight 1, quantiles 0.25 / 0.75, nearest rank: costs 100, 200, 300, 900 元 → P25 = 100, P75 = 300
 * computeQuantileBudgetPointValue([[{ points: '10', costs: [1_000_000, 2_000_000, 3_000_000, 9_000_000] }]],
 *   { pointValue: { yearWeights: ['1'], pvTrimQuantiles: ['0.25', '0.75'] }, rounding }, { minCases: 0 });
 * // ok: C' = 600, P' = 30, pointValue 20.000000
 * ```
 */
export function computeQuantileBudgetPointValue(
  years: readonly (readonly BudgetCaseGroup[])[],
  policy: { readonly pointValue: Pick<PointValueOptions, 'yearWeights' | 'pvTrimQuantiles'>; readonly rounding: Pick<RoundingOptions, 'pointValue'> },
  definition: BudgetTrimDefinition = {},
): Result<QuantileBudgetPointValue> {
  const weights = policy.pointValue.yearWeights;
  if (years.length !== weights.length) {
    return { ok: false, issues: [{ severity: 'error', code: 'pointValue.year_count', message: `${years.length} historical years given, ${weights.length} year weights in the policy`, expected: `${weights.length} years, oldest first` }] };
  }
  const trim = { quantiles: [policy.pointValue.pvTrimQuantiles[0], policy.pointValue.pvTrimQuantiles[1]] as const, minCases: definition.minCases ?? 25, method: definition.method ?? 'nearestRank' };
  const trims: BudgetYearTrim[] = [];
  const trimmedYears: { cost: Dec; points: Dec }[] = [];
  for (let y = 0; y < years.length; y++) {
    const groups = years[y]!;
    let n = 0;
    for (const g of groups) n += g.costs.length;
    const all = new Float64Array(n);
    let at = 0;
    for (const g of groups) {
      for (let i = 0; i < g.costs.length; i++) {
        const u = g.costs[i]!;
        if (!Number.isSafeInteger(u) || u < 0) {
          return { ok: false, issues: [{ severity: 'error', code: 'pointValue.bad_cost', message: `year ${y + 1}: case cost ${String(u)} is not a non-negative integer number of 0.0001 元 units`, expected: 'safe non-negative integer units (costToUnits)', received: String(u) }] };
        }
        all[at++] = u;
      }
    }
    all.sort();
    const r = trimByQuantiles(all, trim);
    if (n > 0 && r.to === r.from) {
      return { ok: false, issues: [{ severity: 'error', code: 'pointValue.all_trimmed', message: `year ${y + 1}: all ${n} cases lie outside the ${trim.quantiles[0]} / ${trim.quantiles[1]} quantiles (${trim.method}); no budget point value`, expected: 'at least one case kept per year with cases' }] };
    }
    // Kept = the contiguous cost range [lo, hi] of the sorted list (ties at a cut value kept): count per group.
    const lo = n > 0 ? all[r.from]! : 0;
    const hi = n > 0 ? all[r.to - 1]! : -1;
    let cost = 0n;
    let points = ZERO;
    for (const g of groups) {
      let k = 0;
      let sum = 0n;
      for (let i = 0; i < g.costs.length; i++) {
        const u = g.costs[i]!;
        if (u >= lo && u <= hi) {
          k++;
          sum += BigInt(u);
        }
      }
      if (k > 0) {
        cost += sum;
        points = points.plus(toDec(g.points).times(k));
      }
    }
    trims.push({ cases: n, kept: r.to - r.from, trimmedLow: r.trimmedLow, trimmedHigh: r.trimmedHigh, ...(n > 0 ? { keptFrom: unitsToYuan(lo), keptTo: unitsToYuan(hi) } : {}) });
    trimmedYears.push({ cost: unitsToYuan(cost), points });
  }
  const mean = computeBudgetPointValue(trimmedYears, { pointValue: { yearWeights: weights, pvMethod: 'mean' }, rounding: policy.rounding });
  if (!mean.ok) return mean;
  return { ok: true, value: { ...mean.value, method: 'quantile', trims, trimmedYears } };
}
