/**
 * FROZEN REFERENCE COPY of `src/io/writeCsv.ts` at c646df2 (before the byte chunks of `CsvWriter.toFile`: string
 * chunks, every row through `encodeRowFlags`). Used by `tests/io/writeCsv.bytes.equivalence.test.ts`,
 * `tests/cli/caseRows.equivalence.test.ts` and `bench/h1-*.ts`. Do not edit.
 */
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

/** A plain number: never formula-protected in a numeric column (so `-12.50` stays a number). */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const QUOTE_RE = /"/g;

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
 * Whether a character code starts a formula (OWASP CSV injection): `=` (61), `+` (43), `-` (45), `@` (64),
 * tab (9), CR (13).
 */
function isFormulaStart(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/**
 * Whether a cell needs RFC 4180 quotes: it holds `"` (34), `,` (44), CR (13) or LF (10). One charCode scan; every
 * code above 44 is passed by a single comparison.
 */
function needsQuotes(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 44 && (c === 44 || c === 34 || c === 10 || c === 13)) return true;
  }
  return false;
}

/** The rare cells that need work: formula protection, then quoting (inner quotes doubled). */
function encodeSpecial(value: string, formula: boolean, quote: boolean, numeric: boolean, formulaProtection: boolean): string {
  const v = formulaProtection && formula && !(numeric && PLAIN_NUMBER.test(value)) ? `'${value}` : value;
  return quote ? `"${v.replace(QUOTE_RE, '""')}"` : v;
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
  if (value.length === 0) return value;
  const formula = isFormulaStart(value.charCodeAt(0));
  const quote = needsQuotes(value);
  return formula || quote ? encodeSpecial(value, formula, quote, numeric, formulaProtection) : value; // most cells: as is
}

/**
 * A row whose cells all need no work, joined: `cells.join(',')` (one flat string, cheap to buffer and write) when no
 * cell starts with a formula character and the joined line holds no `"`, CR or LF and exactly `cells.length − 1`
 * commas (so no cell holds a comma and each cell starts right after a comma); `undefined` otherwise. `join` writes
 * `null` / `undefined` / holes as `''`, as `cells[i] ?? ''` does. One scan of the line: every code above 64 (`@`) is
 * passed by one comparison.
 */
function joinPlainRow(cells: readonly string[]): string | undefined {
  const line = cells.join(',');
  let commas = 0;
  let start = true; // at the first character of a cell
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c <= 64) {
      if (c === 44) {
        commas++;
        start = true;
        continue;
      }
      if (c === 34 || c === 10 || c === 13 || (start && isFormulaStart(c))) return undefined;
    }
    start = false;
  }
  return commas === cells.length - 1 ? line : undefined;
}

/** {@link encodeCsvRow} with the numeric columns as flags by index (the writer's hot loop: no Set lookup per cell). */
function encodeRowFlags(cells: readonly string[], numeric: readonly boolean[], protect: boolean): string {
  const joined = joinPlainRow(cells);
  if (joined !== undefined) return joined; // most rows
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const enc = encodeCsvCell(cellText(cells[i]), numeric[i] === true, protect);
    line = i === 0 ? enc : `${line},${enc}`;
  }
  return line;
}

/** A cell as text: `null` / `undefined` as `''`; a non-string (outside the types) as its string, as a template would. */
function cellText(cell: string | null | undefined): string {
  return cell === undefined || cell === null ? '' : typeof cell === 'string' ? cell : String(cell);
}

/** The numeric column set as flags by index. */
function numericFlags(numeric: ReadonlySet<number> | undefined): boolean[] {
  const flags: boolean[] = [];
  if (numeric !== undefined) for (const i of numeric) if (Number.isInteger(i) && i >= 0) flags[i] = true;
  return flags;
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
  const joined = joinPlainRow(cells);
  if (joined !== undefined) return joined; // most rows
  const numeric = options.numericColumns;
  const protect = options.formulaProtection ?? true;
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const enc = encodeCsvCell(cellText(cells[i]), numeric !== undefined && numeric.has(i), protect);
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
  /** The rows not yet handed to the stream, as one string (V8 appends to it without copying). */
  private buffer = '';
  private rowCount = 0;
  private charCount = 0;
  private readonly numericColumns: readonly boolean[];
  private readonly protect: boolean;
  private readonly chunkChars: number;
  private readonly lineEnd: string;

  constructor(
    private readonly stream: Writable,
    header: readonly string[] | undefined,
    options: CsvEncodeOptions & { readonly chunkBytes?: number; readonly lineEnd?: '\n' | '\r\n' } = {},
  ) {
    this.numericColumns = numericFlags(options.numericColumns);
    this.protect = options.formulaProtection ?? true;
    this.chunkChars = options.chunkBytes ?? 1 << 16;
    this.lineEnd = options.lineEnd ?? '\n';
    if (header !== undefined) this.buffer = encodeRowFlags(header, [], this.protect) + this.lineEnd;
  }

  /** Open a file for writing (truncating it) and write the header. */
  static toFile(path: string, header: readonly string[] | undefined, options: CsvEncodeOptions & { readonly chunkBytes?: number } = {}): CsvWriter {
    return new CsvWriter(createWriteStream(path, { encoding: 'utf8' }), header, options);
  }

  /**
   * Write one row. Returns a promise only when a chunk was handed to the stream (await it: it waits for
   * `drain` under backpressure); otherwise `undefined`, so a hot loop pays no promise per row:
   * `const p = w.writeRow(r); if (p) await p;`.
   */
  writeRow(cells: readonly string[]): Promise<void> | undefined {
    this.buffer += encodeRowFlags(cells, this.numericColumns, this.protect) + this.lineEnd;
    this.rowCount++;
    return this.buffer.length >= this.chunkChars ? this.flush() : undefined;
  }

  /**
   * Write one line that is already CSV-encoded (e.g. a row copied from a file this writer's encoder produced, with
   * cells appended). Same buffering and return value as {@link CsvWriter.writeRow}.
   */
  writeLine(encoded: string): Promise<void> | undefined {
    this.buffer += encoded + this.lineEnd;
    this.rowCount++;
    return this.buffer.length >= this.chunkChars ? this.flush() : undefined;
  }

  /** Write the buffered chunk now (awaiting `drain` when the stream asks for it). */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
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
