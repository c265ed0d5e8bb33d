/**
 * Load special-case approvals (特例单议, DIP-RULES.md §6.4): `hospital_id`, `case_id`, `approved_amount`,
 * `approved_points`, `review_month` (Chinese aliases 定点医疗机构代码, 病案号, 核定金额, 核定分值, 评审月份). See
 * `parseSpecialCaseTable`.
 *
 * @module
 */
import type { SpecialCaseApproval } from '../points/specialCases.js';
import type { TableParse } from '../run/tables.js';
import { parseSpecialCaseTable } from '../run/tables.js';
import { readTableRows } from './loadHospitals.js';

/** Load a special-case approvals CSV. */
export async function loadSpecialCases(path: string): Promise<TableParse<SpecialCaseApproval>> {
  return parseSpecialCaseTable(await readTableRows(path));
}
