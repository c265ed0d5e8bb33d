/** Node-only entry: file and stream readers, writers. Re-exports the pure core too. */
export * from './index.js';
