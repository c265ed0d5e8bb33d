/**
 * Duplicate-case detection (重复结算清单, DIP-RULES.md §2.3) for files too large to keep every case key in memory:
 * a pre-pass that spills the keys to hash buckets on disk and finds the duplicates bucket by bucket, so that the
 * memory of a run no longer grows with the number of cases.
 *
 * @module
 */
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CaseKeySet } from './CaseKeySet.js';
import type { CaseKeyRegistry } from './CaseKeySet.js';
import { CsvTokenizer } from './CsvTokenizer.js';
import type { CsvRow } from './CsvTokenizer.js';
import { parseRecordHeader } from './recordRows.js';
import { RecordsReadError } from './RecordsReadError.js';
import type { RecordsEncoding } from './TextChunkDecoder.js';
import { TextChunkDecoder } from './TextChunkDecoder.js';

export type { CaseKeyRegistry } from './CaseKeySet.js';

/** Options of {@link scanDuplicateCases}. */
export interface ScanDuplicateCasesOptions {
  /** As `readRecords`: `auto` (default), `utf8` or `gb18030`. */
  readonly encoding?: RecordsEncoding;
  /** As `readRecords` (default 1,000,000). */
  readonly maxRecordChars?: number;
  /** Directory for the bucket files (a private subdirectory is created and removed). Default: the OS temp dir. */
  readonly tmpDir?: string;
  /**
   * Bytes of the records file per bucket (default 64 MiB: ~370,000 keys of a typical 医保结算清单 export, a
   * `CaseKeySet` of ~5 MB while that bucket is checked). At most 4,096 buckets.
   */
  readonly bucketInputBytes?: number;
}

/** Counts of a {@link scanDuplicateCases} pre-pass. */
export interface DuplicateScanStats {
  /** Data rows seen (as `readRecords` counts `read`). */
  readonly rows: number;
  /** Rows that register a key (right cell count, both key cells non-empty). */
  readonly keys: number;
  /** Rows whose key appeared before. */
  readonly duplicates: number;
  readonly buckets: number;
  /** Bytes written to the bucket files. */
  readonly spilledBytes: number;
}

/** Per bucket write buffer (bytes). */
const BUFFER_BYTES = 1 << 18;
const MAX_BUCKETS = 4096;
/** Bit 31 of a stored length: the string is stored as UTF-16LE code units (else Latin-1, one byte per unit). */
const WIDE = 0x80000000;

/** FNV-1a over the UTF-16 code units of the key (hospital, U+0000, case): spreads keys over the buckets. */
function keyHash(h: string, c: string): number {
  let x = 0x811c9dc5;
  for (let i = 0; i < h.length; i++) x = Math.imul(x ^ h.charCodeAt(i), 0x01000193);
  x = Math.imul(x, 0x01000193);
  for (let i = 0; i < c.length; i++) x = Math.imul(x ^ c.charCodeAt(i), 0x01000193);
  return x >>> 0;
}

