import type { Dec, RoundingRule } from '../decimal/index.js';
import { ONE, ZERO, dec, roundDec } from '../decimal/index.js';
import type { Issue, Result } from '../core/issue.js';
import type { PointValueOptions, RoundingOptions } from '../policy/schema.js';
import type { DecLike } from '../points/toDec.js';
import { toDec } from '../points/toDec.js';
import { weightHospitals } from './optimal1DBudgetPointValue.js';

/** One hospital's history for `optimal2D`: per year (oldest first) cost, points and accounting cost 成本 (元). */
export interface BudgetHospital2D {
  readonly hospitalId: string;
  readonly years: readonly { readonly cost: DecLike; readonly points: DecLike; readonly accountingCost?: DecLike }[];
}

/** A hospital's year-weighted `(v_h, u_h) = (C_h / P_h, A_h / P_h)`. */
export interface WeightedHospital2D {
  readonly hospitalId: string;
  readonly cost: Dec;
  readonly points: Dec;
  readonly accountingCost: Dec;
  /** `C_h / P_h` and `A_h / P_h`, unrounded; absent when `P_h = 0`. */
  readonly v?: Dec;
  readonly u?: Dec;
}

/** Optimal-interval (2D) budget point value with its intermediates. */
export interface Optimal2DBudgetPointValue {
  readonly method: 'optimal2D';
  readonly weights: readonly Dec[];
  /** Every hospital, sorted by id. */
  readonly hospitals: readonly WeightedHospital2D[];
  /** `v̄ = ΣC / ΣP`, `ū = ΣA / ΣP` over all hospitals, unrounded. */
  readonly regionMean: Dec;
  readonly regionCostMean: Dec;
  /** Kept hospitals (`v_h ≤ v̄`, `u_h ≤ ū`, `v_h ≥ u_h`), sorted by id. */
  readonly selected: readonly string[];
  readonly unscored: readonly string[];
  /** The geometric median `(v, u)` of the kept points (unrounded) and the iterations it took. */
  readonly median: { readonly v: Dec; readonly u: Dec };
  readonly iterations: number;
  readonly converged: boolean;
  readonly unrounded: Dec;
  readonly pointValue: Dec;
  readonly rounding: RoundingRule;
}

type Point = { readonly v: Dec; readonly u: Dec };

/** Margin of the vertex test `r < η − margin` against the 40-digit rounding of `r` (see the median loop). */
const VERTEX_MARGIN = dec('1e-30');

const dist = (a: Point, b: Point): Dec => a.v.minus(b.v).pow(2).plus(a.u.minus(b.u).pow(2)).sqrt();

/**
 * One modified Weiszfeld step (Vardi & Zhang 2000) from `y` over `points`: with `η` the number of points equal to
 * `y`, `T = Σ_{x≠y} x/d / Σ_{x≠y} 1/d`, `R = Σ_{x≠y} (x − y)/d`, `r = |R|`: `y' = (1 − η/r)⁺·T + min(1, η/r)·y`.
 * Off the data points (`η = 0`) it is Weiszfeld's step `y' = T`. Returns `y` itself when `y` is the median
 * (`r ≤ η`: the subgradient condition at a data point, or `r = 0`).
 */
function weiszfeldStep(y: Point, points: readonly Point[]): Point {
  const { eta, r, t } = pull(y, points);
  if (t === undefined) return y;
  if (eta === 0) return t;
  if (r.lte(eta)) return y;
  const k = dec(eta).div(r);
  return { v: ONE.minus(k).times(t.v).plus(k.times(y.v)), u: ONE.minus(k).times(t.u).plus(k.times(y.u)) };
}

/**
 * At `y`: the number `η` of points equal to `y`, the length `r` of `R = Σ_{x≠y} (x − y)/|x − y|` (the pull of the
 * other points) and Weiszfeld's `T = Σ_{x≠y} x/d / Σ_{x≠y} 1/d` (absent when every point equals `y`).
 */
