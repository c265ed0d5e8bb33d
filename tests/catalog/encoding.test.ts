import { describe, expect, it } from 'vitest';
import { decodeCatalogText, loadCatalog } from '../../src/io/loadCatalog.js';

const DIR = 'fixtures/catalogs';

describe('catalog CSV encodings (UTF-8, UTF-8 BOM + CRLF, GB18030) load identically', () => {
  it('detects the encodings', () => {
    expect(decodeCatalogText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ text: 'A', encoding: 'utf-8' });
    // 病 in GB18030 is B2 A1: invalid UTF-8, so auto-detection falls back to GB18030.
    expect(decodeCatalogText(new Uint8Array([0xb2, 0xa1]))).toEqual({ text: '病', encoding: 'gb18030' });
    expect(decodeCatalogText(new Uint8Array([0xe7, 0x97, 0x85]))).toEqual({ text: '病', encoding: 'utf-8' });
  });

  it('same packets, names (with quoted line breaks), lines and content hash', async () => {
    const utf8 = await loadCatalog(`${DIR}/pds-small.utf8.csv`, { meta: { id: 'small' } });
    const gb = await loadCatalog(`${DIR}/pds-small.gb18030.csv`, { meta: { id: 'small' } });
    const gbForced = await loadCatalog(`${DIR}/pds-small.gb18030.csv`, { meta: { id: 'small' }, encoding: 'gb18030' });
    const bom = await loadCatalog(`${DIR}/pds-small.bom.csv`, { meta: { id: 'small' } });
    expect(utf8.summary).toMatchObject({ rows: 35, accepted: 35, rejected: 0, errors: 0, warnings: 0, packets: 35 });
    expect(utf8.catalog.byCode.get('A03.9')).toMatchObject({ name: '未特指的细菌性痢疾', points: '385.35787', line: 2 });
    expect(utf8.catalog.packets.filter((p) => p.name?.includes('\n'))).toHaveLength(5);
    for (const other of [gb, gbForced, bom]) {
      expect(other.issues).toEqual([]);
      expect(other.catalog.contentHash).toBe(utf8.catalog.contentHash);
      expect(other.catalog.packets).toEqual(utf8.catalog.packets);
    }
  });
});
