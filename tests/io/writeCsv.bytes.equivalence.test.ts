/**
 * The byte chunks of `CsvWriter` (`byteChunks`, the default of `CsvWriter.toFile`) against the writer at c646df2
 * (`tests/io/reference/writeCsv.v1.ts`, string chunks): on random rows — cells with commas, quotes, CR / LF, formula
 * starts, negative and plain numbers in numeric and text columns, non-ASCII, surrogate pairs and lone surrogates,
 * `null` / `undefined` / number cells, holes — and pre-encoded lines, with random numeric columns, formula protection,
 * line ends and chunk sizes: each chunk handed to the stream is the UTF-8 encoding of the reference's string chunk
 * (what a file receives), the flushes come on the same rows (a promise returned by the same calls), and `close()`
 * reports the same row count; through files, the same bytes and `bytes` count.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvWriter } from '../../src/io/writeCsv.js';
import { CsvWriter as CsvWriterV1 } from './reference/writeCsv.v1.js';

/** Cells rich in what matters: CSV specials, formula starts, numbers, non-ASCII, surrogates (paired and lone). */
const cell: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom('"', ',', '\r', '\n', '=', '+', '-', '@', '\t', '.', '0', '7', 'a', 'Z', ' ', "'", '病', '例', '\u00e9', '\u007f', '\u0080', '\u00ff', '\u2028', '\ud83d\ude00', '\ud83d', '\ude00', '\u0000', '\ufffd'), { maxLength: 8 }).map((a) => a.join('')) },
  { weight: 3, arbitrary: fc.stringMatching(/^[-+=@]?\d{1,6}(\.\d{0,3})?$/) },
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9_.:|/ ]{0,12}$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.constant('') },
);
/** Mostly string cells; sometimes `null`, `undefined` or a number (outside the types: written as their text). */
const anyCell: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: cell },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, -5, 12.5, 0) as fc.Arbitrary<unknown> as fc.Arbitrary<string> },
);
const row = fc.array(anyCell, { maxLength: 14 }).map((r) => {
  if (r.length > 3 && r[0] === '') delete r[2]; // a hole now and then
  return r;
});
const numericSet = fc.uniqueArray(fc.integer({ min: 0, max: 13 }), { maxLength: 8 }).map((a) => new Set(a));

/** A Writable that records every chunk as its UTF-8 bytes and asks for `drain` after every write (strictest). */
function recorder(highWaterMark: number): { stream: Writable; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string | Buffer, _enc, cb) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
      setImmediate(cb);
    },
  });
  return { stream, chunks };
}

