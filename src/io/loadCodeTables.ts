import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CodeTableRow, CodeTables } from '../records/index.js';
import { buildCodeTables } from '../records/index.js';
import type { CsvRow } from './CsvTokenizer.js';
import { CsvTokenizer } from './CsvTokenizer.js';
import { mapHeader } from './mapHeader.js';
import { RecordsReadError } from './RecordsReadError.js';
import { TextChunkDecoder } from './TextChunkDecoder.js';

/**
 * Read a `code,name` code-table CSV (UTF-8 or GB18030; header `code`/`代码`/`编码`, optional `name`/`名称`).
 * Throws {@link RecordsReadError} on a malformed file.
 *
 * @example
 * ```ts
 * const rows = await readCodeTableCsv('fixtures/icd/icd9cm3-yb-2.0.csv');
 * rows[0]; // { code: '00.0100', name: '头和颈部血管治疗性超声' }
 * ```
 */
export async function readCodeTableCsv(path: string): Promise<CodeTableRow[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new RecordsReadError('io.read_failed', `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const decoder = new TextChunkDecoder('auto');
  const text = decoder.decode(bytes) + decoder.end();
  const rows: CsvRow[] = [];
  const t = new CsvTokenizer();
  t.push(text, (r) => rows.push(r));
  t.end((r) => rows.push(r));
  const head = rows[0];
  if (head === undefined) throw new RecordsReadError('csv.empty_file', `${path} is empty`, 1);
  const { mapping, issues } = mapHeader<'code' | 'name'>(head.cells, { code: ['代码', '编码'], name: ['名称'] }, { required: ['code'] });
  const fatal = issues.find((i) => i.severity === 'error');
  if (fatal !== undefined) throw new RecordsReadError('header.missing_required', `${path}: ${fatal.message}`, head.line);
  const ci = mapping.columns.get('code') as number;
  const ni = mapping.columns.get('name');
  const out: CodeTableRow[] = [];
  for (const r of rows.slice(1)) {
    const code = (r.cells[ci] ?? '').trim();
    if (code === '') continue;
    const name = ni === undefined ? undefined : r.cells[ni];
    out.push(name === undefined ? { code } : { code, name });
  }
  return out;
}

/**
 * Load the national 医保版 2.0 code tables from a directory holding `icd10-yb-2.0.csv`, `icd9cm3-yb-2.0.csv`,
 * `icd10-yb-2.0-grey.csv` and `icd9cm3-yb-2.0-grey.csv` (default `fixtures/icd`, DIP-RULES.md §3.5; Code lists).
 *
 * @example
 * ```ts
 * const tables = await loadCodeTables('fixtures/icd');
 * tables.diagnoses.size > 33000;         // true
 * tables.greyDiagnoses.has('A00.000');   // true
 * ```
 */
export async function loadCodeTables(dir = 'fixtures/icd'): Promise<CodeTables> {
  const [diagnoses, procedures, greyDiagnoses, greyProcedures] = await Promise.all([
    readCodeTableCsv(join(dir, 'icd10-yb-2.0.csv')),
    readCodeTableCsv(join(dir, 'icd9cm3-yb-2.0.csv')),
    readCodeTableCsv(join(dir, 'icd10-yb-2.0-grey.csv')),
    readCodeTableCsv(join(dir, 'icd9cm3-yb-2.0-grey.csv')),
  ]);
  return buildCodeTables({ diagnoses, procedures, greyDiagnoses, greyProcedures });
}
