/**
 * The line reader (`CsvTokenizer` `onLine` → `parseRecordLine` → `validateRecordLine`: a record on one line without
 * quotes is never split; its cells are read in place, by char codes where a cell is only checked or turned into a
 * number) against the reference copies of commit c646df2 (`tests/io/reference/*.v2.ts`,
 * `tests/records/reference/*.v2.ts`: every record split into cells, `validateRecordCells` over the cell array):
 * the same parsed rows and events — every record field in order, every issue, byte for byte as JSON, and
 * `toStrictEqual` — on random lines, headers (column order, unknown columns, widths past the 64-cell scratch),
 * options and files.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordEvent } from '../../src/io/index.js';
import { parseRecordHeader, parseRecordRow } from '../../src/io/index.js';
import { readRecordBatches } from '../../src/io/readRecords.js';
import { parseRecordLine } from '../../src/io/recordRows.js';
import type { RawRecord, RecordColumn, ValidateRecordOptions } from '../../src/records/index.js';
import { RECORD_COLUMNS, REQUIRED_RECORD_COLUMNS, recordColumnIndex, validateRecordCells } from '../../src/records/index.js';
import { nearValid, optionsArb, rawRecord } from '../records/recordArbitraries.js';
import { validateRecordCells as validateRecordCellsV2 } from '../records/reference/validateRecord.v2.js';
import { parseRecordRow as parseRecordRowV2 } from './reference/recordRows.v2.js';
import { readRecordBatches as readRecordBatchesV2 } from './reference/readRecords.v2.js';

const json = (x: unknown): string => JSON.stringify(x);

/** A random header: the required columns, `age`, a shuffled subset of the others, unknown columns anywhere (up to 80). */
const headerArb = fc
  .tuple(
    fc.shuffledSubarray(RECORD_COLUMNS.filter((c) => !REQUIRED_RECORD_COLUMNS.includes(c) && c !== 'age')),
    fc.array(fc.nat(), { maxLength: 3 }),
    fc.constantFrom(0, 0, 0, 1, 45, 80),
  )
  .chain(([optional, unknownAt, extra]) =>
    fc.shuffledSubarray([...REQUIRED_RECORD_COLUMNS, 'age', ...optional] as string[], { minLength: REQUIRED_RECORD_COLUMNS.length + 1 + optional.length }).map((cols) => {
      const columns = [...cols];
      unknownAt.forEach((at, i) => columns.splice(at % (columns.length + 1), 0, `备注${i}`));
      for (let i = 0; i < extra; i++) columns.push(`x${i}`);
      return columns;
    }),
  );

/** A line of a row under `columns`: the raw cells joined by commas (cells may hold commas: then the count is off), maybe one cell short or long. */
const lineFor = (columns: readonly string[], raw: RawRecord, shape: number): string => {
  const cells = columns.map((c) => (c.startsWith('备注') || c.startsWith('x') ? (c.length % 2 === 0 ? 'note' : '') : (raw[c as RecordColumn] ?? '')));
  if (shape < 0) cells.pop();
  if (shape > 0) cells.push('');
  return cells.join(',');
};

/** `parseRecordLine` of `text` inside a longer string (`pre` before it, `post` after it: commas there must not count). */
const lineIn = (header: Parameters<typeof parseRecordLine>[0], text: string, line: number, options: ValidateRecordOptions, pre = '', post = ''): ReturnType<typeof parseRecordLine> =>
  parseRecordLine(header, pre + text + post, pre.length, pre.length + text.length, line, options);
/** Text around a line in the tokenizer's buffer: other lines, commas, nothing. */
const around = fc.oneof(fc.constant(''), fc.string({ maxLength: 8 }), fc.constantFrom(',,', 'a,b\n', '\n1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17'));

const row = fc.oneof({ weight: 3, arbitrary: nearValid }, { weight: 1, arbitrary: rawRecord });
const shapeArb = fc.constantFrom(0, 0, 0, 0, 0, 0, -1, 1);

