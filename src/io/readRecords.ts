import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Issue } from '../core/issue.js';
import type { DischargeRecord, ValidateRecordOptions } from '../records/index.js';
import type { CaseKeyRegistry } from './CaseKeySet.js';
import type { CsvRow } from './CsvTokenizer.js';
import { CsvTokenizer } from './CsvTokenizer.js';
import type { ReadSummary, RecordEvent, RecordHeader } from './recordRows.js';
import { RecordsReadState, parseRecordHeader, parseRecordLine, parseRecordRow } from './recordRows.js';
import { RecordsReadError } from './RecordsReadError.js';
import type { RecordsEncoding } from './TextChunkDecoder.js';
import { TextChunkDecoder } from './TextChunkDecoder.js';

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
  /**
   * Where the duplicate check (`record.duplicate_case`) registers the case keys. Default: a new in-memory
   * `CaseKeySet` (~13 bytes per case). For province-scale files, `await scanDuplicateCases(path)` precomputes the
   * same answers with the keys spilled to disk, so memory no longer grows with the number of cases.
   */
  readonly caseKeys?: CaseKeyRegistry;
}

export type { ReadSummary, RecordEvent } from './recordRows.js';

/**
 * Most events in a batch of {@link readRecordBatches} (but the last, which also holds `end`). A chunk (64 KiB, ~370
 * records of a typical extract) is tokenized whole, then its records are parsed and validated 96 at a time, each
 * group only when the consumer asks for the next batch: a consumer that works on each record (`dip settle`: group,
 * score, write) gets the records while they are still in the CPU caches, instead of ~370 records built before the
 * first is used. One-thread `dip settle` on the 200k file (bench/h1-settle-ab.ts, interleaved best of 5): CPU
 * 9.40 → 8.07 s and, order swapped, 8.67 → 7.34 s (×0.85–0.86; a first run at load 4–6 gave 7.93 → 5.82 s); on the
 * city-year the whole session's changes together gave ×0.91 (bench/RESULTS.md §18). Only the batch boundaries change: the same events in the same order, and since the whole
 * chunk is decoded and tokenized before its first batch (as before), every fatal error of the decoder or the
 * tokenizer comes at the same point, and a row's error after the same events (tests/io/readRecordsR7).
 */
const BATCH = 96;

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
export function readRecords(source: RecordsSource, options: ReadRecordsOptions = {}): AsyncGenerator<RecordEvent, void, undefined> {
  return new EventIterator(readRecordBatches(source, options));
}

/**
 * The events of a batch generator one by one, as an async generator does it — `next` in order (calls made before the
 * previous one settled wait their turn), `return`/`throw` close the batches (and so the source), a thrown error ends
 * the iteration — but a `next` whose event is already in hand costs one resolved promise instead of an async
 * generator step (bench/reader-ab.ts).
 */
class EventIterator implements AsyncGenerator<RecordEvent, void, undefined> {
  private batch: RecordEvent[] = [];
  private k = 0;
  private finished = false;
  /** The last queued operation (`next` past the batch, `return`, `throw`) while it has not settled. */
  private queue: Promise<unknown> | undefined;

  constructor(private readonly batches: AsyncGenerator<RecordEvent[], void, undefined>) {}

  next(): Promise<IteratorResult<RecordEvent, void>> {
    if (this.queue === undefined && this.k < this.batch.length) return Promise.resolve({ value: this.batch[this.k++] as RecordEvent, done: false });
    return this.enqueue(() => this.pull());
  }

  return(): Promise<IteratorResult<RecordEvent, void>> {
    return this.enqueue(async () => {
      this.finish();
      await this.batches.return();
      return { value: undefined, done: true };
    });
  }

  throw(error: unknown): Promise<IteratorResult<RecordEvent, void>> {
    return this.enqueue(async () => {
      this.finish();
      await this.batches.return();
      throw error;
    });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    this.finished = true;
    this.batch = [];
    this.k = 0;
  }

  private async pull(): Promise<IteratorResult<RecordEvent, void>> {
    while (this.k >= this.batch.length) {
      if (this.finished) return { value: undefined, done: true };
      let r: IteratorResult<RecordEvent[], void>;
      try {
        r = await this.batches.next();
      } catch (e) {
        this.finish();
        throw e;
      }
      if (r.done === true) {
        this.finish();
        return { value: undefined, done: true };
      }
      this.batch = r.value;
      this.k = 0;
    }
    return { value: this.batch[this.k++] as RecordEvent, done: false };
  }

