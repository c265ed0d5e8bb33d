/**
 * ICD-10 / ICD-9-CM-3 医保版 2.0 code normalisation and keys (DIP-RULES.md §3.4, §3.5). Pure.
 *
 * @module
 */
export type { NormalizeOptions, DaggerPair } from './normalize.js';
export {
  foldFullWidth,
  normalizeDiagnosisCode,
  normalizeProcedureCode,
  splitDaggerPair,
  dxSubcategory,
  dxCategory,
  icd10Chapter,
  ICD10_CHAPTERS,
  isDiagnosisCodeShape,
  isProcedureCodeShape,
} from './normalize.js';
