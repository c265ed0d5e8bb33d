/**
 * `node --cpu-prof --import tsx bench/g6-prof.ts [FILE] [PASSES]`: `grouper.group` alone as `dip settle` creates it
 * (trace `summary`), on FILE's records read once and kept (default the 200k file), PASSES passes (default 5), for a
 * CPU profile of the grouper's per-case work (helper g6).
 */
import process from 'node:process';
import { readRecords } from '../src/io/readRecords.js';
import type { DischargeRecord } from '../src/records/types.js';
import { benchGrouper, loadBenchPolicy } from './abSetup.js';

const file = process.argv[2] ?? '/tmp/dip-bench/records-200000.csv';
const passes = Number(process.argv[3] ?? '5');
const { grouper: g } = await benchGrouper(loadBenchPolicy('examples/small/policy.json'));
const recs: DischargeRecord[] = [];
for await (const e of readRecords(file)) if (e.type === 'record') recs.push(e.record);
let aux = 0;
let grouped = 0;
const t0 = process.cpuUsage();
for (let p = 0; p < passes; p++) {
  for (const r of recs) {
    const x = g.group(r);
    if (x.status === 'grouped') {
      grouped++;
      if (x.auxSubtype !== undefined) aux++;
    }
  }
}
const u = process.cpuUsage(t0);
console.log(`${recs.length} × ${passes}: ${(((u.user + u.system) / recs.length / passes)).toFixed(3)} µs/case cpu; grouped ${grouped}, with an aux subtype ${aux}`);
