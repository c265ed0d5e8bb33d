/**
 * Reference copy of `src/io/readRecords.ts` as of commit 25c6084 (before the records-reader memos and batching of issue 6),
 * with imports pointing at `src/` and at the other v1 copies. Used only by the equality property tests and
 * `bench/reader-ab.ts`; never edit except to follow moved imports.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Issue } from '../../../src/core/issue.js';
import type { DischargeRecord, ValidateRecordOptions } from '../../../src/records/index.js';
// src/io/CsvTokenizer.ts as of c646df2 (unchanged since 25c6084): a frozen copy, since src/io/CsvTokenizer.ts changed after
import type { CsvRow } from './CsvTokenizer.v1.js';
import { CsvTokenizer } from './CsvTokenizer.v1.js';
import type { ReadSummary, RecordEvent, RecordHeader } from './recordRows.v1.js';
import { RecordsReadState, parseRecordHeader, parseRecordRow } from './recordRows.v1.js';
import { RecordsReadError } from '../../../src/io/RecordsReadError.js';
import type { RecordsEncoding } from './TextChunkDecoder.v1.js';
import { TextChunkDecoder } from './TextChunkDecoder.v1.js';

/** Where records come from: a file path, a Node stream, or any async iterable of byte (or text) chunks. */
export type RecordsSource = string | Readable | AsyncIterable<Uint8Array | string>;

/** Options of {@link readRecords}: reading options plus the row validation options. */
export interface ReadRecordsOptions extends ValidateRecordOptions {
  /** `auto` (default), `utf8` or `gb18030`; see `TextChunkDecoder`. */
  readonly encoding?: RecordsEncoding;
  /** Issues kept in `summary.issues` (all are still counted and yielded with their rows). Default 1000. */
  readonly maxIssues?: number;
  /** Longest record accepted, in characters; longer is fatal (`csv.record_too_long`). Default 1,000,000. */
  readonly maxRecordChars?: number;
}

export type { ReadSummary, RecordEvent } from './recordRows.v1.js';

