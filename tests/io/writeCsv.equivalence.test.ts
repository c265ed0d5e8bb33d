import { describe, expect } from 'vitest';
import { it, test } from '@fast-check/vitest';
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { once } from 'node:events';
import { CsvWriter, encodeCsvCell, encodeCsvRow } from '../../src/io/writeCsv.js';
import type { CsvEncodeOptions } from '../../src/io/writeCsv.js';

// The reference: the regex encoder and the array-buffered writer of src/io/writeCsv.ts before the charCode scan
// (commit 25c6084), copied verbatim.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;
const NEEDS_WORK = /^[=+\-@\t\r]|[",\r\n]/;
function encodeCsvCellV0(value: string, numeric = false, formulaProtection = true): string {
  if (!NEEDS_WORK.test(value)) return value;
  let v = value;
  if (formulaProtection && FORMULA_START.test(v) && !(numeric && PLAIN_NUMBER.test(v))) v = `'${v}`;
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
function encodeCsvRowV0(cells: readonly string[], options: CsvEncodeOptions = {}): string {
  const numeric = options.numericColumns;
  const protect = options.formulaProtection ?? true;
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? '';
    const enc = encodeCsvCellV0(cell, numeric !== undefined && numeric.has(i), protect);
    line = i === 0 ? enc : `${line},${enc}`;
  }
  return line;
}
class CsvWriterV0 {
  private buffer: string[] = [];
  private bufferedChars = 0;
  private readonly numericColumns: ReadonlySet<number>;
  private readonly protect: boolean;
  private readonly chunkChars: number;
  private readonly lineEnd: string;
  constructor(
    private readonly stream: Writable,
    header: readonly string[] | undefined,
    options: CsvEncodeOptions & { readonly chunkBytes?: number; readonly lineEnd?: '\n' | '\r\n' } = {},
  ) {
    this.numericColumns = options.numericColumns ?? new Set();
    this.protect = options.formulaProtection ?? true;
    this.chunkChars = options.chunkBytes ?? 1 << 16;
    this.lineEnd = options.lineEnd ?? '\n';
    if (header !== undefined) this.push(encodeCsvRowV0(header, { formulaProtection: this.protect }));
  }
  private push(line: string): void {
    this.buffer.push(line, this.lineEnd);
    this.bufferedChars += line.length + this.lineEnd.length;
  }
  writeRow(cells: readonly string[]): Promise<void> | undefined {
    this.push(encodeCsvRowV0(cells, { numericColumns: this.numericColumns, formulaProtection: this.protect }));
    return this.bufferedChars >= this.chunkChars ? this.flush() : undefined;
  }
  writeLine(encoded: string): Promise<void> | undefined {
    this.push(encoded);
    return this.bufferedChars >= this.chunkChars ? this.flush() : undefined;
  }
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.bufferedChars = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    const finished = once(this.stream, 'finish');
    this.stream.end();
    await finished;
  }
}

/** Cells rich in the characters that matter: quotes, commas, CR, LF, formula starts, digits, non-ASCII, empty. */
const cell: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom('"', ',', '\r', '\n', '=', '+', '-', '@', '\t', '.', '0', '7', 'a', 'Z', ' ', "'", '病', '例', '\u00e9', '\u2028', '\ud83d\ude00', '\u0000'), { maxLength: 8 }).map((a) => a.join('')),
  fc.stringMatching(/^[-+=@]?\d{1,6}(\.\d{0,3})?$/),
  fc.string({ maxLength: 10, unit: 'grapheme' }),
  fc.constant(''),
);
const row = fc.array(cell, { maxLength: 12 });
const numericSet = fc.uniqueArray(fc.integer({ min: 0, max: 13 }), { maxLength: 8 }).map((a) => new Set(a));

/** A Writable that records every chunk and asks for `drain` after every write (the strictest backpressure). */
function recorder(highWaterMark: number): { stream: Writable; chunks: string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string | Buffer, _enc, cb) {
      chunks.push(String(chunk));
      setImmediate(cb);
    },
  });
  return { stream, chunks };
}

describe('CsvWriter / encodeCsvCell: the charCode scan equals the regex encoder (reference copy of 25c6084)', () => {
  test.prop([cell, fc.boolean(), fc.boolean()], { seed: 42, numRuns: 20000 })('one cell, numeric or not, protected or not', (value, numeric, protect) => {
    expect(encodeCsvCell(value, numeric, protect)).toBe(encodeCsvCellV0(value, numeric, protect));
  });

  test.prop([row, numericSet, fc.option(fc.boolean(), { nil: undefined })], { seed: 43, numRuns: 5000 })('one row with numeric columns', (cells, numeric, protect) => {
    const options = protect === undefined ? { numericColumns: numeric } : { numericColumns: numeric, formulaProtection: protect };
    expect(encodeCsvRow(cells, options)).toBe(encodeCsvRowV0(cells, options));
  });

  test.prop([fc.array(fc.option(cell, { nil: undefined }), { maxLength: 12 }), fc.array(fc.oneof(fc.constant(null), fc.constant(undefined), cell), { maxLength: 6 }), numericSet], {
    seed: 45,
    numRuns: 3000,
  })('rows with undefined / null cells and holes (written as empty cells)', (withUndefined, withNull, numeric) => {
    const sparse = [...withUndefined];
    if (sparse.length > 2) delete sparse[1];
    for (const cells of [withUndefined, withNull as string[], sparse] as string[][]) {
      expect(encodeCsvRow(cells, { numericColumns: numeric })).toBe(encodeCsvRowV0(cells, { numericColumns: numeric }));
    }
  });

  it('every single UTF-16 code unit, first and later, numeric and not', () => {
    const mismatches: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const v of [ch, `${ch}1`, `1${ch}`, `${ch}${ch}`, `${ch}12.5`]) {
        for (const numeric of [false, true]) if (encodeCsvCell(v, numeric) !== encodeCsvCellV0(v, numeric)) mismatches.push(`${c}:${JSON.stringify(v)}:${numeric}`);
        const cells = ['1', v, 'x', v];
        for (const numericColumns of [new Set<number>(), new Set([1, 3])]) {
          if (encodeCsvRow(cells, { numericColumns }) !== encodeCsvRowV0(cells, { numericColumns })) mismatches.push(`row ${c}:${JSON.stringify(v)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  test.prop(
    [fc.option(row, { nil: undefined }), fc.array(fc.oneof(row.map((r) => ({ row: r })), fc.string({ maxLength: 20 }).map((l) => ({ line: l }))), { maxLength: 60 }), numericSet, fc.integer({ min: 1, max: 300 }), fc.constantFrom('\n', '\r\n') as fc.Arbitrary<'\n' | '\r\n'>, fc.integer({ min: 1, max: 64 })],
    { seed: 44, numRuns: 400 },
  )('the writer hands the stream the same chunks and flushes on the same rows', async (header, items, numeric, chunkBytes, lineEnd, hwm) => {
    const a = recorder(hwm);
    const b = recorder(hwm);
    const options = { numericColumns: numeric, chunkBytes, lineEnd };
    const w = new CsvWriter(a.stream, header, options);
    const v0 = new CsvWriterV0(b.stream, header, options);
    for (const item of items) {
      const p = 'row' in item ? w.writeRow(item.row) : w.writeLine(item.line);
      const q = 'row' in item ? v0.writeRow(item.row) : v0.writeLine(item.line);
      expect(p === undefined).toBe(q === undefined);
      if (p !== undefined) await p;
      if (q !== undefined) await q;
    }
    await w.close();
    await v0.close();
    expect(a.chunks).toEqual(b.chunks);
  });
});
