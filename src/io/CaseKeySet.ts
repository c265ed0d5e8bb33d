/** Longest trailing digit run packed as an integer: 10^9 − 1 + 1 still fits a `Uint32` slot (0 = empty). */
const MAX_DIGITS = 9;
/** Longest case-id prefix (UTF-16 units) interned as a template; longer ids go to the byte store. */
const MAX_PREFIX = 64;
/** Most templates (hospital × prefix × digit count) with their own table; later new templates use the byte store. */
const MAX_TEMPLATES = 1 << 14;
/** Smallest numeric table (slots). */
const MIN_SLOTS = 8;
/** Growth factor of a numeric table: after growth the load is 0.75 / 1.25 = 0.6. */
const GROWTH = 1.25;
/** 2^-32, for the multiply-shift ("fastrange") reduction of a 32-bit hash to `[0, capacity)`. */
const INV_2_32 = 1 / 4294967296;

/** One template's open-addressing table: `slots` holds `[value + 1, line]` pairs, `0` marks an empty slot. */
interface NumericTable {
  slots: Uint32Array;
  capacity: number;
  count: number;
  /** Grow when `count` would exceed this (load ≤ 0.75). */
  limit: number;
}

/** Per-hospital state: its index, its templates and the last template used (most ids of a hospital share one). */
interface HospitalState {
  readonly index: number;
  /** `${digits}:${prefix}` → table. */
  readonly templates: Map<string, NumericTable>;
  lastPrefix: string;
  lastDigits: number;
  lastTable: NumericTable | undefined;
}

/**
 * A copy of `s` that shares no memory with it (a slice of a decoded 64 KB chunk would keep the whole chunk alive).
 * Exact for every string, lone surrogates included (a `TextEncoder` round trip would turn them into U+FFFD).
 */
function flatCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/**
 * A compact set of case keys (hospital_id, case_id) → the line of their first occurrence, for duplicate
 * detection over files of millions of rows in bounded memory.
 *
 * Design (measured with `bench/case-keys-memory.ts`, keys `H4104000nn` × `C2025nnnnnnn[n]`, Node 20): a V8
 * `Map<string, number>` costs ~127 bytes per key; the previous byte-page design of this set 34–36; this one
 * 11–14 bytes per key (≤ 13.4 by construction for packable ids, plus the small per-template maps):
 * - `hospital_id` is interned to a small integer (its state holds the templates below);
 * - a case id that ends in digits is split into a *template* (hospital, the prefix before its last ≤ 9 digits, the
 *   number of those digits) and the integer value of those digits: `C20250000001` → (`C20`, 9 digits) and
 *   250000001. The digit count is part of the template, so leading zeros are kept (`C05` ≠ `C5`), and the split
 *   is a bijection: equal (template, value) ⇔ equal key. Each template has its own open-addressing table of
 *   8-byte slots `[value + 1, first line]` in one `Uint32Array` (linear probing, multiply-shift hashing, load
 *   between 0.6 and 0.75: grown ×1.25, so ≤ 13.4 bytes per key; a growth holds only that template's old and new
 *   table at once);
 * - any other key (no trailing digit, a prefix over 64 UTF-16 units, or beyond 16,384 templates) is stored
 *   exactly as bytes (`[hospital index: 3 bytes][case_id UTF-8]`, length-prefixed, in 1 MiB pages; a case id with
 *   a lone surrogate in WTF-8, so it is not merged with one holding U+FFFD) with a hash table of entry numbers and
 *   a bytewise comparison — the earlier design, ~35 bytes per key. Routing is stable: a template, once refused,
 *   is never created later, so a key is always looked up where it was stored.
 *
 * Answers are exact: no false duplicate, no missed duplicate. Lines are kept as unsigned 32-bit integers.
 *
 * @example
 * ```ts
 * const keys = new CaseKeySet();
 * keys.add('H1', 'Z1', 2); // undefined (new)
 * keys.add('H1', 'Z1', 9); // 2 (first seen on line 2)
 * keys.add('H2', 'Z1', 10); // undefined
 * ```
 */
/**
 * Where a reader registers the case key (hospital_id, case_id) of each row, in file order: `add` returns
 * `undefined` for a key's first occurrence, else the line of its first occurrence. {@link CaseKeySet} keeps the keys
 * in memory; `scanDuplicateCases` (`src/io/scanDuplicateCases.ts`) precomputes the answers with the keys on disk.
 */
