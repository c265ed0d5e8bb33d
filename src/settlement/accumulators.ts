import { ZERO, dec } from '../decimal/index.js';
import type { Dec } from '../decimal/index.js';
import type { PointValueOptions, Pool } from '../policy/schema.js';
import { bookedAmount } from '../pointValue/fundPayRatio.js';
import type { DischargeRecord } from '../records/types.js';

/** Sums of one hospital-month (月度): what the monthly prepayment needs (§8.2). */
export interface MonthAggregate {
  count: number;
  /** Σ rounded case points (exact sum, §8.7). */
  points: Dec;
  /** Σ total cost. */
  cost: Dec;
  /** Σ booked amount (`bookedAmountComponents`). */
  booked: Dec;
  /** Σ patient_paid. */
  patientPaid: Dec;
}

/** Sums of a set of cases plus counts by outlier class (or any case class label). */
export interface CaseAggregate extends MonthAggregate {
  byClass: Record<string, number>;
}

/** Per hospital and pool: the year's sums, by month, and by outlier class. */
export interface HospitalAccumulator extends CaseAggregate {
  readonly hospitalId: string;
  readonly pool: Pool;
  /** Keyed by settlement month `YYYY-MM`. */
  months: Record<string, MonthAggregate>;
}

/** Per pool: the region's sums for `F`, `r`, `P` (§7.3). */
export interface PoolAccumulator extends CaseAggregate {
  readonly pool: Pool;
}

/**
 * Mergeable accumulator of a batch (or shard) of scored cases: plain objects, an associative and commutative
 * {@link mergeAccumulators}, so shards can run in parallel and be combined in any grouping
 * (DEVELOPERS.md performance note). Decimal fields are exact `Dec` sums; counts are integers.
 */
export interface SettlementAccumulator {
  /** Keyed by `${pool}|${hospitalId}` (see {@link hospitalKey}). */
  hospitals: Record<string, HospitalAccumulator>;
  pools: Partial<Record<Pool, PoolAccumulator>>;
}

/** One scored case as the accumulator needs it. `points` are the rounded case points. */
export interface AccumulatedCase {
  readonly hospitalId: string;
  readonly pool: Pool;
  /** Settlement month `YYYY-MM` (from settlementDate, else dischargeDate). */
  readonly month: string;
  readonly points: Dec;
  readonly cost: Dec;
  readonly booked: Dec;
  readonly patientPaid: Dec;
  /** Outlier class or another label counted in `byClass` (e.g. `normal`, `low`, `high`, `ungrouped`). */
  readonly outlierClass: string;
}

/**
 * The key of a hospital accumulator in {@link SettlementAccumulator.hospitals}.
 *
 * @example
 * ```ts
 * hospitalKey('employee', 'H410400001')   // 'employee|H410400001'
 * ```
 */
export function hospitalKey(pool: Pool, hospitalId: string): string {
  return `${pool}|${hospitalId}`;
}

/**
 * An empty accumulator (the identity of {@link mergeAccumulators}).
 *
 * @example
 * ```ts
 * createSettlementAccumulator()   // { hospitals: {}, pools: {} }
 * ```
 */
export function createSettlementAccumulator(): SettlementAccumulator {
  return { hospitals: {}, pools: {} };
}

function emptyMonth(): MonthAggregate {
  return { count: 0, points: ZERO, cost: ZERO, booked: ZERO, patientPaid: ZERO };
}

function addTo(a: MonthAggregate, c: AccumulatedCase): void {
  a.count += 1;
  a.points = a.points.plus(c.points);
  a.cost = a.cost.plus(c.cost);
  a.booked = a.booked.plus(c.booked);
  a.patientPaid = a.patientPaid.plus(c.patientPaid);
}

