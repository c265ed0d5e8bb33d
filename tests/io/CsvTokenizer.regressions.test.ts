/** Regressions found by the reader fuzzing (tests/fuzz). */
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../../src/io/CsvTokenizer.js';
import { RecordsReadError } from '../../src/io/RecordsReadError.js';

const lineOf = (f: () => void): number | undefined => {
  try {
    f();
  } catch (e) {
    if (e instanceof RecordsReadError) return e.line;
    throw e;
  }
  return undefined;
};

describe('CsvTokenizer regressions', () => {
  it('a CRLF split between two chunks counts as one line break when a NUL is found (line 3, not 4)', () => {
    const t = new CsvTokenizer();
    const rows: number[] = [];
    t.push('h\r\nr1\r', (r) => rows.push(r.line));
    expect(lineOf(() => t.push('\nr2\0\r\n', (r) => rows.push(r.line)))).toBe(3);
  });
  it('maxRecordChars holds for a record that arrives inside one chunk, as for one spread over chunks', () => {
    const one = new CsvTokenizer({ maxRecordChars: 10 });
    expect(lineOf(() => one.push(`a,b\n${'y'.repeat(50)}\nc,d\n`, () => undefined))).toBe(2);
    const many = new CsvTokenizer({ maxRecordChars: 10 });
    expect(lineOf(() => {
      many.push('a,b\n', () => undefined);
      for (let k = 0; k < 10; k++) many.push('yyyyy', () => undefined);
      many.push('\nc,d\n', () => undefined);
    })).toBe(2);
  });
  it('records within the limit still pass', () => {
    const t = new CsvTokenizer({ maxRecordChars: 10 });
    const rows: string[][] = [];
    t.push('a,b\nyyyyyyyyy\n', (r) => rows.push([...r.cells]));
    t.end((r) => rows.push([...r.cells]));
    expect(rows).toEqual([['a', 'b'], ['yyyyyyyyy']]);
  });
});
