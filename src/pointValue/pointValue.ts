import { ZERO, dec, roundDec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import type { Issue, Result } from '../core/issue.js';
import type { PointValueOptions, RoundingOptions } from '../policy/schema.js';
import type { DecLike } from '../points/toDec.js';
import { toDec, toDecOpt } from '../points/toDec.js';
import { computeElasticPointValue } from './elasticPointValue.js';
import type { ElasticPointValue } from './elasticPointValue.js';
import { resolveFundPayRatio } from './fundPayRatio.js';
import type { FundPayRatio } from './fundPayRatio.js';

/** Inputs of {@link computePointValue} for one pool (or the whole region). */
export interface PointValueInput {
  /** DIP fund `F` of the year (按病种付费总额), on the fund scale. */
  readonly fund: DecLike;
  /** Region total points `P = Σ P_h` (exact sum of rounded case points). */
  readonly totalPoints: DecLike;
  /** `r` given explicitly; else the policy's `fundPayRatio`; else `bookedSum / costSum`. */
  readonly fundPayRatio?: DecLike;
  readonly bookedSum?: DecLike;
  readonly costSum?: DecLike;
  /** Item-based special-case amounts taken out of `F` before the PV (§6.4, `specialCaseFunding: fromDipFund`). */
  readonly specialCaseAmount?: DecLike;
  /** Budget PV, for `pvFloorShareOfBudget`. */
  readonly budgetPointValue?: DecLike;
  /** Elastic form 1: `P_base` (default `F_total × baseShare / PV_fixed`). */
  readonly basePoints?: DecLike;
}

/** A point value with every intermediate (DIP-RULES.md §7.2, §7.4). */
export interface PointValueResult {
  readonly regime: PointValueOptions['pointValueRegime'];
  /** `F` as given. */
  readonly fund: Dec;
  readonly specialCaseAmount: Dec;
  /** `F − special-case amounts`. */
  readonly fundAvailable: Dec;
  /** `r` with its source (absent for `fixed` when not computable). */
  readonly fundPayRatio?: FundPayRatio;
  /** `F_available / r`: the fund on the total-cost scale. */
  readonly fundOnCostScale?: Dec;
  readonly totalPoints: Dec;
  /** `(F / r) / P` before rounding (floating), the fixed PV (fixed), the floating part before cap (elastic). */
  readonly unrounded?: Dec;
  /** After rounding, before floor / cap. */
  readonly rounded: Dec;
  /** The point value in force: floating / fixed PV, or the elastic floating PV (the fixed part is in `elastic`). */
  readonly pointValue: Dec;
  readonly bound?: 'floor' | 'cap';
  readonly elastic?: ElasticPointValue;
  readonly rounding: RoundingRule;
}

/**
 * Point value of a pool under the policy's regime (DIP-RULES.md §7.2, §7.4; DIP 3.0 draft ch. 4 §3, ch. 5 §5;
 * 2025 Interim Measures art. 16):
 *
 * - `floating` 浮动: settlement PV `PV = (F / r) / P` — on the total-cost scale, the fund share is re-applied at
 *   payment through `r`; `F` net of item-based special-case amounts (§6.4). T12: (9 × 10⁸ / 0.72) / 1.25 × 10⁸ = 10.
 * - `fixed` 固定: `fixedPointValue`.
 * - `elastic` 弹性: form 1 on `elastic.scale` (default total-cost `F / r`), see {@link computeElasticPointValue}.
 *
 * Steps: `r` unrounded; `F / r` unrounded; PV rounded once by `rounding.pointValue` (6 dp half-up); then the
 * policy's `pvFloor` / `pvFloorShareOfBudget × budget PV` / `pvCap` (floating and elastic floating PV).
 *
 * @example
 * ```ts
 * computePointValue({ fund: '900000000', fundPayRatio: '0.72', totalPoints: '125000000' },
 *   { pointValue: DEFAULT_POINT_VALUE_OPTIONS, rounding: DEFAULT_ROUNDING_OPTIONS })
 * // ok, value.fundOnCostScale = 1250000000, value.pointValue = Dec('10') (T12)
 * ```
 */
export function computePointValue(
  input: PointValueInput,
  policy: { readonly pointValue: PointValueOptions; readonly rounding: Pick<RoundingOptions, 'pointValue'> },
): Result<PointValueResult> {
  const o = policy.pointValue;
  const rounding = policy.rounding.pointValue;
  const fund = toDec(input.fund);
  const sc = toDecOpt(input.specialCaseAmount) ?? ZERO;
  const avail = fund.minus(sc);
  const P = toDec(input.totalPoints);
  const r = resolveFundPayRatio({ ratio: input.fundPayRatio, bookedSum: input.bookedSum, costSum: input.costSum }, o);
  const fundOnCostScale = r === undefined || r.ratio.lte(0) ? undefined : avail.div(r.ratio);
  const common = { regime: o.pointValueRegime, fund, specialCaseAmount: sc, fundAvailable: avail, totalPoints: P, rounding, ...(r === undefined ? {} : { fundPayRatio: r }), ...(fundOnCostScale === undefined ? {} : { fundOnCostScale }) };
  const fail = (code: string, message: string, expected: string): Result<PointValueResult> => ({ ok: false, issues: [{ severity: 'error', code, message, expected }] });

  if (o.pointValueRegime === 'fixed') {
    if (o.fixedPointValue === undefined) return fail('pointValue.fixed_pv_missing', 'pointValueRegime "fixed" without fixedPointValue', 'pointValue.fixedPointValue');
    const pv = dec(o.fixedPointValue);
    return { ok: true, value: { ...common, unrounded: pv, rounded: pv, pointValue: pv } };
  }
  if (P.lte(0)) return fail('pointValue.no_points', 'total points are zero: no settlement point value', 'totalPoints > 0');
  if (fundOnCostScale === undefined && !(o.pointValueRegime === 'elastic' && o.elastic.scale === 'fund')) {
    return fail('pointValue.ratio_missing', 'the fund payment ratio r is unknown (no fundPayRatio and no positive cost sum)', 'fundPayRatio, or bookedSum and costSum');
  }
  const warnings: Issue[] = [];
  if (o.pointValueRegime === 'elastic') {
    if (o.fixedPointValue === undefined) return fail('pointValue.fixed_pv_missing', 'elastic regime without fixedPointValue (PV_fixed)', 'pointValue.fixedPointValue');
    const scaled = o.elastic.scale === 'fund' ? avail : (fundOnCostScale ?? avail);
    const e = computeElasticPointValue({ fund: scaled, totalPoints: P, fixedPointValue: o.fixedPointValue, ...(input.basePoints === undefined ? {} : { basePoints: input.basePoints }) }, o.elastic, rounding);
    if (!e.ok) return e;
    if (e.warnings) warnings.push(...e.warnings);
    const fl = e.value.floatingPointValue ?? e.value.fixedPointValue;
    const b = applyBounds(fl, o, input, rounding, warnings);
    return { ok: true, value: { ...common, ...(e.value.floatingUnrounded === undefined ? {} : { unrounded: e.value.floatingUnrounded }), rounded: fl, pointValue: b.pv, ...(b.bound ? { bound: b.bound } : {}), elastic: e.value }, ...(warnings.length ? { warnings } : {}) };
  }
  // One final division: F·Σcost / (Σbooked·P) when r comes from the data, F / (r·P) otherwise. Dividing twice at
  // 40 digits could land just off a rounding tie of the 6-dp point value (cf. tests/properties).
  const u =
    r?.source === 'data' && r.bookedSum !== undefined && r.costSum !== undefined
      ? avail.times(r.costSum).div(r.bookedSum.times(P))
      : avail.div((r as FundPayRatio).ratio.times(P));
  const rounded = roundDec(u, rounding);
  const b = applyBounds(rounded, o, input, rounding, warnings);
  return { ok: true, value: { ...common, unrounded: u, rounded, pointValue: b.pv, ...(b.bound ? { bound: b.bound } : {}) }, ...(warnings.length ? { warnings } : {}) };
}

function applyBounds(pv: Dec, o: PointValueOptions, input: PointValueInput, rounding: RoundingRule, warnings: Issue[]): { pv: Dec; bound?: 'floor' | 'cap' } {
  let floor: Dec | undefined = o.pvFloor === undefined ? undefined : dec(o.pvFloor);
  if (o.pvFloorShareOfBudget !== undefined) {
    const budget = toDecOpt(input.budgetPointValue);
    if (budget === undefined) {
      warnings.push({ severity: 'warning', code: 'pointValue.budget_pv_missing', message: 'pvFloorShareOfBudget is set but no budget point value was given; that floor is not applied', expected: 'budgetPointValue' });
    } else {
      const f = roundDec(budget.times(dec(o.pvFloorShareOfBudget)), rounding);
      if (floor === undefined || f.gt(floor)) floor = f;
    }
  }
  if (floor !== undefined && pv.lt(floor)) return { pv: floor, bound: 'floor' };
  if (o.pvCap !== undefined) {
    const cap = dec(o.pvCap);
    if (pv.gt(cap)) return { pv: cap, bound: 'cap' };
  }
  return { pv };
}
