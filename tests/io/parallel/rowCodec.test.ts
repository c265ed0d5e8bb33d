import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRows, encodeRows } from '../../../src/io/parallel/rowCodec.js';
import type { WorkerRow } from '../../../src/io/parallel/protocol.js';
import { CsvTokenizer } from '../../../src/io/CsvTokenizer.js';
import { parseRecordHeader, parseRecordRow } from '../../../src/io/recordRows.js';
import type { RecordHeader } from '../../../src/io/recordRows.js';
import { loadCatalog } from '../../../src/io/loadCatalog.js';
import { loadProcedureClasses } from '../../../src/io/loadProcedureClasses.js';
import { createGrouper } from '../../../src/grouping/index.js';
import { resolvePolicy, validatePolicy } from '../../../src/policy/index.js';
import { createCaseScorer } from '../../../src/run/caseScorer.js';
import type { ScoredCase } from '../../../src/run/caseScorer.js';
import type { Points, Ratio, Yuan } from '../../../src/decimal/brands.js';

const root = resolve(__dirname, '../../..');

/** Parse and score a records file exactly as `settleWorker` does. */
async function scoredRows(file: string): Promise<WorkerRow[]> {
  const doc = validatePolicy(JSON.parse(readFileSync(resolve(root, 'examples/small/policy.json'), 'utf8')));
  if (!doc.ok) throw new Error('policy');
  const r = resolvePolicy(doc.value, '2025-12-31');
  if (!r.ok) throw new Error('policy');
  const cat = await loadCatalog(resolve(root, 'fixtures/pingdingshan-2025-dip2/catalog.csv'), { statsPath: resolve(root, 'fixtures/pingdingshan-2025-dip2/packet-stats.csv') });
  const classes = await loadProcedureClasses(resolve(root, 'fixtures/icd/procedure-classes.csv'));
  const grouper = createGrouper(cat.catalog, { options: r.value.grouping, auxiliary: r.value.auxiliary, procedureClasses: { get: (code) => classes.table.classOf(code) }, trace: 'summary' });
  // one hospital in the table, one level-only, the rest unknown: every status appears
  const scorer = createCaseScorer({ policy: r.value, grouper, year: 2025, hospitals: [{ hospitalId: 'H410400001', name: 'A', level: '三级', coefficient: '0.95' as Ratio }, { hospitalId: 'H410400002', name: 'B', level: '二级' }] });
  const out: WorkerRow[] = [];
  let header: RecordHeader | undefined;
  const t = new CsvTokenizer();
  const onRow = (row: { cells: string[]; line: number; strayQuote?: boolean }): void => {
    if (header === undefined) {
      header = parseRecordHeader(row.cells, row.line).header;
      return;
    }
    const p = parseRecordRow(header, row.cells, row.line, row.strayQuote === true, {});
    let valid = p.record !== undefined;
    for (const i of p.issues) if (i.severity === 'error') valid = false;
    out.push({ line: p.line, issues: p.issues, hospitalId: p.hospitalId, caseId: p.caseId, valid, scored: valid ? scorer.score(p.record!, p.line, p.issues.length > 0 ? p.issues : undefined) : undefined });
  };
  t.push(readFileSync(resolve(root, file), 'utf8'), onRow);
  t.end(onRow);
  return out;
}

describe('rowCodec', () => {
  it('round-trips the scored rows of the bad-rows fixture exactly (property sets included)', async () => {
    const rows = await scoredRows('fixtures/records/bad-rows-1000.csv');
    expect(rows).toHaveLength(1000);
    const statuses = new Set(rows.map((r) => r.scored?.result.status));
    expect([...statuses].sort()).toEqual(['grouped', 'unknownHospital', undefined].sort());
    const decoded = decodeRows(encodeRows(rows));
    expect(decoded).toStrictEqual(rows);
    // and through the structured clone postMessage uses
    expect(decodeRows(structuredClone(encodeRows(rows)))).toStrictEqual(rows);
  }, 60_000);

  it('carries every field of a case, NaN units and issue lists', () => {
    const result = {
      line: 7, caseId: 'Z\u00007', hospitalId: 'H1', pool: 'employee', month: '2025-03', status: 'grouped', casePoints: '12.3456' as Points, totalCost: '100.00' as Yuan,
      packetCode: 'A01.0', packetKind: 'core', outlier: 'high', coefficient: '0.9' as Ratio, auxCoef: '1.05' as Ratio, ratio: '2.500000' as Ratio, reason: 'specialCase', specialCaseAmount: '80.00' as Yuan,
    } as const;
    const scored: ScoredCase = {
      result,
      issues: [{ severity: 'warning', code: 'x.y', message: 'm', line: 7 }],
      onceIssues: [{ severity: 'error', code: 'p.q', message: 'n' }],
      hasPoints: true,
      pointsExact: '12.345678',
      booked: '70.00',
      patientPaid: '30.00',
      pointsUnits: Number.NaN,
      costUnits: 1_000_000,
      bookedUnits: 700_000,
      patientPaidUnits: 300_000,
    };
    const rows: WorkerRow[] = [
      { line: 7, issues: [{ severity: 'warning', code: 'r.w', message: 'w', line: 7, column: 'sex', received: '9' }], hospitalId: 'H1', caseId: 'Z\u00007', valid: true, scored },
      { line: 8, issues: [], hospitalId: '', caseId: '', valid: false, scored: undefined },
    ];
    expect(decodeRows(structuredClone(encodeRows(rows)))).toStrictEqual(rows);
    expect(decodeRows([])).toEqual([]);
    expect(() => decodeRows([1, 'H', 'Z', true, undefined])).toThrow(/whole number of rows/);
  });
});
