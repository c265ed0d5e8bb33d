/**
 * Small input tables of a settlement run (DIP-RULES.md §2.4), read from CSV files: hospital master here, and
 * {@link readTableRows} shared by the other table loaders (`loadScores.ts`, `loadPrepayments.ts`).
 *
 * These tables have one row per hospital (or hospital × month), so they are read whole; the rows are parsed by the
 * pure parsers of `src/run/tables.ts`, which report one issue per bad row.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { TableParse, TableRow } from '../run/tables.js';
import { parseHospitalTable } from '../run/tables.js';
import type { HospitalInfo } from '../run/types.js';
import { CsvTokenizer } from './CsvTokenizer.js';
import { RecordsReadError } from './RecordsReadError.js';

/**
 * Read a small UTF-8 CSV (BOM allowed) into rows keyed by the header cells. A row with a different number of cells
 * than the header keeps the cells it has (missing ones are empty) and is reported by the caller's parser only if a
 * needed cell is empty. Throws a {@link RecordsReadError} when the file cannot be read or is not CSV.
 *
 * @example
 * ```ts
 * await readTableRows('examples/small/hospitals.csv')   // [{ line: 2, cells: { hospital_id: 'H001', … } }, …]
 * ```
 */
export async function readTableRows(path: string): Promise<TableRow[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new RecordsReadError('io.read_failed', `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: { cells: string[]; line: number }[] = [];
  const t = new CsvTokenizer();
  t.push(text, (r) => rows.push(r));
  t.end((r) => rows.push(r));
  const header = rows.shift();
  if (header === undefined) throw new RecordsReadError('csv.empty_file', `${path} is empty`);
  const names = header.cells.map((h) => h.trim());
  return rows.map((r) => {
    const cells: Record<string, string> = {};
    names.forEach((n, i) => {
      cells[n] = r.cells[i] ?? '';
    });
    return { line: r.line, cells };
  });
}

/**
 * Load the hospital master (定点医疗机构; DIP-RULES.md §2.4): `hospital_id`, `name`, `level`, `coefficient`
 * (Chinese aliases accepted, see `parseHospitalTable`).
 */
export async function loadHospitals(path: string): Promise<TableParse<HospitalInfo>> {
  return parseHospitalTable(await readTableRows(path));
}
