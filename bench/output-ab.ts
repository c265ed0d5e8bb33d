/**
 * In-process A/B of `dip settle`'s output work (issue 6): (1) the case-row CSV writer of pass 1 — the regex encoder
 * and array-buffered `CsvWriter` of 25c6084 (copied below) against `src/io/writeCsv.ts`; (2) pass 2, the per-case
 * money lines — the line handling of 25c6084 (`line.split(',')`, BigInt `createCaseMoney`, copied below) against
 * `addCaseMoney` of `src/cli/commands/settle.ts`. Old and new interleaved, best of N; every iteration checks that
 * the files written are byte-identical.
 *
 * ```sh
 * npx tsx bench/output-ab.ts --cases /tmp/base/out200k/cases.csv --iterations 5
 * ```
 * The input is a `dip settle` cases.csv; its first 15 columns are the case rows of pass 1 (the spill file).
 *
 * @module
 */
import { createReadStream, createWriteStream, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import { rm } from 'node:fs/promises';
import { addCaseMoney } from '../src/cli/commands/settle.js';
import { CsvTokenizer } from '../src/io/CsvTokenizer.js';
import type { CsvRow } from '../src/io/CsvTokenizer.js';
import { CsvWriter, encodeCsvRow } from '../src/io/writeCsv.js';
import type { CsvEncodeOptions } from '../src/io/writeCsv.js';
import { dec, formatFixed } from '../src/decimal/index.js';
import type { RoundingRule } from '../src/decimal/index.js';
import { fromPlain, mul40, roundFixed } from '../src/points/decimal40.js';
import type { D40 } from '../src/points/decimal40.js';
import { resolvePolicy, validatePolicy } from '../src/policy/index.js';
import type { ResolvedPolicy } from '../src/policy/index.js';
import type { SettlementRun } from '../src/run/types.js';
import { caseMoneyDecimal } from '../src/settlement/caseMoney.js';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
};
const casesPath = arg('cases') ?? '/tmp/base/out200k/cases.csv';
const iterations = Number(arg('iterations') ?? '5');
const only = arg('only'); // 'writer' | 'pass2'

// ---- reference copies of 25c6084 ----
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
  static toFile(path: string, header: readonly string[] | undefined, options: CsvEncodeOptions = {}): CsvWriterV0 {
    return new CsvWriterV0(createWriteStream(path, { encoding: 'utf8' }), header, options);
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

// ---- input ----
const CASE_HEADER = ['line', 'case_id', 'hospital_id', 'pool', 'month', 'status', 'packet_code', 'packet_kind', 'outlier', 'coefficient', 'aux_coef', 'ratio', 'case_points', 'total_cost', 'reason'];
const CASE_NUMERIC = new Set([0, 9, 10, 11, 12, 13]);
const CASE_MONEY_HEADER = ['point_value', 'standard', 'fund_due'];
const CASE_MONEY_NUMERIC = new Set([...CASE_NUMERIC, 15, 16, 17]);
const text = readFileSync(casesPath, 'utf8');
const lines = text.split('\n').slice(1).filter((l) => l !== '');
if (lines.some((l) => l.includes('"'))) throw new Error('the bench expects a cases.csv without quoted cells');
const rows = lines.map((l) => l.split(',').slice(0, 15));
const n = rows.length;
const dir = mkdtempSync(join(tmpdir(), 'output-ab-'));
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

/** Wall and CPU time (user + system of the process, fs threads included) per case. */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}
async function timeIt(f: () => Promise<void>): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t = performance.now();
  await f();
  const c = process.cpuUsage(c0);
  return { wall: ((performance.now() - t) * 1000) / n, cpu: (c.user + c.system) / n }; // µs per case
}
function report(name: string, a: Timing[], b: Timing[]): void {
  const best = (x: Timing[], k: keyof Timing): number => Math.min(...x.map((t) => t[k]));
  const med = (x: Timing[], k: keyof Timing): number => x.map((t) => t[k]).sort((p, q) => p - q)[x.length >> 1]!;
  for (const k of ['wall', 'cpu'] as const) {
    console.log(
      `${name} [${k}]: old best ${best(a, k).toFixed(3)} µs/case (median ${med(a, k).toFixed(3)}) → new best ${best(b, k).toFixed(3)} µs/case (median ${med(b, k).toFixed(3)}); ×${(best(a, k) / best(b, k)).toFixed(2)}`,
    );
  }
}

