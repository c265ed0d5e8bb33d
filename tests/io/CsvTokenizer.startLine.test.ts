import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvRow } from '../../src/io/index.js';
import { CsvTokenizer, RecordsReadError } from '../../src/io/index.js';

function tokenize(chunks: readonly string[], options: { maxRecordChars?: number; startLine?: number } = {}): { rows: CsvRow[]; lines: number } {
  const rows: CsvRow[] = [];
  const t = new CsvTokenizer(options);
  for (const c of chunks) t.push(c, (r) => rows.push(r));
  t.end((r) => rows.push(r));
  return { rows, lines: t.linesRead };
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

describe('CsvTokenizer startLine', () => {
  it('numbers rows from startLine, quoted line breaks included', () => {
    const { rows, lines } = tokenize(['1,"a\r\nb"\n\n', '2,"x""y"\r3,', '"', '"\n4,5\n'], { startLine: 101 });
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [101, ['1', 'a\r\nb']],
      [104, ['2', 'x"y']],
      [105, ['3', '']],
      [106, ['4', '5']],
    ]);
    expect(lines).toBe(106);
  });

  it('defaults to line 1', () => {
    expect(tokenize(['a\nb\n']).rows.map((r) => r.line)).toEqual([1, 2]);
  });

  it('offsets the lines of fatal errors', () => {
    expect(fail(() => tokenize(['a\n"b\nc\n'], { startLine: 50 })).line).toBe(51);
    expect(fail(() => tokenize(['a\n"b\nc\n'], { startLine: 50 })).code).toBe('csv.unclosed_quote');
    expect(fail(() => tokenize(['a\n"b\n', 'c\0'], { startLine: 50 })).line).toBe(52);
    expect(fail(() => tokenize(['a\n"b\n', 'c\0'], { startLine: 50 })).code).toBe('csv.binary');
    const long = fail(() => tokenize(['a\nb\n', 'x'.repeat(30), '\n'], { startLine: 10, maxRecordChars: 20 }));
    expect([long.code, long.line]).toEqual(['csv.record_too_long', 12]);
  });

  /** A record's text, never starting with a line break (so a lone `\r` before it stays one break). */
  const cell = fc.oneof(
    fc.stringMatching(/^[ab "x]{0,4}$/u).filter((c) => !c.startsWith('"')),
    fc.array(fc.constantFrom('a', ',', '""', '\n', '\r\n', '\r', ' '), { maxLength: 5 }).map((p) => `"${p.join('')}"`),
    fc.constant('"q"x'),
  );
  const record = fc.tuple(fc.array(cell, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n', '\r')).map(([cells, eol]) => {
    const text = cells.join(',');
    return (text.startsWith('\n') || text === '' ? `z${text}` : text) + eol;
  });
  const piece = fc.oneof({ weight: 4, arbitrary: record }, { weight: 1, arbitrary: fc.constantFrom(' \n', '\t\r\n', ' \r') });

  it('a tail cut at a record boundary gives the rows, lines and errors of the whole text (seed 41)', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), fc.nat(), fc.nat({ max: 7 }), fc.constantFrom('', 'end', '"open\nx', 'a\0'), (pieces, cutPick, chunk, last) => {
        const text = pieces.join('') + last;
        const cutAt = cutPick % pieces.length;
        const head = pieces.slice(0, cutAt).join('');
        let breaks = 0;
        for (let i = 0; i < head.length; i++) if (head[i] === '\n' || (head[i] === '\r' && head[i + 1] !== '\n')) breaks++;
        const tail = text.slice(head.length);
        const size = chunk + 1;
        const chunks: string[] = [];
        for (let i = 0; i < tail.length; i += size) chunks.push(tail.slice(i, i + size));
        const run = (parts: readonly string[], startLine?: number): { rows: CsvRow[]; lines: number } | RecordsReadError => {
          try {
            return tokenize(parts, startLine === undefined ? {} : { startLine });
          } catch (e) {
            if (e instanceof RecordsReadError) return e;
            throw e;
          }
        };
        const whole = run([text]);
        const part = run(chunks, breaks + 1);
        if (whole instanceof RecordsReadError) {
          expect(part).toBeInstanceOf(RecordsReadError);
          expect([(part as RecordsReadError).code, (part as RecordsReadError).line]).toEqual([whole.code, whole.line]);
          return;
        }
        expect(part).not.toBeInstanceOf(RecordsReadError);
        const p = part as { rows: CsvRow[]; lines: number };
        expect(p.rows).toEqual(whole.rows.filter((r) => r.line > breaks));
        expect(p.lines).toBe(whole.lines);
      }),
      { seed: 41, numRuns: 2000 },
    );
  });
});
