import type { Dec, RoundingRule } from '../decimal/index.js';
import { ZERO, dec, roundDec } from '../decimal/index.js';
import type { Result } from '../core/issue.js';
import type { PointValueOptions, RoundingOptions } from '../policy/schema.js';
import type { DecLike } from '../points/toDec.js';
import { toDec } from '../points/toDec.js';

/** One hospital's history for the optimal-interval methods: per year (oldest first) its cases' cost and points. */
export interface BudgetHospital {
  readonly hospitalId: string;
  readonly years: readonly { readonly cost: DecLike; readonly points: DecLike }[];
}

/** A hospital's year-weighted totals `C_h = Σ_y w_y·C_{h,y}`, `P_h = Σ_y w_y·P_{h,y}` and its `v_h = C_h / P_h`. */
export interface WeightedHospital {
  readonly hospitalId: string;
  readonly cost: Dec;
  readonly points: Dec;
  /** `C_h / P_h` (每指数点值), unrounded; absent when `P_h = 0`. */
  readonly v?: Dec;
}

/** Optimal-interval (1D) budget point value with its intermediates. */
export interface Optimal1DBudgetPointValue {
  readonly method: 'optimal1D';
  readonly weighting: 'points' | 'hospitals';
  readonly weights: readonly Dec[];
  /** Every hospital, sorted by id. */
  readonly hospitals: readonly WeightedHospital[];
  /** `v̄ = ΣC / ΣP` over all hospitals, unrounded (the `mean` method's unrounded PV on the same data). */
  readonly regionMean: Dec;
  /** Ids of the kept hospitals (`v_h < v̄`), sorted. */
  readonly selected: readonly string[];
  /** Ids of hospitals without points (`P_h = 0`): in `v̄`, never selectable. */
  readonly unscored: readonly string[];
  readonly unrounded: Dec;
  readonly pointValue: Dec;
  readonly rounding: RoundingRule;
}

/**
 * Year-weight each hospital's history (`C_h = Σ_y w_y·C_{h,y}`, `P_h = Σ_y w_y·P_{h,y}`, T13 weights on both) and
 * return the hospitals sorted by id with `v_h = C_h / P_h`, or the issue that stops the optimal-interval methods
 * (`pointValue.year_count`, `pointValue.duplicate_hospital`, `pointValue.no_points`). Exact: weights and totals are
 * decimal sums and products.
 *
 * @example
 * ```ts
 * weightHospitals([{ hospitalId: 'B', years: [{ cost: '9000', points: '1000' }] }], [dec(1)]);
 * // ok: [{ hospitalId: 'B', cost: 9000, points: 1000, v: 9 }]
 * ```
 */
export function weightHospitals(hospitals: readonly BudgetHospital[], weights: readonly Dec[]): Result<WeightedHospital[]> {
  const out: WeightedHospital[] = [];
  const seen = new Set<string>();
  for (const h of hospitals) {
    if (seen.has(h.hospitalId)) {
      return { ok: false, issues: [{ severity: 'error', code: 'pointValue.duplicate_hospital', message: `hospital ${h.hospitalId} is given twice`, received: h.hospitalId }] };
    }
    seen.add(h.hospitalId);
    if (h.years.length !== weights.length) {
      return { ok: false, issues: [{ severity: 'error', code: 'pointValue.year_count', message: `hospital ${h.hospitalId}: ${h.years.length} historical years given, ${weights.length} year weights in the policy`, expected: `${weights.length} years, oldest first` }] };
    }
    let cost = ZERO;
    let points = ZERO;
    h.years.forEach((y, i) => {
      cost = cost.plus(weights[i]!.times(toDec(y.cost)));
      points = points.plus(weights[i]!.times(toDec(y.points)));
    });
    out.push({ hospitalId: h.hospitalId, cost, points, ...(points.gt(0) ? { v: cost.div(points) } : {}) });
  }
  out.sort((a, b) => (a.hospitalId < b.hospitalId ? -1 : a.hospitalId > b.hospitalId ? 1 : 0));
  return { ok: true, value: out };
}

