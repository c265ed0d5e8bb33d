import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { PacketStat, SyntheticTables } from '../synthetic/syntheticTables.js';

/**
 * Node-side loaders for the synthetic generator's reference data: the per-packet statistics sheet, the
 * catalog's packet codes and the ICD code tables, read with csv-parse (quoted newlines supported:
 * 610 catalog names contain line breaks, DIP-RULES.md §3.4).
 *
 * These are deliberately small and private to the generator; the catalog module (`src/io/loadCatalog.ts`)
 * is the real catalog loader.
 *
 * @module
 */

function rows(text: string): Record<string, string>[] {
  return parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[];
}

function num(s: string | undefined): number | undefined {
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Parse a per-packet statistics CSV (Pingdingshan 2025 catalog, sheet `中间结果`; columns DIP_CODE,
 * DIP_AVG_FEE, AVG_IPT_DAYS, CV, BILL_COUNT). Blank BILL_COUNT (the `CPnn` rows) → `caseCount` 0.
 * Throws on a missing column or a row without code / average cost.
 *
 * @example
 * ```ts
 * const stats = parsePacketStats(await readFile('fixtures/pingdingshan-2025-dip2/packet-stats.csv', 'utf8'));
 * stats.length; // 4536
 * ```
 */
export function parsePacketStats(text: string): PacketStat[] {
  const out: PacketStat[] = [];
  for (const [i, r] of rows(text).entries()) {
    const code = r['DIP_CODE']?.trim();
    const avgCost = num(r['DIP_AVG_FEE']);
    if (code === undefined || code === '' || avgCost === undefined) throw new Error(`packet stats row ${i + 2}: missing DIP_CODE or DIP_AVG_FEE`);
    const los = num(r['AVG_IPT_DAYS']);
    const cv = num(r['CV']);
    out.push({ code, avgCost, caseCount: num(r['BILL_COUNT']) ?? 0, ...(los === undefined ? {} : { avgLosDays: los }), ...(cv === undefined ? {} : { cv }) });
  }
  return out;
}

/**
 * Read and parse a per-packet statistics CSV file. See {@link parsePacketStats}.
 *
 * @example
 * ```ts
 * const stats = await loadPacketStats('fixtures/pingdingshan-2025-dip2/packet-stats.csv');
 * stats.find((s) => s.code === 'KBBZ')?.caseCount; // 23605
 * ```
 */
export async function loadPacketStats(path: string): Promise<PacketStat[]> {
  return parsePacketStats(await readFile(path, 'utf8'));
}

/** Paths of the generator's reference files. */
export interface SyntheticTablePaths {
  readonly catalog: string;
  readonly packetStats: string;
  readonly diagnoses: string;
  readonly greyDiagnoses: string;
  readonly procedures: string;
  readonly greyProcedures: string;
  readonly procedureClasses: string;
}

/**
 * The fixture layout of this repository: `<root>/pingdingshan-2025-dip2/{catalog,packet-stats}.csv` and
 * `<root>/icd/*.csv`.
 *
 * @example
 * ```ts
 * fixturePaths('fixtures').catalog; // 'fixtures/pingdingshan-2025-dip2/catalog.csv'
 * ```
 */
export function fixturePaths(root: string): SyntheticTablePaths {
  return {
    catalog: join(root, 'pingdingshan-2025-dip2', 'catalog.csv'),
    packetStats: join(root, 'pingdingshan-2025-dip2', 'packet-stats.csv'),
    diagnoses: join(root, 'icd', 'icd10-yb-2.0.csv'),
    greyDiagnoses: join(root, 'icd', 'icd10-yb-2.0-grey.csv'),
    procedures: join(root, 'icd', 'icd9cm3-yb-2.0.csv'),
    greyProcedures: join(root, 'icd', 'icd9cm3-yb-2.0-grey.csv'),
    procedureClasses: join(root, 'icd', 'procedure-classes.csv'),
  };
}

async function column(path: string, name: string): Promise<string[]> {
  const rs = rows(await readFile(path, 'utf8'));
  return rs.map((r, i) => {
    const v = r[name];
    if (v === undefined) throw new Error(`${path} row ${i + 2}: no column ${name}`);
    return v.trim();
  });
}

/**
 * Load everything the synthetic generator draws from (catalog codes, packet statistics, ICD-10 and
 * ICD-9-CM-3 医保版 2.0 tables, grey lists, procedure classes).
 *
 * @example
 * ```ts
 * const tables = await loadSyntheticTables(fixturePaths('fixtures'));
 * const model = buildSyntheticModel(tables, { rows: 1000 });
 * ```
 */
export async function loadSyntheticTables(paths: SyntheticTablePaths): Promise<SyntheticTables> {
  const [catalogCodes, packetStats, diagnoses, greyDx, procedures, greyProc, classRows] = await Promise.all([
    column(paths.catalog, '病种编码'),
    loadPacketStats(paths.packetStats),
    column(paths.diagnoses, 'code'),
    column(paths.greyDiagnoses, 'code'),
    column(paths.procedures, 'code'),
    column(paths.greyProcedures, 'code'),
    readFile(paths.procedureClasses, 'utf8').then(rows),
  ]);
  const procedureClasses = new Map<string, string>();
  for (const r of classRows) if (r['code'] !== undefined && r['class'] !== undefined) procedureClasses.set(r['code'].trim(), r['class'].trim());
  return { catalogCodes, packetStats, diagnoses, greyDiagnoses: new Set(greyDx), procedures, greyProcedures: new Set(greyProc), procedureClasses };
}
