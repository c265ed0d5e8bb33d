import { OUTLIER_VARIANT_INPUTS } from '../outlierVariants.js';
import type { RegionPolicy } from '../schema.js';
import { assumedFor } from './common.js';
import { pickSources } from './sources.js';

const FROM = '2023-01-01';
const TO = '2024-01-01';

/**
 * `hubei-base-2023`: the shared base strategy of the Hubei cities in the Hubei 2023 code (宜昌, 襄阳, 荆门, 孝感,
 * 荆州, 咸宁): any listed procedure may be the main one, ties by most `+` segments → most matched codes →
 * average cost closest to the case's cost, class ladder, comprehensive class from the highest listed procedure,
 * dx keys category → 2 → 1 characters → ranges, unknown procedures conservative, outlier variant `hubei_base`
 * (`ρ ≤ 0.5` low, `ρ ≥ 2` high with `(ρ − 1) × c × a`). City refinements (宜昌 core conservative fallback and
 * elderly age 66; 孝感 blank packet; 襄阳/荆门/荆州 floor packet; 襄阳/荆门 prefix match) are not in the base.
 * In force for 2023 (the code is a July 2023 snapshot).
 *
 * @example
 * ```ts
 * resolvePolicy(HUBEI_BASE_2023, '2023-06-30').ok   // true; grouping.typePriority === 'classLadder'
 * ```
 */
export const HUBEI_BASE_2023: RegionPolicy = {
  schemaVersion: 1,
  id: 'hubei-base-2023',
  name: '湖北（宜昌、襄阳、荆门、孝感、荆州、咸宁）2023 基础规则',
  regionCode: '420000',
  description: 'Base strategy shared by the Hubei cities in the Hubei 2023 code; regionCode 420000 = 湖北省 (the strategy is city-level: copy and set the city code).',
  sources: pickSources('hubei2023Code', 'dip3Draft', 'engineDefaults'),
  parameters: {
    grouping: [
      {
        from: FROM,
        to: TO,
        source: ['hubei2023Code', 'dip3Draft', 'engineDefaults'],
        assumed: assumedFor('grouping', ['unknownProcedure']),
        note: 'tieBreak ends with packetCode (engine) so the choice is deterministic',
        value: {
          layers: ['base'],
          mainProcedureRole: 'anyListed',
          catalogNotation: 'plusSlash',
          tieBreak: ['mostAndSegments', 'mostMatchedProcedures', 'closestAverageCost', 'packetCode'],
          typePriority: 'classLadder',
          coreConservativeFallback: false,
          interventionalAsSurgery: true,
          simpleProcedureRule: 'classAndGrade',
          comprehensiveClassFrom: 'highestListed',
          comprehensiveDxKeys: ['category', 'prefix2', 'prefix1', 'range'],
          fallbackChain: [],
          unknownProcedure: 'conservative',
        },
      },
    ],
    auxiliary: [{ from: FROM, to: TO, source: ['hubei2023Code', 'dip3Draft', 'engineDefaults'], assumed: assumedFor('auxiliary'), note: 'Hubei: the highest factor wins', value: { selectionRule: 'highestCoefficient', elderlyAge: 65 } }],
    coefficients: [{ from: FROM, to: TO, source: ['hubei2023Code', 'engineDefaults'], assumed: assumedFor('coefficients'), note: 'each primary-care packet has its own factor in the code: set primaryCareCoefByPacket from the city catalog', value: {} }],
    outlier: [{ from: FROM, to: TO, source: ['hubei2023Code', 'engineDefaults'], assumed: assumedFor('outlier'), note: 'simulated average per pool comes with the city catalog (average-cost factor per pool)', value: { ...OUTLIER_VARIANT_INPUTS.hubei_base } }],
    ungrouped: [{ from: FROM, to: TO, source: 'engineDefaults', assumed: assumedFor('ungrouped'), value: {} }],
    specialCase: [{ from: FROM, to: TO, source: ['dip3Draft', 'engineDefaults'], assumed: assumedFor('specialCase'), value: {} }],
    pointValue: [{ from: FROM, to: TO, source: ['hubei2023Code', 'engineDefaults'], assumed: assumedFor('pointValue'), note: 'separate employee / resident point values (Hubei 2023 code)', value: { perPool: true } }],
    settlement: [{ from: FROM, to: TO, source: 'engineDefaults', assumed: assumedFor('settlement', [], ['prepayRatio', 'qualityDepositRate']), value: {} }],
    rounding: [{ from: FROM, to: TO, source: 'engineDefaults', assumed: assumedFor('rounding'), value: {} }],
  },
};
