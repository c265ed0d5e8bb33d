/**
 * A compact set of case keys (hospital_id, case_id) → the line of their first occurrence, for duplicate
 * detection over files of millions of rows in bounded memory.
 *
 * Design (measured with `bench/case-keys-memory.ts`, 1,870,844 keys `H4104000nn` × `C2025nnnnnnnn`, Node 20):
 * a V8 `Map<string, number>` costs 115.6 bytes per key (216 MB) and, if the key is a slice of the decoded chunk,
 * can keep the whole 64 KB chunk alive. This set costs 35.6 bytes per key (66.6 MB):
 * - `hospital_id` is interned to a small integer (a city has a few hundred hospitals);
 * - each key is stored exactly, as bytes (`[hospital index: 3 bytes][case_id UTF-8]`, length-prefixed) in 1 MiB
 *   byte pages — nothing refers to the source strings;
 * - an open-addressing hash table (`Int32Array` of entry numbers, linear probing, load ≤ 0.5) and two
 *   `Uint32Array`s (key offset, first line) per entry. A hash match is confirmed by comparing the bytes, so the
 *   answer is exact (no false duplicates).
 *
 * @example
 * ```ts
 * const keys = new CaseKeySet();
 * keys.add('H1', 'Z1', 2); // undefined (new)
 * keys.add('H1', 'Z1', 9); // 2 (first seen on line 2)
 * keys.add('H2', 'Z1', 10); // undefined
 * ```
 */
export class CaseKeySet {
  private static readonly PAGE = 1 << 20;
  private readonly hospitals = new Map<string, number>();
  private readonly pages: Uint8Array[] = [];
  private pageUsed = CaseKeySet.PAGE;
  private table = new Int32Array(1 << 16);
  private mask = (1 << 16) - 1;
  private offsets: Uint32Array = new Uint32Array(1 << 15);
  private lines: Uint32Array = new Uint32Array(1 << 15);
  private count = 0;
  private readonly encoder = new TextEncoder();
  private scratch = new Uint8Array(1024);

  /** Number of distinct keys. */
  get size(): number {
    return this.count;
  }

  /** Approximate bytes held by the set (typed arrays and pages). */
  get byteSize(): number {
    return this.table.byteLength + this.offsets.byteLength + this.lines.byteLength + this.pages.length * CaseKeySet.PAGE;
  }

  /**
   * Add a key seen on `line`. Returns `undefined` when the key is new, or the line of its first occurrence
   * (the set keeps the first line).
   */
  add(hospitalId: string, caseId: string, line: number): number | undefined {
    let h = this.hospitals.get(hospitalId);
    if (h === undefined) {
      h = this.hospitals.size;
      if (h >= 1 << 24) throw new Error('CaseKeySet: more than 16,777,216 distinct hospital ids');
      // Store a flat copy: a slice of the decoded chunk would keep the whole chunk alive.
      this.hospitals.set(new TextDecoder().decode(this.encoder.encode(hospitalId)), h);
    }
    // Encode [len:2][h:3][caseId utf-8] into scratch.
    if (this.scratch.length < caseId.length * 3 + 5) this.scratch = new Uint8Array(caseId.length * 3 + 5);
    const k = this.scratch;
    const written = this.encoder.encodeInto(caseId, k.subarray(5)).written;
    const len = written + 3;
    if (len > 0xffff) throw new Error('CaseKeySet: case_id longer than 65,532 bytes');
    k[0] = len & 0xff;
    k[1] = len >>> 8;
    k[2] = h & 0xff;
    k[3] = (h >>> 8) & 0xff;
    k[4] = h >>> 16;
    // FNV-1a over [h][caseId].
    let hash = 0x811c9dc5;
    for (let i = 2; i < len + 2; i++) hash = Math.imul(hash ^ k[i]!, 0x01000193);
    let slot = hash & this.mask;
    for (;;) {
      const e = this.table[slot]!;
      if (e === 0) break;
      if (this.equals(this.offsets[e - 1]!, k, len + 2)) return this.lines[e - 1];
      slot = (slot + 1) & this.mask;
    }
    // Insert.
    if (this.pageUsed + len + 2 > CaseKeySet.PAGE) {
      this.pages.push(new Uint8Array(CaseKeySet.PAGE));
      this.pageUsed = 0;
    }
    const offset = (this.pages.length - 1) * CaseKeySet.PAGE + this.pageUsed;
    this.pages[this.pages.length - 1]!.set(k.subarray(0, len + 2), this.pageUsed);
    this.pageUsed += len + 2;
    if (this.count === this.offsets.length) {
      const grow = (a: Uint32Array): Uint32Array => {
        const b = new Uint32Array(Math.ceil(a.length * 1.5));
        b.set(a);
        return b;
      };
      this.offsets = grow(this.offsets);
      this.lines = grow(this.lines);
    }
    this.offsets[this.count] = offset;
    this.lines[this.count] = line;
    this.count++;
    this.table[slot] = this.count;
    if (this.count * 2 > this.table.length) this.rehash();
    return undefined;
  }

  private equals(offset: number, k: Uint8Array, n: number): boolean {
    const page = this.pages[Math.floor(offset / CaseKeySet.PAGE)]!;
    const o = offset % CaseKeySet.PAGE;
    for (let i = 0; i < n; i++) if (page[o + i] !== k[i]) return false;
    return true;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let e = 0; e < this.count; e++) {
      const offset = this.offsets[e]!;
      const page = this.pages[Math.floor(offset / CaseKeySet.PAGE)]!;
      const o = offset % CaseKeySet.PAGE;
      const len = page[o]! | (page[o + 1]! << 8);
      let hash = 0x811c9dc5;
      for (let i = o + 2; i < o + 2 + len; i++) hash = Math.imul(hash ^ page[i]!, 0x01000193);
      let slot = hash & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = e + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
