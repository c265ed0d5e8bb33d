import type { Dec } from './dec.js';
import { formatDecimal } from './parse.js';

/**
 * Decimal strings that cross the public API. The brand says what the number measures; the string is
 * canonical (see `formatDecimal`) or fixed-scale (money at its policy scale). They are plain strings at
 * run time, so they serialise to JSON and CSV unchanged.
 */
declare const unit: unique symbol;
export type DecimalString<U extends string = string> = string & { readonly [unit]: U };

/** An amount of money in yuan (元), e.g. `'13500.00'`. */
export type Yuan = DecimalString<'yuan'>;
/** Points (分值): packet points RW or case points, e.g. `'1350.0000'`. */
export type Points = DecimalString<'points'>;
/** A point value (点值) in yuan per point, e.g. `'10.000000'`. */
export type PointValue = DecimalString<'yuan/point'>;
/** A dimensionless ratio or coefficient (系数, 比例), e.g. `'0.95'`. */
export type Ratio = DecimalString<'ratio'>;

/** Brand an already formatted string. Use only on strings produced by `formatDecimal`/`formatFixed`. */
export function asYuan(s: string): Yuan {
  return s as Yuan;
}
export function asPoints(s: string): Points {
  return s as Points;
}
export function asPointValue(s: string): PointValue {
  return s as PointValue;
}
export function asRatio(s: string): Ratio {
  return s as Ratio;
}

/** Format a decimal canonically as a branded string of unit U. */
export function toDecimalString<U extends string>(value: Dec): DecimalString<U> {
  return formatDecimal(value) as DecimalString<U>;
}
