import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CsvRow, RecordEvent } from '../../src/io/index.js';
import { CsvTokenizer, RecordsReadError, RecordsReadState, parseRecordHeader, parseRecordRow, readRecords } from '../../src/io/index.js';

const HEADER = 'case_id,hospital_id,insurance_type,admission_date,discharge_date,age,principal_dx,total_cost,fund_paid,patient_paid,备注';
const cellsOf = (s: string): string[] => s.split(',');

describe('parseRecordHeader', () => {
  it('maps the header to plain data and locates its warnings', () => {
    const { header, issues } = parseRecordHeader(cellsOf(HEADER), 3);
    expect(header).toEqual({
      columns: ['case_id', 'hospital_id', 'insurance_type', 'admission_date', 'discharge_date', 'age', 'principal_dx', 'total_cost', 'fund_paid', 'patient_paid'],
      entries: [
        ['case_id', 0],
        ['hospital_id', 1],
        ['insurance_type', 2],
        ['admission_date', 3],
        ['discharge_date', 4],
        ['age', 5],
        ['principal_dx', 6],
        ['total_cost', 7],
        ['fund_paid', 8],
        ['patient_paid', 9],
      ],
      width: 11,
    });
    expect(structuredClone(header)).toEqual(header);
    expect(issues).toEqual([{ severity: 'warning', code: 'header.unknown_column', message: 'ignoring 1 unknown column(s): "备注"', received: '备注', line: 3 }]);
  });

  it('throws RecordsReadError on a fatal header', () => {
    let err: unknown;
    try {
      parseRecordHeader(['case_id', 'hospital_id'], 4);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RecordsReadError);
    expect([(err as RecordsReadError).code, (err as RecordsReadError).line]).toEqual(['header.missing_required', 4]);
  });
});

describe('parseRecordRow and RecordsReadState', () => {
  const { header } = parseRecordHeader(cellsOf(HEADER), 1);
  const good = 'Z1,H1,310,2025-01-01,2025-01-05,40,K35.300,100.00,70.00,30.00,x';

  it('parses a clean row with its keys', () => {
    const row = parseRecordRow(header, cellsOf(good), 2, false, {});
    expect(row.issues).toEqual([]);
    expect([row.line, row.hospitalId, row.caseId, row.record?.caseId, row.record?.losDays]).toEqual([2, 'H1', 'Z1', 'Z1', 4]);
  });

  it('a wrong cell count: one issue, no record, no key', () => {
    expect(parseRecordRow(header, ['Z1', ' H1 '], 5, false, {})).toEqual({
      line: 5,
      record: undefined,
      issues: [{ severity: 'error', code: 'csv.column_count', message: 'row has 2 cells, the header has 11', line: 5, expected: '11 cells', received: '2 cells' }],
      hospitalId: '',
      caseId: '',
    });
  });

  it('a stray quote keeps the record but comes first among the issues', () => {
    const row = parseRecordRow(header, cellsOf(good), 7, true, {});
    expect(row.record?.caseId).toBe('Z1');
    expect(row.issues).toEqual([{ severity: 'error', code: 'csv.stray_quote', message: 'characters follow a closing quote inside a cell (malformed quoting)', line: 7 }]);
    const state = new RecordsReadState();
    expect(state.row(row)).toEqual({ type: 'rejected', line: 7, issues: row.issues });
  });

  it('the state registers keys, rejects duplicates and counts', () => {
    const state = new RecordsReadState({ maxIssues: 1 });
    const h = parseRecordHeader(cellsOf(HEADER), 1);
    expect(state.header(1, h.header, h.issues)).toEqual({ type: 'header', line: 1, columns: h.header.columns, issues: h.issues });
    expect(state.row(parseRecordRow(header, cellsOf(good), 2, false, {})).type).toBe('record');
    const dup = state.row(parseRecordRow(header, cellsOf(` Z1 ,H1${good.slice(5)}`), 3, false, {}));
    expect(dup).toEqual({
      type: 'rejected',
      line: 3,
      issues: [
        {
          severity: 'error',
          code: 'record.duplicate_case',
          message: 'duplicate case: hospital_id H1, case_id Z1 already appeared at line 2',
          line: 3,
          column: 'case_id',
          received: 'Z1',
          expected: 'a case id not used before by hospital H1 (first at line 2)',
        },
      ],
    });
    expect(state.summary(3, 'utf8')).toEqual({
      read: 2,
      accepted: 1,
      rejected: 1,
      duplicates: 1,
      warnings: 1,
      errors: 1,
      lines: 3,
      encoding: 'utf8',
      columns: h.header.columns,
      issues: h.issues,
      issuesOmitted: 1,
      issueCounts: { 'header.unknown_column': 1, 'record.duplicate_case': 1 },
    });
  });

  it('tokenizer + parseRecordHeader + parseRecordRow + RecordsReadState give the events of readRecords (bad-rows-1000)', async () => {
    const path = 'fixtures/records/bad-rows-1000.csv';
    const expected: RecordEvent[] = [];
    for await (const e of readRecords(path, { maxIssues: 20 })) expected.push(e);
    const rows: CsvRow[] = [];
    const t = new CsvTokenizer();
    t.push(readFileSync(path, 'utf8'), (r) => rows.push(r));
    t.end((r) => rows.push(r));
    const state = new RecordsReadState({ maxIssues: 20 });
    const [first, ...rest] = rows;
    const h = parseRecordHeader(first!.cells, first!.line);
    const got: RecordEvent[] = [state.header(first!.line, h.header, h.issues)];
    for (const r of rest) got.push(state.row(parseRecordRow(h.header, r.cells, r.line, r.strayQuote === true, {})));
    got.push({ type: 'end', summary: state.summary(t.linesRead, 'utf8') });
    expect(got).toEqual(expected);
    expect(got.filter((e) => e.type === 'rejected')).toHaveLength(37);
  });
});
