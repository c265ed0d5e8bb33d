/**
 * decimal.js arithmetic of the library's `Dec` (40 significant digits, `ROUND_HALF_UP`) on non-negative BigInt
 * mantissas, for the integer path of outlier points (src/points/scaledCasePoints.ts). A value is `m × 10^−s`
 * (`m ≥ 0` a BigInt, `s` any integer). decimal.js computes `plus`, `minus`, `times` and `div` exactly and rounds the
 * exact result once to 40 significant digits, half-up (its documented "correctly rounded" contract); these helpers do
 * the same, so a chain of them reproduces a chain of `Dec` operations digit for digit, including the double rounding
 * of a 40-digit quotient followed by a named rounding ({@link roundFixed}).
 *
 * Proven equal to decimal.js by the properties in `tests/points/outlierIntegerPath.test.ts`.
 *
 * @module
 */
import type { RoundingMode } from '../decimal/index.js';

/** Significant digits of a `Dec` (src/decimal/dec.ts). */
export const DEC_DIGITS = 40;

const POW10: bigint[] = [];
for (let i = 0, p = 1n; i <= 120; i++, p *= 10n) POW10.push(p);

/** `10^n` as a BigInt (cached for n ≤ 120). */
export function pow10n(n: number): bigint {
  return n <= 120 ? POW10[n]! : 10n ** BigInt(n);
}

const P40 = POW10[DEC_DIGITS]!;
const P16 = POW10[16]!;
const P24 = POW10[24]!;
const P39 = POW10[DEC_DIGITS - 1]!;

/** Number of decimal digits of `m ≥ 0` (1 for 0): a float estimate, corrected exactly against the cached powers. */
export function digitCount(m: bigint): number {
  const x = Number(m);
  let d = x < 10 ? 1 : Math.floor(Math.log10(x)) + 1;
  if (d >= 120) return m.toString().length;
  if (d > 1 && m < POW10[d - 1]!) d--;
  else if (m >= POW10[d]!) d++;
  return d;
}

/** A decimal `m × 10^−s` (non-negative except the intermediate sums of {@link add40} / {@link sub40}). */
export interface D40 {
  readonly m: bigint;
  readonly s: number;
}

/** The value of a non-negative decimal text / `Dec` string (`'1496.8'`, `'27000'`, `'1e-7'` not accepted). */
export function fromPlain(text: string): D40 | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) return undefined;
  const frac = m[2] ?? '';
  return { m: BigInt(m[1]! + frac), s: frac.length };
}

/** Round `m × 10^−s` half-up (half away from zero) to 40 significant digits (no-op when `|m| < 10^40`). */
export function round40(m: bigint, s: number): D40 {
  if (m < 0n) {
    const r = round40(-m, s);
    return { m: -r.m, s: r.s };
  }
  if (m < P40) return { m, s };
  const k = digitCount(m) - DEC_DIGITS;
  const p = pow10n(k);
  let q = m / p;
  const r = m - q * p;
  if (r + r >= p) q += 1n;
  return { m: q, s: s - k };
}

/** `x × y`, rounded as `Dec.times`. */
export function mul40(x: D40, y: D40): D40 {
  return round40(x.m * y.m, x.s + y.s);
}

/** Align two decimals to the larger scale. */
function align(x: D40, y: D40): [bigint, bigint, number] {
  if (x.s === y.s) return [x.m, y.m, x.s];
  if (x.s > y.s) return [x.m, y.m * pow10n(x.s - y.s), x.s];
  return [x.m * pow10n(y.s - x.s), y.m, y.s];
}

/** `x + y`, rounded as `Dec.plus`. */
export function add40(x: D40, y: D40): D40 {
  const [a, b, s] = align(x, y);
  return round40(a + b, s);
}

/** `x − y`, rounded as `Dec.minus` (the result may be negative). */
export function sub40(x: D40, y: D40): D40 {
  const [a, b, s] = align(x, y);
  return round40(a - b, s);
}

/**
 * `x / y` (y > 0), rounded as `Dec.div`: the exact quotient rounded half-up to 40 significant digits. With
 * `k = 40 + digits(y) − digits(x)`, `⌊x·10^k / y⌋` has 40 or 41 digits; a 41st digit `d` rounds up iff `d ≥ 5`
 * (the remainder only adds a fraction below one unit of it), a 40-digit floor rounds up iff `2r ≥ y`.
 */
export function div40(x: D40, y: D40): D40 {
  if (x.m === 0n) return { m: 0n, s: 0 };
  const k = DEC_DIGITS + digitCount(y.m) - digitCount(x.m);
  const N = k >= 0 ? x.m * pow10n(k) : x.m;
  const D = k >= 0 ? y.m : y.m * pow10n(-k);
  let F = N / D;
  const s = x.s - y.s + k;
  if (F >= P40) {
    const q = F / 10n;
    const d = F - q * 10n;
    return { m: d >= 5n ? q + 1n : q, s: s - 1 };
  }
  if (F < P39) throw new Error('div40: quotient digits out of range'); // unreachable by the choice of k
  const r = N - F * D;
  if (r + r >= D) F += 1n;
  return { m: F, s };
}