console.log(`${n} case rows from ${casesPath}; ${iterations} iterations; load ${load()}`);

if (only === undefined || only === 'writer') {
  const encOld: Timing[] = [];
  const encNew: Timing[] = [];
  const wOld: Timing[] = [];
  const wNew: Timing[] = [];
  const oldPath = join(dir, 'old.csv');
  const newPath = join(dir, 'new.csv');
  for (let it = 0; it < iterations; it++) {
    let sink = 0;
    encOld.push(await timeIt(async () => {
      for (const r of rows) sink += encodeCsvRowV0(r, { numericColumns: CASE_NUMERIC }).length;
    }));
    encNew.push(await timeIt(async () => {
      for (const r of rows) sink -= encodeCsvRow(r, { numericColumns: CASE_NUMERIC }).length;
    }));
    if (sink !== 0) throw new Error('encoders differ in length');
    wOld.push(await timeIt(async () => {
      const w = CsvWriterV0.toFile(oldPath, CASE_HEADER, { numericColumns: CASE_NUMERIC });
      for (const r of rows) {
        const p = w.writeRow(r);
        if (p !== undefined) await p;
      }
      await w.close();
    }));
    wNew.push(await timeIt(async () => {
      const w = CsvWriter.toFile(newPath, CASE_HEADER, { numericColumns: CASE_NUMERIC });
      for (const r of rows) {
        const p = w.writeRow(r);
        if (p !== undefined) await p;
      }
      await w.close();
    }));
    if (!readFileSync(oldPath).equals(readFileSync(newPath))) throw new Error('writer outputs differ');
  }
  report('encodeCsvRow (no IO)', encOld, encNew);
  report('CsvWriter.writeRow + close into a tmp file', wOld, wNew);
}

// ---- pass 2 ----
/** createCaseMoney of 25c6084: BigInt mantissas for every case. */
function createCaseMoneyV0(pointValue: string, money: RoundingRule): (points: string, ratio?: string) => { standard: string; fundDue: string } {
  const pv = fromPlain(pointValue);
  const pvDec = dec(pointValue);
  const ratios = new Map<string, D40 | undefined>();
  return (points, ratio) => {
    const p = pv === undefined ? undefined : fromPlain(points);
    const r = ratio === undefined ? undefined : ratios.has(ratio) ? ratios.get(ratio) : ratios.set(ratio, fromPlain(ratio)).get(ratio);
    if (pv === undefined || p === undefined || (ratio !== undefined && r === undefined)) {
      return caseMoneyDecimal(points, pvDec, ratio === undefined ? undefined : dec(ratio), money);
    }
    const standard = roundFixed(mul40(p, pv), money.scale, money.mode);
    if (r === undefined) return { standard, fundDue: '' };
    return { standard, fundDue: roundFixed(mul40(fromPlain(standard)!, r), money.scale, money.mode) };
  };
}

