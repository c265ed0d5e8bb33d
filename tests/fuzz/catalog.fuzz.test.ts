/**
 * Fuzzing of the catalog path of `loadCatalog` (src/io/loadCatalog.ts): `decodeCatalogText` → `parseCsv` →
 * `toRows` → `buildCatalogFromRows`, the same steps `loadCatalog` runs on a CSV file, plus `loadCatalog` itself
 * on temporary files (CSV and JSON documents).
 *
 * Guarantees checked:
 * 1. No crash: bad content never throws anything but `CatalogLoadError` (documented: only an empty file or a
 *    header without the required columns); everything else is an issue.
 * 2. Counts reconcile: `summary.rows = accepted + rejected`, one source row per non-blank data record.
 * 3. Truncation (every 13th byte of the UTF-8, BOM and GB18030 fixtures, inside quotes and multi-byte characters):
 *    at least as many rows are accepted as there were complete original rows before the cut.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { Issue } from '../../src/core/issue.js';
import { buildCatalogFromRows } from '../../src/catalog/buildCatalogFromRows.js';
import type { BuildCatalogResult, CatalogNotation } from '../../src/catalog/buildCatalogFromRows.js';
import { CATALOG_HEADER_ALIASES, CatalogLoadError, decodeCatalogText, loadCatalog, parseCsv, toRows } from '../../src/io/loadCatalog.js';
import { concat, utf8 } from './helpers.js';

const SEED = 777;
const FIX = 'fixtures/catalogs';
const FILES = {
  utf8: new Uint8Array(readFileSync(`${FIX}/pds-small.utf8.csv`)),
  bom: new Uint8Array(readFileSync(`${FIX}/pds-small.bom.csv`)),
  gb18030: new Uint8Array(readFileSync(`${FIX}/pds-small.gb18030.csv`)),
};
const HEADER = new TextDecoder().decode(FILES.utf8).split('\n')[0] as string;

/** The pure CSV path of `loadCatalog`; `undefined` when it threw the documented `CatalogLoadError`. */
function build(bytes: Uint8Array, notation: CatalogNotation = 'pingdingshan'): { built: BuildCatalogResult; records: number } | undefined {
  try {
    const { text } = decodeCatalogText(bytes);
    const issues: Issue[] = [];
    const records = parseCsv(text, issues);
    const rows = toRows(records, CATALOG_HEADER_ALIASES, ['code', 'points'], 'fuzz.csv', issues);
    const built = buildCatalogFromRows({ meta: { id: 'fuzz', name: 'fuzz', version: '' }, notation, rows });
    expect(built.summary.rows).toBe(built.summary.accepted + built.summary.rejected);
    expect(built.summary.rows).toBe(records.length - 1);
    expect(built.catalog.packets.length).toBeLessThanOrEqual(built.summary.accepted);
    return { built, records: records.length };
  } catch (e) {
    if (e instanceof CatalogLoadError) return undefined;
    throw e;
  }
}

