/**
 * A small seeded pseudo-random number generator for synthetic data: sfc32 (Chris Doty-Humphrey's
 * "Small Fast Counting" generator, 128-bit state) seeded through the cyrb128 string hash.
 * Never `Math.random` (DEVELOPERS.md: synthetic data is seeded and deterministic).
 *
 * Only 32-bit integer arithmetic (`Math.imul`, `>>>`, `|0`) drives the state, so a seed gives the same
 * sequence on every JavaScript engine. Derived floats use `Math.log`/`Math.cos` (V8's fdlibm port),
 * which is deterministic on one engine; the money written is rounded to integer fen afterwards.
 *
 * @module
 */

/** A seed: any string, or a number (used through its decimal string form). */
export type Seed = string | number;

/** The cyrb128 hash of a string: four 32-bit words, used to seed {@link Prng}. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * Seeded generator (sfc32). Each named sub-stream (`fork('hospitals')`) is an independent generator
 * whose sequence depends only on the root seed and the name, so adding draws to one stream never
 * shifts another.
 *
 * @example
 * ```ts
 * const a = new Prng('dip-2025');
 * const b = new Prng('dip-2025');
 * a.nextUint32() === b.nextUint32(); // true: same seed, same sequence
 * a.int(6);                          // an integer in 0..5
 * a.normal();                        // a standard normal deviate
 * ```
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = Number.NaN;
  /** The seed string this generator was built from. */
  readonly seed: string;

  constructor(seed: Seed) {
    this.seed = String(seed);
    const [a, b, c, d] = cyrb128(this.seed);
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    // Discard the first outputs: sfc32 mixes its state in the first dozen steps.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** An independent generator for the sub-stream `name` of this generator's seed. */
  fork(name: string): Prng {
    return new Prng(`${this.seed}\u0000${name}`);
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const a = this.a | 0;
    const b = this.b | 0;
    const c = this.c | 0;
    const d = (this.d + 1) | 0;
    const t = (((a + b) | 0) + d) | 0;
    this.d = d;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** A float uniform in [0, 1) with 32 random bits. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A float uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** An integer uniform in 0..n−1 (n ≥ 1, n ≤ 2³²); multiply-shift, bias below 2⁻³² · n. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer uniform in lo..hi inclusive. */
  intBetween(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Prng.pick: empty array');
    return items[this.int(items.length)] as T;
  }

  /** A standard normal deviate (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * v;
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}
