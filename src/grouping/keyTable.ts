/**
 * A fixed-capacity hash table keyed by short ASCII keys packed into integers, for the grouper's base cache on the
 * hot path (helper g8). A record's principal diagnosis and principal procedure arrive as fresh strings: a `Map`
 * keyed by them hashes each one, then follows its bucket to the entry and to the stored key string, a chain of
 * dependent memory loads per look-up (two chains when a procedure is keyed too). Here the key's characters are read
 * once into six 28-bit words (no allocation), hashed, and compared inside one 32-byte slot of an `Int32Array`: a hit
 * touches the slot and the value array only.
 *
 * @module
 */

/** Words of a packed key (four 7-bit symbols each): at most {@link MAX_SYMBOLS} symbols. */
export const KEY_WORDS = 6;
/** Symbols of a packed key at most. */
export const MAX_SYMBOLS = KEY_WORDS * 4;
/** Int32 slots per table entry: the symbol count, the six words, one unused (32-byte entries). */
const STRIDE = 8;

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
 * Open-addressing table (linear probing) of at most `max` entries keyed by packed keys ({@link packKey}), with room
 * for twice as many (capacity the power of two ≥ 2 × max(`max`, 1)), so a probe always meets an empty slot. Memory is
 * fixed at creation: 36 bytes per slot (32 in the `Int32Array`, 4 in the value array). No deletion: the caller
 * {@link clear}s it whole (the grouper's generations).
 */
export class KeyTable<V> {
  private readonly slots: Int32Array;
  private readonly vals: (V | undefined)[];
  private readonly mask: number;
  private count = 0;

  constructor(readonly max: number) {
    let cap = 2;
    while (cap < 2 * Math.max(max, 1)) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * STRIDE);
    this.vals = new Array<V | undefined>(cap).fill(undefined);
  }

  /** Entries held. */
  get size(): number {
    return this.count;
  }

  /** The value stored for the packed key (`n` symbols, words `w`), or `undefined`. */
  get(n: number, w: Int32Array): V | undefined {
    const s = this.slots;
    let i = slotOf(n, w) & this.mask;
    for (;;) {
      const o = i * STRIDE;
      const m = s[o]!;
      if (m === 0) return undefined;
      if (m === n && s[o + 1] === w[0] && s[o + 2] === w[1] && s[o + 3] === w[2] && s[o + 4] === w[3] && s[o + 5] === w[4] && s[o + 6] === w[5]) return this.vals[i];
      i = (i + 1) & this.mask;
    }
  }

  /**
   * Store `v` for the packed key (replacing the value of an equal key). The caller keeps the table below `max`
   * entries (it clears it first when full); a new key beyond `max` throws.
   */
  set(n: number, w: Int32Array, v: V): void {
    const s = this.slots;
    let i = slotOf(n, w) & this.mask;
    for (;;) {
      const o = i * STRIDE;
      const m = s[o]!;
      if (m === 0) {
        if (this.count >= Math.max(this.max, 1)) throw new Error('KeyTable: full');
        s[o] = n;
        s[o + 1] = w[0]!;
        s[o + 2] = w[1]!;
        s[o + 3] = w[2]!;
        s[o + 4] = w[3]!;
        s[o + 5] = w[4]!;
        s[o + 6] = w[5]!;
        this.vals[i] = v;
        this.count++;
        return;
      }
      if (m === n && s[o + 1] === w[0] && s[o + 2] === w[1] && s[o + 3] === w[2] && s[o + 4] === w[3] && s[o + 5] === w[4] && s[o + 6] === w[5]) {
        this.vals[i] = v;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** Drop every entry. */
  clear(): void {
    if (this.count === 0) return;
    this.slots.fill(0);
    this.vals.fill(undefined);
    this.count = 0;
  }
}

/** Slot hash of a packed key: the words mixed by multiply–xorshift steps (MurmurHash3's constants), then finalised. */
function slotOf(n: number, w: Int32Array): number {
  let h = Math.imul(n, 0x9e3779b1);
  const words = (n + 3) >> 2;
  for (let j = 0; j < words; j++) {
    h = Math.imul(h ^ w[j]!, 0xcc9e2d51);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
