/**
 * `npx tsx bench/group-throughput.ts [rows] [trace]`: generate a seeded synthetic year in memory (default 200,000
 * cases; `1870844` for the full Pingdingshan year), then time `grouper.group()` over all of it with the
 * pingdingshan-2025 preset and print cases/s. Grouping only: reading, validating and points are not timed.
 * `trace` is `summary` (default) or `full`.
 */
import process from 'node:process';
import type { DischargeRecord } from '../src/records/types.js';
import type { TraceLevel } from '../src/grouping/index.js';
import { pingdingshanGrouper, syntheticCases } from './group-common.js';

const rows = Number(process.argv[2] ?? 200_000);
const trace = (process.argv[3] ?? 'summary') as TraceLevel;
const { grouper } = await pingdingshanGrouper(trace);
const records: DischargeRecord[] = [];
for await (const c of syntheticCases({ rows, seed: 'dip-engine-2025' })) if (c.record !== undefined) records.push(c.record);

function pass(): { ms: number; grouped: number } {
  let grouped = 0;
  const t = process.hrtime.bigint();
  for (const r of records) if (grouper.group(r).status === 'grouped') grouped++;
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, grouped };
}
pass(); // warm-up
const runs = [pass(), pass(), pass(), pass(), pass()];
const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
const best = sorted[0] ?? 1;
const median = sorted[2] ?? 1;
console.log(`node ${process.version}, ${records.length} records in memory, trace ${trace}`);
console.log(`runs (ms): ${runs.map((r) => r.ms.toFixed(0)).join(', ')}; grouped ${runs[0]?.grouped ?? 0}`);
console.log(`best: ${Math.round((records.length / best) * 1000).toLocaleString('en-US')} cases/s; median: ${Math.round((records.length / median) * 1000).toLocaleString('en-US')} cases/s`);
