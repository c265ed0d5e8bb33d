/**
 * In-process A/B of a case context's build (`prepareCaseContext`, src/points/casePoints.ts) as the case scorer makes
 * them in `dip settle`: every packet of the Pingdingshan catalog (with its statistics) at the three level coefficients
 * of the bench's hospital table (1.00, 0.85, 0.70; `c_L = c`), `a = 1`, the budget PV of `examples/small/policy.json`
 * — 13,608 contexts, about the 10,580 the 200k run builds. Variants:
 * - `bounds-old` / `bounds-new`: only the integer bounds, `buildScaledContext` of the frozen copy
 *   (tests/points/reference/scaledCasePointsV1.ts, `floorScaled` by six decimal.js operations) against this tree's,
 *   on the same prepared contexts (the integer fields are checked equal);
 * - `--old DIR --new DIR`: additionally the whole `prepareCaseContext` of two trees (e.g. `git archive HEAD` unpacked
 *   with a `node_modules` link, and a copy of it with the change), both imported here (`ctx-old` / `ctx-new`). Not
 *   this tree's own module against another's: this tree's `src/decimal` and `src/points` are also run by the
 *   `bounds-*` variants, and that alone made them ~1.6× slower than an identical copy's. `--outlier` adds
 *   `ctx+outlier-*`: each fresh context scores one low outlier (cost = RW × PV / 10), whose first case builds the
 *   context's integer outlier constants.
 * Interleaved, best of N rounds, process CPU time, µs per context.
 *
 * ```sh
 * npx tsx bench/s6-context-ab.ts --iterations 25 [--old /tmp/s6/old --new /tmp/s6/cur [--outlier]]
 * ```
 */
import process from 'node:process';
import { dec } from '../src/decimal/index.js';
import { prepareCaseContext } from '../src/points/casePoints.js';
import type { scoreCase } from '../src/points/casePoints.js';
import type { CaseContext, CaseContextInput, CasePointsPolicy } from '../src/points/casePoints.js';
import { buildScaledContext } from '../src/points/scaledCasePoints.js';
import type { BoundsSource, ScaledCaseContext } from '../src/points/scaledCasePoints.js';
import { buildScaledContext as buildScaledContextV1 } from '../tests/points/reference/scaledCasePointsV1.js';
import { benchGrouper, benchOptions, loadBenchPolicy, loadLine, runLine } from './abSetup.js';

const opt = benchOptions({ iterations: 15 });
const policy = loadBenchPolicy(opt.policyPath);
const { catalog } = await benchGrouper(policy);
const casePolicy: CasePointsPolicy = { outlier: policy.outlier, rounding: policy.rounding, ungrouped: policy.ungrouped };
const pv = dec(policy.pointValue.pools.employee?.budgetPointValue ?? '5.718153');
const one = dec(1);
const inputs: CaseContextInput[] = [];
for (const c of ['1.00', '0.85', '0.70'].map((t) => dec(t))) {
  for (const p of catalog.packets) inputs.push({ rw: p.points, kind: p.kind, isPrimaryCare: p.isPrimaryCare, coef: c, auxCoef: one, referenceCoef: c, pointValue: pv });
}
const ctxs: CaseContext[] = inputs.map((i) => prepareCaseContext(i, casePolicy));
const o = policy.outlier;
const bounds = (ctx: CaseContext): BoundsSource => ({
  lowBound: ctx.lowBound,
  highBound: ctx.highBound,
  extremeBound: ctx.extremeBound,
  highUpperBound: ctx.highUpperBound,
  lowInclusive: o.lowInclusive,
  highInclusive: o.highInclusive,
  extremeInclusive: o.extremeInclusive,
});
const ints = (s: Pick<ScaledCaseContext, 'tested' | 'aboveMin' | 'lowMax' | 'highMin' | 'extremeMin' | 'upperMin' | 'rn' | 'rs'> | undefined): string => (s === undefined ? '-' : `${s.tested} ${s.aboveMin} ${s.lowMax} ${s.highMin} ${s.extremeMin} ${s.upperMin} ${s.rn} ${s.rs}`);
for (const ctx of ctxs) if (ints(buildScaledContext(ctx, ctx.tested, bounds(ctx))) !== ints(buildScaledContextV1(ctx, ctx.tested, bounds(ctx)))) throw new Error('bounds differ');

