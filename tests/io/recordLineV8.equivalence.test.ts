/**
 * The v8 clean-line fast path (`validateCleanLine`, tried first by `parseRecordLine`) against the frozen copies of
 * commit b7561ba (`tests/io/reference/recordRowsV8.ts`, `tests/records/reference/validateRecordV8.ts`): the same
 * parsed rows — every record field in order, every issue (code, line, column, message, order), byte for byte as
 * JSON and `toStrictEqual` — on random lines under random headers and options. The rows are mostly clean
 * (random valid dates in every accepted form, ages and stays that agree or are one off, amounts with 0–5 decimal
 * places that add up or miss by a cent, normal-form code lists) with a few cells broken in every way the
 * validator knows (bad dates, money with many decimals, signs, spaces, full-width digits, odd code forms, padding,
 * non-ASCII, empty cells), so both the fast path and each of its give-ups are hit; `validateCleanLine` itself must
 * either give up or return exactly the reference result, and must accept a good share of the rows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordHeader } from '../../src/io/recordRows.js';
import { parseRecordHeader, parseRecordLine } from '../../src/io/recordRows.js';
import type { RawRecord, RecordColumn, ValidateRecordOptions } from '../../src/records/index.js';
import { RECORD_COLUMNS, REQUIRED_RECORD_COLUMNS, recordColumnIndex } from '../../src/records/index.js';
import { cleanLinePlan, validateCleanLine } from '../../src/records/validateRecord.js';
import { CELL, optionsArb, pad, padded } from '../records/recordArbitraries.js';
import { validateRecordLine as validateRecordLineV8 } from '../records/reference/validateRecordV8.js';
import { parseRecordLine as parseRecordLineV8 } from './reference/recordRowsV8.js';

const json = (x: unknown): string => JSON.stringify(x);
const pad2 = (n: number): string => String(n).padStart(2, '0');
const DAY = 86_400_000;
/** ISO date of a UTC day number (test data only). */
const iso = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** A date cell for the day, in one of the accepted forms (mostly ISO). */
const dateCell = (day: number, form: number): string => {
  const s = iso(day);
  const [y, m, d] = s.split('-') as [string, string, string];
  if (form === 1) return `${y}${m}${d}`;
  if (form === 2) return `${s} 08:30:00`;
  if (form === 3) return `${s}T23:59`;
  if (form === 4) return `${y}/${Number(m)}/${Number(d)}`;
  return s;
};
const form = fc.constantFrom(0, 0, 0, 0, 0, 0, 1, 2, 3, 4);

/**
 * An amount of `v` units of 1/10,000 yuan written with `dp` decimal places (`v` is a multiple of `10^(4 − dp)` when
 * `dp` ≤ 4; `dp` 5 adds a trailing zero to a 4-place text), maybe with leading zeros.
 */
const money = (v: number, dp: number, zeros: boolean): string => {
  const d = Math.min(dp, 4);
  const s = String(Math.floor(v / 10 ** (4 - d))).padStart(d + 1, '0');
  const t = d === 0 ? s : `${s.slice(0, s.length - d)}.${s.slice(s.length - d)}`;
  return (zeros ? '00' : '') + (dp === 5 ? `${t}0` : t);
};
/** A choice that is `good` most of the time and one of `bad` otherwise. */
const mostly = <T>(good: fc.Arbitrary<T>, ...bad: T[]): fc.Arbitrary<T> => fc.oneof({ weight: 15, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom(...bad) });

