import { OUTLIER_VARIANT_INPUTS } from '../outlierVariants.js';
import type { RegionPolicy } from '../schema.js';
import { assumedFor } from './common.js';
import { pickSources } from './sources.js';

const FROM = '2020-01-01';
const TO = '2024-01-01';

/**
 * `national-2020`: the national DIP 1.0 rules as summarised (DIP 1.0 spec (summary)): base-layer grouping,
 * outlier variant `national_1_0` (low `ρ < 0.5` → `RW × ρ`; high `ρ > 2` → `RW × [(ρ − 2) + 1]`; `ρ > 5` expert
 * review). Everything the 1.0 summary does not state is an engine default listed in `assumed`. In force
 * 2020-01-01 to 2024-01-01 (engine convention: the 1.0 text was issued in 2020, the 2.0 texts in 2024).
 *
 * @example
 * ```ts
 * resolvePolicy(NATIONAL_2020, '2023-06-30').ok   // true; outlier.extremeAction === 'review'
 * ```
 */
export const NATIONAL_2020: RegionPolicy = {
  schemaVersion: 1,
  id: 'national-2020',
  name: '国家 DIP 1.0 技术规范（2020，摘要）',
  regionCode: '000000',
  description: 'National DIP 1.0 rules (医保办发〔2020〕50号) as summarised; regionCode 000000 = no particular region. Point values, settlement ratios and corridors are engine defaults.',
  sources: pickSources('dip1Summary', 'dip3Draft', 'engineDefaults'),
  parameters: {
    grouping: [{ from: FROM, to: TO, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('grouping'), note: '1.0 catalogs have the base layer only (DIP 3.0 draft ch. 3 §2)', value: { layers: ['base'] } }],
    auxiliary: [{ from: FROM, to: TO, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('auxiliary'), value: {} }],
    coefficients: [{ from: FROM, to: TO, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('coefficients'), note: 'institution coefficients are region data: add byLevel / byHospital', value: {} }],
    outlier: [{ from: FROM, to: TO, source: ['dip1Summary', 'engineDefaults'], assumed: assumedFor('outlier', [], ['zeroRwPolicy']), value: { ...OUTLIER_VARIANT_INPUTS.national_1_0 } }],
    ungrouped: [{ from: FROM, to: TO, source: 'engineDefaults', assumed: assumedFor('ungrouped'), value: {} }],
    specialCase: [{ from: FROM, to: TO, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('specialCase', [], ['specialCaseQuota']), note: 'the 5‰ quota is stated by the later texts; kept as the engine default here', value: {} }],
    pointValue: [{ from: FROM, to: TO, source: ['dip1Summary', 'dip3Draft', 'engineDefaults'], assumed: assumedFor('pointValue'), value: { pointValueRegime: 'floating' } }],
    settlement: [{ from: FROM, to: TO, source: 'engineDefaults', assumed: assumedFor('settlement', [], ['prepayRatio', 'qualityDepositRate']), value: {} }],
    rounding: [{ from: FROM, to: TO, source: 'engineDefaults', assumed: assumedFor('rounding'), value: {} }],
    catalogBuild: [{ from: FROM, to: TO, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('catalogBuild'), value: { rwMethod: 'average', rwScale: '1000', yearWeights: ['1', '2', '7'] } }],
  },
};
