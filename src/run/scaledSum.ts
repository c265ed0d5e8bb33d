/**
 * Exact sums of decimal texts as scaled integers (DIP-RULES.md §8.7: sums are exact, rounding only where a rule
 * says): the run's per hospital × month × pool sums of case points (at `rounding.casePoints.scale`) and of money
 * (cost, booked amount, patient payment at 1/10^4 yuan) without decimal.js on the per-case path.
 *
 * A plain decimal text of at most `scale` decimal places and at most 15 digits is `units` = value × 10^scale, a
 * safe integer below 10^15 < 2^50. {@link ScaledSum} adds such units to a number partial sum while its magnitude is
 * below 2^52 (so `partial + units` stays below 2^53 and every addition is exact) and flushes it to a BigInt before it
 * could pass that bound; any other value (more decimals, more digits, an exponent, a `Dec`) goes to a decimal.js
 * fallback sum. {@link ScaledSum.toDec} returns the exact total, equal to the decimal.js sum of the same values by
 * the fast-check properties in `tests/run/scaledSum.test.ts`.
 *
 * @module
 */
import { ZERO, dec } from '../decimal/index.js';
import type { Dec } from '../decimal/index.js';

/** Scale of the run's money sums: 1/10^4 yuan (the 4 dp of `rounding.inputMoneyMaxScale`, DIP-RULES.md §8.7). */
export const MONEY_UNITS_SCALE = 4;

/** Most digits of a text taken as units: 10^15 − 1 < 2^50. */
const MAX_DIGITS = 15;
/** Flush bound of the number partial sum: |partial| < 2^52 and |units| < 2^50 keep every addition below 2^53. */
const FLUSH_AT = 2 ** 52;
const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * `text` as an integer number of 10^−scale units, or `NaN` when it is not a plain decimal (optional `-`, digits,
 * optionally `.` and 1…`scale` digits) of at most 15 digits in all. The caller then keeps the text for the
 * decimal.js path. Exact: the value is built digit by digit below 2^50.
 *
 * @example
 * ```ts
 * scaledUnits('13500.00', 4)   // 135000000
 * scaledUnits('1262.1084', 4)  // 12621084
 * scaledUnits('-0.5', 2)       // -50
 * scaledUnits('1.23456', 4)    // NaN (more than 4 decimals)
 * scaledUnits('1e3', 4)        // NaN (not plain)
 * ```
 */
export function scaledUnits(text: string, scale: number): number {
  const len = text.length;
  let i = 0;
  let neg = false;
  if (len > 0 && text.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
  }
  const intStart = i;
  let v = 0;
  for (; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return NaN;
    v = v * 10 + (c - 48);
  }
  const intDigits = i - intStart;
  if (intDigits === 0) return NaN;
  let fracLen = 0;
  if (i < len) {
    fracLen = len - i - 1;
    if (fracLen === 0 || fracLen > scale) return NaN;
    for (let j = i + 1; j < len; j++) {
      const c = text.charCodeAt(j);
      if (c < 48 || c > 57) return NaN;
      v = v * 10 + (c - 48);
    }
  }
  // at most 15 digits once scaled (a text with leading zeros beyond that takes the decimal path too)
  if (intDigits + scale > MAX_DIGITS) return NaN;
  const units = v * (POW10[scale - fracLen] as number);
  return neg ? -units : units;
}

/**
 * The text of `units` × 10^−scale, exact (BigInt in, plain decimal text out: `-`, digits, `.` and `scale` digits).
 *
 * @example
 * ```ts
 * unitsText(12621084n, 4)  // '1262.1084'
 * unitsText(-50n, 2)       // '-0.50'
 * ```
 */
export function unitsText(units: bigint, scale: number): string {
  const neg = units < 0n;
  let s = (neg ? -units : units).toString();
  if (scale > 0) {
    if (s.length <= scale) s = '0'.repeat(scale - s.length + 1) + s;
    s = `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
  }
  return neg ? `-${s}` : s;
}

/**
 * An exact running sum: integer units at a fixed scale (number partial sum flushed to BigInt), plus a decimal.js
 * fallback for values that are not plain decimals of that scale.
 *
 * @example
 * ```ts
 * const s = new ScaledSum(4);
 * s.addText('1262.1084');
 * s.addUnits(scaledUnits('0.0016', 4));
 * s.addText('1e-6');           // not plain: decimal fallback
 * s.toDec().toFixed()          // '1262.110001'
 * ```
 */
export class ScaledSum {
  /** Number partial sum of units, |small| < 2^52 between additions. */
  private small = 0;
  /** Flushed units. */
  private big = 0n;
  /** Decimal.js sum of the values that were not plain units. */
  private odd: Dec | undefined = undefined;

  /** @param scale decimal places of one unit (`units × 10^−scale`). */
  constructor(readonly scale: number) {}

  /**
   * Add `units` (an integer of magnitude below 10^15, e.g. from {@link scaledUnits} at this sum's scale).
   *
   * @example
   * ```ts
   * new ScaledSum(2).addUnits(150)  // adds 1.50
   * ```
   */
  addUnits(units: number): void {
    const s = this.small + units;
    if (s >= FLUSH_AT || s <= -FLUSH_AT) {
      this.big += BigInt(s);
      this.small = 0;
    } else this.small = s;
  }

  /**
   * Add a decimal text: as units when plain at this scale, else by decimal.js.
   *
   * @example
   * ```ts
   * new ScaledSum(4).addText('13500.00')
   * ```
   */
  addText(text: string): void {
    const u = scaledUnits(text, this.scale);
    if (u === u) this.addUnits(u);
    else this.addDec(dec(text));
  }

  /**
   * Add a decimal.js value (the fallback: held special cases, approved points).
   *
   * @example
   * ```ts
   * new ScaledSum(4).addDec(dec('0.00001'))
   * ```
   */
  addDec(d: Dec): void {
    this.odd = this.odd === undefined ? d : this.odd.plus(d);
  }

  /**
   * The exact total as a decimal.js value.
   *
   * @example
   * ```ts
   * const s = new ScaledSum(2); s.addText('1.25'); s.addText('2.5');
   * s.toDec().toFixed()   // '3.75'
   * ```
   */
  toDec(): Dec {
    const total = this.big + BigInt(this.small);
    const d = total === 0n ? ZERO : dec(unitsText(total, this.scale));
    return this.odd === undefined ? d : d.plus(this.odd);
  }
}
