/**
 * The case rows of `dip settle` (pass 1's spill of `cases.csv`): `caseRow(c)` written by `CsvWriter.toFile`'s byte
 * chunks gives the bytes the writer at c646df2 (`tests/io/reference/writeCsv.v1.ts`, string chunks through
 * `join` + scan or the per-cell encoder) gives, with the CLI's header and numeric columns, on random `CaseResult`s:
 * the input-derived cells (case_id, hospital_id, month, packet_code, reason, total_cost) full of commas, quotes,
 * CR / LF, formula starts, non-ASCII and lone surrogates; the system cells from their value sets; the decimal cells
 * plain, negative, or odd; line numbers including negative, fractional and non-finite ones.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CASE_HEADER, CASE_NUMERIC, caseRow } from '../../src/cli/commands/settle.js';
import { CsvWriter } from '../../src/io/writeCsv.js';
import type { CaseResult } from '../../src/run/types.js';
import { CsvWriter as CsvWriterV1 } from '../io/reference/writeCsv.v1.js';

const nasty: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9]{1,12}$/) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom('"', ',', '\r', '\n', '=', '+', '-', '@', '\t', '0', '9', 'K', ' ', '病', '\u00e9', '\ud83d\ude00', '\ud83d', '\ude00', '.'), { maxLength: 8 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[-+=@]?\d{1,4}(\.\d{1,2})?$/) },
  { weight: 1, arbitrary: fc.constant('') },
);
const decimal: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^-?\d{1,7}(\.\d{1,6})?$/) },
  { weight: 1, arbitrary: fc.constantFrom('-', '-.5', '1e5', '-1e5', '+1', '=1', '1,5', '', '0.', '\u0661\u0662') },
  { weight: 1, arbitrary: nasty },
);
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined, freq: 3 });
const caseArb: fc.Arbitrary<CaseResult> = fc
  .record({
    line: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 2, max: 30_000_000 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, -7, 1.5, -2.5, 1e21, -1e-7, Infinity, -Infinity, NaN, -0) }),
    caseId: nasty,
    hospitalId: nasty,
    pool: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('employee', 'resident', 'all') }, { weight: 1, arbitrary: nasty }),
    month: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('2025-01', '2025-12', '2024-07') }, { weight: 1, arbitrary: nasty }),
    status: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('grouped', 'ungrouped', 'outOfYear', 'unknownHospital') }, { weight: 1, arbitrary: nasty }),
    packetCode: opt(nasty),
    packetKind: opt(fc.oneof(fc.constantFrom('core', 'comprehensive', 'tcm', 'fallback', 'primaryCare'), nasty)),
    outlier: opt(fc.oneof(fc.constantFrom('normal', 'low', 'high', 'extreme', 'ungroupedPoints'), nasty)),
    coefficient: opt(decimal),
    auxCoef: opt(decimal),
    ratio: opt(decimal),
    casePoints: decimal,
    totalCost: decimal,
    reason: opt(fc.oneof(fc.constantFrom('review', 'NO_PACKET', 'specialCase', 'outOfYear'), nasty)),
  })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as CaseResult);

function recorder(): { stream: Writable; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _enc, cb) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
      cb();
    },
  });
  return { stream, chunks };
}

describe('dip settle case rows: byte chunks = the c646df2 writer', () => {
  it('same bytes and flushes for random CaseResults (fixed seed, 600 runs of up to 80 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { maxLength: 80 }), fc.integer({ min: 1, max: 2000 }), async (cases, chunkBytes) => {
        const a = recorder();
        const b = recorder();
        const w = new CsvWriter(a.stream, CASE_HEADER, { numericColumns: CASE_NUMERIC, chunkBytes, byteChunks: true });
        const v1 = new CsvWriterV1(b.stream, CASE_HEADER, { numericColumns: CASE_NUMERIC, chunkBytes });
        for (const c of cases) {
          const p = w.writeRow(caseRow(c));
          const q = v1.writeRow(caseRow(c));
          expect(p === undefined).toBe(q === undefined);
          if (p !== undefined) await p;
          if (q !== undefined) await q;
        }
        await w.close();
        await v1.close();
        expect(a.chunks.map((x) => x.toString('hex'))).toEqual(b.chunks.map((x) => x.toString('hex')));
      }),
      { seed: 1207, numRuns: 600 },
    );
  }, 120_000);

  it('a literal case row', async () => {
    const a = recorder();
    const w = new CsvWriter(a.stream, undefined, { numericColumns: CASE_NUMERIC, byteChunks: true });
    const c = { line: 7, caseId: '=K1', hospitalId: 'H,1', pool: 'employee', month: '2025-03', status: 'grouped', packetCode: 'A01', packetKind: 'core', outlier: 'normal', coefficient: '1', auxCoef: '1', ratio: '-0.5', casePoints: '-12.5', totalCost: '100.00', reason: 'say "hi"' } as unknown as CaseResult;
    w.writeRow(caseRow(c));
    await w.close();
    expect(Buffer.concat(a.chunks).toString('utf8')).toBe(`7,'=K1,"H,1",employee,2025-03,grouped,A01,core,normal,1,1,-0.5,-12.5,100.00,"say ""hi"""\n`);
  });
});
