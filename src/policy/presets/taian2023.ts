import { OUTLIER_VARIANT_INPUTS } from '../outlierVariants.js';
import type { RegionPolicy } from '../schema.js';
import { assumedFor } from './common.js';
import { pickSources } from './sources.js';

const FROM = '2023-01-01';
const TO = '2024-01-01';

/**
 * `taian-2023`: 泰安 370900 as in the Tai'an 2023 code: class ladder, comprehensive class from the principal
 * procedure split by surgical grade, blank packet `KBBZ` with factor 0.4368 × 0.9 = 0.39312, outlier variant
 * `taian` (`ρ ≤ 0.5` low `RW × ρ × a`; `ρ > 2` high `RW × (ρ − 2 + c) × a`; no extreme class). The main-procedure
 * role and tie-break are not described for Tai'an: engine defaults (`assumed`). The hard-coded coefficients
 * 0.611 (employee) / 0.631 (resident) of one configuration are per pool, which this schema does not model: not set.
 *
 * @example
 * ```ts
 * resolvePolicy(TAIAN_2023, '2023-06-30').ok   // true; ungrouped.blankPacketFactor === '0.39312'
 * ```
 */
export const TAIAN_2023: RegionPolicy = {
  schemaVersion: 1,
  id: 'taian-2023',
  name: '泰安 2023 DIP 规则',
  regionCode: '370900',
  description: "Rules of 泰安 as seen in the Tai'an 2023 code (Node-DIP 0.12.0).",
  sources: pickSources('taian2023Code', 'dip3Draft', 'engineDefaults'),
  parameters: {
    grouping: [
      {
        from: FROM,
        to: TO,
        source: ['taian2023Code', 'dip3Draft', 'engineDefaults'],
        assumed: assumedFor('grouping', [], ['mainProcedureRole', 'tieBreak']),
        value: {
          layers: ['base'],
          catalogNotation: 'commaAll',
          typePriority: 'classLadder',
          comprehensiveClassFrom: 'principalProcedure',
          comprehensiveDxKeys: ['category', 'prefix2', 'prefix1', 'range'],
          comprehensiveGradeSplit: 'surgicalGrade',
          fallbackChain: ['blankPacket'],
        },
      },
    ],
    auxiliary: [{ from: FROM, to: TO, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('auxiliary', [], ['selectionRule']), value: {} }],
    coefficients: [{ from: FROM, to: TO, source: ['taian2023Code', 'engineDefaults'], assumed: assumedFor('coefficients'), value: {} }],
    outlier: [{ from: FROM, to: TO, source: ['taian2023Code', 'engineDefaults'], assumed: assumedFor('outlier'), value: { ...OUTLIER_VARIANT_INPUTS.taian } }],
    ungrouped: [
      {
        from: FROM,
        to: TO,
        source: ['taian2023Code', 'engineDefaults'],
        assumed: ['coefficientsApplyToFallback', 'outlierRulesApplyToFallback'],
        note: 'KBBZ points = RW_KBBZ × (cost / m_KBBZ) × 0.4368 × 0.9 (factor given as the exact product 0.39312)',
        value: { ungroupedPolicy: 'blankPacket', blankPacketFactor: '0.39312' },
      },
    ],
    specialCase: [{ from: FROM, to: TO, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('specialCase'), value: {} }],
    pointValue: [{ from: FROM, to: TO, source: ['taian2023Code', 'engineDefaults'], assumed: assumedFor('pointValue'), value: { perPool: true } }],
    settlement: [{ from: FROM, to: TO, source: 'engineDefaults', assumed: assumedFor('settlement', [], ['prepayRatio', 'qualityDepositRate']), value: {} }],
    rounding: [{ from: FROM, to: TO, source: 'engineDefaults', assumed: assumedFor('rounding'), value: {} }],
  },
};
