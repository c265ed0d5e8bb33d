import { OUTLIER_VARIANT_INPUTS } from '../outlierVariants.js';
import type { RegionPolicy } from '../schema.js';
import { assumedFor } from './common.js';
import { pickSources } from './sources.js';

const FROM = '2025-01-01';
const TO = '2026-01-01';

/**
 * `pingdingshan-2025`: an **example** policy for the Pingdingshan 2025 catalog (平顶山 410400, DIP 2.0 based,
 * `fixtures/pingdingshan-2025-dip2/`). Grouping follows the catalog: base layer, the principal procedure must
 * equal the packet's MAIN, related procedures as a subset, ties most related matched → highest points (third-party
 * grouper) → packet code, comprehensive class from the principal procedure, fallback to the chapter packets
 * `CPnn:GROUP` (1,000 points each). Pingdingshan's settlement rules are not in the sources: the outlier rules are
 * the national 3.0 reading, and the institution coefficients by level 三级 1.00 / 二级 0.85 / 一级 0.70 are the
 * 连云港 typical values of the city presets page (unverified) — all marked `assumed`.
 *
 * @example
 * ```ts
 * const r = resolvePolicy(PINGDINGSHAN_2025, '2025-06-30');
 * r.ok && r.value.grouping.fallbackChain        // ['chapterPacket']
 * r.ok && r.value.coefficients.byLevel['二级']   // '0.85'
 * ```
 */
export const PINGDINGSHAN_2025: RegionPolicy = {
  schemaVersion: 1,
  id: 'pingdingshan-2025',
  name: '平顶山 2025 DIP 2.0（示例政策）',
  regionCode: '410400',
  description: 'Example policy for the Pingdingshan 2025 DIP 2.0 catalog. Grouping options follow the catalog; coefficients, outlier rules and settlement values are assumptions, not Pingdingshan rules.',
  sources: pickSources('pingdingshanCatalog2025', 'pingdingshanGrouper', 'dip3Draft', 'handlingRules2025', 'cityPresetsPage', 'engineDefaults'),
  parameters: {
    grouping: [
      {
        from: FROM,
        to: TO,
        source: ['pingdingshanCatalog2025', 'pingdingshanGrouper', 'dip3Draft', 'engineDefaults'],
        assumed: assumedFor('grouping', [], ['comprehensiveMissingGroup']),
        value: {
          layers: ['base'],
          dxKeyLength: 5,
          catalogNotation: 'pingdingshan',
          mainProcedureRole: 'principalOnly',
          relatedMatchMode: 'subset',
          tieBreak: ['mostRelatedMatched', 'highestPoints', 'packetCode'],
          typePriority: 'coreFirst',
          comprehensiveClassFrom: 'principalProcedure',
          comprehensiveDxKeys: ['category'],
          fallbackChain: ['chapterPacket'],
        },
      },
    ],
    auxiliary: [{ from: FROM, to: TO, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('auxiliary'), note: 'the Pingdingshan catalog has no auxiliary subtypes (SERIOUS_COEF is 1 in every row)', value: {} }],
    coefficients: [
      {
        from: FROM,
        to: TO,
        source: ['cityPresetsPage', 'engineDefaults'],
        assumed: ['byLevel', 'missingCoefficient'],
        note: 'example values: 连云港 1.00 / 0.85 / 0.70 from the city presets page (unverified), not Pingdingshan coefficients',
        value: { byLevel: { 三级: '1.00', 二级: '0.85', 一级: '0.70' }, primaryCareCoef: '1' },
      },
    ],
    outlier: [
      {
        from: FROM,
        to: TO,
        source: ['dip3Draft', 'engineDefaults'],
        assumed: assumedFor('outlier', [], ['outlierReference', 'lowThreshold', 'lowInclusive', 'lowFormula', 'coefInLow', 'highThreshold', 'highInclusive', 'highFormula', 'coefInHigh', 'zeroRwPolicy']),
        note: 'national 3.0 reading; the catalog column UPLMT_REDC_MAG = 3 is undocumented and not used',
        value: { ...OUTLIER_VARIANT_INPUTS.national_3_0 },
      },
    ],
    ungrouped: [
      {
        from: FROM,
        to: TO,
        source: ['pingdingshanCatalog2025', 'engineDefaults'],
        assumed: ['ungroupedPolicy', 'coefficientsApplyToFallback', 'outlierRulesApplyToFallback'],
        note: 'CPnn:GROUP rows carry 1,000 points (= one regional-average case); whether coefficients and outlier rules apply is not documented',
        value: { chapterPacketPoints: '1000' },
      },
    ],
    specialCase: [{ from: FROM, to: TO, source: ['dip3Draft', 'handlingRules2025', 'engineDefaults'], assumed: assumedFor('specialCase'), value: { specialCaseQuota: '0.005' } }],
    pointValue: [{ from: FROM, to: TO, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('pointValue', [], ['pointValueRegime']), value: {} }],
    settlement: [{ from: FROM, to: TO, source: ['handlingRules2025', 'engineDefaults'], assumed: assumedFor('settlement', [], ['prepayRatio']), note: 'quality deposit at the 2025 Handling Rules cap of 5 %', value: { qualityDepositRate: '0.05' } }],
    rounding: [{ from: FROM, to: TO, source: ['pingdingshanCatalog2025', 'engineDefaults'], assumed: assumedFor('rounding', ['packetPointsDerived', 'meansPublished']), note: 'packet points and means published at 6 dp in the catalog', value: {} }],
    catalogBuild: [
      {
        from: FROM,
        to: TO,
        source: ['pingdingshanCatalog2025', 'dip3Draft', 'engineDefaults'],
        assumed: assumedFor('catalogBuild'),
        note: 'WEIGHT_SCORE = DIP_AVG_FEE / REGION_AVE_VAL × 1000 (DIP-RULES.md §5.12); data year 2024',
        value: { rwMethod: 'average', rwScale: '1000' },
      },
    ],
  },
};
