/**
 * `npx tsx bench/g8-split.ts [FILE]` (or bundled with esbuild): how the fresh-record grouping time splits between the
 * base cache's misses and its hits (helper g8). Pass 1 groups FILE's records (read afresh, chunks of 2,048) with a new
 * grouper; pass 2 reads the file afresh again and groups it with the same grouper (its caches warm: nearly all hits,
 * strings still fresh). Also counts the records by procedure-field kind (none, principal only, others).
 */
import process from 'node:process';
import { readRecords } from '../src/io/readRecords.js';
import type { DischargeRecord } from '../src/records/types.js';
import { benchGrouper, loadBenchPolicy } from './abSetup.js';

const file = process.argv[2] ?? '/tmp/dip-bench/records-200000.csv';
const { grouper: g } = await benchGrouper(loadBenchPolicy('examples/small/policy.json'));
const kinds = [0, 0, 0];
async function pass(count: boolean): Promise<number> {
  let cpu = 0;
  let n = 0;
  let chunk: DischargeRecord[] = [];
  const run = (): void => {
    const t0 = process.cpuUsage();
    for (const r of chunk) g.group(r);
    const u = process.cpuUsage(t0);
    cpu += u.user + u.system;
    n += chunk.length;
    chunk = [];
  };
  for await (const e of readRecords(file)) {
    if (e.type !== 'record') continue;
    const r = e.record;
    if (count) kinds[r.otherProcedures.length > 0 ? 2 : r.principalProcedure === undefined || r.principalProcedure === '' ? 0 : 1]!++;
    chunk.push(r);
    if (chunk.length === 2048) run();
  }
  run();
  return cpu / n;
}
const a = await pass(true);
const b = await pass(false);
const c = await pass(false);
console.log(`pass 1 (new grouper) ${a.toFixed(3)} µs/case; pass 2, 3 (same grouper, fresh strings) ${b.toFixed(3)}, ${c.toFixed(3)} µs/case; kinds none/p0/others ${kinds.join('/')}`);
