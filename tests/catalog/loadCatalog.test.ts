import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogLoadError, loadCatalog } from '../../src/io/loadCatalog.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dip-load-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text, 'utf8');
  return p;
};

describe('loadCatalog failure modes', () => {
  it('throws CatalogLoadError only when the file cannot be read or no required column maps', async () => {
    await expect(loadCatalog(join(dir, 'missing.csv'))).rejects.toBeInstanceOf(CatalogLoadError);
    await expect(loadCatalog(file('nohead.csv', 'foo,bar\n1,2\n'))).rejects.toThrow(/code, points/u);
    await expect(loadCatalog(file('empty.csv', ''))).rejects.toBeInstanceOf(CatalogLoadError);
  });

  it('a broken CSV record is an issue; the records before it load', async () => {
    const p = file('broken.csv', '病种编码,病种类型,病种分值\nA03.9,1,385.35787\nA04.9,1,"385.1"x\n');
    const r = await loadCatalog(p);
    expect(r.catalog.packets.map((q) => q.code)).toEqual(['A03.9']);
    expect(r.issues.map((i) => i.code)).toContain('csv.malformed');
    expect(r.summary.errors).toBeGreaterThan(0);
  });

  it('a JSON syntax error is an issue, not an exception', async () => {
    const r = await loadCatalog(file('bad.json', '{"format": '));
    expect(r.issues.map((i) => i.code)).toEqual(['catalog.json_syntax']);
    expect(r.catalog.packets).toEqual([]);
  });

  it('reads English headers with the plusSlash notation by default', async () => {
    const p = file('en.csv', 'code,kind,dx,main,related,points\nK35.3:47.0100,core,K35.3,47.0100,54.2100/54.2101,900\nK35:SS,comprehensive,K35,,,1200\n');
    const r = await loadCatalog(p);
    expect(r.issues).toEqual([]);
    expect(r.catalog.byCode.get('K35.3:47.0100')?.related).toEqual([[{ code: '54.2100', isShort: false }, { code: '54.2101', isShort: false }]]);
    expect(r.catalog.byCode.get('K35:SS')).toMatchObject({ kind: 'comprehensive', group: 'surgery', line: 3 });
  });
});
