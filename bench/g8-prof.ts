/**
 * `node --cpu-prof --import tsx bench/g8-prof.ts [FILE]`: `grouper.group` as `dip settle` creates it (trace `summary`)
 * on FILE's records (default the 200k file) in the real run's pattern — read in chunks of 2,048, each record grouped
 * once, its strings fresh — for a CPU profile of the grouper's per-case work (helper g8). Prints the grouping CPU.
 */
import process from 'node:process';
import { readRecords } from '../src/io/readRecords.js';
import type { DischargeRecord } from '../src/records/types.js';
import { benchGrouper, loadBenchPolicy } from './abSetup.js';

const file = process.argv[2] ?? '/tmp/dip-bench/records-200000.csv';
const { grouper: g } = await benchGrouper(loadBenchPolicy('examples/small/policy.json'));
let grouped = 0;
let cpu = 0;
let n = 0;
let chunk: DischargeRecord[] = [];
const run = (): void => {
  const t0 = process.cpuUsage();
  for (const r of chunk) if (g.group(r).status === 'grouped') grouped++;
  const u = process.cpuUsage(t0);
  cpu += u.user + u.system;
  n += chunk.length;
  chunk = [];
};
for await (const e of readRecords(file)) {
  if (e.type !== 'record') continue;
  chunk.push(e.record);
  if (chunk.length === 2048) run();
}
run();
console.log(`${n} fresh: ${(cpu / n).toFixed(3)} µs/case cpu; grouped ${grouped}`);
