/**
 * Case points 病例分值 (DIP-RULES.md §6): normal cases, cost outliers, ungrouped cases, special-case review, and
 * the institution-coefficient lookup.
 *
 * @module
 */
export type { DecLike } from './toDec.js';
export { isAbove, isBelow } from './thresholdCompare.js';
export type { CoefficientQuery, CoefficientSource, ResolvedCoefficient } from './institutionCoefficient.js';
export { resolveInstitutionCoefficient } from './institutionCoefficient.js';
export type { ReferenceBasis, ReferenceCost, ReferenceCostInput } from './referenceCost.js';
export { computeReferenceCost } from './referenceCost.js';
export type { CaseContext, CaseContextInput, CaseFormula, CasePointsInput, CasePointsPolicy, CasePointsResult, OutlierClass } from './casePoints.js';
export { CASE_FORMULA_TEXT, computeCasePoints, pointsToFixed, prepareCaseContext, rhoToFixed, scaledPointsText, scoreCase, scoreCaseDecimal } from './casePoints.js';
export type { CasePointsTrace, RoundingStep } from './explainCasePoints.js';
export { explainCasePoints } from './explainCasePoints.js';
export type { CaseStandard } from './caseStandard.js';
export { caseStandard } from './caseStandard.js';
export type { UngroupedPointsInput, UngroupedPointsResult, UngroupedRule } from './ungroupedPoints.js';
export { computeUngroupedPoints } from './ungroupedPoints.js';
export type { AcceptedSpecialCase, RejectedSpecialCase, SpecialCaseApproval, SpecialCasesResult } from './specialCases.js';
export { applySpecialCases, isSpecialCaseEligible, specialCaseQuota } from './specialCases.js';
export type { AdjustedShare } from './adjustedShare.js';
export { ADJUSTED_CLASSES, checkAdjustedShare } from './adjustedShare.js';
