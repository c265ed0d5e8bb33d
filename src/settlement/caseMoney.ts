/**
 * Per-case money once the settlement point value is known (DIP-RULES.md §8.1): the case's payment standard
 * 病例支付标准 `standard = round(case_points × PV, rounding.money)` and its fund share
 * `fund_due = round(standard × r_{h,p}, rounding.money)` with the hospital-pool fund-pay ratio. These explain a
 * statement case by case; the statement itself is computed from exact sums (§8.7).
 *
 * Two functions with one result: {@link caseMoneyDecimal} (decimal.js, the reference) and {@link createCaseMoney},
 * used for every case of a city-year by `dip settle`, which takes the first path that applies: safe integers
 * (`Number`, when the texts have at most 15 digits and each product is below 2^53 — the usual case), BigInt
 * mantissas with `src/points/decimal40.ts` (the product rounded to 40 significant digits as decimal.js's `times`
 * does, then the named rounding, `roundFixed`), or the reference for texts that are not plain non-negative decimals.
 * `tests/settlement/caseMoney.test.ts` proves them equal on random inputs, modes and scales, and around 2^53.
 *
 * @module
 */
import { dec, roundDec } from '../decimal/index.js';
import type { Dec, RoundingMode, RoundingRule } from '../decimal/index.js';
import { fixedText, fromPlain, mul40, roundFixed } from '../points/decimal40.js';
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

/** A plain non-negative decimal text as `m × 10^−s` with `m` a safe integer (at most 15 digits, so `m < 10^15`). */
export interface SafeDecimal {
  readonly m: number;
  readonly s: number;
}

/** `10^k` for k ≤ 15: exact doubles (every power of ten up to 10^22 is). */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A plain decimal text (`^\d+(\.\d+)?$`, as {@link fromPlain} accepts) of at most 15 digits as a safe integer and
 * its scale; `undefined` for any other text (not plain, or longer: those take the BigInt path). Every partial value
 * `m·10 + d` stays below 10^15, so the scan is exact.
 */
export function safePlain(text: string): SafeDecimal | undefined {
  const n = text.length;
  if (n === 0 || n > 16) return undefined;
  let m = 0;
  let dot = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (dot !== -1 || i === 0 || i === n - 1) return undefined;
      dot = i;
    } else if (c >= 48 && c <= 57) m = m * 10 + (c - 48);
    else return undefined;
  }
  const digits = dot === -1 ? n : n - 1;
  if (digits > 15) return undefined;
  return { m, s: dot === -1 ? 0 : n - 1 - dot };
}

/**
 * {@link safePlain} of the text in `bytes[start, end)` (UTF-8), without the string: a byte outside `0-9` and `.` —
 * any byte of a non-ASCII character included — gives `undefined`, as the character does in {@link safePlain}; ASCII
 * bytes are the text's code units, so the scan is the same.
 *
 * @example
 * ```ts
 * safePlainAt(Buffer.from('x,87.4408,'), 2, 9); // { m: 874408, s: 4 }
 * ```
 */
export function safePlainAt(bytes: Uint8Array, start: number, end: number): SafeDecimal | undefined {
  const n = end - start;
  if (n <= 0 || n > 16) return undefined;
  let m = 0;
  let dot = -1;
  for (let i = 0; i < n; i++) {
    const c = bytes[start + i]!;
    if (c === 46) {
      if (dot !== -1 || i === 0 || i === n - 1) return undefined;
      dot = i;
    } else if (c >= 48 && c <= 57) m = m * 10 + (c - 48);
    else return undefined;
  }
  const digits = dot === -1 ? n : n - 1;
  if (digits > 15) return undefined;
  return { m, s: dot === -1 ? 0 : n - 1 - dot };
}

/**
 * `m × 10^−s` (m a safe integer ≥ 0) rounded to `dp` places by a named mode, as the integer count of `10^−dp` units
 * (exactly as {@link roundFixed}, for non-negative values `floor` = `down` and `ceil` = `up`); `undefined` when that
 * is not provably exact in doubles (the caller then takes the BigInt path): a shift beyond 10^15 or a scaled-up
 * result of 2^53 or more. Exactness: `10^k` (k ≤ 15) is an exact double; `m % p` is exact for doubles (fmod is);
 * `m − r` is an exact integer below 2^53 and divisible by `p`, so `(m − r) / p` is exact.
 */
