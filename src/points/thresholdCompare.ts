import type { Dec } from '../decimal/index.js';

/**
 * Whether `value` is above a threshold: `value ≥ t` when `inclusive` (以上, 含), else `value > t` (超过).
 * Exact decimal comparison (DIP-RULES.md §0.2, §8.7; Civil Code art. 1259).
 *
 * @example
 * ```ts
 * isAbove(dec('2'), dec('2'), false)   // false: "超过 2 倍" is strict
 * isAbove(dec('2'), dec('2'), true)    // true: "2 倍（含）"
 * ```
 */
export function isAbove(value: Dec, threshold: Dec, inclusive: boolean): boolean {
  const c = value.cmp(threshold);
  return inclusive ? c >= 0 : c > 0;
}

/**
 * Whether `value` is below a threshold: `value ≤ t` when `inclusive` (以下), else `value < t` (低于, 不满).
 * Exact decimal comparison (DIP-RULES.md §0.2).
 *
 * @example
 * ```ts
 * isBelow(dec('0.5'), dec('0.5'), false)   // false: "低于 50%" is strict
 * isBelow(dec('0.5'), dec('0.5'), true)    // true: Hubei ρ ≤ 0.5
 * ```
 */
export function isBelow(value: Dec, threshold: Dec, inclusive: boolean): boolean {
  const c = value.cmp(threshold);
  return inclusive ? c <= 0 : c < 0;
}
