/**
 * The records reader in reusable pieces: the header mapping ({@link parseRecordHeader}), the pure per-row parse
 * ({@link parseRecordRow}: column count, stray quote, `validateRecord`) and the stateful part
 * ({@link RecordsReadState}: duplicate keys, counts, kept issues). `readRecords` is their composition; a parallel
 * reader runs `parseRecordRow` in workers and feeds the rows to one `RecordsReadState` in file order, which gives
 * the same events and summary as `readRecords`.
 *
 * @module
 */
import type { Issue } from '../core/issue.js';
import type { DischargeRecord, RecordColumn, RecordColumnIndex, ValidateRecordOptions, ValidateRecordResult } from '../records/index.js';
import { RECORD_COLUMNS, RECORD_COLUMN_ALIASES, REQUIRED_ONE_OF_RECORD_COLUMNS, REQUIRED_RECORD_COLUMNS, recordColumnIndex, validateRecordCells } from '../records/index.js';
import type { CleanLinePlan } from '../records/validateRecord.js';
import { cleanLinePlan, validateCleanLine, validateRecordLine } from '../records/validateRecord.js';
import { CaseKeySet } from './CaseKeySet.js';
import type { CaseKeyRegistry } from './CaseKeySet.js';
import { mapHeader } from './mapHeader.js';
import { RecordsReadError } from './RecordsReadError.js';

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

/** One event of `readRecords`, in file order; the last one is always `end`. */
export type RecordEvent =
  | { readonly type: 'header'; readonly line: number; readonly columns: readonly RecordColumn[]; readonly issues: readonly Issue[] }
  | { readonly type: 'record'; readonly line: number; readonly record: DischargeRecord; readonly issues: readonly Issue[] }
  | { readonly type: 'rejected'; readonly line: number; readonly issues: readonly Issue[] }
  | { readonly type: 'end'; readonly summary: ReadSummary };

/**
 * The mapped header of a records file: plain data (structured-cloneable, so it can be sent to workers).
 *
 * @example
 * ```ts
 * const header: RecordHeader = { columns: ['case_id', 'hospital_id'], entries: [['case_id', 0], ['hospital_id', 2]], width: 3 };
 * structuredClone(header); // plain data: can be posted to a worker
 * ```
 */
export interface RecordHeader {
  /** Canonical columns found, in file order. */
  readonly columns: readonly RecordColumn[];
  /** (column, 0-based cell index), in file order. */
  readonly entries: readonly (readonly [RecordColumn, number])[];
  /** Cells of the header row: every data row must have this many. */
  readonly width: number;
}

/**
 * Map the header row of a records file (`mapHeader` with `RECORD_COLUMN_ALIASES`, DIP-RULES.md §2.1). The
 * returned issues (warnings: `header.unknown_column`) carry `line`. Throws {@link RecordsReadError} on a fatal
 * header issue (`header.missing_required`, `header.duplicate_column`), as `readRecords` does.
 *
 * @example
 * ```ts
 * const cells = ['case_id', 'hospital_id', 'insurance_type', 'admission_date', 'discharge_date', 'age',
 *   'principal_dx', 'total_cost', 'fund_paid', 'patient_paid', '备注'];
 * const { header, issues } = parseRecordHeader(cells, 1);
 * header.width;     // 11
 * issues[0]?.code;  // 'header.unknown_column'
 * issues[0]?.line;  // 1
 * ```
 */
export function parseRecordHeader(cells: readonly string[], line: number): { header: RecordHeader; issues: Issue[] } {
  const { mapping, issues } = mapHeader(cells, RECORD_COLUMN_ALIASES, { required: REQUIRED_RECORD_COLUMNS, requiredOneOf: REQUIRED_ONE_OF_RECORD_COLUMNS });
  const fatal = issues.find((i) => i.severity === 'error');
  if (fatal !== undefined) throw new RecordsReadError(fatal.code as 'header.missing_required' | 'header.duplicate_column', fatal.message, line);
  const entries = [...mapping.columns.entries()].sort((a, b) => a[1] - b[1]);
  const columns = entries.map(([c]) => c);
  return { header: { columns, entries, width: mapping.width }, issues: issues.map((i) => ({ ...i, line })) };
}

