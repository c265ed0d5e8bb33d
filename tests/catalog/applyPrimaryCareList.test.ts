import { describe, expect, it } from 'vitest';
import { applyPrimaryCareList, buildCatalogFromRows } from '../../src/catalog/index.js';

describe('applyPrimaryCareList (基层病种, DIP-RULES §3.1)', () => {
  const { catalog } = buildCatalogFromRows({
    meta: { id: 't', name: 't', version: '1' },
    notation: 'pingdingshan',
    rows: [
      { line: 2, cells: { code: 'A03.9', kind: '1', points: '385.35787' } },
      { line: 3, cells: { code: 'K35.3:47.0100', kind: '1', points: '900' } },
      { line: 4, cells: { code: 'E11:SS', kind: '0', points: '2000' } },
    ],
  });

  it('flags listed core packets, reports the rest, changes the content hash', () => {
    const r = applyPrimaryCareList(catalog, ['K35.3:47.0100', 'E11:SS', 'NOPE', 'K35.3:47.0100']);
    expect(r.flagged).toBe(1);
    expect(r.catalog.byCode.get('K35.3:47.0100')?.isPrimaryCare).toBe(true);
    expect(r.catalog.byCode.get('A03.9')?.isPrimaryCare).toBe(false);
    expect(r.catalog.coreBySubcategory.get('K35.3')?.[0]?.isPrimaryCare).toBe(true);
    expect(r.issues.map((i) => `${i.severity}:${i.code}:${i.line ?? 0}`)).toEqual(['error:catalog.primary_care_kind:2', 'error:catalog.primary_care_unknown:3', 'warning:catalog.primary_care_duplicate:4']);
    expect(r.catalog.contentHash).not.toBe(catalog.contentHash);
    expect(catalog.byCode.get('K35.3:47.0100')?.isPrimaryCare).toBe(false);
  });
});
