/**
 * In-process A/B of the run state's per-row entry points, as `dip settle`'s one-thread loop calls them: the state at
 * 25c6084 (`tests/run/reference/runStateV0.ts`: `await state.accepted(c)`, an `async` call with an `await` per issue;
 * session 4 measured against the c646df2 copy, since removed: the two are proven equal by runLoopEquivalence)
 * against this tree's `acceptedNow` (`const p = state.acceptedNow(c); if (p !== undefined) await p;`). The cases are
 * scored once (memoized grouper, this tree's scorer), so only the state and the loop around it are timed, in batches of
 * 1,000 applied by an `async` function per batch as `settleBatches` does. `--sink csv` hands each case to a `CsvWriter`
 * over a discarding stream (a flush promise every 64 KiB, as the CLI's spill), `--sink none` to a no-op. Interleaved,
 * best of N; a first checked run of each compares the runs, case rows and issues (hashes).
 *
 * ```sh
 * npx tsx bench/h1-runstate-ab.ts --records /tmp/dip-bench/records-200000.csv --iterations 7 [--sink csv|none]
 * ```
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CsvWriter } from '../src/io/writeCsv.js';
import { createCaseScorer } from '../src/run/caseScorer.js';
import type { ScoredCase } from '../src/run/caseScorer.js';
import { createRunState } from '../src/run/runState.js';
import type { RunState } from '../src/run/runState.js';
import type { RunSinks } from '../src/run/settleRegionYear.js';
import type { RecordItem } from '../src/run/types.js';
import { createRunState as createRunStateV0 } from '../tests/run/reference/runStateV0.js';
import { acceptedItems, benchGrouper, benchHospitals, benchOptions, caseCells as cells, discardStream as discard, interleavedBest, loadBenchPolicy, loadLine, memoGrouper, readItems, runLine } from './abSetup.js';

const opt = benchOptions({ iterations: 7 });
const iterations = opt.iterations;
const sinkMode = opt.arg('sink') ?? 'csv';
const policy = loadBenchPolicy(opt.policyPath);
const { grouper } = await benchGrouper(policy);
const hospitals = await benchHospitals(opt.hospitalsPath);
const items = await readItems(opt.recordsPath);
const accepted = acceptedItems(items);
const input = { policy, grouper: memoGrouper(grouper, accepted), year: 2025, hospitals };
const scorer = createCaseScorer(input);
type Row = ScoredCase | Extract<RecordItem, { ok: false | 'fileIssues' }>;
const rows: Row[] = items.map((i) => (i.ok === true ? scorer.score(i.record, i.line, i.warnings) : i));
console.log(runLine(`records ${items.length} (accepted ${accepted.length}), sink ${sinkMode}`));

type Apply = (state: RunState, batch: readonly Row[]) => Promise<void>;
const applyOld: Apply = async (state, batch) => {
  for (const x of batch) {
    if ('result' in x) await state.accepted(x);
    else if (x.ok === 'fileIssues') await state.fileIssues(x.issues);
    else await state.rejected(x.line, x.issues);
  }
};
const applyNew: Apply = async (state, batch) => {
  for (const x of batch) {
    if ('result' in x) {
      const p = state.acceptedNow(x);
      if (p !== undefined) await p;
    } else if (x.ok === 'fileIssues') await state.fileIssues(x.issues);
    else {
      const p = state.rejectedNow(x.line, x.issues);
      if (p !== undefined) await p;
    }
  }
};
interface Variant {
  readonly name: string;
  readonly make: (sinks: RunSinks) => RunState;
  readonly apply: Apply;
}
const variants: Variant[] = [
  { name: 'old (25c6084)', make: (s) => createRunStateV0(input, s) as unknown as RunState, apply: applyOld },
  { name: 'new (Now)', make: (s) => createRunState(input, s), apply: applyNew },
];

const BATCH = 1000;
const runOnce = async (v: Variant, check: boolean): Promise<{ ms: number; digest: string }> => {
  const hash = check ? createHash('sha256') : undefined;
  const issues = check ? createHash('sha256') : undefined;
  const w = new CsvWriter(discard(hash), undefined);
  const sinks: RunSinks =
    sinkMode === 'csv'
      ? { onCase: (c) => w.writeRow(cells(c)), onIssue: (i) => void issues?.update(JSON.stringify(i)) }
      : { onCase: (c) => void hash?.update(c.caseId), onIssue: (i) => void issues?.update(JSON.stringify(i)) };
  const state = v.make(sinks);
  const t0 = performance.now();
  await state.start();
  for (let at = 0; at < rows.length; at += BATCH) await v.apply(state, rows.slice(at, at + BATCH));
  const run = await state.finish();
  await w.close();
  const ms = performance.now() - t0;
  return { ms, digest: check ? `${hash!.digest('hex')}/${issues!.digest('hex')}/${createHash('sha256').update(JSON.stringify(run)).digest('hex')}` : '' };
};

const digests = await Promise.all(variants.map(async (v) => (await runOnce(v, true)).digest));
if (digests.some((d) => d !== digests[0])) throw new Error(`outputs differ: ${digests.join(' ')}`);
const best = await interleavedBest(variants, iterations, async (v) => (await runOnce(v, false)).ms);
const us = (ms: number): string => `${((ms * 1000) / rows.length).toFixed(3)} µs/row`;
const [a, b] = variants.map((v) => best.get(v.name)!) as [number, number];
for (const v of variants) console.log(`${v.name.padEnd(14)} best of ${iterations}: ${us(best.get(v.name)!)} (state + loop${sinkMode === 'csv' ? ' + CsvWriter rows' : ''}, finish included)`);
console.log(`new/old ${(b / a).toFixed(3)}; outputs identical (case rows, issues, run); load after ${loadLine()}`);
