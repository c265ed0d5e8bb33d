import type { Issue } from '../core/issue.js';
import { foldFullWidth } from '../codes/index.js';

/** Canonical column → accepted header aliases. The canonical name itself is always accepted. */
export type HeaderAliasTable<C extends string> = Readonly<Record<C, readonly string[]>>;

/** Same as {@link HeaderAliasTable} (module-local name; the public barrel exports `HeaderAliasTable`, since `AliasTable` is taken by the synthetic sampler). */
export type AliasTable<C extends string> = HeaderAliasTable<C>;

/** Options of {@link mapHeader}. */
export interface MapHeaderOptions<C extends string> {
  /** Columns that must be present; each missing one is an error (`header.missing_required`). */
  readonly required?: readonly C[];
  /** Groups of which at least one column must be present (e.g. `birth_date` or `age`). */
  readonly requiredOneOf?: readonly (readonly C[])[];
}

/** The header's columns: canonical column → 0-based cell index, and the cells that mapped to nothing. */
export interface HeaderMapping<C extends string> {
  readonly columns: ReadonlyMap<C, number>;
  readonly unknown: readonly { readonly index: number; readonly name: string }[];
  /** Number of cells in the header row: every data row must have this many. */
  readonly width: number;
}

/**
 * Normalise a header cell for matching: drop a BOM, fold full-width characters (`（天）` → `(天)`), remove white
 * space, lower-case ASCII letters.
 *
 * @example
 * ```ts
 * normalizeHeaderName(' \uFEFFCase_ID '); // 'case_id'
 * normalizeHeaderName('年龄（天）');       // '年龄(天)'
 * ```
 */
export function normalizeHeaderName(cell: string): string {
  return foldFullWidth(cell.replace(/\uFEFF/gu, '')).replace(/\s+/gu, '').toLowerCase();
}

/**
 * Map a CSV header row to canonical columns by alias (generic: discharge records, catalogs, hospital masters).
 * Matching uses {@link normalizeHeaderName} on both sides, so the canonical English names match
 * case-insensitively and Chinese aliases match with full-width or half-width brackets.
 *
 * Issues: `header.unknown_column` (one warning listing every cell that maps to no column),
 * `header.duplicate_column` (error: two cells map to the same column, e.g. `住院号` and `病案号`),
 * `header.missing_required` (error: lists what is missing and what was found). The caller decides whether an
 * error is fatal; `readRecords` treats it so.
 *
 * @example
 * ```ts
 * const { mapping, issues } = mapHeader(['病案号', 'Total_Cost', '备注'], { case_id: ['病案号'], total_cost: [] });
 * mapping.columns.get('total_cost'); // 1
 * issues[0]?.code;                    // 'header.unknown_column' (备注)
 * ```
 */
export function mapHeader<C extends string>(headerCells: readonly string[], aliases: AliasTable<C>, options: MapHeaderOptions<C> = {}): { mapping: HeaderMapping<C>; issues: Issue[] } {
  const lookup = new Map<string, C>();
  for (const canonical of Object.keys(aliases) as C[]) {
    lookup.set(normalizeHeaderName(canonical), canonical);
    for (const alias of aliases[canonical]) lookup.set(normalizeHeaderName(alias), canonical);
  }
  const columns = new Map<C, number>();
  const unknown: { index: number; name: string }[] = [];
  const issues: Issue[] = [];
  headerCells.forEach((cell, index) => {
    const canonical = lookup.get(normalizeHeaderName(cell));
    if (canonical === undefined) {
      unknown.push({ index, name: cell });
      return;
    }
    const first = columns.get(canonical);
    if (first !== undefined) {
      issues.push({
        severity: 'error',
        code: 'header.duplicate_column',
        message: `header cells ${first + 1} "${headerCells[first] ?? ''}" and ${index + 1} "${cell}" both map to column ${canonical}`,
        column: canonical,
        received: cell,
      });
      return;
    }
    columns.set(canonical, index);
  });
  if (unknown.length > 0) {
    issues.push({
      severity: 'warning',
      code: 'header.unknown_column',
      message: `ignoring ${unknown.length} unknown column(s): ${unknown.map((u) => `"${u.name}"`).join(', ')}`,
      received: unknown.map((u) => u.name).join(', '),
    });
  }
  const missing: string[] = (options.required ?? []).filter((c) => !columns.has(c));
  for (const group of options.requiredOneOf ?? []) {
    if (!group.some((c) => columns.has(c))) missing.push(group.join(' or '));
  }
  if (missing.length > 0) {
    const found = headerCells.map((c) => {
      const canonical = lookup.get(normalizeHeaderName(c));
      return canonical === undefined ? `"${c}"` : `"${c}" (${canonical})`;
    });
    issues.push({
      severity: 'error',
      code: 'header.missing_required',
      message: `the header lacks required column(s): ${missing.join(', ')}; found: ${found.join(', ') || '(nothing)'}`,
      expected: missing.join(', '),
      received: headerCells.join(','),
    });
  }
  return { mapping: { columns, unknown, width: headerCells.length }, issues };
}
