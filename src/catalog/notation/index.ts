export { parseProcedureRef, parseProcedureList, splitMainRelated, FULL_PROCEDURE_CODE_LENGTH } from './procedureRef.js';
export type { PingdingshanCode } from './pingdingshan.js';
export { parsePingdingshanCode, chapterDxMatcher } from './pingdingshan.js';
export { parsePlusSlash } from './plusSlash.js';
export { parseCommaAll } from './commaAll.js';
export type { Dip3ComprehensiveKey } from './dip3.js';
export { parseDip3Procedures, parseDip3Diagnosis, parseDip3ComprehensiveKey, ALL_DIAGNOSES } from './dip3.js';