export interface CaseKeyRegistry {
  add(hospitalId: string, caseId: string, line: number): number | undefined;
}

export class CaseKeySet implements CaseKeyRegistry {
  private readonly hospitals = new Map<string, HospitalState>();
  private templateCount = 0;
  private numericBytes = 0;
  private count = 0;
  private readonly bytes = new ByteKeyTable();

  /** Number of distinct keys. */
  get size(): number {
    return this.count;
  }

  /** Approximate bytes held by the set (typed arrays and pages; not the small per-hospital and template maps). */
  get byteSize(): number {
    return this.numericBytes + this.bytes.byteSize;
  }

  /**
   * Add a key seen on `line`. Returns `undefined` when the key is new, or the line of its first occurrence
   * (the set keeps the first line).
   */
  add(hospitalId: string, caseId: string, line: number): number | undefined {
    let hs = this.hospitals.get(hospitalId);
    if (hs === undefined) {
      const index = this.hospitals.size;
      if (index >= 1 << 24) throw new Error('CaseKeySet: more than 16,777,216 distinct hospital ids');
      hs = { index, templates: new Map(), lastPrefix: '', lastDigits: 0, lastTable: undefined };
      this.hospitals.set(flatCopy(hospitalId), hs);
    }
    // Trailing digit run, at most MAX_DIGITS long, and its integer value, accumulated while the run is scanned from
    // the end (one pass; exact: at most 9 digits, value < 10^9, unit ≤ 10^9) — the value the digits read left to
    // right give, used only when the id packs.
    const n = caseId.length;
    const stop = n > MAX_DIGITS ? n - MAX_DIGITS : 0;
    let j = n;
    let value = 0;
    let unit = 1;
    while (j > stop) {
      const c = caseId.charCodeAt(j - 1);
      if (c < 48 || c > 57) break;
      value += (c - 48) * unit;
      unit *= 10;
      j--;
    }
    const digits = n - j;
    if (digits === 0 || j > MAX_PREFIX) return this.addBytes(hs.index, caseId, line);
    let table: NumericTable | undefined;
    if (hs.lastDigits === digits && hs.lastPrefix.length === j && caseId.startsWith(hs.lastPrefix)) table = hs.lastTable;
    else {
      const prefix = caseId.slice(0, j);
      const name = `${digits}:${prefix}`;
      table = hs.templates.get(name);
      if (table === undefined) {
        if (this.templateCount >= MAX_TEMPLATES) return this.addBytes(hs.index, caseId, line);
        this.templateCount++;
        table = { slots: new Uint32Array(2 * MIN_SLOTS), capacity: MIN_SLOTS, count: 0, limit: (MIN_SLOTS * 3) >>> 2 };
        this.numericBytes += table.slots.byteLength;
        hs.templates.set(flatCopy(name), table);
      }
      hs.lastPrefix = flatCopy(prefix);
      hs.lastDigits = digits;
      hs.lastTable = table;
    }
    return this.addNumeric(table!, value + 1, line);
  }

  private addNumeric(t: NumericTable, tag: number, line: number): number | undefined {
    const slots = t.slots;
    const capacity = t.capacity;
    let i = Math.floor((Math.imul(tag, 0x9e3779b1) >>> 0) * capacity * INV_2_32);
    for (;;) {
      const s = slots[2 * i]!;
      if (s === 0) break;
      if (s === tag) return slots[2 * i + 1];
      if (++i === capacity) i = 0;
    }
    slots[2 * i] = tag;
    slots[2 * i + 1] = line;
    this.count++;
    if (++t.count > t.limit) this.grow(t);
    return undefined;
  }

  private grow(t: NumericTable): void {
    const old = t.slots;
    const oldCapacity = t.capacity;
    const capacity = Math.ceil(oldCapacity * GROWTH);
    const slots = new Uint32Array(2 * capacity);
    for (let o = 0; o < oldCapacity; o++) {
      const tag = old[2 * o]!;
      if (tag === 0) continue;
      let i = Math.floor((Math.imul(tag, 0x9e3779b1) >>> 0) * capacity * INV_2_32);
      while (slots[2 * i] !== 0) if (++i === capacity) i = 0;
      slots[2 * i] = tag;
      slots[2 * i + 1] = old[2 * o + 1]!;
    }
    this.numericBytes += slots.byteLength - old.byteLength;
    t.slots = slots;
    t.capacity = capacity;
    t.limit = Math.floor(capacity * 0.75);
  }

