import type { Dec } from '../decimal/index.js';
import type { ComboAcc, YearSums } from './historyAccumulator.js';
import { mergeYearSums, newYearSums, yearTotalUnits } from './historyAccumulator.js';
import type { CostMoments } from './costVariation.js';
import { emptyMoments, mergeMoments } from './costVariation.js';
import type { TrimOptions } from './trimByQuantiles.js';
import { trimByQuantiles } from './trimByQuantiles.js';
import { unitsToYuan } from './costUnits.js';
import type { YearTotal } from './yearWeightedMean.js';

/** Trimming scope (DIP-RULES.md §5.3): per packet-year (default) or over the packet's pooled window. */
export type TrimScope = 'packetYear' | 'packet';

/** Cost statistics of a packet formed from one or more combinations (their accumulators merged). */
export interface PacketCostStats {
  /** Cases per window year (untrimmed). */
  readonly casesByYear: readonly number[];
  /** Cases in the window (untrimmed). */
  readonly cases: number;
  /** Per-year totals after trimming, ready for {@link yearWeightedMean} (weights filled by the caller). */
  readonly trimmedYears: readonly { readonly n: number; readonly total: Dec }[];
  /** Per-year totals before trimming. */
  readonly untrimmedYears: readonly { readonly n: number; readonly total: Dec }[];
  /** Untrimmed moments over the whole window (CV) and over the last year (auxiliary triggers). */
  readonly windowMoments: CostMoments;
  readonly lastYearMoments: CostMoments;
  readonly trimmedLow: number;
  readonly trimmedHigh: number;
  readonly losSum: number;
  readonly primaryCases: number;
  readonly levels: ReadonlyMap<string, YearSums>;
  readonly aux: ReadonlyMap<string, CostMoments>;
}

/**
 * Merge the accumulators of a packet's combinations and compute its per-year totals with quantile trimming
 * (DIP-RULES.md §5.3: per packet-year, only when the packet-year has ≥ `minCases` cases, nearest-rank by default).
 * Exact: costs are integer units; per-year sums are bigint.
 *
 * @example
 * ```ts
 * const s = packetCostStats([acc], 3, { quantiles: ['0.025', '0.975'], minCases: 25 });
 * s.cases; // window cases of the packet
 * ```
 */
export function packetCostStats(members: readonly ComboAcc[], years: number, trim: TrimOptions | undefined, scope: TrimScope = 'packetYear'): PacketCostStats {
  const casesByYear: number[] = [];
  const trimmedYears: { n: number; total: Dec }[] = [];
  const untrimmedYears: { n: number; total: Dec }[] = [];
  const windowMoments = emptyMoments();
  let lastYearMoments = emptyMoments();
  let trimmedLow = 0;
  let trimmedHigh = 0;
  const sortedByYear: Float64Array[] = [];
  for (let y = 0; y < years; y++) {
    let n = 0;
    for (const m of members) n += m.costs[y]!.length;
    const all = new Float64Array(n);
    let at = 0;
    for (const m of members) {
      all.set(m.costs[y]!, at);
      at += m.costs[y]!.length;
    }
    all.sort();
    sortedByYear.push(all);
    casesByYear.push(n);
    const ym = emptyMoments();
    for (const u of all) {
      const b = BigInt(u);
      ym.n++;
      ym.sum += b;
      ym.sumSq += b * b;
    }
    mergeMoments(windowMoments, ym);
    if (y === years - 1) lastYearMoments = ym;
    untrimmedYears.push({ n, total: unitsToYuan(ym.sum) });
  }
  // Pooled cut values for scope 'packet'.
  let pooled: { lo: number; hi: number } | undefined;
  if (trim !== undefined && scope === 'packet') {
    const all = new Float64Array(windowMoments.n);
    let at = 0;
    for (const s of sortedByYear) {
      all.set(s, at);
      at += s.length;
    }
    all.sort();
    const r = trimByQuantiles(all, trim);
    if (r.to > r.from) pooled = { lo: all[r.from]!, hi: all[r.to - 1]! };
  }
  for (const s of sortedByYear) {
    let from = 0;
    let to = s.length;
    if (trim !== undefined && scope === 'packetYear') {
      const r = trimByQuantiles(s, trim);
      from = r.from;
      to = r.to;
    } else if (pooled !== undefined) {
      while (from < to && s[from]! < pooled.lo) from++;
      while (to > from && s[to - 1]! > pooled.hi) to--;
    }
    trimmedLow += from;
    trimmedHigh += s.length - to;
    let total = 0n;
    for (let i = from; i < to; i++) total += BigInt(s[i]!);
    trimmedYears.push({ n: to - from, total: unitsToYuan(total) });
  }
  let losSum = 0;
  let primaryCases = 0;
  const levels = new Map<string, YearSums>();
  const aux = new Map<string, CostMoments>();
  for (const m of members) {
    losSum += m.losSum;
    primaryCases += m.primaryCases;
    for (const [level, s] of m.levels) {
      let t = levels.get(level);
      if (t === undefined) levels.set(level, (t = newYearSums(years)));
      mergeYearSums(t, s);
    }
    for (const [id, mm] of m.aux) {
      let t = aux.get(id);
      if (t === undefined) aux.set(id, (t = emptyMoments()));
      mergeMoments(t, mm);
    }
  }
  return {
    casesByYear,
    cases: windowMoments.n,
    trimmedYears,
    untrimmedYears,
    windowMoments,
    lastYearMoments,
    trimmedLow,
    trimmedHigh,
    losSum,
    primaryCases,
    levels,
    aux,
  };
}

/** Attach year weights to per-year totals for {@link yearWeightedMean}. */
export function withWeights(totals: readonly { readonly n: number; readonly total: Dec }[], weights: readonly Dec[]): YearTotal[] {
  return totals.map((t, i) => ({ weight: weights[i]!, n: t.n, total: t.total }));
}

/** Per-year totals of {@link YearSums} in yuan. */
export function yearSumsTotals(s: YearSums): { n: number; total: Dec }[] {
  return s.n.map((n, i) => ({ n, total: unitsToYuan(yearTotalUnits(s, i)) }));
}
