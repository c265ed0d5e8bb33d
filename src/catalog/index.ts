/**
 * Catalogs (病种库): the packet model, notation parsers, row assembly and validation, JSON / canonical CSV forms,
 * content hash, procedure classes (DIP-RULES.md §3, §4.2, §4.7). Pure: file reading is in `src/io/loadCatalog.ts`
 * and `src/io/loadProcedureClasses.ts`.
 *
 * @module
 */
export type {
  PacketKind,
  ProcedureClass,
  ComprehensiveGroupCode,
  ComprehensiveGroup,
  DxSetItem,
  DxSet,
  DxMatcher,
  ProcedureRef,
  PacketRequirement,
  IntBound,
  DecBound,
  AuxCondition,
  AuxSubtypeType,
  AuxSubtype,
  CoreLayer,
  FallbackType,
  PacketBase,
  CorePacket,
  ComprehensivePacket,
  TcmPacket,
  FallbackPacket,
  Packet,
  Catalog,
  CatalogMeta,
} from './types.js';
export { COMPREHENSIVE_GROUP_BY_CODE, COMPREHENSIVE_GROUP_CODE, PROCEDURE_CLASS_RANK } from './types.js';
export * from './notation/index.js';
export type {
  CatalogNotation,
  CatalogColumn,
  StatsColumn,
  SourceRow,
  BuildCatalogInput,
  CatalogBuildSummary,
  BuildCatalogResult,
} from './buildCatalogFromRows.js';
export { buildCatalogFromRows } from './buildCatalogFromRows.js';
export { indexCatalog, catalogContentHash, CATALOG_HASH_SCHEME } from './indexCatalog.js';
export { fnv1a64, canonicalJson } from './contentHash.js';
export type { CatalogJson } from './catalogJson.js';
export { catalogToJson, catalogFromJson, catalogToCsvRows, formatDxMatcher, formatProcedureGroups, CANONICAL_CSV_COLUMNS } from './catalogJson.js';
export { CATALOG_JSON_FORMAT, packetSchema, auxSubtypeSchema, auxConditionSchema, dxMatcherSchema, catalogJsonSchema } from './catalogSchema.js';
export type { ProcedureClassColumn, ProcedureClassTable, ProcedureClassSummary } from './procedureClasses.js';
export { PROCEDURE_CLASS_BY_NAME, procedureClassRank, procedureClassTable, buildProcedureClassTable } from './procedureClasses.js';
export { applyPrimaryCareList } from './applyPrimaryCareList.js';
