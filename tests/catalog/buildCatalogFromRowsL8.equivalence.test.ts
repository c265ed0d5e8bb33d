/**
 * `buildCatalogFromRows` after L8 (amounts validated without building decimal.js objects, statistics points compared
 * as texts, the statistics copied with an own-key loop) against the frozen 7c64073 copy
 * (`tests/catalog/reference/buildCatalogFromRowsL8.ts`): the same catalog (`toStrictEqual`, and the packets' JSON
 * text, so the key order too), issues, summary — or the same thrown error — on random inputs made of real
 * Pingdingshan catalog and statistics rows whose points, M, statistics amounts and counts are replaced from pools of
 * valid, padded, signed, exponent, separator, 20/21-decimal, full-width and empty texts, with or without a meta M
 * (valid, equal to the data's, invalid), under the pingdingshan and plusSlash notations; and on the whole fixture.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuildCatalogInput, CatalogColumn, SourceRow, StatsColumn } from '../../src/catalog/buildCatalogFromRows.js';
import { buildCatalogFromRows } from '../../src/catalog/buildCatalogFromRows.js';
import type { Issue } from '../../src/core/issue.js';
import { CATALOG_HEADER_ALIASES, decodeCatalogText, parseCsv, STATS_HEADER_ALIASES, toRows } from '../../src/io/loadCatalog.js';
import { buildCatalogFromRows as buildCatalogFromRowsV0 } from './reference/buildCatalogFromRowsL8.js';

const fx = 'fixtures/pingdingshan-2025-dip2';
const issues: Issue[] = [];
const catalogRows = toRows(parseCsv(decodeCatalogText(readFileSync(`${fx}/catalog.csv`)).text, issues), CATALOG_HEADER_ALIASES, ['code', 'points'], 'catalog.csv', issues);
const statsRows = toRows(parseCsv(decodeCatalogText(readFileSync(`${fx}/packet-stats.csv`)).text, issues), STATS_HEADER_ALIASES, ['code'], 'packet-stats.csv', issues);

/** The result as comparable data, or the thrown error. */
function outcome(build: typeof buildCatalogFromRows, input: BuildCatalogInput): unknown {
  try {
    const r = build(input);
    return { result: r, packetsJson: JSON.stringify(r.catalog.packets) };
  } catch (e) {
    return { throws: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}

const amount = fc.constantFrom('385.35787', '0', '00.10', ' 12.5 ', '12.50', '-1', '-0', '1e3', '', '1,000', '+1', '.5', '5.', '1.12345678901234567890', '1.123456789012345678901', 'NaN', '１２', '\u00a012\u00a0', '12\n', 'abc', '7');
const count = fc.constantFrom('0', '12', ' 3 ', '-1', '1.5', '', 'x');
const flag = fc.constantFrom('0', '1', '', 'yes', '否', '2');

/** A real row with some cells replaced. */
function mutated<C extends string>(rows: readonly SourceRow<C>[], columns: Partial<Record<C, fc.Arbitrary<string>>>): fc.Arbitrary<SourceRow<C>> {
  const entries = Object.entries(columns) as [C, fc.Arbitrary<string>][];
  return fc.tuple(fc.nat(rows.length - 1), ...entries.map(([, a]) => fc.option(a, { freq: 2 }))).map(([i, ...vs]) => {
    const row = rows[i]!;
    const cells: Partial<Record<C, string>> = { ...row.cells };
    entries.forEach(([c], k) => {
      const v = vs[k];
      if (v !== null && v !== undefined) cells[c] = v;
    });
    return { line: row.line, cells };
  });
}

const catalogRow = mutated<CatalogColumn>(catalogRows, { points: amount, regionAverageCost: amount, averageCost: amount, averageStay: amount, cv: amount, caseCount: count, discussFlag: flag });
const statsRow = mutated<StatsColumn>(statsRows, { points: amount, regionAverageCost: amount, averageCost: amount, averageStay: amount, cv: amount, caseCount: count, discussFlag: flag });

describe('buildCatalogFromRows (L8) = the 7c64073 copy', () => {
  it('random mutated real rows: same catalog (and key order), issues and summary', () => {
    fc.assert(
      fc.property(
        fc.array(catalogRow, { maxLength: 25 }),
        fc.array(statsRow, { maxLength: 25 }),
        fc.boolean(),
        fc.constantFrom('pingdingshan', 'plusSlash'),
        fc.option(amount, { nil: undefined }),
        fc.constantFrom('add', 'ignore', undefined),
        (rows, stats, sameCodes, notation, m, statsOnlyRows) => {
          // sameCodes: give the statistics rows the codes of the catalog rows, so that they join
          const st = sameCodes ? stats.map((s, i) => (rows[i] === undefined ? s : { line: s.line, cells: { ...s.cells, code: rows[i]!.cells.code ?? '', ...(i % 2 === 0 ? { points: rows[i]!.cells.points ?? '' } : {}) } })) : stats;
          const input: BuildCatalogInput = {
            meta: { id: 't', name: 't', version: '', ...(m === undefined ? {} : { regionAverageCost: m as never }) },
            notation: notation as 'pingdingshan' | 'plusSlash',
            rows,
            statsRows: st,
            ...(statsOnlyRows === undefined ? {} : { statsOnlyRows: statsOnlyRows as 'add' | 'ignore' }),
          };
          expect(outcome(buildCatalogFromRows, input)).toStrictEqual(outcome(buildCatalogFromRowsV0, input));
        },
      ),
      { seed: 8821, numRuns: 600 },
    );
  });

  it('the whole Pingdingshan catalog with its statistics', () => {
    const input: BuildCatalogInput = { meta: { id: 'pds', name: 'pds', version: '' }, notation: 'pingdingshan', rows: catalogRows, statsRows };
    const a = outcome(buildCatalogFromRows, input) as { result: { issues: Issue[] }; packetsJson: string };
    expect(a).toStrictEqual(outcome(buildCatalogFromRowsV0, input));
    expect(a.result.issues.length).toBeGreaterThan(0); // the statistics-only warnings, at least
  });
});
