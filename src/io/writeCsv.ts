import { createWriteStream, writeSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * A small streaming CSV writer: RFC 4180 quoting, CRLF-free `\n` line ends by default, formula-injection
 * protection for text cells, and backpressure-aware writes (memory stays bounded however many rows).
 * Usable by every CLI command that writes a CSV.
 *
 * @module
 */

/**
 * A write to an output file failed (disk full, an I/O error, a closed descriptor …): the message names the file and
 * the system error (`cannot write out/cases.csv: ENOSPC: no space left on device, write`); `cause` is that error and
 * `code` its code (`ENOSPC`) when it has one. Thrown by {@link writeFully} and by {@link CsvWriter} (for a writer made
 * by {@link CsvWriter.toFile}, or given `path`) instead of the bare system error, which names no file.
 */
export class OutputWriteError extends Error {
  override readonly name = 'OutputWriteError';
  readonly code: string | undefined;

  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot write ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    const code = (cause as { code?: unknown } | null | undefined)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

/**
 * Write `buf[0, end)` to `fd` with synchronous writes until every byte is written (a short write is continued); a
 * failing write throws an {@link OutputWriteError} naming `path`. `write` is `fs.writeSync` unless a test injects one.
 */
export function writeFully(fd: number, buf: Uint8Array, end: number, path: string, write: typeof writeSync = writeSync): void {
  try {
    for (let at = 0; at < end; ) at += write(fd, buf, at, end - at);
  } catch (e) {
    throw new OutputWriteError(path, e);
  }
}

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
 * Byte path of one cell, for writers that lay out a row's bytes themselves (`dip settle`'s case spill): a comma, then
 * `value` copied code unit by code unit at `out[at + 1]`, when `value` is written as it is by the rules of
 * {@link encodeCsvCell} with formula protection on (no `"`, `,`, CR, LF; no formula start unless it is a plain number
 * in a numeric column) and is ASCII — then its UTF-8 bytes are its code units; returns the end. `-1` for any other
 * cell (bytes after `at` may have been written: the caller drops them and encodes the row as text). `out` must hold
 * `value.length + 1` bytes from `at`. The same check and copy as {@link CsvWriter}'s own plain-row path
 * ({@link putPlainValue}); `tests/cli/caseSpillO8` and `writeCsv.bytes.equivalence` hold the two to the same bytes.
 *
 * Deliberately its own loop, not a call of {@link putPlainValue}: sharing the loop (`2560ca9`) made the spill's cell
 * copies take 0.53–0.64 s instead of 0.11–0.12 s of a 200k-row `dip settle` (CPU profiles, 3 runs each, load ~2;
 * ~2 µs per case, ~8 % of the run). The shared loop also sees the issue and hospital rows, whose Chinese text is
 * two-byte strings; this one sees only the spill's one-byte cells.
 */
export function putPlainCell(out: Uint8Array, at: number, value: string, numeric: boolean): number {
  let p = at;
  out[p++] = 44;
  const len = value.length;
  if (len === 0) return p;
  const c0 = value.charCodeAt(0);
  if (c0 <= 64 && isFormulaStart(c0) && !(numeric && PLAIN_NUMBER.test(value))) return -1;
  for (let k = 0; k < len; k++) {
    const c = value.charCodeAt(k);
    if (c > 127 || (c <= 44 && (c === 44 || c === 34 || c === 10 || c === 13))) return -1;
    out[p++] = c;
  }
  return p;
}

/**
 * `value` copied code unit by code unit at `out[at]` when it is written as it is (no `"`, `,`, CR, LF; ASCII; with
 * `protect`, no formula start unless a plain number in a `numeric` column): the end, else `-1` (bytes after `at` may
 * have been written). The cell check of {@link encodeCsvCell} for a cell that needs no quoting, on bytes.
 */
function putPlainValue(out: Uint8Array, at: number, value: string, numeric: boolean, protect: boolean): number {
  let p = at;
  const len = value.length;
  if (len === 0) return p;
  const c0 = value.charCodeAt(0);
  if (c0 <= 64 && protect && isFormulaStart(c0) && !(numeric && PLAIN_NUMBER.test(value))) return -1;
  for (let k = 0; k < len; k++) {
    const c = value.charCodeAt(k);
    if (c > 127 || (c <= 44 && (c === 44 || c === 34 || c === 10 || c === 13))) return -1;
    out[p++] = c;
  }
  return p;
}

/** Options of {@link CsvWriter}. */
export interface CsvWriterOptions extends CsvEncodeOptions {
  /** Flush once about this many UTF-16 characters are buffered (default 65,536). */
  readonly chunkBytes?: number;
  readonly lineEnd?: '\n' | '\r\n';
  /**
   * Hand the stream `Buffer` chunks (the UTF-8 bytes of the string chunks, flushed on the same rows) instead of
   * strings: the rows are written straight into a byte buffer (no string of the chunk to build and encode). Default
   * false; {@link CsvWriter.toFile} turns it on (a file holds the same bytes either way).
   */
  readonly byteChunks?: boolean;
  /**
   * The file written, for the message of a failed write: with it a stream error is thrown as an
   * {@link OutputWriteError} naming the file; without it, as the stream's own error. {@link CsvWriter.toFile} sets it.
   */
  readonly path?: string;
}

/**
 * Streaming CSV writer over a Node `Writable`: rows are encoded, buffered into chunks of about
 * `chunkBytes`, and each chunk is written respecting backpressure (`await` on `drain`).
 *
 * With `byteChunks` (files) a row goes straight into a byte buffer: a row of string cells that each are written as
 * they are (by the rules of {@link encodeCsvCell}) and are ASCII is copied code unit by code unit with its commas and line end, the
 * check and the copy in one pass (the encoder writes such a row as `cells.join(',')`, whose UTF-8 bytes are its code
 * units); any other row (a cell to quote or protect, a non-ASCII character, a non-string cell) and every
 * {@link CsvWriter.writeLine} is encoded as text and its UTF-8 bytes appended (`Buffer.write`, as `Buffer.from` of
 * the chunk would encode it: rows end with a line end, so no surrogate pair spans two rows, and a lone surrogate is
 * U+FFFD either way). The chunks flush on the same rows as the string chunks (the count is in UTF-16 characters).
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
  /** Byte chunks: the chunk being filled (`undefined` until the first row after a flush), its length in bytes. */
  private readonly byteChunks: boolean;
  private bytes: Buffer | undefined = undefined;
  private bytePos = 0;
  /** Byte chunks: the UTF-16 characters of the rows in `bytes` (the flush threshold counts these, as `buffer.length`). */
  private byteChars = 0;
  private readonly lineEndLf: boolean;
  /** The first error the stream emitted (kept by a listener: an `'error'` without one would end the process). */
  private failure: { readonly error: unknown } | undefined = undefined;
  private readonly path: string | undefined;

  constructor(
    private readonly stream: Writable,
    header: readonly string[] | undefined,
    options: CsvWriterOptions = {},
  ) {
    this.numericColumns = numericFlags(options.numericColumns);
    this.protect = options.formulaProtection ?? true;
    this.chunkChars = options.chunkBytes ?? 1 << 16;
    this.lineEnd = options.lineEnd ?? '\n';
    this.lineEndLf = this.lineEnd === '\n';
    this.byteChunks = options.byteChunks === true;
    this.path = options.path;
    stream.on('error', (error: unknown) => {
      this.failure ??= { error };
    });
    if (header !== undefined) {
      const line = encodeRowFlags(header, [], this.protect) + this.lineEnd;
      if (this.byteChunks) this.appendText(line);
      else this.buffer = line;
    }
  }

  /** Open a file for writing (truncating it) and write the header; byte chunks unless `byteChunks: false`. */
  static toFile(path: string, header: readonly string[] | undefined, options: CsvWriterOptions = {}): CsvWriter {
    return new CsvWriter(createWriteStream(path, { encoding: 'utf8' }), header, { byteChunks: true, path, ...options });
  }

  /**
   * Write one row. Returns a promise only when a chunk was handed to the stream (await it: it waits for
   * `drain` under backpressure); otherwise `undefined`, so a hot loop pays no promise per row:
   * `const p = w.writeRow(r); if (p) await p;`.
   */
  writeRow(cells: readonly string[]): Promise<void> | undefined {
    if (this.byteChunks) {
      if (!this.copyPlainRow(cells)) this.appendText(encodeRowFlags(cells, this.numericColumns, this.protect) + this.lineEnd);
      this.rowCount++;
      return this.byteChars >= this.chunkChars ? this.flush() : undefined;
    }
    this.buffer += encodeRowFlags(cells, this.numericColumns, this.protect) + this.lineEnd;
    this.rowCount++;
    return this.buffer.length >= this.chunkChars ? this.flush() : undefined;
  }

  /**
   * Write one line that is already CSV-encoded (e.g. a row copied from a file this writer's encoder produced, with
   * cells appended). Same buffering and return value as {@link CsvWriter.writeRow}.
   */
  writeLine(encoded: string): Promise<void> | undefined {
    if (this.byteChunks) {
      this.appendText(encoded + this.lineEnd);
      this.rowCount++;
      return this.byteChars >= this.chunkChars ? this.flush() : undefined;
    }
    this.buffer += encoded + this.lineEnd;
    this.rowCount++;
    return this.buffer.length >= this.chunkChars ? this.flush() : undefined;
  }

  /** Byte chunks: a buffer with room for `n` more bytes after `bytePos` (a new chunk, or the current one grown). */
  private room(n: number): Buffer {
    const b = this.bytes;
    if (b !== undefined && this.bytePos + n <= b.length) return b;
    const grown = Buffer.allocUnsafe(Math.max(this.chunkChars + 4096, 2 * (this.bytePos + n)));
    if (b !== undefined) b.copy(grown, 0, 0, this.bytePos);
    this.bytes = grown;
    return grown;
  }

  /**
   * Byte chunks: copy a row whose cells are all strings written as they are and ASCII, with its commas and line end;
   * `false` (nothing written) for any other row. A cell is written as it is when it holds no `"`, `,`, CR, LF and,
   * with formula protection, does not start with a formula character unless it is a plain number in a numeric column
   * (the rules of {@link encodeCsvCell}).
   */
  private copyPlainRow(cells: readonly string[]): boolean {
    const n = cells.length;
    let need = n + 1; // commas and a line end of up to two bytes
    for (let i = 0; i < n; i++) {
      const v = cells[i];
      if (typeof v !== 'string') return false;
      need += v.length;
    }
    const b = this.room(need);
    const numeric = this.numericColumns;
    let p = this.bytePos;
    const protect = this.protect;
    for (let i = 0; i < n; i++) {
      if (i > 0) b[p++] = 44;
      p = putPlainValue(b, p, cells[i]!, numeric[i] === true, protect);
      if (p < 0) return false;
    }
    if (!this.lineEndLf) b[p++] = 13;
    b[p++] = 10;
    this.byteChars += p - this.bytePos;
    this.bytePos = p;
    return true;
  }

  /**
   * Byte chunks: append the UTF-8 bytes of `text` (a whole encoded row with its line end; `Buffer.write`, with room
   * for 3 bytes per UTF-16 code unit, so never cut).
   */
  private appendText(text: string): void {
    const len = text.length;
    const b = this.room(3 * len);
    this.bytePos += b.write(text, this.bytePos, 'utf8');
    this.byteChars += len;
  }

  /** The stream's error as thrown by this writer: an {@link OutputWriteError} naming `path` when given. */
  private failed(error: unknown): Error {
    if (this.path !== undefined) return new OutputWriteError(this.path, error);
    return error instanceof Error ? error : new Error(String(error));
  }

  /** Throw the stream's error if it has emitted one (set by the `'error'` listener, at any time). */
  private check(): void {
    if (this.failure !== undefined) throw this.failed(this.failure.error);
  }

  /** Hand a chunk to the stream, awaiting `drain` when it asks for it; a stream that failed (before or now) throws. */
  private async put(chunk: Buffer | string): Promise<void> {
    this.check();
    if (!this.stream.write(chunk)) {
      try {
        await once(this.stream, 'drain'); // rejects on 'error'
      } catch (e) {
        throw this.failed(e);
      }
    }
  }

  /**
   * Write the buffered chunk now (awaiting `drain` when the stream asks for it). Once the stream has emitted an error
   * (a failed write of an earlier chunk: disk full …), this and every later flush / close rejects with it — an
   * {@link OutputWriteError} naming the file for a writer with `path`.
   */
  async flush(): Promise<void> {
    this.check();
    if (this.byteChunks) {
      if (this.byteChars === 0) return;
      const chunk = this.bytes!.subarray(0, this.bytePos);
      this.charCount += this.byteChars;
      this.bytes = undefined;
      this.bytePos = 0;
      this.byteChars = 0;
      await this.put(chunk);
      return;
    }
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    this.charCount += chunk.length;
    await this.put(chunk);
  }

  /**
   * Flush, end the stream and wait until it is finished (rejects as {@link CsvWriter.flush} once the stream failed).
   * Returns the data rows and the bytes written (the
   * stream's `bytesWritten` when it has one, as a file stream does; else the UTF-16 characters written).
   */
  async close(): Promise<{ rows: number; bytes: number }> {
    await this.flush();
    this.check(); // a failed stream never finishes
    const finished = once(this.stream, 'finish');
    this.stream.end();
    try {
      await finished; // rejects on 'error' (a failed last write)
    } catch (e) {
      throw this.failed(e);
    }
    this.check();
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
