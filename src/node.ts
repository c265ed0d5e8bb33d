/**
 * Node-only entry of dip-engine: streaming CSV readers and writers, catalog / code-table / hospital loaders.
 * It re-exports the pure core too, so one import serves a Node program.
 */
export * from './index.js';
export * from './io/index.js';
export type { CatalogEncoding, LoadCatalogOptions, LoadCatalogResult } from './io/loadCatalog.js';
export { CatalogLoadError, CATALOG_HEADER_ALIASES, STATS_HEADER_ALIASES, decodeCatalogText, loadCatalog, writeCatalogCsv, writeCatalogJson } from './io/loadCatalog.js';
export { PROCEDURE_CLASS_HEADER_ALIASES, loadProcedureClasses } from './io/loadProcedureClasses.js';
export type { CsvEncodeOptions, CsvWriterOptions } from './io/writeCsv.js';
export { CsvWriter, encodeCsvCell, encodeCsvRow, writeCsvFile } from './io/writeCsv.js';
export type { SyntheticTablePaths } from './io/loadPacketStats.js';
export { fixturePaths, loadPacketStats, loadSyntheticTables, parsePacketStats } from './io/loadPacketStats.js';
export { loadHospitals } from './io/loadHospitals.js';
export { loadScores } from './io/loadScores.js';
export { loadAuditDeductions, loadPrepayments } from './io/loadPrepayments.js';
export { loadSpecialCases } from './io/loadSpecialCases.js';
