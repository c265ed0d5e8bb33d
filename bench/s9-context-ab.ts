/**
 * In-process A/B of the case scorer's per-context work (src/run/caseScorer.ts with its src/points) of two source
 * trees (`--old DIR --new DIR`, e.g. `git archive HEAD` unpacked with a `node_modules` link, and this tree): the
 * records of the file are grouped once (this tree's grouper, memoized), then for each distinct context of the run
 * (packet × coefficient level × auxiliary coefficient × kind; 10,580 in the 200k file) its first case is scored with
 * a fresh scorer per round, so each round builds every context once as a run does (prepareCaseContext, the scaled
 * bounds, the normal points text, the ρ and outlier constants on first use). `--all` scores every accepted record
 * instead (the whole scorer, as bench/s6-score-ab.ts). Interleaved, best of N rounds (process CPU), µs per case; the
 * first round checks that both trees give deep-equal ScoredCases.
 *
 * ```sh
 * npx tsx bench/s9-context-ab.ts --old /tmp/s9/old --new /work/main --records /tmp/dip-bench/records-200000.csv --iterations 15
 * ```
 */
import process from 'node:process';
import { isDeepStrictEqual } from 'node:util';
import type { CaseScorer, ScorerInput, ScoredCase } from '../src/run/caseScorer.js';
import { acceptedItems, benchGrouper, benchHospitals, benchOptions, loadBenchPolicy, loadLine, memoGrouper, readItems, runLine } from './abSetup.js';

const opt = benchOptions({ iterations: 15 });
const roots = { old: opt.arg('old') ?? '/tmp/s9/old', new: opt.arg('new') ?? process.cwd() };
const all = process.argv.includes('--all');
const policy = loadBenchPolicy(opt.policyPath);
const { grouper } = await benchGrouper(policy);
const hospitals = await benchHospitals(opt.hospitalsPath);
const items = await readItems(opt.recordsPath);
const accepted = acceptedItems(items);
const g = memoGrouper(grouper, accepted);
const level = new Map(hospitals.map((h) => [h.hospitalId, h.level]));
const seen = new Set<string>();
const cases = all
  ? accepted
  : accepted.filter((it) => {
      const r = g.group(it.record);
      if (r.status !== 'grouped') return false;
      const k = `${r.packetCode}|${level.get(it.record.hospitalId) ?? ''}|${r.auxCoef}|${r.kind}|${String(r.isPrimaryCare)}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
const scorerInput: ScorerInput = { policy, grouper: g, year: 2025, hospitals };
const variants: { name: string; create: (i: ScorerInput) => CaseScorer }[] = [];
for (const name of ['old', 'new'] as const) {
  const m = (await import(`${roots[name]}/src/run/caseScorer.ts`)) as { createCaseScorer: (i: ScorerInput) => CaseScorer };
  variants.push({ name, create: m.createCaseScorer });
}
console.log(runLine(`${all ? 'every accepted case' : 'first case of each context'}: ${cases.length}, old ${roots.old}, new ${roots.new}`));
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const best = new Map<string, number>();
let first: ScoredCase[] | undefined;
for (let k = 0; k < opt.iterations; k++) {
  for (const v of k % 2 === 0 ? variants : [...variants].reverse()) {
    const s = v.create(scorerInput);
    const out: ScoredCase[] = new Array<ScoredCase>(cases.length);
    const c0 = cpu();
    for (let i = 0; i < cases.length; i++) out[i] = s.score(cases[i]!.record, cases[i]!.line, cases[i]!.warnings);
    const t = cpu() - c0;
    best.set(v.name, Math.min(best.get(v.name) ?? Infinity, t));
    if (k === 0) {
      if (first === undefined) first = out;
      else {
        for (let i = 0; i < out.length; i++) if (!isDeepStrictEqual(first[i], out[i])) throw new Error(`case ${i}: ScoredCase differs between the trees`);
        console.log(`${out.length} ScoredCases deep-equal between the trees`);
      }
    }
  }
}
const us = (ms: number): string => ((ms * 1000) / cases.length).toFixed(3);
const o = best.get('old')!;
const w = best.get('new')!;
console.log(`best of ${opt.iterations}: old ${us(o)} → new ${us(w)} µs/case (×${(w / o).toFixed(3)}); load after ${loadLine()}`);
