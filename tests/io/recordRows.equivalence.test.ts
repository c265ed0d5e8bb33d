/**
 * `readRecords` and `parseRecordRow` (fast validator, shared empty issue arrays, dedup in `RecordsReadState`) against
 * the reference copies of commit e05a5af (`tests/io/reference/*.v2.ts`; the older copies of 7ac94e3 and 25c6084 that
 * these properties first ran against were removed once v2 had been proven equal to them): identical events, JSON byte for byte, on random
 * files — random header order and unknown columns, bad and duplicate rows, wrong cell counts, stray quotes,
 * quoted line breaks, random chunking.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordEvent, RecordsSource } from '../../src/io/index.js';
import { parseRecordHeader, parseRecordRow, readRecords } from '../../src/io/index.js';
import { readRecordBatches } from '../../src/io/readRecords.js';
import type { RawRecord, RecordColumn, ValidateRecordOptions } from '../../src/records/index.js';
import { RECORD_COLUMNS, REQUIRED_RECORD_COLUMNS } from '../../src/records/index.js';
import { nearValid, optionsArb, rawRecord } from '../records/recordArbitraries.js';
import { parseRecordRow as parseRecordRowRef } from './reference/recordRows.v2.js';
import { readRecords as readRecordsRef } from './reference/readRecords.v2.js';

const quote = (cell: string): string => (/[",\r\n]/u.test(cell) || cell.trim() !== cell ? `"${cell.replace(/"/gu, '""')}"` : cell);

/** A random records file: header of shuffled columns (required ones kept) with unknown columns, then rows. */
const file = fc
  .tuple(
    fc.shuffledSubarray(RECORD_COLUMNS.filter((c) => !REQUIRED_RECORD_COLUMNS.includes(c) && c !== 'age')),
    fc.boolean(),
    fc.array(
      fc.tuple(
        fc.oneof({ weight: 3, arbitrary: nearValid }, { weight: 1, arbitrary: rawRecord }),
        fc.constantFrom('ok', 'ok', 'ok', 'ok', 'dup', 'short', 'long', 'stray', 'blank'),
        fc.constantFrom('\n', '\r\n'),
      ),
      { maxLength: 25 },
    ),
    fc.integer({ min: 1, max: 97 }),
  )
  .map(([optional, unknown, rows, chunk]) => {
    const columns: (RecordColumn | '备注')[] = [...REQUIRED_RECORD_COLUMNS, 'age', ...optional];
    if (unknown) columns.splice(3, 0, '备注');
    const lines: string[] = [columns.join(',') + '\n'];
    let last: RawRecord | undefined;
    for (const [r, kind, eol] of rows) {
      const raw = kind === 'dup' && last !== undefined ? { ...r, case_id: last.case_id ?? '', hospital_id: last.hospital_id ?? '' } : r;
      let cells = columns.map((c) => quote(c === '备注' ? 'note' : (raw[c] ?? '')));
      if (kind === 'short') cells = cells.slice(1);
      if (kind === 'long') cells.push('x');
      if (kind === 'stray') cells[0] = `"${raw.case_id ?? ''}"x`;
      lines.push(kind === 'blank' ? ` ${eol}` : cells.join(',') + eol);
      last = raw;
    }
    return { text: lines.join(''), chunk };
  });

function source(text: string, size: number): RecordsSource {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return Readable.from(chunks);
}

async function events(read: typeof readRecords, text: string, size: number, options: ValidateRecordOptions & { maxIssues?: number }): Promise<string> {
  const out: (RecordEvent | { error: string })[] = [];
  try {
    for await (const e of read(source(text, size), options)) out.push(e);
  } catch (e) {
    out.push({ error: String(e) });
  }
  return JSON.stringify(out);
}

describe('readRecords / parseRecordRow = reference (commit e05a5af; first proven against 7ac94e3)', () => {
  it('readRecords: identical events on random files, default options (seed 61)', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.integer({ min: 0, max: 40 }), async ({ text, chunk }, maxIssues) => {
        expect(await events(readRecords, text, chunk, { maxIssues })).toBe(await events(readRecordsRef as typeof readRecords, text, chunk, { maxIssues }));
      }),
      { seed: 61, numRuns: 300 },
    );
  });

  it('readRecords: identical events on random files and options (seed 62)', async () => {
    await fc.assert(
      fc.asyncProperty(file, optionsArb, async ({ text, chunk }, options) => {
        expect(await events(readRecords, text, chunk, options)).toBe(await events(readRecordsRef as typeof readRecords, text, chunk, options));
      }),
      { seed: 62, numRuns: 300 },
    );
  });

  it('parseRecordRow: the same parsed row as the first split (seed 63)', () => {
    const cells = [...RECORD_COLUMNS];
    const { header } = parseRecordHeader(cells, 1);
    fc.assert(
      fc.property(fc.oneof(nearValid, rawRecord), fc.boolean(), fc.integer({ min: -1, max: 1 }), (raw, stray, extra) => {
        const row = RECORD_COLUMNS.map((c) => raw[c] ?? '');
        if (extra < 0) row.pop();
        if (extra > 0) row.push('');
        expect(JSON.stringify(parseRecordRow(header, row, 5, stray, {}))).toBe(JSON.stringify(parseRecordRowRef(header, row, 5, stray, {})));
      }),
      { seed: 63, numRuns: 1000 },
    );
  });
});

