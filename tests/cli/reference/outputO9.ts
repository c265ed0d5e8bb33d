/**
 * Frozen copies of `dip settle`'s output code at e449fda (src/cli/commands/settle.ts), before o9's changes: pass 1's
 * `CaseSpillWriter` (as `CaseSpillWriterO9`) and pass 2's `addCaseMoney` (as `addCaseMoneyO9`) with their helpers
 * (`openOutput`, `bytesHash`, `putFixed`, the constants), and the spill's cell copy `putPlainCell` of
 * src/io/writeCsv.ts at 7a8ae23 (as `putPlainCellO9`, with `isFormulaStart` and `PLAIN_NUMBER`: a bug in the live
 * one must show in the equivalence property, not be copied into both sides). The other modules they call are the
 * real ones. Reference of `tests/cli/outputO9.equivalence.test.ts` and `bench/o9-output-ab.ts`.
 *
 * @module
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { CASE_HEADER, CASE_NUMERIC, caseRow } from '../../../src/cli/commands/settle.js';
import { OutputWriteError, encodeCsvRow, writeFully } from '../../../src/io/writeCsv.js';
import { CsvTokenizer } from '../../../src/io/CsvTokenizer.js';
import type { CsvRow } from '../../../src/io/CsvTokenizer.js';
import { dec, formatFixed } from '../../../src/decimal/index.js';
import { createCaseMoney, roundSafe, safePlain, safePlainAt } from '../../../src/settlement/caseMoney.js';
import type { SafeDecimal } from '../../../src/settlement/caseMoney.js';
import { fromPlain } from '../../../src/points/decimal40.js';
import type { ResolvedPolicy } from '../../../src/policy/index.js';
import type { CaseResult, SettlementRun } from '../../../src/run/types.js';

const CASE_MONEY_HEADER = ['point_value', 'standard', 'fund_due'];

// --- src/io/writeCsv.ts at 7a8ae23: putPlainCell and what it reads (frozen) ---------------------------------------

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function isFormulaStart(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/**
 * Byte path of one cell, for writers that lay out a row's bytes themselves (`dip settle`'s case spill): a comma, then
 * `value` copied code unit by code unit at `out[at + 1]`, when `value` is written as it is by the rules of
 * {@link encodeCsvCell} with formula protection on (no `"`, `,`, CR, LF; no formula start unless it is a plain number
 * in a numeric column) and is ASCII — then its UTF-8 bytes are its code units; returns the end. `-1` for any other
 * cell (bytes after `at` may have been written: the caller drops them and encodes the row as text). `out` must hold
 * `value.length + 1` bytes from `at`. The same check and copy as {@link CsvWriter}'s own plain-row path.
 */
