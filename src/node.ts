/**
 * Node-only entry of dip-engine: streaming CSV readers and writers, catalog / code-table / hospital loaders.
 * It re-exports the pure core too, so one import serves a Node program.
 */
export * from './index.js';
export * from './io/index.js';
