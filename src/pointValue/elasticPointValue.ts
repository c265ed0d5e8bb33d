import { ZERO, dec, roundDec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import type { Result } from '../core/issue.js';
import type { ElasticOptions } from '../policy/schema.js';
import type { DecLike } from '../points/toDec.js';
import { toDec, toDecOpt } from '../points/toDec.js';

/** Inputs of elastic form 1, all on one scale (total-cost or fund, per `elastic.scale`). */
export interface ElasticInput {
  /** `F_total` (includes amounts paid at actual cost). */
  readonly fund: DecLike;
  /** Region total points `P`. */
  readonly totalPoints: DecLike;
  /** `PV_fixed`. */
  readonly fixedPointValue: DecLike;
  /** `P_base`, points of last year's reasonable volume; absent → `F_total × baseShare / PV_fixed`. */
  readonly basePoints?: DecLike;
}

/** Elastic form 1 with every intermediate. */
export interface ElasticPointValue {
  readonly fund: Dec;
  readonly baseFund: Dec;
  readonly incrementFund: Dec;
  readonly basePoints: Dec;
  readonly incrementPoints: Dec;
  readonly fixedPointValue: Dec;
  /** `(F_total − F_base) / P_inc` before the cap and rounding; undefined when `P_inc = 0`. */
  readonly floatingUnrounded?: Dec;
  /** Floating PV after `cap` and rounding; undefined when `P_inc = 0` (no increment to pay). */
  readonly floatingPointValue?: Dec;
  readonly capped: boolean;
  readonly rounding: RoundingRule;
}

/**
 * Elastic point value, form 1 "base volume fixed, increment floating" (DIP-RULES.md §7.4; DIP 3.0 draft ch. 4 §3
 * 一 (二); 2025 Interim Measures art. 16):
 *
 * ```
 * F_base   = P_base × PV_fixed          (or F_total × baseShare when P_base is not given; then P_base = F_base / PV_fixed)
 * P_inc    = max(0, P − P_base)
 * PV_float = min(PV_cap, (F_total − F_base) / P_inc)     rounded by the point-value rule
 * ```
 *
 * Forms 2 and 3 need per-packet data and are not implemented (`pointValue.elastic_form_unsupported`).
 *
 * @example
 * ```ts
 * // T19: F = 1.0 × 10⁹, 8:2 → base 8.0 × 10⁸ at the fixed PV, increment 2.0 × 10⁸ floating
 * computeElasticPointValue({ fund: '1000000000', totalPoints: '110000000', fixedPointValue: '10' },
 *   { ...DEFAULT_POINT_VALUE_OPTIONS.elastic, baseShare: '0.8' }, HALF_UP_6)
 * // baseFund 800000000, incrementFund 200000000, basePoints 80000000, incrementPoints 30000000, floating 6.666667
 * ```
 */
export function computeElasticPointValue(input: ElasticInput, elastic: ElasticOptions, rounding: RoundingRule): Result<ElasticPointValue> {
  if (elastic.form !== 'baseFixedIncrementFloating') {
    return { ok: false, issues: [{ severity: 'error', code: 'pointValue.elastic_form_unsupported', message: `elastic form "${elastic.form}" needs per-packet data and is not implemented`, expected: 'baseFixedIncrementFloating' }] };
  }
  const fund = toDec(input.fund);
  const P = toDec(input.totalPoints);
  const pvFixed = toDec(input.fixedPointValue);
  if (pvFixed.lte(0)) return { ok: false, issues: [{ severity: 'error', code: 'pointValue.fixed_pv_missing', message: 'elastic form 1 needs a positive fixed point value', expected: 'fixedPointValue > 0' }] };
  const givenBase = toDecOpt(input.basePoints);
  const baseFund = givenBase === undefined ? fund.times(dec(elastic.baseShare)) : givenBase.times(pvFixed);
  const basePoints = givenBase ?? baseFund.div(pvFixed);
  const incrementFund = fund.minus(baseFund);
  const inc = P.minus(basePoints);
  const incrementPoints = inc.gt(0) ? inc : ZERO;
  const base = { fund, baseFund, incrementFund, basePoints, incrementPoints, fixedPointValue: pvFixed, rounding };
  if (incrementPoints.isZero()) {
    return { ok: true, value: { ...base, capped: false }, warnings: [{ severity: 'warning', code: 'pointValue.no_increment', message: 'total points do not exceed the base volume: every point is paid at the fixed PV, the increment fund is unused' }] };
  }
  const u = incrementFund.div(incrementPoints);
  let pv = roundDec(u, rounding);
  let capped = false;
  if (elastic.cap !== undefined) {
    const cap = dec(elastic.cap);
    if (pv.gt(cap)) {
      pv = cap;
      capped = true;
    }
  }
  return { ok: true, value: { ...base, floatingUnrounded: u, floatingPointValue: pv, capped } };
}

/** One hospital's elastic split: base points at the fixed PV, the rest at the floating PV. */
export interface ElasticHospitalStandard {
  readonly basePoints: Dec;
  readonly incrementPoints: Dec;
  /** `min(P_h, base_h) × PV_fixed + max(0, P_h − base_h) × PV_float`, exact (total-cost scale). */
  readonly standard: Dec;
}

/**
 * A hospital's standard under elastic form 1 (DIP-RULES.md §7.4; engine default `baseVolume = 'ownPreviousYear'`:
 * the hospital's own previous-year points are its base): points up to the base at `PV_fixed`, the increment at
 * `PV_float`. Exact; the caller applies `r_h` and rounds money once (§8.3, §8.7).
 *
 * @example
 * ```ts
 * elasticHospitalStandard('120000', '100000', '10', '6.5').standard.toFixed()   // '1130000'
 * ```
 */
export function elasticHospitalStandard(points: DecLike, basePoints: DecLike, fixedPointValue: DecLike, floatingPointValue: DecLike | undefined): ElasticHospitalStandard {
  const P = toDec(points);
  const B = toDec(basePoints);
  const inBase = P.lt(B) ? P : B;
  const inc = P.minus(inBase);
  const fl = floatingPointValue === undefined ? ZERO : toDec(floatingPointValue);
  return { basePoints: inBase, incrementPoints: inc, standard: inBase.times(toDec(fixedPointValue)).plus(inc.times(fl)) };
}
