import type { Dec } from '../decimal/index.js';
import { dec } from '../decimal/index.js';

/** Percentile definition (DIP-RULES.md §5.3): nearest-rank (default) or linear interpolation between order statistics. */
export type PercentileMethod = 'nearestRank' | 'linear';

/** Options of {@link trimByQuantiles}. */
export interface TrimOptions {
  /** Lower and upper quantile, e.g. `['0.025', '0.975']` (DIP 3.0 draft ch. 5 §4). */
  readonly quantiles: readonly [string, string];
  /** Trim only when the list has at least this many cases (default rule 25: implementation accompanying the 3.0 auxiliary notes). */
  readonly minCases: number;
  readonly method?: PercentileMethod;
}

/** Result of {@link trimByQuantiles}: the kept slice `[from, to)` of the sorted list and the counts dropped. */
export interface TrimResult {
  readonly from: number;
  readonly to: number;
  readonly trimmedLow: number;
  readonly trimmedHigh: number;
}

/**
 * The `p`-quantile of an ascending list of integer cost units, exact.
 *
 * - `nearestRank`: the element of rank `⌈p · n⌉` (1-based; rank 1 for p = 0).
 * - `linear`: `x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])` with `h = (n − 1) p` (0-based; Hyndman–Fan type 7).
 *
 * @example
 * ```ts
 * quantileOfSorted([1, 2, 3, 4], dec('0.5')).toFixed();            // '2'  (rank ⌈2⌉ = 2)
 * quantileOfSorted([1, 2, 3, 4], dec('0.5'), 'linear').toFixed();  // '2.5'
 * ```
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: Dec, method: PercentileMethod = 'nearestRank'): Dec {
  const n = sorted.length;
  if (n === 0) throw new Error('quantileOfSorted(): empty list');
  if (method === 'nearestRank') {
    const rank = Math.max(1, p.times(n).ceil().toNumber());
    return dec(sorted[Math.min(rank, n) - 1]!);
  }
  const h = p.times(n - 1);
  const lo = h.floor().toNumber();
  const hi = Math.min(lo + 1, n - 1);
  const a = dec(sorted[lo]!);
  return a.plus(h.minus(lo).times(dec(sorted[hi]!).minus(a)));
}

/**
 * Quantile trimming (DIP-RULES.md §5.3; DIP 3.0 draft ch. 5 §4 "剔除…低于 2.5% 或高于 97.5%"): on an ascending
 * list of costs, drop the cases strictly below the lower quantile value and strictly above the upper quantile value;
 * lists with fewer than `minCases` cases are kept whole. Applied per packet-year by the builder. Because the list is
 * sorted the kept cases are one contiguous slice. With nearest-rank percentiles small lists are trimmed
 * asymmetrically (n = 40: P2.5 is the minimum, so nothing drops at the bottom, while the maximum drops at the top).
 *
 * @example
 * ```ts
 * // costs 1..40 (n = 40 ≥ 25): P2.5 = x(⌈1⌉) = 1, P97.5 = x(⌈39⌉) = 39 → drop only 40
 * trimByQuantiles(Array.from({ length: 40 }, (_, i) => i + 1), { quantiles: ['0.025', '0.975'], minCases: 25 });
 * // { from: 0, to: 39, trimmedLow: 0, trimmedHigh: 1 }
 * ```
 */
export function trimByQuantiles(sorted: ArrayLike<number>, options: TrimOptions): TrimResult {
  const n = sorted.length;
  if (n === 0 || n < options.minCases) return { from: 0, to: n, trimmedLow: 0, trimmedHigh: 0 };
  const method = options.method ?? 'nearestRank';
  const lo = quantileOfSorted(sorted, dec(options.quantiles[0]), method);
  const hi = quantileOfSorted(sorted, dec(options.quantiles[1]), method);
  let from = 0;
  while (from < n && dec(sorted[from]!).lt(lo)) from++;
  let to = n;
  while (to > from && dec(sorted[to - 1]!).gt(hi)) to--;
  return { from, to, trimmedLow: from, trimmedHigh: n - to };
}
