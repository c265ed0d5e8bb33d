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
 *   (Jining 0.7; Tai'an 0.4368 × 0.9 = 0.39312);
 * - `paidAtCost`: `cost / PV`.
 *
 * Points are rounded once by `rounding.casePoints`; ratios stay unrounded.
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
      if (u.blankPacketFactor === undefined || rw === undefined || m === undefined || m.lte(0)) {
        return none('blankPacket', {
          severity: 'error',
          code: 'points.blank_packet_input_missing',
          message: 'blank packet needs ungrouped.blankPacketFactor, RW_KBBZ and a positive m_KBBZ',
          expected: 'blankPacketFactor, blankPacketRw, blankPacketAverageCost > 0',
        });
      }
      const factor = dec(u.blankPacketFactor);
      const ratio = cost.div(m);
      const pts = rw.times(ratio).times(factor);
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