  private enqueue(op: () => Promise<IteratorResult<RecordEvent, void>>): Promise<IteratorResult<RecordEvent, void>> {
    const run = this.queue === undefined ? op() : this.queue.then(op, op);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.queue = settled;
    void settled.then(() => {
      if (this.queue === settled) this.queue = undefined;
    });
    return run;
  }
}

/**
 * {@link readRecords} in batches: the same events in the same order, as arrays of at most 96 events (a decoded chunk
 * of ~64 KiB of the file is tokenized whole, then its records become events 96 at a time as the batches are asked
 * for; see `BATCH`) instead of one `await` per row — for consumers that pay for every `await` (an
 * async generator step costs more than validating a short row). The flattened batches are exactly the events of
 * `readRecords` (which is built on this function), and a fatal error is thrown at the same point: after every
 * event before it has been delivered (a batch is cut short, and yielded, before an error raised by a row).
 * The last batch ends with the `end` event (it may hold more than 96 events). Batches are never empty.
 *
 * @example
 * ```ts
 * for await (const batch of readRecordBatches('fixtures/records/sample-utf8.csv')) {
 *   for (const e of batch) if (e.type === 'end') console.log(e.summary.read); // 6
 * }
 * ```
 */
export async function* readRecordBatches(source: RecordsSource, options: ReadRecordsOptions = {}): AsyncGenerator<RecordEvent[], void, undefined> {
  const decoder = new TextChunkDecoder(options.encoding ?? 'auto');
  const tokenizer = new CsvTokenizer(options.maxRecordChars === undefined ? {} : { maxRecordChars: options.maxRecordChars });
  const state = new RecordsReadState({ ...(options.maxIssues === undefined ? {} : { maxIssues: options.maxIssues }), ...(options.caseKeys === undefined ? {} : { keys: options.caseKeys }) });
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
  /** A record on one line without quotes (the tokenizer's `onLine`): its cells read in place, not split. */
  const handleLine = (text: string, start: number, end: number, line: number): RecordEvent => {
    if (header === undefined) return handle({ cells: text.slice(start, end).split(','), line });
    return state.row(parseRecordLine(header, text, start, end, line, options));
  };

  /** The records of the chunk, in order: a `CsvRow`, or a line (`text`, `start`, `end`, line number: four entries). */
  const rows: (CsvRow | string | number)[] = [];
  const collect = (r: CsvRow): void => {
    rows.push(r);
  };
  const collectLine = (text: string, start: number, end: number, line: number): void => {
    rows.push(text, start, end, line);
  };
  /** The next record of `rows` to turn into an event. */
  let pos = 0;
  /**
   * The events of the next (at most `max`) records of `rows`, which is emptied once all are done (or one raised an
   * error); an error raised by a row is kept until the events before it are yielded.
   */
  let failed: { error: unknown } | undefined;
  const events = (max: number): RecordEvent[] => {
    const batch: RecordEvent[] = [];
    try {
      while (pos < rows.length && batch.length < max) {
        const row = rows[pos] as CsvRow | string;
        if (typeof row === 'string') {
          const e = handleLine(row, rows[pos + 1] as number, rows[pos + 2] as number, rows[pos + 3] as number);
          pos += 4;
          batch.push(e);
        } else {
          const e = handle(row);
          pos++;
          batch.push(e);
        }
      }
    } catch (error) {
      failed = { error };
    }
    if (failed !== undefined || pos >= rows.length) {
      rows.length = 0;
      pos = 0;
    }
    return batch;
  };
  for await (const chunk of chunks(source)) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk);
    if (text !== '') {
      sawText = true;
      tokenizer.push(text, collect, collectLine);
    }
    while (rows.length > 0) {
      const batch = events(BATCH);
      if (batch.length > 0) yield batch;
      if (failed !== undefined) throw failed.error;
    }
  }
  const tail = decoder.end();
  if (tail !== '') {
    sawText = true;
    tokenizer.push(tail, collect, collectLine);
  }
  tokenizer.end(collect, collectLine);
  const last = events(Infinity);
  if (failed !== undefined) {
    if (last.length > 0) yield last;
    throw failed.error;
  }
  if (header === undefined) {
    throw new RecordsReadError('csv.empty_file', sawText ? 'the file has no header row (only blank lines)' : 'the file is empty: no header row', 1);
  }
  last.push({ type: 'end', summary: state.summary(tokenizer.linesRead, decoder.detected ?? 'utf8') });
  yield last;
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