/**
 * Add one case to an accumulator, in place (the lean per-case path): the hospital's year and month sums, its
 * class count, and the pool's sums.
 *
 * @example
 * ```ts
 * const acc = createSettlementAccumulator();
 * addCase(acc, { hospitalId: 'H1', pool: 'employee', month: '2025-03', points: dec('1350'), cost: dec('13500'),
 *   booked: dec('9450'), patientPaid: dec('4050'), outlierClass: 'normal' });
 * acc.hospitals['employee|H1'].points.toFixed()   // '1350'
 * ```
 */
export function addCase(acc: SettlementAccumulator, c: AccumulatedCase): void {
  const key = hospitalKey(c.pool, c.hospitalId);
  let h = acc.hospitals[key];
  if (h === undefined) {
    h = { hospitalId: c.hospitalId, pool: c.pool, ...emptyMonth(), byClass: {}, months: {} };
    acc.hospitals[key] = h;
  }
  addTo(h, c);
  h.byClass[c.outlierClass] = (h.byClass[c.outlierClass] ?? 0) + 1;
  let m = h.months[c.month];
  if (m === undefined) {
    m = emptyMonth();
    h.months[c.month] = m;
  }
  addTo(m, c);
  let p = acc.pools[c.pool];
  if (p === undefined) {
    p = { pool: c.pool, ...emptyMonth(), byClass: {} };
    acc.pools[c.pool] = p;
  }
  addTo(p, c);
  p.byClass[c.outlierClass] = (p.byClass[c.outlierClass] ?? 0) + 1;
}

function mergeMonth(a: MonthAggregate | undefined, b: MonthAggregate | undefined): MonthAggregate {
  if (a === undefined) return { ...(b ?? emptyMonth()) };
  if (b === undefined) return { ...a };
  return { count: a.count + b.count, points: a.points.plus(b.points), cost: a.cost.plus(b.cost), booked: a.booked.plus(b.booked), patientPaid: a.patientPaid.plus(b.patientPaid) };
}

function mergeCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function mergeRecords<V>(a: Record<string, V>, b: Record<string, V>, f: (x: V | undefined, y: V | undefined) => V): Record<string, V> {
  const out: Record<string, V> = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) out[k] = f(a[k], b[k]);
  return out;
}

/**
 * Merge two accumulators into a new one (inputs untouched). Associative and commutative: exact decimal sums and
 * integer counts, so merging shards in any grouping equals one pass over all cases.
 *
 * @example
 * ```ts
 * mergeAccumulators(shardA, shardB)   // same sums as adding every case of A and B to one accumulator
 * ```
 */
export function mergeAccumulators(a: SettlementAccumulator, b: SettlementAccumulator): SettlementAccumulator {
  const hospitals = mergeRecords(a.hospitals, b.hospitals, (x, y): HospitalAccumulator => {
    const s = (x ?? y) as HospitalAccumulator;
    const m = mergeMonth(x, y);
    return { hospitalId: s.hospitalId, pool: s.pool, ...m, byClass: mergeCounts(x?.byClass ?? {}, y?.byClass ?? {}), months: mergeRecords(x?.months ?? {}, y?.months ?? {}, mergeMonth) };
  });
  const pools: Partial<Record<Pool, PoolAccumulator>> = {};
  for (const pool of new Set([...Object.keys(a.pools), ...Object.keys(b.pools)]) as Set<Pool>) {
    const x = a.pools[pool];
    const y = b.pools[pool];
    pools[pool] = { pool, ...mergeMonth(x, y), byClass: mergeCounts(x?.byClass ?? {}, y?.byClass ?? {}) };
  }
  return { hospitals, pools };
}

/**
 * A JSON-safe copy (decimal strings, keys sorted) for transport between workers and for comparisons.
 *
 * @example
 * ```ts
 * accumulatorToJSON(createSettlementAccumulator())   // { hospitals: {}, pools: {} }
 * ```
 */
