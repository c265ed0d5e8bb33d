import { beforeAll, describe, expect, it } from 'vitest';
import { dec } from '../../src/decimal/index.js';
import type { Catalog, ComprehensivePacket, CorePacket, Packet } from '../../src/catalog/index.js';
import type { LoadCatalogResult } from '../../src/io/loadCatalog.js';
import { loadCatalog } from '../../src/io/loadCatalog.js';

const CATALOG = 'fixtures/pingdingshan-2025-dip2/catalog.csv';
const STATS = 'fixtures/pingdingshan-2025-dip2/packet-stats.csv';

let loaded: LoadCatalogResult;
let catalog: Catalog;
/** Packets that come from the 目录 sheet (not the 92 statistics-only rows). */
let fromCatalog: Packet[];

beforeAll(async () => {
  loaded = await loadCatalog(CATALOG, { statsPath: STATS, notation: 'pingdingshan', meta: { id: 'pingdingshan-2025', name: '平顶山2025年DIP2.0分组目录库', version: '2025' } });
  catalog = loaded.catalog;
  fromCatalog = catalog.packets.filter((p) => p.origin === undefined);
});

describe('Pingdingshan 2025 catalog loads (DIP-RULES §3.4)', () => {
  it('as 4,444 catalog packets + 92 statistics-only packets, zero errors', () => {
    expect(loaded.summary).toMatchObject({
      rows: 4444,
      accepted: 4444,
      rejected: 0,
      statsRows: 4536,
      statsJoined: 4444,
      statsOnlyAdded: 92,
      statsIgnored: 0,
      statsRejected: 0,
      packets: 4444 + 92,
      byKind: { core: 3877, comprehensive: 567 + 3, tcm: 0, fallback: 88 + 1 },
      errors: 0,
    });
    expect(catalog.packets).toHaveLength(4536);
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // The only warnings: the ignored statistics columns, and the 3 U07 packets that exist only in the statistics sheet.
    expect(loaded.issues.map((i) => i.code).sort()).toEqual(['catalog.stats_only_packet', 'catalog.stats_only_packet', 'catalog.stats_only_packet', 'header.unknown_column']);
    expect(loaded.issues.filter((i) => i.code === 'catalog.stats_only_packet').map((i) => i.received)).toEqual(['U07:BSZL', 'U07:ZDXCZ', 'U07:ZLXCZ']);
    expect(fromCatalog).toHaveLength(4444);
    expect(catalog.packets.filter((p) => p.origin === 'statistics').map((p) => p.kind).filter((k) => k !== 'fallback')).toEqual(['comprehensive', 'comprehensive', 'comprehensive']);
    expect(catalog.regionAverageCost).toBe('5718.153489');
    expect(catalog.contentHash).toMatch(/^fnv1a64:[0-9a-f]{16}$/u);
  });

  it('core packets: 1,468 conservative, 1,901 principal-only, 508 with related (366/105/27/8/2)', () => {
    const core = fromCatalog.filter((p): p is CorePacket => p.kind === 'core');
    expect(core).toHaveLength(3877);
    expect(core.filter((p) => p.main.length === 0)).toHaveLength(1468);
    expect(core.filter((p) => p.main.length === 1 && p.related.length === 0)).toHaveLength(1901);
    const withRelated = core.filter((p) => p.related.length > 0);
    expect(withRelated).toHaveLength(508);
    const byN = [1, 2, 3, 4, 5].map((n) => withRelated.filter((p) => p.related.length === n).length);
    expect(byN).toEqual([366, 105, 27, 8, 2]);
    expect(core.every((p) => p.related.every((g) => g.length === 1))).toBe(true);
  });

  it('1,615 distinct subcategories; 147 without a conservative packet; 90 ending in .x', () => {
    const keys = [...catalog.coreBySubcategory.keys()];
    expect(keys).toHaveLength(1615);
    expect(keys.filter((k) => !(catalog.coreBySubcategory.get(k) ?? []).some((p) => p.main.length === 0))).toHaveLength(147);
    expect(keys.filter((k) => k.endsWith('.x'))).toHaveLength(90);
    expect(catalog.coreOther).toHaveLength(0);
  });

  it('58 related-procedure packets have no principal-only sibling; 279 (subcategory, principal) pairs carry > 1 packet', () => {
    const core = fromCatalog.filter((p): p is CorePacket => p.kind === 'core' && p.main.length === 1);
    const pair = (p: CorePacket) => `${p.dx.kind === 'subcategory' ? p.dx.key : ''}:${p.main[0]?.code ?? ''}`;
    const principalOnly = new Set(core.filter((p) => p.related.length === 0).map(pair));
    expect(core.filter((p) => p.related.length > 0 && !principalOnly.has(pair(p)))).toHaveLength(58);
    const counts = new Map<string, number>();
    for (const p of core) counts.set(pair(p), (counts.get(pair(p)) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n > 1)).toHaveLength(279);
    expect(catalog.byCode.has('C34.9:32.4100_33.3903')).toBe(true);
    expect(catalog.byCode.has('C34.9:32.4100')).toBe(false);
  });

  it('comprehensive: 567 packets over 395 categories, SS 293, ZLXCZ 138, ZDXCZ 100, BSZL 36; 280/62/49/4 categories by group count', () => {
    const comp = fromCatalog.filter((p): p is ComprehensivePacket => p.kind === 'comprehensive');
    expect(comp).toHaveLength(567);
    const byGroup = (g: string) => comp.filter((p) => p.group === g).length;
    expect([byGroup('surgery'), byGroup('therapeutic'), byGroup('diagnostic'), byGroup('conservative')]).toEqual([293, 138, 100, 36]);
    expect(comp.every((p) => p.main.length === 0 && p.related.length === 0)).toBe(true);
    const cats = new Map<string, number>();
    for (const p of comp) if (p.dx.kind === 'category') cats.set(p.dx.key, (cats.get(p.dx.key) ?? 0) + 1);
    expect(cats.size).toBe(395);
    expect([1, 2, 3, 4].map((n) => [...cats.values()].filter((c) => c === n).length)).toEqual([280, 62, 49, 4]);
    expect([...cats.keys()].some((k) => k.startsWith('U'))).toBe(false);
    // The three statistics-only U07 packets join the comprehensive index.
    expect((catalog.comprehensiveByCategory.get('U07') ?? []).map((p) => p.code)).toEqual(['U07:BSZL', 'U07:ZDXCZ', 'U07:ZLXCZ']);
  });

  it('normalises the one upper-case code and every X', () => {
    const p = catalog.byCode.get('C56.x:68.4901_40.5910+54.4x00x007+65.6100');
    expect(p?.dx).toEqual({ kind: 'subcategory', key: 'C56.x' });
    expect(p?.related.map((g) => g[0]?.code)).toEqual(['40.5910', '54.4x00x007', '65.6100']);
    expect(catalog.byCode.get('A09.9:44.1300x001')?.main).toEqual([{ code: '44.1300x001', isShort: false }]);
    const parts = catalog.packets.flatMap((q) => [q.dx.kind === 'subcategory' || q.dx.kind === 'category' ? q.dx.key : '', ...q.main.map((r) => r.code), ...q.related.flat().map((r) => r.code)]);
    expect(parts.filter((c) => /X/u.test(c.slice(1)))).toEqual([]);
  });

  it('numbers rows by their physical start line, across 610 quoted line breaks', () => {
    expect(catalog.byCode.get('A03.9')?.line).toBe(2);
    expect(catalog.byCode.get('Z98:ZLXCZ')?.line).toBe(5342);
    expect(catalog.byCode.get('Z98:ZLXCZ')?.name).toBe('其他手术后\n状态');
  });

  it('keeps every catalog point string exactly as published (4,018 at 6 dp, 380 at 5, 40 at 4, 6 at 3)', () => {
    const scale = (s: string) => (s.split('.')[1] ?? '').length;
    expect([6, 5, 4, 3].map((n) => fromCatalog.filter((p) => scale(p.points) === n).length)).toEqual([4018, 380, 40, 6]);
    const sorted = fromCatalog.map((p) => dec(p.points)).sort((a, b) => a.cmp(b));
    expect(sorted[0]?.toFixed()).toBe('174.059291');
    expect(sorted[sorted.length - 1]?.toFixed()).toBe('27280.442645');
  });
});

