/**
 * dip-engine: exact, explainable DIP (按病种分值付费) grouping, points, point values and settlement.
 * This entry is the pure core (no Node built-ins); file readers, writers and the CLI helpers are in `dip-engine/node`.
 */
export * from './decimal/index.js';
export type { Issue, Result } from './core/issue.js';
export type * from './records/types.js';
export * from './policy/index.js';
export * from './codes/index.js';
export * from './catalog/index.js';
export * from './points/index.js';
export * from './pointValue/index.js';
export * from './settlement/index.js';
export * from './catalogBuild/index.js';
export * from './synthetic/index.js';
export * from './records/index.js';
export * from './grouping/index.js';
export * from './run/index.js';

// Names exported by two modules: the catalog's packet kinds and procedure classes are the primary ones; the policy's
// wider unions (with `primaryCare` / `conservative`, used by `applyToKinds` and fallback classes) get a prefix.
export type { PacketKind, ProcedureClass } from './catalog/index.js';
export type { PacketKind as PolicyPacketKind, ProcedureClass as PolicyProcedureClass } from './policy/index.js';
export type { BudgetYear } from './pointValue/index.js';
export type { ProcedureClassTable } from './catalog/index.js';
export type { ProcedureClassTable as ProcedureClassLookup } from './grouping/index.js';
