/**
 * A fixed-capacity hash table keyed by short ASCII keys packed into integers, for the grouper's base cache on the
 * hot path (since `18a6eda`). A record's principal diagnosis and principal procedure arrive as fresh strings: a `Map`
 * keyed by them hashes each one, then follows its bucket to the entry and to the stored key string, a chain of
 * dependent memory loads per look-up (two chains when a procedure is keyed too, and a joined key string built first
 * when there are other procedures). Here the key's characters are read once into 28-bit words (no allocation),
 * hashed, and compared inside one slot of an `Int32Array`: a hit touches the slot and the value array only.
 *
 * @module
 */

/** Words of a packed key (four 7-bit symbols each): at most {@link MAX_SYMBOLS} symbols. */
export const KEY_WORDS = 6;
/** Symbols of a packed key at most. */
export const MAX_SYMBOLS = KEY_WORDS * 4;

/**
 * Pack the key of a principal diagnosis `dx` with, when `p0` is given, a principal procedure into `w`
 * ({@link KEY_WORDS} words, every unused bit zero) and return its symbol count, or `0` when the key is not packable.
 *
 * Symbols: the characters of `dx`, then for `p0` a `0` separator and the characters of `p0`; symbol `i` is bits
 * `7·(i mod 4)…` of word `⌊i / 4⌋`. Packable when `dx` is not empty, every character is in U+0001–U+007F and there
 * are at most {@link MAX_SYMBOLS} symbols (`p0`, when given, is not empty: the caller passes a non-empty procedure).
 * Injective on packable keys: the count and the words give back the symbol sequence; `dx` has no `0` symbol, so the
 * first `0` (if any) ends it and what follows is `p0`. So two keys pack equal exactly when `dx` and `p0` (or its
 * absence) are equal strings.
 *
 * @example
 * ```ts
 * const w = new Int32Array(KEY_WORDS);
 * packKey(w, 'K35.300', undefined); // 7 (w[0] = 'K','3','5','.'; w[1] = '3','0','0')
 * packKey(w, 'K35.300', '47.0100'); // 15
 * packKey(w, '', undefined);        // 0 (not packable)
 * ```
 */
export function packKey(w: Int32Array, dx: string, p0: string | undefined): number {
  const nd = dx.length;
  const n = p0 === undefined ? nd : nd + 1 + p0.length;
  if (nd === 0 || n > MAX_SYMBOLS) return 0;
  w[0] = 0;
  w[1] = 0;
  w[2] = 0;
  w[3] = 0;
  w[4] = 0;
  w[5] = 0;
  for (let i = 0; i < nd; i++) {
    const c = dx.charCodeAt(i);
    if (c === 0 || c > 127) return 0;
    w[i >> 2]! |= c << ((i & 3) * 7);
  }
  if (p0 !== undefined) {
    // symbol nd is the 0 separator (already zero)
    for (let i = nd + 1, j = 0; i < n; i++, j++) {
      const c = p0.charCodeAt(j);
      if (c === 0 || c > 127) return 0;
      w[i >> 2]! |= c << ((i & 3) * 7);
    }
  }
  return n;
}

/**
 * Pack the key of a case with other procedures — a principal diagnosis `dx`, a non-empty principal procedure `p0` and
 * the other procedures `others` (at least one, each as the record holds it, `''` allowed) — into `w` (every word,
 * unused bits zero) and return its symbol count, or `0` when not packable: the characters of `dx`, then for `p0` and
 * each other procedure a `0` separator and its characters, 4 symbols of 7 bits per word as {@link packKey}. Packable
 * when `dx` and `p0` are not empty, every character is in U+0001–U+007F and the symbols fit in `w` (4 per word).
 * Injective on packable keys: splitting the symbols at the `0`s gives back `[dx, p0, ...others]` (no string holds a
 * `0`).
 *
 * @example
 * ```ts
 * const w = new Int32Array(LIST_WORDS);
 * packProcedures(w, 'K35.300', '47.0100', ['54.5100']); // 23
 * packProcedures(w, 'K35.300', '47.0100', ['']);        // 16 (an empty other procedure is a symbol-less segment)
 * ```
 */
export function packProcedures(w: Int32Array, dx: string, p0: string, others: readonly string[]): number {
  const cap = w.length * 4;
  let n = dx.length + 1 + p0.length;
  for (let k = 0; k < others.length; k++) n += 1 + others[k]!.length;
  if (dx.length === 0 || p0.length === 0 || n > cap) return 0;
  w.fill(0);
  let i = putSymbols(w, dx, 0);
  if (i < 0) return 0;
  i = putSymbols(w, p0, i + 1);
  for (let k = 0; k < others.length && i >= 0; k++) i = putSymbols(w, others[k]!, i + 1);
  return i < 0 ? 0 : n;
}

