/**
 * `readRecordBatches` with batches of at most 96 events (each chunk tokenized whole, its records turned into events
 * 96 at a time as the consumer asks: commit of helper r7) against the frozen copy of 747bdd4
 * (`tests/io/reference/readRecordsR7.ts`: one batch per decoded chunk, every record of the chunk parsed first): the
 * same events in the same order (JSON, byte for byte, and `toStrictEqual`), the same fatal error (class, code,
 * line, message) after the same number of events, on random files (valid and broken rows, quoted line breaks,
 * CRLF, blank lines, stray quotes, duplicates, NUL, bad UTF-8 bytes, GB18030 fixtures, short `maxRecordChars`)
 * cut into random chunks (1 byte to the whole file, so a chunk may hold several hundred records). Also: batches are
 * never empty, at most 96 events but the last, which ends with `end`.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordEvent } from '../../src/io/readRecords.js';
import { readRecordBatches } from '../../src/io/readRecords.js';
import { RECORD_COLUMNS } from '../../src/records/index.js';
import type { RawRecord, RecordColumn } from '../../src/records/index.js';
import { nearValid, rawRecord } from '../records/recordArbitraries.js';
import { readRecordBatches as readRecordBatchesR7 } from './reference/readRecordsR7.js';

type Batches = (source: AsyncIterable<Uint8Array>, options: { maxRecordChars?: number; encoding?: 'auto' | 'utf8' | 'gb18030' }) => AsyncIterable<RecordEvent[]>;

interface Outcome {
  events: RecordEvent[];
  batches: number[];
  error: { name: string; code: unknown; line: unknown; message: string } | undefined;
}

async function* pieces(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const c of cuts) {
    const next = Math.min(bytes.length, at + c);
    if (next > at) yield bytes.slice(at, next);
    at = next;
  }
  if (at < bytes.length) yield bytes.slice(at);
}

async function outcome(read: Batches, bytes: Uint8Array, cuts: readonly number[], options: { maxRecordChars?: number; encoding?: 'auto' | 'utf8' | 'gb18030' }): Promise<Outcome> {
  const events: RecordEvent[] = [];
  const batches: number[] = [];
  try {
    for await (const b of read(pieces(bytes, cuts), options)) {
      batches.push(b.length);
      events.push(...b);
    }
    return { events, batches, error: undefined };
  } catch (e) {
    const err = e as Error & { code?: unknown; line?: unknown };
    return { events, batches, error: { name: err.constructor.name, code: err.code, line: err.line, message: err.message } };
  }
}

const HEADER = RECORD_COLUMNS.join(',');
const lineOf = (raw: RawRecord): string => RECORD_COLUMNS.map((c) => raw[c as RecordColumn] ?? '').join(',');

/** One line of the file: a row, or a special line. */
const lineArb = fc.oneof(
  { weight: 30, arbitrary: nearValid.map(lineOf) },
  { weight: 4, arbitrary: rawRecord.map(lineOf) },
  { weight: 2, arbitrary: fc.constantFrom('', '  ', '\t') },
  { weight: 2, arbitrary: nearValid.map((r) => lineOf({ ...r, secondary_dx: '"I50.907\nJ18.902"' })) },
  { weight: 1, arbitrary: nearValid.map((r) => lineOf({ ...r, medical_type: '"inpatient"x' })) },
  { weight: 1, arbitrary: nearValid.map((r) => lineOf({ ...r, case_id: 'C1', hospital_id: 'H1' })) },
  { weight: 1, arbitrary: fc.constantFrom('a,b', '"open', 'x,"y""z",w', '职工,医保,"a\r\nb"') },
);

