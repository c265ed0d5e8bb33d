/**
 * The region-year settlement run (区域年度结算): records → grouping → case points → point value per pool → hospital
 * statements → region summary (DIP-RULES.md §6–§8). Pure: file reading and writing live in `src/io` and
 * `src/cli/commands/settle.ts`.
 *
 * @packageDocumentation
 */
export { settleRegionYear } from './settleRegionYear.js';
export type { RegionYearInput, RunSinks } from './settleRegionYear.js';
export { createCaseScorer } from './caseScorer.js';
export type { CaseGrouper, CaseScorer, ScoredCase, ScorerInput } from './caseScorer.js';
export { createRunState } from './runState.js';
export type { RunState } from './runState.js';
export { poolSetupOf } from './poolSetup.js';
export type { PoolSetup } from './poolSetup.js';
export { recordItemsFromReader } from './readerItems.js';
export type { ReaderEvent } from './readerItems.js';
export { parseAuditTable, parseHospitalTable, parsePrepaymentTable, parseScoreTable, parseSpecialCaseTable } from './tables.js';
export type { TableParse, TableRow } from './tables.js';
export type {
  AssessmentScore,
  AuditDeduction,
  CaseCounts,
  CaseResult,
  CaseStatus,
  HospitalInfo,
  HospitalPoolLine,
  HospitalStatement,
  PoolSummary,
  PrepaymentRow,
  RecordItem,
  RegionSummary,
  RegionTotals,
  RunCounts,
  RunPool,
  SettlementRun,
  SpecialCaseSummary,
} from './types.js';