/** addCaseMoney of 25c6084 (src/cli/commands/settle.ts). */
async function addCaseMoneyV0(spillPath: string, outPath: string, run: SettlementRun, policy: ResolvedPolicy): Promise<void> {
  const money = policy.rounding.money;
  const pools = new Map<string, { text: string; money: ReturnType<typeof createCaseMoneyV0> }>();
  for (const p of run.summary.pools) {
    const v = dec(p.pointValue);
    if (!v.isZero()) pools.set(p.pool, { text: formatFixed(v, Math.max(policy.rounding.pointValue.scale, v.decimalPlaces())), money: createCaseMoneyV0(p.pointValue, money) });
  }
  const ratio = new Map<string, string>();
  for (const h of run.hospitals) for (const l of h.pools) ratio.set(`${h.hospitalId}|${l.pool}`, l.fundPayRatio);
  const byRatio = policy.settlement.fundShareMethodClearing === 'ratio';
  const out = CsvWriterV0.toFile(outPath, [...CASE_HEADER, ...CASE_MONEY_HEADER], { numericColumns: CASE_MONEY_NUMERIC });
  const decoder = new TextDecoder('utf-8');
  const pending: Promise<void>[] = [];
  const moneyCells = (cells: readonly string[]): string => {
    const status = cells[5];
    const pool = pools.get(cells[3] ?? '');
    if ((status === 'grouped' || status === 'ungrouped') && pool !== undefined) {
      const m = pool.money(cells[12] ?? '0', byRatio ? ratio.get(`${cells[2] ?? ''}|${cells[3] ?? ''}`) : undefined);
      return `${pool.text},${m.standard},${m.fundDue}`;
    }
    return ',,';
  };
  let header = true;
  let quoted = '';
  let quotes = 0;
  const slow = (t: string): void => {
    const tok = new CsvTokenizer();
    const onRow = (r: CsvRow): void => {
      const p = out.writeLine(`${encodeCsvRowV0(r.cells, { numericColumns: CASE_NUMERIC })},${moneyCells(r.cells)}`);
      if (p !== undefined) pending.push(p);
    };
    tok.push(t, onRow);
    tok.end(onRow);
  };
  const onLine = (line: string): void => {
    if (header) {
      header = false;
      return;
    }
    if (quoted === '' && line.indexOf('"') === -1) {
      const p = out.writeLine(`${line},${moneyCells(line.split(','))}`);
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
  const linesOf = (t: string): void => {
    let from = 0;
    for (let nl = t.indexOf('\n'); nl !== -1; nl = t.indexOf('\n', from)) {
      onLine(rest === '' ? t.slice(from, nl) : rest + t.slice(from, nl));
      rest = '';
      from = nl + 1;
    }
    rest += t.slice(from);
  };
  const stream = createReadStream(spillPath);
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    linesOf(decoder.decode(chunk, { stream: true }));
    while (pending.length > 0) await pending.shift();
  }
  linesOf(decoder.decode());
  if (rest !== '') onLine(rest);
  if (quoted !== '') slow(quoted);
  while (pending.length > 0) await pending.shift();
  await out.close();
  await rm(spillPath, { force: true });
}

if (only === undefined || only === 'pass2') {
  const validated = validatePolicy(JSON.parse(readFileSync(arg('policy') ?? 'examples/small/policy.json', 'utf8')) as unknown);
  if (!validated.ok) throw new Error(JSON.stringify(validated.issues));
  const resolved = resolvePolicy(validated.value, '2025-12-31');
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
  const policy = resolved.value;
  // The run: the pools' point values and fund-pay ratios of the summary.json next to the cases.csv (when there is
  // one), every hospital of the cases with its pool's ratio (hospital-level ratios have the same kind of text).
  const summaryPath = casesPath.replace(/cases\.csv$/, 'summary.json');
  const summaryPools = (JSON.parse(readFileSync(summaryPath, 'utf8')) as { pools: { pool: string; pointValue: string; fundPayRatio: string }[] }).pools;
  const hospitalIds = [...new Set(rows.map((r) => r[2]!))];
  const run = {
    summary: { pools: summaryPools.map((p) => ({ pool: p.pool, pointValue: p.pointValue })) },
    hospitals: hospitalIds.map((hospitalId) => ({ hospitalId, pools: summaryPools.map((p) => ({ pool: p.pool, fundPayRatio: p.fundPayRatio })) })),
  } as unknown as SettlementRun;
  const spill = `${CASE_HEADER.join(',')}\n${lines.map((l) => `${l.split(',').slice(0, 15).join(',')}\n`).join('')}`;
  const spillOld = join(dir, 'spill-old.csv');
  const spillNew = join(dir, 'spill-new.csv');
  const oldPath = join(dir, 'old-cases.csv');
  const newPath = join(dir, 'new-cases.csv');
  const a: Timing[] = [];
  const b: Timing[] = [];
  for (let it = 0; it < iterations; it++) {
    writeFileSync(spillOld, spill);
    writeFileSync(spillNew, spill);
    a.push(await timeIt(() => addCaseMoneyV0(spillOld, oldPath, run, policy)));
    b.push(await timeIt(() => addCaseMoney(spillNew, newPath, run, policy)));
    if (!readFileSync(oldPath).equals(readFileSync(newPath))) throw new Error('pass 2 outputs differ');
  }
  report('pass 2 addCaseMoney (spill → cases.csv, tmp files)', a, b);
}
rmSync(dir, { recursive: true, force: true });
console.log(`load after: ${load()}`);
