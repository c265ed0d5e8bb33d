/**
 * Point values 点值 (DIP-RULES.md §7): budget PV from weighted history (mean, quantile, optimal interval), settlement
 * PV `(F / r) / P`, the fund payment ratio, fixed / floating / elastic regimes, floors and caps, per insurance pool.
 *
 * @module
 */
export type { BookedAmountSource, FundPayRatio, FundPayRatioSource } from './fundPayRatio.js';
export { bookedAmount, resolveFundPayRatio } from './fundPayRatio.js';
export type { BudgetPointValue, BudgetYear } from './budgetPointValue.js';
export { computeBudgetPointValue } from './budgetPointValue.js';
export type { BudgetCaseGroup, BudgetTrimDefinition, BudgetYearTrim, QuantileBudgetPointValue } from './quantileBudgetPointValue.js';
export { computeQuantileBudgetPointValue } from './quantileBudgetPointValue.js';
export type { BudgetHospital, Optimal1DBudgetPointValue, WeightedHospital } from './optimal1DBudgetPointValue.js';
export { computeOptimal1DBudgetPointValue, weightHospitals } from './optimal1DBudgetPointValue.js';
export type { ElasticHospitalStandard, ElasticInput, ElasticPointValue } from './elasticPointValue.js';
export { computeElasticPointValue, elasticHospitalStandard } from './elasticPointValue.js';
export type { PointValueInput, PointValueResult } from './pointValue.js';
export { computePointValue } from './pointValue.js';
export type { PoolKey, PoolPointValueInput, PoolPointValues } from './poolPointValues.js';
export { computePoolPointValues } from './poolPointValues.js';
export type { BudgetHistory, BudgetPointValueByMethod } from './budgetPointValueByMethod.js';
export { computeBudgetPointValueByMethod } from './budgetPointValueByMethod.js';
export type { BudgetHospital2D, Optimal2DBudgetPointValue, WeightedHospital2D } from './optimal2DBudgetPointValue.js';
export { computeOptimal2DBudgetPointValue } from './optimal2DBudgetPointValue.js';
