/**
 * Frozen copy (7b27ed9, `src/cli/commands/settle.ts` `settleScoredInOrder`) of how `dip settle --workers` applied
 * the rows of a range before the plain rows of P10 (`src/io/parallel/plainRows.ts`): every row a `WorkerRow`, the
 * duplicate check, then `acceptedNow` (whose `onCase` writes the result to the spill) or `rejectedNow`. The oracle of
 * tests/cli/settleWorkersP10.test.ts; `RecordsReadState` and the run state are the real, unchanged modules.
 */
import type { WorkerRow } from '../../../src/io/parallel/protocol.js';
import type { RecordsReadState } from '../../../src/io/recordRows.js';
import type { DischargeRecord } from '../../../src/records/types.js';
import type { RunState } from '../../../src/run/runState.js';

/** Stands for a validated record that stayed in its worker. */
const VALIDATED = Object.freeze({}) as DischargeRecord;

/** The body of the 7b27ed9 loop over one range's rows. */
export async function applyRowsReference(rows: readonly WorkerRow[], readState: RecordsReadState, state: RunState): Promise<void> {
  for (const row of rows) {
    // The worker scored the row when it validated; the record itself stays in the worker (the state only needs
    // to know that there is one).
    const e = readState.row({ line: row.line, record: row.valid ? VALIDATED : undefined, issues: row.issues, hospitalId: row.hospitalId, caseId: row.caseId });
    if (e.type === 'record') {
      if (row.scored === undefined) throw new Error(`dip settle: worker sent no scored case for the valid row at line ${row.line}`);
      const p = state.acceptedNow(row.scored);
      if (p !== undefined) await p;
    } else if (e.type === 'rejected') {
      const p = state.rejectedNow(e.line, e.issues);
      if (p !== undefined) await p;
    }
  }
}
