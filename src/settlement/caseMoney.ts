/**
 * Per-case money once the settlement point value is known (DIP-RULES.md §8.1): the case's payment standard
 * 病例支付标准 `standard = round(case_points × PV, rounding.money)` and its fund share
 * `fund_due = round(standard × r_{h,p}, rounding.money)` with the hospital-pool fund-pay ratio. These explain a
 * statement case by case; the statement itself is computed from exact sums (§8.7).
 *
 * Two paths with one result: {@link caseMoneyDecimal} (decimal.js, the reference) and {@link createCaseMoney}, which
 * multiplies the exact decimal texts as BigInt mantissas and applies the named rounding on the integer — used for
 * every case of a city-year by `dip settle`. The integer path is taken only when decimal.js's 40-digit product is
 * exact (the factors' significant digits add up to ≤ 40) and the inputs are plain non-negative decimals; anything
 * else goes to the reference. `tests/settlement/caseMoney.test.ts` proves them equal on random inputs and modes.
 *
 * @module
 */
import { dec, roundDec } from '../decimal/index.js';
import type { Dec, RoundingMode, RoundingRule } from '../decimal/index.js';

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

/** A plain non-negative decimal text as (mantissa, scale, significant digits); `undefined` for anything else. */
interface Fixed {
  readonly m: bigint;
  readonly scale: number;
  readonly digits: number;
}

const PLAIN = /^(\d+)(?:\.(\d+))?$/;

function fixedOf(text: string): Fixed | undefined {
  const g = PLAIN.exec(text);
  if (g === null) return undefined;
  const frac = g[2] ?? '';
  const all = (g[1]! + frac).replace(/^0+/, '');
  return { m: BigInt(all === '' ? '0' : all), scale: frac.length, digits: Math.max(1, all.length) };
}

const POW10: bigint[] = [1n];
for (let i = 1; i <= 80; i++) POW10.push(POW10[i - 1]! * 10n);
/** 10^n as BigInt (n ≤ 80 from a table: scales here are at most 40 + 20). */
const pow10 = (n: number): bigint => POW10[n] ?? 10n ** BigInt(n);

/**
 * Round the non-negative integer `n` × 10^-`scale` to `to` decimal places by `mode`; returns the integer at scale `to`.
 * (Non-negative only: `up`/`ceil` and `down`/`floor` coincide, `halfUp` is half away from zero.)
 */
function roundScaled(n: bigint, scale: number, to: number, mode: RoundingMode): bigint {
  if (scale <= to) return n * pow10(to - scale);
  const d = pow10(scale - to);
  const q = n / d;
  const r = n - q * d;
  if (r === 0n) return q;
  switch (mode) {
    case 'down':
    case 'floor':
      return q;
    case 'up':
    case 'ceil':
      return q + 1n;
    case 'halfUp':
      return 2n * r >= d ? q + 1n : q;
    case 'halfEven':
      return 2n * r > d || (2n * r === d && q % 2n === 1n) ? q + 1n : q;
  }
}

/** Fixed-scale text of a non-negative integer at `scale` decimals. */
function text(n: bigint, scale: number): string {
  const s = n.toString();
  if (scale === 0) return s;
  const padded = s.length <= scale ? '0'.repeat(scale - s.length + 1) + s : s;
  return `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
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
  const pv = fixedOf(pointValue);
  const pvDec = dec(pointValue);
  const ratios = new Map<string, Fixed | undefined>();
  const ratioDecs = new Map<string, Dec>();
  const ratioDec = (r: string): Dec => {
    let d = ratioDecs.get(r);
    if (d === undefined) ratioDecs.set(r, (d = dec(r)));
    return d;
  };
  return (points, ratio) => {
    const p = pv === undefined ? undefined : fixedOf(points);
    if (pv === undefined || p === undefined || p.digits + pv.digits > 40) return caseMoneyDecimal(points, pvDec, ratio === undefined ? undefined : ratioDec(ratio), money);
    const standard = roundScaled(p.m * pv.m, p.scale + pv.scale, money.scale, money.mode);
    if (ratio === undefined) return { standard: text(standard, money.scale), fundDue: '' };
    let r = ratios.get(ratio);
    if (!ratios.has(ratio)) ratios.set(ratio, (r = fixedOf(ratio)));
    const stDigits = standard.toString().length;
    if (r === undefined || stDigits + r.digits > 40) return { standard: text(standard, money.scale), fundDue: caseMoneyDecimal(text(standard, money.scale), dec(1), ratioDec(ratio), money).fundDue };
    return { standard: text(standard, money.scale), fundDue: text(roundScaled(standard * r.m, money.scale + r.scale, money.scale, money.mode), money.scale) };
  };
}
