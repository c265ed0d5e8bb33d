/**
 * In-process A/B of the case scorer and the run state of two source trees (`--old DIR --new DIR`, e.g. `git archive
 * HEAD` unpacked with a `node_modules` link, and this tree): each tree's `src/run/caseScorer.ts` and
 * `src/run/runState.ts` (with that tree's `src/points`), imported side by side. The records are read and grouped once
 * (this tree's reader and grouper, memoized), so only what the trees differ in is timed:
 * - `score`: a fresh scorer per round (its contexts and coefficient caches built during the round, as in a run) over
 *   every accepted record, in file order;
 * - `state`: a fresh run state per round fed the round's scored cases and the rejected rows with `acceptedNow` /
 *   `rejectedNow` (no-op case sink, issues collected), then `finish()`.
 * Interleaved, best of N rounds (process CPU time and wall), µs per accepted case. The first round of each variant
 * checks the outputs: every ScoredCase deep-equal between the trees, and the same finished run (JSON).
 *
 * ```sh
 * npx tsx bench/s6-score-ab.ts --old /tmp/s6/old --new . --records /tmp/dip-bench/records-200000.csv --iterations 7
 * ```
 */
import process from 'node:process';
import { isDeepStrictEqual } from 'node:util';
import type { CaseScorer, ScorerInput, ScoredCase } from '../src/run/caseScorer.js';
import type { RunState } from '../src/run/runState.js';
import type { RegionYearInput, RunSinks } from '../src/run/settleRegionYear.js';
import type { CaseResult } from '../src/run/types.js';
import { acceptedItems, benchGrouper, benchHospitals, benchOptions, loadBenchPolicy, loadLine, memoGrouper, readItems, runLine } from './abSetup.js';

const opt = benchOptions({ iterations: 7 });
const roots = { old: opt.arg('old') ?? '/tmp/s6/old', new: opt.arg('new') ?? process.cwd() };
const parts = (opt.arg('part') ?? 'score,state').split(',');
const policy = loadBenchPolicy(opt.policyPath);
const { grouper } = await benchGrouper(policy);
const hospitals = await benchHospitals(opt.hospitalsPath);
const items = await readItems(opt.recordsPath);
const accepted = acceptedItems(items);
const scorerInput: ScorerInput = { policy, grouper: memoGrouper(grouper, accepted), year: 2025, hospitals };
const n = accepted.length;

interface Variant {
  readonly name: string;
  readonly createCaseScorer: (input: ScorerInput) => CaseScorer;
  readonly createRunState: (input: Omit<RegionYearInput, 'records'>, sinks: RunSinks) => RunState;
}
const variants: Variant[] = [];
for (const name of ['old', 'new'] as const) {
  const s = (await import(`${roots[name]}/src/run/caseScorer.ts`)) as { createCaseScorer: Variant['createCaseScorer'] };
  const r = (await import(`${roots[name]}/src/run/runState.ts`)) as { createRunState: Variant['createRunState'] };
  variants.push({ name, createCaseScorer: s.createCaseScorer, createRunState: r.createRunState });
}
console.log(runLine(`records ${items.length} (accepted ${n}), parts ${parts.join('+')}, old ${roots.old}, new ${roots.new}`));

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Score every accepted record with a fresh scorer: the cases (per item index, undefined for other items) and the times. */
function scoreAll(v: Variant): { cases: (ScoredCase | undefined)[]; cpu: number; wall: number } {
  const scorer = v.createCaseScorer(scorerInput);
  const cases: (ScoredCase | undefined)[] = new Array<ScoredCase | undefined>(items.length);
  const c0 = cpu();
  const t0 = now();
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.ok === true) cases[i] = scorer.score(it.record, it.line, it.warnings);
  }
  return { cases, cpu: cpu() - c0, wall: now() - t0 };
}

/** Apply the items (scored cases, rejected rows, file issues) to a fresh state, then finish: the run and the times. */
async function applyAll(v: Variant, cases: readonly (ScoredCase | undefined)[]): Promise<{ run: unknown; rows: number; cpu: number; wall: number }> {
  let rows = 0;
  const sinks: RunSinks = {
    onCase: (_c: CaseResult) => {
      rows++;
    },
  };
  const state = v.createRunState({ policy, grouper: scorerInput.grouper, year: 2025, hospitals }, sinks);
  const c0 = cpu();
  const t0 = now();
  await state.start();
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    let p: Promise<void> | undefined;
    if (it.ok === true) p = state.acceptedNow(cases[i]!);
    else if (it.ok === 'fileIssues') p = state.fileIssues(it.issues);
    else p = state.rejectedNow(it.line, it.issues);
    if (p !== undefined) await p;
  }
  const run = await state.finish();
  return { run, rows, cpu: cpu() - c0, wall: now() - t0 };
}

const best = new Map<string, { cpu: number; wall: number }>();
const keep = (key: string, t: { cpu: number; wall: number }): void => {
  const b = best.get(key);
  best.set(key, { cpu: Math.min(b?.cpu ?? Infinity, t.cpu), wall: Math.min(b?.wall ?? Infinity, t.wall) });
};
let firstCases: (ScoredCase | undefined)[] | undefined;
let firstRun: string | undefined;
for (let k = 0; k < opt.iterations; k++) {
  for (const v of k % 2 === 0 ? variants : [...variants].reverse()) {
    const s = scoreAll(v);
    if (parts.includes('score')) keep(`score ${v.name}`, s);
    if (k === 0) {
      if (firstCases === undefined) firstCases = s.cases;
      else {
        for (let i = 0; i < items.length; i++) if (!isDeepStrictEqual(firstCases[i], s.cases[i])) throw new Error(`item ${i}: ScoredCase differs between the trees`);
        console.log(`score: ${n} ScoredCases deep-equal between the trees`);
      }
    }
    if (parts.includes('state')) {
      const r = await applyAll(v, s.cases);
      keep(`state ${v.name}`, r);
      if (k === 0) {
        const json = JSON.stringify(r.run) + String(r.rows);
        if (firstRun === undefined) firstRun = json;
        else if (json !== firstRun) throw new Error('finished runs differ between the trees');
        else console.log(`state: finished runs equal (JSON, ${r.rows} case rows)`);
      }
    }
  }
}
const us = (ms: number): string => ((ms * 1000) / n).toFixed(3);
for (const part of parts) {
  const o = best.get(`${part} old`)!;
  const w = best.get(`${part} new`)!;
  console.log(`${part.padEnd(5)} cpu old ${us(o.cpu)} → new ${us(w.cpu)} µs/case (×${(w.cpu / o.cpu).toFixed(3)}); wall ${us(o.wall)} → ${us(w.wall)} (×${(w.wall / o.wall).toFixed(3)})`);
}
console.log(`load after ${loadLine()}`);
