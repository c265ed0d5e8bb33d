/**
 * `npx tsx bench/points-ab.ts [rows] [rounds]`: case points A/B in one process, interleaved, best of `rounds`
 * (default 5) — the decimal path (`scoreCaseDecimal`), the fast path as it was before the integer outlier path
 * (normal / not tested on integers, outliers by decimal.js: "before"), and `scoreCase` now, with low / high / extreme
 * outliers on integers too ("after"; src/points/scaledCasePoints.ts, src/points/decimal40.ts).
 *
 * Two batches:
 * 1. Pingdingshan: a seeded synthetic year (default 200,000 rows) validated as `readRecords` would, grouped with the
 *    real Pingdingshan catalog and preset; one context per (packet, a, hospital coefficient) as in
 *    `settleRegionYear`, coefficients 1.00 / 0.85 / 0.70 by hospital (the preset's byLevel), PV in force a
 *    budget-style PV from the data (Σ cost / Σ RW × c) at 4 dp as a policy states it, or unrounded (40 digits, so
 *    R has a long mantissa and the ρ text takes the BigInt branch).
 * 2. Synthetic: 500 random contexts (RW up to 6 dp) and costs drawn around R (≈ 3 % low, 3 % high outliers),
 *    cost text with 2 dp as the reader gives it.
 *
 * Per batch: `scoreCase` alone; `scoreCase` + the ρ text the run prints (`rho.toFixed(6)` vs `rhoToFixed(cp, 6)`);
 * and grouper + scoreCase together (Pingdingshan); then the same for the outliers only. Before timing, every case is
 * checked: same class, points, ρ text on all three paths.
 */
import process from 'node:process';
import { dec } from '../src/decimal/index.js';
import type { CaseContext, CasePointsResult } from '../src/points/casePoints.js';
import { prepareCaseContext, rhoToFixed, scoreCase, scoreCaseDecimal } from '../src/points/casePoints.js';
import { getPreset, resolvePolicy } from '../src/policy/index.js';
import type { DischargeRecord } from '../src/records/types.js';
import { pingdingshanGrouper, syntheticCases } from './group-common.js';

const rows = Number(process.argv[2] ?? 200_000);
const rounds = Number(process.argv[3] ?? 5);
const resolved = resolvePolicy(getPreset('pingdingshan-2025'), '2025-06-30');
if (!resolved.ok) throw new Error('pingdingshan-2025 does not resolve');
const policy = resolved.value;
const casePolicy = { outlier: policy.outlier, rounding: policy.rounding, ungrouped: policy.ungrouped };
const COEFS = ['1.00', '0.85', '0.70'] as const;
const coefOf = (hospitalId: string): string => COEFS[[...hospitalId].reduce((s, ch) => s + ch.charCodeAt(0), 0) % 3]!;
const LONG_PV = dec(1_000_000_000).div(97_345_678).toString(); // 10.27266… (40 significant digits), synthetic batch

interface Item {
  readonly ctx: CaseContext;
  readonly cost: string;
}

type Score = (ctx: CaseContext, cost: string) => CasePointsResult;
const OLD: Score = scoreCaseDecimal;
const NEW: Score = scoreCase;
/**
 * The fast path as it was before the integer outlier path (normal / not tested on integers, low / high / extreme by
 * decimal.js): `scoreCase` on a copy of the context whose outlier constants are marked unsupported.
 */
const prevCtxs = new WeakMap<CaseContext, CaseContext>();
const prevOf = (ctx: CaseContext): CaseContext => {
  let p = prevCtxs.get(ctx);
  if (p === undefined) prevCtxs.set(ctx, (p = ctx.scaled === undefined ? ctx : { ...ctx, scaled: { ...ctx.scaled, outlier: null } }));
  return p;
};
const PREV: Score = (ctx, cost) => scoreCase(prevOf(ctx), cost);
const isOutlier = (it: Item): boolean => !['normal', 'notTested'].includes(OLD(it.ctx, it.cost).outlierClass);

