/**
 * Discharge records (医保结算清单, DIP-RULES.md §2): columns and aliases, pure validation, code tables.
 * Pure: imports nothing from Node (file reading lives in `src/io`).
 *
 * @module
 */
export type { DischargeRecord, InsuranceType, DischargeStatus, Sex, MedicalType, SpecialCaseStatus } from './types.js';
export type { RecordColumn, RawRecord } from './columns.js';
export { RECORD_COLUMNS, RECORD_COLUMN_ALIASES, REQUIRED_RECORD_COLUMNS, REQUIRED_ONE_OF_RECORD_COLUMNS } from './columns.js';
export { parseRecordDate, dayNumber, daysBetween, completedYears } from './dates.js';
export { DEFAULT_INSURANCE_TYPE_CODES, parseInsuranceType, parseSex, parseDischargeStatus, parseMedicalType, parseSpecialCaseStatus } from './enums.js';
export { splitCodeList } from './splitCodeList.js';
export type { CodeTableRow, CodeTables, CodeTableRows, CheckSeverity, CodeTableSeverities } from './codeTables.js';
export { buildCodeTables, checkRecordCodes } from './codeTables.js';
export type { ValidateRecordOptions, ValidateRecordContext, ValidateRecordResult, RecordColumnIndex } from './validateRecord.js';
export { validateRecord, validateRecordCells, validateRecordLine, recordColumnIndex } from './validateRecord.js';
