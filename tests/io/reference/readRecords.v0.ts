/**
 * Reference copy of `src/io/readRecords.ts` as of commit 7ac94e3 (before the recordRows split and the fast row
 * validator), with imports pointing at `src/` and at the reference `validateRecord.v0` and `CsvTokenizer.v0`. Used only by the
 * equality property tests and `bench/records-ab.ts`; never edit except to follow moved imports.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Issue } from '../../../src/core/issue.js';
import type { DischargeRecord, RecordColumn, RawRecord, ValidateRecordOptions } from '../../../src/records/index.js';
import { RECORD_COLUMN_ALIASES, REQUIRED_ONE_OF_RECORD_COLUMNS, REQUIRED_RECORD_COLUMNS } from '../../../src/records/index.js';
import { validateRecord } from '../../records/reference/validateRecord.v0.js';
import { CaseKeySet } from '../../../src/io/CaseKeySet.js';
import type { CsvRow } from './CsvTokenizer.v0.js';
import { CsvTokenizer } from './CsvTokenizer.v0.js';
import type { HeaderMapping } from '../../../src/io/mapHeader.js';
import { mapHeader } from '../../../src/io/mapHeader.js';
import { RecordsReadError } from '../../../src/io/RecordsReadError.js';
import type { RecordsEncoding } from '../../../src/io/TextChunkDecoder.js';
import { TextChunkDecoder } from '../../../src/io/TextChunkDecoder.js';

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

/** Totals of a read. `read = accepted + rejected` always holds. */
export interface ReadSummary {
  /** Data rows read (records after the header; blank lines are not rows). */
  readonly read: number;
  /** Rows that became a `DischargeRecord` (possibly with warnings). */
  readonly accepted: number;
  /** Rows with at least one error. */
  readonly rejected: number;
  /** Rejected rows whose (hospital_id, case_id) appeared on an earlier row. */
  readonly duplicates: number;
  /** Warning issues, header warnings included. */
  readonly warnings: number;
  /** Error issues (a rejected row can have several). */
  readonly errors: number;
  /** Physical lines read. */
  readonly lines: number;
  /** Encoding used: detected or forced (`utf8` for pure ASCII). */
  readonly encoding: 'utf8' | 'gb18030';
  /** Canonical columns found in the header, in file order. */
  readonly columns: readonly RecordColumn[];
  /** The first `maxIssues` issues, in file order (header issues first). */
  readonly issues: readonly Issue[];
  /** Issues not kept in `issues` because of `maxIssues`. */
  readonly issuesOmitted: number;
  /** Number of issues per code. */
  readonly issueCounts: Readonly<Record<string, number>>;
}

/** One event of {@link readRecords}, in file order; the last one is always `end`. */
export type RecordEvent =
  | { readonly type: 'header'; readonly line: number; readonly columns: readonly RecordColumn[]; readonly issues: readonly Issue[] }
  | { readonly type: 'record'; readonly line: number; readonly record: DischargeRecord; readonly issues: readonly Issue[] }
  | { readonly type: 'rejected'; readonly line: number; readonly issues: readonly Issue[] }
  | { readonly type: 'end'; readonly summary: ReadSummary };

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
 *   key's first line is always the first physical occurrence. Keys live in a `CaseKeySet` (~35 bytes per key).
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
  const keys = new CaseKeySet();
  const maxIssues = options.maxIssues ?? 1000;
  const kept: Issue[] = [];
  const issueCounts: Record<string, number> = {};
  let omitted = 0;
  let read = 0;
  let accepted = 0;
  let rejected = 0;
  let duplicates = 0;
  let warnings = 0;
  let errors = 0;
  let header: HeaderMapping<RecordColumn> | undefined;
  let headerColumns: RecordColumn[] = [];
  let entries: [RecordColumn, number][] = [];
  let sawText = false;

  const note = (list: readonly Issue[]): void => {
    for (const i of list) {
      if (i.severity === 'error') errors++;
      else warnings++;
      issueCounts[i.code] = (issueCounts[i.code] ?? 0) + 1;
      if (kept.length < maxIssues) kept.push(i);
      else omitted++;
    }
  };

  const handle = (row: CsvRow): RecordEvent => {
    if (header === undefined) {
      const { mapping, issues } = mapHeader(row.cells, RECORD_COLUMN_ALIASES, { required: REQUIRED_RECORD_COLUMNS, requiredOneOf: REQUIRED_ONE_OF_RECORD_COLUMNS });
      const fatal = issues.find((i) => i.severity === 'error');
      if (fatal !== undefined) throw new RecordsReadError(fatal.code as 'header.missing_required' | 'header.duplicate_column', fatal.message, row.line);
      header = mapping;
      entries = [...mapping.columns.entries()].sort((a, b) => a[1] - b[1]);
      headerColumns = entries.map(([c]) => c);
      const located = issues.map((i) => ({ ...i, line: row.line }));
      note(located);
      return { type: 'header', line: row.line, columns: headerColumns, issues: located };
    }
    read++;
    const line = row.line;
    if (row.cells.length !== header.width) {
      const issues: Issue[] = [
        {
          severity: 'error',
          code: 'csv.column_count',
          message: `row has ${row.cells.length} cells, the header has ${header.width}`,
          line,
          expected: `${header.width} cells`,
          received: `${row.cells.length} cells`,
        },
      ];
      rejected++;
      note(issues);
      return { type: 'rejected', line, issues };
    }
    const raw: RawRecord = {};
    for (const [c, idx] of entries) raw[c] = row.cells[idx] as string;
    const result = validateRecord(raw, { line, options });
    const issues = result.issues;
    if (row.strayQuote === true) {
      issues.unshift({ severity: 'error', code: 'csv.stray_quote', message: 'characters follow a closing quote inside a cell (malformed quoting)', line });
    }
    const hospitalId = (raw.hospital_id ?? '').trim();
    const caseId = (raw.case_id ?? '').trim();
    if (hospitalId !== '' && caseId !== '') {
      const first = keys.add(hospitalId, caseId, line);
      if (first !== undefined) {
        duplicates++;
        issues.push({
          severity: 'error',
          code: 'record.duplicate_case',
          message: `duplicate case: hospital_id ${hospitalId}, case_id ${caseId} already appeared at line ${first}`,
          line,
          column: 'case_id',
          received: caseId,
          expected: `a case id not used before by hospital ${hospitalId} (first at line ${first})`,
        });
      }
    }
    note(issues);
    if (result.record !== undefined && !issues.some((i) => i.severity === 'error')) {
      accepted++;
      return { type: 'record', line, record: result.record, issues };
    }
    rejected++;
    return { type: 'rejected', line, issues };
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
  yield {
    type: 'end',
    summary: {
      read,
      accepted,
      rejected,
      duplicates,
      warnings,
      errors,
      lines: tokenizer.linesRead,
      encoding: decoder.detected ?? 'utf8',
      columns: headerColumns,
      issues: kept,
      issuesOmitted: omitted,
      issueCounts,
    },
  };
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