/**
 * `x` rounded to `dp` decimal places by a named mode (as `roundDec` / `toDecimalPlaces` on a non-negative value),
 * as fixed-point text with exactly `dp` places.
 */
export function roundFixed(x: D40, dp: number, mode: RoundingMode): string {
  let q: bigint;
  const shift = x.s - dp;
  if (shift <= 0) q = x.m * pow10n(-shift);
  else {
    const p = pow10n(shift);
    q = x.m / p;
    const r = x.m - q * p;
    if (r > 0n) {
      switch (mode) {
        case 'halfUp':
          if (r + r >= p) q += 1n;
          break;
        case 'halfEven':
          if (r + r > p || (r + r === p && (q & 1n) === 1n)) q += 1n;
          break;
        case 'up':
        case 'ceil':
          q += 1n;
          break;
        case 'down':
        case 'floor':
          break;
      }
    }
  }
  return fixedText(q.toString(), dp);
}

/**
 * `digits × 10^−dp` as fixed-point text: `fixedText('1234567', 6)` is `'1.234567'`, `fixedText('5', 6)` is
 * `'0.000005'` (non-negative digit strings).
 */
export function fixedText(digits: string, dp: number): string {
  if (dp === 0) return digits;
  const d = digits.padStart(dp + 1, '0');
  return `${d.slice(0, -dp)}.${d.slice(-dp)}`;
}

/**
 * `roundFixed(div40(x, y), dp, mode)` for `x ≥ 0`, `y > 0` — the named rounding of the 40-digit quotient — without
 * forming the 40-digit quotient in the usual case. With `x / y × 10^dp = F + r / y'` (`F` of `L < 40` digits,
 * `0 < r < y'`), the 40-digit rounding moves the fraction `f = r / y'` to a multiple of `w = 10^(L − 40)`; since
 * `½` and `1` are multiples of `w`, `f` and the rounded `f'` lie on the same side of `0`, `½` and `1` unless `f` is
 * within `w / 2` of one of them. Outside those windows the mode decides on `f` directly; inside them (and for
 * `F = 0`, `L ≥ 40`) the composition `roundFixed(div40(…))` decides, so the result is always that of the
 * composition (the double rounding included). Usual sizes (`F < 10^16`, `y' < 10^24 ≤ 1/w`) leave only the exact tie
 * `2r = y'` in a window: one comparison.
 */
export function divRoundFixed(x: D40, y: D40, dp: number, mode: RoundingMode): string {
  const e = dp + y.s - x.s;
  const N = e >= 0 ? x.m * pow10n(e) : x.m;
  const D = e >= 0 ? y.m : y.m * pow10n(-e);
  const F = N / D;
  const r = N - F * D;
  if (F === 0n || F >= P40) return roundFixed(div40(x, y), dp, mode);
  let up = false;
  if (r !== 0n) {
    const twoR = r + r;
    if (F < P16 && D < P24) {
      // L ≤ 16, so 1/w ≥ 10^24 ≥ y': with 0 < r < y' the only point in a window is the exact tie 2r = y'
      if (twoR === D) return roundFixed(div40(x, y), dp, mode);
    } else {
      const W = pow10n(DEC_DIGITS - digitCount(F)); // 1 / w
      const half = twoR >= D ? twoR - D : D - twoR; // |2r − y'|
      // within w/2 of ½, of 0 or of 1 (|f − ½| ≤ w/2, f ≤ w/2, 1 − f ≤ w/2): the composition decides
      if (half * W <= D || twoR * W <= D || (D - r) * 2n * W <= D) return roundFixed(div40(x, y), dp, mode);
    }
    up = roundsUpInexact(mode, twoR > D);
  }
  const digits = (up ? F + 1n : F).toString();
  if (dp === 0) return digits;
  const d = digits.padStart(dp + 1, '0');
  return `${d.slice(0, -dp)}.${d.slice(-dp)}`;
}

/**
 * Whether a non-negative quotient whose remainder is neither zero nor an exact half rounds up under `mode`: the half
 * modes by `aboveHalf` (remainder above half a unit), `up` / `ceil` always, `down` / `floor` never (DIP-RULES.md
 * §8.7: the named rounding rules of the policy). Exact results and ties are the caller's (half-even needs the parity).
 *
 * @example
 * ```ts
 * roundsUpInexact('halfUp', false) // false: 2.4 → 2
 * roundsUpInexact('ceil', false)   // true:  2.4 → 3
 * ```
 */
export function roundsUpInexact(mode: RoundingMode, aboveHalf: boolean): boolean {
  switch (mode) {
    case 'halfUp':
    case 'halfEven':
      return aboveHalf;
    case 'up':
    case 'ceil':
      return true;
    case 'down':
    case 'floor':
      return false;
  }
}
