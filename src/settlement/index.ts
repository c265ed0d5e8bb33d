/**
 * Settlement (DIP-RULES.md §8): mergeable per-hospital / per-pool accumulators, monthly prepayment, annual amount
 * due, assessment, surplus/overrun corridor, net payment, fund reconciliation and largest-remainder allocation.
 *
 * @module
 */
export type { AccumulatedCase, CaseAggregate, HospitalAccumulator, MonthAggregate, PoolAccumulator, SettlementAccumulator, SettlementAccumulatorJSON } from './accumulators.js';
export { accumulatorFromJSON, accumulatorToJSON, addCase, createSettlementAccumulator, hospitalKey, mergeAccumulators, toAccumulatedCase } from './accumulators.js';
export type { AllocatedShare, WeightedItem } from './allocateLargestRemainder.js';
export { allocateLargestRemainder } from './allocateLargestRemainder.js';
export type { MonthlyPrepayment, MonthlyPrepaymentInput, PrepaymentYear } from './monthlyPrepayment.js';
export { computeMonthlyPrepayment, runMonthlyPrepayments } from './monthlyPrepayment.js';
export type { AssessmentResult } from './assessment.js';
export { resolveAssessment } from './assessment.js';
export type { DipAmountDue, DipAmountDueInput } from './dipAmountDue.js';
export { computeDipAmountDue } from './dipAmountDue.js';
export type { CorridorBandResult, CorridorResult } from './surplusCorridor.js';
export { applySurplusCorridor } from './surplusCorridor.js';
export type { NetPayment, NetPaymentInput } from './netPayment.js';
export { computeNetPayment } from './netPayment.js';
export type { AnnualClearing, ClearingHospitalInput, ClearingInput, FundReconciliation, HospitalClearing } from './annualClearing.js';
export { clearAnnual } from './annualClearing.js';
export type { CaseMoney } from './caseMoney.js';
export { caseMoneyDecimal, createCaseMoney } from './caseMoney.js';
