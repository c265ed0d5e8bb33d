import { describe, expect } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { countLineBreaks, lastRecordBoundary } from '../../../src/io/parallel/recordBoundaries.js';
import { CsvTokenizer } from '../../../src/io/CsvTokenizer.js';
import type { CsvRow } from '../../../src/io/CsvTokenizer.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function tokenize(text: string, startLine = 1): { rows: CsvRow[]; lines: number } {
  const rows: CsvRow[] = [];
  const t = new CsvTokenizer({ startLine });
  t.push(text, (r) => rows.push(r));
  t.end((r) => rows.push(r));
  return { rows, lines: t.linesRead };
}

/**
 * Cut `bytes` the way the parallel reader does: windows of `step` bytes, each range ending at the last record
 * boundary inside the window (growing the window when there is none), the last range running to the end.
 */
function cut(bytes: Uint8Array, step: number): [number, number][] {
  const ranges: [number, number][] = [];
  let from = 0;
  let to = Math.min(bytes.length, step);
  while (from < bytes.length) {
    if (to >= bytes.length) {
      ranges.push([from, bytes.length]);
      break;
    }
    const b = lastRecordBoundary(bytes, from, to);
    if (b === -1 || b === from) {
      to = Math.min(bytes.length, to + step);
      continue;
    }
    ranges.push([from, b]);
    from = b;
    to = Math.min(bytes.length, from + step);
  }
  return ranges;
}

describe('lastRecordBoundary', () => {
  test('a line feed inside a quoted field is not a boundary', () => {
    const b = enc('a,b\n1,"x\ny"\n2,3');
    expect(lastRecordBoundary(b, 0, b.length)).toBe(12);
    expect(lastRecordBoundary(b, 0, 9)).toBe(4);
    expect(lastRecordBoundary(b, 0, 4)).toBe(4);
    expect(lastRecordBoundary(b, 0, 3)).toBe(-1);
  });

  test('quotes inside an unquoted field are literal; stray text after a closing quote is unquoted', () => {
    // 5" is literal (the quote is not a field start), so the LF after it is a boundary
    const b = enc('x,5",a\ny,"q"z\nw');
    expect(lastRecordBoundary(b, 0, b.length)).toBe(14);
    expect(lastRecordBoundary(b, 0, 8)).toBe(7);
  });

  test('"" inside a quoted field is an escape, and a final quote of the range is left undecided', () => {
    const b = enc('"a""\nb"\n');
    expect(lastRecordBoundary(b, 0, b.length)).toBe(8);
    // the range ends on the first half of "": the field may still be open
    expect(lastRecordBoundary(b, 0, 4)).toBe(-1);
  });

  test('CRLF line ends cut after the LF; a quote after CR opens a field', () => {
    const b = enc('a\r\n"b\r\nc"\r\nd');
    expect(lastRecordBoundary(b, 0, b.length)).toBe(11);
  });

  test('a quote right after a UTF-8 byte-order mark opens the first field', () => {
    const b = enc('\uFEFF"h\n1",x\n2,y\n');
    expect(lastRecordBoundary(b, 0, 10)).toBe(-1);
    expect(lastRecordBoundary(b, 0, b.length)).toBe(b.length);
  });

  test('countLineBreaks counts LF, CRLF and lone CR like the tokenizer', () => {
    expect(countLineBreaks(enc('a\r\nb\rc\n'), 0, 7)).toEqual({ breaks: 3, lf: 2 });
    expect(countLineBreaks(enc('"x\ny"\n'), 0, 6)).toEqual({ breaks: 2, lf: 2 });
  });

  // Cells drawn from the awkward cases: commas, quotes, CR/LF inside quotes, stray text, literal quotes, CJK.
  const cell = fc.oneof(
    fc.constantFrom('', 'a', '5"', 'x"y', '中文', ' ', '""'),
    fc.stringMatching(/^[a-z0-9 ,"\n\r中]{0,6}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
    fc.stringMatching(/^[a-z]{0,3}$/).map((s) => `"${s}"${s}`),
    fc.stringMatching(/^[a-z0-9 ]{0,8}$/),
  );
  const record = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cs) => cs.join(','));
  const file = fc.tuple(fc.array(record, { minLength: 0, maxLength: 30 }), fc.array(fc.constantFrom('\n', '\r\n', '\n\n', '\r'), { minLength: 30, maxLength: 30 }), fc.boolean()).map(
    ([recs, ends, lastEnd]) => recs.map((r, i) => r + (i < recs.length - 1 || lastEnd ? ends[i]! : '')).join(''),
  );

  test.prop([file, fc.integer({ min: 1, max: 40 })], { seed: 1123, numRuns: 1500 })(
    'tokenizing the ranges separately (each from its own start line) gives exactly the rows of the whole file',
    (text, step) => {
      let whole: { rows: CsvRow[]; lines: number };
      try {
        whole = tokenize(text);
      } catch {
        return; // an unclosed quote at the end: the whole-file reader fails; ranges are not compared
      }
      const bytes = enc(text);
      const ranges = cut(bytes, step);
      const rows: CsvRow[] = [];
      let line = 1;
      let lines = 0;
      const dec = new TextDecoder();
      for (const [a, b] of ranges) {
        const part = tokenize(dec.decode(bytes.subarray(a, b)), line);
        rows.push(...part.rows);
        lines = part.lines;
        line += countLineBreaks(bytes, a, b).breaks;
      }
      expect(rows).toEqual(whole.rows);
      if (ranges.length > 0) expect(lines).toBe(whole.lines);
      // every cut is a record start of the whole-file tokenization: the next range begins with a row or blank lines
      expect(ranges.map((r) => r[0])).toEqual([...ranges.map((r) => r[0])].sort((x, y) => x - y));
    },
  );
});
