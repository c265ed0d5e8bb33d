import { OUTLIER_VARIANT_INPUTS } from '../outlierVariants.js';
import type { RegionPolicy } from '../schema.js';
import { assumedFor } from './common.js';
import { pickSources } from './sources.js';

const FROM = '2023-01-01';
const TO = '2024-01-01';

/**
 * `jining-2023`: 济宁 370800 as in the Jining 2023 code: "新增主手术优先逻辑" (`preferPrincipal`), ties by most `+`
 * segments → most matched codes → closest average cost, class ladder, comprehensive class from the principal
 * procedure split by surgical grade, blank packet `KBBZ` with factor 0.7 (no coefficients, no outlier test),
 * outlier variant `jining` (`ρ ≤ 0.5` low `RW × ρ × a`; `2 < ρ ≤ 5` high `RW × (ρ − 2 + c) × a`; `ρ > 5` normal
 * points, flagged). In force for 2023.
 *
 * @example
 * ```ts
 * resolvePolicy(JINING_2023, '2023-06-30').ok   // true; ungrouped.blankPacketFactor === '0.7'
 * ```
 */
export const JINING_2023: RegionPolicy = {
  schemaVersion: 1,
  id: 'jining-2023',
  name: '济宁 2023 DIP 规则',
  regionCode: '370800',
  description: 'Rules of 济宁 as seen in the Jining 2023 code (Node-DIP 0.12.0). Month-specific point values and the in-province out-of-area configuration from May 2023 are data, not policy options here.',
  sources: pickSources('jining2023Code', 'dip3Draft', 'engineDefaults'),
  parameters: {
    grouping: [
      {
        from: FROM,
        to: TO,
        source: ['jining2023Code', 'dip3Draft', 'engineDefaults'],
        assumed: assumedFor('grouping'),
        note: 'tieBreak ends with packetCode (engine) so the choice is deterministic',
        value: {
          layers: ['base'],
          mainProcedureRole: 'preferPrincipal',
          catalogNotation: 'commaAll',
          tieBreak: ['mostAndSegments', 'mostMatchedProcedures', 'closestAverageCost', 'packetCode'],
          typePriority: 'classLadder',
          comprehensiveClassFrom: 'principalProcedure',
          comprehensiveDxKeys: ['category', 'prefix2', 'prefix1', 'range'],
          comprehensiveGradeSplit: 'surgicalGrade',
          fallbackChain: ['blankPacket'],
        },
      },
    ],
    auxiliary: [{ from: FROM, to: TO, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('auxiliary', [], ['selectionRule']), value: {} }],
    coefficients: [{ from: FROM, to: TO, source: ['jining2023Code', 'engineDefaults'], assumed: assumedFor('coefficients'), note: 'each primary-care packet has its own factor in the code: set primaryCareCoefByPacket from the city catalog', value: {} }],
    outlier: [{ from: FROM, to: TO, source: ['jining2023Code', 'engineDefaults'], assumed: assumedFor('outlier'), value: { ...OUTLIER_VARIANT_INPUTS.jining } }],
    ungrouped: [
      {
        from: FROM,
        to: TO,
        source: 'jining2023Code',
        note: 'KBBZ points = RW_KBBZ × (cost / m_KBBZ) × 0.7, no institution or auxiliary coefficient, no outlier test',
        value: { ungroupedPolicy: 'blankPacket', blankPacketFactor: '0.7', coefficientsApplyToFallback: false, outlierRulesApplyToFallback: false },
      },
    ],
    specialCase: [{ from: FROM, to: TO, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('specialCase'), value: {} }],
    pointValue: [{ from: FROM, to: TO, source: ['jining2023Code', 'engineDefaults'], assumed: assumedFor('pointValue'), note: 'point values per settlement month and pool in the code', value: { perPool: true } }],
    settlement: [{ from: FROM, to: TO, source: 'engineDefaults', assumed: assumedFor('settlement', [], ['prepayRatio', 'qualityDepositRate']), value: {} }],
    rounding: [{ from: FROM, to: TO, source: 'engineDefaults', assumed: assumedFor('rounding'), value: {} }],
  },
};
