/**
 * Seeded, deterministic synthetic city-years of discharge records, drawn from a catalog and its
 * per-packet statistics (pure: no Node imports; files are written by `src/io/writeCsv.ts`, tables are
 * loaded by `src/io/loadPacketStats.ts`).
 *
 * Decisions (no published source; test data only):
 * - every discharge date lies in the year; admission = discharge − stay may fall in the previous year
 *   (cases belong to the year of discharge, DIP-RULES.md §2.3); settlement = discharge + 0..10 days,
 *   capped at 31 December so every settlement month lies in the year;
 * - `CPnn` fallback packets have no BILL_COUNT: drawn with `fallbackShare` (default 0.1 %);
 * - `KBBZ` is drawn (its BILL_COUNT) but always marked ambiguous; `U07:*` statistics-only packets are
 *   comprehensive packets of the packet universe;
 * - institution coefficients and fund ratios are illustrative (DIP-RULES.md §5.10 presets).
 *
 * @example
 * ```ts
 * const model = buildSyntheticModel(tables, { rows: 1000, seed: 'demo' });
 * for (const cells of generateRecords(model)) {
 *   // cells[COL.source_packet], cells[COL.total_cost], …
 * }
 * ```
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
