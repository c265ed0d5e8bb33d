/**
 * `readRecords` and `parseRecordRow` (fast validator, shared empty issue arrays, dedup in `RecordsReadState`) against
 * the reference copies of commit 7ac94e3 (`tests/io/reference`): identical events, JSON byte for byte, on random
 * files — random header order and unknown columns, bad and duplicate rows, wrong cell counts, stray quotes,
 * quoted line breaks, random chunking.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordEvent, RecordsSource } from '../../src/io/index.js';
import { parseRecordHeader, parseRecordRow, readRecords } from '../../src/io/index.js';
import type { RawRecord, RecordColumn, ValidateRecordOptions } from '../../src/records/index.js';
import { RECORD_COLUMNS, REQUIRED_RECORD_COLUMNS } from '../../src/records/index.js';
import { nearValid, optionsArb, rawRecord } from '../records/recordArbitraries.js';
import { parseRecordRow as parseRecordRowV0 } from './reference/recordRows.v0.js';
import { readRecords as readRecordsV0 } from './reference/readRecords.v0.js';

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

describe('readRecords / parseRecordRow = reference (commit 7ac94e3)', () => {
  it('readRecords: identical events on random files, default options (seed 61)', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.integer({ min: 0, max: 40 }), async ({ text, chunk }, maxIssues) => {
        expect(await events(readRecords, text, chunk, { maxIssues })).toBe(await events(readRecordsV0 as typeof readRecords, text, chunk, { maxIssues }));
      }),
      { seed: 61, numRuns: 300 },
    );
  });

  it('readRecords: identical events on random files and options (seed 62)', async () => {
    await fc.assert(
      fc.asyncProperty(file, optionsArb, async ({ text, chunk }, options) => {
        expect(await events(readRecords, text, chunk, options)).toBe(await events(readRecordsV0 as typeof readRecords, text, chunk, options));
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
        expect(JSON.stringify(parseRecordRow(header, row, 5, stray, {}))).toBe(JSON.stringify(parseRecordRowV0(header, row, 5, stray, {})));
      }),
      { seed: 63, numRuns: 1000 },
    );
  });
});
