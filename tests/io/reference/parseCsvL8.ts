/**
 * Frozen copy of `parseCsv` of `src/io/loadCatalog.ts` at 7c64073 (csv-parse, before the L8 fast path): the oracle
 * of `tests/io/parseCsvL8.equivalence.test.ts`. Do not edit.
 *
 * @module
 */
import { parse } from 'csv-parse/sync';
import type { Issue } from '../../../src/core/issue.js';
import type { CsvRecord } from '../../../src/io/loadCatalog.js';

/** The 7c64073 `parseCsv`, unchanged. */
export function parseCsvV0(text: string, issues: Issue[]): CsvRecord[] {
  const out: CsvRecord[] = [];
  const records = parse(text, {
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_records_with_error: true,
    on_skip: (err: unknown) => {
      const e = err as { message?: string; lines?: number };
      issues.push({ severity: 'error', code: 'csv.malformed', message: `CSV record skipped: ${e.message ?? String(err)}`, ...(e.lines === undefined ? {} : { line: e.lines }) });
    },
  }) as unknown as { record: string[]; raw: string }[];
  let line = 1;
  for (const r of records) {
    const start = line;
    line += (r.raw.match(/\r\n|\r|\n/gu) ?? []).length;
    if (r.record.length === 1 && (r.record[0] ?? '').trim() === '') continue; // blank line
    out.push({ cells: r.record, line: start });
  }
  return out;
}
