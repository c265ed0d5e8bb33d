/**
 * `parseRecordLine` (with the `OnLine` type of `CsvTokenizer.push`) is exported from `dip-engine/node` and
 * `validateRecordLine` from `dip-engine`, next to `parseRecordRow` / `validateRecordCells`: a library user reading
 * records with `CsvTokenizer` gets the same line path as `readRecords`. Through the public entries, on one literal
 * file: the line path gives what the split path gives.
 */
import { describe, expect, it } from 'vitest';
import { recordColumnIndex, validateRecordCells, validateRecordLine } from '../../src/index.js';
import type { CsvRow, OnLine } from '../../src/node.js';
import { CsvTokenizer, parseRecordHeader, parseRecordLine, parseRecordRow } from '../../src/node.js';

const TEXT = [
  'case_id,hospital_id,insurance_type,admission_date,discharge_date,age,principal_dx,total_cost,fund_paid,patient_paid',
  'Z1,H1,310,2025-01-01,2025-01-05,40,K35.300,100.00,70.00,30.00',
  'Z2,H1,310,2025-01-01,2024-01-05,40,K35.300,abc,70.00,30.00',
  'Z3,H1,310',
  '',
].join('\n');

describe('public line exports (dip-engine/node parseRecordLine, dip-engine validateRecordLine)', () => {
  it('the line path through the public entries = the split path', () => {
    const header = parseRecordHeader(TEXT.slice(0, TEXT.indexOf('\n')).split(','), 1).header;
    const lines: ReturnType<typeof parseRecordLine>[] = [];
    const split: ReturnType<typeof parseRecordRow>[] = [];
    const direct: unknown[] = [];
    const index = recordColumnIndex(header.entries);
    let first = true;
    const onLine: OnLine = (s, start, end, line) => {
      if (first) {
        first = false;
        return;
      }
      const cells = s.slice(start, end).split(',');
      lines.push(parseRecordLine(header, s, start, end, line, {}));
      split.push(parseRecordRow(header, cells, line, false, {}));
      if (cells.length === header.width) {
        const starts = new Int32Array(cells.length + 1);
        starts[0] = start;
        for (let i = 0; i < cells.length; i++) starts[i + 1] = (starts[i] as number) + (cells[i] as string).length + 1;
        direct.push([validateRecordLine(s, starts, index, line, {}), validateRecordCells(cells, index, line, {})]);
      }
    };
    const rows: CsvRow[] = [];
    const t = new CsvTokenizer();
    t.push(TEXT, (r) => rows.push(r), onLine);
    t.end((r) => rows.push(r), onLine);
    expect(rows).toEqual([]);
    expect(lines).toHaveLength(3);
    expect(lines).toStrictEqual(split);
    expect(lines[0]!.record?.caseId).toBe('Z1');
    expect(lines[1]!.record).toBeUndefined();
    expect(lines[2]!.issues[0]?.code).toBe('csv.column_count');
    expect(direct).toHaveLength(2);
    for (const [a, b] of direct as [unknown, unknown][]) expect(a).toStrictEqual(b);
  });
});
