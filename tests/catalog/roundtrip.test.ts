import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogFromJson, catalogToJson, indexCatalog } from '../../src/catalog/index.js';
import type { Catalog, Packet } from '../../src/catalog/index.js';
import type { Points, Ratio, Yuan } from '../../src/decimal/index.js';
import { loadCatalog, writeCatalogCsv, writeCatalogJson } from '../../src/io/loadCatalog.js';

let catalog: Catalog;
let dir: string;
const strip = (ps: readonly Packet[]) => ps.map((p) => ({ ...p, line: undefined }));

beforeAll(async () => {
  catalog = (
    await loadCatalog('fixtures/pingdingshan-2025-dip2/catalog.csv', {
      statsPath: 'fixtures/pingdingshan-2025-dip2/packet-stats.csv',
      meta: { id: 'pds-2025', name: '平顶山 2025', version: '2025' },
    })
  ).catalog;
  dir = mkdtempSync(join(tmpdir(), 'dip-catalog-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('catalog JSON and canonical CSV round-trip', () => {
  it('JSON in memory: same packets and content hash', () => {
    const back = catalogFromJson(JSON.parse(JSON.stringify(catalogToJson(catalog))));
    expect(back.issues).toEqual([]);
    expect(back.catalog.contentHash).toBe(catalog.contentHash);
    expect(back.catalog.packets).toEqual(catalog.packets);
    expect(back.catalog.regionAverageCost).toBe('5718.153489');
    expect(back.summary).toMatchObject({ rows: 4536, accepted: 4536, packets: 4536 });
  });

  it('JSON file and canonical CSV file re-read to the same content hash', async () => {
    await writeCatalogJson(catalog, join(dir, 'c.json'));
    await writeCatalogCsv(catalog, join(dir, 'c.csv'));
    const j = await loadCatalog(join(dir, 'c.json'));
    expect(j.issues).toEqual([]);
    expect(j.catalog.contentHash).toBe(catalog.contentHash);
    const c = await loadCatalog(join(dir, 'c.csv'));
    expect(c.issues).toEqual([]);
    expect(c.summary).toMatchObject({ rows: 4536, accepted: 4536, errors: 0 });
    expect(strip(c.catalog.packets)).toEqual(strip(catalog.packets));
    expect(c.catalog.contentHash).toBe(catalog.contentHash);
  });

  it('auxiliary subtypes and primary-care flags survive both formats', async () => {
    const p: Packet = {
      code: 'P07.3', kind: 'core', isPrimaryCare: true, points: '1234.5' as Points, averageCostByLevel: { '3': '8000.12' as Yuan, '2': '6000' as Yuan }, dx: { kind: 'subcategory', key: 'P07.3' }, main: [], related: [],
      auxSubtypes: [
        { id: 'icu-2-7', type: 'icu', condition: { kind: 'icuDays', min: { value: '2', inclusive: true }, max: { value: '7', inclusive: true } }, coefficient: '1.3' as Ratio },
        { id: 'II', type: 'severity', condition: { kind: 'all', conditions: [{ kind: 'secondaryDx', codes: [{ kind: 'range', from: 'J96', to: 'J96' }], excludeWhenPrincipalIn: [{ kind: 'prefix', prefix: 'J96' }] }, { kind: 'not', condition: { kind: 'death' } }] }, coefficient: '1.1' as Ratio },
      ],
    };
    const small = indexCatalog({ id: 's', name: 's', version: '1' }, [p]);
    await writeCatalogCsv(small, join(dir, 's.csv'));
    const back = await loadCatalog(join(dir, 's.csv'));
    expect(back.issues).toEqual([]);
    expect(back.catalog.contentHash).toBe(small.contentHash);
    expect(catalogFromJson(JSON.parse(JSON.stringify(catalogToJson(small)))).catalog.packets).toEqual([p]);
  });

  it('a bad packet in JSON is reported by path and skipped; the others load; a stale hash warns', () => {
    const doc = JSON.parse(JSON.stringify(catalogToJson(catalog))) as { packets: Record<string, unknown>[]; contentHash: string };
    doc.packets[3] = { ...doc.packets[3], points: '-1' };
    doc.packets[5] = { ...doc.packets[5], kind: 'weird' };
    const r = catalogFromJson(doc);
    expect(r.summary).toMatchObject({ rows: 4536, accepted: 4534, rejected: 2, packets: 4534 });
    expect(r.issues.map((i) => [i.severity, i.code, i.path?.slice(0, 2)])).toEqual([
      ['error', 'catalog.json_invalid', ['packets', 3]],
      ['error', 'catalog.json_invalid', ['packets', 5]],
      ['warning', 'catalog.hash_mismatch', ['contentHash']],
    ]);
    expect(catalogFromJson({ format: 'other' }).summary.errors).toBeGreaterThan(0);
  });
});
