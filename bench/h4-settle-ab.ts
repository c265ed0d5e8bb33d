/**
 * In-process A/B of the library entry point `settleRegionYear`: the frozen loop of a242c96
 * (`tests/run/reference/settleRegionYearH4.ts`, `await state.accepted(…)` per row) against this tree's (the state's
 * `acceptedNow` / `rejectedNow`, awaiting only a returned promise). The records are read once into memory and grouped
 * once (memoized grouper), so the scorer, the state and the loop are timed; records given as an array (`for await`
 * over a sync iterable), sinks no-op (`--sink none`) or a `CsvWriter` over a discarding stream (`--sink csv`).
 * Interleaved, best of N; a first checked run of each compares the runs, case rows and issues (hashes).
 *
 * ```sh
 * npx tsx bench/h4-settle-ab.ts --records /tmp/dip-bench/records-200000.csv --iterations 7 [--sink csv|none]
 * ```
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CsvWriter } from '../src/io/writeCsv.js';
import { settleRegionYear } from '../src/run/settleRegionYear.js';
import type { RunSinks } from '../src/run/settleRegionYear.js';
import { settleRegionYearH4 } from '../tests/run/reference/settleRegionYearH4.js';
import { acceptedItems, benchGrouper, benchHospitals, benchOptions, caseCells as cells, discardStream as discard, interleavedBest, loadBenchPolicy, loadLine, memoGrouper, readItems, runLine } from './abSetup.js';

const opt = benchOptions({ iterations: 7 });
const iterations = opt.iterations;
const sinkMode = opt.arg('sink') ?? 'csv';
const policy = loadBenchPolicy(opt.policyPath);
const { grouper } = await benchGrouper(policy);
const hospitals = await benchHospitals(opt.hospitalsPath);
const items = await readItems(opt.recordsPath);
const accepted = acceptedItems(items);
const input = { records: items, policy, grouper: memoGrouper(grouper, accepted), year: 2025, hospitals };
console.log(runLine(`records ${items.length} (accepted ${accepted.length}), sink ${sinkMode}`));

const variants = [
  { name: 'old (a242c96)', settle: settleRegionYearH4 },
  { name: 'new (Now)', settle: settleRegionYear },
];
const runOnce = async (v: (typeof variants)[number], check: boolean): Promise<{ ms: number; digest: string }> => {
  const hash = check ? createHash('sha256') : undefined;
  const issues = check ? createHash('sha256') : undefined;
  const w = new CsvWriter(discard(hash), undefined);
  const sinks: RunSinks =
    sinkMode === 'csv'
      ? { onCase: (c) => w.writeRow(cells(c)), onIssue: (i) => void issues?.update(JSON.stringify(i)) }
      : { onCase: (c) => void hash?.update(c.caseId), onIssue: (i) => void issues?.update(JSON.stringify(i)) };
  const t0 = performance.now();
  const run = await v.settle(input, sinks);
  await w.close();
  const ms = performance.now() - t0;
  return { ms, digest: check ? `${hash!.digest('hex')}/${issues!.digest('hex')}/${createHash('sha256').update(JSON.stringify(run)).digest('hex')}` : '' };
};

const digests: string[] = [];
for (const v of variants) digests.push((await runOnce(v, true)).digest);
if (digests.some((d) => d !== digests[0])) throw new Error(`outputs differ: ${digests.join(' ')}`);
const best = await interleavedBest(variants, iterations, async (v) => (await runOnce(v, false)).ms);
const us = (ms: number): string => `${((ms * 1000) / items.length).toFixed(3)} µs/row`;
const [a, b] = variants.map((v) => best.get(v.name)!) as [number, number];
for (const v of variants) console.log(`${v.name.padEnd(14)} best of ${iterations}: ${us(best.get(v.name)!)} (scorer + state + loop${sinkMode === 'csv' ? ' + CsvWriter rows' : ''}, finish included)`);
console.log(`new/old ${(b / a).toFixed(3)}; outputs identical (case rows, issues, run); load after ${loadLine()}`);