describe('fuzz catalog CSV path: no crash, counts reconcile', () => {
  const cellText = fc.string({ unit: fc.constantFrom(',', '"', '\n', '\r', ' ', 'A', '0', '9', '.', '+', '/', ':', '，', '中', '\0', '𠀀', '-', 'e', 'x'), maxLength: 40 });

  test.prop([fc.uint8Array({ maxLength: 2000 }), fc.boolean(), fc.constantFrom<CatalogNotation>('pingdingshan', 'plusSlash', 'commaAll', 'dip3')], { seed: SEED, numRuns: 300 })(
    'random bytes, alone or after a valid header, in every notation',
    (body, withHeader, notation) => {
      build(withHeader ? concat([utf8(`${HEADER}\n`), body]) : body, notation);
    },
  );

  test.prop([fc.array(cellText, { maxLength: 600 }), fc.constantFrom<CatalogNotation>('pingdingshan', 'plusSlash', 'commaAll', 'dip3')], { seed: SEED, numRuns: 300 })(
    'CSV-like text after a valid header (quotes, line breaks, NUL, full-width punctuation)',
    (cells, notation) => {
      build(utf8(`${HEADER}\n${cells.join(',')}`), notation);
    },
  );

  test.prop([fc.integer({ min: 0, max: FILES.utf8.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.constantFrom('utf8', 'bom', 'gb18030' as const)], { seed: SEED, numRuns: 120 })(
    'one byte of a fixture replaced by any byte',
    (at, byte, which) => {
      const bytes = FILES[which].slice();
      bytes[at % bytes.length] = byte;
      build(bytes);
    },
  );

  it('a 1 MB cell and a GB18030 row inside a UTF-8 catalog: issues, no crash', () => {
    const lines = new TextDecoder().decode(FILES.utf8).split('\n');
    lines.splice(3, 0, `99,A99.9,1,A99.9,${'名'.repeat(1 << 19)},,,,,100`);
    const huge = build(utf8(lines.join('\n')));
    expect(huge?.built.summary.rows).toBeGreaterThan(0);
    const gbRow = FILES.gb18030.subarray(FILES.gb18030.indexOf(0x0a) + 1);
    // not valid UTF-8 as a whole → the file is decoded as GB18030, its UTF-8 Chinese header becomes mojibake and
    // the whole file fails with the documented CatalogLoadError (no required column maps); nothing else escapes
    expect(build(concat([FILES.utf8, gbRow]))).toBeUndefined();
  });
});

describe('fuzz catalog CSV path: truncation never loses a complete row', () => {
  for (const [name, bytes] of Object.entries(FILES)) {
    it(`${name}: cut at every 13th byte`, () => {
      const text = decodeCatalogText(bytes).text;
      const records = parseCsv(text, []);
      const full = build(bytes);
      expect(full?.built.summary.rejected).toBe(0);
      // byte offset at which each record ends = start of the next record's line in the encoded file
      const lineStarts = [0];
      for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) lineStarts.push(i + 1);
      const ends = records.slice(1).map((r, i) => {
        const next = records[i + 2];
        return next === undefined ? bytes.length : (lineStarts[next.line - 1] as number);
      });
      expect(ends.length).toBe(full?.built.summary.rows);
      for (let p = 0; p <= bytes.length; p += 13) {
        const cut = build(bytes.subarray(0, p));
        if (cut === undefined) {
          // the file fails as a whole (CatalogLoadError) only when empty, when the header is cut (required columns
          // missing), or — auto-detected UTF-8 without BOM — when the cut splits a multi-byte character: the bytes
          // are then not valid UTF-8, the file is decoded as GB18030 and no header name maps
          const splitsUtf8Char = name === 'utf8' && ((bytes[p] as number) & 0xc0) === 0x80;
          expect(p <= (lineStarts[1] as number) + 1 || splitsUtf8Char).toBe(true);
          continue;
        }
        const complete = ends.filter((e) => e <= p).length;
        expect(cut.built.summary.accepted).toBeGreaterThanOrEqual(complete);
      }
    });
  }
});

describe('fuzz loadCatalog on files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dip-fuzz-catalog-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const json = fc.jsonValue({ maxDepth: 4 });

  test.prop([fc.oneof(json.map((v) => `{"packets": ${JSON.stringify(v)}}`), json.map((v) => JSON.stringify(v)), fc.string({ maxLength: 200 }).map((s) => `{${s}`)), fc.boolean()], { seed: SEED, numRuns: 60 })(
    'JSON documents (random values, a random `packets` member, broken JSON): issues, never a crash',
    async (text, asJson) => {
      const path = join(dir, `c${n++}.${asJson ? 'json' : 'csv'}`);
      writeFileSync(path, text);
      try {
        const r = await loadCatalog(path);
        expect(Array.isArray(r.issues)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(CatalogLoadError);
      }
    },
  );

  it('an empty file and a missing file: CatalogLoadError', async () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    await expect(loadCatalog(empty)).rejects.toBeInstanceOf(CatalogLoadError);
    await expect(loadCatalog(join(dir, 'missing.csv'))).rejects.toBeInstanceOf(CatalogLoadError);
  });
});
