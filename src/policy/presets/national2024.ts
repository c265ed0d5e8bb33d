import { OUTLIER_VARIANT_INPUTS } from '../outlierVariants.js';
import type { RegionPolicy } from '../schema.js';
import { assumedFor } from './common.js';
import { pickSources } from './sources.js';

const FROM = '2024-01-01';
/** The 2025 Handling Rules apply from the 2025 settlement year (engine convention for their start date). */
const CAP_FROM = '2025-01-01';

/**
 * `national-2024`: the national DIP 2.0 / 3.0 text (DIP 3.0 draft, restating 2.0): outlier variant
 * `national_3_0`, monthly prepayment 90 % and quality deposit 10 % as in the 3.0 text (ch. 7 §2 二).
 *
 * Choice: the 2025 Handling Rules (art. 26) cap the deposit at 5 % ("不超过 5%"). The settlement timeline has
 * two entries — 2024: prepay 0.90 / deposit 0.10 (3.0 text); from 2025-01-01: prepay 0.90 / deposit 0.05 (the
 * cap; the remaining 5 % is deferred to clearing, §8.2). Core layers follow the catalog (2.0 → base; 3.0 → all).
 *
 * @example
 * ```ts
 * resolvePolicy(NATIONAL_2024, '2024-12-31').ok && …settlement.qualityDepositRate   // '0.10'
 * resolvePolicy(NATIONAL_2024, '2025-01-01').ok && …settlement.qualityDepositRate   // '0.05'
 * ```
 */
export const NATIONAL_2024: RegionPolicy = {
  schemaVersion: 1,
  id: 'national-2024',
  name: '国家 DIP 2.0 / 3.0 技术规范',
  regionCode: '000000',
  description: 'National DIP 2.0 / 3.0 rules (DIP 3.0 draft; 2025 Interim Measures; 2025 Handling Rules); regionCode 000000 = no particular region.',
  sources: pickSources('dip3Draft', 'interimMeasures2025', 'handlingRules2025', 'engineDefaults'),
  parameters: {
    grouping: [{ from: FROM, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('grouping'), note: 'layers absent: decided by the catalog (2.0 → base, 3.0 → preGroup, merge, dxAssisted, base)', value: {} }],
    auxiliary: [{ from: FROM, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('auxiliary'), value: { auxApplyTo: ['core'], severityMinLos: 3, severityMinLosInclusive: true, elderlyAge: 65, selectionRule: 'highestTrigger' } }],
    coefficients: [{ from: FROM, source: ['dip3Draft', 'handlingRules2025', 'engineDefaults'], assumed: assumedFor('coefficients'), note: 'primary-care packets: no institution coefficient (2025 Handling Rules art. 19)', value: { primaryCareCoef: '1' } }],
    outlier: [{ from: FROM, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('outlier', [], ['highFormula', 'coefInHigh', 'zeroRwPolicy']), note: 'the 3.0 text gives no high-case formula: engine default the 1.0 formula on RW × c × a; highThreshold may be set locally in [2, 3]', value: { ...OUTLIER_VARIANT_INPUTS.national_3_0 } }],
    ungrouped: [{ from: FROM, source: 'engineDefaults', assumed: assumedFor('ungrouped'), note: 'national text: local rule with "an appropriate gap" (DIP 3.0 draft ch. 3 §3 (三) 3)', value: {} }],
    specialCase: [{ from: FROM, source: ['dip3Draft', 'interimMeasures2025', 'handlingRules2025', 'engineDefaults'], assumed: assumedFor('specialCase'), value: { specialCaseQuota: '0.005', quotaRounding: 'floor', specialCaseTriggerMultiple: '2' } }],
    pointValue: [{ from: FROM, source: ['dip3Draft', 'interimMeasures2025', 'engineDefaults'], assumed: assumedFor('pointValue'), value: { pvMethod: 'mean', yearWeights: ['1', '2', '7'], pointValueRegime: 'floating', perPool: true } }],
    settlement: [
      { from: FROM, to: CAP_FROM, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('settlement'), value: { monthlyMode: 'points', prepayRatio: '0.90', qualityDepositRate: '0.10', fundShareMethodMonthly: 'subtractPatientPaid', fundShareMethodClearing: 'ratio', assessmentApplication: 'both' } },
      {
        from: CAP_FROM,
        source: ['dip3Draft', 'handlingRules2025', 'engineDefaults'],
        assumed: assumedFor('settlement'),
        note: '2025 Handling Rules art. 26 caps the quality deposit at 5 %; prepay stays at the 3.0 text 90 %, the remaining 5 % is deferred to clearing',
        value: { monthlyMode: 'points', prepayRatio: '0.90', qualityDepositRate: '0.05', fundShareMethodMonthly: 'subtractPatientPaid', fundShareMethodClearing: 'ratio', assessmentApplication: 'both' },
      },
    ],
    rounding: [{ from: FROM, source: 'engineDefaults', assumed: assumedFor('rounding'), value: {} }],
    catalogBuild: [{ from: FROM, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('catalogBuild'), value: { rwMethod: 'average', rwScale: '1000', yearWeights: ['1', '2', '7'], coreThresholdMethod: 'fixed', coreThreshold: 15, relatedSplitMin: '0.10', primaryCareCvMax: '0.7', auxCvDropMin: '0.20', auxCandidateCv: '0.7' } }],
  },
};
