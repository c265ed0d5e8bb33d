import { describe, expect, it } from 'vitest';
import { loadCodeTables, readCodeTableCsv } from '../../src/io/index.js';
import { validateRecord } from '../../src/records/index.js';

describe('loadCodeTables (fixtures/icd, 医保版 2.0)', () => {
  it('loads the four tables', async () => {
    const t = await loadCodeTables('fixtures/icd');
    expect(t.procedures.size).toBe(13_686);
    expect(t.diagnoses.has('K35.300')).toBe(true);
    expect(t.diagnoses.has('A01.000x005+J17.0*')).toBe(true);
    expect(t.diagnoses.has('A01.000x005')).toBe(true); // the dagger part of a pair is known on its own
    expect(t.diagnoses.has('J17.0*')).toBe(true); // and so is its asterisk part
    expect(t.greyDiagnoses.has('A00.000')).toBe(true);
    expect(t.greyProcedures.has('00.0100')).toBe(true);
  });

  it('keeps quoted names with commas', async () => {
    const rows = await readCodeTableCsv('fixtures/icd/icd10-yb-2.0-grey.csv');
    expect(rows.find((r) => r.code === 'A36.800')).toEqual({ code: 'A36.800', name: '白喉,其他的' });
    expect(rows).toHaveLength(2_725);
  });

  it('flags a grey principal diagnosis as an error, an unknown code as a warning', async () => {
    const codeTables = await loadCodeTables('fixtures/icd');
    const base = { case_id: 'Z1', hospital_id: 'H1', insurance_type: '310', admission_date: '2025-01-01', discharge_date: '2025-01-02', age: '40', total_cost: '1', fund_paid: '1', patient_paid: '0' };
    const grey = validateRecord({ ...base, principal_dx: 'A00.000' }, { options: { codeTables } });
    expect(grey.issues.map((i) => [i.severity, i.code])).toEqual([['error', 'codes.grey_principal_dx']]);
    const unknown = validateRecord({ ...base, principal_dx: 'K35.300', principal_procedure: '47.0199' }, { options: { codeTables } });
    expect(unknown.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'codes.unknown_procedure']]);
    expect(unknown.record?.principalProcedure).toBe('47.0199');
  });
});