describe('line reader = reference (commit c646df2, cells split)', () => {
  it('parseRecordLine(text) = parseRecordRow(text.split(",")) on random lines and headers, default options (seed 81)', () => {
    fc.assert(
      fc.property(headerArb, fc.array(fc.tuple(row, shapeArb, around, around), { minLength: 1, maxLength: 4 }), (columns, rows) => {
        const { header } = parseRecordHeader(columns, 1);
        rows.forEach(([raw, shape, pre, post], k) => {
          const text = lineFor(columns, raw, shape);
          const got = lineIn(header, text, k + 2, {}, pre, post);
          const want = parseRecordRowV2(header, text.split(','), k + 2, false, {});
          expect(json(got)).toBe(json(want));
          expect(got).toStrictEqual(want);
        });
      }),
      { seed: 81, numRuns: 1500 },
    );
  });

  it('parseRecordLine = reference on random lines, headers and options (seed 82)', () => {
    fc.assert(
      fc.property(headerArb, row, shapeArb, optionsArb, around, around, (columns, raw, shape, options, pre, post) => {
        const { header } = parseRecordHeader(columns, 1);
        const text = lineFor(columns, raw, shape);
        const got = lineIn(header, text, 7, options, pre, post);
        const want = parseRecordRowV2(header, text.split(','), 7, false, options);
        expect(json(got)).toBe(json(want));
        expect(got).toStrictEqual(want);
      }),
      { seed: 82, numRuns: 1500 },
    );
  });

  it('parseRecordRow / validateRecordCells over cell arrays (the shared checker in cell mode) = reference (seed 83)', () => {
    fc.assert(
      fc.property(headerArb, row, shapeArb, fc.option(optionsArb, { nil: undefined }), fc.boolean(), (columns, raw, shape, options, stray) => {
        const { header } = parseRecordHeader(columns, 1);
        const cells = lineFor(columns, raw, shape).split(',');
        const o: ValidateRecordOptions = options ?? {};
        expect(json(parseRecordRow(header, cells, 3, stray, o))).toBe(json(parseRecordRowV2(header, cells, 3, stray, o)));
        const padded = RECORD_COLUMNS.map((c) => raw[c] ?? '');
        const index = recordColumnIndex(RECORD_COLUMNS.map((c, i) => [c, i] as const));
        const got = validateRecordCells(padded, index, 4, o);
        const want = validateRecordCellsV2(padded, index, 4, o);
        expect(json(got)).toBe(json(want));
        expect(got).toStrictEqual(want);
      }),
      { seed: 83, numRuns: 1500 },
    );
  });

  it('parseRecordLine = reference on birthdays, the day before and after, infants (age and age_days) (seed 85)', () => {
    const columns = ['case_id', 'hospital_id', 'insurance_type', 'admission_date', 'discharge_date', 'birth_date', 'age', 'age_days', 'principal_dx', 'los_days', 'total_cost', 'fund_paid', 'patient_paid'];
    const { header } = parseRecordHeader(columns, 1);
    const day = (y: number, m: number, d: number): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    fc.assert(
      fc.property(fc.integer({ min: 2020, max: 2025 }), fc.integer({ min: 0, max: 90 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: -1, max: 1 }), fc.option(fc.integer({ min: 0, max: 366 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 91 }), { nil: undefined }), (ay, years, m, d, dd, ageDays, age) => {
        const admission = day(ay, m, d);
        const birth = day(ay - years, m, Math.max(1, d + dd));
        const text = `Z1,H1,310,${admission},${day(ay + 1, 1, 1)},${birth},${age ?? ''},${ageDays ?? ''},K35.300,,100.00,70.00,30.00`;
        const got = lineIn(header, text, 5, {}, 'x,y\n', ',\n');
        expect(json(got)).toBe(json(parseRecordRowV2(header, text.split(','), 5, false, {})));
      }),
      { seed: 85, numRuns: 2000 },
    );
  });

  it('hand-checked lines: a clean row, padded and full-width cells, a comma too many, an empty line of commas', () => {
    const columns = ['case_id', 'hospital_id', 'insurance_type', 'admission_date', 'discharge_date', 'birth_date', 'age', 'sex', 'principal_dx', 'discharge_status', 'los_days', 'total_cost', 'fund_paid', 'patient_paid', 'medical_type'];
    const { header } = parseRecordHeader(columns, 1);
    const clean = lineIn(header, 'Z1,H1,390,2025-03-01 08:00,20250308,2024-03-02,0,2,K35.300,5,7,100.00,70.00,30.00,inpatient', 2, {}, 'a,b,c\n', '\nZ2,H1');
    expect(clean.issues).toEqual([]);
    expect(clean.record).toMatchObject({ caseId: 'Z1', hospitalId: 'H1', insuranceType: 'resident', admissionDate: '2025-03-01', dischargeDate: '2025-03-08', birthDate: '2024-03-02', age: 0, ageDays: 364, sex: '2', dischargeStatus: '5', losDays: 7, medicalType: 'inpatient', totalCost: '100.00' });
    for (const text of [
      'Z1,H1,390,2025-03-01 08:00,20250308,2024-03-02,0,2,K35.300,5,7,100.00,70.00,30.00,inpatient',
      ' Z1 ,H1\u3000,\u00a0employee, 2025/3/1 ,2025-03-08T23:59:59,2000-03-01,25,1 ,k35.300X001, 9,8,100,70,30, day_surgery',
      'Z1,H1,390,2025-03-01,2025-03-08,2000-03-02,25,２,K35.300,6,,100.00,70.00,30.00,Inpatient',
      'Z1,H1,390,2025-03-01,2025-03-08,,-1,,K35.300,,,100.00,70.00,30.00,inpatient,',
      'Z1,H1,390,2025-03-01,2025-03-08,,,,,,,,,',
      ',,,,,,,,,,,,,,',
    ]) {
      const got = lineIn(header, text, 9, {}, '1,2,3\n', ',4,5');
      expect(json(got)).toBe(json(parseRecordRowV2(header, text.split(','), 9, false, {})));
    }
  });
});

