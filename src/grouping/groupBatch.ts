/**
 * Batch grouping: stream results over an `Iterable` or `AsyncIterable` of records (nothing is collected) and keep a
 * bounded-memory summary — grouped count and share by kind, routes, ungrouped by reason (未入组原因, DIP-RULES.md
 * §4.5, §6.5: "analyse causes and raise the grouping rate", DIP 3.0 draft ch. 3 §3 (三) 3), the most frequent
 * ungrouped principal diagnoses, case issues by code.
 *
 * @module
 */
import type { PacketKind } from '../catalog/types.js';
import type { Ratio } from '../decimal/brands.js';
import { dec } from '../decimal/dec.js';
import { formatDecimal } from '../decimal/parse.js';
import { HALF_UP_6, roundDec } from '../decimal/rounding.js';
import type { DischargeRecord } from '../records/types.js';
import type { GroupResult, GroupRoute, Grouper, UngroupedReason } from './types.js';

/** One entry of the top ungrouped diagnoses: `count` may over-count by at most `error` (Space-Saving). */
export interface TopEntry {
  readonly code: string;
  readonly count: number;
  readonly error: number;
}

/** A summary of a grouping run. Shares are exact ratios rounded to 6 dp half-up (DIP-RULES.md §8.7 ratios). */
export interface GroupSummary {
  readonly total: number;
  readonly grouped: number;
  readonly ungrouped: number;
  /** grouped / total. */
  readonly groupedShare: Ratio;
  readonly groupedByKind: Readonly<Partial<Record<PacketKind, number>>>;
  /** Share of all cases, per kind. */
  readonly shareByKind: Readonly<Partial<Record<PacketKind, Ratio>>>;
  readonly groupedByRoute: Readonly<Partial<Record<GroupRoute, number>>>;
  readonly primaryCare: number;
  readonly withAuxSubtype: number;
  readonly ungroupedByReason: Readonly<Partial<Record<UngroupedReason, number>>>;
  /** Most frequent ungrouped principal diagnoses, highest first (ties by code). */
  readonly topUngroupedDx: readonly TopEntry[];
  /** Case issues by code. */
  readonly issuesByCode: Readonly<Record<string, number>>;
}

/** Options of {@link GroupSummaryAccumulator}. */
export interface SummaryOptions {
  /** Entries reported in `topUngroupedDx`; default 20. */
  readonly topK?: number;
  /** Counters kept by the Space-Saving sketch; default 1,000 (memory is O(capacity) whatever the input). */
  readonly capacity?: number;
}

function share(n: number, total: number): Ratio {
  if (total === 0) return '0' as Ratio;
  return formatDecimal(roundDec(dec(n).div(dec(total)), HALF_UP_6)) as Ratio;
}

/**
 * Accumulates a {@link GroupSummary} from results, in O(capacity) memory.
 *
 * The top ungrouped diagnoses use the Space-Saving algorithm (Metwally, Agrawal, El Abbadi 2005): at most
 * `capacity` counters; when a new code arrives and the table is full, the smallest counter is taken over and its
 * count inherited as the new entry's `error`. Every code with true frequency above total/capacity is guaranteed to
 * be in the table, and each reported count over-estimates the true count by at most `error`. Exact whenever fewer
 * than `capacity` distinct ungrouped diagnoses occur.
 *
 * @example
 * ```ts
 * const acc = new GroupSummaryAccumulator();
 * for (const r of groupBatch(grouper, records)) acc.add(r);
 * acc.summary().ungroupedByReason; // { NO_PACKET_FOR_DIAGNOSIS: 12 }
 * ```
 */
export class GroupSummaryAccumulator {
  private total = 0;
  private groupedN = 0;
  private primaryCare = 0;
  private withAux = 0;
  private readonly byKind = new Map<PacketKind, number>();
  private readonly byRoute = new Map<GroupRoute, number>();
  private readonly byReason = new Map<UngroupedReason, number>();
  private readonly issues = new Map<string, number>();
  private readonly top = new Map<string, { count: number; error: number }>();
  private readonly topK: number;
  private readonly capacity: number;

  constructor(options: SummaryOptions = {}) {
    this.topK = options.topK ?? 20;
    this.capacity = Math.max(options.capacity ?? 1000, this.topK);
  }

