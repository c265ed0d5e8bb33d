import { ZERO } from '../decimal/index.js';
import type { Dec } from '../decimal/index.js';
import type { Issue, Result } from '../core/issue.js';
import type { Pool, PointValueOptions, RoundingOptions } from '../policy/schema.js';
import type { DecLike } from '../points/toDec.js';
import { toDec, toDecOpt } from '../points/toDec.js';
import { computePointValue } from './pointValue.js';
import type { PointValueResult } from './pointValue.js';

/** Per-pool aggregates for the point value (a pool accumulator of `src/settlement` fits). */
export interface PoolPointValueInput {
  readonly points: DecLike;
  readonly bookedSum: DecLike;
  readonly costSum: DecLike;
  /** `F` of the pool; default `pointValue.pools[pool].dipFund`. */
  readonly fund?: DecLike;
  readonly specialCaseAmount?: DecLike;
  /** Elastic form 1 base points of the pool. */
  readonly basePoints?: DecLike;
}

/** Key of a point value: a pool, or `all` when `perPool` is false. */
export type PoolKey = Pool | 'all';

/** Point values by pool, and the issues of pools that could not be computed. */
export interface PoolPointValues {
  readonly byPool: Partial<Record<PoolKey, PointValueResult>>;
  readonly issues: readonly Issue[];
}

/**
 * Point values per insurance pool 职工 / 居民 (DIP-RULES.md §7.3; DIP 3.0 draft ch. 4 §2): `F`, `r`, `P` and `PV`
 * computed separately for each pool present. With `perPool: false` the pools are summed exactly into one
 * region-wide value keyed `all`. The budget PV of each pool (`pools[pool].budgetPointValue`) feeds
 * `pvFloorShareOfBudget`.
 *
 * @example
 * ```ts
 * computePoolPointValues({ employee: { points: '125000000', bookedSum: '720', costSum: '1000', fund: '900000000' } }, policy)
 * // byPool.employee.pointValue = Dec('10')
 * ```
 */
export function computePoolPointValues(
  aggregates: Partial<Record<Pool, PoolPointValueInput>>,
  policy: { readonly pointValue: PointValueOptions; readonly rounding: Pick<RoundingOptions, 'pointValue'> },
): PoolPointValues {
  const o = policy.pointValue;
  const byPool: Partial<Record<PoolKey, PointValueResult>> = {};
  const issues: Issue[] = [];
  const fundOf = (pool: Pool, a: PoolPointValueInput): Dec | undefined => toDecOpt(a.fund) ?? toDecOpt(o.pools[pool]?.dipFund);
  const run = (key: PoolKey, a: { points: Dec; bookedSum: Dec; costSum: Dec; fund: Dec | undefined; sc: Dec; base: Dec | undefined; budget: Dec | undefined }): void => {
    if (a.fund === undefined) {
      issues.push({ severity: 'error', code: 'pointValue.fund_missing', message: `no DIP fund F for pool ${key}`, expected: `pointValue.pools.${key}.dipFund or an input fund` });
      return;
    }
    const r: Result<PointValueResult> = computePointValue(
      {
        fund: a.fund,
        totalPoints: a.points,
        bookedSum: a.bookedSum,
        costSum: a.costSum,
        specialCaseAmount: a.sc,
        ...(a.base === undefined ? {} : { basePoints: a.base }),
        ...(a.budget === undefined ? {} : { budgetPointValue: a.budget }),
      },
      policy,
    );
    if (r.ok) {
      byPool[key] = r.value;
      if (r.warnings) issues.push(...r.warnings.map((w) => ({ ...w, path: ['pool', key] })));
    } else issues.push(...r.issues.map((i) => ({ ...i, path: ['pool', key] })));
  };
  const pools = (Object.keys(aggregates) as Pool[]).sort();
  if (o.perPool) {
    for (const pool of pools) {
      const a = aggregates[pool];
      if (a === undefined) continue;
      run(pool, {
        points: toDec(a.points),
        bookedSum: toDec(a.bookedSum),
        costSum: toDec(a.costSum),
        fund: fundOf(pool, a),
        sc: toDecOpt(a.specialCaseAmount) ?? ZERO,
        base: toDecOpt(a.basePoints),
        budget: toDecOpt(o.pools[pool]?.budgetPointValue),
      });
    }
    return { byPool, issues };
  }
  let points = ZERO;
  let booked = ZERO;
  let cost = ZERO;
  let fund: Dec | undefined = ZERO;
  let sc = ZERO;
  let base: Dec | undefined;
  for (const pool of pools) {
    const a = aggregates[pool];
    if (a === undefined) continue;
    points = points.plus(toDec(a.points));
    booked = booked.plus(toDec(a.bookedSum));
    cost = cost.plus(toDec(a.costSum));
    const f = fundOf(pool, a);
    fund = fund === undefined || f === undefined ? undefined : fund.plus(f);
    sc = sc.plus(toDecOpt(a.specialCaseAmount) ?? ZERO);
    const b = toDecOpt(a.basePoints);
    if (b !== undefined) base = (base ?? ZERO).plus(b);
  }
  run('all', { points, bookedSum: booked, costSum: cost, fund, sc, base, budget: undefined });
  return { byPool, issues };
}
