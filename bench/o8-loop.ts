/**
 * Stage timing of the run loop of `dip settle` pass 1 on records held in memory (grouper memoised): `warm` the scorer
 * with its contexts already built (one scorer for every round), `score` a fresh scorer (the contexts built again: the
 * difference is their cost), `state` scorer + run state (no sinks), `write` scorer + run state + the former case-row
 * writer (`CsvWriter.writeRow(caseRow(c))` over a discarding stream). Best of N; `--only NAME` runs one stage. Records
 * held in memory are read back from RAM, not from the CPU caches as in the streaming run, so absolute µs are high. For profiling (`node --cpu-prof --import tsx bench/o8-loop.ts`).
 *
 * ```sh
 * npx tsx bench/o8-loop.ts --records /tmp/dip-bench/records-200000.csv --iterations 5 --policy examples/small/policy.json
 * ```
 */
import { performance } from 'node:perf_hooks';
import { CASE_HEADER, CASE_NUMERIC, caseRow } from '../src/cli/commands/settle.js';
import { CsvWriter } from '../src/io/writeCsv.js';
import { createCaseScorer } from '../src/run/caseScorer.js';
import { createRunState } from '../src/run/runState.js';
import { acceptedItems, benchGrouper, benchHospitals, benchOptions, discardStream, loadBenchPolicy, memoGrouper, readItems, runLine } from './abSetup.js';

const opt = benchOptions({ iterations: 5 });
const policy = loadBenchPolicy(opt.policyPath);
const { grouper } = await benchGrouper(policy);
const hospitals = await benchHospitals(opt.hospitalsPath);
const items = await readItems(opt.recordsPath);
const accepted = acceptedItems(items);
const memo = memoGrouper(grouper, accepted);
const input = { policy, grouper: memo, year: 2025, hospitals };
const only = opt.arg('only');
console.log(runLine(`accepted ${accepted.length}`));
const warmScorer = createCaseScorer(input);
const stages = {
  warm: (): void => {
    for (const it of accepted) warmScorer.score(it.record, it.line, it.warnings);
  },
  score: (): void => {
    const s = createCaseScorer(input);
    for (const it of accepted) s.score(it.record, it.line, it.warnings);
  },
  state: async (): Promise<void> => {
    const s = createCaseScorer(input);
    const st = createRunState(input, { onIssue: () => undefined });
    await st.start();
    for (const it of accepted) {
      const p = st.acceptedNow(s.score(it.record, it.line, it.warnings));
      if (p !== undefined) await p;
    }
  },
  write: async (): Promise<void> => {
    const s = createCaseScorer(input);
    const w = new CsvWriter(discardStream(undefined), CASE_HEADER, { numericColumns: CASE_NUMERIC, byteChunks: true });
    const st = createRunState(input, { onIssue: () => undefined, onCase: (c) => w.writeRow(caseRow(c)) });
    await st.start();
    for (const it of accepted) {
      const p = st.acceptedNow(s.score(it.record, it.line, it.warnings));
      if (p !== undefined) await p;
    }
    await w.close();
  },
};
const best = new Map<string, number>();
for (let k = 0; k < opt.iterations; k++) {
  for (const [name, f] of Object.entries(stages)) {
    if (only !== undefined && only !== name) continue;
    const t0 = performance.now();
    await f();
    const ms = performance.now() - t0;
    best.set(name, Math.min(best.get(name) ?? Infinity, ms));
  }
}
for (const [name, ms] of best) console.log(`${name}: ${((ms * 1000) / accepted.length).toFixed(3)} us/case`);
