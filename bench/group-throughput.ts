/**
 * `npx tsx bench/group-throughput.ts [rows] [trace]`: generate a seeded synthetic year in memory (default 200,000
 * cases), then time `grouper.group()` over all of it with the pingdingshan-2025 preset and print cases/s.
 * Grouping only: generating, validating and points are not timed. `trace` is `summary` (default) or `full`.
 *
 * Two passes over the same cases: the records exactly as `validateRecord` returns them, and structured copies of
 * them (plain object literals with fast properties). The gap between the two is the cost of reading the record
 * objects themselves, reported separately as a baseline that only reads four fields per record.
 */
import process from 'node:process';
import type { DischargeRecord } from '../src/records/types.js';
import type { Grouper, TraceLevel } from '../src/grouping/index.js';
import { pingdingshanGrouper, syntheticCases } from './group-common.js';

const rows = Number(process.argv[2] ?? 200_000);
const trace = (process.argv[3] ?? 'summary') as TraceLevel;
const { grouper } = await pingdingshanGrouper(trace);
const validated: DischargeRecord[] = [];
for await (const c of syntheticCases({ rows, seed: 'dip-engine-2025' })) if (c.record !== undefined) validated.push(c.record);
const copies: DischargeRecord[] = validated.map((r) => JSON.parse(JSON.stringify(r)) as DischargeRecord);

function timeIt(records: readonly DischargeRecord[], f: (r: DischargeRecord) => number): number {
  let acc = 0;
  const t = process.hrtime.bigint();
  for (const r of records) acc += f(r);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (acc < 0) console.log(acc);
  return ms;
}
const readFour = (r: DischargeRecord): number => r.principalDx.length + r.otherProcedures.length + r.caseId.length + (r.principalProcedure?.length ?? 0);
const groupOne = (g: Grouper) => (r: DischargeRecord): number => (g.group(r).status === 'grouped' ? 1 : 0);

function report(name: string, records: readonly DischargeRecord[]): void {
  timeIt(records, groupOne(grouper)); // warm-up
  const base = [1, 2, 3].map(() => timeIt(records, readFour)).sort((a, b) => a - b)[0] ?? 1;
  const runs = [1, 2, 3, 4, 5].map(() => timeIt(records, groupOne(grouper))).sort((a, b) => a - b);
  const best = runs[0] ?? 1;
  const median = runs[2] ?? 1;
  const perSec = (ms: number): string => Math.round((records.length / ms) * 1000).toLocaleString('en-US');
  console.log(`${name}: baseline (read 4 fields) ${((base * 1e6) / records.length).toFixed(0)} ns/case; group best ${perSec(best)} cases/s (${((best * 1e6) / records.length).toFixed(0)} ns/case), median ${perSec(median)} cases/s`);
}
console.log(`node ${process.version}, ${validated.length} records in memory, trace ${trace}`);
report('records from validateRecord', validated);
report('structured copies          ', copies);
