import { Dec } from '../decimal/index.js';

/**
 * Exact integer cost units for streaming accumulation: 1 unit = 0.0001 元 (1/100 fen), so every accepted
 * input amount (up to 4 dp, DIP-RULES.md §8.7 "input money") is an exact integer. A single case cost is held as a
 * JS number (exact while below 2^53 units ≈ 9 × 10^11 元); sums and sums of squares are `bigint`, so totals over
 * millions of cases stay exact and equal to the `Dec` path (`unitsToYuan(Σ units) = Σ dec(cost)`).
 */
export const UNITS_PER_YUAN = 10_000;
const SCALE = 4;
const PLAIN = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parse a canonical non-negative decimal string of yuan into integer units of 0.0001 元, or `undefined` when it
 * is not a plain decimal, has more than 4 decimal places, or is too large for an exact JS integer.
 *
 * @example
 * ```ts
 * costToUnits('13500.00'); // 135000000
 * costToUnits('0.0001');   // 1
 * costToUnits('1.00001');  // undefined (5 dp)
 * ```
 */
export function costToUnits(cost: string): number | undefined {
  const m = PLAIN.exec(cost.trim());
  if (m === null) return undefined;
  const frac = m[2] ?? '';
  if (frac.length > SCALE) return undefined;
  const units = Number(m[1]! + frac.padEnd(SCALE, '0'));
  return Number.isSafeInteger(units) ? units : undefined;
}

/**
 * Convert integer units (a number or a bigint sum) to an exact `Dec` in yuan.
 *
 * @example
 * ```ts
 * unitsToYuan(135000000n).toFixed(); // '13500'
 * ```
 */
export function unitsToYuan(units: number | bigint): Dec {
  return new Dec(units.toString()).div(UNITS_PER_YUAN);
}
