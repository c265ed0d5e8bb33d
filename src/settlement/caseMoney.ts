/**
 * Per-case money once the settlement point value is known (DIP-RULES.md §8.1): the case's payment standard
 * 病例支付标准 `standard = round(case_points × PV, rounding.money)` and its fund share
 * `fund_due = round(standard × r_{h,p}, rounding.money)` with the hospital-pool fund-pay ratio. These explain a
 * statement case by case; the statement itself is computed from exact sums (§8.7).
 *
 * Two paths with one result: {@link caseMoneyDecimal} (decimal.js, the reference) and {@link createCaseMoney}, which
 * multiplies the decimal texts as BigInt mantissas with `src/points/decimal40.ts` (the product rounded to 40
 * significant digits as decimal.js's `times` does) and applies the named rounding there (`roundFixed`) — used for
 * every case of a city-year by `dip settle`. Inputs that are not plain non-negative decimals go to the reference.
 * `tests/settlement/caseMoney.test.ts` proves the two equal on random inputs, modes and scales.
 *
 * @module
 */
import { dec, roundDec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import { fromPlain, mul40, roundFixed } from '../points/decimal40.js';
import type { D40 } from '../points/decimal40.js';

/** The two per-case amounts as fixed-scale decimal texts (`fundDue` is `''` when no ratio is given). */
export interface CaseMoney {
  readonly standard: string;
  readonly fundDue: string;
}

/**
 * The reference: decimal.js, as `dip settle` computed it before the integer path.
 *
 * @example
 * ```ts
 * caseMoneyDecimal('87.4408', dec('8.643594'), dec('0.6'), { scale: 2, mode: 'halfUp' });
 * // { standard: '755.80', fundDue: '453.48' }
 * ```
 */
export function caseMoneyDecimal(points: string, pointValue: Dec, ratio: Dec | undefined, money: RoundingRule): CaseMoney {
  const standard = roundDec(dec(points).times(pointValue), money);
  return { standard: standard.toFixed(money.scale), fundDue: ratio === undefined ? '' : roundDec(standard.times(ratio), money).toFixed(money.scale) };
}

/**
 * A per-pool calculator of {@link CaseMoney}: the point value is parsed once, each hospital-pool ratio once.
 *
 * @example
 * ```ts
 * const money = createCaseMoney('8.643594', { scale: 2, mode: 'halfUp' });
 * money('87.4408', '0.6'); // { standard: '755.80', fundDue: '453.48' }
 * money('87.4408');        // { standard: '755.80', fundDue: '' }
 * ```
 */
export function createCaseMoney(pointValue: string, money: RoundingRule): (points: string, ratio?: string) => CaseMoney {
  const pv = fromPlain(pointValue);
  const pvDec = dec(pointValue);
  const ratios = new Map<string, D40 | undefined>();
  return (points, ratio) => {
    const p = pv === undefined ? undefined : fromPlain(points);
    const r = ratio === undefined ? undefined : ratios.has(ratio) ? ratios.get(ratio) : ratios.set(ratio, fromPlain(ratio)).get(ratio);
    if (pv === undefined || p === undefined || (ratio !== undefined && r === undefined)) {
      return caseMoneyDecimal(points, pvDec, ratio === undefined ? undefined : dec(ratio), money);
    }
    // decimal.js: times rounds to 40 significant digits (mul40), then the money rule (roundFixed)
    const standard = roundFixed(mul40(p, pv), money.scale, money.mode);
    if (r === undefined) return { standard, fundDue: '' };
    return { standard, fundDue: roundFixed(mul40(fromPlain(standard)!, r), money.scale, money.mode) };
  };
}
