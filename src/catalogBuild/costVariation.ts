import type { Dec } from '../decimal/index.js';
import { Dec as D } from '../decimal/index.js';
import { UNITS_PER_YUAN } from './costUnits.js';

/** Standard-deviation form for the CV (DIP-RULES.md §5.9: not specified; default sample, n − 1). */
export type StdDevForm = 'sample' | 'population';

/**
 * Exact moment sums of a set of costs in integer units (0.0001 元, see `costUnits`): count, `Σx`, `Σx²`. Mergeable
 * by adding fields, so per-combination sums can be folded into packets after the streaming pass.
 */
export interface CostMoments {
  n: number;
  sum: bigint;
  sumSq: bigint;
}

/** Empty moments. */
export function emptyMoments(): CostMoments {
  return { n: 0, sum: 0n, sumSq: 0n };
}

/** Add one cost (integer units) to moments, in place. */
export function addCost(m: CostMoments, units: number): void {
  const u = BigInt(units);
  m.n += 1;
  m.sum += u;
  m.sumSq += u * u;
}

/** Add `b` into `a`, in place. */
export function mergeMoments(a: CostMoments, b: CostMoments): void {
  a.n += b.n;
  a.sum += b.sum;
  a.sumSq += b.sumSq;
}

/** Mean cost in yuan of moments (exact up to the 40-digit division), `undefined` when empty. */
export function momentsMean(m: CostMoments): Dec | undefined {
  return m.n === 0 ? undefined : new D(m.sum.toString()).div(m.n).div(UNITS_PER_YUAN);
}

/**
 * Coefficient of variation 变异系数 `CV = SD / mean` (DIP 3.0 draft glossary 13; DIP-RULES.md §5.9), from exact
 * moment sums: the variance numerator `nΣx² − (Σx)²` is an exact bigint, then
 * `CV = √((nΣx² − (Σx)²) / d) · n / Σx` with `d = n(n − 1)` (sample, default) or `n²` (population).
 * Unrounded (40 significant digits). `undefined` when the mean is 0, or n < 2 for the sample form.
 *
 * @example
 * ```ts
 * // costs 2, 4, 4, 4, 5, 5, 7, 9 元: mean 5, sample SD √(32/7) → CV 0.427617…
 * const m = emptyMoments(); for (const c of ['2', '4', '4', '4', '5', '5', '7', '9']) addCost(m, costToUnits(c)!);
 * coefficientOfVariation(m)!.toFixed(6);               // '0.427618'
 * coefficientOfVariation(m, 'population')!.toFixed();  // '0.4'
 * ```
 */
export function coefficientOfVariation(m: CostMoments, form: StdDevForm = 'sample'): Dec | undefined {
  if (m.n === 0 || m.sum === 0n) return undefined;
  if (form === 'sample' && m.n < 2) return undefined;
  const n = BigInt(m.n);
  const num = n * m.sumSq - m.sum * m.sum;
  const d = form === 'sample' ? n * (n - 1n) : n * n;
  return new D(num.toString()).div(d.toString()).sqrt().times(m.n).div(m.sum.toString());
}
