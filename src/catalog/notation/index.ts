/**
 * Parsers of the procedure-combination notations of DIP-RULES.md §3.3, all producing the one requirement form
 * (diagnosis matcher + main alternatives + ordered related groups). Malformed input yields issues, never throws.
 *
 * @module
 */
export { parseProcedureRef, parseProcedureList, splitMainRelated, FULL_PROCEDURE_CODE_LENGTH } from './procedureRef.js';
export type { PingdingshanCode } from './pingdingshan.js';
export { parsePingdingshanCode, chapterDxMatcher } from './pingdingshan.js';
export { parsePlusSlash } from './plusSlash.js';
export { parseCommaAll } from './commaAll.js';
export type { Dip3ComprehensiveKey } from './dip3.js';
export { parseDip3Procedures, parseDip3Diagnosis, parseDip3ComprehensiveKey, ALL_DIAGNOSES } from './dip3.js';
