/**
 * Frozen copy of `addCaseMoney` (pass 2 of `dip settle`, the byte pass) and its helpers `bytesHash` / `putFixed` at
 * 41cee81 (src/cli/commands/settle.ts), before w6's changes to `plainLine`. The modules it calls are the real ones.
 * Reference of `tests/cli/addCaseMoneyBytesW6.test.ts` and `bench/h4-pass2-ab.ts --old 41cee81`.
 *
 * @module
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { CASE_HEADER, CASE_NUMERIC } from '../../../src/cli/commands/settle.js';
import { encodeCsvRow } from '../../../src/io/writeCsv.js';
import { CsvTokenizer } from '../../../src/io/CsvTokenizer.js';
import type { CsvRow } from '../../../src/io/CsvTokenizer.js';
import { dec, formatFixed } from '../../../src/decimal/index.js';
import { createCaseMoney, roundSafe, safePlain, safePlainAt } from '../../../src/settlement/caseMoney.js';
import type { SafeDecimal } from '../../../src/settlement/caseMoney.js';
import { fromPlain } from '../../../src/points/decimal40.js';
import type { ResolvedPolicy } from '../../../src/policy/index.js';
import type { SettlementRun } from '../../../src/run/types.js';

const CASE_MONEY_HEADER = ['point_value', 'standard', 'fund_due'];

export async function addCaseMoneyW6(spillPath: string, outPath: string, run: SettlementRun, policy: ResolvedPolicy, readChunkBytes?: number): Promise<void> {
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

  const outFd = openSync(outPath, 'w');
  let inFd: number | undefined;
  try {
    let out = Buffer.allocUnsafe(OUT_CHUNK + 1024);
    let o = 0;
    const flush = (): void => {
      for (let at = 0; at < o; ) at += writeSync(outFd, out, at, o - at);
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
    /** The line `[a, e)` of `buf` without a quote, copied with its money cells. */
    const plainLine = (buf: Buffer, a: number, e: number): void => {
      let k = 0;
      let s = a;
      for (let i = a; ; i++) {
        if (i === e || buf[i] === 44) {
          cs[k] = s;
          ce[k] = i;
          k++;
          if (i === e || k === 13) break;
          s = i + 1;
        }
      }
      for (let j = k; j < 13; j++) cs[j] = ce[j] = -1;
      room(e - a + 4);
      // a JS loop: cheaper than Buffer#copy's native call for lines of ~100 bytes
      for (let i = a; i < e; i++) out[o++] = buf[i]!;
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
            for (let i = 0; i < cells.length; i++) out[o++] = cells[i]!;
            o = putFixed(out, o, q, dp);
            out[o++] = 44;
            if (hasRatio) o = putFixed(out, o, f, dp);
            out[o++] = 10;
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
function putFixed(out: Uint8Array, o: number, q: number, dp: number): number {
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
