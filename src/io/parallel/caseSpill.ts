/**
 * Pass 1's case spill of `dip settle` (`cases.csv` before pass 2 adds the money): the case row cells
 * ({@link CASE_HEADER}, {@link caseRow}), the byte writer {@link CaseSpillWriter} and the digit writer {@link putFixed}
 * (also used by pass 2). Moved unchanged from `src/cli/commands/settle.ts` (which re-exports them) so that a settle
 * worker (`settleWorker.ts`) writes the spill bytes of its cases with the very code the one-thread run uses, without
 * importing the CLI command; see {@link CaseSpillWriter.bytesWritten} and {@link CaseSpillWriter.writeBytes}.
 *
 * @module
 */
import { writeSync } from 'node:fs';
import type { CaseResult } from '../../run/types.js';
import { OutputWriteError, encodeCsvRow, putPlainCell, writeFully } from '../writeCsv.js';

export const CASE_HEADER = ['line', 'case_id', 'hospital_id', 'pool', 'month', 'status', 'packet_code', 'packet_kind', 'outlier', 'coefficient', 'aux_coef', 'ratio', 'case_points', 'total_cost', 'reason'];
export const CASE_NUMERIC = new Set([0, 9, 10, 11, 12, 13]);

/** The cells of a case row of `cases.csv` (pass 1: {@link CASE_HEADER}); numeric columns {@link CASE_NUMERIC}. */
export function caseRow(c: CaseResult): string[] {
  return [String(c.line), c.caseId, c.hospitalId, c.pool, c.month, c.status, c.packetCode ?? '', c.packetKind ?? '', c.outlier ?? '', c.coefficient ?? '', c.auxCoef ?? '', c.ratio ?? '', c.casePoints, c.totalCost, c.reason ?? ''];
}

/** Bytes of pass 1's spill buffered before a synchronous write. */
const SPILL_CHUNK = 1 << 16;

/**
 * Pass 1's spill of `cases.csv` (the case rows before pass 2 adds the money): each {@link CaseResult} is laid out as
 * bytes straight from its fields and written with synchronous 64 KiB writes — no cell array ({@link caseRow}), no
 * `String(line)`, no write stream, and so never a promise (the run state's sink stays synchronous).
 *
 * Fast path: a row whose line is a non-negative safe integer and whose 14 other cells are strings that are written as
 * they are and ASCII (`putPlainCell`: the rules of `encodeCsvCell` with formula protection, numeric columns
 * {@link CASE_NUMERIC}) — the line's digits (`String(line)` of such a number), then `,cell` for each. Any other row
 * (a cell to quote or protect, a non-ASCII character, another line number or cell type) is encoded as text,
 * `encodeCsvRow(caseRow(c), { numericColumns: CASE_NUMERIC })`, and its UTF-8 bytes appended (`Buffer.write`, as
 * `CsvWriter`'s byte chunks do; a lone surrogate becomes U+FFFD either way). The file holds the same bytes as
 * `CsvWriter.toFile(path, CASE_HEADER, { numericColumns: CASE_NUMERIC })` with `writeRow(caseRow(c))` per case, the
 * writer it replaces (tests/cli/caseSpillO8.test.ts; chunk boundaries do not change a file's bytes). Bounds: a row of
 * the fast path takes at most 16 digits + 14 commas + its cells' code units + a line end (`need` below).
 *
 * A failed write (disk full, an I/O error) throws an {@link OutputWriteError} naming `path` from {@link write} or
 * {@link flush}; the writer then keeps that error: every later flush throws it again without writing (the run ends,
 * `dip settle` removes its partial outputs and exits 2; tests/cli/outputFailureO9.test.ts).
 */
export class CaseSpillWriter {
  private buf = Buffer.allocUnsafe(SPILL_CHUNK + 8192);
  private pos = 0;
  /** Bytes handed to `writeFn` so far (see {@link bytesWritten}). */
  private flushed = 0;
  private failure: OutputWriteError | undefined = undefined;

  /**
   * Writes the header line of {@link CASE_HEADER} first; `fd` is an open file the caller closes, `path` its name for
   * the message of a failed write, `writeFn` the synchronous write (`fs.writeSync`; tests inject a failing one).
   */
  constructor(
    private readonly fd: number,
    private readonly path = 'the case spill',
    private readonly writeFn: typeof writeSync = writeSync,
  ) {
    this.text(`${encodeCsvRow(CASE_HEADER)}\n`);
  }

  /** `buf` with room for `n` more bytes after `pos` (flushed first when full; grown for a longer row). */
  private room(n: number): Buffer {
    if (this.pos + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
    }
    return this.buf;
  }

  /** Append the UTF-8 bytes of `t` (3 bytes of room per code unit: never cut). */
  private text(t: string): void {
    const b = this.room(3 * t.length);
    this.pos += b.write(t, this.pos, 'utf8');
  }

  /** Write the buffered bytes to the file now (an {@link OutputWriteError} once a write failed, now or before). */
  flush(): void {
    if (this.failure !== undefined) throw this.failure;
    try {
      writeFully(this.fd, this.buf, this.pos, this.path, this.writeFn);
    } catch (e) {
      this.failure = e instanceof OutputWriteError ? e : new OutputWriteError(this.path, e);
      throw this.failure;
    }
    this.flushed += this.pos;
    this.pos = 0;
  }

  /**
   * Bytes of the spill so far, header line included: written to the file plus buffered. A settle worker reads it
   * after each {@link write} to cut the spill bytes it sends into the rows they belong to.
   */
  get bytesWritten(): number {
    return this.flushed + this.pos;
  }

