import type { Prng } from './prng.js';

/**
 * Walker/Vose alias table: O(1) sampling of an index with probability proportional to its weight,
 * built once in O(n). Used to draw packets by their case counts (BILL_COUNT) and hospitals by volume.
 *
 * The build uses floats in a fixed order, so the same weights always give the same table (and the same
 * draws for the same generator state).
 *
 * @example
 * ```ts
 * const table = new AliasTable([151, 35, 65]);
 * const i = table.sample(new Prng(1)); // 0 with probability 151/251
 * ```
 */
export class AliasTable {
  /** Number of outcomes. */
  readonly size: number;
  /** Sum of the weights. */
  readonly total: number;
  private readonly prob: Float64Array;
  private readonly alias: Uint32Array;

  /** @param weights non-negative finite weights with a positive sum */
  constructor(weights: readonly number[]) {
    const n = weights.length;
    if (n === 0) throw new Error('AliasTable: no weights');
    let total = 0;
    for (const w of weights) {
      if (!Number.isFinite(w) || w < 0) throw new Error(`AliasTable: bad weight ${w}`);
      total += w;
    }
    if (!(total > 0)) throw new Error('AliasTable: weights sum to zero');
    this.size = n;
    this.total = total;
    this.prob = new Float64Array(n);
    this.alias = new Uint32Array(n);
    // scaled[i] = w_i · n / total, compared with 1 (Vose's method).
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((s, i) => (s < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.prob[s] = scaled[s] as number;
      this.alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      ((scaled[l] as number) < 1 ? small : large).push(l);
    }
    for (const i of large) this.prob[i] = 1;
    // Leftovers are float residue (scaled ≈ 1); a zero weight must still never be drawn.
    const positive = weights.findIndex((w) => w > 0);
    for (const i of small) {
      if (weights[i] === 0) {
        this.prob[i] = 0;
        this.alias[i] = positive;
      } else this.prob[i] = 1;
    }
  }

  /** Draw one index. */
  sample(rng: Prng): number {
    const u = rng.next() * this.size;
    const i = Math.floor(u);
    const frac = u - i;
    return frac < (this.prob[i] as number) ? i : (this.alias[i] as number);
  }
}
