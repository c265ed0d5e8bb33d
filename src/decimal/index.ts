export { Dec, ZERO, ONE, dec, sum } from './dec.js';
export type { RoundingMode, RoundingRule } from './rounding.js';
export { roundDec, ROUNDING_MODES, HALF_UP_2, HALF_UP_4, HALF_UP_6 } from './rounding.js';
export type { ParseDecimalOptions, ParseDecimalResult } from './parse.js';
export { parseDecimal, formatDecimal, formatFixed } from './parse.js';
export type { DecimalString, Yuan, Points, PointValue, Ratio } from './brands.js';
export { asYuan, asPoints, asPointValue, asRatio, toDecimalString } from './brands.js';
