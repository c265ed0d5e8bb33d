/**
 * One range of a settle worker (`settleWorker.ts`), importable without a worker thread (tests run it in process):
 * decode, tokenize, validate (`parseRecordLine` for a record on one line without quotes, read in place as the
 * one-thread reader does; `parseRecordRow` of the cells otherwise) and score (`createCaseScorer`) its rows.
 *
 * @module
 */
import type { CaseScorer } from '../../run/caseScorer.js';
import { CsvTokenizer } from '../CsvTokenizer.js';
import type { CsvRow } from '../CsvTokenizer.js';
import { parseRecordLine, parseRecordRow } from '../recordRows.js';
import type { ParsedRow } from '../recordRows.js';
import { RecordsReadError } from '../RecordsReadError.js';
import { TextChunkDecoder } from '../TextChunkDecoder.js';
import { isPlainScored } from './plainRows.js';
import type { PlainRowsBuilder } from './plainRows.js';
import { encodeRows, encodeRowsWithPlain } from './rowCodec.js';
import type { ChunkResult, ChunkTask, SettleWorkerInit, WorkerRow } from './protocol.js';

/**
 * Decode, tokenize, parse and score one range. Fatal read errors carry the file's line. With `plainRows` (the
 * worker's builder when `init.plainRows`), the plain rows go in its payload and the others are encoded after it
 * (`encodeRowsWithPlain`); without, every row is encoded (`encodeRows`).
 */
export function processChunk(task: ChunkTask, scorer: CaseScorer, init: Pick<SettleWorkerInit, 'encoding' | 'header'>, plainRows: PlainRowsBuilder | undefined): ChunkResult {
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
    if (plainRows !== undefined) {
      if (scored !== undefined && isPlainScored(parsed.line, parsed.hospitalId, parsed.caseId, parsed.issues.length, scored)) {
        plainRows.plain(scored);
        return;
      }
      plainRows.other();
    }
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
    if (e instanceof RecordsReadError) {
      plainRows?.take(); // the rows before the error are not sent: the next range starts afresh
      return { type: 'error', index: task.index, code: e.code, detail: e.detail, line: e.line, fatal: true };
    }
    throw e;
  }
  return { type: 'chunk', index: task.index, rows: plainRows === undefined ? encodeRows(rows) : encodeRowsWithPlain(rows, plainRows.take()), linesRead: tokenizer.linesRead };
}