function pull(y: Point, points: readonly Point[]): { eta: number; r: Dec; t?: Point } {
  let eta = 0;
  let sw = ZERO;
  let sv = ZERO;
  let su = ZERO;
  let rv = ZERO;
  let ru = ZERO;
  for (const x of points) {
    const d = dist(x, y);
    if (d.isZero()) {
      eta++;
      continue;
    }
    const w = ONE.div(d);
    sw = sw.plus(w);
    sv = sv.plus(x.v.times(w));
    su = su.plus(x.u.times(w));
    rv = rv.plus(x.v.minus(y.v).times(w));
    ru = ru.plus(x.u.minus(y.u).times(w));
  }
  const r = rv.pow(2).plus(ru.pow(2)).sqrt();
  if (sw.isZero()) return { eta, r };
  return { eta, r, t: { v: sv.div(sw), u: su.div(sw) } };
}

/**
 * Budget point value by the two-dimensional optimal interval 二维优值区间 (DIP-RULES.md §7.1 "Refinements"; DIP 3.0
 * draft ch. 5 §4): per hospital `v_h = C_h / P_h` (每指数点值) and `u_h = A_h / P_h` (每指数成本, `A` the accounting
 * cost 成本), regional `v̄ = ΣC / ΣP` and `ū = ΣA / ΣP`; keep hospitals with `v_h ≤ v̄`, `u_h ≤ ū` and `v_h ≥ u_h`
 * (revenue covers cost); `PV` = the `v` coordinate of the geometric median of the kept points `(v_h, u_h)` (the point
 * whose summed distance to them is least, "距离…所有的点的距离之和最小的点"; unweighted), rounded by
 * `rounding.pointValue` (6 dp half-up, §8.7).
 *
 * - Year weights (1 : 2 : 7, T13) weight each hospital's years first (`C_h`, `P_h`, `A_h` each `Σ_y w_y·x_{h,y}`),
 *   then one selection, as in `optimal1D`: engine default, the source is silent.
 * - The median: a kept point whose pull `|Σ_{x≠p} (x − p)/|x − p||` is below its multiplicity is the median (the
 *   subgradient test with a 10⁻³⁰ margin, tried first because Weiszfeld only creeps towards such a vertex:
 *   `iterations` 0); otherwise
 *   Weiszfeld iteration with the Vardi–Zhang step at data points, from the centroid of the kept points,
 *   in 40-digit decimal arithmetic (`sqrt` and division correctly rounded by decimal.js; no binary floating point);
 *   it stops when a step moves less than `optimal2D.tolerance` or after `optimal2D.maxIterations` (then the last
 *   iterate is used and the result carries the warning `pointValue.optimal2D_not_converged`). Iteration count and
 *   tolerance are engine defaults, no published source. The median lies in the convex hull of the kept points, so
 *   its `v` is at most `v̄` (up to the 40-digit arithmetic).
 * - The kept points are taken in hospital-id order, so the result does not depend on the input order.
 * - A hospital-year with cost or points needs its accounting cost (`pointValue.accounting_cost_missing`); a year
 *   without either counts as 0.
 *
 * Issues: `pointValue.year_count`, `pointValue.duplicate_hospital`, `pointValue.accounting_cost_missing`,
 * `pointValue.no_points`, `pointValue.no_hospital_in_interval` (no hospital meets the three conditions).
 *
 * @example
 * ```ts
 * // weight 1; kept points (8, 6), (9, 7), (10, 8) lie on a line: the median is the middle one → PV 9.000000
 * ```
 */
