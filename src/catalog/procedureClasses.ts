/**
 * Procedure attribute classes (手术操作属性) and their rank (DIP-RULES.md §3.6; Code lists: the 国临版 3.0
 * classification, `fixtures/icd/procedure-classes.csv`). Pure: rows come from `src/io/loadProcedureClasses.ts`.
 *
 * @module
 */
import { excerpt, issue, warning } from '../core/issue.js';
import type { Issue } from '../core/issue.js';
import { isProcedureCodeShape, normalizeProcedureCode } from '../codes/normalize.js';
import type { SourceRow } from './buildCatalogFromRows.js';
import { PROCEDURE_CLASS_RANK } from './types.js';
import type { ProcedureClass } from './types.js';

/**
 * Class names accepted in a class table → internal class (DIP-RULES.md §3.6): 手术 surgery, 介入治疗
 * interventional (kept distinct; the grouper maps it to surgery under `interventionalAsSurgery`), 治疗性操作
 * therapeutic, 诊断性操作 diagnostic; the English names are accepted too.
 *
 * @example
 * ```ts
 * PROCEDURE_CLASS_BY_NAME['介入治疗']; // 'interventional'
 * ```
 */
export const PROCEDURE_CLASS_BY_NAME: Readonly<Record<string, ProcedureClass>> = {
  手术: 'surgery',
  介入治疗: 'interventional',
  治疗性操作: 'therapeutic',
  诊断性操作: 'diagnostic',
  surgery: 'surgery',
  interventional: 'interventional',
  therapeutic: 'therapeutic',
  diagnostic: 'diagnostic',
};

/** Columns of a procedure class table. */
export type ProcedureClassColumn = 'code' | 'class';

/**
 * A procedure-class lookup on normalised ICD-9-CM-3 codes. A code missing from the table gives `undefined`: the
 * grouper turns that into an explicit case issue with a configurable fallback class (DIP-RULES.md §3.6, §4.6
 * `unknownProcedure`).
 */
export interface ProcedureClassTable {
  readonly size: number;
  /** Class of a code (normalised first), or `undefined` when the table does not have it. */
  classOf(code: string): ProcedureClass | undefined;
  /** Rank 4 surgery/interventional, 3 therapeutic, 2 diagnostic; `undefined` for an unknown code. */
  rankOf(code: string): 1 | 2 | 3 | 4 | undefined;
  has(code: string): boolean;
  entries(): IterableIterator<[string, ProcedureClass]>;
}

/** Counts that reconcile: `rows = accepted + duplicates + rejected`. */
export interface ProcedureClassSummary {
  readonly rows: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly byClass: Readonly<Record<ProcedureClass, number>>;
}

/**
 * Rank of a procedure class (DIP-RULES.md §3.6; Hubei 2023 code ordering 保守 < 诊断性 < 治疗性 < 介入 < 手术, with
 * 介入 ranked with 手术): surgery 4, interventional 4, therapeutic 3, diagnostic 2, none/conservative 1.
 *
 * @example
 * ```ts
 * procedureClassRank('therapeutic'); // 3
 * procedureClassRank(undefined);     // 1
 * ```
 */
export function procedureClassRank(cls: ProcedureClass | 'conservative' | undefined): 1 | 2 | 3 | 4 {
  return cls === undefined ? 1 : PROCEDURE_CLASS_RANK[cls];
}

/**
 * Build a {@link ProcedureClassTable} from a `Map` of normalised code → class.
 *
 * @example
 * ```ts
 * procedureClassTable(new Map([['47.0100', 'surgery']])).classOf('47.0100'); // 'surgery'
 * ```
 */
export function procedureClassTable(map: ReadonlyMap<string, ProcedureClass>): ProcedureClassTable {
  const classOf = (code: string) => map.get(normalizeProcedureCode(code));
  return {
    size: map.size,
    classOf,
    rankOf: (code) => {
      const c = classOf(code);
      return c === undefined ? undefined : PROCEDURE_CLASS_RANK[c];
    },
    has: (code) => map.has(normalizeProcedureCode(code)),
    entries: () => map.entries(),
  };
}

/**
 * Build a class table from rows (DIP-RULES.md §3.6). Codes are normalised; an empty or malformed code, or an
 * unknown class name, is an error issue naming the line and the row is skipped; a repeated code with the same
 * class is a warning, with a different class an error (the first class is kept).
 *
 * @example
 * ```ts
 * const { table, summary } = buildProcedureClassTable([
 *   { line: 2, cells: { code: '00.0100', class: '治疗性操作' } },
 *   { line: 3, cells: { code: '47.0100', class: '手术' } },
 * ]);
 * table.classOf('47.0100'); // 'surgery'
 * summary.accepted;         // 2
 * ```
 */
export function buildProcedureClassTable(rows: readonly SourceRow<ProcedureClassColumn>[]): {
  table: ProcedureClassTable;
  issues: Issue[];
  summary: ProcedureClassSummary;
} {
  const map = new Map<string, ProcedureClass>();
  const firstLine = new Map<string, number>();
  const issues: Issue[] = [];
  const byClass: Record<ProcedureClass, number> = { surgery: 0, interventional: 0, therapeutic: 0, diagnostic: 0 };
  let duplicates = 0;
  let rejected = 0;
  for (const row of rows) {
    const rawCode = (row.cells.code ?? '').trim();
    const rawClass = (row.cells.class ?? '').trim();
    const code = normalizeProcedureCode(rawCode);
    if (code === '' || !isProcedureCodeShape(code)) {
      issues.push(
        issue('procedureClass.code', code === '' ? 'empty procedure code' : `not an ICD-9-CM-3 code: ${excerpt(rawCode)}`, {
          messageZh: code === '' ? '手术操作编码为空' : `手术操作编码格式错误：${excerpt(rawCode)}`,
          line: row.line,
          column: 'code',
          received: excerpt(rawCode),
        }),
      );
      rejected += 1;
      continue;
    }
    const cls = PROCEDURE_CLASS_BY_NAME[rawClass] ?? PROCEDURE_CLASS_BY_NAME[rawClass.toLowerCase()];
    if (cls === undefined) {
      issues.push(issue('procedureClass.class', `unknown procedure class ${excerpt(rawClass)} for ${code}`, { messageZh: `手术操作类别无法识别：${excerpt(rawClass)}`, line: row.line, column: 'class', expected: '手术, 介入治疗, 治疗性操作, 诊断性操作', received: excerpt(rawClass) }));
      rejected += 1;
      continue;
    }
    const prev = map.get(code);
    if (prev !== undefined) {
      const at = firstLine.get(code) ?? 0;
      if (prev === cls) issues.push(warning('procedureClass.duplicate', `${code} repeated (first on line ${at})`, { line: row.line, column: 'code', received: code }));
      else issues.push(issue('procedureClass.conflict', `${code} is ${cls} here but ${prev} on line ${at}; the first is kept`, { messageZh: `${code} 类别冲突`, line: row.line, column: 'class', expected: prev, received: cls }));
      duplicates += 1;
      continue;
    }
    map.set(code, cls);
    firstLine.set(code, row.line);
    byClass[cls] += 1;
  }
  return { table: procedureClassTable(map), issues, summary: { rows: rows.length, accepted: map.size, duplicates, rejected, byClass } };
}
