import type { Dec, RoundingRule } from '../decimal/index.js';
import { dec, roundDec, HALF_UP_6 } from '../decimal/index.js';

/**
 * Points method (DIP 3.0 draft ch. 5 §1; DIP-RULES.md §5.4):
 *
 * - `average` 平均费用法: `RW_i = m_i / M × S` with `M` the weighted regional mean cost per case;
 * - `reference` 基准病种费用法: `RW_i = m_i / M_ref × S`, `M_ref` the mean cost of a common, stable reference packet
 *   (example "急性阑尾炎：腹腔镜下阑尾切除术"), which gets `S` points;
 * - `fixed` 标准定额法: `RW_i = m_i / M_fixed`, a fixed amount "相当于分值为 1" (no scale).
 */
export type PointsMethod =
  | { readonly method: 'average'; readonly regionMean: Dec; readonly scale: Dec }
  | { readonly method: 'reference'; readonly referenceMean: Dec; readonly scale: Dec }
  | { readonly method: 'fixed'; readonly fixedAmount: Dec };

/**
 * The unrounded points ratio of a packet mean cost under a {@link PointsMethod}.
 *
 * @example
 * ```ts
 * // T1: m_i 12,000, M 8,000, S 1000 → 1500
 * rawPacketPoints(dec(12000), { method: 'average', regionMean: dec(8000), scale: dec(1000) }).toFixed(); // '1500'
 * ```
 */
export function rawPacketPoints(mean: Dec, how: PointsMethod): Dec {
  switch (how.method) {
    case 'average':
      return mean.div(how.regionMean).times(how.scale);
    case 'reference':
      return mean.div(how.referenceMean).times(how.scale);
    case 'fixed':
      return mean.div(how.fixedAmount);
  }
}

/**
 * Packet points 病种分值 `RW_i` derived from a mean cost, rounded by the named rule (DIP-RULES.md §8.7: derived
 * packet points 6 dp half-up, matching the Pingdingshan 2025 catalog).
 *
 * @example
 * ```ts
 * // T3b row-wise (DIP 3.0 draft table 3-2, K35.9, reference = laparoscopic 13,385 → 1000 points)
 * packetPoints(dec(4099), { method: 'reference', referenceMean: dec(13385), scale: dec(1000) }).toFixed(); // '306.238326'
 * // Pingdingshan A03.9: 2,203.535449 / 5,718.153489 × 1000
 * packetPoints(dec('2203.535449'), { method: 'average', regionMean: dec('5718.153489'), scale: dec(1000) }).toFixed(); // '385.35787'
 * ```
 */
export function packetPoints(mean: Dec, how: PointsMethod, rounding: RoundingRule = HALF_UP_6): Dec {
  return roundDec(rawPacketPoints(mean, how), rounding);
}

/** Default scale `S` = 1000 (DIP 3.0 draft ch. 5 §1; Pingdingshan 2025 catalog). */
export const DEFAULT_RW_SCALE: Dec = dec(1000);
