import type { Dec } from '../decimal/index.js';
import { dec } from '../decimal/index.js';

/**
 * Relative cost increase of a related procedure (相关手术操作), DIP-RULES.md §5.6 (DIP 3.0 draft ch. 3 §1 三):
 * `Δ = (m_{main+rel} − m_main) / m_main`, exact and unrounded (§8.7: ratios are never rounded).
 *
 * @example
 * ```ts
 * // T3 (DIP 3.0 draft table 3-3): I21.0 + DES 28,033; + IVUS 44,003 → 15,970 / 28,033 = 0.569686…
 * relatedCostIncrease(dec(44003), dec(28033)).toFixed(6); // '0.569686'
 * ```
 */
export function relatedCostIncrease(meanWithRelated: Dec, meanMain: Dec): Dec {
  return meanWithRelated.minus(meanMain).div(meanMain);
}

/**
 * Whether a "principal dx + principal procedure + related procedure(s)" combination becomes its own packet:
 * `Δ ≥ relatedSplitMin` ("资源消耗达到该病例原费用 10%以上", 以上 inclusive) and `count ≥ T` (DIP-RULES.md §5.6).
 *
 * @example
 * ```ts
 * // T3: +2.91 % → no new packet; +56.97 % → new packet
 * shouldSplitRelated({ meanWithRelated: dec(28849), meanMain: dec(28033), count: 20 }, { minIncrease: '0.10', threshold: 15 }); // false
 * shouldSplitRelated({ meanWithRelated: dec(44003), meanMain: dec(28033), count: 20 }, { minIncrease: '0.10', threshold: 15 }); // true
 * ```
 */
export function shouldSplitRelated(
  combo: { readonly meanWithRelated: Dec; readonly meanMain: Dec; readonly count: number },
  rule: { readonly minIncrease: string; readonly threshold: number },
): boolean {
  if (combo.count < rule.threshold || combo.meanMain.isZero()) return false;
  return relatedCostIncrease(combo.meanWithRelated, combo.meanMain).gte(dec(rule.minIncrease));
}
