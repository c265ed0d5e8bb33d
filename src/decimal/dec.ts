import { Decimal } from 'decimal.js';

/**
 * The library's one private decimal.js constructor (never `Decimal.set`, so the host application's
 * own Decimal configuration is untouched and ours cannot be changed by it).
 *
 * 40 significant digits: fund totals of 10^10 yuan at 10^-6 precision need 17 digits; ratios
 * such as κ (DIP-RULES.md §8.7, T6) are kept unrounded, and 40 digits leave ample headroom for
 * products of several of them before any named rounding is applied.
 *
 * Exponent notation is switched off in `toString` for the range we use (|x| < 10^60, ≥ 10^-60).
 */
export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
  minE: -9e15,
  maxE: 9e15,
  modulo: Decimal.ROUND_DOWN,
  crypto: false,
});

/** An exact decimal value of the library (an instance of the private clone). */
export type Dec = InstanceType<typeof Dec>;

/** Zero and one, shared immutable constants. */
export const ZERO: Dec = new Dec(0);
export const ONE: Dec = new Dec(1);

/** Convert a trusted canonical decimal string (or integer) to a `Dec`. Throws on garbage: for validated values only. */
export function dec(value: string | number | Dec): Dec {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new Error(`dec(): refusing the binary float ${value}; pass a decimal string`);
  }
  return new Dec(value);
}

/** Exact sum of decimals. */
export function sum(values: Iterable<Dec>): Dec {
  let acc = ZERO;
  for (const v of values) acc = acc.plus(v);
  return acc;
}