/** The events of `readRecordBatches`, flattened, then the error if one is thrown; also checks the batch shape. */
async function batchEvents(text: string, size: number, options: ValidateRecordOptions & { maxIssues?: number }): Promise<string> {
  const out: (RecordEvent | { error: string })[] = [];
  try {
    for await (const batch of readRecordBatches(source(text, size), options)) {
      expect(batch.length).toBeGreaterThan(0);
      expect(out.some((e) => 'type' in e && e.type === 'end')).toBe(false);
      out.push(...batch);
    }
    expect(out.at(-1)).toMatchObject({ type: 'end' });
  } catch (e) {
    out.push({ error: String(e) });
  }
  return JSON.stringify(out);
}

describe('readRecords / readRecordBatches = reference (commit e05a5af; first proven against 25c6084, one event per await)', () => {
  it('identical events on random files, random chunking and options (seed 64)', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.option(optionsArb, { nil: undefined }), fc.integer({ min: 0, max: 40 }), async ({ text, chunk }, options, maxIssues) => {
        const o = { ...(options ?? {}), maxIssues };
        const want = await events(readRecordsRef as typeof readRecords, text, chunk, o);
        expect(await events(readRecords, text, chunk, o)).toBe(want);
        expect(await batchEvents(text, chunk, o)).toBe(want);
      }),
      { seed: 64, numRuns: 200 },
    );
  });

  it('a fatal error raised by a row mid-chunk comes after every event before it (case id over 65,532 bytes; bad header; unclosed quote)', async () => {
    const head = 'case_id,hospital_id,insurance_type,admission_date,discharge_date,age,principal_dx,total_cost,fund_paid,patient_paid\n';
    const row = (id: string): string => `${id},H1,310,2025-03-01,2025-03-08,40,K35.300,100.00,70.00,30.00\n`;
    const files = [
      head + row('Z1') + row('Z2') + row('x'.repeat(70_000)) + row('Z3'),
      head + row('x'.repeat(70_000)),
      'case_id,case_id\n1,2\n',
      head + row('Z1') + '"Z2,H1\n',
    ];
    for (const text of files) {
      for (const size of text.length > 10_000 ? [4096, 1 << 20] : [7, 1000]) {
        const want = await events(readRecordsRef as typeof readRecords, text, size, {});
        expect(want).toContain('"error"');
        expect(await events(readRecords, text, size, {})).toBe(want);
        expect(await batchEvents(text, size, {})).toBe(want);
      }
    }
  });

  it('a consumer that stops early closes the source (return() reaches the chunk stream)', async () => {
    let closed = false;
    async function* chunks(): AsyncGenerator<string> {
      try {
        yield 'case_id,hospital_id,insurance_type,admission_date,discharge_date,age,principal_dx,total_cost,fund_paid,patient_paid\n';
        for (let i = 0; i < 100; i++) yield `Z${i},H1,310,2025-03-01,2025-03-08,40,K35.300,100.00,70.00,30.00\n`;
      } finally {
        closed = true;
      }
    }
    let n = 0;
    for await (const e of readRecords(chunks())) if (e.type === 'record' && ++n === 3) break;
    expect(closed).toBe(true);
  });
});


describe('readRecords as an async generator: next / return / throw like the reference async generator (commit e05a5af; first proven against 25c6084)', () => {
  const HEAD = 'case_id,hospital_id,insurance_type,admission_date,discharge_date,age,principal_dx,total_cost,fund_paid,patient_paid\n';
  /** A source of `rows` rows in chunks of `per` rows, ending with a fatal error when `bad`; `closed` when finished. */
  function makeSource(rows: number, per: number, bad: boolean): { chunks: AsyncGenerator<string>; closed: () => boolean } {
    let closed = false;
    async function* chunks(): AsyncGenerator<string> {
      try {
        yield HEAD;
        for (let i = 0; i < rows; i += per) {
          let text = '';
          for (let j = i; j < Math.min(rows, i + per); j++) text += `Z${j},H1,310,2025-03-01,2025-03-08,40,K35.300,100.00,70.00,30.00\n`;
          yield text;
        }
        if (bad) yield '"never closed\n';
      } finally {
        closed = true;
      }
    }
    return { chunks: chunks(), closed: () => closed };
  }
  type Op = 'next' | 'return' | 'throw';
  /** Run groups of operations (each group issued without awaiting, then settled together); outcomes in call order. */
  async function script(read: typeof readRecords, rows: number, per: number, bad: boolean, groups: readonly (readonly Op[])[]): Promise<string> {
    const { chunks, closed } = makeSource(rows, per, bad);
    const it = read(chunks);
    const out: unknown[] = [];
    for (const group of groups) {
      const calls = group.map((op) => (op === 'next' ? it.next() : op === 'return' ? it.return() : it.throw(new Error('thrown in'))));
      for (const r of await Promise.allSettled(calls)) {
        out.push(r.status === 'fulfilled' ? { done: r.value.done, type: r.value.value?.type, line: (r.value.value as { line?: number } | undefined)?.line } : { rejected: String(r.reason) });
      }
      out.push({ closed: closed() });
    }
    return JSON.stringify(out);
  }

  it('same outcomes for random scripts of next (also several not awaited), return and throw (seed 65)', async () => {
    const op = fc.constantFrom<Op>('next', 'next', 'next', 'next', 'next', 'next', 'return', 'throw');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { maxLength: 12 }), async (rows, per, bad, groups) => {
        expect(await script(readRecords, rows, per, bad, groups)).toBe(await script(readRecordsRef as typeof readRecords, rows, per, bad, groups));
      }),
      { seed: 65, numRuns: 400 },
    );
  });
});
