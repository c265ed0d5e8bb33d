/**
 * The tokenizer's one-line fast path (`split(',')` of a line without quotes or a lone `\r`) against the reference
 * copy of commit c646df2 (`CsvTokenizer.v1`, itself proven equal to the 7ac94e3 copy these properties first ran against): the same rows, lines, `linesRead` and fatal errors on random text and random chunking.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvRow } from '../../src/io/index.js';
import { CsvTokenizer, RecordsReadError } from '../../src/io/index.js';
import { CsvTokenizer as CsvTokenizerRef } from './reference/CsvTokenizer.v1.js';

type Tok = { push(text: string, onRow: (r: CsvRow) => void): void; end(onRow: (r: CsvRow) => void): void; readonly linesRead: number };

function run(make: () => Tok, chunks: readonly string[]): unknown {
  const rows: CsvRow[] = [];
  const t = make();
  try {
    for (const c of chunks) t.push(c, (r) => rows.push(r));
    t.end((r) => rows.push(r));
  } catch (e) {
    if (!(e instanceof RecordsReadError)) throw e;
    return { rows, error: [e.code, e.line, e.message] };
  }
  return { rows, lines: t.linesRead };
}

const piece = fc.constantFrom('a', 'bc', '1.5', ',', ',', '"', '""', '\n', '\n', '\r\n', '\r', ' ', '\t', '中', '"x,\ny"', '\0');

describe('CsvTokenizer fast path = reference (commit c646df2; first proven against 7ac94e3)', () => {
  it('same rows, lines and errors on random text, random chunks and record limits (seed 71)', () => {
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
          expect(run(() => new CsvTokenizer(options), chunks)).toEqual(run(() => new CsvTokenizerRef(options), chunks));
          expect(run(() => new CsvTokenizer(options), [text])).toEqual(run(() => new CsvTokenizerRef(options), [text]));
        },
      ),
      { seed: 71, numRuns: 5000 },
    );
  });
});
