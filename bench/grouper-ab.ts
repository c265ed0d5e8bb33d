/**
 * `npx tsx bench/grouper-ab.ts [file] [rounds] [trace] [settleRounds] [passes] [limit]`: A/B in one process, interleaved (best of `rounds`, default
 * 7), of `grouper.group()` over the accepted records of a records file (read once with `readRecords`, kept in
 * memory): the pre-memo grouper (`tests/grouping/grouperReference.ts`, commit 25c6084), the current grouper with
 * `memo: false` (the default), and the current grouper with the base-grouping memo (`memo: true`). `passes` (default 1) groups the
 * records that many times per round with one grouper (µs per case over all passes): 3 passes of the 200,000-row file
 * give the memo about the hit rate of the city-year (95.5 %: 85,211 distinct keys in 1,870,844 rows), but with the
 * records' strings already hashed after the first pass; `limit` reads only the first `limit` records of the file
 * (e.g. 1,870,844 of `records-20000000.csv`, fresh records at the city-year's hit rate; run with
 * `--max-old-space-size=8192`). Pingdingshan 2025 catalog and preset
 * options, `trace` `summary` (default, as `dip settle`) or `full`. A fresh grouper per round (empty memo, as one
 * `dip settle` run), built outside the timing. Checks that all three give deep-equal results for every record.
 * Then the same A/B one level up: `settleRegionYear` over the file's record items held in memory (no reading, no
 * writing) with the policy of `dip settle` in common use (`examples/small/policy.json`) and its hospitals table, a
 * fresh grouper per run, memo off vs on, interleaved, best of `settleRounds` (default `rounds`, 0 skips it); outputs checked equal (summary, hospitals,
 * case count, issue count, first 2,000 case rows as JSON).
 * Default file: `/tmp/dip-bench/records-200000.csv` (hospitals `…-hospitals.csv`). For the memo's heap cost run
 * with `node --expose-gc --import tsx bench/grouper-ab.ts`.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { isDeepStrictEqual } from 'node:util';
import { createGrouper } from '../src/grouping/index.js';
import type { Grouper, GrouperOptions, TraceLevel } from '../src/grouping/index.js';
import { readRecords } from '../src/io/index.js';
import { loadHospitals } from '../src/io/loadHospitals.js';
import { resolvePolicy, validatePolicy } from '../src/policy/index.js';
import { recordItemsFromReader } from '../src/run/readerItems.js';
import { settleRegionYear } from '../src/run/settleRegionYear.js';
import type { RecordItem } from '../src/run/types.js';
import type { DischargeRecord } from '../src/records/types.js';
import { createReferenceGrouper } from '../tests/grouping/grouperReference.js';
import { pingdingshanGrouper, pingdingshanOptions } from './group-common.js';

const file = process.argv[2] ?? '/tmp/dip-bench/records-200000.csv';
const rounds = Number(process.argv[3] ?? 7);
const trace = (process.argv[4] ?? 'summary') as TraceLevel;
const settleRounds = Number(process.argv[5] ?? rounds);
const passes = Number(process.argv[6] ?? 1);
const limit = Number(process.argv[7] ?? Infinity);
const now = (): number => Number(process.hrtime.bigint()) / 1e6;

const records: DischargeRecord[] = [];
for await (const e of readRecords(file)) {
  if (e.type === 'record') records.push(e.record);
  if (records.length >= limit) break;
}
const { catalog, classes } = await pingdingshanGrouper(trace);
const o: GrouperOptions = { options: pingdingshanOptions(), procedureClasses: classes, trace };
const keys = new Set(records.map((r) => `${r.principalDx}\u0000${r.principalProcedure ?? ''}\u0000${r.otherProcedures.join('\u0000')}`));
const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`node ${process.version}, ${file}: ${records.length} records, ${keys.size} distinct (dx, procedures) keys, trace ${trace}, ${passes} pass(es) per round, load ${loadavg()}`);

const variants: [string, () => Grouper][] = [
  ['before (25c6084)', () => createReferenceGrouper(catalog, o)],
  ['memo: false', () => createGrouper(catalog, { ...o, memo: false })],
  ['memo: true', () => createGrouper(catalog, { ...o, memo: true })],
];
// Best wall time and best CPU time (user + system of the process, GC threads included: less sensitive to other
// processes taking the cores than wall time) per variant.
const best = new Map<string, number>();
const bestCpu = new Map<string, number>();
const allCpu = new Map<string, number[]>();
let sink = 0;
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  for (const [name, make] of order) {
    const g = make();
    const c = process.cpuUsage();
    const t = now();
    for (let p = 0; p < passes; p++) for (const r of records) if (g.group(r).status === 'grouped') sink++;
    const ms = (now() - t) / passes;
    const cu = process.cpuUsage(c);
    cu.user /= passes;
    cu.system /= passes;
    best.set(name, Math.min(best.get(name) ?? Infinity, ms));
    bestCpu.set(name, Math.min(bestCpu.get(name) ?? Infinity, (cu.user + cu.system) / 1000));
    (allCpu.get(name) ?? allCpu.set(name, []).get(name)!).push((cu.user + cu.system) / 1000);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const us = (ms: number): string => ((ms * 1000) / records.length).toFixed(3);
for (const [name] of variants) {
  const ms = best.get(name)!;
  console.log(`${name.padEnd(18)} wall ${us(ms)} µs/case (${Math.round((records.length / ms) * 1000).toLocaleString('en-US')} cases/s), cpu ${us(bestCpu.get(name)!)} µs/case (median ${us(median(allCpu.get(name)!))})`);
}

// Equality of every result, and the heap the memo holds after one pass (with --expose-gc).
const [ref, off, on] = variants.map(([, make]) => make()) as [Grouper, Grouper, Grouper];
let diff = 0;
for (const r of records) {
  const a = on.group(r);
  if (!isDeepStrictEqual(a, off.group(r)) || !isDeepStrictEqual(a, ref.group(r))) diff++;
}
const gc = (globalThis as { gc?: () => void }).gc;
if (gc !== undefined) {
  const heap = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const probe = createGrouper(catalog, { ...o, memo: true });
  const before = heap();
  for (const r of records) probe.group(r);
  const after = heap();
  console.log(`memo heap after one pass: ${((after - before) / 2 ** 20).toFixed(1)} MiB for ${keys.size} keys (${probe.info.catalogId})`);
}
console.log(`results differing (memo vs memo:false vs before): ${diff} of ${records.length}; load after ${loadavg()}${sink < 0 ? '' : ''}`);

// ---------------------------------------------------------------- settleRegionYear with memo off / on
if (settleRounds > 0) {
  const doc = validatePolicy(JSON.parse(readFileSync('examples/small/policy.json', 'utf8')) as unknown);
  if (!doc.ok) throw new Error(JSON.stringify(doc.issues));
  const resolved = resolvePolicy(doc.value, '2025-12-31');
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
  const policy = resolved.value;
  const hospitals = (await loadHospitals(file.replace(/\.csv$/u, '-hospitals.csv'))).rows;
  const items: RecordItem[] = [];
  for await (const it of recordItemsFromReader(readRecords(file))) items.push(it);
  const go: GrouperOptions = { options: policy.grouping, auxiliary: policy.auxiliary, procedureClasses: classes, trace: 'summary' };
  const runs: [string, boolean][] = [
    ['settle, memo: false', false],
    ['settle, memo', true],
  ];
  const wall = new Map<string, number>();
  const cpu = new Map<string, number>();
  let reference: string | undefined;
  for (let round = 0; round < settleRounds; round++) {
    for (const [name, memo] of round % 2 === 0 ? runs : [...runs].reverse()) {
      const grouper = createGrouper(catalog, { ...go, memo });
      let cases = 0;
      let issues = 0;
      const rows: string[] = [];
      const c = process.cpuUsage();
      const t = now();
      const run = await settleRegionYear({ records: items, policy, grouper, year: 2025, hospitals }, { onCase: (x) => void (++cases <= 2000 && rows.push(JSON.stringify(x))), onIssue: () => void issues++ });
      const ms = now() - t;
      const cu = process.cpuUsage(c);
      const json = JSON.stringify([run.summary, run.hospitals, cases, issues, rows]);
      reference ??= json;
      if (json !== reference) throw new Error(`${name}: settlement output differs`);
      wall.set(name, Math.min(wall.get(name) ?? Infinity, ms));
      cpu.set(name, Math.min(cpu.get(name) ?? Infinity, (cu.user + cu.system) / 1000));
    }
  }
  for (const [name] of runs) console.log(`${name.padEnd(20)} wall ${((wall.get(name)! * 1000) / items.length).toFixed(3)} µs/case, cpu ${((cpu.get(name)! * 1000) / items.length).toFixed(3)} µs/case (${items.length} items); outputs equal`);
  console.log(`load after ${loadavg()}`);
}