function putPlainCellO9(out: Uint8Array, at: number, value: string, numeric: boolean): number {
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

// --- settle.ts at e449fda -------------------------------------------------------------------------------------------

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
export class CaseSpillWriterO9 {
  private buf = Buffer.allocUnsafe(SPILL_CHUNK + 8192);
  private pos = 0;
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
    this.pos = 0;
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
      // the line: the digits of a non-negative safe integer (exact: % 10 and (v − d) / 10 below 2^53)
      let p = this.pos;
      let digits = 1;
      for (let v = line; v >= 10; v = (v - (v % 10)) / 10) digits++;
      let v = line;
      for (let k = p + digits - 1; k >= p; k--) {
        const d = v % 10;
        b[k] = 48 + d;
        v = (v - d) / 10;
      }
      p += digits;
      // cells 1…14 (numeric: 9 coefficient, 10 aux_coef, 11 ratio, 12 case_points, 13 total_cost); -1 once one is not plain
      if (
        (p = putPlainCellO9(b, p, caseId, false)) >= 0 && (p = putPlainCellO9(b, p, hospitalId, false)) >= 0 && (p = putPlainCellO9(b, p, pool, false)) >= 0 &&
        (p = putPlainCellO9(b, p, month, false)) >= 0 && (p = putPlainCellO9(b, p, status, false)) >= 0 && (p = putPlainCellO9(b, p, packetCode, false)) >= 0 &&
        (p = putPlainCellO9(b, p, packetKind, false)) >= 0 && (p = putPlainCellO9(b, p, outlier, false)) >= 0 && (p = putPlainCellO9(b, p, coefficient, true)) >= 0 &&
        (p = putPlainCellO9(b, p, auxCoef, true)) >= 0 && (p = putPlainCellO9(b, p, ratio, true)) >= 0 && (p = putPlainCellO9(b, p, casePoints, true)) >= 0 &&
        (p = putPlainCellO9(b, p, totalCost, true)) >= 0 && (p = putPlainCellO9(b, p, reason, false)) >= 0
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
 * Pass 2 over the spill file of pass 1 (memory stays flat): append to each settled case the settlement point value
 * of its pool, its payment standard `round(case_points × PV)` and its fund share `round(standard × r_h)` with the
 * hospital-pool ratio of the statement (DIP-RULES.md §8.1; `fundShareMethodClearing = 'subtractPatientPaid'` leaves
 * `fund_due` empty: the case's patient_paid is not in the file). These per-case amounts explain a statement; the
 * statement itself is computed from exact sums (§8.7), so Σ per-case amounts may differ from it by rounding.
 * `readChunkBytes` sets the read size of the spill (default 64 KiB; tests use tiny ones).
 *
 * Bytes in, bytes out: the spill is read into a byte buffer and `cases.csv` written from a byte buffer (synchronous
 * reads and writes of 64 KiB: pass 2 is the only work left of the run). The spill was written by `CsvWriter` from JS
 * strings, so it is valid UTF-8 (a lone surrogate became U+FFFD): decoding a line and encoding it again (what the text
 * pass did: StringDecoder, then `CsvWriter.writeLine`) gives its bytes back, and a line without a quote is a whole
 * record whose cells need no encoding. Such a line is copied as bytes with `,point_value,standard,fund_due` after it;
 * the cells it needs (hospital 2, pool 3, status 5, points 12) are found by a byte scan of the commas (as
 * `split(',')`); pool names and hospital ids are compared as UTF-8 bytes (equal bytes of valid UTF-8 = equal text;
 * an id that is not well-formed UTF-16 is left out, as no decoded cell equals it). On the fast path the money is the safe-integer path of `createCaseMoney` (`safePlainAt` of the points'
 * bytes = `safePlain` of their text, `roundSafe`, same bounds: every product at most 2^53 − 1) and the two amounts are
 * written as digits ({@link putFixed} = `fixedText(String(q), dp)`); when any step is off that path (points not a
 * plain decimal of at most 15 digits, a product past 2^53 − 1, a ratio not plain or longer than 15 digits) the line's
 * cells are taken as text and `createCaseMoney` decides, as before. A line with a quote (a record possibly over
 * several lines) is decoded and goes through the tokenizer and the encoder as before.
 * tests/cli/addCaseMoneyBytesH4.test.ts: the same bytes as the text pass of a242c96 on random spills.
 */
export async function addCaseMoneyO9(spillPath: string, outPath: string, run: SettlementRun, policy: ResolvedPolicy, readChunkBytes?: number): Promise<void> {
  const money = policy.rounding.money;
  const dp = money.scale;
  const mode = money.mode;
  // Per pool: the point value's text (once), its case-money calculator (exact integers, src/settlement/caseMoney), the
  // hospital-pool fund-pay ratios by hospital (text, and its safe-integer form when plain of at most 15 digits), and
  // for the byte path its name's and `,text,` bytes and the point value's safe form. (A map per pool keyed by
  // hospital finds what one map keyed by `hospital|pool` found: a pool name holds no '|'.)
  interface PoolMoney {
    readonly name: Buffer;
    readonly text: string;
    /** `,${text},` as bytes. */
    readonly cells: Buffer;
    readonly money: ReturnType<typeof createCaseMoney>;
    readonly pvSafe: SafeDecimal | undefined;
    readonly ratios: Map<string, string>;
    /** The same ratios by the hospital id's UTF-8 bytes: {@link bytesHash} → entries (bytes compared on a hit). */
    readonly byBytes: Map<number, HospitalRatio[]>;
  }
  interface HospitalRatio {
    readonly id: Buffer;
    text: string;
    safe: SafeDecimal | undefined;
  }
  const pools = new Map<string, PoolMoney>();
  for (const p of run.summary.pools) {
    const v = dec(p.pointValue);
    if (!v.isZero()) {
      const text = formatFixed(v, Math.max(policy.rounding.pointValue.scale, v.decimalPlaces()));
      const pvSafe = fromPlain(p.pointValue) === undefined ? undefined : safePlain(p.pointValue);
      pools.set(p.pool, { name: Buffer.from(p.pool, 'utf8'), text, cells: Buffer.from(`,${text},`, 'utf8'), money: createCaseMoney(p.pointValue, money), pvSafe, ratios: new Map(), byBytes: new Map() });
    }
  }
  for (const h of run.hospitals) {
    for (const l of h.pools) {
      const pool = pools.get(l.pool);
      if (pool === undefined) continue;
      pool.ratios.set(h.hospitalId, l.fundPayRatio);
      // An id that is not well-formed UTF-16 (a lone surrogate: its bytes do not decode back to it) never equals a cell
      // decoded from the spill (decoding gives well-formed text), so it is left out of the byte map: its UTF-8 bytes
      // (U+FFFD's) would match.
      const id = Buffer.from(h.hospitalId, 'utf8');
      if (id.toString('utf8') !== h.hospitalId) continue;
      const safe = fromPlain(l.fundPayRatio) === undefined ? undefined : safePlain(l.fundPayRatio);
      const key = bytesHash(id, 0, id.length);
      let list = pool.byBytes.get(key);
      if (list === undefined) pool.byBytes.set(key, (list = []));
      const same = list.find((x) => x.id.equals(id));
      if (same === undefined) list.push({ id, text: l.fundPayRatio, safe });
      else {
        // a later row for the same hospital and pool replaces the ratio, as Map#set did
        same.text = l.fundPayRatio;
        same.safe = safe;
      }
    }
  }
  const poolList = [...pools.values()];
  const byRatio = policy.settlement.fundShareMethodClearing === 'ratio';

  const outFd = openOutput(outPath);
  let inFd: number | undefined;
  try {
    let out = Buffer.allocUnsafe(OUT_CHUNK + 1024);
    let o = 0;
    const flush = (): void => {
      writeFully(outFd, out, o, outPath);
      o = 0;
    };
    /** Room for `n` more bytes in `out`. */
    const room = (n: number): void => {
      if (o + n <= out.length) return;
      flush();
      if (n > out.length) out = Buffer.allocUnsafe(n);
    };
    /** Append a JS string as UTF-8 (room for 3 bytes a code unit: a lone surrogate is 3 bytes, U+FFFD). */
    const text = (s: string): void => {
      room(3 * s.length);
      o += out.write(s, o, 'utf8');
    };
    text(`${encodeCsvRow([...CASE_HEADER, ...CASE_MONEY_HEADER])}\n`);
    /**
     * The three money cells of a case row from its hospital (cell 2), pool (3), status (5) and points (12), `undefined`
     * for a missing cell (plain non-negative numbers or empty: the CSV encoder leaves them as they are).
     */
    const moneyCells = (hospital: string | undefined, poolName: string | undefined, status: string | undefined, points: string | undefined): string => {
      const pool = pools.get(poolName ?? '');
      if ((status === 'grouped' || status === 'ungrouped') && pool !== undefined) {
        const m = pool.money(points ?? '0', byRatio ? pool.ratios.get(hospital ?? '') : undefined);
        return `${pool.text},${m.standard},${m.fundDue}`;
      }
      return ',,';
    };
    // the quoted records: as the text pass did (decoded, tokenized, encoded)
    let quoted = '';
    let quotes = 0;
    const slow = (t: string): void => {
      const tok = new CsvTokenizer();
      const onRow = (r: CsvRow): void => text(`${encodeCsvRow(r.cells, { numericColumns: CASE_NUMERIC })},${moneyCells(r.cells[2], r.cells[3], r.cells[5], r.cells[12])}\n`);
      tok.push(t, onRow);
      tok.end(onRow);
    };
    const quotedLine = (line: string): void => {
      quoted += `${line}\n`;
      for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) quotes++;
      if (quotes % 2 === 0) {
        slow(quoted);
        quoted = '';
        quotes = 0;
      }
    };
    /** Cell starts and ends of the line being copied (2, 3, 5, 12; -1: the line has no such cell). */
    const cs = new Int32Array(13);
    const ce = new Int32Array(13);
    /**
     * The line `[a, e)` of `buf` without a quote, copied with its money cells. One loop copies the line's bytes and
     * records the cells up to 12 at its commas (as the former separate scan, then copy: cell k is `[cs[k], ce[k])`, the
     * last one found ends at `e`), then the bytes after cell 12 are copied; the output buffer and position are locals
     * in the loops (the closure's `out` / `o` are written back once).
     */
    const plainLine = (buf: Buffer, a: number, e: number): void => {
      room(e - a + 4);
      const ob = out;
      let w = o;
      let k = 0;
      let s = a;
      let i = a;
      for (; i < e; i++) {
        const c = buf[i]!;
        ob[w++] = c;
        if (c === 44) {
          cs[k] = s;
          ce[k] = i;
          s = i + 1;
          if (++k === 13) {
            i++;
            break;
          }
        }
      }
      if (k < 13) {
        cs[k] = s;
        ce[k] = e;
        k++;
        for (let j = k; j < 13; j++) cs[j] = ce[j] = -1;
      }
      for (; i < e; i++) ob[w++] = buf[i]!;
      o = w;
      const st = cs[5]!;
      const sl = ce[5]! - st;
      const grouped = (sl === 7 && buf[st] === 103 && buf[st + 1] === 114 && buf[st + 2] === 111 && buf[st + 3] === 117 && buf[st + 4] === 112 && buf[st + 5] === 101 && buf[st + 6] === 100) ||
        (sl === 9 && buf[st] === 117 && buf[st + 1] === 110 && buf[st + 2] === 103 && buf[st + 3] === 114 && buf[st + 4] === 111 && buf[st + 5] === 117 && buf[st + 6] === 112 && buf[st + 7] === 101 && buf[st + 8] === 100);
      let pool: PoolMoney | undefined;
      if (grouped) {
        const ps = cs[3]! < 0 ? 0 : cs[3]!;
        const pl = cs[3]! < 0 ? 0 : ce[3]! - ps;
        for (const p of poolList) {
          const name = p.name;
          if (name.length !== pl) continue;
          let i = 0;
          while (i < pl && name[i] === buf[ps + i]) i++;
          if (i === pl) {
            pool = p;
            break;
          }
        }
      }
      if (pool === undefined) {
        room(4);
        out[o++] = 44;
        out[o++] = 44;
        out[o++] = 44;
        out[o++] = 10;
        return;
      }
      // the hospital's ratio by the bytes of cell 2 (a missing cell is '', as the empty cell)
      let ratio: HospitalRatio | undefined;
      if (byRatio) {
        const hs = cs[2]! < 0 ? 0 : cs[2]!;
        const hl = cs[2]! < 0 ? 0 : ce[2]! - hs;
        const list = pool.byBytes.get(bytesHash(buf, hs, hs + hl));
        if (list !== undefined) {
          for (const x of list) {
            const id = x.id;
            if (id.length !== hl) continue;
            let i = 0;
            while (i < hl && id[i] === buf[hs + i]) i++;
            if (i === hl) {
              ratio = x;
              break;
            }
          }
        }
      }
      // safe-integer path (createCaseMoney's first path, the same numbers)
      const pv = pool.pvSafe;
      const hasRatio = ratio !== undefined;
      const r = ratio?.safe;
      const p = cs[12]! < 0 ? ZERO_POINTS : safePlainAt(buf, cs[12]!, ce[12]!);
      if (pv !== undefined && p !== undefined && (!hasRatio || r !== undefined)) {
        const product = p.m * pv.m;
        const q = product <= Number.MAX_SAFE_INTEGER ? roundSafe(product, p.s + pv.s, dp, mode) : undefined;
        if (q !== undefined) {
          const due = hasRatio ? q * r!.m : 0;
          const f = !hasRatio ? 0 : due <= Number.MAX_SAFE_INTEGER ? roundSafe(due, dp + r!.s, dp, mode) : undefined;
          if (f !== undefined) {
            room(pool.cells.length + 2 * (dp + FIXED_DIGITS) + 2);
            const cells = pool.cells;
            const ob = out;
            let w = o;
            for (let i = 0; i < cells.length; i++) ob[w++] = cells[i]!;
            w = putFixed(ob, w, q, dp);
            ob[w++] = 44;
            if (hasRatio) w = putFixed(ob, w, f, dp);
            ob[w++] = 10;
            o = w;
            return;
          }
        }
      }
      const m = pool.money(cs[12]! < 0 ? '0' : buf.toString('utf8', cs[12], ce[12]), ratio?.text);
      text(`,${pool.text},${m.standard},${m.fundDue}\n`);
    };
    let header = true;
    /** One line `[a, e)` of `buf` (without its '\n'); `q`: whether it holds a quote. */
    const line = (buf: Buffer, a: number, e: number, q: boolean): void => {
      if (header) {
        header = false;
        return;
      }
      if (quoted === '' && !q) plainLine(buf, a, e);
      else quotedLine(buf.toString('utf8', a, e));
    };
    inFd = openSync(spillPath, 'r');
    const chunk = readChunkBytes ?? 1 << 16;
    let buf = Buffer.allocUnsafe(2 * chunk);
    let len = 0;
    for (;;) {
      if (buf.length - len < chunk) {
        const bigger = Buffer.allocUnsafe(Math.max(2 * buf.length, len + chunk));
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const n = readSync(inFd, buf, len, chunk, null);
      if (n === 0) break;
      const old = len;
      len += n;
      // lines ending in the bytes just read; a quote's position found once per chunk and then after each quote
      let from = 0;
      let quote = buf.indexOf(34, 0);
      if (quote >= len) quote = -1;
      for (let nl = buf.indexOf(10, old); nl !== -1 && nl < len; nl = buf.indexOf(10, from)) {
        while (quote !== -1 && quote < from) {
          quote = buf.indexOf(34, from);
          if (quote >= len) quote = -1;
        }
        line(buf, from, nl, quote !== -1 && quote < nl);
        from = nl + 1;
      }
      if (from > 0) {
        buf.copy(buf, 0, from, len);
        len -= from;
      }
    }
    if (len > 0) {
      const quote = buf.indexOf(34, 0);
      line(buf, 0, len, quote !== -1 && quote < len);
    }
    if (quoted !== '') slow(quoted); // unbalanced quotes cannot come from CsvWriter; the tokenizer reports them
    flush();
  } finally {
    if (inFd !== undefined) closeSync(inFd);
    closeSync(outFd);
  }
  await rm(spillPath, { force: true });
}

/** `openSync(path, 'w')`, an {@link OutputWriteError} naming `path` when the file cannot be opened for writing. */
function openOutput(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (e) {
    throw new OutputWriteError(path, e);
  }
}

/** A hash of `bytes[start, end)` (31·h + b, 32 bits): the key of pass 2's hospital byte maps. */
function bytesHash(bytes: Uint8Array, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + bytes[i]!) | 0;
  return h;
}

/** Output chunk of pass 2 (written when full). */
const OUT_CHUNK = 1 << 16;
/** Bytes of {@link putFixed} beyond the scale: at most 16 digits of a number below 2^53, a dot and a leading zero. */
const FIXED_DIGITS = 18;
/** The points of a case row without a points cell: `'0'` as a safe decimal. */
const ZERO_POINTS: SafeDecimal = { m: 0, s: 0 };

/**
 * Write `q × 10^−dp` (`q` an integer, 0 ≤ q ≤ 2^53 − 1; 0 ≤ dp ≤ 20) at `out[o]` as `fixedText(String(q), dp)` writes it —
 * the digits of `q`, zero-padded to `dp + 1` digits, a dot before the last `dp` (none when `dp` is 0) — and return
 * the end. Exact: `q % 10` and `(q − d) / 10` of an integer below 2^53 are exact in doubles.
 */
export function putFixed(out: Uint8Array, o: number, q: number, dp: number): number {
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

