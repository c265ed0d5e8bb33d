/**
 * `parseCsv` of `src/io/loadCatalog.ts` with the L8 fast path (`parseWellFormedCsv`, csv-parse only for texts it
 * declines) against the frozen csv-parse version of 7c64073 (`tests/io/reference/parseCsvL8.ts`): the same records
 * (cells and start lines) and the same issues (code, line, message), with `toStrictEqual`, on random texts —
 * well-formed CSV built from quoted fields holding commas, quotes, CR, LF and CRLF, unquoted fields, blank and
 * whitespace-only lines, BOMs, every record delimiter, with or without a last delimiter, optionally corrupted at one
 * random place — and on raw random strings of the CSV's special characters; plus the real fixtures (catalog,
 * statistics, procedure classes, hospitals) through `parseCsv` and `toRows`.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/issue.js';
import { CATALOG_HEADER_ALIASES, decodeCatalogText, parseCsv, parseWellFormedCsv, STATS_HEADER_ALIASES, toRows } from '../../src/io/loadCatalog.js';
import { PROCEDURE_CLASS_HEADER_ALIASES } from '../../src/io/loadProcedureClasses.js';
import { parseCsvV0 } from './reference/parseCsvL8.js';

function both(text: string): { fast: unknown; old: unknown; fastPath: boolean } {
  const fi: Issue[] = [];
  const oi: Issue[] = [];
  const fast = parseCsv(text, fi);
  const old = parseCsvV0(text, oi);
  return { fast: { records: fast, issues: fi }, old: { records: old, issues: oi }, fastPath: parseWellFormedCsv(text) !== undefined };
}

const plainChar = fc.constantFrom('a', 'B', '7', ' ', '\t', '中', '\ufeff', '.', ':', 'é', '\u3000', '\u0000');
const quotedChar = fc.constantFrom('a', ' ', ',', '"', '""', '\r', '\n', '\r\n', '中', '\ufeff', '\t');
const plainField = fc.array(plainChar, { maxLength: 6 }).map((cs) => cs.join(''));
const quotedField = fc.array(quotedChar, { maxLength: 8 }).map((cs) => `"${cs.join('').replace(/"/gu, '""')}"`);
const field = fc.oneof({ weight: 3, arbitrary: plainField }, { weight: 2, arbitrary: quotedField });
const record = fc.oneof({ weight: 6, arbitrary: fc.array(field, { minLength: 1, maxLength: 5 }).map((fs) => fs.join(',')) }, { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '""', ' , ') });
const delimiter = fc.constantFrom('\n', '\r\n', '\r');
const wellFormed = fc
  .tuple(fc.array(fc.tuple(record, delimiter), { maxLength: 12 }), fc.boolean(), fc.boolean())
  .map(([rs, lastDelimiter, bom]) => {
    let text = rs.map(([r, d]) => r + d).join('');
    if (!lastDelimiter && rs.length > 0) text = text.slice(0, text.length - rs[rs.length - 1]![1].length);
    // csv-parse keeps a BOM (option `bom` off): before a quote it is an unquoted field's first character.
    return (bom && !text.startsWith('"') ? '\ufeff' : '') + text;
  });
/** One corruption: a character inserted, removed or replaced at a random place. */
const corrupted = fc.tuple(wellFormed, fc.nat(), fc.constantFrom('"', ',', '\r', '\n', 'x', ' ', '', '""')).map(([t, at, c]) => {
  const i = t.length === 0 ? 0 : at % (t.length + 1);
  return at % 3 === 0 ? t.slice(0, i) + c + t.slice(i + 1) : t.slice(0, i) + c + t.slice(i);
});
const rawText = fc.array(fc.constantFrom('a', ',', '"', '\r', '\n', ' ', '\ufeff', '中', '""', '\r\n'), { maxLength: 30 }).map((cs) => cs.join(''));

describe('parseCsv fast path = the csv-parse parseCsv of 7c64073', () => {
  it('well-formed random CSV: same records and issues, and the fast path takes every one', () => {
    fc.assert(
      fc.property(wellFormed, (text) => {
        const r = both(text);
        expect(r.fast).toStrictEqual(r.old);
        expect(r.fastPath).toBe(true);
      }),
      { seed: 8801, numRuns: 4000 },
    );
  });

  it('corrupted CSV (one insertion, deletion or replacement): same records and issues', () => {
    let declined = 0;
    fc.assert(
      fc.property(corrupted, (text) => {
        const r = both(text);
        expect(r.fast).toStrictEqual(r.old);
        if (!r.fastPath) declined += 1;
      }),
      { seed: 8802, numRuns: 4000 },
    );
    expect(declined).toBeGreaterThan(200); // the csv-parse fallback is exercised too
  });

  it('raw random strings of the special characters: same records and issues', () => {
    fc.assert(
      fc.property(rawText, (text) => {
        const r = both(text);
        expect(r.fast).toStrictEqual(r.old);
      }),
      { seed: 8803, numRuns: 4000 },
    );
  });

  it('literal cases, checked by hand', () => {
    expect(parseWellFormedCsv('a,"x\r\ny"\n\nb\n')).toStrictEqual([
      { cells: ['a', 'x\r\ny'], line: 1 },
      { cells: ['b'], line: 4 },
    ]);
    expect(parseWellFormedCsv('"a""b",c\r\nd,')).toStrictEqual([
      { cells: ['a"b', 'c'], line: 1 },
      { cells: ['d', ''], line: 2 },
    ]);
    expect(parseWellFormedCsv('a\r\rb\r')).toStrictEqual([
      { cells: ['a'], line: 1 },
      { cells: ['b'], line: 3 },
    ]);
    expect(parseWellFormedCsv('"x\r"\r\ny')).toStrictEqual([
      { cells: ['x\r'], line: 1 },
      { cells: ['y'], line: 3 },
    ]);
    for (const bad of ['a,b"c\n', '"a"b\n', '"a', ' "a"', '"a" ,b']) expect(parseWellFormedCsv(bad)).toBeUndefined();
    const issues: Issue[] = [];
    expect(parseCsv('a\n"b"x\nc\n', issues)).toStrictEqual(parseCsvV0('a\n"b"x\nc\n', []));
    expect(issues.map((i) => [i.code, i.line])).toStrictEqual([
      ['csv.malformed', 2],
      ['csv.malformed', 3],
    ]);
  });

  it('the real fixtures: same records, issues and rows; the fast path takes them', () => {
    const files: [string, Parameters<typeof toRows>[1], Parameters<typeof toRows>[2]][] = [
      ['fixtures/pingdingshan-2025-dip2/catalog.csv', CATALOG_HEADER_ALIASES, ['code', 'points']],
      ['fixtures/pingdingshan-2025-dip2/packet-stats.csv', STATS_HEADER_ALIASES, ['code']],
      ['fixtures/icd/procedure-classes.csv', PROCEDURE_CLASS_HEADER_ALIASES, ['code', 'class']],
      ['examples/small/hospitals.csv', { id: ['hospital_id'] }, ['id']],
    ];
    for (const [path, aliases, required] of files) {
      const { text } = decodeCatalogText(readFileSync(path));
      const r = both(text);
      expect(r.fastPath).toBe(true);
      expect(r.fast).toStrictEqual(r.old);
      const fi: Issue[] = [];
      const oi: Issue[] = [];
      expect(toRows(parseCsv(text, fi), aliases, required, path, fi)).toStrictEqual(toRows(parseCsvV0(text, oi), aliases, required, path, oi));
      expect(fi).toStrictEqual(oi);
    }
  });
});
