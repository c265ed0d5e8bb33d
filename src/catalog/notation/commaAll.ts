import type { Result } from '../../core/issue.js';
import type { ProcedureRef } from '../types.js';
import { parseProcedureList } from './procedureRef.js';

/**
 * Parse the comma all-of notation of the Jining and Tai'an 2023 catalogs (DIP-RULES.md §3.3; Jining 2023 code /
 * Tai'an 2023 code: "必须满足全部手术及操作"): `A,B` = every listed procedure required. Full-width `，` and `;`/`；`
 * are accepted as separators too. Returns CNF groups, one per code.
 *
 * @example
 * ```ts
 * parseCommaAll('33.3903,40.5914');
 * // { ok: true, value: [[{ code: '33.3903', isShort: false }], [{ code: '40.5914', isShort: false }]] }
 * parseCommaAll('33.3903,,40.5914').ok; // false
 * ```
 */
export function parseCommaAll(expression: string): Result<readonly (readonly ProcedureRef[])[]> {
  const s = expression.trim();
  if (s === '') return { ok: true, value: [] };
  const r = parseProcedureList(s.split(/[,，;；]/u), expression);
  return r.ok ? { ok: true, value: r.value.map((p) => [p]) } : r;
}
