import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawRecord, ValidateRecordOptions } from '../../src/records/index.js';
import { buildCodeTables, splitCodeList, validateRecord } from '../../src/records/index.js';

/** A valid raw record; tests override single cells. */
const BASE: RawRecord = {
  case_id: 'Z1',
  hospital_id: 'H410400001',
  insurance_type: '310',
  admission_date: '2025-03-01',
  discharge_date: '2025-03-08',
  birth_date: '1980-03-01',
  principal_dx: 'K35.300x001',
  total_cost: '13500.00',
  fund_paid: '9450.00',
  patient_paid: '4050.00',
};

function check(over: RawRecord, options?: ValidateRecordOptions) {
  const r = validateRecord({ ...BASE, ...over }, { line: 7, ...(options === undefined ? {} : { options }) });
  return { record: r.record, codes: r.issues.map((i) => `${i.severity}:${i.code}:${i.column ?? ''}`), issues: r.issues };
}

describe('validateRecord: a valid record', () => {
  it('normalises and derives', () => {
    const r = validateRecord(
      {
        ...BASE,
        admission_date: '2025-03-01 08:00',
        principal_dx: 'k35.300X001',
        total_cost: '13500',
        secondary_dx: 'A01.000x005+J17.0*；e11.900',
        principal_procedure: '４７．０１００',
        other_procedures: '54.2100x001, 88.5500',
        sex: '男',
        discharge_status: '死亡',
        other_paid: '0',
        insured_region: '410400',
      },
      { line: 2 },
    );
    expect(r.issues).toEqual([]);
    expect(r.record).toEqual({
      caseId: 'Z1',
      hospitalId: 'H410400001',
      insuranceType: 'employee',
      insuredRegion: '410400',
      admissionDate: '2025-03-01',
      dischargeDate: '2025-03-08',
      birthDate: '1980-03-01',
      age: 45,
      sex: '1',
      dischargeStatus: '5',
      losDays: 7,
      principalDx: 'K35.300x001',
      secondaryDx: ['A01.000x005', 'J17.0*', 'E11.900'],
      principalProcedure: '47.0100',
      otherProcedures: ['54.2100x001', '88.5500'],
      totalCost: '13500.00',
      fundPaid: '9450.00',
      patientPaid: '4050.00',
      otherPaid: '0.00',
    });
  });

  it('keeps up to 4 decimal places of money exactly', () => {
    const { record } = check({ total_cost: '2300.1234', fund_paid: '1610.0000', patient_paid: '690.1234' });
    expect([record?.totalCost, record?.fundPaid, record?.patientPaid]).toEqual(['2300.1234', '1610.00', '690.1234']);
  });

  it('moves the asterisk code of a principal dagger pair to the end of secondaryDx', () => {
    const { record } = check({ principal_dx: 'A01.000x005†J17.0*', secondary_dx: 'E11.900' });
    expect(record?.principalDx).toBe('A01.000x005');
    expect(record?.secondaryDx).toEqual(['E11.900', 'J17.0*']);
  });
});