  private addBytes(hospital: number, caseId: string, line: number): number | undefined {
    const first = this.bytes.add(hospital, caseId, line);
    if (first === undefined) this.count++;
    return first;
  }
}

/**
 * Write the WTF-8 bytes of `s` (UTF-8, lone surrogates encoded like any other code point) at `out[at]`; returns
 * the number of bytes. `out` must hold `3 * s.length` bytes from `at`.
 */
function encodeWtf8(s: string, out: Uint8Array, at: number): number {
  let o = at;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out[o++] = c;
    else if (c < 0x800) {
      out[o++] = 0xc0 | (c >>> 6);
      out[o++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[o++] = 0xe0 | (c >>> 12);
      out[o++] = 0x80 | ((c >>> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    } else {
      out[o++] = 0xf0 | (c >>> 18);
      out[o++] = 0x80 | ((c >>> 12) & 0x3f);
      out[o++] = 0x80 | ((c >>> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    }
  }
  return o - at;
}

/**
 * Exact byte-keyed table for the keys that do not pack: `[len: 2][hospital: 3][case id bytes]` in 1 MiB pages,
 * an `Int32Array` hash table of entry numbers (FNV-1a, linear probing, load ≤ 0.5), key offsets and first lines
 * in `Uint32Array`s. Case id bytes are its UTF-8, or its WTF-8 when it is not well-formed
 * (a lone surrogate as its own 3-byte sequence `ED A0–BF xx`, which UTF-8 never contains, where a `TextEncoder`
 * would write U+FFFD and merge distinct ids); the byte length is the same as `TextEncoder`'s.
 */
class ByteKeyTable {
  private static readonly PAGE = 1 << 20;
  private readonly pages: Uint8Array[] = [];
  private pageUsed = ByteKeyTable.PAGE;
  private table = new Int32Array(0);
  private mask = -1;
  private offsets: Uint32Array = new Uint32Array(0);
  private lines: Uint32Array = new Uint32Array(0);
  private count = 0;
  private readonly encoder = new TextEncoder();
  private scratch = new Uint8Array(1024);

  get byteSize(): number {
    return this.table.byteLength + this.offsets.byteLength + this.lines.byteLength + this.pages.length * ByteKeyTable.PAGE;
  }

  add(h: number, caseId: string, line: number): number | undefined {
    if (this.table.length === 0) {
      // Allocated on first use, with the earlier design's sizes (so it grows through the same sizes).
      this.table = new Int32Array(1 << 16);
      this.mask = (1 << 16) - 1;
      this.offsets = new Uint32Array(1 << 15);
      this.lines = new Uint32Array(1 << 15);
    }
    // Encode [len:2][h:3][caseId bytes] into scratch.
    if (this.scratch.length < caseId.length * 3 + 6) this.scratch = new Uint8Array(caseId.length * 3 + 6);
    const k = this.scratch;
    const written = (caseId as unknown as { isWellFormed(): boolean }).isWellFormed()
      ? this.encoder.encodeInto(caseId, k.subarray(5)).written
      : encodeWtf8(caseId, k, 5);
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
    if (this.pageUsed + len + 2 > ByteKeyTable.PAGE) {
      this.pages.push(new Uint8Array(ByteKeyTable.PAGE));
      this.pageUsed = 0;
    }
    const offset = (this.pages.length - 1) * ByteKeyTable.PAGE + this.pageUsed;
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
    const page = this.pages[Math.floor(offset / ByteKeyTable.PAGE)]!;
    const o = offset % ByteKeyTable.PAGE;
    for (let i = 0; i < n; i++) if (page[o + i] !== k[i]) return false;
    return true;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let e = 0; e < this.count; e++) {
      const offset = this.offsets[e]!;
      const page = this.pages[Math.floor(offset / ByteKeyTable.PAGE)]!;
      const o = offset % ByteKeyTable.PAGE;
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