/** Symbols of `x` at positions `at…` of `w`; the next position, or `-1` when a character is `\0` or past U+007F. */
function putSymbols(w: Int32Array, x: string, at: number): number {
  let i = at;
  for (let j = 0; j < x.length; j++, i++) {
    const c = x.charCodeAt(j);
    if (c === 0 || c > 127) return -1;
    w[i >> 2]! |= c << ((i & 3) * 7);
  }
  return i;
}

/** Words of the keys of {@link packProcedures} in the grouper: 64 symbols (the 200k file's longest keys are ~60). */
export const LIST_WORDS = 16;

/**
 * Open-addressing table (linear probing) of at most `max` entries keyed by packed keys of `words` words
 * ({@link packKey}, {@link packProcedures}). It starts at 64 slots and doubles (re-inserting its entries) whenever
 * it would be more than half full, up to the power of two ≥ 2 × max(`max`, 1) (2^30 at most), so a probe always meets an empty
 * slot; memory (4 × (`words` + 2) + 4 bytes per slot) follows the entries held, at most that capacity. No deletion:
 * the caller {@link clear}s it whole (the grouper's generations; the capacity reached is kept).
 */
export class KeyTable<V> {
  private slots: Int32Array;
  private vals: (V | undefined)[];
  private mask: number;
  private count = 0;
  private readonly stride: number;
  private readonly maxCap: number;
  /** Entries at most: max(`max`, 1), or half the largest capacity (2^30 slots) for a larger or infinite `max`. */
  private readonly limit: number;

  constructor(
    readonly max: number,
    readonly words: number = KEY_WORDS,
  ) {
    this.stride = words + 2;
    let cap = 2;
    while (cap < 2 * Math.max(max, 1) && cap < 2 ** 30) cap *= 2;
    this.maxCap = cap;
    this.limit = Math.min(Math.max(max, 1), cap / 2);
    const start = Math.min(cap, 64);
    this.mask = start - 1;
    this.slots = new Int32Array(start * this.stride);
    this.vals = new Array<V | undefined>(start).fill(undefined);
  }

  /** Entries held. */
  get size(): number {
    return this.count;
  }

  /** Slots (capacity reached so far). */
  get capacity(): number {
    return this.mask + 1;
  }

  /** The value stored for the packed key (`n` symbols, words `w`), or `undefined`. */
  get(n: number, w: Int32Array): V | undefined {
    const i = this.find(n, w);
    return i < 0 ? undefined : this.vals[i];
  }

  /**
   * Store `v` for the packed key (replacing the value of an equal key). The caller keeps the table at `max` entries
   * at most (it clears it first when full); a new key beyond `max` throws.
   */
  set(n: number, w: Int32Array, v: V): void {
    let i = this.find(n, w);
    if (i >= 0) {
      this.vals[i] = v;
      return;
    }
    if (this.count >= this.limit) throw new Error('KeyTable: full');
    if (2 * (this.count + 1) > this.mask + 1 && this.mask + 1 < this.maxCap) {
      this.grow();
      i = this.find(n, w);
    }
    const o = -i - 1;
    const s = this.slots;
    const b = o * this.stride;
    s[b] = n;
    for (let j = 0; j < this.words; j++) s[b + 1 + j] = w[j]!;
    this.vals[o] = v;
    this.count++;
  }

  /** Drop every entry. */
  clear(): void {
    if (this.count === 0) return;
    this.slots.fill(0);
    this.vals.fill(undefined);
    this.count = 0;
  }

  /** The slot of the key, or `-(empty slot) - 1` where it would go. */
  private find(n: number, w: Int32Array): number {
    const s = this.slots;
    const st = this.stride;
    const nw = this.words;
    let i = slotOf(n, w) & this.mask;
    for (;;) {
      const o = i * st;
      const m = s[o]!;
      if (m === 0) return -i - 1;
      if (m === n) {
        let j = 0;
        while (j < nw && s[o + 1 + j] === w[j]) j++;
        if (j === nw) return i;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** Double the capacity, re-inserting every entry. */
  private grow(): void {
    const old = this.slots;
    const oldVals = this.vals;
    const st = this.stride;
    const cap = 2 * (this.mask + 1);
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * st);
    this.vals = new Array<V | undefined>(cap).fill(undefined);
    const w = new Int32Array(this.words);
    for (let i = 0; i < oldVals.length; i++) {
      const n = old[i * st]!;
      if (n === 0) continue;
      for (let j = 0; j < this.words; j++) w[j] = old[i * st + 1 + j]!;
      const o = -this.find(n, w) - 1;
      for (let j = 0; j < st; j++) this.slots[o * st + j] = old[i * st + j]!;
      this.vals[o] = oldVals[i];
    }
  }
}

/** Slot hash of a packed key: its words mixed by multiply–xorshift steps (MurmurHash3's constants), then finalised. */
function slotOf(n: number, w: Int32Array): number {
  let h = Math.imul(n, 0x9e3779b1);
  const words = Math.min((n + 3) >> 2, w.length);
  for (let j = 0; j < words; j++) {
    h = Math.imul(h ^ w[j]!, 0xcc9e2d51);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
