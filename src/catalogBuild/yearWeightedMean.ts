import type { Dec } from '../decimal/index.js';
import { ZERO } from '../decimal/index.js';

/**
 * One year of one packet (or of the region): its weight `w_y`, case count `n_{i,y}` and exact total cost
 * `Σ cost` in yuan.
 */
export interface YearTotal {
  readonly weight: Dec;
  readonly n: number;
  readonly total: Dec;
}

/** How yearly figures are combined (DIP-RULES.md §5.2): mean of yearly means (default) or case-weighted. */
export type YearWeighting = 'meanOfYearMeans' | 'caseWeighted';

/**
 * 3-year time-weighted mean (按照时间加权, DIP 3.0 draft ch. 5 §1; DIP-RULES.md §5.2), exact and unrounded.
 *
 * - `meanOfYearMeans` (default): `m = Σ_y w_y · m_y / Σ_{y: n_y > 0} w_y` — the weights are renormalised over the
 *   years in which the packet has cases (a packet new in the last year is its last-year mean).
 * - `caseWeighted`: `m = Σ_y w_y · Σ cost_y / Σ_y w_y · n_y`.
 *
 * Returns `undefined` when no year has cases. The two readings differ when yearly volumes differ; the text says
 * only "按照时间加权" (no published source for either: engine option `yearWeighting`).
 *
 * @example
 * ```ts
 * // T2: means 10,000 / 11,000 / 12,000 with weights 1 : 2 : 7 → 11,600
 * yearWeightedMean([
 *   { weight: dec(1), n: 1, total: dec(10000) },
 *   { weight: dec(2), n: 1, total: dec(11000) },
 *   { weight: dec(7), n: 1, total: dec(12000) },
 * ]).toFixed(); // '11600'
 * ```
 */
export function yearWeightedMean(years: readonly YearTotal[], weighting: YearWeighting = 'meanOfYearMeans'): Dec | undefined {
  let num = ZERO;
  let den = ZERO;
  for (const y of years) {
    if (y.n <= 0) continue;
    if (weighting === 'meanOfYearMeans') {
      num = num.plus(y.weight.times(y.total).div(y.n));
      den = den.plus(y.weight);
    } else {
      num = num.plus(y.weight.times(y.total));
      den = den.plus(y.weight.times(y.n));
    }
  }
  return den.isZero() ? undefined : num.div(den);
}
