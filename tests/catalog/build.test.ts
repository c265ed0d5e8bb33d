import { describe, expect, it } from 'vitest';
import { buildCatalogFromRows } from '../../src/catalog/index.js';
import type { CatalogColumn, SourceRow, StatsColumn } from '../../src/catalog/index.js';

const meta = { id: 't', name: 'test', version: '1' };
const row = (line: number, cells: SourceRow<CatalogColumn>['cells']): SourceRow<CatalogColumn> => ({ line, cells });
const pds = (line: number, code: string, kind: string, points: string, extra: Partial<Record<CatalogColumn, string>> = {}) => row(line, { code, kind, points, ...extra });

describe('buildCatalogFromRows validation (DIP-RULES §3.4)', () => {
  const rows = [
    pds(2, 'A03.9', '1', '385.35787', { dx: 'A03.9', main: '', related: '' }),
    pds(3, 'A09.9:44.1300x001_45.2302', '1', '676.623535', { dx: 'A09.9', main: '44.1300X001', related: '45.2302' }),
    pds(4, 'E11:SS', '0', '2000', { dx: 'E11' }),
    pds(5, 'E11:BSZL', '2', '900.5', { dx: 'E11' }),
    pds(6, 'A03.9', '1', '385.35787'), // duplicate
    pds(7, 'A03.9:', '1', '1'), // malformed code
    pds(9, 'K35.3', '1', '-1'), // negative points
    pds(10, 'K35.2', '1', ''), // missing points
    pds(11, 'K35.1', '0', '100'), // kind says comprehensive, code is core
    pds(12, 'K35.8', '1', '100', { dx: 'K35.9' }), // dx column disagrees (warning, code authoritative)
    pds(13, 'K35.8:47.0100', '1', '1e3'), // exponent
    pds(14, 'E12:SS', '7', '10'), // unknown kind
    pds(15, '', '1', '10'), // no code
  ];
  const r = buildCatalogFromRows({ meta, notation: 'pingdingshan', rows });
  const at = (line: number) => r.issues.filter((i) => i.line === line).map((i) => `${i.severity}:${i.code}:${i.column ?? ''}`);

  it('keeps the good rows and counts reconcile', () => {
    expect(r.catalog.packets.map((p) => p.code)).toEqual(['A03.9', 'A09.9:44.1300x001_45.2302', 'E11:SS', 'E11:BSZL', 'K35.8']);
    expect(r.summary).toMatchObject({ rows: 13, accepted: 5, rejected: 8, packets: 5 });
    expect(r.summary.accepted + r.summary.rejected).toBe(r.summary.rows);
    expect(r.catalog.byCode.get('E11:BSZL')).toMatchObject({ kind: 'comprehensive', group: 'conservative', points: '900.5' });
  });

  it('names line, column and code of every bad row', () => {
    expect(at(6)).toEqual(['error:catalog.duplicate_code:code']);
    expect(at(7)).toEqual(['error:notation.empty_token:code']);
    expect(at(9)).toEqual(['error:decimal.negative:points']);
    expect(at(10)).toEqual(['error:catalog.missing_points:points']);
    expect(at(11)).toEqual(['error:catalog.kind_mismatch:kind']);
    expect(at(12)).toEqual(['warning:catalog.column_mismatch:dx']);
    expect(at(13)).toEqual(['error:decimal.exponent:points']);
    expect(at(14)).toEqual(['error:catalog.kind:kind']);
    expect(at(15)).toEqual(['error:catalog.missing_code:code']);
    expect(r.issues.find((i) => i.line === 6)?.message).toContain('first on line 2');
    expect(r.summary.errors).toBe(8);
    expect(r.summary.warnings).toBe(1);
  });

  it('cross-checks code parts against the columns case-insensitively', () => {
    const ok = buildCatalogFromRows({ meta, notation: 'pingdingshan', rows: [pds(2, 'C56.X:68.4901_40.5910+54.4x00x007+65.6100', '1', '1', { dx: 'C56.X', main: '68.4901', related: '40.5910,54.4X00X007,65.6100' })] });
    expect(ok.issues).toEqual([]);
    const bad = buildCatalogFromRows({ meta, notation: 'pingdingshan', rows: [pds(2, 'C56.x:68.4901_40.5910', '1', '1', { dx: 'C56.x', main: '68.4902', related: '40.5910,65.6100' })] });
    expect(bad.issues.map((i) => `${i.code}:${i.column ?? ''}:${i.line ?? 0}`)).toEqual(['catalog.column_mismatch:main:2', 'catalog.column_mismatch:related:2']);
  });

  it('joins statistics, reports WEIGHT_SCORE disagreements, adds CPnn/KBBZ and statistics-only packets', () => {
    const stats: SourceRow<StatsColumn>[] = [
      { line: 2, cells: { code: 'A03.9', points: '385.35787', averageCost: '2203.535449', regionAverageCost: '5718.153489', averageStay: '6.057692', cv: '0.597937', caseCount: '54', discussFlag: '0' } },
      { line: 3, cells: { code: 'E11:SS', points: '2000.000001', averageCost: '11436.306', regionAverageCost: '5718.153489' } },
      { line: 4, cells: { code: 'CP04:SS', points: '1000', averageCost: '5718.153489', regionAverageCost: '5718.153489', discussFlag: '1' } },
      { line: 5, cells: { code: 'KBBZ', points: '1485.354916', averageCost: '8493.487397', regionAverageCost: '5718.153489', caseCount: '23605' } },
      { line: 6, cells: { code: 'U07:BSZL', points: '1216.798883', averageCost: '6957.842776', regionAverageCost: '5718.153489' } },
      { line: 7, cells: { code: 'K35.3', points: 'abc', averageCost: '1' } },
      { line: 8, cells: { code: 'A03.9', points: '385.35787' } },
      { line: 9, cells: { code: 'E11:BSZL', points: '900.5', caseCount: '1.5' } },
    ];
    const s = buildCatalogFromRows({ meta, notation: 'pingdingshan', rows: rows.slice(0, 4), statsRows: stats });
    expect(s.summary).toMatchObject({ statsRows: 8, statsJoined: 2, statsOnlyAdded: 3, statsRejected: 3, statsIgnored: 0 });
    expect(s.summary.statsJoined + s.summary.statsOnlyAdded + s.summary.statsRejected + s.summary.statsIgnored).toBe(s.summary.statsRows);
    expect(s.catalog.byCode.get('A03.9')).toMatchObject({ averageCost: '2203.535449', averageStay: '6.057692', cv: '0.597937', caseCount: 54, discussFlag: false });
    expect(s.catalog.byCode.get('E11:SS')?.points).toBe('2000');
    expect(s.catalog.byCode.get('CP04:SS')).toMatchObject({ kind: 'fallback', fallbackType: 'chapterPacket', chapter: '04', group: 'surgery', points: '1000', discussFlag: true });
    expect(s.catalog.byCode.get('U07:BSZL')).toMatchObject({ kind: 'comprehensive', group: 'conservative', points: '1216.798883' });
    expect(s.catalog.regionAverageCost).toBe('5718.153489');
    expect(s.issues.map((i) => `${i.severity}:${i.code}:${i.line ?? 0}`)).toEqual([
      'warning:catalog.stats_points_mismatch:3',
      'warning:catalog.stats_only_packet:6',
      'error:decimal.not_a_number:7',
      'error:catalog.stats_duplicate_code:8',
      'error:catalog.case_count:9',
    ]);
  });

  it('statsOnlyRows: ignore skips statistics-only rows with a warning each', () => {
    const s = buildCatalogFromRows({ meta, notation: 'pingdingshan', rows: rows.slice(0, 1), statsOnlyRows: 'ignore', statsRows: [{ line: 2, cells: { code: 'KBBZ', points: '1' } }] });
    expect(s.summary).toMatchObject({ statsIgnored: 1, packets: 1 });
    expect(s.issues.map((i) => i.code)).toEqual(['catalog.stats_only_ignored']);
  });
});

