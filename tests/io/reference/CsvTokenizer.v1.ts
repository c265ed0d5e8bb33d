/**
 * Reference copy of `src/io/CsvTokenizer.ts` as of commit c646df2 (before the `onLine` fast path for the line reader),
 * with imports pointing at `src/`. Used by `readRecords.v2`, the equality property tests and bench/h2-parse-ab.ts; never edit
 * except to follow moved imports.
 */
import { RecordsReadError } from '../../../src/io/RecordsReadError.js';

/** One CSV record: its cells and the 1-based physical line it starts on. */
export interface CsvRow {
  readonly cells: string[];
  readonly line: number;
  /** Set when a closing quote was followed by other characters (`"ab"c`); those characters are kept. */
  readonly strayQuote?: boolean;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Count line breaks (`\n`, `\r\n`, lone `\r`) in `s[from, to)`. */
function countBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && s.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

/**
 * A streaming RFC 4180 CSV tokenizer over decoded text (comma-separated, `"` quoting with `""` escapes), written
 * for exact physical line numbers: every row carries the line it starts on, and quoted line breaks count as lines.
 * Line breaks may be `\n`, `\r\n` or a lone `\r`, mixed. Text may arrive in chunks split anywhere. A quote inside an
 * unquoted cell (`ab"c`) is kept literally; characters after a closing quote (`"ab"c`) set `strayQuote`.
 *
 * Blank lines (empty or white space only, unquoted) are skipped: they are not records. A line holding `""` is a
 * record of one empty cell. Fatal problems throw
 * {@link RecordsReadError}: a NUL character (`csv.binary`), a quote still open at the end of input
 * (`csv.unclosed_quote`, naming the line where it opened), a record longer than `maxRecordChars`
 * (`csv.record_too_long`). Bounded memory: only the unfinished record is buffered.
 *
 * @example
 * ```ts
 * const rows: CsvRow[] = [];
 * const t = new CsvTokenizer();
 * t.push('a,b\n1,"x\ny"\n2,', (r) => rows.push(r));
 * t.push('3\n', (r) => rows.push(r));
 * t.end((r) => rows.push(r));
 * rows.map((r) => [r.line, r.cells]); // [[1, ['a','b']], [2, ['1','x\ny']], [4, ['2','3']]]
 * ```
 */
export class CsvTokenizer {
  private buf = '';
  /** Physical line of `buf[0]`. */
  private line: number;
  private readonly maxRecordChars: number;
  /** True when the input ended with a record that had no final line break. */
  private unterminated = false;

  /**
   * `maxRecordChars`: longest record accepted, in characters (default 1,000,000). `startLine`: physical line of
   * the first character pushed (default 1) — for text cut from the middle of a file at a record boundary, so rows
   * and errors name the file's lines.
   */
  constructor(options: { readonly maxRecordChars?: number; readonly startLine?: number } = {}) {
    this.maxRecordChars = options.maxRecordChars ?? 1_000_000;
    this.line = options.startLine ?? 1;
  }

  /** Feed decoded text; complete records go to `onRow`. */
  push(text: string, onRow: (row: CsvRow) => void): void {
    const nul = text.indexOf('\0');
    if (nul !== -1) {
      // Count over the joined text: a `\r` ending the buffer and a `\n` starting the chunk are one break, not two.
      const upToNul = this.buf + text.slice(0, nul);
      const line = this.line + countBreaks(upToNul, 0, upToNul.length);
      throw new RecordsReadError('csv.binary', 'NUL character found: this is not a text CSV file (binary data?)', line);
    }
    this.buf = this.buf === '' ? text : this.buf + text;
    this.scan(false, onRow);
  }

  /** Signal the end of input; the last record may lack a line break. */
  end(onRow: (row: CsvRow) => void): void {
    this.scan(true, onRow);
  }

  /**
   * Physical lines consumed so far (the line the next record would start on, minus one) — counted from line 1,
   * so with a `startLine` it is the last line consumed, not the number of lines pushed.
   */
  get linesRead(): number {
    return this.line - (this.unterminated ? 0 : 1);
  }

