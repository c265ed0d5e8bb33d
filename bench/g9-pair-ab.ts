/**
 * `npx tsx bench/g9-pair-ab.ts [--rounds N] [--trace summary|full] [--fresh FILE]` (or bundled with esbuild, run with
 * `node --expose-gc`): an A/B of fresh grouping interleaved chunk by chunk, for a machine whose load moves faster than
 * a whole pass. `old` = the grouper at b604435 (frozen copy `tests/grouping/reference/grouperG9Reference.ts`), `new` =
 * `src/`, each with its own grouper per round. FILE (default the 200k file) is read as the run reads it, in chunks of
 * 2,048 records; each chunk is grouped by both variants (alternating which goes first), the second one getting a
 * copy of the chunk whose key strings are new (`'#' + s` sliced: equal text, no cached hash), so both see fresh
 * strings. Reported per round: the CPU time of each variant summed over the chunks (µs per case) and the median of
 * the per-chunk ratios new / old; then the best sums and the median of all chunk ratios.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { createGrouper } from '../src/grouping/grouper.js';
import type { Grouper, TraceLevel } from '../src/grouping/index.js';
import { readRecords } from '../src/io/readRecords.js';
import type { DischargeRecord } from '../src/records/types.js';
import { createGrouper as createOld } from '../tests/grouping/reference/grouperG9Reference.js';
import { benchCatalog, benchGrouperOptions, loadBenchPolicy } from './abSetup.js';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
};
const file = arg('fresh') ?? '/tmp/dip-bench/records-200000.csv';
const rounds = Number(arg('rounds') ?? '5');
const traceLevel = (arg('trace') ?? 'summary') as TraceLevel;
const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const gc = (globalThis as { gc?: () => void }).gc;
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const cat = await benchCatalog();
const gopts = benchGrouperOptions(loadBenchPolicy('examples/small/policy.json'), cat.classes, traceLevel);
const copy = (s: string): string => `#${s}`.slice(1);
const fresh = (r: DischargeRecord): DischargeRecord => {
  const c = { ...r, principalDx: copy(r.principalDx), otherProcedures: r.otherProcedures.map(copy) };
  if (r.principalProcedure !== undefined) c.principalProcedure = copy(r.principalProcedure);
  return c;
};
let sink = 0;
const time = (g: Grouper, chunk: readonly DischargeRecord[]): number => {
  const t0 = cpuNow();
  for (let i = 0; i < chunk.length; i++) sink += g.group(chunk[i]!).status.length;
  return cpuNow() - t0;
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};
console.log(`node ${process.version}; ${file}; trace ${traceLevel}; ${rounds} rounds; load ${loadavg()}`);
const allRatios: number[] = [];
let bestOld = Infinity;
let bestNew = Infinity;
for (let round = 0; round < rounds; round++) {
  gc?.();
  const gOld = createOld(cat.catalog, gopts);
  const gNew = createGrouper(cat.catalog, gopts);
  let sumOld = 0;
  let sumNew = 0;
  let n = 0;
  let k = 0;
  const ratios: number[] = [];
  let chunk: DischargeRecord[] = [];
  const run = (): void => {
    const twin = chunk.map(fresh);
    let a: number;
    let b: number;
    if (k++ % 2 === 0) {
      a = time(gOld, chunk);
      b = time(gNew, twin);
    } else {
      b = time(gNew, chunk);
      a = time(gOld, twin);
    }
    sumOld += a;
    sumNew += b;
    n += chunk.length;
    if (a > 0) ratios.push(b / a);
    chunk = [];
  };
  for await (const e of readRecords(file)) {
    if (e.type !== 'record') continue;
    chunk.push(e.record);
    if (chunk.length === 2048) run();
  }
  if (chunk.length > 0) run();
  allRatios.push(...ratios);
  bestOld = Math.min(bestOld, sumOld / n);
  bestNew = Math.min(bestNew, sumNew / n);
  console.log(`round ${round}: old ${(sumOld / n).toFixed(3)} new ${(sumNew / n).toFixed(3)} µs/case (sum ×${(sumNew / sumOld).toFixed(2)}, median chunk ×${median(ratios).toFixed(2)})`);
}
console.log(`best: old ${bestOld.toFixed(3)} → new ${bestNew.toFixed(3)} µs/case (×${(bestNew / bestOld).toFixed(2)}); median of ${allRatios.length} chunk ratios ×${median(allRatios).toFixed(2)}; load after ${loadavg()}`);
if (sink < 0) console.log(sink);