/**
 * One parsed data row: pure, before the duplicate check. `record` is set when validation produced one — it may
 * still carry error issues (a stray quote), in which case the row is rejected. `hospitalId` and `caseId` are the
 * trimmed key cells (`''` when a cell is empty, and both `''` when the row's cell count is wrong: such a row
 * registers no key).
 *
 * @example
 * ```ts
 * const p: ParsedRow = { line: 7, record: undefined, issues: [], hospitalId: '', caseId: '' };
 * ```
 */
export interface ParsedRow {
  readonly line: number;
  readonly record: DischargeRecord | undefined;
  /** The row's issues in order; a clean row's is a shared frozen empty array — copy before adding. */
  readonly issues: Issue[];
  readonly hospitalId: string;
  readonly caseId: string;
}

/**
 * Parse one data row of a records file — pure, no duplicate check: the cell count against the header
 * (`csv.column_count`: rejected, not validated further), the stray-quote error (`csv.stray_quote`, first issue)
 * and `validateRecord` (DIP-RULES.md §2) with `line` on every issue.
 *
 * @example
 * ```ts
 * const { header } = parseRecordHeader(headerCells, 1);
 * const row = parseRecordRow(header, cells, 2, false, {});
 * row.record?.caseId; // the validated record, when the row has no error
 * ```
 */
export function parseRecordRow(header: RecordHeader, cells: readonly string[], line: number, strayQuote: boolean, options: ValidateRecordOptions): ParsedRow {
  if (cells.length !== header.width) {
    return {
      line,
      record: undefined,
      issues: [
        {
          severity: 'error',
          code: 'csv.column_count',
          message: `row has ${cells.length} cells, the header has ${header.width}`,
          line,
          expected: `${header.width} cells`,
          received: `${cells.length} cells`,
        },
      ],
      hospitalId: '',
      caseId: '',
    };
  }
  const index = compiledIndex(header);
  const result = validateRecordCells(cells, index, line, options);
  let issues = result.issues;
  if (strayQuote) {
    issues = [{ severity: 'error', code: 'csv.stray_quote', message: 'characters follow a closing quote inside a cell (malformed quoting)', line }, ...issues];
  }
  const record = result.record;
  if (record !== undefined) return { line, record, issues, hospitalId: record.hospitalId, caseId: record.caseId };
  return { line, record, issues, hospitalId: keyCell(cells, index[HOSPITAL_ID] as number), caseId: keyCell(cells, index[CASE_ID] as number) };
}

/** Cell starts of the line being parsed by {@link parseRecordLine} (grown to the widest header; never re-entered). */
let STARTS = new Int32Array(64);

/**
 * {@link parseRecordRow} of a record that is one CSV line without quotes, given as the range `[start, end)` of
 * `text` (as `CsvTokenizer` hands it to `onLine`): the row whose cells are `text.slice(start, end).split(',')`
 * (what `CsvTokenizer` would give, with no stray quote) — the same parsed row, without the split. The cell starts
 * are found with `indexOf(',')`; a line with another number of cells than the header (a `csv.column_count` row)
 * takes `parseRecordRow` of the split itself. The cells are then read in place by `validateRecordLine` (the
 * checks of `validateRecordCells`, same record and issues). Before all that, the clean-row fast path
 * `validateCleanLine` tries the line with its own cell scan (the record of a row with no issue, without the issue
 * machinery; it gives up on anything else, and on a header that is not one-to-one). Both give the same parsed row
 * (`tests/io/recordLineV8.equivalence.test.ts`).
 *
 * @example
 * ```ts
 * const { header } = parseRecordHeader(headerCells, 1);
 * const text = 'Z1,H1,310,…';
 * parseRecordLine(header, text, 0, text.length, 2, {}); // = parseRecordRow(header, text.split(','), 2, false, {})
 * ```
 */