  /**
   * Append bytes `src[start, end)` as they are: one or more whole rows that another `CaseSpillWriter` wrote (a settle
   * worker's, `--workers`), so the file gets the bytes {@link write} of the same cases would have given. Writes a
   * chunk once 64 KiB are buffered, as {@link write} does.
   */
  writeBytes(src: Buffer, start: number, end: number): void {
    const b = this.room(end - start);
    this.pos += src.copy(b, this.pos, start, end);
    if (this.pos >= SPILL_CHUNK) this.flush();
  }

  /** Append one case row and its line end (`\n`); writes a chunk once 64 KiB are buffered. */
  write(c: CaseResult): void {
    const line = c.line;
    const caseId = c.caseId;
    const hospitalId = c.hospitalId;
    const pool = c.pool;
    const month = c.month;
    const status = c.status;
    const packetCode = c.packetCode ?? '';
    const packetKind = c.packetKind ?? '';
    const outlier = c.outlier ?? '';
    const coefficient = c.coefficient ?? '';
    const auxCoef = c.auxCoef ?? '';
    const ratio = c.ratio ?? '';
    const casePoints = c.casePoints;
    const totalCost = c.totalCost;
    const reason = c.reason ?? '';
    if (
      Number.isSafeInteger(line) && line >= 0 &&
      typeof caseId === 'string' && typeof hospitalId === 'string' && typeof pool === 'string' && typeof month === 'string' && typeof status === 'string' &&
      typeof packetCode === 'string' && typeof packetKind === 'string' && typeof outlier === 'string' && typeof coefficient === 'string' && typeof auxCoef === 'string' &&
      typeof ratio === 'string' && typeof casePoints === 'string' && typeof totalCost === 'string' && typeof reason === 'string'
    ) {
      const need = 16 + 14 + 1 + caseId.length + hospitalId.length + pool.length + month.length + status.length + packetCode.length + packetKind.length + outlier.length +
        coefficient.length + auxCoef.length + ratio.length + casePoints.length + totalCost.length + reason.length;
      const b = this.room(need);
      // the line: the digits of a non-negative safe integer (`putFixed` at 0 places: `String(line)`)
      let p = putFixed(b, this.pos, line, 0);
      // cells 1…14 (numeric: 9 coefficient, 10 aux_coef, 11 ratio, 12 case_points, 13 total_cost); -1 once one is not plain
      if (
        (p = putPlainCell(b, p, caseId, false)) >= 0 && (p = putPlainCell(b, p, hospitalId, false)) >= 0 && (p = putPlainCell(b, p, pool, false)) >= 0 &&
        (p = putPlainCell(b, p, month, false)) >= 0 && (p = putPlainCell(b, p, status, false)) >= 0 && (p = putPlainCell(b, p, packetCode, false)) >= 0 &&
        (p = putPlainCell(b, p, packetKind, false)) >= 0 && (p = putPlainCell(b, p, outlier, false)) >= 0 && (p = putPlainCell(b, p, coefficient, true)) >= 0 &&
        (p = putPlainCell(b, p, auxCoef, true)) >= 0 && (p = putPlainCell(b, p, ratio, true)) >= 0 && (p = putPlainCell(b, p, casePoints, true)) >= 0 &&
        (p = putPlainCell(b, p, totalCost, true)) >= 0 && (p = putPlainCell(b, p, reason, false)) >= 0
      ) {
        b[p++] = 10;
        this.pos = p;
        if (p >= SPILL_CHUNK) this.flush();
        return;
      }
      // not plain: the bytes written after `pos` are dropped (pos unchanged) and the row goes the text way
    }
    this.text(`${encodeCsvRow(caseRow(c), { numericColumns: CASE_NUMERIC })}\n`);
    if (this.pos >= SPILL_CHUNK) this.flush();
  }
}


/**
 * Write `q × 10^−dp` (`q` an integer, 0 ≤ q ≤ 2^53 − 1; 0 ≤ dp ≤ 20) at `out[o]` as `fixedText(String(q), dp)` writes it —
 * the digits of `q`, zero-padded to `dp + 1` digits, a dot before the last `dp` (none when `dp` is 0) — and return
 * the end. Exact: `q % 10` and `(q − d) / 10` of an integer below 2^53 are exact in doubles.
 */
export function putFixed(out: Uint8Array, o: number, q: number, dp: number): number {
  if (q <= 0x7fffffff) return putFixedInt(out, o, q | 0, dp);
  let digits = 1;
  for (let v = q; v >= 10; v = (v - (v % 10)) / 10) digits++;
  const len = digits > dp ? digits : dp + 1;
  let k = o + len + (dp > 0 ? 1 : 0) - 1;
  const end = k + 1;
  let v = q;
  for (let i = 0; i < len; i++) {
    if (dp > 0 && i === dp) out[k--] = 46;
    const d = v % 10;
    out[k--] = 48 + d;
    v = (v - d) / 10;
  }
  return end;
}

/**
 * {@link putFixed} for `0 ≤ q ≤ 2^31 − 1` in int32 arithmetic: the same digits (`q % 10` and `(q / 10) | 0` of a
 * non-negative int32 are its last digit and the rest), without the double remainders of the general loop (a call to
 * fmod each in V8's code for doubles). Almost every amount of a case row is in this range (below 21,474,836.47 at
 * scale 2).
 */
function putFixedInt(out: Uint8Array, o: number, q: number, dp: number): number {
  let digits = 1;
  for (let v = q; v >= 10; v = (v / 10) | 0) digits++;
  const len = digits > dp ? digits : dp + 1;
  let k = o + len + (dp > 0 ? 1 : 0) - 1;
  const end = k + 1;
  let v = q;
  for (let i = 0; i < len; i++) {
    if (dp > 0 && i === dp) out[k--] = 46;
    out[k--] = 48 + (v % 10);
    v = (v / 10) | 0;
  }
  return end;
}
