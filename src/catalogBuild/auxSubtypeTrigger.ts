import type { Dec, RoundingRule } from '../decimal/index.js';
import { dec, roundDec, HALF_UP_4 } from '../decimal/index.js';

/** Thresholds of the auxiliary-subtype trigger (DIP-RULES.md §5.9, §10: `auxN1`, `auxN2`, `auxCvDropMin`). */
export interface AuxTriggerRule {
  /** Packet cases must exceed N1 (超过: strict). Default 15. */
  readonly n1: number;
  /** Subtype cases must exceed N2 (strict). Default 5. */
  readonly n2: number;
  /** Minimum relative CV drop, decimal string, inclusive ("降低 20% 以上"). Default `'0.20'`. */
  readonly cvDropMin: string;
}

/**
 * Relative CV drop `(CV_before − CV_after) / CV_before`, exact.
 *
 * @example
 * ```ts
 * cvDrop(dec('0.80'), dec('0.60')).toFixed(); // '0.25' (T17)
 * ```
 */
export function cvDrop(cvBefore: Dec, cvAfter: Dec): Dec {
  return cvBefore.minus(cvAfter).div(cvBefore);
}

/**
 * Whether to introduce an auxiliary subtype 辅助分型 for a core packet (DIP 3.0 draft ch. 5 §2 二 (一); DIP-RULES.md
 * §5.9): previous-year packet cases `> N1`, subtype cases `> N2`, and the CV falls by at least `cvDropMin`.
 *
 * @example
 * ```ts
 * // T17: CV 0.80 → 0.60 is a 25 % drop ≥ 20 %
 * auxTrigger({ packetCases: 40, subtypeCases: 8, cvBefore: dec('0.80'), cvAfter: dec('0.60') }, { n1: 15, n2: 5, cvDropMin: '0.20' }); // true
 * auxTrigger({ packetCases: 15, subtypeCases: 8, cvBefore: dec('0.80'), cvAfter: dec('0.60') }, { n1: 15, n2: 5, cvDropMin: '0.20' }); // false: 15 is not > 15
 * ```
 */
export function auxTrigger(
  s: { readonly packetCases: number; readonly subtypeCases: number; readonly cvBefore: Dec; readonly cvAfter: Dec },
  rule: AuxTriggerRule,
): boolean {
  if (s.packetCases <= rule.n1 || s.subtypeCases <= rule.n2 || s.cvBefore.isZero()) return false;
  return cvDrop(s.cvBefore, s.cvAfter).gte(dec(rule.cvDropMin));
}

/**
 * Auxiliary coefficient 辅助分型调节系数 `a_j = m_j / M` (DIP 3.0 draft ch. 5 §2 二; DIP-RULES.md §4.7): the
 * previous-year mean cost of the subtype's cases over the packet's previous-year mean cost, rounded by the named
 * rule (§8.7: derived auxiliary coefficients 4 dp half-up).
 *
 * @example
 * ```ts
 * auxCoefficient(dec(26000), dec(20000)).toFixed(); // '1.3' (T16)
 * ```
 */
export function auxCoefficient(subtypeMean: Dec, packetMean: Dec, rounding: RoundingRule = HALF_UP_4): Dec {
  return roundDec(subtypeMean.div(packetMean), rounding);
}
