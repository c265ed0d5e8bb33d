/**
 * Node file and stream input for discharge records and code tables. Node-only: export from the `./node` entry.
 *
 * @module
 */
export type { RecordsSource, ReadRecordsOptions, ReadSummary, RecordEvent, CollectedRecords } from './readRecords.js';
export { readRecords, collectRecords } from './readRecords.js';
export type { RecordHeader, ParsedRow } from './recordRows.js';
export { parseRecordHeader, parseRecordLine, parseRecordRow, RecordsReadState } from './recordRows.js';
export type { RecordsReadErrorCode } from './RecordsReadError.js';
export { RecordsReadError } from './RecordsReadError.js';
export type { HeaderAliasTable, MapHeaderOptions, HeaderMapping } from './mapHeader.js';
export { mapHeader, normalizeHeaderName } from './mapHeader.js';
export type { CsvRow, OnLine } from './CsvTokenizer.js';
export { CsvTokenizer } from './CsvTokenizer.js';
export type { RecordsEncoding } from './TextChunkDecoder.js';
export { TextChunkDecoder } from './TextChunkDecoder.js';
export { CaseKeySet } from './CaseKeySet.js';
export type { CaseKeyRegistry } from './CaseKeySet.js';
export type { DuplicateScanStats, ScanDuplicateCasesOptions } from './scanDuplicateCases.js';
export { PrecomputedCaseKeys, scanDuplicateCases } from './scanDuplicateCases.js';
export { loadCodeTables, readCodeTableCsv } from './loadCodeTables.js';
