/**
 * Pass 1's spill of `dip settle` after o8's change: `CaseSpillWriter` (each case row laid out as bytes from the
 * `CaseResult`'s fields, synchronous 64 KiB writes) against the writer it replaces, `CsvWriter.toFile(path,
 * CASE_HEADER, { numericColumns: CASE_NUMERIC })` with `writeRow(caseRow(c))` per case — real, unchanged modules
 * (`CsvWriter`, `caseRow`), so the old path is imported rather than copied. Same file bytes for random case rows:
 * plain ASCII cells, cells to quote (`"`, `,`, CR, LF), formula starts in text and numeric columns (plain numbers like
 * `-12.50` and not), non-ASCII and astral characters, lone surrogates, empty cells, optional cells absent, line
 * numbers 0, large, at 2^53 − 1 and off the fast path (negative, fractional, 2^53, NaN), and rows long enough to cross
 * the 64 KiB chunk and to need a grown buffer.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { CASE_HEADER, CASE_NUMERIC, CaseSpillWriter, caseRow } from '../../src/cli/commands/settle.js';
import { CsvWriter } from '../../src/io/writeCsv.js';
import type { CaseResult } from '../../src/run/types.js';

const dir = mkdtempSync(join(tmpdir(), 'dip-case-spill-o8-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function oldBytes(rows: readonly CaseResult[]): Promise<Buffer> {
  const path = join(dir, `old-${n++}.csv`);
  const w = CsvWriter.toFile(path, CASE_HEADER, { numericColumns: CASE_NUMERIC });
  for (const r of rows) {
    const p = w.writeRow(caseRow(r));
    if (p !== undefined) await p;
  }
  await w.close();
  return readFileSync(path);
}

function newBytes(rows: readonly CaseResult[]): Buffer {
  const path = join(dir, `new-${n++}.csv`);
  const fd = openSync(path, 'w');
  try {
    const w = new CaseSpillWriter(fd);
    for (const r of rows) w.write(r);
    w.flush();
  } finally {
    closeSync(fd);
  }
  return readFileSync(path);
}

const plain = fc.stringMatching(/^[A-Za-z0-9.:_ ]{0,12}$/);
const number = fc.oneof(
  fc.stringMatching(/^-?[0-9]{1,9}(\.[0-9]{1,6})?$/),
  fc.constantFrom('0', '-0', '-12.50', '1e3', '-1e3', '+1', '-', '-.5', '.5', '5.', '@1', '=1+1'),
);
const odd = fc.constantFrom('', 'a,b', 'x"y', '"', 'a\nb', 'a\rb', '=SUM(A1)', '+x', '-x', '@x', '\tx', '\rx', ',', '病例', 'é', '\u00ff', '\u0080', '\ud83d\ude00', 'H\ud800', '\udc00x', 'A\u007f', '\u0000');
const text = fc.oneof({ weight: 8, arbitrary: plain }, { weight: 2, arbitrary: odd }, { weight: 1, arbitrary: number }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) });
const numeric = fc.oneof({ weight: 8, arbitrary: number }, { weight: 1, arbitrary: odd }, { weight: 1, arbitrary: text });
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined, freq: 4 });
const lineArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 10_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 9, 10, 99, 100, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, 2 ** 53, 2 ** 60, -1, -10, 1.5, 0.1, Number.NaN, Infinity) },
  { weight: 1, arbitrary: fc.double() },
);
const caseArb: fc.Arbitrary<CaseResult> = fc
  .record({
    line: lineArb,
    caseId: text,
    hospitalId: text,
    pool: fc.oneof(fc.constantFrom('employee', 'resident', 'all'), text),
    month: fc.oneof(fc.constantFrom('2025-01', '2025-12'), text),
    status: fc.oneof(fc.constantFrom('grouped', 'ungrouped', 'outOfYear', 'unknownHospital'), text),
    packetCode: opt(text),
    packetKind: opt(text),
    outlier: opt(text),
    coefficient: opt(numeric),
    auxCoef: opt(numeric),
    ratio: opt(numeric),
    casePoints: numeric,
    totalCost: numeric,
    reason: opt(text),
  })
  .map((r) => {
    // optional fields absent (not just undefined) as the scorer builds them
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (v !== undefined) o[k] = v;
    return o as unknown as CaseResult;
  });

describe('CaseSpillWriter = CsvWriter.writeRow(caseRow(c)) (o8)', () => {
  test.prop([fc.array(caseArb, { maxLength: 40 })], { seed: 8801, numRuns: 1500 })('same bytes on random case rows', async (rows) => {
    expect(newBytes(rows).equals(await oldBytes(rows))).toBe(true);
  });

  test.prop([fc.array(caseArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 3 })], { seed: 8802, numRuns: 25 })(
    'same bytes across several 64 KiB chunks and rows longer than the buffer',
    async (sample, repeat, longKind) => {
      const long = ['x'.repeat(70_000), `${'y'.repeat(80_000)},`, `${'é'.repeat(30_000)}`, '1'.repeat(75_000)][longKind]!;
      const rows: CaseResult[] = [];
      for (let k = 0; k < repeat * 200; k++) rows.push({ ...sample[k % sample.length]!, line: k });
      rows.splice(rows.length >> 1, 0, { ...sample[0]!, caseId: long }, { ...sample[0]!, casePoints: long as never });
      const a = newBytes(rows);
      expect(a.equals(await oldBytes(rows))).toBe(true);
    },
  );

  it('hand-checked rows: a plain grouped case, a quoted id, a protected text cell, a negative number', () => {
    const rows: CaseResult[] = [
      { line: 2, caseId: 'C1', hospitalId: 'H1', pool: 'employee', month: '2025-03', status: 'grouped', casePoints: '894.5097' as never, totalCost: '7063.79' as never, packetCode: 'I63:ZDXCZ', packetKind: 'comprehensive', outlier: 'normal', coefficient: '0.7' as never, auxCoef: '1' as never, ratio: '1.381010' as never },
      { line: 10, caseId: 'C,2', hospitalId: 'H1', pool: 'all', month: '2025-03', status: 'ungrouped', casePoints: '0.0000' as never, totalCost: '-12.50' as never, reason: '=x' },
      { line: 1234567, caseId: 'C3', hospitalId: 'H\u533b', pool: 'all', month: '2025-12', status: 'outOfYear', casePoints: '0' as never, totalCost: '1e3' as never, reason: 'outOfYear' },
    ];
    expect(newBytes(rows).toString('utf8')).toBe(
      `${CASE_HEADER.join(',')}\n` +
        '2,C1,H1,employee,2025-03,grouped,I63:ZDXCZ,comprehensive,normal,0.7,1,1.381010,894.5097,7063.79,\n' +
        '10,"C,2",H1,all,2025-03,ungrouped,,,,,,,0.0000,-12.50,\'=x\n' +
        '1234567,C3,H\u533b,all,2025-12,outOfYear,,,,,,,0,1e3,outOfYear\n',
    );
  });
});