describe('statistics joined (DIP-RULES §3.4, §5.12)', () => {
  it.each([
    ['A03.9', '2203.535449', '385.35787'],
    ['G45.9:88.4101', '7617.038868', '1332.080169'],
    ['M12:SS', '11059.619479', '1934.124276'],
    ['N18.5:38.9502_39.9500', '12038.612786', '2105.332221'],
    ['I21.0:36.0700_00.2400x001+00.6600x004', '44270.149218', '7742.035835'],
    ['KBBZ', '8493.487397', '1485.354916'],
    ['CP01:SS', '5718.153489', '1000'],
    ['CP22:BSZL', '5718.153489', '1000'],
  ])('%s: average cost %s, points %s', (code, avg, points) => {
    const p = catalog.byCode.get(code);
    expect(p?.averageCost).toBe(avg);
    expect(p?.points).toBe(points);
  });

  it('G45.9:88.4101 carries LOS, CV, case count and discuss flag', () => {
    expect(catalog.byCode.get('G45.9:88.4101')).toMatchObject({ averageStay: '9.046312', cv: '0.253212', caseCount: 151, discussFlag: false, line: expect.any(Number) as number });
  });

  it('KBBZ is the blank packet: 23,605 cases, CV 1.114…', () => {
    const k = catalog.byCode.get('KBBZ');
    expect(k).toMatchObject({ kind: 'fallback', fallbackType: 'blankPacket', dx: { kind: 'any' }, caseCount: 23605 });
    expect(k?.cv?.startsWith('1.114')).toBe(true);
  });

  it('88 chapter packets: 22 chapters × 4 groups, 1,000 points each, average cost M', () => {
    const cps = catalog.fallbacks.filter((p) => p.fallbackType === 'chapterPacket');
    expect(cps).toHaveLength(88);
    expect(new Set(cps.map((p) => p.chapter)).size).toBe(22);
    expect(cps.every((p) => p.points === '1000' && p.averageCost === '5718.153489' && p.discussFlag === true)).toBe(true);
    expect(catalog.byCode.get('CP08:ZDXCZ')).toMatchObject({ chapter: '08', group: 'diagnostic', dx: { kind: 'set', items: [{ kind: 'range', from: 'H60', to: 'H95' }] } });
  });

  it('DISCUSS_FLAG on 231 rows; CV > 1 on 140', () => {
    expect(catalog.packets.filter((p) => p.discussFlag === true)).toHaveLength(231);
    expect(catalog.packets.filter((p) => p.cv !== undefined && dec(p.cv).gt(1))).toHaveLength(140);
  });

  it('points identity: |points − averageCost / M × 1000| ≤ 0.000002 for all 4,536 packets (§5.12)', () => {
    const m = dec('5718.153489');
    const off = catalog.packets.filter((p) => p.averageCost === undefined || dec(p.points).minus(dec(p.averageCost).div(m).times(1000)).abs().gt('0.000002'));
    expect(off.map((p) => p.code)).toEqual([]);
  });
});
