/**
 * dip-engine: exact, explainable DIP (按病种分值付费) grouping, points, point values and settlement.
 * This entry is the pure core (no Node built-ins); file readers and the CLI are in `dip-engine/node`.
 */
export * from './decimal/index.js';
export type { Issue, Result } from './core/issue.js';
export type * from './records/types.js';
