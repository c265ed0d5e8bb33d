/**
 * Run loop A/B in one process: `settleRegionYear` over RecordItems held in memory (no reading, no writing), for
 * several source trees of `src/run` (interleaved, best of N), plus the scorer and the state of this tree timed
 * apart, and `structuredClone` of 25,000 `ScoredCase`s.
 *
 * ```sh
 * # trees to compare (each a copy of `src/` with node_modules linked), e.g. before the split and after it:
 * mkdir -p /tmp/ab/v0 && git archive d241655 src | tar -x -C /tmp/ab/v0 && ln -s "$PWD/node_modules" /tmp/ab/v0/
 * npx tsx bench/run-loop-ab.ts --records /tmp/dip-bench/records-200000.csv \
 *   --hospitals /tmp/dip-bench/records-200000-hospitals.csv --tree before=/tmp/ab/v0 --iterations 3 [--policy P.json]
 * ```
 *
 * Default policy: the `pingdingshan-2025` preset (no PV in force: every case is `noReference` with a once-issue).
 *
 * Every variant's summary, statements, case rows and issues are checked equal (as JSON) to this tree's first.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createCaseScorer } from '../src/run/caseScorer.js';
import type { CaseGrouper, ScoredCase } from '../src/run/caseScorer.js';
import { createRunState } from '../src/run/runState.js';
import type { RegionYearInput, RunSinks } from '../src/run/settleRegionYear.js';
import { settleRegionYear } from '../src/run/settleRegionYear.js';
import type { RecordItem, SettlementRun } from '../src/run/types.js';
import { acceptedItems, benchGrouper, benchHospitals, benchOptions, loadBenchPolicy, memoGrouper, readItems, runLine } from './abSetup.js';

type Settle = (input: RegionYearInput, sinks?: RunSinks) => Promise<SettlementRun>;

const opt = benchOptions({ iterations: 3 });
const iterations = opt.iterations;
const trees = opt.all('tree').map((t) => {
  const [name, dir] = t.split('=') as [string, string];
  return { name, dir };
});
// default: the bare preset (no `--policy`), as this bench always ran
const policy = loadBenchPolicy(opt.arg('policy'));
const { grouper } = await benchGrouper(policy);
const hospitals = await benchHospitals(opt.hospitalsPath);
const items = await readItems(opt.recordsPath);
const accepted = acceptedItems(items);
// A grouper that returns precomputed results: the run loop without the grouper's own time.
const memo = memoGrouper(grouper, accepted);
console.log(runLine(`records ${items.length} (accepted ${accepted.length}), hospitals ${hospitals.length}`));

const variants: { name: string; settle: Settle }[] = [{ name: 'this tree', settle: settleRegionYear }];
for (const t of trees) {
  const mod = (await import(pathToFileURL(`${t.dir}/src/run/settleRegionYear.ts`).href)) as { settleRegionYear: Settle };
  variants.push({ name: t.name, settle: mod.settleRegionYear });
}

const once = async (settle: Settle, g: CaseGrouper): Promise<{ ms: number; json: string }> => {
  let cases = 0;
  let issues = 0;
  const rows: string[] = []; // the first 2,000 case rows, compared between variants
  const t0 = performance.now();
  const run = await settle({ records: items, policy, grouper: g, year: 2025, hospitals }, { onCase: (c) => void (++cases <= 2000 && rows.push(JSON.stringify(c))), onIssue: () => void issues++ });
  const ms = performance.now() - t0;
  return { ms, json: JSON.stringify([run.summary, run.hospitals, cases, issues, rows]) };
};

for (const [label, g] of [
  ['with grouper', grouper],
  ['grouper memoized', memo],
] as const) {
  const best = new Map<string, number>();
  let reference: string | undefined;
  for (let k = 0; k < iterations; k++) {
    for (const v of variants) {
      const r = await once(v.settle, g);
      reference ??= r.json;
      if (r.json !== reference) throw new Error(`${v.name}: output differs from this tree's`);
      best.set(v.name, Math.min(best.get(v.name) ?? Infinity, r.ms));
    }
  }
  for (const v of variants) {
    const ms = best.get(v.name)!;
    console.log(`${label.padEnd(17)} ${v.name.padEnd(12)} best of ${iterations}: ${ms.toFixed(0)} ms, ${((ms * 1000) / items.length).toFixed(2)} µs/case`);
  }
}

// scorer and state apart (this tree), memoized grouper
{
  const scorer = createCaseScorer({ policy, grouper: memo, year: 2025, hospitals });
  let bestScore = Infinity;
  let bestState = Infinity;
  for (let k = 0; k < iterations; k++) {
    const t0 = performance.now();
    const scored: (ScoredCase | RecordItem)[] = items.map((i) => (i.ok === true ? scorer.score(i.record, i.line, i.warnings) : i));
    const t1 = performance.now();
    const state = createRunState({ policy, grouper: memo, year: 2025, hospitals }, { onCase: () => undefined, onIssue: () => undefined });
    await state.start();
    for (const x of scored) {
      if ('result' in x) await state.accepted(x);
      else if (x.ok === 'fileIssues') await state.fileIssues(x.issues);
      else if (x.ok === false) await state.rejected(x.line, x.issues);
    }
    await state.finish();
    const t2 = performance.now();
    bestScore = Math.min(bestScore, t1 - t0);
    bestState = Math.min(bestState, t2 - t1);
  }
  console.log(`scorer (memoized grouper) best of ${iterations}: ${bestScore.toFixed(0)} ms, ${((bestScore * 1000) / items.length).toFixed(2)} µs/case`);
  console.log(`state (accepted + finish)  best of ${iterations}: ${bestState.toFixed(0)} ms, ${((bestState * 1000) / items.length).toFixed(2)} µs/case`);

  // structuredClone of 25,000 ScoredCases (what a worker posts); also without their once-issues (a policy with a PV in
  // force has none on most cases, the preset without one has `points.reference_missing` on every case)
  const sample = accepted.slice(0, 25_000).map((i) => scorer.score(i.record, i.line, i.warnings));
  const lean = sample.map((c) => ({ ...c, onceIssues: undefined }));
  for (const [name, list] of [
    ['ScoredCases', sample],
    ['ScoredCases without once-issues', lean],
  ] as const) {
    let bestArray = Infinity;
    let bestEach = Infinity;
    for (let k = 0; k < Math.max(5, iterations); k++) {
      const t0 = performance.now();
      structuredClone(list);
      const t1 = performance.now();
      for (const s of list) structuredClone(s);
      const t2 = performance.now();
      bestArray = Math.min(bestArray, t1 - t0);
      bestEach = Math.min(bestEach, t2 - t1);
    }
    const bytes = JSON.stringify(list).length;
    console.log(`structuredClone of ${list.length} ${name}: one array ${((bestArray * 1000) / list.length).toFixed(2)} µs/case, one by one ${((bestEach * 1000) / list.length).toFixed(2)} µs/case (JSON ${(bytes / list.length).toFixed(0)} bytes/case)`);
  }
}