const dxCode = fc.oneof(
  { weight: 30, arbitrary: fc.tuple(fc.constantFrom('I', 'K', 'E', 'X', 'Z'), fc.integer({ min: 0, max: 99 }), fc.constantFrom('', '.3', '.x', '.300', '.x00', '.903', '.0x0'), fc.constantFrom('', '', 'x001', 'x016')).map(([l, n, s, x]) => `${l}${pad2(n)}${s}${s === '' ? '' : x}`) },
  { weight: 1, arbitrary: fc.constantFrom('J17.0*', 'A01.000x005+J17.0*', 'k35.300X001', 'K353', 'E11.900 ', ' I10.x00', 'Ｋ３５．３００', 'A00.0', 'K35.300X001') },
);
const procCode = fc.oneof(
  { weight: 30, arbitrary: fc.tuple(fc.integer({ min: 0, max: 99 }), fc.constantFrom('', '.0', '.01', '.0100', '.3101', '.912A0', '.5900'), fc.constantFrom('', '', 'x001', 'x0001')).map(([n, s, x]) => `${pad2(n)}${s}${s === '' ? '' : x}`) },
  { weight: 1, arbitrary: fc.constantFrom('470100', '44.1300X001', '４７．０１００', '47.01 00', 'K35.3', '1') },
);
const list = (code: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(fc.array(code, { maxLength: 3 }), fc.constantFrom(';', ';', ';', ';', ';', ';', ';;', '; ', '；')).map(([xs, sep]) => xs.join(sep));

/** A row that is mostly clean: consistent dates, age, stay and money; each choice sometimes off. */
const cleanRow: fc.Arbitrary<RawRecord> = fc
  .record({
    caseId: fc.oneof(fc.stringMatching(/^[A-Z]\d{1,12}$/u), fc.constantFrom('C 1', 'Z1')),
    hospitalId: fc.constantFrom('H1', 'H1', 'H2', 'H410400001'),
    insurance: mostly(fc.constantFrom('310', '390', 'employee', 'resident', 'resident', '职工', '居民'), 'x', 'Resident'),
    region: mostly(fc.constantFrom('', '', '410400'), '41040', '4104001', '4104OO'),
    admission: fc.integer({ min: 18_000, max: 20_500 }),
    stay: mostly(fc.integer({ min: 0, max: 60 }), -1, -30),
    settle: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    birthBack: fc.option(fc.oneof(fc.integer({ min: -2, max: 400 }), fc.integer({ min: 0, max: 36_000 })), { nil: undefined }),
    forms: fc.tuple(form, form, form, form),
    ageOff: mostly(fc.constantFrom(undefined, 0), 1, -1, -1000),
    ageDaysOff: mostly(fc.constantFrom(undefined, 0), 1, -1),
    losOff: mostly(fc.constantFrom(undefined, 0, 0, 1, -1), 2, -2),
    sex: mostly(fc.constantFrom('1', '2', '0', '9', '', '男', '女'), '3', 'x', '12', '9x'),
    status: mostly(fc.constantFrom('1', '2', '3', '4', '5', '9', '', '死亡'), '6', '0', '11', '5x'),
    medical: mostly(fc.constantFrom('inpatient', 'inpatient', 'day_surgery', '', '住院'), 'Inpatient', 'x'),
    special: mostly(fc.constantFrom('', '', 'none', 'applied', '无'), 'x'),
    dx: dxCode,
    secondary: list(dxCode),
    procedure: fc.oneof(fc.constant(''), procCode),
    others: list(procCode),
    tcm: fc.constantFrom('', '', 'BNG010', 'a b'),
    source: fc.constantFrom('', 'I63:ZDXCZ', 'K35'),
    unit: fc.constantFrom(100, 100, 100, 1, 10_000),
    fund: fc.integer({ min: 0, max: 2_000_000 }),
    patient: fc.integer({ min: 0, max: 500_000 }),
    other: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
    gap: mostly(fc.constantFrom(0, 0, 0, 50, 100, -100), 101, -101, 1_000_000, -1_000_000_000),
    dps: fc.tuple(fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 1, 2), fc.constantFrom(0, 0, 0, 0, 0, 0, 1, 2), fc.constantFrom(0, 0, 0, 0, 0, 1), fc.constantFrom(0, 0, 0, 0, 0, 2)),
    zeros: mostly(fc.constant(false), true),
    items: fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), { minLength: 4, maxLength: 4 }),
    icu: mostly(fc.constantFrom('', '', '', '1.5', '2', '00.50'), '0.12345', '1e3'),
    vent: mostly(fc.constantFrom('', '', '12', '3.25'), '-1'),
    weight: mostly(fc.constantFrom('', '', '', '3200', '0'), '20001'),
    // Age and age in days when there is no birth date: infants around the one-year bound.
    noBirthAge: fc.constantFrom(40, 0, 0, 1),
    noBirthDays: fc.constantFrom(100, 0, 364, 365, 366),
  })
  .map((r) => {
    const discharge = r.admission + r.stay;
    const birth = r.birthBack === undefined ? undefined : r.admission - r.birthBack;
    const a = new Date(r.admission * DAY);
    const bd = birth === undefined ? undefined : new Date(birth * DAY);
    const years = bd === undefined ? r.noBirthAge : a.getUTCFullYear() - bd.getUTCFullYear() - (a.getUTCMonth() * 100 + a.getUTCDate() < bd.getUTCMonth() * 100 + bd.getUTCDate() ? 1 : 0);
    // Amounts in units of `unit` (1/10,000 yuan): written exactly with the places the unit needs, plus 0–2 more
    // (trailing zeros), and sometimes one place too many (dp 5).
    const need = r.unit === 1 ? 4 : r.unit === 100 ? 2 : 0;
    const dp = (extra: number): number => Math.min(need + extra, need === 4 && extra > 0 ? 5 : 4);
    const fund = r.fund * r.unit;
    const patient = r.patient * r.unit;
    const other = r.other === undefined ? undefined : r.other * r.unit;
    const total = Math.max(fund + patient + (other ?? 0) + r.gap * (r.unit === 10_000 ? 100 : 1), 0);
    const item = (k: number | undefined, d: number): string => (k === undefined ? '' : money(Math.floor((total * k) / 16 / r.unit) * r.unit, d, false));
    const days = birth === undefined ? r.noBirthDays : r.admission - birth;
    const raw: RawRecord = {
      case_id: r.caseId,
      hospital_id: r.hospitalId,
      insurance_type: r.insurance,
      insured_region: r.region,
      admission_date: dateCell(r.admission, r.forms[0]),
      discharge_date: dateCell(discharge, r.forms[1]),
      settlement_date: r.settle === undefined ? '' : dateCell(discharge + r.settle, r.forms[2]),
      birth_date: birth === undefined ? '' : dateCell(birth, r.forms[3]),
      age: r.ageOff === undefined && birth !== undefined ? '' : String(Math.max(0, years + (r.ageOff ?? 0))),
      age_days: r.ageDaysOff === undefined || days > 366 ? '' : String(days + r.ageDaysOff),
      los_days: r.losOff === undefined ? '' : String(Math.max(0, Math.max(r.stay, 1) + r.losOff)),
      sex: r.sex,
      discharge_status: r.status,
      medical_type: r.medical,
      special_case_status: r.special,
      principal_dx: r.dx,
      secondary_dx: r.secondary,
      principal_procedure: r.procedure,
      other_procedures: r.others,
      tcm_dx: r.tcm,
      source_packet: r.source,
      total_cost: money(Math.floor(total / r.unit) * r.unit, dp(r.dps[0]), r.zeros),
      fund_paid: money(fund, dp(r.dps[1]), false),
      patient_paid: money(patient, dp(r.dps[2]), false),
      other_paid: other === undefined ? '' : money(other, dp(r.dps[3]), r.zeros),
      drug_cost: item(r.items[0], dp(0)),
      consumable_cost: item(r.items[1], dp(r.dps[3])),
      treatment_cost: item(r.items[2], dp(0)),
      surgery_cost: item(r.items[3], dp(1)),
      icu_days: r.icu,
      ventilator_hours: r.vent,
      newborn_weight_g: r.weight,
      newborn_admission_weight_g: r.weight,
    };
    return raw;
  });