  private scan(final: boolean, onRow: (row: CsvRow) => void): void {
    const s = this.buf;
    const n = s.length;
    let p = 0;
    let line = this.line;
    let openQuoteLine: number | undefined;
    // Fast path for a record on one line without quotes (most of them): `split(',')` of the line. The next quote
    // and the next `\r` at or after `p` are cached (-1: none left in the buffer; -2: not looked up yet), so the
    // lookups stay linear in the buffer.
    let nextQuote = -2;
    let nextCr = -2;
    records: while (p < n) {
      const startLine = line;
      const nl = s.indexOf('\n', p);
      if (nl !== -1) {
        if (nextQuote !== -1 && nextQuote < p) nextQuote = s.indexOf('"', p);
        if (nextCr !== -1 && nextCr < p) nextCr = s.indexOf('\r', p);
        const end = nextCr !== -1 && nextCr === nl - 1 ? nl - 1 : nl;
        if ((nextQuote === -1 || nextQuote > nl) && (nextCr === -1 || nextCr >= end)) {
          if (nl + 1 - p > this.maxRecordChars) {
            throw new RecordsReadError('csv.record_too_long', `a record longer than ${this.maxRecordChars} characters starts here`, startLine);
          }
          const text = s.slice(p, end);
          p = nl + 1;
          line++;
          if (text.indexOf(',') === -1 && text.trim() === '') continue;
          onRow({ cells: text.split(','), line: startLine });
          continue;
        }
      }
      let i = p;
      let cur = line;
      const cells: string[] = [];
      let stray = false;
      let quoted = false;
      for (;;) {
        if (i < n && s.charCodeAt(i) === QUOTE) {
          quoted = true;
          const openLine = cur;
          i++;
          let value = '';
          let seg = i;
          for (;;) {
            const q = s.indexOf('"', i);
            if (q === -1 || (q + 1 >= n && !final)) {
              if (final) throw new RecordsReadError('csv.unclosed_quote', `a quoted field opened at line ${openLine} is never closed (unbalanced quotes)`, openLine);
              openQuoteLine = openLine;
              break records;
            }
            cur += countBreaks(s, i, q);
            if (s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(seg, q + 1);
              i = q + 2;
              seg = i;
              continue;
            }
            value += s.slice(seg, q);
            i = q + 1;
            break;
          }
          let j = i;
          while (j < n) {
            const c = s.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          if (j > i) {
            stray = true;
            value += s.slice(i, j);
          }
          i = j;
          cells.push(value);
        } else {
          let j = i;
          while (j < n) {
            const c = s.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          cells.push(s.slice(i, j));
          i = j;
        }
        if (i >= n) {
          if (!final) break records;
          this.unterminated = true;
          break;
        }
        const c = s.charCodeAt(i);
        if (c === COMMA) {
          i++;
          continue;
        }
        if (c === CR) {
          if (i + 1 >= n && !final) break records;
          i += s.charCodeAt(i + 1) === LF ? 2 : 1;
        } else {
          i++;
        }
        cur++;
        break;
      }
      if (i - p > this.maxRecordChars) {
        // The same limit whether the record arrived in one chunk or in many (the leftover check below).
        throw new RecordsReadError('csv.record_too_long', `a record longer than ${this.maxRecordChars} characters starts here`, startLine);
      }
      p = i;
      line = cur;
      if (cells.length === 1 && !quoted && cells[0]!.trim() === '') continue;
      onRow(stray ? { cells, line: startLine, strayQuote: true } : { cells, line: startLine });
    }
    this.line = line;
    this.buf = p >= n ? '' : s.slice(p);
    if (this.buf.length > this.maxRecordChars) {
      const detail =
        openQuoteLine === undefined
          ? `a record longer than ${this.maxRecordChars} characters starts here`
          : `a quoted field opened at line ${openQuoteLine} is not closed within ${this.maxRecordChars} characters (unbalanced quotes)`;
      throw new RecordsReadError(openQuoteLine === undefined ? 'csv.record_too_long' : 'csv.unclosed_quote', detail, openQuoteLine ?? line);
    }
  }
}
