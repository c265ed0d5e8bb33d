/**
 * Load payments made and audit deductions (DIP-RULES.md §2.4, §8.2, §8.3): see `parsePrepaymentTable` and
 * `parseAuditTable`.
 *
 * @module
 */
import type { TableParse } from '../run/tables.js';
import { parseAuditTable, parsePrepaymentTable } from '../run/tables.js';
import type { AuditDeduction, PrepaymentRow } from '../run/types.js';
import { readTableRows } from './loadHospitals.js';

/** Load a prepayments CSV (`hospital_id`, `month`, `prepaid`, `deposit_withheld`, `advance_outstanding`). */
export async function loadPrepayments(path: string): Promise<TableParse<PrepaymentRow>> {
  return parsePrepaymentTable(await readTableRows(path));
}

/** Load an audit-deductions CSV (`hospital_id`, `month`, `amount`, `case_id`). */
export async function loadAuditDeductions(path: string): Promise<TableParse<AuditDeduction>> {
  return parseAuditTable(await readTableRows(path));
}
