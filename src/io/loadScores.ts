/**
 * Load assessment scores (考核, DIP-RULES.md §8.5): `hospital_id`, `score`, `coefficient` (k),
 * `deposit_refund_share` (s), `reasonable_overrun`. See `parseScoreTable`.
 *
 * @module
 */
import type { TableParse } from '../run/tables.js';
import { parseScoreTable } from '../run/tables.js';
import type { AssessmentScore } from '../run/types.js';
import { readTableRows } from './loadHospitals.js';

/** Load an assessment-score CSV. */
export async function loadScores(path: string): Promise<TableParse<AssessmentScore>> {
  return parseScoreTable(await readTableRows(path));
}