/** Same class, points and ρ text on both paths, for every case. */
function check(items: readonly Item[]): { normal: number; other: number } {
  let normal = 0;
  let other = 0;
  for (const it of items) {
    const a = OLD(it.ctx, it.cost);
    const b = NEW(it.ctx, it.cost);
    const ta = a.rho?.toFixed(6);
    const tb = rhoToFixed(b, 6);
    const c = PREV(it.ctx, it.cost);
    if (a.outlierClass !== b.outlierClass || !a.points.eq(b.points) || ta !== tb || !c.points.eq(b.points) || rhoToFixed(c, 6) !== tb) throw new Error(`mismatch at cost ${it.cost}: ${a.outlierClass} ${a.points.toFixed()} ${ta} vs ${b.outlierClass} ${b.points.toFixed()} ${tb}`);
    if (b.outlierClass === 'normal' || b.outlierClass === 'notTested') normal++;
    else other++;
  }
  return { normal, other };
}

function time(f: () => number): number {
  const t = process.hrtime.bigint();
  const sink = f();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (sink === -1) console.log(sink);
  return ms;
}

/** Interleaved A/B rounds; returns the best ms of each task. */
function ab(tasks: Record<string, () => number>): Record<string, number> {
  const best: Record<string, number> = {};
  for (const f of Object.values(tasks)) f(); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const [name, f] of Object.entries(tasks)) {
      const ms = time(f);
      best[name] = Math.min(best[name] ?? Infinity, ms);
    }
  }
  return best;
}

function print(title: string, n: number, best: Record<string, number>): void {
  console.log(`\n${title} (${n.toLocaleString('en-US')} cases, best of ${rounds})`);
  console.log('| task | best ms | µs/case | cases/s |');
  console.log('|---|---:|---:|---:|');
  for (const [name, ms] of Object.entries(best)) console.log(`| ${name} | ${ms.toFixed(1)} | ${((ms * 1000) / n).toFixed(3)} | ${Math.round((n / ms) * 1000).toLocaleString('en-US')} |`);
}

const pointsTasks = (items: readonly Item[]): Record<string, () => number> => ({
  'scoreCase, decimal path (scoreCaseDecimal)': () => {
    let s = 0;
    for (const it of items) s += OLD(it.ctx, it.cost).points.isZero() ? 1 : 0;
    return s;
  },
  'scoreCase, outliers by decimal.js (before)': () => {
    let s = 0;
    for (const it of items) s += PREV(it.ctx, it.cost).points.isZero() ? 1 : 0;
    return s;
  },
  'scoreCase, integer outliers (after)': () => {
    let s = 0;
    for (const it of items) s += NEW(it.ctx, it.cost).points.isZero() ? 1 : 0;
    return s;
  },
  'scoreCase + rho.toFixed(6), decimal path': () => {
    let s = 0;
    for (const it of items) s += OLD(it.ctx, it.cost).rho?.toFixed(6).length ?? 0;
    return s;
  },
  'scoreCase + rhoToFixed(cp, 6), outliers by decimal.js (before)': () => {
    let s = 0;
    for (const it of items) s += rhoToFixed(PREV(it.ctx, it.cost), 6)?.length ?? 0;
    return s;
  },
  'scoreCase + rhoToFixed(cp, 6), integer outliers (after)': () => {
    let s = 0;
    for (const it of items) s += rhoToFixed(NEW(it.ctx, it.cost), 6)?.length ?? 0;
    return s;
  },
});