describe('validateRecord: keys and codes', () => {
  it.each([
    [{ case_id: '' }, 'error:record.case_id_missing:case_id'],
    [{ hospital_id: '  ' }, 'error:record.hospital_id_missing:hospital_id'],
    [{ principal_dx: '' }, 'error:record.principal_dx_missing:principal_dx'],
    [{ principal_dx: '35.300' }, 'error:record.dx_code_shape:principal_dx'],
    [{ principal_dx: 'J17.0*' }, 'error:record.principal_dx_asterisk:principal_dx'],
    [{ secondary_dx: 'E11.900 I10.x00' }, 'error:record.dx_code_shape:secondary_dx'],
    [{ principal_procedure: 'K35.3' }, 'error:record.procedure_code_shape:principal_procedure'],
    [{ other_procedures: '47.0100;4701-00' }, 'error:record.procedure_code_shape:other_procedures'],
  ])('%j → %s', (over, code) => {
    const r = check(over);
    expect(r.codes).toEqual([code]);
    expect(r.record).toBeUndefined();
    expect(r.issues[0]?.line).toBe(7);
  });

  it('checks the hospital master only when given', () => {
    expect(check({ hospital_id: 'H999999999' }).codes).toEqual([]);
    expect(check({ hospital_id: 'H999999999' }, { knownHospitals: new Set(['H410400001']) }).codes).toEqual(['error:record.hospital_unknown:hospital_id']);
    expect(check({}, { knownHospitals: new Set(['H410400001']) }).codes).toEqual([]);
  });

  it('never splits a code list on +', () => {
    expect(splitCodeList('A01.000x005+J17.0*;E11.900')).toEqual(['A01.000x005+J17.0*', 'E11.900']);
    expect(splitCodeList('a；b，c,,d; ')).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('validateRecord: dates and stay', () => {
  it.each([
    [{ admission_date: '' }, 'error:record.date_missing:admission_date'],
    [{ discharge_date: '2025-02-30' }, 'error:record.date_invalid:discharge_date'],
    [{ settlement_date: '2025-3-10' }, 'error:record.date_invalid:settlement_date'],
    [{ discharge_date: '2025-02-27' }, 'error:record.discharge_before_admission:discharge_date'],
    [{ los_days: '3.5' }, 'error:record.integer_invalid:los_days'],
    [{ los_days: '9' }, 'error:record.los_mismatch:los_days'],
    [{ los_days: '5' }, 'error:record.los_mismatch:los_days'],
  ])('%j → %s', (over, code) => {
    expect(check(over).codes).toEqual([code]);
  });

  it('derives the stay from the dates, minimum 1 (0 → 1)', () => {
    expect(check({}).record?.losDays).toBe(7);
    expect(check({ discharge_date: '2025-03-01' }).record?.losDays).toBe(1);
    expect(check({ discharge_date: '2025-03-01', los_days: '0' }).record?.losDays).toBe(1);
  });

  it('accepts a given stay within ±1 day of the dates (算头算尾) and keeps it', () => {
    expect(check({ los_days: '8' }).record?.losDays).toBe(8);
    expect(check({ los_days: '6' }).record?.losDays).toBe(6);
    expect(check({ los_days: '8' }, { losToleranceDays: 0 }).codes).toEqual(['error:record.los_mismatch:los_days']);
  });

  it('keeps the settlement date', () => {
    expect(check({ settlement_date: '20250310' }).record?.settlementDate).toBe('2025-03-10');
  });
});

describe('validateRecord: age', () => {
  it('age at admission the day before and on the birthday', () => {
    expect(check({ birth_date: '1980-03-02' }).record?.age).toBe(44);
    expect(check({ birth_date: '1980-03-01' }).record?.age).toBe(45);
  });

  it('age_days under one year, derived or checked', () => {
    const r = check({ birth_date: '2024-11-15', admission_date: '2025-01-30', discharge_date: '2025-02-02' }).record;
    expect([r?.age, r?.ageDays]).toEqual([0, 76]);
    expect(check({ birth_date: '2024-11-15', admission_date: '2025-01-30', discharge_date: '2025-02-02', age_days: '75' }).codes).toEqual([
      'error:record.age_days_mismatch:age_days',
    ]);
    const given = check({ birth_date: '', age: '0', age_days: '12' }).record;
    expect([given?.age, given?.ageDays]).toEqual([0, 12]);
  });

  it.each([
    [{ age: '44' }, 'error:record.age_mismatch:age'],
    [{ birth_date: '', age: '' }, 'error:record.age_missing:age'],
    [{ birth_date: '', age: '0' }, 'error:record.age_days_missing:age_days'],
    [{ birth_date: '', age: '0', age_days: '400' }, 'error:record.integer_invalid:age_days'],
    [{ birth_date: '', age: '0', age_days: '366' }, 'error:record.age_days_mismatch:age_days'],
    [{ birth_date: '', age: '151' }, 'error:record.integer_invalid:age'],
    [{ birth_date: '2025-03-02' }, 'error:record.birth_after_admission:birth_date'],
    [{ birth_date: '1990-02-29' }, 'error:record.date_invalid:birth_date'],
  ])('%j → %s', (over, code) => {
    expect(check(over).codes).toEqual([code]);
  });

  it('takes a given age without a birth date', () => {
    expect(check({ birth_date: '', age: '60' }).record?.age).toBe(60);
  });
});

describe('validateRecord: money', () => {
  it.each([
    [{ total_cost: '' }, 'error:record.amount_missing:total_cost'],
    [{ total_cost: '-5.00' }, 'error:decimal.negative:total_cost'],
    [{ fund_paid: '1,234.00' }, 'error:decimal.thousands_separator:fund_paid'],
    [{ patient_paid: '12.34567' }, 'error:decimal.too_many_decimals:patient_paid'],
    [{ other_paid: '1e3' }, 'error:decimal.exponent:other_paid'],
    [{ drug_cost: 'NaN' }, 'error:decimal.not_finite:drug_cost'],
    [{ fund_paid: '9450.01' }, 'error:record.paid_exceeds_total:fund_paid'],
  ])('%j → %s', (over, code) => {
    expect(check(over).codes).toEqual([code]);
  });

  it('property: any plain amount keeps its exact value, at least 2 decimals, at most 4 (seed 3)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,16}$/u), fc.stringMatching(/^\d{0,6}$/u), (int, frac) => {
        const text = frac === '' ? int : `${int}.${frac}`;
        const r = check({ total_cost: text, fund_paid: '0', patient_paid: '0' }, { paymentIdentity: 'off' });
        if (frac.length > 4) {
          expect(r.codes).toEqual(['error:decimal.too_many_decimals:total_cost']);
          return;
        }
        // Independent string arithmetic: strip leading zeros of the integer part, trailing zeros of the fraction, pad to 2.
        const i = int.replace(/^0+(?=\d)/u, '');
        const f = frac.replace(/0+$/u, '').padEnd(2, '0');
        expect(r.record?.totalCost).toBe(`${i}.${f}`);
      }),
      { seed: 3, numRuns: 500 },
    );
  });

  it('payment identity: within 0.01 is fine, beyond is a warning by default (row kept)', () => {
    expect(check({ total_cost: '13500.01' }).codes).toEqual([]);
    const r = check({ total_cost: '13500.02' });
    expect(r.codes).toEqual(['warning:record.payment_identity:total_cost']);
    expect(r.record?.totalCost).toBe('13500.02');
    expect(check({ total_cost: '13600.00', other_paid: '100' }).codes).toEqual([]);
  });

  it('payment identity is configurable: off or error', () => {
    expect(check({ total_cost: '13600' }, { paymentIdentity: 'off' }).codes).toEqual([]);
    const r = check({ total_cost: '13600' }, { paymentIdentity: 'error' });
    expect(r.codes).toEqual(['error:record.payment_identity:total_cost']);
    expect(r.record).toBeUndefined();
  });

  it('itemised costs above the total are a warning', () => {
    expect(check({ drug_cost: '10000', surgery_cost: '3500.01' }).codes).toEqual(['warning:record.itemised_exceeds_total:total_cost']);
    expect(check({ drug_cost: '10000', surgery_cost: '3500' }).record?.drugCost).toBe('10000.00');
  });
});

