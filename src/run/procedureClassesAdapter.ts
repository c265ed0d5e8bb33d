/**
 * TEMPORARY ADAPTER: procedure class table from `code,class` rows (DIP-RULES.md §3.6; Code lists: 国临版 3.0
 * classes 手术 / 介入治疗 / 治疗性操作 / 诊断性操作). `src/catalog/procedureClasses.ts` + `src/io/loadProcedureClasses.ts`
 * (another work item) own this; replace with them once they land.
 *
 * @module
 */
import type { ProcedureClass } from '../catalog/types.js';
import type { TableRow } from './tables.js';

const CLASS_WORDS: Readonly<Record<string, ProcedureClass>> = {
  手术: 'surgery',
  surgery: 'surgery',
  介入治疗: 'interventional',
  介入: 'interventional',
  interventional: 'interventional',
  治疗性操作: 'therapeutic',
  therapeutic: 'therapeutic',
  诊断性操作: 'diagnostic',
  diagnostic: 'diagnostic',
};

/** Build a code → class map from rows with `code` and `class` cells; unknown class words are skipped and counted. */
export function procedureClassesFromRows(rows: readonly TableRow[]): { table: Map<string, ProcedureClass>; skipped: number } {
  const table = new Map<string, ProcedureClass>();
  let skipped = 0;
  for (const r of rows) {
    const code = (r.cells['code'] ?? '').trim();
    const cls = CLASS_WORDS[(r.cells['class'] ?? '').trim()];
    if (code === '' || cls === undefined) skipped++;
    else table.set(code, cls);
  }
  return { table, skipped };
}
