/**
 * Grouping (入组): compile a grouper for a catalog and an option set, group records one by one or as a stream
 * (DIP-RULES.md §4).
 *
 * @module
 */
export type {
  ProcedureClass,
  ProcedureClassTable,
  CciDictionary,
  TraceLevel,
  GrouperOptions,
  UngroupedReason,
  GroupRoute,
  EliminationCriterion,
  CandidateTrace,
  TraceStep,
  AuxTrace,
  GroupTrace,
  GroupedResult,
  UngroupedResult,
  GroupResult,
  GrouperInfo,
  Grouper,
} from './types.js';
export { UNGROUPED_REASONS } from './types.js';
export { createGrouper } from './grouper.js';
export type { AuxCaseView, CompiledSubtype, AuxSelection } from './auxiliary.js';
export { AuxEvalContext, compileCondition, compileSubtypes, selectSubtype, auxApplies, inDxSet } from './auxiliary.js';
export { fastDxCode, fastProcedureCode } from './codes.js';
export type { TopEntry, GroupSummary, SummaryOptions } from './groupBatch.js';
export { GroupSummaryAccumulator, groupBatch } from './groupBatch.js';
