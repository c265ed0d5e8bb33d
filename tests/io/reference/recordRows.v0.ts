/**
 * Reference `parseRecordRow` as first split out of `readRecords` (commit d9bac2a), over the reference
 * `validateRecord.v0`: a `RawRecord` object per row. For the equality property tests and `bench/records-ab.ts`.
 */
import type { RawRecord, ValidateRecordOptions } from '../../../src/records/index.js';
import type { ParsedRow, RecordHeader } from '../../../src/io/recordRows.js';
import { validateRecord } from '../../records/reference/validateRecord.v0.js';

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
  const raw: RawRecord = {};
  for (const [c, idx] of header.entries) raw[c] = cells[idx] as string;
  const result = validateRecord(raw, { line, options });
  const issues = result.issues;
  if (strayQuote) {
    issues.unshift({ severity: 'error', code: 'csv.stray_quote', message: 'characters follow a closing quote inside a cell (malformed quoting)', line });
  }
  return { line, record: result.record, issues, hospitalId: (raw.hospital_id ?? '').trim(), caseId: (raw.case_id ?? '').trim() };
}
