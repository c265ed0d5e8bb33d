/**
 * REFERENCE COPY (test/bench only) of src/grouping/genCache.ts at commit 7c64073 (used by grouperG8Reference.ts). Do
 * not edit.
 */
/**
 * A bounded string-keyed cache that keeps its hot entries: two generations (young and old `Map`s).
 *
 * @module
 */

/**
 * Two-generation cache: {@link get} looks in the young map, then in the old one, and an entry found in the old map is
 * promoted (set in the young map); {@link set} puts into the young map, and when the young map already holds `max`
 * entries it first becomes the old map (the previous old map is dropped whole) and a new young map starts. So:
 *
 * - at most `2 × max` entries are held (`max` young + `max` old), each step O(1);
 * - an entry used at least once per `max` insertions is never dropped (it is promoted before its generation is
 *   dropped), unlike a cache cleared when full, which throws away its hot entries with the cold ones;
 * - a value is only ever the one {@link set} stored for its key (promotion copies the reference): a hit gives exactly
 *   what the caller would compute, provided the caller stores a function of the key.
 *
 * `max` must be ≥ 1.
 */
export class GenCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly max: number) {}

  /** The value stored for `key` in either generation (promoted to the young one when found in the old one). */
  get(key: string): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const w = this.old.get(key);
    if (w !== undefined) this.set(key, w);
    return w;
  }

  /** Store `value` for `key` in the young generation (rotating the generations first when the young one is full). */
  set(key: string, value: V): void {
    if (this.young.size >= this.max) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** Entries held (young + old; a promoted key counts twice until its old generation is dropped). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