describe('validateRecord: enumerations', () => {
  it.each([
    ['310', 'employee'],
    ['390', 'resident'],
    ['职工', 'employee'],
    ['居民', 'resident'],
    ['Employee', 'employee'],
    ['resident', 'resident'],
  ])('insurance type %s → %s', (text, pool) => {
    expect(check({ insurance_type: text }).record?.insuranceType).toBe(pool);
  });

  it('insurance code map is configurable', () => {
    expect(check({ insurance_type: '410' }, { insuranceTypeCodes: { '410': 'employee' } }).record?.insuranceType).toBe('employee');
    expect(check({ insurance_type: '310' }, { insuranceTypeCodes: { '410': 'employee' } }).codes).toEqual(['error:record.insurance_type_unknown:insurance_type']);
  });

  it.each([
    [{ insurance_type: '' }, 'error:record.insurance_type_missing:insurance_type'],
    [{ insurance_type: '410' }, 'error:record.insurance_type_unknown:insurance_type'],
    [{ sex: 'M' }, 'error:record.sex_invalid:sex'],
    [{ discharge_status: '6' }, 'error:record.discharge_status_invalid:discharge_status'],
    [{ medical_type: 'outpatient' }, 'error:record.medical_type_invalid:medical_type'],
    [{ special_case_status: 'maybe' }, 'error:record.special_case_status_invalid:special_case_status'],
    [{ insured_region: '41040' }, 'error:record.region_invalid:insured_region'],
  ])('%j → %s', (over, code) => {
    expect(check(over).codes).toEqual([code]);
  });

  it('maps codes and labels', () => {
    const r = check({ sex: '女', discharge_status: '医嘱转院', medical_type: '日间手术', special_case_status: '通过' }).record;
    expect([r?.sex, r?.dischargeStatus, r?.medicalType, r?.specialCaseStatus]).toEqual(['2', '2', 'day_surgery', 'approved']);
    expect(check({ sex: '9' }).record?.sex).toBe('9');
  });
});

describe('validateRecord: code tables', () => {
  const tables = buildCodeTables({
    diagnoses: [{ code: 'K35.300x001' }, { code: 'A00.000' }, { code: 'E11.900' }],
    procedures: [{ code: '47.0100' }, { code: '00.0100' }],
    greyDiagnoses: [{ code: 'A00.000' }],
    greyProcedures: [{ code: '00.0100' }],
  });

  it('unknown codes are warnings by default', () => {
    expect(check({ secondary_dx: 'E11.900;Z99.999', principal_procedure: '99.9999' }, { codeTables: tables }).codes).toEqual([
      'warning:codes.unknown_dx:secondary_dx',
      'warning:codes.unknown_procedure:principal_procedure',
    ]);
  });

  it('a grey principal diagnosis is an error; other grey codes are warnings', () => {
    const r = check({ principal_dx: 'A00.000' }, { codeTables: tables });
    expect(r.codes).toEqual(['error:codes.grey_principal_dx:principal_dx']);
    expect(r.record).toBeUndefined();
    expect(check({ secondary_dx: 'A00.000', principal_procedure: '00.0100' }, { codeTables: tables }).codes).toEqual([
      'warning:codes.grey_dx:secondary_dx',
      'warning:codes.grey_procedure:principal_procedure',
    ]);
  });

  it('severities are configurable', () => {
    const opts = { codeTables: tables, codeTableSeverities: { unknown: 'error', greyPrincipalDx: 'warn', greyOther: 'off' } } as const;
    expect(check({ principal_dx: 'A00.000', principal_procedure: '00.0100' }, opts).codes).toEqual(['warning:codes.grey_principal_dx:principal_dx']);
    expect(check({ secondary_dx: 'Z99.999' }, opts).codes).toEqual(['error:codes.unknown_dx:secondary_dx']);
  });
});
