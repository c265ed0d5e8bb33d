import { dec } from '../decimal/index.js';
import type { Issue } from '../core/issue.js';
import type { OutlierOptions } from '../policy/schema.js';

/** Outlier classes whose points differ from `RW × c × a` (adjusted cases, §6.3). */
export const ADJUSTED_CLASSES: readonly string[] = ['low', 'high', 'extreme', 'zeroRw'];

/** The share of adjusted cases and whether it exceeds `maxAdjustedShare`. */
export interface AdjustedShare {
  readonly adjusted: number;
  readonly total: number;
  /** `adjusted / total` as an exact decimal string (`'0'` when there are no cases). */
  readonly share: string;
  readonly issue?: Issue;
}

/**
 * Report the share of cases whose points were adjusted by the outlier rules (DIP-RULES.md §6.3: "the 3.0 draft
 * advises limiting the share of cases whose points are adjusted; no value: report only"). Counts come from an
 * accumulator's `byClass`; a warning `points.adjusted_share_exceeded` when the share is above
 * `maxAdjustedShare` (exact comparison). Nothing is changed: report only.
 *
 * @example
 * ```ts
 * checkAdjustedShare({ normal: 90, low: 6, high: 4 }, { ...DEFAULT_OUTLIER_OPTIONS, maxAdjustedShare: '0.08' })
 * // { adjusted: 10, total: 100, share: '0.1', issue: { code: 'points.adjusted_share_exceeded', … } }
 * ```
 */
export function checkAdjustedShare(byClass: Readonly<Record<string, number>>, outlier: Pick<OutlierOptions, 'maxAdjustedShare'>): AdjustedShare {
  let adjusted = 0;
  let total = 0;
  for (const [k, n] of Object.entries(byClass)) {
    total += n;
    if (ADJUSTED_CLASSES.includes(k)) adjusted += n;
  }
  const share = total === 0 ? dec(0) : dec(adjusted).div(total);
  const s = share.toSignificantDigits(20).toFixed();
  if (outlier.maxAdjustedShare !== undefined && share.gt(dec(outlier.maxAdjustedShare))) {
    return {
      adjusted,
      total,
      share: s,
      issue: { severity: 'warning', code: 'points.adjusted_share_exceeded', message: `${adjusted} of ${total} cases (${s}) have outlier-adjusted points, above maxAdjustedShare ${outlier.maxAdjustedShare}`, expected: `≤ ${outlier.maxAdjustedShare}` },
    };
  }
  return { adjusted, total, share: s };
}
