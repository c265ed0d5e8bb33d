/**
 * `toRows` of `src/io/loadCatalog.ts` after L8 (the header mapping's columns taken once as two arrays, a plain loop)
 * against the frozen 7c64073 copy (`tests/io/reference/toRowsL8.ts`): the same rows (`toStrictEqual` and JSON text,
 * so the cells' key order too), the same issues, or the same thrown `CatalogLoadError` (message and issues), on
 * random headers (catalog and statistics aliases, repeated, unknown, required ones missing) and rows of random widths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/issue.js';
import { CATALOG_HEADER_ALIASES, STATS_HEADER_ALIASES, toRows } from '../../src/io/loadCatalog.js';
import type { CsvRecord } from '../../src/io/loadCatalog.js';
import { toRowsV0 } from './reference/toRowsL8.js';

function outcome(f: typeof toRows, records: CsvRecord[], which: 'catalog' | 'stats'): unknown {
  const issues: Issue[] = [];
  try {
    const rows = which === 'catalog' ? f(records, CATALOG_HEADER_ALIASES, ['code', 'points'], 'c.csv', issues) : f(records, STATS_HEADER_ALIASES, ['code'], 's.csv', issues);
    return { rows, json: JSON.stringify(rows), issues };
  } catch (e) {
    return { throws: `${(e as Error).constructor.name}: ${(e as Error).message}`, issues: (e as { issues?: unknown }).issues, before: issues };
  }
}

const names = fc.constantFrom('病种编码', '病种分值', '主诊断代码', '病种名称', '序号', 'code', 'points', 'DIP_CODE', 'WEIGHT_SCORE', 'DIP_AVG_FEE', 'BILL_COUNT', 'REMARK', 'x', '', ' 病种编码 ', 'Code', '病种类型');
const cell = fc.constantFrom('', 'A03.9', '385.35787', ' 1 ', '中', 'x');
const records = fc
  .tuple(fc.array(names, { maxLength: 7 }), fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 8 }), fc.nat(3))
  .map(([header, rows, gap]) => [{ cells: header, line: 1 }, ...rows.map((cells, i) => ({ cells, line: 2 + i * (gap + 1) }))]);

describe('toRows (L8) = the 7c64073 copy', () => {
  it('random headers and rows: same rows, key order, issues or error', () => {
    fc.assert(
      fc.property(records, fc.constantFrom('catalog' as const, 'stats' as const), (recs, which) => {
        expect(outcome(toRows, recs, which)).toStrictEqual(outcome(toRowsV0, recs, which));
      }),
      { seed: 8831, numRuns: 3000 },
    );
    expect(outcome(toRows, [], 'catalog')).toStrictEqual(outcome(toRowsV0, [], 'catalog'));
  });
});