export function parseRecordLine(header: RecordHeader, text: string, start: number, end: number, line: number, options: ValidateRecordOptions): ParsedRow {
  const compiled = compiledHeader(header);
  // The clean-row fast path first (its own cell scan, no issue machinery); any other row is split and validated
  // again by the full checks.
  if (compiled.plan !== undefined) {
    const clean = validateCleanLine(text, start, end, compiled.plan, line, options);
    // A row the code tables reject has no record to take its keys from: it takes the full path below.
    const record = clean?.record;
    if (record !== undefined) return { line, record, issues: (clean as ValidateRecordResult).issues, hospitalId: record.hospitalId, caseId: record.caseId };
  }
  return splitRecordLine(header, compiled.index, text, start, end, line, options);
}

/** {@link parseRecordLine} without the fast path: the cell starts by `indexOf(',')`, then `validateRecordLine`. */
function splitRecordLine(header: RecordHeader, index: RecordColumnIndex, text: string, start: number, end: number, line: number, options: ValidateRecordOptions): ParsedRow {
  const width = header.width;
  if (STARTS.length <= width) STARTS = new Int32Array(width + 1);
  const starts = STARTS;
  let k = 1;
  let c = text.indexOf(',', start);
  while (c !== -1 && c < end) {
    if (k === width) return parseRecordRow(header, text.slice(start, end).split(','), line, false, options);
    starts[k++] = c + 1;
    c = text.indexOf(',', c + 1);
  }
  if (k !== width) return parseRecordRow(header, text.slice(start, end).split(','), line, false, options);
  starts[0] = start;
  starts[width] = end + 1;
  const result = validateRecordLine(text, starts, index, line, options);
  const record = result.record;
  if (record !== undefined) return { line, record, issues: result.issues, hospitalId: record.hospitalId, caseId: record.caseId };
  const h = index[HOSPITAL_ID] as number;
  const cid = index[CASE_ID] as number;
  return {
    line,
    record,
    issues: result.issues,
    hospitalId: h < 0 ? '' : text.slice(starts[h] as number, (starts[h + 1] as number) - 1).trim(),
    caseId: cid < 0 ? '' : text.slice(starts[cid] as number, (starts[cid + 1] as number) - 1).trim(),
  };
}

const HOSPITAL_ID = RECORD_COLUMNS.indexOf('hospital_id');
const CASE_ID = RECORD_COLUMNS.indexOf('case_id');

/** The trimmed key cell at cell index `i` (`''` when the column is absent). */
function keyCell(cells: readonly string[], i: number): string {
  return i < 0 ? '' : (cells[i] as string).trim();
}

/** A header compiled: its column index, and its clean-line plan (`undefined`: no fast path for it). */
interface CompiledHeader {
  readonly index: RecordColumnIndex;
  readonly plan: CleanLinePlan | undefined;
}

/** Headers compiled, by identity (one entry per header object: per file, per worker). */
const COMPILED = new WeakMap<RecordHeader, CompiledHeader>();

/** The header of the last {@link compiledHeader} call and its entry (a file's rows come one header at a time). */
let lastHeader: RecordHeader | undefined;
let lastCompiled: CompiledHeader | undefined;

/** The compiled entry of `header`: the last one again without a `WeakMap` lookup, else from {@link COMPILED}. */
function compiledHeader(header: RecordHeader): CompiledHeader {
  if (header === lastHeader) return lastCompiled as CompiledHeader;
  let compiled = COMPILED.get(header);
  if (compiled === undefined) {
    compiled = { index: recordColumnIndex(header.entries), plan: cleanLinePlan(header.entries, header.width) };
    COMPILED.set(header, compiled);
  }
  lastHeader = header;
  lastCompiled = compiled;
  return compiled;
}

function compiledIndex(header: RecordHeader): RecordColumnIndex {
  return compiledHeader(header).index;
}

