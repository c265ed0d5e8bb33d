import { ZERO, dec, roundDec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import type { Issue } from '../core/issue.js';
import type { RoundingOptions, UngroupedOptions } from '../policy/schema.js';
import type { DecLike } from './toDec.js';
import { toDec, toDecOpt } from './toDec.js';

/** The rule applied to an ungrouped or chapter-packet case. */
export type UngroupedRule = UngroupedOptions['ungroupedPolicy'] | 'chapterPacket';

/** Inputs of {@link computeUngroupedPoints}. */
export interface UngroupedPointsInput {
  /** Case total cost. */
  readonly cost: DecLike;
  /** The case fell into a Pingdingshan chapter packet `CPnn:GROUP` (points = `chapterPacketPoints`). */
  readonly chapterPacket?: boolean;
  /** Blank packet KBBZ: its points `RW_KBBZ` and average cost `m_KBBZ` (for `blankPacket`). */
  readonly blankPacketRw?: DecLike;
  readonly blankPacketAverageCost?: DecLike;
  /** PV in force (for `paidAtCost`). */
  readonly pointValue?: DecLike;
}

/** Points of an ungrouped case with intermediates. `included: false` = no DIP points, listed for review. */
export interface UngroupedPointsResult {
  readonly rule: UngroupedRule;
  readonly included: boolean;
  readonly formula: string;
  /** `cost / m_KBBZ` for `blankPacket`, unrounded. */
  readonly ratio?: Dec;
  readonly factor?: Dec;
  readonly pointsUnrounded: Dec;
  readonly points: Dec;
  readonly rounding: RoundingRule;
  /** `paidAtCost`: the amount paid at actual cost. */
  readonly paidAtCostAmount?: Dec;
  readonly issues: readonly Issue[];
}

/**
 * Points of an ungrouped case (未入组) or a chapter packet (DIP-RULES.md §6.5; DIP 3.0 draft ch. 3 §3 (三) 3;
 * Pingdingshan 2025 catalog; Jining / Tai'an / Hubei 2023 code). No national default exists; the policy chooses:
 *
 * - chapter packet (`chapterPacket: true`): `chapterPacketPoints` (Pingdingshan 1,000 = one regional-average case);
 * - `reportOnly` (engine default): no points, `included: false`, a warning `points.ungrouped_report_only`;
 * - `fixedPoints`: `fixedPoints`;
 * - `blankPacket`: `RW_KBBZ × (cost / m_KBBZ) × blankPacketFactor`, no coefficients, no outlier test
 *   (Jining 0.7; Tai'an 0.4368 × 0.9 = 0.39312). Without both inputs (an ungrouped case the grouper placed in no
 *   blank packet: the run passes them only for a case grouped into the catalog's blank packet, see
 *   `src/run/caseScorer.ts`): no points, error `points.blank_packet_missing`; without a positive `m_KBBZ`: no points,
 *   error `points.blank_packet_average_cost_missing`; without the factor or `RW_KBBZ`:
 *   `points.blank_packet_input_missing`. Never a silent zero;
 * - `paidAtCost`: `cost / PV`.
 *
 * Points are rounded once by `rounding.casePoints`; ratios stay unrounded (the blank-packet points are computed as
 * `RW × cost × factor / m`: exact products, one division, so they round as the exact value does).
 *
 * @example
 * ```ts
 * // T21 Jining: cost 6,000, m_KBBZ 10,000, RW_KBBZ 1,000, factor 0.7
 * computeUngroupedPoints({ cost: '6000', blankPacketRw: '1000', blankPacketAverageCost: '10000' },
 *   { ungrouped: { ...DEFAULT_UNGROUPED_OPTIONS, ungroupedPolicy: 'blankPacket', blankPacketFactor: '0.7' }, rounding })
 * // { rule: 'blankPacket', ratio: 0.6, points: Dec('420'), … }
 * ```
 */
export function computeUngroupedPoints(
  input: UngroupedPointsInput,
  policy: { readonly ungrouped: UngroupedOptions; readonly rounding: Pick<RoundingOptions, 'casePoints'> },
): UngroupedPointsResult {
  const u = policy.ungrouped;
  const rounding = policy.rounding.casePoints;
  const cost = toDec(input.cost);
  const none = (rule: UngroupedRule, issue: Issue): UngroupedPointsResult => ({ rule, included: false, formula: 'no DIP points', pointsUnrounded: ZERO, points: ZERO, rounding, issues: [issue] });
  if (input.chapterPacket === true) {
    const pts = dec(u.chapterPacketPoints);
    return { rule: 'chapterPacket', included: true, formula: 'chapterPacketPoints', pointsUnrounded: pts, points: roundDec(pts, rounding), rounding, issues: [] };
  }
  switch (u.ungroupedPolicy) {
    case 'reportOnly':
      return none('reportOnly', { severity: 'warning', code: 'points.ungrouped_report_only', message: 'ungrouped case: no DIP points under ungroupedPolicy "reportOnly"; listed for review' });
    case 'fixedPoints': {
      if (u.fixedPoints === undefined) return none('fixedPoints', { severity: 'error', code: 'points.ungrouped_fixed_points_missing', message: 'ungroupedPolicy "fixedPoints" without ungrouped.fixedPoints', expected: 'ungrouped.fixedPoints' });
      const pts = dec(u.fixedPoints);
      return { rule: 'fixedPoints', included: true, formula: 'fixedPoints', pointsUnrounded: pts, points: roundDec(pts, rounding), rounding, issues: [] };
    }
    case 'blankPacket': {
      const rw = toDecOpt(input.blankPacketRw);
      const m = toDecOpt(input.blankPacketAverageCost);
      if (rw === undefined && m === undefined) {
        return none('blankPacket', {
          severity: 'error',
          code: 'points.blank_packet_missing',
          message:
            'ungrouped case under ungroupedPolicy "blankPacket": not placed in a blank packet (KBBZ) by the grouper (the catalog has none, its diagnosis matcher does not hold, grouping.fallbackChain lacks "blankPacket", or the principal diagnosis is invalid or excluded), so no RW_KBBZ and m_KBBZ: no DIP points; listed for review',
          expected: 'a blank packet for the case (blankPacketRw, blankPacketAverageCost)',
        });
      }
      if (m === undefined || m.lte(0)) {
        return none('blankPacket', {
          severity: 'error',
          code: 'points.blank_packet_average_cost_missing',
          message: 'blank packet without a positive average cost m_KBBZ (DIP_AVG_FEE of the catalog statistics): RW_KBBZ × (cost / m_KBBZ) × factor cannot be computed; no DIP points, listed for review',
          expected: 'blankPacketAverageCost > 0',
          received: m === undefined ? '' : m.toFixed(),
        });
      }
      if (u.blankPacketFactor === undefined || rw === undefined) {
        return none('blankPacket', {
          severity: 'error',
          code: 'points.blank_packet_input_missing',
          message: 'blank packet needs ungrouped.blankPacketFactor and RW_KBBZ',
          expected: 'blankPacketFactor, blankPacketRw',
        });
      }
      const factor = dec(u.blankPacketFactor);
      const ratio = cost.div(m);
      // RW × cost × factor first, then one division by m: the products are exact (their significant digits add up to
      // at most 40, the Dec precision, for catalog points, money and a policy factor), so the 40-digit quotient is the
      // only rounding before rounding.casePoints, and a result on a half-way point (e.g. 1,234.5 × 6,001 × 0.7 /
      // 7,000 = 740.82345) rounds as the exact value does. RW × (cost / m) × factor rounded the 40-digit ratio first:
      // 740.823449… → 740.8234 instead of 740.8235.
      const pts = rw.times(cost).times(factor).div(m);
      return { rule: 'blankPacket', included: true, formula: 'RW_KBBZ × (cost / m_KBBZ) × factor', ratio, factor, pointsUnrounded: pts, points: roundDec(pts, rounding), rounding, issues: [] };
    }
    case 'paidAtCost': {
      const pv = toDecOpt(input.pointValue);
      if (pv === undefined || pv.lte(0)) {
        return { ...none('paidAtCost', { severity: 'warning', code: 'points.ungrouped_without_pv', message: 'ungrouped case paid at cost: without a point value it carries no points', expected: 'pointValue' }), paidAtCostAmount: cost };
      }
      const pts = cost.div(pv);
      return { rule: 'paidAtCost', included: true, formula: 'cost / PV', pointsUnrounded: pts, points: roundDec(pts, rounding), rounding, paidAtCostAmount: cost, issues: [] };
    }
  }
}