type Prepare = typeof prepareCaseContext;
type Score = typeof scoreCase;
type Tree = { prepareCaseContext: Prepare; scoreCase: Score };
const tree = async (dir: string | undefined): Promise<Tree | undefined> => (dir === undefined ? undefined : ((await import(`${dir}/src/points/casePoints.ts`)) as Tree));
const treeOld = await tree(opt.arg('old'));
const treeNew = await tree(opt.arg('new'));
const prepareOld = treeOld?.prepareCaseContext;
const prepareNew = treeNew?.prepareCaseContext;
/** A low outlier of every context (cost = RW × PV / 10: ρ ≈ 0.1 / c): its first one builds the outlier constants. */
const lowCost = inputs.map((i) => dec(i.rw as string).times(pv).div(10).toFixed(2));

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const variants: { name: string; run: () => number }[] = [
  { name: 'bounds-old', run: () => ctxs.reduce((k, ctx) => k + (buildScaledContextV1(ctx, ctx.tested, bounds(ctx))?.aboveMin ?? 0), 0) },
  { name: 'bounds-new', run: () => ctxs.reduce((k, ctx) => k + (buildScaledContext(ctx, ctx.tested, bounds(ctx))?.aboveMin ?? 0), 0) },
];
if (prepareOld !== undefined && prepareNew !== undefined) {
  variants.push({ name: 'ctx-old', run: () => inputs.reduce((k, i) => k + (prepareOld(i, casePolicy).scaled?.aboveMin ?? 0), 0) });
  variants.push({ name: 'ctx-new', run: () => inputs.reduce((k, i) => k + (prepareNew(i, casePolicy).scaled?.aboveMin ?? 0), 0) });
}
if (treeOld !== undefined && treeNew !== undefined && opt.flag('outlier')) {
  // --outlier: a fresh context and its first (low) outlier, i.e. prepareCaseContext + buildOutlierConsts + the points
  const first = (t: Tree) => (): number => inputs.reduce((k, i, j) => k + t.scoreCase(t.prepareCaseContext(i, casePolicy), lowCost[j]!).points.toFixed(4).length, 0);
  variants.push({ name: 'ctx+outlier-old', run: first(treeOld) });
  variants.push({ name: 'ctx+outlier-new', run: first(treeNew) });
}
console.log(runLine(`contexts ${ctxs.length}, iterations ${opt.iterations}`));
const best = new Map<string, number>();
const sums = new Map<string, number>();
for (let k = 0; k < opt.iterations; k++) {
  for (const v of k % 2 === 0 ? variants : [...variants].reverse()) {
    const c0 = cpu();
    const s = v.run();
    const ms = cpu() - c0;
    best.set(v.name, Math.min(best.get(v.name) ?? Infinity, ms));
    sums.set(v.name, s);
  }
}
const us = (ms: number): string => ((ms * 1000) / ctxs.length).toFixed(2);
for (const [a, b] of [
  ['bounds-old', 'bounds-new'],
  ['ctx-old', 'ctx-new'],
  ['ctx+outlier-old', 'ctx+outlier-new'],
] as const) {
  if (!best.has(a)) continue;
  if (sums.get(a) !== sums.get(b)) throw new Error(`${a} / ${b}: different results`);
  console.log(`${a} ${us(best.get(a)!)} → ${b} ${us(best.get(b)!)} µs/context (×${(best.get(b)! / best.get(a)!).toFixed(3)})`);
}
console.log(`load after ${loadLine()}`);