export function accumulatorToJSON(acc: SettlementAccumulator): SettlementAccumulatorJSON {
  const m = (x: MonthAggregate) => ({ count: x.count, points: x.points.toFixed(), cost: x.cost.toFixed(), booked: x.booked.toFixed(), patientPaid: x.patientPaid.toFixed() });
  const sortObj = <V, W>(o: Record<string, V>, f: (v: V) => W): Record<string, W> => Object.fromEntries(Object.keys(o).sort().map((k) => [k, f(o[k] as V)]));
  return {
    hospitals: sortObj(acc.hospitals, (h) => ({ hospitalId: h.hospitalId, pool: h.pool, ...m(h), byClass: sortObj(h.byClass, (v) => v), months: sortObj(h.months, m) })),
    pools: sortObj(acc.pools as Record<string, PoolAccumulator>, (p) => ({ pool: p.pool, ...m(p), byClass: sortObj(p.byClass, (v) => v) })),
  };
}

/**
 * Build the accumulator's view of one scored discharge record: pool from `insuranceType`, settlement month from
 * `settlementDate` (else `dischargeDate`) as `YYYY-MM`, booked amount by `bookedAmountComponents` (§7.2).
 *
 * @example
 * ```ts
 * toAccumulatedCase(record, result.points, result.outlierClass, ['fund_paid'])
 * // { hospitalId: 'H410400001', pool: 'employee', month: '2025-03', points, cost: Dec('13500'), booked: Dec('9450'), … }
 * ```
 */
export function toAccumulatedCase(
  record: Pick<DischargeRecord, 'hospitalId' | 'insuranceType' | 'dischargeDate' | 'settlementDate' | 'totalCost' | 'fundPaid' | 'patientPaid' | 'otherPaid'>,
  points: Dec,
  outlierClass: string,
  components: PointValueOptions['bookedAmountComponents'],
): AccumulatedCase {
  return {
    hospitalId: record.hospitalId,
    pool: record.insuranceType,
    month: (record.settlementDate ?? record.dischargeDate).slice(0, 7),
    points,
    cost: dec(record.totalCost),
    booked: bookedAmount(record, components),
    patientPaid: dec(record.patientPaid),
    outlierClass,
  };
}

interface MonthJSON {
  readonly count: number;
  readonly points: string;
  readonly cost: string;
  readonly booked: string;
  readonly patientPaid: string;
}

/** The shape produced by {@link accumulatorToJSON}. */
export interface SettlementAccumulatorJSON {
  readonly hospitals: Readonly<Record<string, MonthJSON & { readonly hospitalId: string; readonly pool: Pool; readonly byClass: Readonly<Record<string, number>>; readonly months: Readonly<Record<string, MonthJSON>> }>>;
  readonly pools: Readonly<Record<string, MonthJSON & { readonly pool: Pool; readonly byClass: Readonly<Record<string, number>> }>>;
}

/**
 * Rebuild an accumulator from {@link accumulatorToJSON} output (e.g. a shard's result posted by a worker). Trusted
 * input: the strings were written by `accumulatorToJSON`.
 *
 * @example
 * ```ts
 * mergeAccumulators(main, accumulatorFromJSON(JSON.parse(messageFromWorker)))
 * ```
 */
export function accumulatorFromJSON(json: SettlementAccumulatorJSON): SettlementAccumulator {
  const m = (x: MonthJSON): MonthAggregate => ({ count: x.count, points: dec(x.points), cost: dec(x.cost), booked: dec(x.booked), patientPaid: dec(x.patientPaid) });
  const hospitals: Record<string, HospitalAccumulator> = {};
  for (const [k, h] of Object.entries(json.hospitals)) {
    hospitals[k] = { hospitalId: h.hospitalId, pool: h.pool, ...m(h), byClass: { ...h.byClass }, months: Object.fromEntries(Object.entries(h.months).map(([mk, mv]) => [mk, m(mv)])) };
  }
  const pools: Partial<Record<Pool, PoolAccumulator>> = {};
  for (const p of Object.values(json.pools)) pools[p.pool] = { pool: p.pool, ...m(p), byClass: { ...p.byClass } };
  return { hospitals, pools };
}