describe('CsvWriter byte chunks = the string writer of c646df2, as UTF-8', () => {
  it('same chunk bytes, same flushing rows, same row count (fixed seed, 1500 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(row, { nil: undefined }),
        fc.array(fc.oneof({ weight: 5, arbitrary: row.map((r) => ({ row: r })) }, { weight: 1, arbitrary: cell.map((l) => ({ line: l })) }), { maxLength: 60 }),
        numericSet,
        fc.option(fc.boolean(), { nil: undefined }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom('\n', '\r\n') as fc.Arbitrary<'\n' | '\r\n'>,
        fc.integer({ min: 1, max: 64 }),
        async (header, items, numeric, protect, chunkBytes, lineEnd, hwm) => {
          const a = recorder(hwm);
          const b = recorder(hwm);
          const options = { numericColumns: numeric, chunkBytes, lineEnd, ...(protect === undefined ? {} : { formulaProtection: protect }) };
          const w = new CsvWriter(a.stream, header, { ...options, byteChunks: true });
          const v1 = new CsvWriterV1(b.stream, header, options);
          for (const item of items) {
            const p = 'row' in item ? w.writeRow(item.row) : w.writeLine(item.line);
            const q = 'row' in item ? v1.writeRow(item.row) : v1.writeLine(item.line);
            expect(p === undefined).toBe(q === undefined);
            if (p !== undefined) await p;
            if (q !== undefined) await q;
          }
          const [ra, rb] = [await w.close(), await v1.close()];
          expect(ra.rows).toBe(rb.rows);
          expect(a.chunks.map((c) => c.toString('hex'))).toEqual(b.chunks.map((c) => c.toString('hex')));
        },
      ),
      { seed: 20261207, numRuns: 1500 },
    );
  }, 120_000);

  it('every single UTF-16 code unit, first and later, in numeric and text columns', async () => {
    const a = recorder(1 << 24);
    const b = recorder(1 << 24);
    const options = { numericColumns: new Set([1, 3]), chunkBytes: 4096 };
    const w = new CsvWriter(a.stream, undefined, { ...options, byteChunks: true });
    const v1 = new CsvWriterV1(b.stream, undefined, options);
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const cells of [['1', ch, 'x', `${ch}1`], [`${ch}12.5`, `1${ch}`, `${ch}${ch}`, '-3']]) {
        const p = w.writeRow(cells);
        if (p !== undefined) await p;
        const q = v1.writeRow(cells);
        if (q !== undefined) await q;
      }
    }
    await w.close();
    await v1.close();
    expect(Buffer.concat(a.chunks).equals(Buffer.concat(b.chunks))).toBe(true);
    expect(a.chunks.length).toBe(b.chunks.length);
  });

  it('rows longer than a chunk, ASCII and 3-byte characters, rows and lines', async () => {
    const a = recorder(1 << 24);
    const b = recorder(1 << 24);
    const w = new CsvWriter(a.stream, ['h'], { byteChunks: true });
    const v1 = new CsvWriterV1(b.stream, ['h'], {});
    const long = ['x'.repeat(70_000), '病'.repeat(40_000), `a${'例'.repeat(30_000)}\ud800`, '病'.repeat(25_000)];
    for (const t of long) {
      for (const [p, q] of [[w.writeRow([t, '1', t]), v1.writeRow([t, '1', t])], [w.writeLine(t), v1.writeLine(t)]]) {
        expect(p === undefined).toBe(q === undefined);
        if (p !== undefined) await p;
        if (q !== undefined) await q;
      }
    }
    await w.close();
    await v1.close();
    expect(a.chunks.map((c) => c.toString('hex'))).toEqual(b.chunks.map((c) => c.toString('hex')));
  });

  it('literal rows: plain ASCII copied, specials encoded, lone surrogate as U+FFFD', async () => {
    const a = recorder(1 << 20);
    const w = new CsvWriter(a.stream, ['n', 'x'], { numericColumns: new Set([0]), byteChunks: true });
    w.writeRow(['-12.50', 'H1']);
    w.writeRow(['-1e5', '=SUM(A1)']);
    w.writeRow(['7', 'a,"b"']);
    w.writeRow(['8', '病例\ud83d']);
    w.writeLine('9,x');
    await w.close();
    expect(Buffer.concat(a.chunks).toString('utf8')).toBe('n,x\n-12.50,H1\n\'-1e5,\'=SUM(A1)\n7,"a,""b"""\n8,病例\ufffd\n9,x\n');
  });

  it('CsvWriter.toFile writes the bytes the c646df2 writer writes, and reports the same byte count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'h1-bytes-'));
    try {
      const rows = fc.sample(row, { seed: 7, numRuns: 3000 });
      const options = { numericColumns: new Set([0, 3]), chunkBytes: 997 };
      const w = CsvWriter.toFile(join(dir, 'new.csv'), ['a', 'b', 'c', 'd'], options);
      const v1 = CsvWriterV1.toFile(join(dir, 'old.csv'), ['a', 'b', 'c', 'd'], options);
      for (const r of rows) {
        const p = w.writeRow(r);
        if (p !== undefined) await p;
        const q = v1.writeRow(r);
        if (q !== undefined) await q;
      }
      expect(await w.close()).toStrictEqual(await v1.close());
      expect(readFileSync(join(dir, 'new.csv')).equals(readFileSync(join(dir, 'old.csv')))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
