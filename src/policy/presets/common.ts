import type { SectionName } from '../schema.js';

/**
 * Fields of each group whose engine default has no published source (DIP-RULES.md says "no published source
 * found; make it configurable" for each). A preset entry that keeps the default lists the field in `assumed`.
 *
 * @example
 * ```ts
 * ENGINE_ASSUMED.settlement.includes('surplusCorridor')   // true
 * ```
 */
export const ENGINE_ASSUMED: Readonly<Record<SectionName, readonly string[]>> = {
  grouping: ['principalProcedureSource', 'relatedMatchMode', 'unknownProcedure', 'unknownProcedureFallbackClass', 'tcmOrder'],
  auxiliary: ['icuDaysFromHours', 'secondaryDxSubtypes'],
  coefficients: ['missingCoefficient'],
  outlier: ['referencePointValue', 'aboveHighUpper', 'applyToKinds'],
  ungrouped: ['ungroupedPolicy', 'coefficientsApplyToFallback', 'outlierRulesApplyToFallback'],
  specialCase: ['specialCaseTriggerInclusive', 'specialCaseMode', 'specialCaseFunding'],
  pointValue: ['budgetPointsBasis', 'optimalWeighting', 'fundPayRatioScope', 'bookedAmountComponents', 'elastic'],
  settlement: ['negativeMonth', 'assessmentBands', 'surplusCorridor', 'reserveShortfall', 'residualAllocation'],
  rounding: ['packetPointsDerived', 'auxCoefDerived', 'casePoints', 'pointValue', 'money', 'quota', 'meansPublished', 'inputMoneyMaxScale'],
  catalogBuild: ['yearWeighting', 'trimScope', 'trimMinCases', 'percentileMethod', 'thresholdWindow', 'comprehensiveCvMax', 'primaryCareShareMin', 'auxN1', 'auxN2', 'cvStdDev', 'cvAfter'],
};

/** `ENGINE_ASSUMED[section]` without the fields the entry sets from a source, plus extra assumed names. */
export function assumedFor(section: SectionName, sourced: readonly string[] = [], extra: readonly string[] = []): string[] {
  return [...ENGINE_ASSUMED[section].filter((f) => !sourced.includes(f)), ...extra];
}
