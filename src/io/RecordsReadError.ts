/**
 * Fatal problems of a records file: the file as a whole cannot be read, so no row count could be trusted.
 * Codes: `csv.empty_file`, `csv.unclosed_quote`, `csv.binary`, `csv.record_too_long`, `encoding.invalid`,
 * `encoding.unsupported`, `header.missing_required`, `header.duplicate_column`, `io.read_failed`.
 */
export type RecordsReadErrorCode =
  | 'csv.empty_file'
  | 'csv.unclosed_quote'
  | 'csv.binary'
  | 'csv.record_too_long'
  | 'encoding.invalid'
  | 'encoding.unsupported'
  | 'header.missing_required'
  | 'header.duplicate_column'
  | 'io.read_failed';

/**
 * A fatal records-file error with a stable `code` and the 1-based physical `line` where it was found (when a
 * line applies). Rows before the problem may already have been yielded; the read stops.
 *
 * @example
 * ```ts
 * const e = new RecordsReadError('csv.unclosed_quote', 'a quoted field opened at line 7 is never closed', 7);
 * e.message; // 'line 7: a quoted field opened at line 7 is never closed'
 * ```
 */
export class RecordsReadError extends Error {
  override readonly name = 'RecordsReadError';
  readonly code: RecordsReadErrorCode;
  readonly line: number | undefined;
  /** The message without the `line N:` prefix. */
  readonly detail: string;

  constructor(code: RecordsReadErrorCode, detail: string, line?: number) {
    super(line === undefined ? detail : `line ${line}: ${detail}`);
    this.code = code;
    this.line = line;
    this.detail = detail;
  }
}