/**
 * A clean row with 0–2 cells replaced by any cell of `recordArbitraries` (bad forms of every kind), maybe padded,
 * and maybe one clean cell padded with white space `trim()` removes (or characters it keeps).
 */
const row: fc.Arbitrary<RawRecord> = fc
  .tuple(
    cleanRow,
    fc.array(
      fc.constantFrom(...RECORD_COLUMNS).chain((c) => fc.tuple(fc.constant(c), fc.oneof({ weight: 3, arbitrary: CELL[c] }, { weight: 1, arbitrary: padded(CELL[c]) }, { weight: 1, arbitrary: fc.constant('') }))),
      { maxLength: 2 },
    ),
    fc.constantFrom(0, 0, 0, 1, 2),
    fc.option(fc.tuple(fc.constantFrom(...RECORD_COLUMNS), fc.oneof(pad, fc.constantFrom('\u0085', '\u007f', '\u200b', '\u180e', '\u2028', '\u205f', '男')), fc.boolean()), { nil: undefined, freq: 3 }),
  )
  .map(([raw, changes, n, padding]) => {
    const out = { ...raw };
    for (const [c, v] of changes.slice(0, n)) out[c] = v;
    if (padding !== undefined) {
      const [c, p, atEnd] = padding;
      const v = out[c];
      if (v !== undefined && v !== '') out[c] = atEnd ? v + p : p + v;
    }
    return out;
  });