console.log(`node ${process.version}; load ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);

// ---- 1. Pingdingshan catalog, synthetic year ------------------------------------------------------------------------
const { grouper } = await pingdingshanGrouper('summary');
const records: DischargeRecord[] = [];
for await (const c of syntheticCases({ rows, seed: 'dip-engine-2025' })) if (c.record !== undefined) records.push(c.record);

// Budget-style PV in force: Σ cost / Σ (RW × c) over the grouped cases, as a policy states it (4 dp: R has a short
// mantissa, the ρ text takes the safe-integer long division) and unrounded (40 digits: the BigInt branch).
let sumCost = dec(0);
let sumPoints = dec(0);
for (const rec of records) {
  const g = grouper.group(rec);
  if (g.status !== 'grouped') continue;
  sumCost = sumCost.plus(rec.totalCost);
  sumPoints = sumPoints.plus(dec(g.packet.points).times(coefOf(rec.hospitalId)));
}
const BUDGET_PV = sumCost.div(sumPoints);

for (const pv of [BUDGET_PV.toFixed(4), BUDGET_PV.toString()]) {
  const contexts = new Map<string, CaseContext>();
  const ctxOf = (packetCode: string, rw: string, kind: Parameters<typeof prepareCaseContext>[0]['kind'], isPrimaryCare: boolean, auxCoef: string, coef: string): CaseContext => {
    const key = `${packetCode}|${auxCoef}|${coef}`;
    let ctx = contexts.get(key);
    if (ctx === undefined) contexts.set(key, (ctx = prepareCaseContext({ rw, kind, isPrimaryCare, coef, auxCoef, pointValue: pv }, casePolicy)));
    return ctx;
  };
  const items: Item[] = [];
  const grouped: { rec: DischargeRecord; coef: string }[] = [];
  for (const rec of records) {
    const g = grouper.group(rec);
    if (g.status !== 'grouped') continue;
    const coef = coefOf(rec.hospitalId);
    items.push({ ctx: ctxOf(g.packetCode, g.packet.points, g.kind, g.isPrimaryCare, g.auxCoef, coef), cost: rec.totalCost });
    grouped.push({ rec, coef });
  }
  const mix = check(items);
  const t0 = process.hrtime.bigint();
  const outliersOnly = items.filter(isOutlier);
  const tasks = pointsTasks(items);
  const groupAnd = (score: Score, text: boolean) => (): number => {
    let s = 0;
    for (const { rec, coef } of grouped) {
      const g = grouper.group(rec);
      if (g.status !== 'grouped') continue;
      const cp = score(ctxOf(g.packetCode, g.packet.points, g.kind, g.isPrimaryCare, g.auxCoef, coef), rec.totalCost);
      s += text ? (rhoToFixed(cp, 6)?.length ?? 0) : cp.needsReview ? 1 : 0;
    }
    return s;
  };
  const best = ab({
    ...tasks,
    'grouper only': () => {
      let s = 0;
      for (const { rec } of grouped) s += grouper.group(rec).status === 'grouped' ? 1 : 0;
      return s;
    },
    'grouper + context lookup + scoreCase (before)': groupAnd(PREV, false),
    'grouper + context lookup + scoreCase (after)': groupAnd(NEW, false),
    'grouper + lookup + scoreCase + ρ text (before)': groupAnd(PREV, true),
    'grouper + lookup + scoreCase + ρ text (after)': groupAnd(NEW, true),
  });
  const pvText = pv.length > 12 ? `${pv.slice(0, 12)}… (40 digits)` : pv;
  print(`Pingdingshan catalog, synthetic year ${rows.toLocaleString('en-US')} rows, PV ${pvText}: ${contexts.size} contexts, ${mix.normal} normal/not tested + ${mix.other} other (checked equal)`, items.length, best);
  print(`Pingdingshan, PV ${pvText}: outliers only (low / high / extreme)`, outliersOnly.length, ab(pointsTasks(outliersOnly)));
  console.log(`(${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s)`);
}

// ---- 2. Synthetic batch: random contexts and costs around R ----------------------------------------------------------
{
  let seed = 20261123;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const ctxs: CaseContext[] = [];
  for (let i = 0; i < 500; i++) {
    const rw = `${rand(30_000) + 1}.${String(rand(1_000_000)).padStart(6, '0')}`; // RW with 6 dp, as the catalog publishes
    ctxs.push(prepareCaseContext({ rw, kind: 'core', coef: COEFS[rand(3)]!, auxCoef: rand(10) === 0 ? '1.05' : '1', pointValue: rand(2) === 0 ? '10' : LONG_PV }, casePolicy));
  }
  const items: Item[] = [];
  const n = Math.min(rows, 200_000);
  for (let i = 0; i < n; i++) {
    const ctx = ctxs[rand(ctxs.length)]!;
    const Rfen = ctx.reference!.times(100).floor().toNumber();
    const u = rand(1000);
    const permille = u < 30 ? 50 + rand(440) : u < 60 ? 2000 + rand(3000) : 520 + rand(1470); // ≈ 3 % low, 3 % high
    const fen = Math.floor((Rfen * permille) / 1000);
    items.push({ ctx, cost: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}` });
  }
  const mix = check(items);
  print(`Synthetic batch: 500 random contexts, ${mix.normal} normal + ${mix.other} outliers (checked equal)`, items.length, ab(pointsTasks(items)));
  const outliersOnly = items.filter(isOutlier);
  print('Synthetic batch: outliers only', outliersOnly.length, ab(pointsTasks(outliersOnly)));
}
console.log(`\nload at end ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
