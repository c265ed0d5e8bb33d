/**
 * `node bench/g8-miss.ts [FILE] [KIND]` (bundled with esbuild, or `npx tsx`): the base cache's miss path alone
 * (helper g8). A grouper as `dip settle` creates it but with a base cache of 1 unit per generation (every base
 * recomputed; the per-code caches at their bounds) groups FILE's records of procedure-field kind KIND (0 none,
 * 1 principal only, 2 others; default all) 4 times, read once and kept; prints µs per case of each pass.
 */
import process from 'node:process';
import { createGrouperWith } from '../src/grouping/grouper.js';
import { readRecords } from '../src/io/readRecords.js';
import type { DischargeRecord } from '../src/records/types.js';
import { benchCatalog, benchGrouperOptions, loadBenchPolicy } from './abSetup.js';

const file = process.argv[2] ?? '/tmp/dip-bench/records-200000.csv';
const kind = process.argv[3] === undefined ? -1 : Number(process.argv[3]);
const cat = await benchCatalog();
const g = createGrouperWith(cat.catalog, benchGrouperOptions(loadBenchPolicy('examples/small/policy.json'), cat.classes), { codes: Number(process.env.G8_CODES ?? 5_000), bases: 1 });
const kindOf = (r: DischargeRecord): number => (r.otherProcedures.length > 0 ? 2 : r.principalProcedure === undefined || r.principalProcedure === '' ? 0 : 1);
const recs: DischargeRecord[] = [];
for await (const e of readRecords(file)) if (e.type === 'record' && (kind < 0 || kindOf(e.record) === kind)) recs.push(e.record);
const out: string[] = [];
let sink = 0;
for (let p = 0; p < Number(process.env.G8_PASSES ?? 4); p++) {
  const t0 = process.cpuUsage();
  for (const r of recs) sink += g.group(r).status.length;
  const u = process.cpuUsage(t0);
  out.push(((u.user + u.system) / recs.length).toFixed(3));
}
console.log(`${recs.length} records of kind ${kind}: ${out.join(' ')} µs/case`, sink > 0 ? '' : '!');
