/**
 * Worker of the parallel settlement runner (`parallelRecords.ts`): loads the catalog once, then for each byte range
 * of the records file decodes, tokenizes, validates (`parseRecordLine` for a record on one line without quotes, read
 * in place as the one-thread reader does; `parseRecordRow` of the cells otherwise) and scores (`createCaseScorer`) its rows and
 * posts them back. It keeps no state between ranges but caches, so the main thread can apply the results in file
 * order and get exactly the one-thread run (duplicate check, counts, sums, issues and output order all happen there).
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createGrouper } from '../../grouping/index.js';
import { createCaseScorer } from '../../run/caseScorer.js';
import type { CaseScorer } from '../../run/caseScorer.js';
import { CsvTokenizer } from '../CsvTokenizer.js';
import type { CsvRow } from '../CsvTokenizer.js';
import { loadCatalog } from '../loadCatalog.js';
import { loadProcedureClasses } from '../loadProcedureClasses.js';
import { parseRecordLine, parseRecordRow } from '../recordRows.js';
import type { ParsedRow } from '../recordRows.js';
import { RecordsReadError } from '../RecordsReadError.js';
import { TextChunkDecoder } from '../TextChunkDecoder.js';
import { encodeRows } from './rowCodec.js';
import type { ChunkResult, ChunkTask, SettleWorkerInit, WorkerMessage, WorkerRow } from './protocol.js';

const port = parentPort;
if (port === null) throw new Error('settleWorker must run in a worker thread');
const init = workerData as SettleWorkerInit;
const post = (m: WorkerMessage, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer);

async function setup(): Promise<CaseScorer> {
  const { policy } = init;
  const cat = await loadCatalog(init.catalogPath, { ...(init.statsPath === undefined ? {} : { statsPath: init.statsPath }), ...(init.notation === undefined ? {} : { notation: init.notation as never }) });
  const classes = await loadProcedureClasses(init.procedureClassesPath);
  const table = classes.table;
  const grouper = createGrouper(cat.catalog, { options: policy.grouping, auxiliary: policy.auxiliary, procedureClasses: { get: (code) => table.classOf(code) }, trace: 'summary' });
  return createCaseScorer({ policy, grouper, year: init.year, hospitals: init.hospitals });
}

/** Decode, tokenize, parse and score one range. Fatal read errors carry the file's line. */
export function processChunk(task: ChunkTask, scorer: CaseScorer): ChunkResult {
  const bytes = new Uint8Array(task.buffer, 0, task.length);
  let text: string;
  const decoder = new TextChunkDecoder(init.encoding);
  try {
    text = decoder.decode(bytes) + decoder.end();
  } catch (e) {
    if (e instanceof RecordsReadError) {
      // TextChunkDecoder numbers lines by line feeds from the start of what it decoded.
      return { type: 'error', index: task.index, code: e.code, detail: e.detail, line: e.line === undefined ? undefined : e.line + task.startLf - 1, fatal: true };
    }
    throw e;
  }
  const rows: WorkerRow[] = [];
  let skip = task.skipHeader;
  const add = (parsed: ParsedRow): void => {
    let valid = parsed.record !== undefined;
    if (valid) for (const i of parsed.issues) if (i.severity === 'error') valid = false;
    const scored = valid ? scorer.score(parsed.record!, parsed.line, parsed.issues.length > 0 ? parsed.issues : undefined) : undefined;
    rows.push({ line: parsed.line, issues: parsed.issues, hospitalId: parsed.hospitalId, caseId: parsed.caseId, valid, scored });
  };
  const onRow = (r: CsvRow): void => {
    if (skip) {
      skip = false;
      return;
    }
    add(parseRecordRow(init.header, r.cells, r.line, r.strayQuote === true, {}));
  };
  /** A record on one line without quotes: read in place (`parseRecordLine` = `parseRecordRow` of its split). */
  const onLine = (s: string, start: number, end: number, line: number): void => {
    if (skip) {
      skip = false;
      return;
    }
    add(parseRecordLine(init.header, s, start, end, line, {}));
  };
  const tokenizer = new CsvTokenizer({ startLine: task.startLine });
  try {
    tokenizer.push(text, onRow, onLine);
    tokenizer.end(onRow, onLine);
  } catch (e) {
    if (e instanceof RecordsReadError) return { type: 'error', index: task.index, code: e.code, detail: e.detail, line: e.line, fatal: true };
    throw e;
  }
  return { type: 'chunk', index: task.index, rows: encodeRows(rows), linesRead: tokenizer.linesRead };
}

setup().then(
  (scorer) => {
    port.on('message', (task: ChunkTask) => {
      post(processChunk(task, scorer));
    });
    post({ type: 'ready' });
  },
  (e: unknown) => post({ type: 'initError', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
);