/** A random header: the required columns, `age`, a shuffled subset of the others, unknown columns anywhere. */
const headerArb = fc
  .tuple(fc.subarray(RECORD_COLUMNS.filter((c) => !REQUIRED_RECORD_COLUMNS.includes(c) && c !== 'age'), { minLength: 10 }), fc.array(fc.nat(), { maxLength: 2 }), fc.boolean())
  .chain(([optional, unknownAt, shuffle]) =>
    (shuffle ? fc.shuffledSubarray([...REQUIRED_RECORD_COLUMNS, 'age', ...optional] as string[], { minLength: REQUIRED_RECORD_COLUMNS.length + 1 + optional.length }) : fc.constant([...REQUIRED_RECORD_COLUMNS, 'age', ...optional] as string[])).map((cols) => {
      const columns = [...cols];
      unknownAt.forEach((at, i) => columns.splice(at % (columns.length + 1), 0, `备注${i}`));
      return columns;
    }),
  );

/** The line of a row: its cells joined by commas, sometimes one cell short or one too many (a column-count row). */
const lineOf = (columns: readonly string[], raw: RawRecord, shape = 0): string => {
  const cells = columns.map((c) => (c.startsWith('备注') ? 'note' : (raw[c as RecordColumn] ?? '')));
  if (shape < 0) cells.pop();
  if (shape > 0) cells.push(shape === 1 ? '' : 'x');
  return cells.join(',');
};
const shapeArb = fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, -1, 1, 2);
/** Text around the line in the tokenizer's buffer (commas there must not count). */
const around = fc.constantFrom('', 'a,b\n', ',,', '\n1,2,3');
/** Options: mostly the defaults (what `dip settle` passes), else random ones. */
const options = fc.oneof({ weight: 2, arbitrary: fc.constant<ValidateRecordOptions>({}) }, { weight: 1, arbitrary: fc.constant<ValidateRecordOptions>({ knownHospitals: new Set(['H1', 'H2']) }) }, { weight: 2, arbitrary: optionsArb });

const START = Int32Array.from({ length: 200 });
/** The cell starts of a line without quotes, as `parseRecordLine` gives them to the validators (or undefined: wrong count). */
const startsOf = (text: string, from: number, to: number, width: number): Int32Array | undefined => {
  let k = 1;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 44) START[k++] = i + 1;
  if (k !== width) return undefined;
  START[0] = from;
  START[width] = to + 1;
  return START;
};