describe('other notations through the generic columns (DIP-RULES §3.3)', () => {
  it('plusSlash: main any-of, related groups; primary-care flag', () => {
    const r = buildCatalogFromRows({
      meta,
      notation: 'plusSlash',
      rows: [
        row(2, { code: 'AA2', kind: 'core', dx: '所有诊断', main: '37.5100/37.5100x001', points: '50000', layer: 'preGroup' }),
        row(3, { code: 'K35.3:47.0100', kind: '基层病种', dx: 'K35.3', main: '47.0100+54.2100/54.2101', points: '900' }),
        row(4, { code: 'C34', kind: 'comprehensive', group: '相关手术组', dx: 'C34', points: '5000' }),
      ],
    });
    expect(r.issues).toEqual([]);
    expect(r.catalog.byCode.get('AA2')).toMatchObject({ dx: { kind: 'any' }, main: [{ code: '37.5100', isShort: false }, { code: '37.5100x001', isShort: false }], related: [], layer: 'preGroup' });
    expect(r.catalog.byCode.get('K35.3:47.0100')).toMatchObject({ isPrimaryCare: true, main: [{ code: '47.0100' }], related: [[{ code: '54.2100' }, { code: '54.2101' }]] });
    expect(r.catalog.coreOther.map((p) => p.code)).toEqual(['AA2']);
    expect(r.catalog.comprehensiveByCategory.get('C34')?.[0]?.group).toBe('surgery');
  });
  it('commaAll and dip3 main/related columns', () => {
    const c = buildCatalogFromRows({ meta, notation: 'commaAll', rows: [row(2, { code: 'C34.1:32.4100', dx: 'C34.1', main: '32.4100,33.3903', points: '1' })] });
    expect(c.catalog.byCode.get('C34.1:32.4100')).toMatchObject({ main: [{ code: '32.4100' }], related: [[{ code: '33.3903' }]] });
    const d = buildCatalogFromRows({
      meta,
      notation: 'dip3',
      rows: [
        row(2, { code: 'BX-332', kind: 'core', layer: 'merge', dx: 'D18.0', main: '21.0300x003|21.0300x004|21.0302', points: '1' }),
        row(3, { code: 'A17+-1', dx: 'A17+', points: '1' }),
        row(4, { code: 'BX-1', kind: 'core', dx: 'I83', main: '38.5900x010+38.5901|38.5903', points: '1' }),
      ],
    });
    expect(d.catalog.byCode.get('BX-332')).toMatchObject({ layer: 'merge', main: [{ code: '21.0300x003' }, { code: '21.0300x004' }, { code: '21.0302' }] });
    expect(d.catalog.byCode.get('A17+-1')).toMatchObject({ kind: 'comprehensive', group: 'conservative', dx: { kind: 'category', key: 'A17', mark: 'dagger' } });
    expect(d.issues.map((i) => `${i.code}:${i.line ?? 0}:${i.column ?? ''}`)).toEqual(['notation.dnf_unsupported:4:main']);
    expect(d.summary).toMatchObject({ accepted: 2, rejected: 1 });
  });
  it('validates auxiliary subtypes given as a JSON cell', () => {
    const aux = JSON.stringify([{ id: 'age-0-28d', type: 'age', condition: { kind: 'ageDays', max: { value: 28, inclusive: true } }, coefficient: '1.25' }]);
    const ok = buildCatalogFromRows({ meta, notation: 'plusSlash', rows: [row(2, { code: 'P07.3', dx: 'P07.3', points: '1', auxSubtypes: aux })] });
    expect(ok.catalog.byCode.get('P07.3')?.auxSubtypes?.[0]?.coefficient).toBe('1.25');
    const bad = buildCatalogFromRows({ meta, notation: 'plusSlash', rows: [row(2, { code: 'P07.3', dx: 'P07.3', points: '1', auxSubtypes: '[{"id":"x","type":"age","condition":{"kind":"eval"},"coefficient":"1"}]' })] });
    expect(bad.issues[0]).toMatchObject({ code: 'catalog.aux_subtype', line: 2, column: 'auxSubtypes' });
    expect(bad.summary.rejected).toBe(1);
  });
});
