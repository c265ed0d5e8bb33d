import type { Dec, RoundingRule } from '../decimal/index.js';
import { roundDec, HALF_UP_4 } from '../decimal/index.js';

/**
 * Institution coefficient 医疗机构调节系数 by level / type (DIP 3.0 draft ch. 5 §2 一 (一) 1; DIP-RULES.md §5.10):
 * `c_L = weighted mean cost of level L's cases ÷ weighted mean cost of all cases in the region`; the same formula per
 * packet (ch. 5 §2 一 (二)): `c_{L,i} = m_{L,i} / m_i`. Derived coefficients are rounded by the named rule,
 * default 4 dp half-up (no published rule: engine default, like derived auxiliary coefficients in §8.7).
 *
 * @example
 * ```ts
 * // tertiary mean 9,000 in a region with mean 8,000 → 1.125
 * levelCoefficient(dec(9000), dec(8000)).toFixed(); // '1.125'
 * // 2,000 / 3,000 → 0.666666… → 0.6667
 * levelCoefficient(dec(2000), dec(3000)).toFixed(); // '0.6667'
 * ```
 */
export function levelCoefficient(levelMean: Dec, regionMean: Dec, rounding: RoundingRule = HALF_UP_4): Dec {
  return roundDec(levelMean.div(regionMean), rounding);
}
