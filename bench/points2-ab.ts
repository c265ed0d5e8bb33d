/**
 * `npx tsx bench/points2-ab.ts [rows] [rounds]`: case points and the ρ text, A/B in one process, interleaved, best of
 * `rounds` (default 5): `scoreCase` + `rhoToFixed(cp, 6)` as at commit 25c6084 (the frozen copy
 * tests/points/reference/scaledCasePointsV1.ts: "before") against the library now ("after": the ρ text and the low
 * paid-at-cost points by the limb division in safe integers, src/points/scaledCasePoints.ts `limbDivFloor`).
 *
 * Input as `dip settle` scores the city-year: the examples/small policy (Pingdingshan preset, national 3.0 outliers
 * with `outlierReference: paymentStandard`, low paid at cost, high `ratioMinusOne` × c), budget PV 5.718153 in force
 * (so `R = RW × PV × c` has a mantissa of ~18 digits and every grouped case is outlier-tested), a seeded synthetic
 * year (default 200,000 rows) grouped with the Pingdingshan catalog, coefficients 1.00 / 0.85 / 0.70 by hospital, one
 * context per (packet, a, c). Before timing, every case is checked: same class, formula, points, pointsUnrounded, ρ
 * text, needsReview and issue messages on both sides.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import type { CaseContext, CasePointsResult } from '../src/points/casePoints.js';
import { pointsToFixed, prepareCaseContext, rhoToFixed, scoreCase, scoreCaseDecimal } from '../src/points/casePoints.js';
import { resolvePolicy, validatePolicy } from '../src/policy/index.js';
import type { DischargeRecord } from '../src/records/types.js';
import { rhoToFixed as rhoToFixedV1, scoreCaseV1 } from '../tests/points/reference/scaledCasePointsV1.js';
import { pingdingshanGrouper, syntheticCases } from './group-common.js';

const rows = Number(process.argv[2] ?? 200_000);
const rounds = Number(process.argv[3] ?? 5);
const PV = '5.718153';
const validated = validatePolicy(JSON.parse(readFileSync('examples/small/policy.json', 'utf8')));
if (!validated.ok) throw new Error('examples/small/policy.json does not validate');
const resolved = resolvePolicy(validated.value, '2025-06-30');
if (!resolved.ok) throw new Error('examples/small/policy.json does not resolve');
const policy = resolved.value;
const casePolicy = { outlier: policy.outlier, rounding: policy.rounding, ungrouped: policy.ungrouped };
const COEFS = ['1.00', '0.85', '0.70'] as const;
const coefOf = (hospitalId: string): string => COEFS[[...hospitalId].reduce((s, ch) => s + ch.charCodeAt(0), 0) % 3]!;

interface Item {
  readonly ctx: CaseContext;
  readonly cost: string;
}

const OLD = (ctx: CaseContext, cost: string): CasePointsResult => scoreCaseV1(ctx, cost, scoreCaseDecimal);
const NEW = (ctx: CaseContext, cost: string): CasePointsResult => scoreCase(ctx, cost);

const sig = (r: CasePointsResult, rho: string | undefined): string =>
  [r.outlierClass, r.formula, r.points.toFixed(), r.pointsUnrounded.toFixed(), rho, r.needsReview, r.issues.map((i) => i.message).join('|')].join(' ');

function check(items: readonly Item[]): { normal: number; other: number } {
  let normal = 0;
  let other = 0;
  for (const it of items) {
    const a = OLD(it.ctx, it.cost);
    const b = NEW(it.ctx, it.cost);
    const sa = sig(a, rhoToFixedV1(a, 6)) + a.points.toFixed(4);
    const sb = sig(b, rhoToFixed(b, 6)) + pointsToFixed(NEW(it.ctx, it.cost), 4);
    if (sa !== sb) throw new Error(`mismatch at cost ${it.cost}: ${sa} vs ${sb}`);
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

const tasks = (items: readonly Item[]): Record<string, () => number> => {
  const scoredOld = items.map((it) => OLD(it.ctx, it.cost));
  const scoredNew = items.map((it) => NEW(it.ctx, it.cost));
  return {
  'rhoToFixed(cp, 6) only, on scored cases (before)': () => {
    let s = 0;
    for (const cp of scoredOld) s += rhoToFixedV1(cp, 6)?.length ?? 0;
    return s;
  },
  'rhoToFixed(cp, 6) only, on scored cases (after)': () => {
    let s = 0;
    for (const cp of scoredNew) s += rhoToFixed(cp, 6)?.length ?? 0;
    return s;
  },
  'scoreCase (before)': () => {
    let s = 0;
    for (const it of items) s += OLD(it.ctx, it.cost).points.isZero() ? 1 : 0;
    return s;
  },
  'scoreCase (after)': () => {
    let s = 0;
    for (const it of items) s += NEW(it.ctx, it.cost).points.isZero() ? 1 : 0;
    return s;
  },
  'scoreCase + rhoToFixed(cp, 6) (before)': () => {
    let s = 0;
    for (const it of items) s += rhoToFixedV1(OLD(it.ctx, it.cost), 6)?.length ?? 0;
    return s;
  },
  'scoreCase + rhoToFixed(cp, 6) (after)': () => {
    let s = 0;
    for (const it of items) s += rhoToFixed(NEW(it.ctx, it.cost), 6)?.length ?? 0;
    return s;
  },
  'scoreCase + ρ text + points.toFixed(4) (before)': () => {
    let s = 0;
    for (const it of items) {
      const cp = OLD(it.ctx, it.cost);
      s += (rhoToFixedV1(cp, 6)?.length ?? 0) + cp.points.toFixed(4).length;
    }
    return s;
  },
  'scoreCase + ρ text + pointsToFixed(cp, 4) (after; not yet called by caseScorer)': () => {
    let s = 0;
    for (const it of items) {
      const cp = NEW(it.ctx, it.cost);
      s += (rhoToFixed(cp, 6)?.length ?? 0) + pointsToFixed(cp, 4).length;
    }
    return s;
  },
  };
};

const load = async (): Promise<string> =>
  (await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`node ${process.version}; load ${await load()}`);

const { grouper } = await pingdingshanGrouper('summary');
const contexts = new Map<string, CaseContext>();
const items: Item[] = [];
for await (const c of syntheticCases({ rows, seed: 'dip-engine-2025' })) {
  const rec: DischargeRecord | undefined = c.record;
  if (rec === undefined) continue;
  const g = grouper.group(rec);
  if (g.status !== 'grouped') continue;
  const coef = coefOf(rec.hospitalId);
  const key = `${g.packetCode}|${g.auxCoef}|${coef}`;
  let ctx = contexts.get(key);
  if (ctx === undefined) contexts.set(key, (ctx = prepareCaseContext({ rw: g.packet.points, kind: g.kind, isPrimaryCare: g.isPrimaryCare, coef, auxCoef: g.auxCoef, pointValue: PV }, casePolicy)));
  items.push({ ctx, cost: rec.totalCost });
}
const mix = check(items);
print(`examples/small policy, PV ${PV}, synthetic year ${rows.toLocaleString('en-US')} rows: ${contexts.size} contexts, ${mix.normal} normal + ${mix.other} outliers (checked equal)`, items.length, ab(tasks(items)));
const outliers = items.filter((it) => !['normal', 'notTested'].includes(NEW(it.ctx, it.cost).outlierClass));
print('outliers only', outliers.length, ab(tasks(outliers)));
console.log(`\nload at end ${await load()}`);