/** A random file under a random header: rows as lines (the fast path) and some quoted, CRLF, blank or unterminated. */
const fileArb = fc
  .tuple(headerArb, fc.array(fc.tuple(row, shapeArb, fc.constantFrom('\n', '\n', '\n', '\r\n', '"q"', ' \n')), { maxLength: 20 }), fc.integer({ min: 1, max: 300 }), fc.boolean())
  .map(([columns, rows, chunk, unterminated]) => {
    let text = columns.join(',') + '\n';
    for (const [raw, shape, eol] of rows) {
      const line = lineFor(columns, raw, shape);
      if (eol === '"q"') text += `"${line.replace(/"/gu, '""')}"\n`;
      else if (eol === ' \n') text += ` \n${line}\n`;
      else text += line + eol;
    }
    if (unterminated) text = text.replace(/\r?\n$/u, '');
    return { text, chunk };
  });

async function events(read: typeof readRecordBatches, text: string, size: number, options: ValidateRecordOptions & { maxIssues?: number }): Promise<string> {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  const out: (RecordEvent | { error: string })[] = [];
  try {
    for await (const batch of read(Readable.from(chunks), options)) out.push(...batch);
  } catch (e) {
    out.push({ error: String(e) });
  }
  return json(out);
}

describe('readRecordBatches (line reader) = reference (commit c646df2)', () => {
  it('identical events on random files, chunkings and options (seed 84)', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, fc.option(optionsArb, { nil: undefined }), async ({ text, chunk }, options) => {
        const o = options ?? {};
        expect(await events(readRecordBatches, text, chunk, o)).toBe(await events(readRecordBatchesV2 as typeof readRecordBatches, text, chunk, o));
      }),
      { seed: 84, numRuns: 300 },
    );
  });
});
