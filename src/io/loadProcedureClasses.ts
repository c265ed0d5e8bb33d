/**
 * Node loader of a procedure class table (DIP-RULES.md §3.6; Code lists: `fixtures/icd/procedure-classes.csv`,
 * columns `code,class`; Chinese headers accepted). Encoding detected as for catalogs.
 *
 * @module
 */
import type { Issue } from '../core/issue.js';
import { buildProcedureClassTable } from '../catalog/procedureClasses.js';
import type { ProcedureClassColumn, ProcedureClassSummary, ProcedureClassTable } from '../catalog/procedureClasses.js';
import { decodeCatalogText, parseCsv, readBytes, toRows } from './loadCatalog.js';
import type { CatalogEncoding } from './loadCatalog.js';
import type { AliasTable } from './mapHeader.js';

/** Header aliases of a class table. */
export const PROCEDURE_CLASS_HEADER_ALIASES: AliasTable<ProcedureClassColumn> = {
  code: ['手术操作编码', '手术操作代码', '编码', '代码', 'procedure_code'],
  class: ['类别', '手术操作类别', '操作类别', '属性', 'procedure_class'],
};

/**
 * Load a procedure class table. Never throws on bad rows (each is an issue naming its line); throws
 * `CatalogLoadError` when the file cannot be read or has no `code`/`class` columns.
 *
 * @example
 * ```ts
 * const { table, summary } = await loadProcedureClasses('fixtures/icd/procedure-classes.csv');
 * table.classOf('47.0100'); // 'surgery'
 * summary.accepted;         // 13611
 * ```
 */
export async function loadProcedureClasses(
  path: string,
  options: { readonly encoding?: CatalogEncoding } = {},
): Promise<{ table: ProcedureClassTable; issues: Issue[]; summary: ProcedureClassSummary }> {
  const { text } = decodeCatalogText(await readBytes(path), options.encoding);
  const issues: Issue[] = [];
  const rows = toRows(parseCsv(text, issues), PROCEDURE_CLASS_HEADER_ALIASES, ['code', 'class'], path, issues);
  const built = buildProcedureClassTable(rows);
  return { ...built, issues: [...issues, ...built.issues] };
}
