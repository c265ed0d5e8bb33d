/**
 * Frozen copy of `addCaseMoney` (pass 2 of `dip settle`) at a242c96 (src/cli/commands/settle.ts): the spill read as
 * text (StringDecoder), split into lines, each line without quotes copied with the money cells appended (comma scan
 * of cells 2, 3, 5, 12, `createCaseMoney`), written by `CsvWriter.writeLine`. The modules it calls are the real ones.
 * Reference of `tests/cli/addCaseMoneyBytesH4.test.ts` (`bench/h4-pass2-ab.ts`, its A/B, was removed with the w6 copy: check
 * out 9531028 to run it).
 *
 * @module
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { CASE_HEADER, CASE_NUMERIC } from '../../../src/cli/commands/settle.js';
import { CsvWriter, encodeCsvRow } from '../../../src/io/writeCsv.js';
import { CsvTokenizer } from '../../../src/io/CsvTokenizer.js';
import type { CsvRow } from '../../../src/io/CsvTokenizer.js';
import { dec, formatFixed } from '../../../src/decimal/index.js';
import { createCaseMoney } from '../../../src/settlement/caseMoney.js';
import type { ResolvedPolicy } from '../../../src/policy/index.js';
import type { SettlementRun } from '../../../src/run/types.js';

const CASE_MONEY_HEADER = ['point_value', 'standard', 'fund_due'];
const CASE_MONEY_NUMERIC = new Set([...CASE_NUMERIC, 15, 16, 17]);

export async function addCaseMoneyH4(spillPath: string, outPath: string, run: SettlementRun, policy: ResolvedPolicy, readChunkBytes?: number): Promise<void> {
  const money = policy.rounding.money;
  // Per pool: the point value's text (once), its case-money calculator (exact integers, src/settlement/caseMoney) and
  // the hospital-pool fund-pay ratios by hospital. (A map per pool keyed by hospital finds what one map keyed by
  // `hospital|pool` found: a pool name holds no '|', so the key's part after its last '|' is the pool.)
  const pools = new Map<string, { text: string; money: ReturnType<typeof createCaseMoney>; ratios: Map<string, string> }>();
  for (const p of run.summary.pools) {
    const v = dec(p.pointValue);
    if (!v.isZero()) pools.set(p.pool, { text: formatFixed(v, Math.max(policy.rounding.pointValue.scale, v.decimalPlaces())), money: createCaseMoney(p.pointValue, money), ratios: new Map() });
  }
  for (const h of run.hospitals) for (const l of h.pools) pools.get(l.pool)?.ratios.set(h.hospitalId, l.fundPayRatio);
  const byRatio = policy.settlement.fundShareMethodClearing === 'ratio';
  const out = CsvWriter.toFile(outPath, [...CASE_HEADER, ...CASE_MONEY_HEADER], { numericColumns: CASE_MONEY_NUMERIC });
  // The spill is valid UTF-8 (CsvWriter encodes JS strings, a lone surrogate as U+FFFD) and starts with the header,
  // not a BOM, so Node's StringDecoder gives the text TextDecoder gave, several times faster; it keeps a character
  // split between two chunks for the next one.
  const decoder = new StringDecoder('utf8');
  const pending: Promise<void>[] = [];
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
  /** {@link moneyCells} of a line without quotes: cells 2, 3, 5 and 12 found by scanning commas (as `split(',')`). */
  const lineMoneyCells = (line: string): string => {
    let hospital: string | undefined;
    let poolName: string | undefined;
    let status: string | undefined;
    let points: string | undefined;
    let start = 0;
    for (let k = 0; k <= 12; k++) {
      const comma = line.indexOf(',', start);
      const end = comma === -1 ? line.length : comma;
      if (k === 2) hospital = line.slice(start, end);
      else if (k === 3) poolName = line.slice(start, end);
      else if (k === 5) status = line.slice(start, end);
      else if (k === 12) points = line.slice(start, end);
      if (comma === -1) break;
      start = comma + 1;
    }
    return moneyCells(hospital, poolName, status, points);
  };
  // The spill was written by CsvWriter: a line without a quote is a whole record whose cells need no encoding, so
  // it is copied as it is with the money cells appended (re-encoding it would give the same text). A record with
  // quotes (possibly over several lines) goes through the tokenizer and the encoder.
  let header = true;
  let quoted = '';
  let quotes = 0;
  const slow = (text: string): void => {
    const t = new CsvTokenizer();
    const onRow = (r: CsvRow): void => {
      const p = out.writeLine(`${encodeCsvRow(r.cells, { numericColumns: CASE_NUMERIC })},${moneyCells(r.cells[2], r.cells[3], r.cells[5], r.cells[12])}`);
      if (p !== undefined) pending.push(p);
    };
    t.push(text, onRow);
    t.end(onRow);
  };
  const onLine = (line: string): void => {
    if (header) {
      header = false;
      return;
    }
    if (quoted === '' && line.indexOf('"') === -1) {
      const p = out.writeLine(`${line},${lineMoneyCells(line)}`);
      if (p !== undefined) pending.push(p);
      return;
    }
    quoted += `${line}\n`;
    for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) quotes++;
    if (quotes % 2 === 0) {
      slow(quoted);
      quoted = '';
      quotes = 0;
    }
  };
  let rest = '';
  const lines = (text: string): void => {
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      onLine(rest === '' ? text.slice(from, nl) : rest + text.slice(from, nl));
      rest = '';
      from = nl + 1;
    }
    rest += text.slice(from);
  };
  const stream = createReadStream(spillPath, readChunkBytes === undefined ? {} : { highWaterMark: readChunkBytes });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    lines(decoder.write(chunk));
    // honour backpressure of the writer once per input chunk
    while (pending.length > 0) await pending.shift();
  }
  lines(decoder.end());
  if (rest !== '') onLine(rest);
  if (quoted !== '') slow(quoted); // unbalanced quotes cannot come from CsvWriter; the tokenizer reports them
  while (pending.length > 0) await pending.shift();
  await out.close();
  await rm(spillPath, { force: true });
}
