/**
 * The pools of a run and their point value in force (DIP-RULES.md §6.2, §7.1): shared by the per-case scorer
 * (`caseScorer.ts`) and the run state (`runState.ts`) so that both see the same pools and the same PV.
 *
 * @module
 */
import { dec } from '../decimal/index.js';
import type { Dec } from '../decimal/index.js';
import type { ResolvedPolicy } from '../policy/schema.js';
import type { RunPool } from './types.js';

/** Pools in use, budget PV per pool and the PV in force during the year. */
export interface PoolSetup {
  /** `['employee', 'resident']` when `pointValue.perPool`, else `['all']`. */
  readonly poolsInUse: readonly RunPool[];
  /** Budget PV (预算点值) per pool in use; for `all` the employee pool's, else the resident pool's. */
  readonly budgetPv: ReadonlyMap<RunPool, Dec>;
  /** `pointValue.fixedPointValue`, when given. */
  readonly fixedPv: Dec | undefined;
  /**
   * PV in force during the year for a pool (DIP-RULES.md §6.2 `outlier.referencePointValue = 'inForce'`): the fixed
   * PV under `pointValueRegime = 'fixed'`, else the pool's budget PV; `undefined` when there is none.
   */
  pvInForce(pool: RunPool): Dec | undefined;
}

/**
 * Resolve the pools of a run and their PV in force from the policy (DIP-RULES.md §6.2, §7.1).
 *
 * @example
 * ```ts
 * const s = poolSetupOf(policy);
 * s.poolsInUse            // ['employee', 'resident']
 * s.pvInForce('employee') // Dec('10') — the budget PV
 * ```
 */
export function poolSetupOf(policy: ResolvedPolicy): PoolSetup {
  const perPool = policy.pointValue.perPool;
  const poolsInUse: readonly RunPool[] = perPool ? ['employee', 'resident'] : ['all'];
  const budgetPv = new Map<RunPool, Dec>();
  const pp = policy.pointValue.pools;
  for (const pool of poolsInUse) {
    const b = pool === 'all' ? (pp.employee?.budgetPointValue ?? pp.resident?.budgetPointValue) : pp[pool]?.budgetPointValue;
    if (b !== undefined) budgetPv.set(pool, dec(b));
  }
  const regime = policy.pointValue.pointValueRegime;
  const fixedPv = policy.pointValue.fixedPointValue === undefined ? undefined : dec(policy.pointValue.fixedPointValue);
  const pvInForce = (pool: RunPool): Dec | undefined => (regime === 'fixed' && fixedPv !== undefined ? fixedPv : budgetPv.get(pool));
  return { poolsInUse, budgetPv, fixedPv, pvInForce };
}
