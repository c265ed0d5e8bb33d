import { Dec } from './dec.js';

/**
 * Rounding modes, named as in the policy JSON.
 *
 * - `halfUp` 四舍五入: round half away from zero (also for negative amounts; DIP-RULES.md §8.7).
 * - `halfEven` banker's rounding.
 * - `down` toward zero (truncate), `up` away from zero.
 * - `floor` toward −∞ (the special-case quota "不超过", §6.4), `ceil` toward +∞.
 */
export type RoundingMode = 'halfUp' | 'halfEven' | 'down' | 'up' | 'floor' | 'ceil';

export const ROUNDING_MODES: readonly RoundingMode[] = ['halfUp', 'halfEven', 'down', 'up', 'floor', 'ceil'];

/**
 * A named rounding rule: a number of decimal places and a mode. Every rounding in the engine is one
 * of these, taken from the region policy and applied at the step the policy names
 * (CMS IPPS Pricer style: each step states its scale and mode).
 *
 * @example
 * ```ts
 * roundDec(dec('2.675'), { scale: 2, mode: 'halfUp' }).toFixed(2) // '2.68'
 * ```
 */
export interface RoundingRule {
  /** Decimal places kept (0–20). */
  readonly scale: number;
  readonly mode: RoundingMode;
}

const MODE_TO_DECIMALJS: Record<RoundingMode, 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8> = {
  halfUp: Dec.ROUND_HALF_UP,
  halfEven: Dec.ROUND_HALF_EVEN,
  down: Dec.ROUND_DOWN,
  up: Dec.ROUND_UP,
  floor: Dec.ROUND_FLOOR,
  ceil: Dec.ROUND_CEIL,
};

/**
 * Round a decimal by a named rule. Exact: decimal.js rounds on the decimal digits.
 *
 * @example
 * ```ts
 * roundDec(dec('1.005'), { scale: 2, mode: 'halfUp' }).toFixed(2)   // '1.01' (binary floats give 1.00)
 * roundDec(dec('-2.5'), { scale: 0, mode: 'halfUp' }).toFixed(0)    // '-3' (half away from zero)
 * roundDec(dec('2.5'), { scale: 0, mode: 'halfEven' }).toFixed(0)   // '2'
 * ```
 */
export function roundDec(value: Dec, rule: RoundingRule): Dec {
  if (!Number.isInteger(rule.scale) || rule.scale < 0 || rule.scale > 20) {
    throw new Error(`roundDec(): scale must be an integer 0–20, got ${rule.scale}`);
  }
  return value.toDecimalPlaces(rule.scale, MODE_TO_DECIMALJS[rule.mode]);
}

/** Common rules, for defaults and tests. Policies name their own. */
export const HALF_UP_2: RoundingRule = Object.freeze({ scale: 2, mode: 'halfUp' });
export const HALF_UP_4: RoundingRule = Object.freeze({ scale: 4, mode: 'halfUp' });
export const HALF_UP_6: RoundingRule = Object.freeze({ scale: 6, mode: 'halfUp' });
