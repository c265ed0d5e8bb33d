/**
 * Catalog building from history (病种库与病种分值测算), DIP-RULES.md §5, §7.1: pure formulas and the streaming
 * {@link buildCatalog}. Imports nothing from Node; file IO lives in `src/cli/commands/build-catalog.ts`.
 *
 * @module
 */
export type { YearTotal, YearWeighting } from './yearWeightedMean.js';
export { yearWeightedMean } from './yearWeightedMean.js';
export type { PercentileMethod, TrimOptions, TrimResult } from './trimByQuantiles.js';
export { quantileOfSorted, trimByQuantiles } from './trimByQuantiles.js';
export type { PointsMethod } from './packetPoints.js';
export { packetPoints, rawPacketPoints, DEFAULT_RW_SCALE } from './packetPoints.js';
export { isCoreCount, coverageThreshold } from './coreThreshold.js';
export { relatedCostIncrease, shouldSplitRelated } from './relatedSplit.js';
export type { CostMoments, StdDevForm } from './costVariation.js';
export { emptyMoments, addCost, mergeMoments, momentsMean, coefficientOfVariation } from './costVariation.js';
export { costToUnits, unitsToYuan, UNITS_PER_YUAN } from './costUnits.js';
export { levelCoefficient } from './institutionCoefficients.js';
export { isPrimaryCarePacket } from './primaryCare.js';
export type { AuxTriggerRule } from './auxSubtypeTrigger.js';
export { auxTrigger, auxCoefficient, cvDrop } from './auxSubtypeTrigger.js';
export type { HistoryCase, HistoryAccumulatorOptions, ComboAcc, YearSums, AuxCaseTest } from './historyAccumulator.js';
export { HistoryAccumulator, addYear, mergeYearSums, newYearSums, yearTotalUnits } from './historyAccumulator.js';
export type { HistoryYear } from './historyFromYears.js';
export { historyFromYears } from './historyFromYears.js';
export type { PacketCostStats, TrimScope } from './packetCostStats.js';
export { packetCostStats } from './packetCostStats.js';
export type {
  AuxCandidate,
  SmallComprehensivePolicy,
  CatalogBuildInputs,
  CatalogBuildReport,
  CatalogBuildResult,
  PacketKindCounts,
} from './buildCatalog.js';
export { buildCatalog, finishCatalog } from './buildCatalog.js';