export function roundSafe(m: number, s: number, dp: number, mode: RoundingMode): number | undefined {
  const shift = s - dp;
  if (shift <= 0) {
    if (shift < -15) return undefined;
    const q = m * POW10[-shift]!;
    return q <= Number.MAX_SAFE_INTEGER ? q : undefined; // a rounded double ≥ 2^53 iff the exact product is
  }
  if (shift > 15) return undefined;
  const p = POW10[shift]!;
  const r = m % p;
  const q = (m - r) / p;
  if (r === 0) return q;
  switch (mode) {
    case 'halfUp':
      return r + r >= p ? q + 1 : q;
    case 'halfEven':
      return r + r > p || (r + r === p && q % 2 === 1) ? q + 1 : q;
    case 'up':
    case 'ceil':
      return q + 1;
    case 'down':
    case 'floor':
      return q;
  }
}

/** A hospital-pool ratio, parsed once: the BigInt form (`undefined`: not plain, reference path) and the safe form. */
interface Ratio {
  readonly d40: D40 | undefined;
  readonly safe: SafeDecimal | undefined;
}

/**
 * A per-pool calculator of {@link CaseMoney}: the point value is parsed once, each hospital-pool ratio once.
 *
 * Three paths with one result. (1) Safe integers: points, PV and ratio of at most 15 digits each are integers of
 * 10^−scale units; the products `points·PV` and `standard·r` are formed in doubles and used only when they are at most
 * 2^53 − 1 — a double product is the correctly rounded exact product and rounding is monotonic, so a result ≤ 2^53 − 1
 * means the exact product is that integer. decimal.js's `times` rounds its product to 40 significant digits; a product
 * below 2^53 has at most 16 digits, so no rounding happens there and the exact product is what decimal.js rounds with
 * the money rule ({@link roundSafe}). (2) Otherwise BigInt mantissas (`mul40`, `roundFixed` of `decimal40`). (3) Texts
 * that are not plain non-negative decimals: the reference {@link caseMoneyDecimal}.
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
  const pvSafe = pv === undefined ? undefined : safePlain(pointValue);
  const pvDec = dec(pointValue);
  const dp = money.scale;
  const mode = money.mode;
  const ratios = new Map<string, Ratio>();
  const ratioOf = (text: string): Ratio => {
    let r = ratios.get(text);
    if (r === undefined) {
      const d40 = fromPlain(text);
      r = { d40, safe: d40 === undefined ? undefined : safePlain(text) };
      ratios.set(text, r);
    }
    return r;
  };
  return (points, ratio) => {
    const r = ratio === undefined ? undefined : ratioOf(ratio);
    if (pvSafe !== undefined && (r === undefined || r.d40 !== undefined)) {
      const p = safePlain(points);
      if (p !== undefined) {
        const product = p.m * pvSafe.m;
        const q = product <= Number.MAX_SAFE_INTEGER ? roundSafe(product, p.s + pvSafe.s, dp, mode) : undefined;
        if (q !== undefined) {
          const standard = fixedText(String(q), dp);
          if (r === undefined) return { standard, fundDue: '' };
          if (r.safe !== undefined) {
            const due = q * r.safe.m;
            const f = due <= Number.MAX_SAFE_INTEGER ? roundSafe(due, dp + r.safe.s, dp, mode) : undefined;
            if (f !== undefined) return { standard, fundDue: fixedText(String(f), dp) };
          }
          return { standard, fundDue: roundFixed(mul40({ m: BigInt(q), s: dp }, r.d40!), dp, mode) };
        }
      }
    }
    const pBig = pv === undefined ? undefined : fromPlain(points);
    if (pv === undefined || pBig === undefined || (r !== undefined && r.d40 === undefined)) {
      return caseMoneyDecimal(points, pvDec, ratio === undefined ? undefined : dec(ratio), money);
    }
    // decimal.js: times rounds to 40 significant digits (mul40), then the money rule (roundFixed)
    const standard = roundFixed(mul40(pBig, pv), dp, mode);
    if (r === undefined) return { standard, fundDue: '' };
    return { standard, fundDue: roundFixed(mul40(fromPlain(standard)!, r.d40!), dp, mode) };
  };
}
