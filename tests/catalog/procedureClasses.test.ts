import { beforeAll, describe, expect, it } from 'vitest';
import { buildProcedureClassTable, procedureClassRank } from '../../src/catalog/index.js';
import type { ProcedureClassTable, ProcedureClassSummary } from '../../src/catalog/index.js';
import type { Issue } from '../../src/core/issue.js';
import { loadCatalog } from '../../src/io/loadCatalog.js';
import { loadProcedureClasses } from '../../src/io/loadProcedureClasses.js';

let table: ProcedureClassTable;
let summary: ProcedureClassSummary;
let issues: Issue[];

beforeAll(async () => {
  ({ table, summary, issues } = await loadProcedureClasses('fixtures/icd/procedure-classes.csv'));
});

describe('procedure classes (DIP-RULES §3.6)', () => {
  it('loads 13,611 codes; the 42 rows without a code are issues naming their line', () => {
    expect(summary).toEqual({ rows: 13653, accepted: 13611, duplicates: 0, rejected: 42, byClass: { surgery: 9832, interventional: 370, therapeutic: 2150, diagnostic: 1259 } });
    expect(issues).toHaveLength(42);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'procedureClass.code', line: 49, column: 'code' });
    // With the 42 code-less rows (15 手术, 27 治疗性操作) the class totals are the §3.6 figures 9,847 / 370 / 2,177 / 1,259.
    expect(summary.byClass.surgery + 15).toBe(9847);
    expect(summary.byClass.therapeutic + 27).toBe(2177);
  });

  it('looks codes up after normalisation; unknown codes are undefined', () => {
    expect(table.classOf('00.0100')).toBe('therapeutic');
    expect(table.classOf('00.0100 ')).toBe('therapeutic');
    expect(table.classOf('99.9999')).toBeUndefined();
    expect(table.rankOf('99.9999')).toBeUndefined();
    const interventional = [...table.entries()].find(([, c]) => c === 'interventional');
    expect(interventional).toBeDefined();
    expect(table.rankOf(interventional?.[0] ?? '')).toBe(4);
  });

  it('ranks: surgery = interventional 4 > therapeutic 3 > diagnostic 2 > none 1', () => {
    expect(['surgery', 'interventional', 'therapeutic', 'diagnostic', 'conservative', undefined].map((c) => procedureClassRank(c as never))).toEqual([4, 4, 3, 2, 1, 1]);
  });

  it('846 of the 866 procedure codes of the Pingdingshan catalog are in the table', async () => {
    const { catalog } = await loadCatalog('fixtures/pingdingshan-2025-dip2/catalog.csv');
    const codes = new Set(catalog.packets.flatMap((p) => [...p.main, ...p.related.flat()].map((r) => r.code)));
    expect(codes.size).toBe(866);
    expect([...codes].filter((c) => table.has(c))).toHaveLength(846);
    expect(table.has('45.4307')).toBe(false);
  });

  it('reports unknown classes, conflicts and repeats', () => {
    const r = buildProcedureClassTable([
      { line: 2, cells: { code: '47.0100', class: '手术' } },
      { line: 3, cells: { code: '47.0100', class: '手术' } },
      { line: 4, cells: { code: '47.0100', class: '治疗性操作' } },
      { line: 5, cells: { code: '47.0200', class: '其他' } },
      { line: 6, cells: { code: 'K35.3', class: '手术' } },
      { line: 7, cells: { code: '44.1300X001', class: '诊断性操作' } },
    ]);
    expect(r.summary).toMatchObject({ rows: 6, accepted: 2, duplicates: 2, rejected: 2 });
    expect(r.issues.map((i) => `${i.severity}:${i.code}:${i.line ?? 0}`)).toEqual(['warning:procedureClass.duplicate:3', 'error:procedureClass.conflict:4', 'error:procedureClass.class:5', 'error:procedureClass.code:6']);
    expect(r.table.classOf('44.1300x001')).toBe('diagnostic');
  });
});
