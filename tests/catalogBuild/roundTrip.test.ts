import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DischargeRecord } from '../../src/records/types.js';
import type { Yuan } from '../../src/decimal/index.js';
import type { ProcedureClass } from '../../src/catalog/types.js';
import { buildCatalog } from '../../src/catalogBuild/buildCatalog.js';
import type { HistoryCase } from '../../src/catalogBuild/historyAccumulator.js';
import { loadCatalog, writeCatalogCsv, writeCatalogJson } from '../../src/io/loadCatalog.js';
import { createGrouper } from '../../src/grouping/index.js';
import { DEFAULT_GROUPING_OPTIONS } from '../../src/policy/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'dip-catalog-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
function rec(dx: string, cost: string, main?: string, other: string[] = []): DischargeRecord {
  seq++;
  return {
    caseId: `R${seq}`,
    hospitalId: 'H1',
    insuranceType: 'resident',
    admissionDate: '2024-03-01',
    dischargeDate: '2024-03-05',
    principalDx: dx,
    secondaryDx: [],
    ...(main === undefined ? {} : { principalProcedure: main }),
    otherProcedures: other,
    losDays: 4,
    totalCost: cost as Yuan,
    fundPaid: '0' as Yuan,
    patientPaid: cost as Yuan,
  };
}
const times = (n: number, year: number, f: () => DischargeRecord): HistoryCase[] => Array.from({ length: n }, () => ({ year, record: f() }));
const history: HistoryCase[] = [
  ...times(3, 2024, () => rec('K35.300', '1000.00')),
  ...times(2, 2023, () => rec('K35.300', '4000.00', '47.0100')),
  ...times(2, 2024, () => rec('K35.300x001', '5000.00', '47.0100')),
  ...times(3, 2024, () => rec('K35.300', '6000.00', '47.0100', ['54.5100'])),
  ...times(3, 2024, () => rec('K35.301', '5200.00', '47.0100', ['99.0400'])),
  ...times(2, 2024, () => rec('K35.200', '3000.00', '47.0900')),
  ...times(1, 2024, () => rec('K35.800', '3600.00', '47.0100')),
];
const classes = new Map<string, ProcedureClass>([
  ['47.0100', 'surgery'],
  ['47.0900', 'surgery'],
  ['54.5100', 'surgery'],
  ['99.0400', 'therapeutic'],
]);

describe('round trip: build → write CSV / JSON → load → group (issue 5)', () => {
  it('the loaded catalog has the same content, and the grouper puts every history case where the builder counted it', async () => {
    const built = await buildCatalog(history, { coreThreshold: 3 }, { years: [2022, 2023, 2024], procedureClass: (c) => classes.get(c), meta: { id: 'rt', name: 'round trip', version: '1' } });
    const csv = join(dir, 'catalog.csv');
    const json = join(dir, 'catalog.json');
    await writeCatalogCsv(built.catalog, csv);
    await writeCatalogJson(built.catalog, json);
    const fromCsv = await loadCatalog(csv);
    const fromJson = await loadCatalog(json);
    expect(fromCsv.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(fromJson.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(fromJson.catalog.contentHash).toBe(built.catalog.contentHash);
    expect(fromCsv.catalog.packets.map((p) => [p.code, p.kind, p.points])).toEqual(built.packets.map((p) => [p.code, p.kind, p.points]));

    const grouper = createGrouper(fromCsv.catalog, { options: DEFAULT_GROUPING_OPTIONS, procedureClasses: classes });
    const counts = new Map<string, number>();
    for (const h of history) {
      const r = grouper.group(h.record);
      const code = r.status === 'grouped' ? r.packetCode : `ungrouped:${r.reason}`;
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(built.packets.map((p) => [p.code, p.caseCount])));
    expect(Object.fromEntries(counts)).toEqual({ 'K35.3': 3, 'K35.3:47.0100': 7, 'K35.3:47.0100_54.5100': 3, 'K35:SS': 3 });
  });
});