describe('v8 clean-line fast path = reference (commit b7561ba)', () => {
  it('parseRecordLine = parseRecordLineV8 on random mostly-clean lines, headers and options (seed 811)', () => {
    let clean = 0;
    let rows = 0;
    fc.assert(
      fc.property(headerArb, fc.array(fc.tuple(row, around, around, shapeArb), { minLength: 1, maxLength: 3 }), options, (columns, lines, o) => {
        const { header } = parseRecordHeader(columns, 1);
        lines.forEach(([raw, pre, post, shape], k) => {
          const text = lineOf(columns, raw, shape);
          const s = pre + text + post;
          const got = parseRecordLine(header, s, pre.length, pre.length + text.length, k + 2, o);
          const want = parseRecordLineV8(header as RecordHeader, s, pre.length, pre.length + text.length, k + 2, o);
          expect(json(got)).toBe(json(want));
          expect(got).toStrictEqual(want);
          rows++;
          if (got.record !== undefined && got.issues.length === 0) clean++;
        });
      }),
      { seed: 811, numRuns: 4000 },
    );
    // Both paths are exercised: clean rows and rows with issues.
    expect(clean).toBeGreaterThan(rows * 0.05);
    expect(clean).toBeLessThan(rows * 0.85);
  });

  it('validateCleanLine gives up or returns exactly validateRecordLineV8, and accepts a good share (seed 812)', () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(headerArb, row, options, around, shapeArb, (columns, raw, o, pre, shape) => {
        const { header } = parseRecordHeader(columns, 1);
        const index = recordColumnIndex(header.entries);
        const plan = cleanLinePlan(header.entries, header.width);
        if (plan === undefined) throw new Error('a mapped header is one-to-one');
        const text = lineOf(columns, raw, shape);
        const s = pre + text + ',x';
        const got = validateCleanLine(s, pre.length, pre.length + text.length, plan, 9, o);
        const starts = startsOf(s, pre.length, pre.length + text.length, header.width);
        runs++;
        if (starts === undefined) {
          expect(got).toBeUndefined();
          return;
        }
        const want = validateRecordLineV8(s, starts, index, 9, o);
        // Giving up is always allowed (parseRecordLine then runs the full checks, compared in the test above).
        if (got === undefined) return;
        accepted++;
        expect(json(got)).toBe(json(want));
        expect(got).toStrictEqual(want);
      }),
      { seed: 812, numRuns: 6000 },
    );
    expect(accepted).toBeGreaterThan(runs * 0.03);
  });

  it('hand-checked lines: the 200k file\'s first row, a dagger pair, a list with an empty entry, a warning row', () => {
    const columns = ['case_id', 'hospital_id', 'insurance_type', 'admission_date', 'discharge_date', 'settlement_date', 'birth_date', 'age', 'age_days', 'sex', 'principal_dx', 'secondary_dx', 'principal_procedure', 'other_procedures', 'discharge_status', 'los_days', 'total_cost', 'fund_paid', 'patient_paid', 'other_paid', 'medical_type', 'source_packet', 'source_unambiguous', 'source_outlier'];
    const { header } = parseRecordHeader(columns, 1);
    const first = 'C20250000001,H410400029,resident,2025-12-01,2025-12-10,2025-12-15,1941-11-12,84,,2,I63.103,I50.907,03.3101,,3,9,7063.79,5426.37,1637.42,0.00,inpatient,I63:ZDXCZ,1,';
    const r = parseRecordLine(header, first, 0, first.length, 2, {});
    expect(validateCleanLine(first, 0, first.length, cleanLinePlan(header.entries, header.width) as NonNullable<ReturnType<typeof cleanLinePlan>>, 2, {})).toStrictEqual({ record: r.record, issues: [] });
    // Not one-to-one within the width: no plan (a hand-made header); such a header still parses by the full path.
    expect(cleanLinePlan([['case_id', 0], ['hospital_id', 0]], 2)).toBeUndefined();
    expect(cleanLinePlan([['case_id', 0], ['case_id', 1]], 2)).toBeUndefined();
    expect(cleanLinePlan([['case_id', 2]], 2)).toBeUndefined();
    expect(cleanLinePlan([['case_id', 0], ['hospital_id', 2]], 3)?.ords).toEqual(Int8Array.of(0, -1, 1));
    expect(r.issues).toEqual([]);
    expect(r.record).toStrictEqual({
      caseId: 'C20250000001', hospitalId: 'H410400029', insuranceType: 'resident', insuredRegion: undefined, admissionDate: '2025-12-01', dischargeDate: '2025-12-10',
      settlementDate: '2025-12-15', birthDate: '1941-11-12', age: 84, ageDays: undefined, sex: '2', newbornWeightG: undefined, newbornAdmissionWeightG: undefined,
      principalDx: 'I63.103', secondaryDx: ['I50.907'], principalProcedure: '03.3101', otherProcedures: [], dischargeStatus: '3', losDays: 9, totalCost: '7063.79',
      fundPaid: '5426.37', patientPaid: '1637.42', otherPaid: '0.00', icuDays: undefined, ventilatorHours: undefined, drugCost: undefined, consumableCost: undefined,
      treatmentCost: undefined, surgeryCost: undefined, medicalType: 'inpatient', tcmDx: undefined, specialCaseStatus: undefined, sourcePacket: 'I63:ZDXCZ',
    });
    for (const text of [
      first,
      'C2,H1,employee,2025-01-01,2025-01-03,,,40,,1,E11.300x041+H36.0*,M81.801;;I69.300x003;,,12.5900x001;13.7100x001,1,,100,70,30,,inpatient,,,',
      'C3,H1,310,20250101,2025-01-01 08:00,,2024-12-31,0,1,2,K35.300,,47.0100,,5,1,100.00,70.00,29.98,,day_surgery,,,',
      'C4,H1,390,2025-01-01,2025-01-05,,,,,1,K35.300,,,,1,4,100.00,70.00,30.00,,inpatient,,,',
    ]) {
      const got = parseRecordLine(header, text, 0, text.length, 3, {});
      const want = parseRecordLineV8(header, text, 0, text.length, 3, {});
      expect(json(got)).toBe(json(want));
      expect(got).toStrictEqual(want);
    }
  });
});