async function* chunks(source: RecordsSource): AsyncIterable<Uint8Array | string> {
  const stream = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 16 }) : source;
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array | string>) yield chunk;
  } catch (e) {
    if (e instanceof RecordsReadError) throw e;
    const what = typeof source === 'string' ? `cannot read ${source}` : 'cannot read the input stream';
    throw new RecordsReadError('io.read_failed', `${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Stream a discharge-records CSV (医保结算清单 extract, DIP-RULES.md §2.1) row by row in bounded memory, validating
 * each row with `validateRecord` and yielding one event per row: `record` (accepted, with its warnings) or
 * `rejected` (with its issues), after a `header` event and before a final `end` event carrying the
 * {@link ReadSummary}. Bad rows never stop the read and never disappear: `read = accepted + rejected`.
 *
 * - Encodings: UTF-8 (BOM or not) and GB18030/GBK, detected or forced (`TextChunkDecoder`).
 * - CSV: RFC 4180 with quoted line breaks; every issue names the 1-based physical line the record starts on
 *   (`CsvTokenizer`). Blank lines are skipped.
 * - Header: mapped by alias (`RECORD_COLUMN_ALIASES`, `mapHeader`); unknown columns → one warning; a
 *   duplicate-mapped or missing required column is fatal.
 * - Row-level CSV issues: `csv.column_count` (a row whose cell count differs from the header's: rejected, not
 *   validated further, and its key is not registered since its cells may be shifted), `csv.stray_quote`
 *   (characters after a closing quote: rejected).
 * - Duplicates: a (hospital_id, case_id) seen on an earlier row is rejected with `record.duplicate_case`, naming
 *   both lines. Every row with both key cells registers its key — also a row rejected for another reason — so the
 *   key's first line is always the first physical occurrence. Keys live in a `CaseKeySet` (~12–14 bytes per key for ids ending in digits, ~35 otherwise).
 *
 * Memory: one 64 KiB chunk, the rows of that chunk, the longest record (≤ `maxRecordChars`), the kept issues
 * (≤ `maxIssues`) and the key set (36 bytes per distinct case key) — nothing else grows with the file.
 *
 * Fatal problems throw {@link RecordsReadError} from the iteration (`csv.empty_file`, `csv.unclosed_quote`,
 * `csv.binary`, `encoding.invalid`, `header.missing_required`, …) with the line where they were found.
 *
 * @example
 * ```ts
 * for await (const e of readRecords('fixtures/records/sample-utf8.csv')) {
 *   if (e.type === 'rejected') console.log(e.line, e.issues.map((i) => i.code));
 *   if (e.type === 'end') console.log(e.summary.read, e.summary.accepted, e.summary.rejected); // 6 6 0
 * }
 * ```
 */
export async function* readRecords(source: RecordsSource, options: ReadRecordsOptions = {}): AsyncGenerator<RecordEvent, void, undefined> {
  const decoder = new TextChunkDecoder(options.encoding ?? 'auto');
  const tokenizer = new CsvTokenizer(options.maxRecordChars === undefined ? {} : { maxRecordChars: options.maxRecordChars });
  const state = new RecordsReadState(options.maxIssues === undefined ? {} : { maxIssues: options.maxIssues });
  let header: RecordHeader | undefined;
  let sawText = false;

  const handle = (row: CsvRow): RecordEvent => {
    if (header === undefined) {
      const parsed = parseRecordHeader(row.cells, row.line);
      header = parsed.header;
      return state.header(row.line, parsed.header, parsed.issues);
    }
    return state.row(parseRecordRow(header, row.cells, row.line, row.strayQuote === true, options));
  };

  const rows: CsvRow[] = [];
  const collect = (r: CsvRow): void => {
    rows.push(r);
  };
  for await (const chunk of chunks(source)) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk);
    if (text !== '') {
      sawText = true;
      tokenizer.push(text, collect);
    }
    for (const row of rows) yield handle(row);
    rows.length = 0;
  }
  const tail = decoder.end();
  if (tail !== '') {
    sawText = true;
    tokenizer.push(tail, collect);
  }
  tokenizer.end(collect);
  for (const row of rows) yield handle(row);
  rows.length = 0;
  if (header === undefined) {
    throw new RecordsReadError('csv.empty_file', sawText ? 'the file has no header row (only blank lines)' : 'the file is empty: no header row', 1);
  }
  yield { type: 'end', summary: state.summary(tokenizer.linesRead, decoder.detected ?? 'utf8') };
}

/** Everything {@link collectRecords} read: accepted records with their lines, rejected rows, the summary. */
export interface CollectedRecords {
  readonly records: { readonly line: number; readonly record: DischargeRecord }[];
  readonly rejected: { readonly line: number; readonly issues: readonly Issue[] }[];
  readonly summary: ReadSummary;
}

/**
 * Read a whole records file into memory (for small files, tests and the demo; stream big files with
 * {@link readRecords}). Throws {@link RecordsReadError} on a fatal problem.
 *
 * @example
 * ```ts
 * const { records, summary } = await collectRecords('fixtures/records/sample-utf8.csv');
 * records.length === summary.accepted; // true
 * ```
 */
export async function collectRecords(source: RecordsSource, options: ReadRecordsOptions = {}): Promise<CollectedRecords> {
  const records: { line: number; record: DischargeRecord }[] = [];
  const rejected: { line: number; issues: readonly Issue[] }[] = [];
  for await (const e of readRecords(source, options)) {
    if (e.type === 'record') records.push({ line: e.line, record: e.record });
    else if (e.type === 'rejected') rejected.push({ line: e.line, issues: e.issues });
    else if (e.type === 'end') return { records, rejected, summary: e.summary };
  }
  throw new Error('readRecords ended without an end event');
}