export function computeOptimal2DBudgetPointValue(
  hospitals: readonly BudgetHospital2D[],
  policy: { readonly pointValue: Pick<PointValueOptions, 'yearWeights' | 'optimal2D'>; readonly rounding: Pick<RoundingOptions, 'pointValue'> },
): Result<Optimal2DBudgetPointValue> {
  const weights = policy.pointValue.yearWeights.map((s) => dec(s));
  const fail = (code: string, message: string, extra: Partial<Issue> = {}): Result<Optimal2DBudgetPointValue> => ({ ok: false, issues: [{ ...extra, severity: 'error', code, message }] });
  // C_h, P_h, v_h (duplicate ids, year counts, order by id) as optimal1D weighs them; A_h year-weighted the same way
  const wh = weightHospitals(hospitals, weights);
  if (!wh.ok) return wh;
  const acctOf = new Map<string, Dec>();
  for (const h of hospitals) {
    let acct = ZERO;
    for (let i = 0; i < weights.length; i++) {
      const y = h.years[i]!;
      if (y.accountingCost === undefined) {
        if (!toDec(y.cost).isZero() || !toDec(y.points).isZero()) return fail('pointValue.accounting_cost_missing', `hospital ${h.hospitalId}, year ${i + 1}: no accounting cost (成本); optimal2D needs u_h = accounting cost / points`, { expected: 'an accounting cost for every hospital-year with cases' });
      } else acct = acct.plus(weights[i]!.times(toDec(y.accountingCost)));
    }
    acctOf.set(h.hospitalId, acct);
  }
  const all: WeightedHospital2D[] = wh.value.map((h) => {
    const accountingCost = acctOf.get(h.hospitalId)!;
    return h.v === undefined ? { hospitalId: h.hospitalId, cost: h.cost, points: h.points, accountingCost } : { hospitalId: h.hospitalId, cost: h.cost, points: h.points, accountingCost, v: h.v, u: accountingCost.div(h.points) };
  });
  let sc = ZERO;
  let sp = ZERO;
  let sa = ZERO;
  for (const h of all) {
    sc = sc.plus(h.cost);
    sp = sp.plus(h.points);
    sa = sa.plus(h.accountingCost);
  }
  if (sp.lte(0)) return fail('pointValue.no_points', 'weighted points of all hospitals are zero: no budget point value', { expected: 'points > 0' });
  // Exact tests, cross-multiplied: v_h ≤ v̄ ⇔ C_h·ΣP ≤ ΣC·P_h; u_h ≤ ū ⇔ A_h·ΣP ≤ ΣA·P_h; v_h ≥ u_h ⇔ C_h ≥ A_h.
  const kept = all.filter((h) => h.v !== undefined && h.cost.times(sp).lte(sc.times(h.points)) && h.accountingCost.times(sp).lte(sa.times(h.points)) && h.cost.gte(h.accountingCost));
  if (kept.length === 0) {
    return fail('pointValue.no_hospital_in_interval', `no hospital has v_h ≤ v̄, u_h ≤ ū and v_h ≥ u_h (${all.length} hospitals): the optimal interval is empty`, { expected: 'at least one hospital in the 2D interval' });
  }
  const points: Point[] = kept.map((h) => ({ v: h.v!, u: h.u! }));
  let y: Point = { v: points.reduce((s, p) => s.plus(p.v), ZERO).div(points.length), u: points.reduce((s, p) => s.plus(p.u), ZERO).div(points.length) };
  const tol = dec(policy.pointValue.optimal2D.tolerance);
  const max = policy.pointValue.optimal2D.maxIterations;
  let iterations = 0;
  let converged = false;
  // A data point whose pull is weaker than its multiplicity (r < η) is the unique median (convexity; Weiszfeld only
  // creeps towards such a vertex, so test the points first, in id order). r = η (a tie: two points, collinear sets)
  // comes out of the 40-digit arithmetic as η ± 10⁻³⁹, so the test keeps a margin of 10⁻³⁰ and ties iterate.
  for (const x of points) {
    const p = pull(x, points);
    if (p.r.lt(dec(p.eta).minus(VERTEX_MARGIN))) {
      y = x;
      converged = true;
      break;
    }
  }
  while (!converged && iterations < max) {
    const next = weiszfeldStep(y, points);
    iterations++;
    const step = dist(next, y);
    y = next;
    if (step.lt(tol)) {
      converged = true;
      break;
    }
  }
  const rounding = policy.rounding.pointValue;
  const value: Optimal2DBudgetPointValue = {
    method: 'optimal2D',
    weights,
    hospitals: all,
    regionMean: sc.div(sp),
    regionCostMean: sa.div(sp),
    selected: kept.map((h) => h.hospitalId),
    unscored: all.filter((h) => h.v === undefined).map((h) => h.hospitalId),
    median: y,
    iterations,
    converged,
    unrounded: y.v,
    pointValue: roundDec(y.v, rounding),
    rounding,
  };
  if (converged) return { ok: true, value };
  return {
    ok: true,
    value,
    warnings: [{ severity: 'warning', code: 'pointValue.optimal2D_not_converged', message: `the geometric median moved ≥ ${tol.toFixed()} in the last of ${max} Weiszfeld iterations; the last iterate is used`, expected: 'a step below optimal2D.tolerance' }],
  };
}
