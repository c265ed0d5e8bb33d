/** Input tables of a run (DIP-RULES.md §2.4): good rows parsed, every bad row reported with its line, counts reconcile. */
import { describe, expect, it } from 'vitest';
import { parseAuditTable, parseHospitalTable, parsePrepaymentTable, parseScoreTable } from '../../src/run/tables.js';
import type { TableRow } from '../../src/run/tables.js';

const rows = (header: string[], ...data: string[][]): TableRow[] => data.map((d, i) => ({ line: i + 2, cells: Object.fromEntries(header.map((h, j) => [h, d[j] ?? ''])) }));

describe('parseHospitalTable', () => {
  it('Chinese headers, duplicate and bad coefficient rows rejected with their lines', () => {
    const r = parseHospitalTable(rows(['定点医疗机构代码', '医疗机构名称', '级别', '医疗机构调节系数'], ['H1', 'A', '三级', '1.00'], ['H2', 'B', '二级', ''], ['H1', 'C', '一级', '0.7'], ['H3', 'D', '一级', '0,7'], ['', 'E', '一级', '1']));
    expect(r.rows).toEqual([
      { hospitalId: 'H1', name: 'A', level: '三级', coefficient: '1' },
      { hospitalId: 'H2', name: 'B', level: '二级' },
    ]);
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([
      [4, 'hospitals.duplicate_id'],
      [5, 'hospitals.decimal.not_a_number'],
      [6, 'hospitals.missing_id'],
    ]);
    expect(r.read).toBe(r.rows.length + r.rejected);
  });
  it('a missing hospital_id column is one issue and rejects every row', () => {
    const r = parseHospitalTable(rows(['name'], ['A'], ['B']));
    expect(r.rows).toEqual([]);
    expect(r.rejected).toBe(2);
    expect(r.issues[0]).toMatchObject({ code: 'hospitals.missing_column', column: 'hospital_id' });
  });
});

describe('parseScoreTable / parsePrepaymentTable / parseAuditTable', () => {
  it('scores: explicit k and s, flags, a share above 1 and an empty row rejected', () => {
    const r = parseScoreTable(rows(['hospital_id', 'score', 'k', 'deposit_refund_share', 'reasonable_overrun'], ['H1', '85', '', '', '是'], ['H2', '', '0.98', '0.8', ''], ['H3', '', '', '1.2', ''], ['H4', '', '', '', ''], ['H5', '90', '', '', 'maybe']));
    expect(r.rows).toEqual([
      { hospitalId: 'H1', score: '85', reasonableOverrun: true },
      { hospitalId: 'H2', coefficient: '0.98', depositRefundShare: '0.8' },
    ]);
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([
      [4, 'scores.share_above_one'],
      [5, 'scores.empty_row'],
      [6, 'scores.bad_flag'],
    ]);
  });
  it('prepayments: YYYYMM and YYYY-M months, negative prepaid allowed (a recovery), bad month rejected', () => {
    const r = parsePrepaymentTable(rows(['hospital_id', 'month', 'prepaid', 'deposit_withheld'], ['H1', '202501', '100.00', '5.00'], ['H1', '2025-2', '-20.00', ''], ['H1', '2025-13', '1.00', '']));
    expect(r.rows).toEqual([
      { hospitalId: 'H1', month: '2025-01', prepaid: '100', depositWithheld: '5', advanceOutstanding: '0' },
      { hospitalId: 'H1', month: '2025-02', prepaid: '-20', depositWithheld: '0', advanceOutstanding: '0' },
    ]);
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([[4, 'prepayments.bad_month']]);
  });
  it('audit: year-end rows without month; negative amounts rejected', () => {
    const r = parseAuditTable(rows(['hospital_id', 'month', 'amount'], ['H1', '', '50.00'], ['H1', '2025-03', '-1.00']));
    expect(r.rows).toEqual([{ hospitalId: 'H1', amount: '50' }]);
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([[3, 'audit.decimal.negative']]);
  });
});
