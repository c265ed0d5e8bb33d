import { ONE } from '../decimal/index.js';
import type { Dec } from '../decimal/index.js';
import type { OutlierOptions } from '../policy/schema.js';

/** The basis of the outlier reference cost `R` (DIP-RULES.md §6.2), as named by `outlier.outlierReference`. */
export type ReferenceBasis = OutlierOptions['outlierReference'] | 'given';

/** What the caller knows for `R`; which fields are needed depends on the basis. */
export interface ReferenceCostInput {
  /** Packet points `RW`. */
  readonly rw: Dec;
  /** Auxiliary coefficient `a` (1 without subtype). */
  readonly auxCoef: Dec;
  /** `c_L` of the hospital's level for `S_L` (`paymentStandard`); the caller passes the case's `c` when equal. */
  readonly referenceCoef: Dec;
  /** The PV chosen by `outlier.referencePointValue` (budget PV in the year, settlement PV at clearing). */
  readonly pointValue?: Dec | undefined;
  /** 上一年度同级别定点医疗机构该病种次均医疗总费用 (`sameLevelAverageCost`). */
  readonly sameLevelAverageCost?: Dec | undefined;
  /** Simulated average (Hubei / Jining / Tai'an 2023 code: points × average-cost factor of the pool). */
  readonly simulatedAverageCost?: Dec | undefined;
  /** An explicit `R` that overrides the basis (e.g. from an upstream system). */
  readonly referenceCost?: Dec | undefined;
}

/** The reference cost with its basis, or the name of the missing input. */
export type ReferenceCost = { readonly basis: ReferenceBasis; readonly value: Dec } | { readonly basis: ReferenceBasis; readonly missing: string };

/**
 * Outlier reference cost `R` (DIP-RULES.md §6.2), unrounded (it only enters the ratio `ρ = cost / R`, §8.7):
 *
 * - `sameLevelAverageCost`: previous-year average total cost of the packet in same-level hospitals (DIP 1.0 spec (summary));
 * - `paymentStandard`: `S_L = RW × PV × c_L × a` (DIP 3.0 draft, ch. 5 §3 二; `a` = 1 without subtype);
 * - `simulatedAverage`: given by the caller (Hubei / Jining / Tai'an 2023 code).
 *
 * An explicit `referenceCost` wins over every basis (basis `given`).
 *
 * @example
 * ```ts
 * computeReferenceCost('paymentStandard', { rw: dec('1500'), auxCoef: ONE, referenceCoef: dec('0.9'), pointValue: dec('10') })
 * // { basis: 'paymentStandard', value: Dec('13500') }
 * ```
 */
export function computeReferenceCost(basis: OutlierOptions['outlierReference'], input: ReferenceCostInput): ReferenceCost {
  if (input.referenceCost !== undefined) return { basis: 'given', value: input.referenceCost };
  switch (basis) {
    case 'paymentStandard':
      return input.pointValue === undefined
        ? { basis, missing: 'pointValue' }
        : { basis, value: timesAux(input.rw.times(input.pointValue).times(input.referenceCoef), input.auxCoef) };
    case 'sameLevelAverageCost':
      return input.sameLevelAverageCost === undefined ? { basis, missing: 'sameLevelAverageCost' } : { basis, value: input.sameLevelAverageCost };
    case 'simulatedAverage':
      return input.simulatedAverageCost === undefined ? { basis, missing: 'simulatedAverageCost' } : { basis, value: input.simulatedAverageCost };
  }
}

/**
 * `x.times(a)` for a product `x` of `Dec.times` (at most 40 significant digits): `x` itself when `a` is the shared
 * `ONE`, since decimal.js rounds the product `x × 1` to 40 digits, which leaves `x` unchanged (same value and digits).
 */
function timesAux(x: Dec, a: Dec): Dec {
  return a === ONE ? x : x.times(a);
}