  /** Count one result. */
  add(r: GroupResult): void {
    this.total++;
    for (const i of r.caseIssues) this.issues.set(i.code, (this.issues.get(i.code) ?? 0) + 1);
    if (r.status === 'grouped') {
      this.groupedN++;
      this.byKind.set(r.kind, (this.byKind.get(r.kind) ?? 0) + 1);
      this.byRoute.set(r.route, (this.byRoute.get(r.route) ?? 0) + 1);
      if (r.isPrimaryCare) this.primaryCare++;
      if (r.auxSubtype !== undefined) this.withAux++;
      return;
    }
    this.byReason.set(r.reason, (this.byReason.get(r.reason) ?? 0) + 1);
    this.offer(r.trace.principalDx === '' ? '(empty)' : r.trace.principalDx);
  }

  private offer(code: string): void {
    const e = this.top.get(code);
    if (e !== undefined) {
      e.count++;
      return;
    }
    if (this.top.size < this.capacity) {
      this.top.set(code, { count: 1, error: 0 });
      return;
    }
    let minKey = '';
    let min = Infinity;
    for (const [k, v] of this.top) {
      if (v.count < min) {
        min = v.count;
        minKey = k;
      }
    }
    this.top.delete(minKey);
    this.top.set(code, { count: min + 1, error: min });
  }

  /** The summary so far (a snapshot; adding more results afterwards does not change it). */
  summary(): GroupSummary {
    const total = this.total;
    const groupedByKind: Partial<Record<PacketKind, number>> = {};
    const shareByKind: Partial<Record<PacketKind, Ratio>> = {};
    for (const [k, n] of [...this.byKind].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      groupedByKind[k] = n;
      shareByKind[k] = share(n, total);
    }
    const groupedByRoute: Partial<Record<GroupRoute, number>> = Object.fromEntries([...this.byRoute].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    const ungroupedByReason: Partial<Record<UngroupedReason, number>> = Object.fromEntries([...this.byReason].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    const topUngroupedDx = [...this.top]
      .map(([code, v]) => ({ code, count: v.count, error: v.error }))
      .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .slice(0, this.topK);
    const issuesByCode = Object.fromEntries([...this.issues].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    return {
      total,
      grouped: this.groupedN,
      ungrouped: total - this.groupedN,
      groupedShare: share(this.groupedN, total),
      groupedByKind,
      shareByKind,
      groupedByRoute,
      primaryCare: this.primaryCare,
      withAuxSubtype: this.withAux,
      ungroupedByReason,
      topUngroupedDx,
      issuesByCode,
    };
  }
}

function isAsyncIterable<T>(x: Iterable<T> | AsyncIterable<T>): x is AsyncIterable<T> {
  return typeof (x as AsyncIterable<T>)[Symbol.asyncIterator] === 'function';
}

function* groupSync(grouper: Grouper, records: Iterable<DischargeRecord>, acc: GroupSummaryAccumulator | undefined): Generator<GroupResult, void, undefined> {
  for (const rec of records) {
    const r = grouper.group(rec);
    acc?.add(r);
    yield r;
  }
}

async function* groupAsync(grouper: Grouper, records: AsyncIterable<DischargeRecord>, acc: GroupSummaryAccumulator | undefined): AsyncGenerator<GroupResult, void, undefined> {
  for await (const rec of records) {
    const r = grouper.group(rec);
    acc?.add(r);
    yield r;
  }
}

/**
 * Group a stream of records, yielding each result as soon as it is computed (nothing is collected). A synchronous
 * iterable gives a synchronous generator, an async iterable an async generator. Pass an accumulator to get the
 * summary as the stream is consumed.
 *
 * @example
 * ```ts
 * const acc = new GroupSummaryAccumulator();
 * for await (const r of groupBatch(grouper, readAsync(), acc)) write(r);
 * console.log(acc.summary().groupedShare);
 * ```
 */
export function groupBatch(grouper: Grouper, records: Iterable<DischargeRecord>, summary?: GroupSummaryAccumulator): Generator<GroupResult, void, undefined>;
export function groupBatch(grouper: Grouper, records: AsyncIterable<DischargeRecord>, summary?: GroupSummaryAccumulator): AsyncGenerator<GroupResult, void, undefined>;
export function groupBatch(
  grouper: Grouper,
  records: Iterable<DischargeRecord> | AsyncIterable<DischargeRecord>,
  summary?: GroupSummaryAccumulator,
): Generator<GroupResult, void, undefined> | AsyncGenerator<GroupResult, void, undefined> {
  return isAsyncIterable(records) ? groupAsync(grouper, records, summary) : groupSync(grouper, records, summary);
}