/**
 * Budget point value by the one-dimensional optimal interval 一维优值区间 (DIP-RULES.md §7.1 "Refinements"; DIP 3.0
 * draft ch. 5 §4): per hospital `v_h = C_h / P_h` (每指数点值), regional `v̄ = ΣC / ΣP`; the hospitals with
 * `v_h < v̄` (strictly) form the interval, and `PV` is its weighted mean ("该区间的加权平均值"), rounded by
 * `rounding.pointValue` (6 dp half-up, §8.7):
 *
 * - `optimalWeighting: 'points'` (engine default; the weights are not in the source): `PV = ΣC_sel / ΣP_sel`;
 * - `'hospitals'`: the plain mean of the kept `v_h`.
 *
 * Year weights (1 : 2 : 7, T13): each hospital's years are weighted first (`C_h = Σ_y w_y·C_{h,y}`, same for `P_h`),
 * then hospitals are selected once on the weighted totals. The source is silent on how the two combine; this order is
 * the engine default, and it makes `v̄` exactly the `mean` method's unrounded PV on the same data, so `PV ≤` the
 * `mean` PV (every kept `v_h < v̄`, and a mediant or a mean of values below `v̄` is below it).
 * A hospital with `P_h = 0` counts in `v̄` but has no `v_h` and is never kept (listed in `unscored`).
 *
 * Exact: `v_h < v̄` is decided as `C_h·ΣP < ΣC·P_h` (products of ≤ 20-digit totals, within the 40-digit `Dec`);
 * hospitals are processed in id order, so the result does not depend on the input order.
 *
 * Issues: `pointValue.year_count`, `pointValue.duplicate_hospital`, `pointValue.no_points` (`ΣP = 0`),
 * `pointValue.no_hospital_below_mean` (every scored hospital has `v_h ≥ v̄`: one hospital, or all equal).
 *
 * @example
 * ```ts
 * // weights 1: A 12000 / 1000 (v 12), B 9000 / 1000 (v 9) → v̄ = 10.5, keep B → PV 9.000000
 * computeOptimal1DBudgetPointValue([{ hospitalId: 'A', years: [{ cost: '12000', points: '1000' }] },
 *   { hospitalId: 'B', years: [{ cost: '9000', points: '1000' }] }], { pointValue: { yearWeights: ['1'], optimalWeighting: 'points' }, rounding });
 * ```
 */
export function computeOptimal1DBudgetPointValue(
  hospitals: readonly BudgetHospital[],
  policy: { readonly pointValue: Pick<PointValueOptions, 'yearWeights' | 'optimalWeighting'>; readonly rounding: Pick<RoundingOptions, 'pointValue'> },
): Result<Optimal1DBudgetPointValue> {
  const weights = policy.pointValue.yearWeights.map((s) => dec(s));
  const wh = weightHospitals(hospitals, weights);
  if (!wh.ok) return wh;
  const all = wh.value;
  let sc = ZERO;
  let sp = ZERO;
  for (const h of all) {
    sc = sc.plus(h.cost);
    sp = sp.plus(h.points);
  }
  if (sp.lte(0)) return { ok: false, issues: [{ severity: 'error', code: 'pointValue.no_points', message: 'weighted points of all hospitals are zero: no budget point value', expected: 'points > 0' }] };
  const kept = all.filter((h) => h.v !== undefined && h.cost.times(sp).lt(sc.times(h.points)));
  if (kept.length === 0) {
    return { ok: false, issues: [{ severity: 'error', code: 'pointValue.no_hospital_below_mean', message: `no hospital has a point value per point below the regional mean ${roundDec(sc.div(sp), policy.rounding.pointValue).toFixed()} (${all.length} hospitals): the optimal interval is empty`, expected: 'at least one hospital with C_h / P_h < ΣC / ΣP' }] };
  }
  const weighting = policy.pointValue.optimalWeighting;
  let u: Dec;
  if (weighting === 'points') {
    let kc = ZERO;
    let kp = ZERO;
    for (const h of kept) {
      kc = kc.plus(h.cost);
      kp = kp.plus(h.points);
    }
    u = kc.div(kp);
  } else {
    let s = ZERO;
    for (const h of kept) s = s.plus(h.v!);
    u = s.div(kept.length);
  }
  const rounding = policy.rounding.pointValue;
  return {
    ok: true,
    value: {
      method: 'optimal1D',
      weighting,
      weights,
      hospitals: all,
      regionMean: sc.div(sp),
      selected: kept.map((h) => h.hospitalId),
      unscored: all.filter((h) => h.v === undefined).map((h) => h.hospitalId),
      unrounded: u,
      pointValue: roundDec(u, rounding),
      rounding,
    },
  };
}