/**
 * The stateful part of reading records, fed in file order: the duplicate check (`record.duplicate_case`, keys in
 * a `CaseKeySet`: every row with both key cells registers its key, also a row rejected for another reason), the
 * counts and the kept issues (the first `maxIssues`, default 1000) of the {@link ReadSummary}.
 *
 * @example
 * ```ts
 * const state = new RecordsReadState();
 * const { header, issues } = parseRecordHeader(headerCells, 1);
 * state.header(1, header, issues);              // { type: 'header', … }
 * state.row(parseRecordRow(header, cells, 2, false, {})); // { type: 'record', … } or { type: 'rejected', … }
 * state.summary(2, 'utf8').read;                // 1
 * ```
 */
export class RecordsReadState {
  private readonly keys: CaseKeyRegistry;
  private readonly maxIssues: number;
  private readonly kept: Issue[] = [];
  private readonly issueCounts: Record<string, number> = {};
  private omitted = 0;
  private read = 0;
  private accepted = 0;
  private rejected = 0;
  private duplicates = 0;
  private warnings = 0;
  private errors = 0;
  private columns: readonly RecordColumn[] = [];

  /**
   * `keys`: where the duplicate check registers keys (default a new in-memory `CaseKeySet`; the result of
   * `scanDuplicateCases` gives the same answers with memory independent of the number of cases).
   */
  constructor(options: { readonly maxIssues?: number; readonly keys?: CaseKeyRegistry } = {}) {
    this.maxIssues = options.maxIssues ?? 1000;
    this.keys = options.keys ?? new CaseKeySet();
  }

  /** The `header` event of a mapped header; counts and keeps its issues. */
  header(line: number, header: RecordHeader, issues: Issue[]): RecordEvent {
    this.columns = header.columns;
    this.note(issues);
    return { type: 'header', line, columns: header.columns, issues };
  }

  /** The event of one parsed row: duplicate check, accept or reject, counting. */
  row(parsed: ParsedRow): RecordEvent {
    this.read++;
    const line = parsed.line;
    let issues = parsed.issues;
    const { hospitalId, caseId } = parsed;
    if (hospitalId !== '' && caseId !== '') {
      const first = this.keys.add(hospitalId, caseId, line);
      if (first !== undefined) {
        this.duplicates++;
        issues = [
          ...issues,
          {
            severity: 'error',
            code: 'record.duplicate_case',
            message: `duplicate case: hospital_id ${hospitalId}, case_id ${caseId} already appeared at line ${first}`,
            line,
            column: 'case_id',
            received: caseId,
            expected: `a case id not used before by hospital ${hospitalId} (first at line ${first})`,
          },
        ];
      }
    }
    let hasError = false;
    if (issues.length > 0) {
      this.note(issues);
      for (const i of issues) if (i.severity === 'error') hasError = true;
    }
    if (parsed.record !== undefined && !hasError) {
      this.accepted++;
      return { type: 'record', line, record: parsed.record, issues };
    }
    this.rejected++;
    return { type: 'rejected', line, issues };
  }

  /** The summary of the read so far (`lines` and `encoding` come from the tokenizer and the decoder). */
  summary(lines: number, encoding: 'utf8' | 'gb18030'): ReadSummary {
    return {
      read: this.read,
      accepted: this.accepted,
      rejected: this.rejected,
      duplicates: this.duplicates,
      warnings: this.warnings,
      errors: this.errors,
      lines,
      encoding,
      columns: this.columns,
      issues: this.kept,
      issuesOmitted: this.omitted,
      issueCounts: this.issueCounts,
    };
  }

  private note(list: readonly Issue[]): void {
    for (const i of list) {
      if (i.severity === 'error') this.errors++;
      else this.warnings++;
      this.issueCounts[i.code] = (this.issueCounts[i.code] ?? 0) + 1;
      if (this.kept.length < this.maxIssues) this.kept.push(i);
      else this.omitted++;
    }
  }
}
