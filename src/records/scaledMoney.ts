/**
 * Exact money on the validation hot path without decimal.js: a plain amount (`\d{1,11}(\.\d{0,4})?`, at most 4
 * decimal places, DIP-RULES.md §8.7) as a safe integer of 1/10,000 yuan, and its canonical money text. Sums of up
 * to 900 such amounts stay below 2^53, so comparisons are exact. Equal to the decimal.js path (`dec`,
 * `formatFixed`, `plus`, `gt`) by the property tests in `tests/records/scaledMoney.test.ts`.
 *
 * @module
 */

/** Digits of the integer part accepted on the fast path: 10^11 × 10^4 < 2^53 / 900. */
const MAX_INT_DIGITS = 11;
/** Decimal places of the scaled integers. */
export const MONEY_SCALE = 4;
const POW10 = [1, 10, 100, 1000, 10_000] as const;

/**
 * `text` as an integer number of 1/10,000 yuan, or `-1` when it is not a plain non-negative amount with at most
 * `min(maxScale, 4)` decimal places and at most 11 integer digits (the caller then takes the decimal.js path).
 *
 * @example
 * ```ts
 * scaledAmount('13500', 4)   // 135000000
 * scaledAmount('12.34', 4)   // 123400
 * scaledAmount('1.23456', 4) // -1
 * ```
 */
export function scaledAmount(text: string, maxScale: number): number {
  return scaledAmountAt(text, 0, text.length, maxScale);
}

/**
 * The canonical money text of a scaled amount: at least 2 decimal places, trailing zeros beyond them dropped
 * (`135000000` → `'13500.00'`, `123450` → `'12.345'`) — `formatFixed(value, max(2, value.decimalPlaces()))`.
 */
export function scaledMoneyText(v: number): string {
  const int = Math.floor(v / 10_000);
  let frac = v - int * 10_000;
  let dp = 4;
  while (dp > 2 && frac % 10 === 0) {
    frac /= 10;
    dp--;
  }
  const f = String(frac);
  return `${int}.${f.length < dp ? '0'.repeat(dp - f.length) + f : f}`;
}

/**
 * {@link scaledAmount} of `s.slice(a, b)`, read in place (no string of its own): the integer of 1/10,000 yuan, or
 * `-1` when the slice is not a plain amount (the rules of {@link scaledAmount}, which is this function on a whole
 * text; both proven against decimal.js by `tests/records/scaledMoney.test.ts`).
 *
 * @example
 * ```ts
 * scaledAmountAt('x,12.34,y', 2, 7, 4) // 123400
 * ```
 */
export function scaledAmountAt(s: string, a: number, b: number, maxScale: number): number {
  if (b <= a) return -1;
  let v = 0;
  let i = a;
  for (; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  const intLen = i - a;
  if (intLen === 0 || intLen > MAX_INT_DIGITS) return -1;
  if (i === b) return v * 10_000;
  const fracLen = b - i - 1;
  if (fracLen === 0 || fracLen > maxScale || fracLen > MONEY_SCALE) return -1;
  let f = 0;
  for (let j = i + 1; j < b; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return -1;
    f = f * 10 + (c - 48);
  }
  return v * 10_000 + f * (POW10[MONEY_SCALE - fracLen] as number);
}