/** A file: a header (rarely a broken one), lines, line ends; maybe a NUL or a bad byte somewhere. */
const fileArb = fc
  .tuple(
    fc.constantFrom(HEADER, HEADER, HEADER, HEADER, `${HEADER},备注`, 'case_id,foo', ''),
    fc.array(lineArb, { maxLength: 420 }),
    fc.constantFrom('\n', '\n', '\r\n', '\r'),
    fc.boolean(),
    fc.constantFrom('none', 'none', 'none', 'nul', 'ff', 'cut'),
    fc.nat(),
  )
  .map(([header, lines, eol, lastEol, damage, at]) => {
    const text = [header, ...lines].join(eol) + (lastEol ? eol : '');
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length === 0 || damage === 'none') return new Uint8Array(bytes);
    const k = at % bytes.length;
    if (damage === 'nul') bytes[k] = 0;
    if (damage === 'ff') bytes[k] = 0xff;
    if (damage === 'cut') return new Uint8Array(Buffer.concat([bytes, Buffer.from([0xe8, 0x81])]));
    return new Uint8Array(bytes);
  });

const cutsArb = fc.oneof(
  fc.constant([] as number[]),
  fc.array(fc.integer({ min: 1, max: 70_000 }), { maxLength: 6 }),
  fc.array(fc.integer({ min: 1, max: 4096 }), { maxLength: 40 }),
  fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 40 }),
);
const optionsArb = fc.record({ maxRecordChars: fc.constantFrom(1_000_000, 1_000_000, 400, 90) }, { requiredKeys: [] });

async function check(bytes: Uint8Array, cuts: readonly number[], options: { maxRecordChars?: number; encoding?: 'auto' | 'utf8' | 'gb18030' }): Promise<Outcome> {
  const want = await outcome(readRecordBatchesR7 as Batches, bytes, cuts, options);
  const got = await outcome(readRecordBatches as Batches, bytes, cuts, options);
  expect(JSON.stringify(got.events)).toBe(JSON.stringify(want.events));
  expect(got.events).toStrictEqual(want.events);
  expect(got.error).toStrictEqual(want.error);
  expect(got.batches.every((n) => n > 0)).toBe(true);
  expect(got.batches.slice(0, -1).every((n) => n <= 96)).toBe(true);
  if (got.error === undefined) expect(got.events.at(-1)?.type).toBe('end');
  return got;
}

describe('readRecordBatches in batches of 96 = reference (747bdd4, one batch per chunk)', () => {
  it('same events, same error after the same events, on random files and chunkings (seed 707)', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, cutsArb, optionsArb, async (bytes, cuts, options) => {
        await check(bytes, cuts, options);
      }),
      { seed: 707, numRuns: 400 },
    );
  }, 120_000);

  it('a whole chunk of ~400 rows is cut into batches of 96, same events (literal)', async () => {
    const row = lineOf({ case_id: 'C1', hospital_id: 'H1', insurance_type: 'resident', admission_date: '2025-12-01', discharge_date: '2025-12-10', age: '84', principal_dx: 'I63.103', total_cost: '7063.79', fund_paid: '5426.37', patient_paid: '1637.42' });
    const lines = [HEADER];
    for (let i = 0; i < 400; i++) lines.push(row.replace('C1', `C${i}`));
    const got = await check(new Uint8Array(Buffer.from(`${lines.join('\n')}\n`)), [], {});
    expect(got.batches).toStrictEqual([96, 96, 96, 96, 17, 1]);
    expect(got.events.length).toBe(402);
  });

  it('the fixtures (UTF-8, GB18030, bad rows) in random chunkings (seed 708)', async () => {
    const files = ['sample-utf8.csv', 'sample-gb18030.csv', 'bad-rows-1000.csv', 'bad-rows-1000.gb18030.csv'].map((f) => new Uint8Array(readFileSync(`fixtures/records/${f}`)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...files), cutsArb, fc.constantFrom<'auto' | 'utf8' | 'gb18030'>('auto', 'auto', 'utf8', 'gb18030'), async (bytes, cuts, encoding) => {
        await check(bytes, cuts, { encoding });
      }),
      { seed: 708, numRuns: 60 },
    );
  }, 120_000);
});
