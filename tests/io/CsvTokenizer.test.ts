import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvRow } from '../../src/io/index.js';
import { CsvTokenizer, RecordsReadError } from '../../src/io/index.js';

function tokenize(chunks: readonly string[], options: { maxRecordChars?: number } = {}): CsvRow[] {
  const rows: CsvRow[] = [];
  const t = new CsvTokenizer(options);
  for (const c of chunks) t.push(c, (r) => rows.push(r));
  t.end((r) => rows.push(r));
  return rows;
}

function fail(fn: () => unknown): RecordsReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RecordsReadError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('CsvTokenizer', () => {
  it('gives each record its physical start line; quoted line breaks count', () => {
    const rows = tokenize(['h1,h2\r\n', '1,"a\r\nb"\n\n', '2,"x""y"\r3,', '"', '"\n4,5']);
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [1, ['h1', 'h2']],
      [2, ['1', 'a\r\nb']],
      [5, ['2', 'x"y']],
      [6, ['3', '']],
      [7, ['4', '5']],
    ]);
  });

  it('counts physical lines read, with or without a final line break', () => {
    for (const [text, lines] of [['a\nb\n', 2], ['a\nb', 2], ['a\r\n"b\nc"', 3], ['', 0], ['\n\n', 2]] as const) {
      const t = new CsvTokenizer();
      t.push(text, () => undefined);
      t.end(() => undefined);
      expect([text, t.linesRead]).toEqual([text, lines]);
    }
  });

  it('flags characters after a closing quote and keeps them', () => {
    expect(tokenize(['"ab"c,d\n'])).toEqual([{ cells: ['abc', 'd'], line: 1, strayQuote: true }]);
  });

  it('skips blank and white-space-only lines', () => {
    expect(tokenize(['a\n\n  \n\r\nb\n']).map((r) => [r.line, r.cells])).toEqual([
      [1, ['a']],
      [5, ['b']],
    ]);
  });

  it('unclosed quote: fatal, names the line where the quote opened', () => {
    const e = fail(() => tokenize(['a,b\n1,2\n3,"oops\n4,5\n6,7\n']));
    expect([e.code, e.line]).toEqual(['csv.unclosed_quote', 3]);
    const big = fail(() => tokenize(['a\n"', 'x\n'.repeat(100)], { maxRecordChars: 50 }));
    expect([big.code, big.line]).toEqual(['csv.unclosed_quote', 2]);
  });

  it('NUL characters and over-long records are fatal with their line', () => {
    const e = fail(() => tokenize(['a,b\n1,2\n3,', '4\u0000\n']));
    expect([e.code, e.line]).toEqual(['csv.binary', 3]);
    const long = fail(() => tokenize(['a\nb\n', 'x'.repeat(100)], { maxRecordChars: 50 }));
    expect([long.code, long.line]).toEqual(['csv.record_too_long', 3]);
  });

  it('property: any chunking gives the same rows as one chunk (seed 7)', () => {
    const cell = fc.oneof(fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r', ' ', '1') }), fc.constant(''));
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, fc.array(fc.nat(40), { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (rows, cuts, eol) => {
        const quote = (c: string): string => (/[",\r\n]/u.test(c) || c.trim() === '' ? `"${c.replace(/"/gu, '""')}"` : c);
        const text = rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
        const whole = tokenize([text]);
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let prev = 0;
        for (const p of points) {
          chunks.push(text.slice(prev, p));
          prev = p;
        }
        chunks.push(text.slice(prev));
        expect(tokenize(chunks)).toEqual(whole);
        expect(whole.map((r) => r.cells)).toEqual(rows);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
