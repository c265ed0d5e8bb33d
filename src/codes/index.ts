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
