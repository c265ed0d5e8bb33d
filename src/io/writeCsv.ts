import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * A small streaming CSV writer: RFC 4180 quoting, CRLF-free `\n` line ends by default, formula-injection
 * protection for text cells, and backpressure-aware writes (memory stays bounded however many rows).
 * Usable by every CLI command that writes a CSV.
 *
 * @module
 */

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection): `=`, `+`, `-`, `@`, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number: never formula-protected in a numeric column (so `-12.50` stays a number). */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;
/** Either of the above: a cell that matches neither is written as is. */
const NEEDS_WORK = /^[=+\-@\t\r]|[",\r\n]/;

/** Options of {@link encodeCsvRow} and {@link CsvWriter}. */
export interface CsvEncodeOptions {
  /**
   * Column indexes holding numbers: a plain decimal number there (`-12.50`) is written as is; anything
   * else in them is protected like text. Default none.
   */
  readonly numericColumns?: ReadonlySet<number>;
  /** Prefix text cells starting with `=`, `+`, `-`, `@`, tab or CR with `'`. Default true. */
  readonly formulaProtection?: boolean;
}

/**
 * Encode one cell: formula protection (text cells), then RFC 4180 quoting when the cell holds `"`, `,`,
 * CR or LF (inner quotes doubled).
 *
 * @example
 * ```ts
 * encodeCsvCell('a,b');            // '"a,b"'
 * encodeCsvCell('=SUM(A1)');       // "'=SUM(A1)"
 * encodeCsvCell('-12.50', true);   // '-12.50' (numeric column)
 * encodeCsvCell('say "hi"');       // '"say ""hi"""'
 * ```
 */
export function encodeCsvCell(value: string, numeric = false, formulaProtection = true): string {
  if (!NEEDS_WORK.test(value)) return value; // fast path: most cells
  let v = value;
  if (formulaProtection && FORMULA_START.test(v) && !(numeric && PLAIN_NUMBER.test(v))) v = `'${v}`;
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Encode a row as one CSV line (no line end).
 *
 * @example
 * ```ts
 * encodeCsvRow(['H1', '-5.00', '@x'], { numericColumns: new Set([1]) }); // "H1,-5.00,'@x"
 * ```
 */
export function encodeCsvRow(cells: readonly string[], options: CsvEncodeOptions = {}): string {
  const numeric = options.numericColumns;
  const protect = options.formulaProtection ?? true;
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? '';
    const enc = encodeCsvCell(cell, numeric !== undefined && numeric.has(i), protect);
    line = i === 0 ? enc : `${line},${enc}`;
  }
  return line;
}

/**
 * Streaming CSV writer over a Node `Writable`: rows are encoded, buffered into chunks of about
 * `chunkBytes`, and each chunk is written respecting backpressure (`await` on `drain`).
 *
 * @example
 * ```ts
 * const w = CsvWriter.toFile('/tmp/out.csv', ['a', 'b']);
 * await w.writeRow(['1', 'x,y']);   // awaiting undefined is fine
 * await w.close(); // { rows: 1, bytes: 12 }
 * ```
 */
export class CsvWriter {
  private buffer: string[] = [];
  private bufferedChars = 0;
  private rowCount = 0;
  private charCount = 0;
  private readonly numericColumns: ReadonlySet<number>;
  private readonly protect: boolean;

  constructor(
    private readonly stream: Writable,
    header: readonly string[] | undefined,
    options: CsvEncodeOptions & { readonly chunkBytes?: number; readonly lineEnd?: '\n' | '\r\n' } = {},
  ) {
    this.numericColumns = options.numericColumns ?? new Set();
    this.protect = options.formulaProtection ?? true;
    this.chunkChars = options.chunkBytes ?? 1 << 16;
    this.lineEnd = options.lineEnd ?? '\n';
    if (header !== undefined) this.push(encodeCsvRow(header, { formulaProtection: this.protect }));
  }

  private readonly chunkChars: number;
  private readonly lineEnd: string;

  /** Open a file for writing (truncating it) and write the header. */
  static toFile(path: string, header: readonly string[] | undefined, options: CsvEncodeOptions & { readonly chunkBytes?: number } = {}): CsvWriter {
    return new CsvWriter(createWriteStream(path, { encoding: 'utf8' }), header, options);
  }

  private push(line: string): void {
    this.buffer.push(line, this.lineEnd);
    this.bufferedChars += line.length + this.lineEnd.length;
  }

  /**
   * Write one row. Returns a promise only when a chunk was handed to the stream (await it: it waits for
   * `drain` under backpressure); otherwise `undefined`, so a hot loop pays no promise per row:
   * `const p = w.writeRow(r); if (p) await p;`.
   */
  writeRow(cells: readonly string[]): Promise<void> | undefined {
    this.push(encodeCsvRow(cells, { numericColumns: this.numericColumns, formulaProtection: this.protect }));
    this.rowCount++;
    return this.bufferedChars >= this.chunkChars ? this.flush() : undefined;
  }

  /**
   * Write one line that is already CSV-encoded (e.g. a row copied from a file this writer's encoder produced, with
   * cells appended). Same buffering and return value as {@link CsvWriter.writeRow}.
   */
  writeLine(encoded: string): Promise<void> | undefined {
    this.push(encoded);
    this.rowCount++;
    return this.bufferedChars >= this.chunkChars ? this.flush() : undefined;
  }

  /** Write the buffered chunk now (awaiting `drain` when the stream asks for it). */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.bufferedChars = 0;
    this.charCount += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /**
   * Flush, end the stream and wait until it is finished. Returns the data rows and the bytes written (the
   * stream's `bytesWritten` when it has one, as a file stream does; else the UTF-16 characters written).
   */
  async close(): Promise<{ rows: number; bytes: number }> {
    await this.flush();
    const finished = once(this.stream, 'finish');
    this.stream.end();
    await finished;
    const written = (this.stream as { bytesWritten?: unknown }).bytesWritten;
    return { rows: this.rowCount, bytes: typeof written === 'number' ? written : this.charCount };
  }
}

/**
 * Write rows (sync or async iterable) to a CSV file with a header, streaming.
 *
 * @example
 * ```ts
 * await writeCsvFile('/tmp/h.csv', ['id', 'name'], [['1', 'A']]); // { rows: 1, bytes: … }
 * ```
 */
export async function writeCsvFile(
  path: string,
  header: readonly string[],
  rows: Iterable<readonly string[]> | AsyncIterable<readonly string[]>,
  options: CsvEncodeOptions = {},
): Promise<{ rows: number; bytes: number }> {
  const w = CsvWriter.toFile(path, header, options);
  if (Symbol.asyncIterator in rows) {
    for await (const r of rows) {
      const p = w.writeRow(r);
      if (p !== undefined) await p;
    }
  } else {
    for (const r of rows) {
      const p = w.writeRow(r);
      if (p !== undefined) await p;
    }
  }
  return w.close();
}