function isNarrow(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

/**
 * The duplicates found by the pre-pass, replayed in file order: `add(h, c, line)` answers as a {@link CaseKeySet}
 * fed the same rows would. It holds only the duplicate rows (line → first line, and the key's hash to check that
 * pass 1 sees the same key on that line); `assertComplete` checks that pass 1 registered as many keys as the
 * pre-pass, so a file changed between the passes is an error, not a silent miscount.
 */
export class PrecomputedCaseKeys implements CaseKeyRegistry {
  private seen = 0;
  constructor(
    private readonly firstLines: ReadonlyMap<number, number>,
    private readonly hashes: ReadonlyMap<number, number>,
    readonly stats: DuplicateScanStats,
  ) {}

  add(hospitalId: string, caseId: string, line: number): number | undefined {
    this.seen++;
    const first = this.firstLines.get(line);
    if (first === undefined) return undefined;
    if (this.hashes.get(line) !== keyHash(hospitalId, caseId)) {
      throw new RecordsReadError('io.read_failed', `the records file changed while it was read: line ${line} no longer holds the key seen by the duplicate pre-pass`, line);
    }
    return first;
  }

  /** Throws `io.read_failed` unless the run registered exactly the keys of the pre-pass. */
  assertComplete(): void {
    if (this.seen !== this.stats.keys) {
      throw new RecordsReadError('io.read_failed', `the records file changed while it was read: the duplicate pre-pass saw ${this.stats.keys} case keys, the run ${this.seen}`);
    }
  }
}

class BucketWriter {
  readonly buf = Buffer.allocUnsafe(BUFFER_BYTES);
  used = 0;
  written = 0;
  constructor(readonly fd: number) {}

  flush(): void {
    let off = 0;
    while (off < this.used) off += writeSync(this.fd, this.buf, off, this.used - off);
    this.written += this.used;
    this.used = 0;
  }

  /** Entry: line (float64 LE), hospital length, case length (uint32 LE, bit 31 = UTF-16), hospital, case. */
  add(line: number, h: string, c: string): void {
    const hn = isNarrow(h);
    const cn = isNarrow(c);
    const hb = hn ? h.length : 2 * h.length;
    const cb = cn ? c.length : 2 * c.length;
    const size = 16 + hb + cb;
    if (this.used + size > BUFFER_BYTES) this.flush();
    if (size > BUFFER_BYTES) {
      const big = Buffer.allocUnsafe(size);
      encodeEntry(big, 0, line, h, hn, c, cn, hb);
      let off = 0;
      while (off < size) off += writeSync(this.fd, big, off, size - off);
      this.written += size;
      return;
    }
    encodeEntry(this.buf, this.used, line, h, hn, c, cn, hb);
    this.used += size;
  }
}

function encodeEntry(b: Buffer, at: number, line: number, h: string, hn: boolean, c: string, cn: boolean, hb: number): void {
  b.writeDoubleLE(line, at);
  b.writeUInt32LE(hn ? h.length : (h.length | WIDE) >>> 0, at + 8);
  b.writeUInt32LE(cn ? c.length : (c.length | WIDE) >>> 0, at + 12);
  b.write(h, at + 16, hn ? 'latin1' : 'utf16le');
  b.write(c, at + 16 + hb, cn ? 'latin1' : 'utf16le');
}

function decodeString(b: Buffer, at: number, len: number): { s: string; bytes: number } {
  if ((len & WIDE) === 0) return { s: b.toString('latin1', at, at + len), bytes: len };
  const n = (len & ~WIDE) >>> 0;
  return { s: b.toString('utf16le', at, at + 2 * n), bytes: 2 * n };
}

/**
 * Find every duplicate case of a records file before it is settled, holding one bucket of keys in memory at a time.
 *
 * The pre-pass reads the file as `readRecords` does (same decoder, tokenizer, header mapping and `maxRecordChars`)
 * and, for every data row with the header's cell count and both key cells non-empty, writes (line, trimmed
 * hospital_id, trimmed case_id) to one of ⌈file size / `bucketInputBytes`⌉ bucket files chosen by a hash of the key;
 * equal keys land in the same bucket, in file order. A record on one line without quotes (most rows) is not split:
 * only its commas are found and its two key cells sliced (the same cell count and keys as the split's). Each bucket is then replayed through a `CaseKeySet`, which
 * gives every duplicate row with the line of its first occurrence. Strings are stored as Latin-1 or UTF-16 code
 * units, so lone surrogates are kept exactly.
 *
 * Memory: the write buffers (256 KiB per bucket), one bucket's key set, and the duplicate rows found — independent
 * of the number of distinct cases. Disk: ~(16 + key length) bytes per row, removed at the end.
 *
 * Returns `undefined` when the file cannot be read to the end as records (any `RecordsReadError`: missing file, bad
 * header, unclosed quote, invalid encoding, …): the run's own reader then reports that error as it would without
 * the pre-pass.
 *
 * @example
 * ```ts
 * const keys = await scanDuplicateCases('records.csv');
 * // keys.stats → { rows: 20000000, keys: 19990000, duplicates: 8327, buckets: 54, spilledBytes: 680000000 }
 * for await (const e of readRecords('records.csv', { caseKeys: keys })) …;  // same events as without it
 * keys.assertComplete();
 * ```
 */
export async function scanDuplicateCases(path: string, options: ScanDuplicateCasesOptions = {}): Promise<PrecomputedCaseKeys | undefined> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return undefined;
  }
  const perBucket = options.bucketInputBytes ?? 64 * 1024 * 1024;
  if (!(perBucket >= 1)) throw new Error(`scanDuplicateCases: bucketInputBytes must be ≥ 1, got ${perBucket}`);
  const nBuckets = Math.max(1, Math.min(MAX_BUCKETS, Math.ceil(size / perBucket)));
  const dir = mkdtempSync(join(options.tmpDir ?? tmpdir(), 'dip-case-keys-'));
  const writers: BucketWriter[] = [];
  try {
    for (let i = 0; i < nBuckets; i++) writers.push(new BucketWriter(openSync(join(dir, `${i}.bin`), 'w')));
    let rows = 0;
    let keys = 0;
    let width = -1;
    let hCol = -1;
    let cCol = -1;
    let header = false;
    const onRow = (row: CsvRow): void => {
      if (!header) {
        header = true;
        const h = parseRecordHeader(row.cells, row.line).header;
        width = h.width;
        for (const [col, i] of h.entries) {
          if (col === 'hospital_id') hCol = i;
          else if (col === 'case_id') cCol = i;
        }
        return;
      }
      rows++;
      const cells = row.cells;
      if (cells.length !== width || hCol < 0 || cCol < 0) return;
      const hospitalId = (cells[hCol] as string).trim();
      const caseId = (cells[cCol] as string).trim();
      if (hospitalId === '' || caseId === '') return;
      keys++;
      writers[keyHash(hospitalId, caseId) % nBuckets]!.add(row.line, hospitalId, caseId);
    };
    /**
     * A record on one line without quotes (the tokenizer's `onLine`: `s.slice(start, end).split(',')` are its
     * cells): the same as `onRow` of those cells, without the split. The commas are found with `indexOf(',')`, as
     * far as the line has cells — past `width` cells the row has the wrong count and stops there; the two key cells
     * are sliced from their ranges and trimmed, as the split's cells would be.
     */
    const onLine = (s: string, start: number, end: number, line: number): void => {
      if (!header) {
        onRow({ cells: s.slice(start, end).split(','), line });
        return;
      }
      rows++;
      if (hCol < 0 || cCol < 0) return;
      let k = 0;
      let from = start;
      let hs = 0;
      let he = 0;
      let cs = 0;
      let ce = 0;
      for (;;) {
        let c = s.indexOf(',', from);
        if (c === -1 || c > end) c = end;
        if (k === hCol) {
          hs = from;
          he = c;
        } else if (k === cCol) {
          cs = from;
          ce = c;
        }
        k++;
        if (c === end) break;
        if (k === width) return; // a comma after the last cell: more cells than the header
        from = c + 1;
      }
      if (k !== width) return;
      const hospitalId = s.slice(hs, he).trim();
      const caseId = s.slice(cs, ce).trim();
      if (hospitalId === '' || caseId === '') return;
      keys++;
      writers[keyHash(hospitalId, caseId) % nBuckets]!.add(line, hospitalId, caseId);
    };
    try {
      const decoder = new TextChunkDecoder(options.encoding ?? 'auto');
      const tokenizer = new CsvTokenizer(options.maxRecordChars === undefined ? {} : { maxRecordChars: options.maxRecordChars });
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk);
        if (text !== '') tokenizer.push(text, onRow, onLine);
      }
      const tail = decoder.end();
      if (tail !== '') tokenizer.push(tail, onRow, onLine);
      tokenizer.end(onRow, onLine);
    } catch (e) {
      if (e instanceof RecordsReadError || (e instanceof Error && 'code' in e)) return undefined;
      throw e;
    }
    if (!header) return undefined;
    let spilledBytes = 0;
    for (const w of writers) {
      w.flush();
      spilledBytes += w.written;
      closeSync(w.fd);
    }
    writers.length = 0;
    const firstLines = new Map<number, number>();
    const hashes = new Map<number, number>();
    for (let i = 0; i < nBuckets; i++) {
      const file = join(dir, `${i}.bin`);
      const b = readFileSync(file);
      rmSync(file);
      const set = new CaseKeySet();
      let at = 0;
      while (at < b.length) {
        const line = b.readDoubleLE(at);
        const h = decodeString(b, at + 16, b.readUInt32LE(at + 8));
        const c = decodeString(b, at + 16 + h.bytes, b.readUInt32LE(at + 12));
        at += 16 + h.bytes + c.bytes;
        const first = set.add(h.s, c.s, line);
        if (first !== undefined) {
          firstLines.set(line, first);
          hashes.set(line, keyHash(h.s, c.s));
        }
      }
    }
    return new PrecomputedCaseKeys(firstLines, hashes, { rows, keys, duplicates: firstLines.size, buckets: nBuckets, spilledBytes });
  } finally {
    for (const w of writers) closeSync(w.fd);
    rmSync(dir, { recursive: true, force: true });
  }
}
