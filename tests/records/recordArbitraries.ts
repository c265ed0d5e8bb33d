/** Random discharge-record cells for the old-vs-new equivalence property tests (fast-check arbitraries). */
import fc from 'fast-check';
import type { RawRecord, RecordColumn, ValidateRecordOptions } from '../../src/records/index.js';
import { RECORD_COLUMNS, buildCodeTables } from '../../src/records/index.js';

/** White space JS `trim` removes, ASCII and not (the fast trim must fall back for these). */
export const pad = fc.constantFrom('', '', '', '', ' ', '\t', '\u3000', '\u00a0', '\ufeff', ' \u2003');
export const padded = (a: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.tuple(pad, a, pad).map(([x, s, y]) => x + s + y);

const digits = (min: number, max: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`, 'u'));
const two = fc.oneof(fc.integer({ min: 0, max: 39 }).map((n) => String(n).padStart(2, '0')), digits(1, 3));
const year = fc.oneof(fc.integer({ min: 1790, max: 2100 }).map(String), digits(3, 5));
export const dateText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(year, two, two).map(([y, m, d]) => `${y}-${m}-${d}`),
  fc.tuple(year, two, two, fc.constantFrom(' ', 'T', '  ', '_'), two, two).map(([y, m, d, s, h, mi]) => `${y}-${m}-${d}${s}${h}:${mi}`),
  fc.tuple(year, two, two, fc.constantFrom(' ', 'T'), two, two, two, fc.constantFrom('', '.5', '.123456', '.1234567')).map(([y, m, d, s, h, mi, sec, f]) => `${y}-${m}-${d}${s}${h}:${mi}:${sec}${f}`),
  fc.tuple(year, two, two).map(([y, m, d]) => `${y}/${m}/${d}`),
  fc.tuple(year, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.constantFrom('', ' 8:05', ' 23:59:59', ' 24:00')).map(([y, m, d, t]) => `${y}/${m}/${d}${t}`),
  fc.tuple(year, two, two).map(([y, m, d]) => `${y}${m}${d}`),
  digits(6, 10),
  fc.stringMatching(/^[0-9\-/: T.]{0,20}$/u),
  fc.constantFrom('2024-02-29', '2025-02-29', '1900-02-29', '2000-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '1799-12-31', '1800-01-01', '２０２５-０１-０１', '2025-1-1', '2025-01-01 08:60', '2025-01-01T23:59:60'),
);

const dxToken = fc.oneof(
  fc.tuple(fc.constantFrom('A', 'K', 'X', 'Z', 'k', 'x', 'I'), digits(2, 2), fc.constantFrom('', '.', '.3', '.30', '.300', '.x', '.x00', '.3000'), fc.constantFrom('', 'x001', 'X005', 'x01', '001'), fc.constantFrom('', '', '*')).map((p) => p.join('')),
  fc.constantFrom('K35.300x001', 'A01.000x005+J17.0*', 'A01.002†G01*', 'J17.0*', 'K353', 'k35.300X001', 'Ｋ３５．３００', 'K35. 300', 'E11.900 I10.x00', '47.0100', 'A86.x00', 'X59.900', 'A00.000+', '+J17.0*', 'A+B+C'),
);
const dxList = fc.array(fc.tuple(padded(dxToken), fc.constantFrom(';', ',', '；', '，', ';;', '+')), { maxLength: 4 }).map((xs) => xs.map(([t, sep], i) => (i === 0 ? t : sep + t)).join(''));
const procToken = fc.oneof(
  fc.tuple(digits(2, 2), fc.constantFrom('', '.', '.0', '.01', '.0100', '.01000', '.x1', '.912A0', '.912X0', '.91aZ'), fc.constantFrom('', 'x001', 'X0001', 'x01')).map((p) => p.join('')),
  fc.constantFrom('470100', '４７．０１００', '1', '47', 'K35.3', '00.0200x001', '47.01 00', '17.912A0'),
);
const procList = fc.array(fc.tuple(padded(procToken), fc.constantFrom(';', ',', '；', '，')), { maxLength: 3 }).map((xs) => xs.map(([t, sep], i) => (i === 0 ? t : sep + t)).join(''));
const amountText = fc.oneof(
  fc.tuple(digits(1, 13), fc.constantFrom('', '.', '.0', '.00', '.5', '.05', '.123', '.1234', '.12345', '.10', '.100', '.1000')).map(([a, b]) => a + b),
  fc.constantFrom('0', '0.00', '00.10', '007.50', '-1', '1e3', '1,000.00', '¥100', '100.00元', '１００', '.5', '5.', 'NaN', '9999999999999999.99'),
);
const intText = fc.oneof(digits(1, 4), digits(9, 11), fc.constantFrom('0', '-1', '1.0', '１', '30天', '150', '151', '366', '367', '20000', '20001'));
const enumText = (values: readonly string[]): fc.Arbitrary<string> => fc.oneof(fc.constantFrom(...values), fc.constantFrom(...values).map((v) => v.toUpperCase()), fc.string({ maxLength: 3 }));

export const CELL: Readonly<Record<RecordColumn, fc.Arbitrary<string>>> = {
  case_id: fc.oneof(fc.constantFrom('Z1', 'Z2', 'C2025', ''), fc.string({ maxLength: 4 })),
  hospital_id: fc.oneof(fc.constantFrom('H1', 'H2', ''), fc.string({ maxLength: 3 })),
  insurance_type: enumText(['310', '390', 'employee', 'resident', '职工', '居民', 'Employee', 'x']),
  insured_region: fc.oneof(digits(5, 7), fc.constantFrom('410400', '４１０４００')),
  admission_date: dateText,
  discharge_date: dateText,
  settlement_date: dateText,
  birth_date: dateText,
  age: intText,
  age_days: intText,
  sex: enumText(['1', '2', '0', '9', '男', '女', '未知']),
  newborn_weight_g: intText,
  newborn_admission_weight_g: intText,
  principal_dx: dxToken,
  secondary_dx: dxList,
  principal_procedure: procToken,
  other_procedures: procList,
  discharge_status: enumText(['1', '2', '3', '4', '5', '9', '死亡', '其他']),
  los_days: intText,
  total_cost: amountText,
  fund_paid: amountText,
  patient_paid: amountText,
  other_paid: amountText,
  icu_days: amountText,
  ventilator_hours: amountText,
  drug_cost: amountText,
  consumable_cost: amountText,
  treatment_cost: amountText,
  surgery_cost: amountText,
  medical_type: enumText(['inpatient', 'day_surgery', '住院', '日间手术', 'Inpatient']),
  tcm_dx: fc.constantFrom('', 'BNG010', ' x '),
  special_case_status: enumText(['none', 'applied', 'approved', 'rejected', '无', '驳回']),
  source_packet: fc.constantFrom('', 'K35:X', ' p '),
};

/** A row: each column present or not, empty or not, padded or not. */
export const rawRecord: fc.Arbitrary<RawRecord> = fc
  .tuple(...RECORD_COLUMNS.map((c) => fc.option(fc.oneof({ weight: 5, arbitrary: CELL[c] }, { weight: 1, arbitrary: padded(CELL[c]) }, { weight: 1, arbitrary: fc.constant('') }), { nil: undefined, freq: 4 })))
  .map((cells) => {
    const raw: RawRecord = {};
    cells.forEach((v, k) => {
      if (v !== undefined) raw[RECORD_COLUMNS[k] as RecordColumn] = v;
    });
    return raw;
  });

/** A mostly valid row (the clean path) with some cells replaced. */
export const BASE: RawRecord = {
  case_id: 'C1',
  hospital_id: 'H1',
  insurance_type: 'resident',
  admission_date: '2025-12-01',
  discharge_date: '2025-12-10',
  settlement_date: '2025-12-15',
  birth_date: '1941-11-12',
  age: '84',
  sex: '2',
  principal_dx: 'I63.103',
  secondary_dx: 'I50.907',
  principal_procedure: '03.3101',
  discharge_status: '3',
  los_days: '9',
  total_cost: '7063.79',
  fund_paid: '5426.37',
  patient_paid: '1637.42',
  other_paid: '0.00',
  medical_type: 'inpatient',
};
export const nearValid: fc.Arbitrary<RawRecord> = fc.tuple(rawRecord, fc.subarray([...RECORD_COLUMNS], { maxLength: 4 })).map(([random, cols]) => {
  const raw: RawRecord = { ...BASE };
  for (const c of cols) {
    const v = random[c];
    if (v === undefined) delete raw[c];
    else raw[c] = v;
  }
  return raw;
});

const tables = buildCodeTables({
  diagnoses: [{ code: 'K35.300x001' }, { code: 'I63.103' }, { code: 'I50.907' }, { code: 'J17.0*' }],
  procedures: [{ code: '47.0100' }, { code: '03.3101' }],
  greyDiagnoses: [{ code: 'I50.907' }],
  greyProcedures: [{ code: '03.3101' }],
});
export const optionsArb: fc.Arbitrary<ValidateRecordOptions> = fc.record(
  {
    paymentIdentity: fc.constantFrom('off', 'warn', 'error') as fc.Arbitrary<'off' | 'warn' | 'error'>,
    paymentIdentityTolerance: fc.constantFrom('0', '0.01', '1.5', '0.00001'),
    insuranceTypeCodes: fc.constantFrom({ '310': 'employee', x: 'resident' } as const, { employee: 'resident' } as const),
    losToleranceDays: fc.integer({ min: 0, max: 3 }),
    maxAmountScale: fc.integer({ min: 0, max: 6 }),
    knownHospitals: fc.constant(new Set(['H1'])),
    normalize: fc.record({ fullWidth: fc.boolean(), insertDot: fc.boolean() }, { requiredKeys: [] }),
    codeTables: fc.constant(tables),
    codeTableSeverities: fc.constantFrom({ unknown: 'error', greyOther: 'off' } as const, { greyPrincipalDx: 'error' } as const),
  },
  { requiredKeys: [] },
);

