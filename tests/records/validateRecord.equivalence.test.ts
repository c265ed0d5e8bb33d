/**
 * The fast row validator (`validateRecordCells` through a compiled header; regex-free dates; normal-form code
 * shortcuts; no `RawRecord`, `Checker` or issue array per clean row) against the newest reference copies
 * (`validateRecord.v2` of e05a5af, `dates.v2` of c646df2, `splitCodeList.v1` of 25c6084; these properties first ran
 * against the copies of 7ac94e3, removed once the newer ones had been proven equal to them): the same records and the same issues — every field, code, message,
 * line and column, byte for byte as JSON — on random rows, options and headers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawRecord, RecordColumn, RecordColumnIndex } from '../../src/records/index.js';
import { RECORD_COLUMNS, completedYears, dayNumber, parseRecordDate, recordColumnIndex, splitCodeList, validateRecord, validateRecordCells } from '../../src/records/index.js';
import { BASE, dateText, nearValid, optionsArb, padded, rawRecord } from './recordArbitraries.js';
import { completedYears as completedYearsRef, dayNumber as dayNumberRef, parseRecordDate as parseRecordDateRef } from './reference/dates.v2.js';
import { splitCodeList as splitCodeListRef } from './reference/splitCodeList.v1.js';
import { validateRecord as validateRecordRef } from './reference/validateRecord.v2.js';

const json = (x: unknown): string => JSON.stringify(x);

describe('fast validator = reference (e05a5af; first proven against 7ac94e3)', () => {
  it('parseRecordDate and dayNumber: same result on random date-like text (seed 51)', () => {
    fc.assert(
      fc.property(padded(dateText), (text) => {
        const iso = parseRecordDate(text);
        expect(iso).toBe(parseRecordDateRef(text));
        if (iso !== undefined) expect(dayNumber(iso)).toBe(dayNumberRef(iso));
        let a: unknown;
        let b: unknown;
        try {
          a = dayNumber(text);
        } catch (e) {
          a = (e as Error).message;
        }
        try {
          b = dayNumberRef(text);
        } catch (e) {
          b = (e as Error).message;
        }
        expect(a).toBe(b);
      }),
      { seed: 51, numRuns: 3000 },
    );
  });

  it('splitCodeList: same entries on random lists (seed 55)', () => {
    const ch = fc.constantFrom('A', 'x', '1', '.', '*', '+', ';', ',', '；', '，', ' ', '\t', '\u3000', '\u00a0', 'Ｋ', '\n', '~', '\u007f');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 14 }), (chars) => {
        const text = chars.join('');
        expect(splitCodeList(text)).toEqual(splitCodeListRef(text));
      }),
      { seed: 55, numRuns: 3000 },
    );
  });

  it('completedYears: same years on random ISO dates and near-ISO text (seed 56)', () => {
    const iso = fc.oneof(fc.date({ min: new Date('1800-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), dateText);
    fc.assert(
      fc.property(iso, iso, (birth, at) => {
        expect(completedYears(birth, at)).toBe(completedYearsRef(birth, at));
      }),
      { seed: 56, numRuns: 3000 },
    );
  });

  it('validateRecord: same records and issues on random rows, default options (seed 52)', () => {
    fc.assert(
      fc.property(fc.oneof(rawRecord, nearValid), fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }), (raw, line) => {
        const ctx = line === undefined ? {} : { line };
        const got = validateRecord(raw, ctx);
        const want = validateRecordRef(raw, ctx);
        expect(json(got)).toBe(json(want));
        expect(got).toEqual(want);
      }),
      { seed: 52, numRuns: 1500 },
    );
  });

  it('validateRecord: same records and issues on random rows and random options (seed 53)', () => {
    fc.assert(
      fc.property(fc.oneof(rawRecord, nearValid), optionsArb, (raw, options) => {
        expect(json(validateRecord(raw, { line: 9, options }))).toBe(json(validateRecordRef(raw, { line: 9, options })));
      }),
      { seed: 53, numRuns: 1500 },
    );
  });

  it('validateRecordCells through a random header (column order, unknown columns) = validateRecord of the raw record (seed 54)', () => {
    fc.assert(
      fc.property(fc.array(nearValid, { minLength: 1, maxLength: 5 }), fc.shuffledSubarray([...RECORD_COLUMNS]), fc.nat({ max: 3 }), (rows, columns, unknown) => {
        const header: [RecordColumn, number][] = [];
        let width = 0;
        for (const c of columns) {
          width += unknown > 0 && width % 4 === 1 ? 2 : 1; // unknown cells in between
          header.push([c, width - 1]);
        }
        const index = recordColumnIndex(header);
        for (const raw of rows) {
          const cells: string[] = Array.from({ length: width }, () => 'junk');
          const seen: RawRecord = {};
          for (const [c, i] of header) {
            cells[i] = raw[c] ?? '';
            seen[c] = raw[c] ?? '';
          }
          expect(json(validateRecordCells(cells, index, 4, {}))).toBe(json(validateRecordRef(seen, { line: 4 })));
        }
      }),
      { seed: 54, numRuns: 500 },
    );
  });

  it('repeated cells: the same text again on another line, in another column, header or options = reference (seed 57)', () => {
    // A guard for any per-cell cache of the validator (issue 6 measured memos of dates and codes — bounded Maps of
    // validated texts — and dropped them: hashing a fresh cell string costs about what it saves; this property
    // caught its four mutants: memo used under a custom normalisation, day number not set on a hit, asterisk
    // code lost, invalid procedure memoised). Small pools, so a text validated on one row comes back on later
    // rows: in another date column, another header order, on another line, and under another code
    // normalisation. Invalid texts are in the pools too (their issues must name their own row's line).
    const datePool = fc.array(fc.oneof(fc.constantFrom('2025-12-01', '2025-12-10', '1941-11-12', '20251201', '2025-12-01 08:00', '2025/12/1', '2025-02-29', ' 2025-12-10', '2024-02-29 23:59:59'), dateText), { minLength: 1, maxLength: 6 });
    const dxPool = fc.array(fc.constantFrom('I63.103', 'k35.300X001', 'Ｋ３５．３００', 'K353', 'A01.000x005+J17.0*', 'J17.0*', 'A01.002†G01*', 'K35. 300', 'I50.907'), { minLength: 1, maxLength: 4 });
    const procPool = fc.array(fc.constantFrom('03.3101', '470100', '４７．０１００', '47.0100', '00.0200x001', '17.912X0', '47.01 00', 'K35.3', '03.3101;470100', '470100，４７．０１００'), { minLength: 1, maxLength: 4 });
    const pick = (pool: readonly string[]): fc.Arbitrary<string> => fc.nat({ max: pool.length - 1 }).map((i) => pool[i] as string);
    /** A date cell: mostly the row's own (BASE: consistent dates, so most rows are accepted), else one from the pool. */
    const dateCell = (pool: readonly string[]): fc.Arbitrary<string | undefined> => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: pick(pool) });
    const normalize = fc.option(fc.record({ fullWidth: fc.boolean(), insertDot: fc.boolean() }, { requiredKeys: [] }), { nil: undefined, freq: 2 });
    const batch = fc.tuple(datePool, dxPool, procPool).chain(([dates, dxs, procs]) =>
      fc.tuple(
        fc.array(
          fc.tuple(nearValid, dateCell(dates), dateCell(dates), dateCell(dates), dateCell(dates), pick(dxs), pick(procs), pick(procs), fc.integer({ min: 1, max: 10_000 }), normalize, fc.nat({ max: 1 })),
          { minLength: 2, maxLength: 12 },
        ),
        fc.shuffledSubarray([...RECORD_COLUMNS], { minLength: RECORD_COLUMNS.length }),
      ),
    );
    fc.assert(
      fc.property(batch, ([rows, order]) => {
        const headers = [RECORD_COLUMNS, order].map((cols) => recordColumnIndex(cols.map((c, i) => [c, i] as const)));
        for (const [base, admission, discharge, settlement, birth, dx, proc, others, line, norm, h] of rows) {
          const raw: RawRecord = { ...base, principal_dx: dx, principal_procedure: proc, other_procedures: others };
          if (admission !== undefined) raw.admission_date = admission;
          if (discharge !== undefined) raw.discharge_date = discharge;
          if (settlement !== undefined) raw.settlement_date = settlement;
          if (birth !== undefined) raw.birth_date = birth;
          const cols = h === 0 ? RECORD_COLUMNS : order;
          const cells = cols.map((c) => raw[c] ?? '');
          const options = norm === undefined ? {} : { normalize: norm };
          expect(json(validateRecordCells(cells, headers[h] as RecordColumnIndex, line, options))).toBe(json(validateRecordRef(raw, { line, options })));
        }
      }),
      { seed: 57, numRuns: 400 },
    );
  });

  it('a clean row shares one frozen empty issue array; validateRecord still returns a fresh one', () => {
    const index = recordColumnIndex(RECORD_COLUMNS.map((c, i) => [c, i] as const));
    const cells = RECORD_COLUMNS.map((c) => BASE[c] ?? '');
    const a = validateRecordCells(cells, index, 2, {});
    const b = validateRecordCells(cells, index, 3, {});
    expect(a.record?.caseId).toBe('C1');
    expect(a.issues).toBe(b.issues);
    expect(Object.isFrozen(a.issues)).toBe(true);
    const c = validateRecord(BASE, { line: 2 });
    expect(c.issues).toEqual([]);
    expect(Object.isFrozen(c.issues)).toBe(false);
  });
});
