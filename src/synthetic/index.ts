/**
 * Seeded, deterministic synthetic city-years of discharge records, drawn from a catalog and its
 * per-packet statistics (pure: no Node imports; files are written by `src/io/writeCsv.ts`).
 *
 * @module
 */
export { Prng } from './prng.js';
export type { Seed } from './prng.js';
export { AliasTable } from './aliasTable.js';
export { fenToYuan } from './money.js';
export type { PacketStat, SyntheticTables } from './syntheticTables.js';
export type { SyntheticOptions } from './syntheticOptions.js';
export { DEFAULT_SYNTHETIC_OPTIONS, resolveSyntheticOptions } from './syntheticOptions.js';
export type { BadRowKind } from './badRows.js';
export { BAD_ROW_KINDS, DEFAULT_BAD_ROW_KINDS, applyBadRow } from './badRows.js';
export type { SyntheticColumn } from './syntheticColumns.js';
export { SYNTHETIC_COLUMNS, SYNTHETIC_NUMERIC_COLUMNS, COL } from './syntheticColumns.js';
export type { HospitalLevel, SyntheticHospital } from './hospitals.js';
export { HOSPITAL_COLUMNS, ILLUSTRATIVE_LEVEL_COEFFICIENTS, ILLUSTRATIVE_FUND_RATIOS, generateHospitals, hospitalRows } from './hospitals.js';
export type { PacketPlan, ProcedurePlan } from './packetPlans.js';
export { buildPacketPlans } from './packetPlans.js';
export type { SyntheticModel } from './syntheticModel.js';
export { buildSyntheticModel } from './syntheticModel.js';
export { generateRecords } from './generateRecords.js';
