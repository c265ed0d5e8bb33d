/**
 * Worker of the parallel settlement runner (`parallelRecords.ts`): loads the catalog once, then for each byte range
 * of the records file decodes, tokenizes, validates and scores its rows (`processChunk.ts`) and posts them back (the
 * plain rows' buffers transferred, `plainRows.ts`). It keeps no state between ranges but caches, so the main thread can apply the results in file
 * order and get exactly the one-thread run (duplicate check, counts, sums, issues and output order all happen there).
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createGrouper } from '../../grouping/index.js';
import { createCaseScorer } from '../../run/caseScorer.js';
import type { CaseScorer } from '../../run/caseScorer.js';
import { loadCatalog } from '../loadCatalog.js';
import { loadProcedureClasses } from '../loadProcedureClasses.js';
import { PlainRowsBuilder } from './plainRows.js';
import { processChunk } from './processChunk.js';
import { transferListOf } from './rowCodec.js';
import type { ChunkTask, SettleWorkerInit, WorkerMessage } from './protocol.js';

const port = parentPort;
if (port === null) throw new Error('settleWorker must run in a worker thread');
const init = workerData as SettleWorkerInit;
const post = (m: WorkerMessage, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer);
/** The plain rows' builder when the caller asked for them (`init.plainRows`). */
const plainRows = init.plainRows === true ? new PlainRowsBuilder() : undefined;

async function setup(): Promise<CaseScorer> {
  const { policy } = init;
  const cat = await loadCatalog(init.catalogPath, { ...(init.statsPath === undefined ? {} : { statsPath: init.statsPath }), ...(init.notation === undefined ? {} : { notation: init.notation as never }) });
  const classes = await loadProcedureClasses(init.procedureClassesPath);
  const table = classes.table;
  const grouper = createGrouper(cat.catalog, { options: policy.grouping, auxiliary: policy.auxiliary, procedureClasses: { get: (code) => table.classOf(code) }, trace: 'summary' });
  return createCaseScorer({ policy, grouper, year: init.year, hospitals: init.hospitals });
}

setup().then(
  (scorer) => {
    port.on('message', (task: ChunkTask) => {
      const r = processChunk(task, scorer, init, plainRows);
      // a range's plain rows: their large buffers are transferred, not cloned
      post(r, r.type === 'chunk' ? transferListOf(r.rows) : undefined);
    });
    post({ type: 'ready' });
  },
  (e: unknown) => post({ type: 'initError', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
);
