/**
 * Frozen copy of `toRows` of `src/io/loadCatalog.ts` at 7c64073 (before L8): the oracle of
 * `tests/io/toRowsL8.equivalence.test.ts`. Do not edit.
 *
 * @module
 */
import type { SourceRow } from '../../../src/catalog/buildCatalogFromRows.js';
import type { Issue } from '../../../src/core/issue.js';
import { CatalogLoadError } from '../../../src/io/loadCatalog.js';
import type { CsvRecord } from '../../../src/io/loadCatalog.js';
import { mapHeader } from '../../../src/io/mapHeader.js';
import type { AliasTable } from '../../../src/io/mapHeader.js';

/** The 7c64073 `toRows`, unchanged but for its name. */
export function toRowsV0<C extends string>(records: readonly CsvRecord[], aliases: AliasTable<C>, required: readonly C[], file: string, issues: Issue[]): SourceRow<C>[] {
  const [header, ...data] = records;
  if (header === undefined) throw new CatalogLoadError(`${file}: empty file, no header`);
  const { mapping, issues: headerIssues } = mapHeader(header.cells, aliases, { required });
  const fatal = headerIssues.filter((i) => i.severity === 'error' && i.code === 'header.missing_required');
  if (fatal.length > 0) throw new CatalogLoadError(`${file}: ${fatal.map((i) => i.message).join('; ')}`, headerIssues);
  issues.push(...headerIssues.map((i) => ({ ...i, line: header.line })));
  return data.map((rec) => {
    if (rec.cells.length !== mapping.width) {
      issues.push({ severity: 'warning', code: 'csv.column_count', message: `${file}: line ${rec.line} has ${rec.cells.length} cells, the header ${mapping.width}`, line: rec.line, expected: String(mapping.width), received: String(rec.cells.length) });
    }
    const cells: Partial<Record<C, string>> = {};
    for (const [column, index] of mapping.columns) {
      const v = rec.cells[index];
      if (v !== undefined) cells[column] = v;
    }
    return { line: rec.line, cells };
  });
}
