/**
 * `CsvTokenizer` with `onLine` against the reference copy of commit c646df2 (`tests/io/reference/CsvTokenizer.v1.ts`,
 * every record as cells): a line handed to `onLine` as `[start, end)` of the buffer, split at commas, is the row the
 * reference gives (same cells, same line), in the same order among the `onRow` rows; same `linesRead` and fatal
 * errors — on random text (quotes, CR, CRLF, lone CR, blank lines, NUL) and random chunking.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvRow } from '../../src/io/index.js';
import { CsvTokenizer, RecordsReadError } from '../../src/io/index.js';
import { CsvTokenizer as CsvTokenizerV1 } from './reference/CsvTokenizer.v1.js';

function run(withLines: boolean, chunks: readonly string[], options: { maxRecordChars?: number }): unknown {
  const rows: unknown[] = [];
  const onRow = (r: CsvRow): void => {
    rows.push(r);
  };
  const onLine = (s: string, a: number, b: number, line: number): void => {
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThanOrEqual(s.length);
    rows.push({ cells: s.slice(a, b).split(','), line, viaLine: true });
  };
  const t = withLines ? new CsvTokenizer(options) : new CsvTokenizerV1(options);
  try {
    for (const c of chunks) {
      if (withLines) (t as CsvTokenizer).push(c, onRow, onLine);
      else t.push(c, onRow);
    }
    if (withLines) (t as CsvTokenizer).end(onRow, onLine);
    else t.end(onRow);
  } catch (e) {
    if (!(e instanceof RecordsReadError)) throw e;
    return { rows, error: [e.code, e.line, e.message] };
  }
  return { rows, lines: t.linesRead };
}

const strip = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'viaLine' ? undefined : v)));
const piece = fc.constantFrom('a', 'bc', '1.5', ',', ',', '"', '""', '\n', '\n', '\r\n', '\r\n', '\r', ' ', '\t', '中', '"x,\ny"', '\0', 'A01.000x005');

describe('CsvTokenizer onLine = reference rows (commit c646df2)', () => {
  it('same rows (a line split at commas), lines and errors on random text, chunks and record limits (seed 86)', () => {
    let viaLine = 0;
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 80 }).map((p) => p.join('')),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(undefined, 3, 8, 20),
        (raw, allowNul, sizes, maxRecordChars) => {
          const text = allowNul ? raw : raw.replace(/\0/gu, '');
          const chunks: string[] = [];
          for (let i = 0, k = 0; i < text.length; k++) {
            const size = sizes[k % sizes.length] as number;
            chunks.push(text.slice(i, i + size));
            i += size;
          }
          const options = maxRecordChars === undefined ? {} : { maxRecordChars };
          for (const cs of [chunks, [text]]) {
            const got = run(true, cs, options);
            viaLine += JSON.stringify(got).split('"viaLine":true').length - 1;
            expect(strip(got)).toStrictEqual(strip(run(false, cs, options)));
          }
        },
      ),
      { seed: 86, numRuns: 5000 },
    );
    expect(viaLine).toBeGreaterThan(1000); // the onLine path is exercised (2,000 lines)
  });
});
