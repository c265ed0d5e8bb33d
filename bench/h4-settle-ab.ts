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
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import process from 'node:process';
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { createGrouper } from '../src/grouping/index.js';
import type { GroupResult } from '../src/grouping/types.js';
import { loadCatalog } from '../src/io/loadCatalog.js';
import { loadHospitals } from '../src/io/loadHospitals.js';
import { loadProcedureClasses } from '../src/io/loadProcedureClasses.js';
import { fixturePaths } from '../src/io/loadPacketStats.js';
import { readRecords } from '../src/io/readRecords.js';
import { CsvWriter } from '../src/io/writeCsv.js';
import { resolvePolicy, validatePolicy } from '../src/policy/index.js';
import type { DischargeRecord } from '../src/records/types.js';
import type { CaseGrouper } from '../src/run/caseScorer.js';
import { recordItemsFromReader } from '../src/run/readerItems.js';
import { settleRegionYear } from '../src/run/settleRegionYear.js';
import type { RunSinks } from '../src/run/settleRegionYear.js';
import type { CaseResult, RecordItem } from '../src/run/types.js';
import { settleRegionYearH4 } from '../tests/run/reference/settleRegionYearH4.js';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
};
const recordsPath = arg('records') ?? '/tmp/dip-bench/records-200000.csv';
const hospitalsPath = arg('hospitals') ?? recordsPath.replace(/\.csv$/, '-hospitals.csv');
const iterations = Number(arg('iterations') ?? '7');
const policyPath = arg('policy') ?? 'examples/small/policy.json';
const sinkMode = arg('sink') ?? 'csv';

const validated = validatePolicy(JSON.parse(readFileSync(policyPath, 'utf8')) as unknown);
if (!validated.ok) throw new Error(JSON.stringify(validated.issues));
const resolved = resolvePolicy(validated.value, '2025-12-31');
if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
const policy = resolved.value;
const paths = fixturePaths('fixtures');
const [cat, cls] = await Promise.all([loadCatalog(paths.catalog, { statsPath: paths.packetStats }), loadProcedureClasses(paths.procedureClasses)]);
const grouper = createGrouper(cat.catalog, { options: policy.grouping, auxiliary: policy.auxiliary, procedureClasses: { get: (code) => cls.table.classOf(code) }, trace: 'summary' });
const hospitals = (await loadHospitals(hospitalsPath)).rows;
const items: RecordItem[] = [];
for await (const it of recordItemsFromReader(readRecords(recordsPath))) items.push(it);
const accepted = items.filter((i): i is Extract<RecordItem, { ok: true }> => i.ok === true);
const grouped = new Map<DischargeRecord, GroupResult>(accepted.map((i) => [i.record, grouper.group(i.record)]));
const memo: CaseGrouper = { group: (r) => grouped.get(r)! };
const input = { records: items, policy, grouper: memo, year: 2025, hospitals };
console.log(`records ${items.length} (accepted ${accepted.length}), sink ${sinkMode}, node ${process.version}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

const cells = (c: CaseResult): string[] => [String(c.line), c.caseId, c.hospitalId, c.pool, c.month, c.status, c.packetCode ?? '', c.packetKind ?? '', c.outlier ?? '', c.coefficient ?? '', c.auxCoef ?? '', c.ratio ?? '', c.casePoints, c.totalCost, c.reason ?? ''];
const discard = (hash: ReturnType<typeof createHash> | undefined): Writable =>
  new Writable({
    write(chunk: Buffer | string, _enc, cb): void {
      hash?.update(chunk);
      cb();
    },
  });

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
const best = new Map<string, number>();
for (let k = 0; k < iterations; k++) {
  for (const v of k % 2 === 0 ? variants : [...variants].reverse()) {
    const r = await runOnce(v, false);
    best.set(v.name, Math.min(best.get(v.name) ?? Infinity, r.ms));
  }
}
const us = (ms: number): string => `${((ms * 1000) / items.length).toFixed(3)} µs/row`;
const [a, b] = variants.map((v) => best.get(v.name)!) as [number, number];
for (const v of variants) console.log(`${v.name.padEnd(14)} best of ${iterations}: ${us(best.get(v.name)!)} (scorer + state + loop${sinkMode === 'csv' ? ' + CsvWriter rows' : ''}, finish included)`);
console.log(`new/old ${(b / a).toFixed(3)}; outputs identical (case rows, issues, run); load after ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
