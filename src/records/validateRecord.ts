import type { Issue } from '../core/issue.js';
import { excerpt } from '../core/issue.js';
import type { Dec, Yuan } from '../decimal/index.js';
import { ZERO, dec, formatDecimal, formatFixed, parseDecimal } from '../decimal/index.js';
import type { NormalizeOptions } from '../codes/index.js';
import { isDiagnosisCodeShape, isProcedureCodeShape, normalizeProcedureCode, splitDaggerPair } from '../codes/index.js';
import type { CheckSeverity, CodeTableSeverities, CodeTables } from './codeTables.js';
import { checkRecordCodes } from './codeTables.js';
import type { RawRecord, RecordColumn } from './columns.js';
import { RECORD_COLUMNS } from './columns.js';
import { isNormalDxAt, isNormalProcedureAt, keptByTrim } from './codeShapes.js';
import { DATE_YMD, dayNumberOf, parseRecordDateAt } from './dates.js';
import { DEFAULT_INSURANCE_TYPE_CODES, parseDischargeStatus, parseInsuranceType, parseMedicalType, parseSex, parseSpecialCaseStatus } from './enums.js';
import { MONEY_SCALE, scaledAmount, scaledAmountAt, scaledMoneyText } from './scaledMoney.js';
import { splitCodeList } from './splitCodeList.js';
import type { DischargeRecord, DischargeStatus, InsuranceType, MedicalType, Sex } from './types.js';

/** Options of {@link validateRecord}; every field has a documented default. */
export interface ValidateRecordOptions {
  /**
   * The payment identity `total_cost = fund_paid + other_paid + patient_paid` (DIP-RULES.md §2.3; no published
   * source): `'off'`, `'warn'` (default: reported, row kept) or `'error'` (row rejected).
   */
  readonly paymentIdentity?: CheckSeverity;
  /** Tolerance of the payment identity, inclusive, in yuan. Default `'0.01'` (DIP-RULES.md §2.3). */
  readonly paymentIdentityTolerance?: string;
  /** 险种 cell → pool. Default {@link DEFAULT_INSURANCE_TYPE_CODES} (310 → employee, 390 → resident, 职工, 居民…). */
  readonly insuranceTypeCodes?: Readonly<Record<string, InsuranceType>>;
  /**
   * Days a given `los_days` may differ from `max(discharge − admission, 1)` before the row is rejected
   * (`record.los_mismatch`). Default 1: hospitals that count both the admission and the discharge day
   * (算头算尾) report one day more than the date difference. No published source.
   */
  readonly losToleranceDays?: number;
  /** Most decimal places of an amount. Default 4 (DIP-RULES.md §8.7: input money 2 dp, up to 4 accepted). */
  readonly maxAmountScale?: number;
  /**
   * The hospital master's ids (DIP-RULES.md §2.1, §2.4: `hospital_id` "must exist in the hospital master"). When
   * given, an id not in it is an error (`record.hospital_unknown`); when absent, not checked.
   */
  readonly knownHospitals?: ReadonlySet<string>;
  /** Code normalisation options (DIP-RULES.md §3.5), passed to `src/codes`. */
  readonly normalize?: NormalizeOptions;
  /** Full code-table validation (unknown and grey codes); skipped when absent. */
  readonly codeTables?: CodeTables;
  /** Severities of the code-table findings (see `CodeTableSeverities` for the defaults). */
  readonly codeTableSeverities?: CodeTableSeverities;
}

/** Where a raw record comes from, and how to validate it. */
export interface ValidateRecordContext {
  /** 1-based physical line the record starts on, copied into every issue. */
  readonly line?: number;
  readonly options?: ValidateRecordOptions;
}

/** Outcome of {@link validateRecord}: the record when no issue is an error, and every issue found. */
export interface ValidateRecordResult {
  readonly record?: DischargeRecord;
  readonly issues: Issue[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/**
 * The record as built: every field of {@link DischargeRecord} present, in one fixed order, `undefined` when absent
 * (readers test `!== undefined`, never `in`; `toEqual` and `JSON.stringify` see the same record).
 */
type FixedRecord = { readonly [K in keyof Required<DischargeRecord>]: DischargeRecord[K] | undefined };
/** The record being built: the fixed shape from the start, so filling it never changes its hidden class. */
type Out = Mutable<FixedRecord>;

/**
 * A record with every field `undefined`, in the one fixed order (the order of `DischargeRecord`). Filled in place
 * and returned as the record: every record shares one hidden class, so the grouper's and the run's property reads
 * stay monomorphic (records built from `{}` by conditional assignment took dozens of shapes; bench/RESULTS.md).
 */
function emptyRecord(): Out {
  return {
    caseId: undefined,
    hospitalId: undefined,
    insuranceType: undefined,
    insuredRegion: undefined,
    admissionDate: undefined,
    dischargeDate: undefined,
    settlementDate: undefined,
    birthDate: undefined,
    age: undefined,
    ageDays: undefined,
    sex: undefined,
    newbornWeightG: undefined,
    newbornAdmissionWeightG: undefined,
    principalDx: undefined,
    secondaryDx: undefined,
    principalProcedure: undefined,
    otherProcedures: undefined,
    dischargeStatus: undefined,
    losDays: undefined,
    totalCost: undefined,
    fundPaid: undefined,
    patientPaid: undefined,
    otherPaid: undefined,
    icuDays: undefined,
    ventilatorHours: undefined,
    drugCost: undefined,
    consumableCost: undefined,
    treatmentCost: undefined,
    surgeryCost: undefined,
    medicalType: undefined,
    tcmDx: undefined,
    specialCaseStatus: undefined,
    sourcePacket: undefined,
  };
}

const ONE_CENT = dec('0.01');
/** A plain non-negative decimal (the form `parseDecimal` accepts without an issue, up to its scale check). */
const PLAIN_AMOUNT = /^\d{1,20}(?:\.(\d{1,20}))?$/u;

/** Itemised cost columns (DIP-RULES.md §2.1) and their record fields. */
const ITEMISED: readonly (readonly [RecordColumn, keyof DischargeRecord])[] = [
  ['drug_cost', 'drugCost'],
  ['consumable_cost', 'consumableCost'],
  ['treatment_cost', 'treatmentCost'],
  ['surgery_cost', 'surgeryCost'],
];

/**
 * Column ordinal (index in `RECORD_COLUMNS`) → 0-based cell index in a row, or -1 when the column is absent: a
 * header compiled for {@link validateRecordCells}. Build it with {@link recordColumnIndex}.
 */
export type RecordColumnIndex = Int32Array;

/**
 * Ordinal of each column in `RECORD_COLUMNS`, as compile-time constants: the clean-row fast path addresses its cell
 * ranges by them (`range[2 * Col.principal_dx]`), and esbuild inlines a `const enum`, so that compiles to the literal
 * offset it replaced (no load per cell). Checked against `RECORD_COLUMNS` at load through {@link C} (each entry is
 * the member of its own name): a reordered or extended column list throws at import instead of reading wrong cells.
 */
const enum Col { case_id = 0, hospital_id = 1, insurance_type = 2, insured_region = 3, admission_date = 4, discharge_date = 5, settlement_date = 6, birth_date = 7, age = 8, age_days = 9, sex = 10, newborn_weight_g = 11, newborn_admission_weight_g = 12, principal_dx = 13, secondary_dx = 14, principal_procedure = 15, other_procedures = 16, discharge_status = 17, los_days = 18, total_cost = 19, fund_paid = 20, patient_paid = 21, other_paid = 22, icu_days = 23, ventilator_hours = 24, drug_cost = 25, consumable_cost = 26, treatment_cost = 27, surgery_cost = 28, medical_type = 29, tcm_dx = 30, special_case_status = 31, source_packet = 32 }
/** {@link Col} as a table by column name (for names known at run time; `C.case_id` is a constant-shape load). */
const C = { case_id: Col.case_id, hospital_id: Col.hospital_id, insurance_type: Col.insurance_type, insured_region: Col.insured_region, admission_date: Col.admission_date, discharge_date: Col.discharge_date, settlement_date: Col.settlement_date, birth_date: Col.birth_date, age: Col.age, age_days: Col.age_days, sex: Col.sex, newborn_weight_g: Col.newborn_weight_g, newborn_admission_weight_g: Col.newborn_admission_weight_g, principal_dx: Col.principal_dx, secondary_dx: Col.secondary_dx, principal_procedure: Col.principal_procedure, other_procedures: Col.other_procedures, discharge_status: Col.discharge_status, los_days: Col.los_days, total_cost: Col.total_cost, fund_paid: Col.fund_paid, patient_paid: Col.patient_paid, other_paid: Col.other_paid, icu_days: Col.icu_days, ventilator_hours: Col.ventilator_hours, drug_cost: Col.drug_cost, consumable_cost: Col.consumable_cost, treatment_cost: Col.treatment_cost, surgery_cost: Col.surgery_cost, medical_type: Col.medical_type, tcm_dx: Col.tcm_dx, special_case_status: Col.special_case_status, source_packet: Col.source_packet } as const satisfies Record<RecordColumn, Col>;
const ORDINAL: Readonly<Record<RecordColumn, number>> = C;
RECORD_COLUMNS.forEach((c, i) => {
  if (C[c] !== i) throw new Error(`validateRecord: column ordinal of ${c} is not ${i}`);
});

/**
 * Compile a header's (column, cell index) pairs into a {@link RecordColumnIndex} for {@link validateRecordCells}.
 *
 * @example
 * ```ts
 * const index = recordColumnIndex([['case_id', 0], ['hospital_id', 2]]);
 * index[RECORD_COLUMNS.indexOf('hospital_id')]; // 2
 * index[RECORD_COLUMNS.indexOf('age')];         // -1
 * ```
 */
export function recordColumnIndex(entries: Iterable<readonly [RecordColumn, number]>): RecordColumnIndex {
  const index = new Int32Array(RECORD_COLUMNS.length).fill(-1);
  for (const [c, i] of entries) index[ORDINAL[c]] = i;
  return index;
}

/** Identity index: cell k holds column k (the cell array `validateRecord` builds from a `RawRecord`). */
const IDENTITY: RecordColumnIndex = Int32Array.from(RECORD_COLUMNS, (_c, i) => i);

/** The issues of a clean row: one shared frozen empty array (no allocation per clean row). */
const NO_ISSUES: Issue[] = Object.freeze([]) as unknown as Issue[];

/** Sex codes by `charCode − 48` (`'0'`, `'1'`, `'2'`, `'9'`): the values `sexOf` returns for those one-character cells. */
const SEX_CODES: readonly (Sex | undefined)[] = ['0', '1', '2', undefined, undefined, undefined, undefined, undefined, undefined, '9'];
/** Discharge status codes by `charCode − 48` (`'1'`–`'5'`, `'9'`): the values `dischargeStatusOf` returns for those cells. */
const STATUS_CODES: readonly (DischargeStatus | undefined)[] = [undefined, '1', '2', '3', '4', '5', undefined, undefined, undefined, '9'];

/**
 * Per-row check helpers over a row and a column index. One instance is reused for every row (reset by `start` or
 * `startLine`): no per-row object or closure. The issue array is created on the first issue only.
 *
 * A row is either a cell array (`start`: cell `i` is `cells[i]`) or one CSV line without quotes (`startLine`: cell
 * `i` is `text.slice(starts[i], starts[i + 1] - 1)`, what `text.split(',')[i]` gives). Every check reads a cell
 * through {@link Checker.span}: the trimmed cell as a range `[a, b)` of a string `s`, so a cell that is only
 * checked or turned into a number (integers, enumerations, the date parse) is read by char codes in place and never
 * becomes a string of its own; {@link Checker.cellAt} makes the string (equal to the old `trimCell(cell)`) for the
 * cells that are kept or quoted in an issue.
 */
class Checker {
  cells: readonly string[] | undefined = undefined;
  text = '';
  starts: Int32Array = new Int32Array(0);
  index: RecordColumnIndex = IDENTITY;
  issues: Issue[] | undefined;
  at: { line?: number } = {};
  maxScale = 4;
  /** The trimmed cell of the last {@link Checker.span}: `s.slice(a, b)`. */
  s = '';
  a = 0;
  b = 0;
  /** Day number and `y·10000 + m·100 + d` of the date last returned by {@link Checker.date}. */
  day = 0;
  ymd = 0;

  start(cells: readonly string[], index: RecordColumnIndex, line: number | undefined, maxScale: number): void {
    this.cells = cells;
    this.index = index;
    this.issues = undefined;
    this.at = line === undefined ? {} : { line };
    this.maxScale = maxScale;
  }

  startLine(text: string, starts: Int32Array, index: RecordColumnIndex, line: number | undefined, maxScale: number): void {
    this.cells = undefined;
    this.text = text;
    this.starts = starts;
    this.index = index;
    this.issues = undefined;
    this.at = line === undefined ? {} : { line };
    this.maxScale = maxScale;
  }

  push(issue: Issue): void {
    if (this.issues === undefined) this.issues = [issue];
    else this.issues.push(issue);
  }

  err(code: string, column: RecordColumn, message: string, received?: string, expected?: string): void {
    this.push({
      severity: 'error',
      code,
      message: `${column}: ${message}`,
      column,
      ...this.at,
      ...(received === undefined ? {} : { received: excerpt(received) }),
      ...(expected === undefined ? {} : { expected }),
    });
  }

  warn(code: string, column: RecordColumn, message: string, received?: string): void {
    this.push({ severity: 'warning', code, message: `${column}: ${message}`, column, ...this.at, ...(received === undefined ? {} : { received: excerpt(received) }) });
  }

  /** The untrimmed cell of column ordinal `k` (`''` when the column is absent). */
  rawCell(k: number): string {
    const i = this.index[k] as number;
    if (i < 0) return '';
    if (this.cells !== undefined) return this.cells[i] as string;
    return this.text.slice(this.starts[i] as number, (this.starts[i + 1] as number) - 1);
  }

  /**
   * Point `s`, `a`, `b` at the trimmed cell of column ordinal `k` (an empty range when the column is absent): the
   * untrimmed cell's range when it is empty or both its ends are visible ASCII (what `trimCell` returns unchanged),
   * else its `trim()` as a string of its own.
   */
  span(k: number): void {
    const i = this.index[k] as number;
    let s: string;
    let a: number;
    let b: number;
    if (i < 0) {
      s = '';
      a = 0;
      b = 0;
    } else if (this.cells !== undefined) {
      s = this.cells[i] as string;
      a = 0;
      b = s.length;
    } else {
      s = this.text;
      a = this.starts[i] as number;
      b = (this.starts[i + 1] as number) - 1;
    }
    if (b > a) {
      const x = s.charCodeAt(a);
      const y = s.charCodeAt(b - 1);
      if (!(x > 32 && x < 127 && y > 32 && y < 127)) {
        s = s.slice(a, b).trim();
        a = 0;
        b = s.length;
      }
    }
    this.s = s;
    this.a = a;
    this.b = b;
  }

  /** The string of the last {@link Checker.span}. */
  spanText(): string {
    const s = this.s;
    return this.a === 0 && this.b === s.length ? s : s.slice(this.a, this.b);
  }

  /** The trimmed cell of column ordinal `k` (`trimCell` of the cell). */
  cellAt(k: number): string {
    this.span(k);
    return this.spanText();
  }

  /**
   * The ISO date of column ordinal `k` (parsed in place by `parseRecordDateAt`), or `undefined` when empty or
   * invalid (with its issue). When a date is returned, `day` and `ymd` hold its day number and `y·10000 + m·100 + d`.
   */
  date(k: number, required: boolean): string | undefined {
    const c = RECORD_COLUMNS[k] as RecordColumn;
    this.span(k);
    if (this.b === this.a) {
      if (required) this.err('record.date_missing', c, 'date is empty');
      return undefined;
    }
    const iso = parseRecordDateAt(this.s, this.a, this.b);
    if (iso === undefined) {
      const text = this.spanText();
      this.err('record.date_invalid', c, `"${excerpt(text, 30)}" is not a valid calendar date`, text, 'YYYY-MM-DD, YYYY-MM-DD HH:mm[:ss], YYYY/MM/DD or YYYYMMDD');
      return undefined;
    }
    const y = DATE_YMD[0] as number;
    const mo = DATE_YMD[1] as number;
    const d = DATE_YMD[2] as number;
    this.day = dayNumberOf(y, mo, d);
    this.ymd = y * 10_000 + mo * 100 + d;
    return iso;
  }

  integer(k: number, max: number): number | undefined {
    const c = RECORD_COLUMNS[k] as RecordColumn;
    this.span(k);
    const s = this.s;
    const a = this.a;
    const b = this.b;
    const n = b - a;
    if (n === 0) return undefined;
    // /^\d{1,9}$/ by hand: the value of at most 9 ASCII digits is exact.
    let v = n <= 9 ? 0 : -1;
    for (let i = a; i < b && v >= 0; i++) {
      const d = s.charCodeAt(i) - 48;
      v = d >= 0 && d <= 9 ? v * 10 + d : -1;
    }
    if (v < 0 || v > max) {
      const text = this.spanText();
      this.err('record.integer_invalid', c, `"${excerpt(text, 30)}" is not a whole number from 0 to ${max}`, text, `an integer 0–${max}`);
      return undefined;
    }
    return v;
  }

  enumCell<T>(k: number, code: string, parse: (s: string) => T | undefined, expected: string): T | undefined {
    const c = RECORD_COLUMNS[k] as RecordColumn;
    const text = this.cellAt(k);
    if (text === '') return undefined;
    const value = parse(text);
    if (value === undefined) this.err(code, c, `"${excerpt(text, 30)}" is not one of ${expected}`, text, expected);
    return value;
  }

  /**
   * The code of a one-character cell found in `codes` (by `charCode − 48`), read in place; else
   * {@link Checker.enumCell} with `parse` — which returns the same code for those cells (`sexOf`, `dischargeStatusOf`).
   */
  codeCell<T>(k: number, codes: readonly (T | undefined)[], code: string, parse: (s: string) => T | undefined, expected: string): T | undefined {
    this.span(k);
    if (this.b - this.a === 1) {
      const value = codes[this.s.charCodeAt(this.a) - 48];
      if (value !== undefined) return value;
    }
    return this.enumCell(k, code, parse, expected);
  }

  /** True when the trimmed cell of the last {@link Checker.span} is exactly `word`. */
  spanIs(word: string): boolean {
    return this.b - this.a === word.length && this.s.startsWith(word, this.a);
  }

  amount(k: number, required: boolean): Dec | undefined {
    const c = RECORD_COLUMNS[k] as RecordColumn;
    const text = this.cellAt(k);
    if (text === '') {
      if (required) this.err('record.amount_missing', c, 'amount is empty', undefined, 'a decimal amount ≥ 0');
      return undefined;
    }
    // Fast path for the common plain form; anything else goes through parseDecimal for its exact issue.
    const m = PLAIN_AMOUNT.exec(text);
    if (m !== null && (m[1] === undefined || m[1].length <= this.maxScale)) return dec(text);
    const r = parseDecimal(text, { maxScale: this.maxScale, field: c });
    if (!r.ok) {
      this.push({ ...r.issue, ...this.at });
      return undefined;
    }
    return r.value;
  }

  /** True when some issue so far is on one of the age inputs (age, age_days, birth_date, admission_date). */
  ageInputFailed(): boolean {
    const list = this.issues;
    if (list === undefined) return false;
    return list.some((i) => i.column === 'age' || i.column === 'age_days' || i.column === 'birth_date' || i.column === 'admission_date');
  }

  hasError(): boolean {
    const list = this.issues;
    if (list === undefined) return false;
    for (const i of list) if (i.severity === 'error') return true;
    return false;
  }
}

/** The one checker (validation is synchronous and never re-entered). */
const CHECKER = new Checker();

/**
 * A normalised ICD-10 医保版 token as `isDiagnosisCodeShape` accepts it (DIP-RULES.md §3.5). A trimmed cell of this
 * shape is its own normal form (`normalizeDiagnosisCode` leaves it unchanged: upper-case chapter letter, lower-case
 * `x`, the dot present whenever more than 3 characters), so it skips `splitDaggerPair`.
 */
const DX_NORMAL = /^[A-Z]\d\d(\.[0-9x]{1,3}(x\d{3})?)?\*?$/u;
/**
 * A normalised ICD-9-CM-3 医保版 code as `isProcedureCodeShape` accepts it, without an upper-case `X` (which
 * `normalizeProcedureCode` lower-cases): its own normal form, so it skips `normalizeProcedureCode`.
 */
const PROC_NORMAL = /^\d\d(\.[0-9x][0-9xA-WYZ]{0,4}(x\d{3,4})?)?$/u;

/** Push a `secondary_dx` list entry's codes (a dagger pair gives two) to `into`; false when its shape is wrong. */
function secondaryEntry(entry: string, norm: NormalizeOptions, into: string[]): boolean {
  if (DX_NORMAL.test(entry)) {
    into.push(entry);
    return true;
  }
  const pair = splitDaggerPair(entry, norm);
  const full = pair.asterisk === undefined ? pair.principal : `${pair.principal}+${pair.asterisk}`;
  if (!isDiagnosisCodeShape(full)) return false;
  into.push(pair.principal);
  if (pair.asterisk !== undefined) into.push(pair.asterisk);
  return true;
}

/** The normalised procedure code of a list entry or cell, or `undefined` when its shape is wrong. */
function procedureCode(entry: string, norm: NormalizeOptions): string | undefined {
  if (PROC_NORMAL.test(entry)) return entry;
  const code = normalizeProcedureCode(entry, norm);
  return isProcedureCodeShape(code) ? code : undefined;
}

/** Insurance type with the default table's common cells looked up directly (same result as `parseInsuranceType`). */
function insuranceTypeOf(text: string, codes: Readonly<Record<string, InsuranceType>> | undefined): InsuranceType | undefined {
  if (codes === undefined) {
    if (text === '310' || text === 'employee') return 'employee';
    if (text === '390' || text === 'resident') return 'resident';
  }
  return parseInsuranceType(text, codes ?? DEFAULT_INSURANCE_TYPE_CODES);
}

/** `parseSex` with its code values (`1`, `2`, `0`, `9`) looked up directly. */
function sexOf(text: string): Sex | undefined {
  return text === '1' || text === '2' || text === '0' || text === '9' ? text : parseSex(text);
}

/** `parseDischargeStatus` with its code values (`1`–`5`, `9`) looked up directly. */
function dischargeStatusOf(text: string): DischargeStatus | undefined {
  return text.length === 1 && ((text >= '1' && text <= '5') || text === '9') ? (text as DischargeStatus) : parseDischargeStatus(text);
}

/** `parseMedicalType` with its two canonical values looked up directly. */
function medicalTypeOf(text: string): MedicalType | undefined {
  return text === 'inpatient' || text === 'day_surgery' ? text : parseMedicalType(text);
}

/** Money keeps at least 2 decimal places: '13500' → '13500.00', '12.3400' → '12.34'. */
function money(value: Dec): Yuan {
  return formatFixed(value, Math.max(2, value.decimalPlaces())) as Yuan;
}

/**
 * Validate and normalise one raw discharge record (医保结算清单 row, DIP-RULES.md §2) — pure, never throws on bad
 * input. Errors reject the row (no `record`); warnings keep it. Every issue carries the canonical `column`, the
 * `line` of the context and a stable `code`:
 *
 * | code | severity | check |
 * |---|---|---|
 * | `record.case_id_missing`, `record.hospital_id_missing` | error | key present (DIP-RULES.md §2.1) |
 * | `record.hospital_unknown` | error | `hospital_id` in the hospital master, when `knownHospitals` is given (§2.4) |
 * | `record.principal_dx_missing` | error | 主要诊断 present (§2.1 "required") |
 * | `record.dx_code_shape`, `record.procedure_code_shape` | error | ICD-10 / ICD-9-CM-3 医保版 shape after normalisation (§3.5) |
 * | `record.principal_dx_asterisk` | error | an asterisk (manifestation) code cannot be the principal diagnosis (§3.5) |
 * | `record.date_missing`, `record.date_invalid` | error | admission/discharge present; every date a real calendar date |
 * | `record.discharge_before_admission` | error | discharge ≥ admission (§2.1) |
 * | `record.birth_after_admission` | error | birth ≤ admission |
 * | `record.integer_invalid` | error | `age`, `age_days`, `los_days`, weights are non-negative integers |
 * | `record.los_mismatch` | error | given `los_days` within `losToleranceDays` of `max(discharge − admission, 1)` (§2.3) |
 * | `record.amount_missing`, `decimal.*` | error | amounts present when required, exact, ≥ 0, ≤ 4 dp (§8.7) |
 * | `record.paid_exceeds_total` | error | `fund_paid + patient_paid ≤ total_cost` |
 * | `record.payment_identity` | warning | `total = fund + other + patient` within 0.01 (§2.3; configurable) |
 * | `record.itemised_exceeds_total` | warning | drug + consumable + treatment + surgery ≤ total (§2.3 "total vs itemised") |
 * | `record.insurance_type_missing`, `record.insurance_type_unknown` | error | 险种 known (§2.1, §2.2) |
 * | `record.sex_invalid`, `record.discharge_status_invalid`, `record.medical_type_invalid`, `record.special_case_status_invalid` | error | enumerations (§2.2) |
 * | `record.region_invalid` | error | `insured_region` is a 6-digit admin code |
 * | `record.age_missing`, `record.age_days_missing` | error | `birth_date` or `age`; `age_days` when `age` = 0 without birth date (§2.1) |
 * | `record.age_mismatch`, `record.age_days_mismatch` | error | given age/age_days agree with the birth date (completed calendar years, §2.3) |
 * | `codes.*` | per options | code tables (see `checkRecordCodes`) |
 *
 * Derivations: `los_days` absent → `max(discharge − admission, 1)` days; a given 0 becomes 1 (DIP-RULES.md §2.3,
 * "0 → 1"). `age` absent → completed calendar years from `birth_date` to `admission_date` (周岁; never 365.25-day
 * years). `age_days` is kept only under one year: given, or `admission − birth` in days. A dagger pair splits
 * into its dagger code and its asterisk code; the asterisk code (with its `*`) is appended to `secondaryDx`
 * (a secondary pair is kept as its two codes in place). Money keeps at least 2 decimal places (`'13500'` →
 * `'13500.00'`).
 *
 * @example
 * ```ts
 * const { record, issues } = validateRecord({
 *   case_id: 'Z1', hospital_id: 'H1', insurance_type: '310', admission_date: '2025-03-01 08:00',
 *   discharge_date: '2025-03-08', birth_date: '1980-03-01', principal_dx: 'k35.300X001', total_cost: '13500',
 *   fund_paid: '9450.00', patient_paid: '4050.00',
 * }, { line: 2 });
 * // record: { caseId: 'Z1', hospitalId: 'H1', insuranceType: 'employee', admissionDate: '2025-03-01',
 * //   dischargeDate: '2025-03-08', birthDate: '1980-03-01', age: 45, principalDx: 'K35.300x001', secondaryDx: [],
 * //   otherProcedures: [], losDays: 7, totalCost: '13500.00', fundPaid: '9450.00', patientPaid: '4050.00' }
 * // issues: []
 * ```
 */
export function validateRecord(raw: RawRecord, ctx: ValidateRecordContext = {}): ValidateRecordResult {
  const cells = RECORD_COLUMNS.map((c) => raw[c] ?? '');
  const r = validateRecordCells(cells, IDENTITY, ctx.line, ctx.options ?? {});
  if (r.issues !== NO_ISSUES) return r;
  return r.record === undefined ? { issues: [] } : { record: r.record, issues: [] };
}

/**
 * {@link validateRecord} straight from a row's cell array, through a header compiled by
 * {@link recordColumnIndex} (no `RawRecord` object): the same record and the same issues, in the same order.
 * A clean row's `issues` is one shared frozen empty array — copy it before adding to it.
 *
 * @example
 * ```ts
 * const index = recordColumnIndex(header.entries); // once per header
 * const { record, issues } = validateRecordCells(cells, index, 2, {});
 * ```
 */
export function validateRecordCells(cells: readonly string[], index: RecordColumnIndex, line: number | undefined, options: ValidateRecordOptions): ValidateRecordResult {
  CHECKER.start(cells, index, line, options.maxAmountScale ?? 4);
  return validateRow(CHECKER, line, options);
}

/**
 * {@link validateRecordCells} of the cells `text.split(',')` of one CSV line without quotes, without that split:
 * cell `i` is `text.slice(starts[i], starts[i + 1] - 1)` (`starts[0] = 0`, `starts[i + 1]` one past the `i`-th
 * comma, the last entry `text.length + 1`; `starts` holds one more entry than the row has cells). The same record
 * and the same issues, in the same order — the checks are the same code reading the cells in place (`Checker`).
 *
 * @example
 * ```ts
 * const text = 'Z1,H1,...';
 * const starts = Int32Array.of(0, 3, 6, ...); // one past each comma, then text.length + 1
 * const { record, issues } = validateRecordLine(text, starts, index, 2, {});
 * ```
 */
export function validateRecordLine(text: string, starts: Int32Array, index: RecordColumnIndex, line: number | undefined, options: ValidateRecordOptions): ValidateRecordResult {
  CHECKER.startLine(text, starts, index, line, options.maxAmountScale ?? 4);
  return validateRow(CHECKER, line, options);
}

/** The body of {@link validateRecordCells} and {@link validateRecordLine}, over the row `v` was started on. */
function validateRow(v: Checker, line: number | undefined, options: ValidateRecordOptions): ValidateRecordResult {
  const out = emptyRecord();

  // Keys.
  const caseId = v.cellAt(C.case_id);
  if (caseId === '') v.err('record.case_id_missing', 'case_id', 'case id (病案号) is empty');
  const hospitalId = v.cellAt(C.hospital_id);
  if (hospitalId === '') v.err('record.hospital_id_missing', 'hospital_id', 'hospital id (定点医药机构代码) is empty');
  else if (options.knownHospitals !== undefined && !options.knownHospitals.has(hospitalId)) {
    v.err('record.hospital_unknown', 'hospital_id', `hospital ${excerpt(hospitalId, 30)} is not in the hospital master`, hospitalId);
  }

  // Insurance pool.
  let insuranceType: InsuranceType | undefined;
  v.span(C.insurance_type);
  // The default table's common cells, read in place (the values `insuranceTypeOf` gives them).
  if (options.insuranceTypeCodes === undefined && (v.spanIs('310') || v.spanIs('employee'))) insuranceType = 'employee';
  else if (options.insuranceTypeCodes === undefined && (v.spanIs('390') || v.spanIs('resident'))) insuranceType = 'resident';
  else {
    const insText = v.spanText();
    if (insText === '') v.err('record.insurance_type_missing', 'insurance_type', 'insurance type (险种类型) is empty', undefined, 'employee | resident | 职工 | 居民 | 310 | 390');
  else {
    insuranceType = insuranceTypeOf(insText, options.insuranceTypeCodes);
    if (insuranceType === undefined) v.err('record.insurance_type_unknown', 'insurance_type', `unknown insurance type "${excerpt(insText, 30)}"`, insText, 'employee | resident | 职工 | 居民 | 310 | 390');
    }
  }
  const region = v.cellAt(C.insured_region);
  if (region !== '') {
    if (/^\d{6}$/u.test(region)) out.insuredRegion = region;
    else v.err('record.region_invalid', 'insured_region', `"${excerpt(region, 30)}" is not a 6-digit administrative division code`, region, '6 digits, e.g. 410400');
  }

  // Dates.
  // Day numbers and y·10000 + m·100 + d of the dates, from their parse (valid only where the date is defined).
  const admission = v.date(C.admission_date, true);
  const admissionDay = v.day;
  const admissionYmd = v.ymd;
  const discharge = v.date(C.discharge_date, true);
  const dischargeDay = v.day;
  const settlement = v.date(C.settlement_date, false);
  const birth = v.date(C.birth_date, false);
  const birthDay = v.day;
  const birthYmd = v.ymd;
  if (settlement !== undefined) out.settlementDate = settlement;
  if (birth !== undefined) out.birthDate = birth;
  let dateDiff: number | undefined;
  if (admission !== undefined && discharge !== undefined) {
    dateDiff = dischargeDay - admissionDay;
    if (dateDiff < 0) {
      v.err('record.discharge_before_admission', 'discharge_date', `discharge date ${discharge} is before admission date ${admission}`, v.cellAt(C.discharge_date), `≥ ${admission}`);
      dateDiff = undefined;
    }
  }

  // Integers.
  const givenAge = v.integer(C.age, 150);
  const givenAgeDays = v.integer(C.age_days, 366);
  const givenLos = v.integer(C.los_days, 36_600);
  const weight = v.integer(C.newborn_weight_g, 20_000);
  const admWeight = v.integer(C.newborn_admission_weight_g, 20_000);
  if (weight !== undefined) out.newbornWeightG = weight;
  if (admWeight !== undefined) out.newbornAdmissionWeightG = admWeight;
  const ageFailed = v.ageInputFailed();

  // Age (DIP-RULES.md §2.3): completed calendar years at admission.
  if (!ageFailed) {
    if (birth !== undefined && admission !== undefined) {
      const days = admissionDay - birthDay;
      if (days < 0) {
        v.err('record.birth_after_admission', 'birth_date', `birth date ${birth} is after admission date ${admission}`, birth, `≤ ${admission}`);
      } else {
        // completedYears(birth, admission): the year difference, less one before the birthday (month·100 + day).
        const age = Math.floor(admissionYmd / 10_000) - Math.floor(birthYmd / 10_000) - (admissionYmd % 10_000 < birthYmd % 10_000 ? 1 : 0);
        if (givenAge !== undefined && givenAge !== age) {
          v.err('record.age_mismatch', 'age', `age ${givenAge} disagrees with birth date ${birth}: ${age} completed years at admission ${admission}`, String(givenAge), String(age));
        }
        out.age = age;
        if (age === 0) {
          if (givenAgeDays !== undefined && givenAgeDays !== days) {
            v.err('record.age_days_mismatch', 'age_days', `age_days ${givenAgeDays} disagrees with birth date ${birth}: ${days} days at admission ${admission}`, String(givenAgeDays), String(days));
          }
          out.ageDays = days;
        }
      }
    } else if (birth === undefined) {
      if (givenAge === undefined) {
        v.err('record.age_missing', 'age', 'neither birth_date nor age is given', undefined, 'birth_date or age');
      } else {
        out.age = givenAge;
        if (givenAge === 0) {
          if (givenAgeDays === undefined) v.err('record.age_days_missing', 'age_days', 'age is 0 and neither birth_date nor age_days is given', undefined, 'age_days (天龄) for a patient under one year');
          else if (givenAgeDays > 365) v.err('record.age_days_mismatch', 'age_days', `age_days ${givenAgeDays} is one year or more while age is 0`, String(givenAgeDays), '0–365');
          else out.ageDays = givenAgeDays;
        }
      }
    }
  }

  // Sex and enumerations.
  const sex = v.codeCell(C.sex, SEX_CODES, 'record.sex_invalid', sexOf, '1 男, 2 女, 0 / 9 unknown');
  if (sex !== undefined) out.sex = sex;
  const status = v.codeCell(C.discharge_status, STATUS_CODES, 'record.discharge_status_invalid', dischargeStatusOf, '1 医嘱离院, 2 医嘱转院, 3 医嘱转社区/乡镇卫生院, 4 非医嘱离院, 5 死亡, 9 其他');
  if (status !== undefined) out.dischargeStatus = status;
  v.span(C.medical_type);
  const medicalType = v.spanIs('inpatient') ? 'inpatient' : v.enumCell(C.medical_type, 'record.medical_type_invalid', medicalTypeOf, 'inpatient | day_surgery');
  if (medicalType !== undefined) out.medicalType = medicalType;
  const special = v.enumCell(C.special_case_status, 'record.special_case_status_invalid', parseSpecialCaseStatus, 'none | applied | approved | rejected');
  if (special !== undefined) out.specialCaseStatus = special;

  // Length of stay (DIP-RULES.md §2.3).
  const tolerance = options.losToleranceDays ?? 1;
  if (dateDiff !== undefined) {
    const derived = Math.max(dateDiff, 1);
    if (givenLos !== undefined && Math.abs(givenLos - derived) > tolerance) {
      v.err('record.los_mismatch', 'los_days', `los_days ${givenLos} disagrees with the dates: ${dateDiff} days from ${admission} to ${discharge} (stay ${derived}, tolerance ±${tolerance})`, String(givenLos), String(derived));
    }
    out.losDays = givenLos === undefined ? derived : Math.max(givenLos, 1);
  } else if (givenLos !== undefined) {
    out.losDays = Math.max(givenLos, 1);
  }

  // Codes (DIP-RULES.md §3.5).
  const norm = options.normalize ?? {};
  const dxText = v.cellAt(C.principal_dx);
  /** The asterisk code of a principal dagger pair: appended to `secondaryDx`. */
  let principalAsterisk: string | undefined;
  if (dxText === '') v.err('record.principal_dx_missing', 'principal_dx', 'principal diagnosis (主要诊断代码) is empty', undefined, 'an ICD-10 医保版 2.0 code');
  else if (DX_NORMAL.test(dxText)) {
    if (dxText.endsWith('*')) v.err('record.principal_dx_asterisk', 'principal_dx', `${dxText} is an asterisk (manifestation) code; the dagger (etiology) code must be principal`, dxText);
    else out.principalDx = dxText;
  } else {
    const pair = splitDaggerPair(dxText, norm);
    const full = pair.asterisk === undefined ? pair.principal : `${pair.principal}+${pair.asterisk}`;
    if (!isDiagnosisCodeShape(full)) v.err('record.dx_code_shape', 'principal_dx', `"${excerpt(dxText, 30)}" is not an ICD-10 医保版 code`, dxText, 'e.g. K35.300, A00.000x001, A01.000x005+J17.0*');
    else if (pair.principal.endsWith('*')) v.err('record.principal_dx_asterisk', 'principal_dx', `${pair.principal} is an asterisk (manifestation) code; the dagger (etiology) code must be principal`, dxText);
    else {
      out.principalDx = pair.principal;
      principalAsterisk = pair.asterisk;
    }
  }
  let badSecondary = false;
  const secondaryList: string[] = [];
  const secondaryText = v.cellAt(C.secondary_dx);
  // One normal-form code (no list separator can be in it): its own single entry, as `splitCodeList` gives it.
  if (DX_NORMAL.test(secondaryText)) secondaryList.push(secondaryText);
  else {
    for (const entry of splitCodeList(v.rawCell(C.secondary_dx))) {
      if (!secondaryEntry(entry, norm, secondaryList)) {
        v.err('record.dx_code_shape', 'secondary_dx', `"${excerpt(entry, 30)}" is not an ICD-10 医保版 code`, entry, 'e.g. K35.300, A00.000x001, A01.000x005+J17.0*');
        badSecondary = true;
      }
    }
  }
  if (!badSecondary) {
    if (principalAsterisk !== undefined) secondaryList.push(principalAsterisk);
    out.secondaryDx = secondaryList;
  }
  const procText = v.cellAt(C.principal_procedure);
  if (procText !== '') {
    const code = procedureCode(procText, norm);
    if (code !== undefined) out.principalProcedure = code;
    else v.err('record.procedure_code_shape', 'principal_procedure', `"${excerpt(procText, 30)}" is not an ICD-9-CM-3 医保版 code`, procText, 'e.g. 47.0100, 00.0200x001');
  }
  const others: string[] = [];
  const othersText = v.cellAt(C.other_procedures);
  // One normal-form code (no list separator can be in it): its own single entry, as `splitCodeList` gives it.
  if (PROC_NORMAL.test(othersText)) others.push(othersText);
  else if (othersText !== '') {
    for (const entry of splitCodeList(v.rawCell(C.other_procedures))) {
      const code = procedureCode(entry, norm);
      if (code !== undefined) others.push(code);
      else v.err('record.procedure_code_shape', 'other_procedures', `"${excerpt(entry, 30)}" is not an ICD-9-CM-3 医保版 code`, entry, 'e.g. 47.0100, 00.0200x001');
    }
  }
  out.otherProcedures = others;
  const tcm = v.cellAt(C.tcm_dx);
  if (tcm !== '') out.tcmDx = tcm;
  const sourcePacket = v.cellAt(C.source_packet);
  if (sourcePacket !== '') out.sourcePacket = sourcePacket;

  // Money (DIP-RULES.md §8.7: exact, up to 4 dp, ≥ 0). Fast path: every amount plain with ≤ 4 dp and every check
  // passing, in scaled integers (src/records/scaledMoney.ts); anything else takes the decimal.js path below, which
  // also writes every issue. Both give the same record (tests/records/scaledMoney.test.ts).
  if (fastMoney(v, out, options)) icuAndVentilator(v, out);
  else slowMoney(v, out, options);

  const issues = v.issues ?? NO_ISSUES;
  if (v.hasError()) return { issues };
  // `out` has had every field in the fixed order since `emptyRecord()` (absent optional fields are `undefined`).
  out.caseId = caseId;
  out.hospitalId = hospitalId;
  out.insuranceType = insuranceType;
  out.admissionDate = admission;
  out.dischargeDate = discharge;
  const record = out as DischargeRecord;
  if (options.codeTables !== undefined) {
    const codeIssues = checkRecordCodes(record, options.codeTables, options.codeTableSeverities, line);
    if (codeIssues.length > 0) {
      const all = issues === NO_ISSUES ? [...codeIssues] : [...issues, ...codeIssues];
      if (codeIssues.some((i) => i.severity === 'error')) return { issues: all };
      return { record, issues: all };
    }
  }
  return { record, issues };
}

/** `icu_days`, `ventilator_hours` (parsed after the money cells, before the money checks: issue order kept). */
function icuAndVentilator(v: Checker, out: Out): void {
  const icu = v.amount(C.icu_days, false);
  if (icu !== undefined) out.icuDays = formatDecimal(icu);
  const vent = v.amount(C.ventilator_hours, false);
  if (vent !== undefined) out.ventilatorHours = formatDecimal(vent);
}

/** Money cells on the decimal.js path (every amount, every issue) — the reference the fast path equals. */
function slowMoney(v: Checker, out: Out, options: ValidateRecordOptions): void {
  const at = v.at;
  const total = v.amount(C.total_cost, true);
  const fund = v.amount(C.fund_paid, true);
  const patient = v.amount(C.patient_paid, true);
  const other = v.amount(C.other_paid, false);
  let itemSum = ZERO;
  for (const [c, key] of ITEMISED) {
    const x = v.amount(ORDINAL[c], false);
    if (x !== undefined) {
      (out as Record<string, unknown>)[key] = money(x);
      itemSum = itemSum.plus(x);
    }
  }
  icuAndVentilator(v, out);
  if (total !== undefined) out.totalCost = money(total);
  if (fund !== undefined) out.fundPaid = money(fund);
  if (patient !== undefined) out.patientPaid = money(patient);
  if (other !== undefined) out.otherPaid = money(other);
  if (total !== undefined && fund !== undefined && patient !== undefined) {
    if (fund.plus(patient).gt(total)) {
      v.err('record.paid_exceeds_total', 'fund_paid', `fund_paid ${formatDecimal(fund)} + patient_paid ${formatDecimal(patient)} = ${formatDecimal(fund.plus(patient))} exceeds total_cost ${formatDecimal(total)}`, formatDecimal(fund.plus(patient)), `≤ ${formatDecimal(total)}`);
    } else {
      const mode = options.paymentIdentity ?? 'warn';
      const paid = fund.plus(patient).plus(other ?? ZERO);
      const gap = total.minus(paid).abs();
      if (mode !== 'off' && gap.gt(options.paymentIdentityTolerance === undefined ? ONE_CENT : dec(options.paymentIdentityTolerance))) {
        const message = `total_cost: total_cost ${formatDecimal(total)} ≠ fund_paid + other_paid + patient_paid = ${formatDecimal(paid)} (difference ${formatDecimal(gap)})`;
        v.push({ severity: mode === 'error' ? 'error' : 'warning', code: 'record.payment_identity', message, column: 'total_cost', ...at, received: formatDecimal(paid), expected: formatDecimal(total) });
      }
    }
    if (itemSum.gt(total)) {
      v.warn('record.itemised_exceeds_total', 'total_cost', `drug + consumable + treatment + surgery costs ${formatDecimal(itemSum)} exceed total_cost ${formatDecimal(total)}`, formatDecimal(itemSum));
    }
  }
}

const ITEMISED_ORDINALS: readonly number[] = ITEMISED.map(([c]) => ORDINAL[c]);
/** Scratch of {@link fastMoney} (validation is never re-entered): the itemised amounts (-2: empty) and their cells. */
const ITEM_SCALED: number[] = [-2, -2, -2, -2];
const ITEM_TEXTS: string[] = ['', '', '', ''];

/**
 * Money cells in scaled integers when every present amount is plain (≤ 4 dp, ≤ 11 integer digits), the required
 * ones are present, and no money check fails; returns false (nothing written) otherwise.
 */
function fastMoney(v: Checker, out: Out, options: ValidateRecordOptions): boolean {
  const maxScale = v.maxScale;
  const totalText = v.cellAt(C.total_cost);
  const fundText = v.cellAt(C.fund_paid);
  const patientText = v.cellAt(C.patient_paid);
  const total = scaledAmount(totalText, maxScale);
  const fund = scaledAmount(fundText, maxScale);
  const patient = scaledAmount(patientText, maxScale);
  if (total < 0 || fund < 0 || patient < 0) return false;
  const otherText = v.cellAt(C.other_paid);
  const other = otherText === '' ? 0 : scaledAmount(otherText, maxScale);
  if (other < 0) return false;
  let itemSum = 0;
  const items = ITEM_SCALED;
  const texts = ITEM_TEXTS;
  for (let k = 0; k < 4; k++) {
    items[k] = -2;
    const t = v.cellAt(ITEMISED_ORDINALS[k] as number);
    if (t === '') continue;
    const x = scaledAmount(t, maxScale);
    if (x < 0) return false;
    items[k] = x;
    texts[k] = t;
    itemSum += x;
  }
  if (fund + patient > total || itemSum > total) return false;
  if ((options.paymentIdentity ?? 'warn') !== 'off') {
    const tol = options.paymentIdentityTolerance === undefined ? 100 : scaledAmount(options.paymentIdentityTolerance, MONEY_SCALE);
    if (tol < 0 || Math.abs(total - fund - patient - other) > tol) return false;
  }
  for (let k = 0; k < 4; k++) {
    const x = items[k] as number;
    if (x >= 0) (out as Record<string, unknown>)[(ITEMISED[k] as (typeof ITEMISED)[number])[1]] = moneyText(texts[k] as string, x);
  }
  out.totalCost = moneyText(totalText, total);
  out.fundPaid = moneyText(fundText, fund);
  out.patientPaid = moneyText(patientText, patient);
  if (otherText !== '') out.otherPaid = moneyText(otherText, other);
  return true;
}

/**
 * `scaledMoneyText(scaled)` for the cell `text` that `scaledAmount` turned into `scaled`: the cell itself when it
 * is already canonical money (exactly 2 decimal places, no leading zero before other digits), without building a
 * new string.
 */
function moneyText(text: string, scaled: number): Yuan {
  const n = text.length;
  if (n >= 4 && text.charCodeAt(n - 3) === 46 && (text.charCodeAt(0) !== 48 || text.charCodeAt(1) === 46)) return text as Yuan;
  return scaledMoneyText(scaled) as Yuan;
}

/** How {@link scanCleanLine} finds the end of a cell, by its column (see {@link cleanLinePlan}). */
const enum Scan {
  /** Not a record column: to the next comma, not read. */
  Skip = 0,
  /** A record column: to the next comma, then its ends checked with `keptByTrim`. */
  Cell = 1,
  /** A date: 10 characters when a comma (or the line's end) follows them, else as `Cell`. */
  Date = 2,
}

/**
 * A header compiled for {@link validateCleanLine} by {@link cleanLinePlan}: per cell of a line, its column ordinal
 * (`-1`: not a record column) and {@link Scan} kind; and what the scan writes: the range `[a, b)` of ordinal `k`
 * at `range[2k]`, `range[2k + 1]` (an absent column keeps the empty range `[0, 0)`).
 */
export interface CleanLinePlan {
  readonly ords: Int8Array;
  readonly scans: Uint8Array;
  readonly range: Int32Array;
}

/**
 * The {@link CleanLinePlan} of a header's (column, cell index) pairs and cell count, or `undefined` when they are
 * not one-to-one within `width` cells (then there is no fast path; `validateRecordLine` reads such an index as is).
 *
 * @example
 * ```ts
 * const plan = cleanLinePlan([['case_id', 0], ['hospital_id', 2]], 3);
 * plan?.ords; // Int8Array [0, -1, 1]
 * ```
 */
export function cleanLinePlan(entries: Iterable<readonly [RecordColumn, number]>, width: number): CleanLinePlan | undefined {
  const ords = new Int8Array(width).fill(-1);
  const scans = new Uint8Array(width);
  const seen = new Set<number>();
  for (const [c, i] of entries) {
    const k = ORDINAL[c];
    if (!(i >= 0 && i < width) || ords[i] !== -1 || seen.has(k)) return undefined;
    seen.add(k);
    ords[i] = k;
    scans[i] = (RECORD_COLUMNS[k] as RecordColumn).endsWith('_date') ? Scan.Date : Scan.Cell;
  }
  return { ords, scans, range: new Int32Array(2 * RECORD_COLUMNS.length) };
}

/**
 * Split the line `text[start, end)` into the cells of `plan` (the cells of `text.slice(start, end).split(',')`),
 * writing each record column's range to `plan.range`; false when the line has another number of cells, or a record
 * cell has an end `trim()` would remove (see `keptByTrim`). A cell's end is the next comma (or the line's end):
 * found by `indexOf`, except for an empty cell, a one-character cell and a 10-character date, whose comma is
 * looked at directly (a call of `indexOf` costs more than those few reads). A date's 10 characters are not checked
 * for a comma here: no accepted date holds one, and `validateCleanLine` parses every non-empty date cell and gives
 * up when it is not a date, so a wrong range can only end in `undefined`.
 */
function scanCleanLine(text: string, start: number, end: number, plan: CleanLinePlan): boolean {
  const { ords, scans, range } = plan;
  const last = ords.length - 1;
  let p = start;
  for (let i = 0; i <= last; i++) {
    let q: number;
    const scan = scans[i] as Scan;
    if (p === end || text.charCodeAt(p) === 44) q = p;
    else if (p + 1 === end || text.charCodeAt(p + 1) === 44) q = p + 1;
    else if (scan === Scan.Date && (p + 10 === end || (p + 10 < end && text.charCodeAt(p + 10) === 44))) q = p + 10;
    else {
      q = text.indexOf(',', p + 2);
      if (q < 0 || q > end) q = end;
    }
    if (scan !== Scan.Skip && q > p && !(keptByTrim(text.charCodeAt(p)) && keptByTrim(text.charCodeAt(q - 1)))) return false;
    // A comma must follow every cell but the last, and the last must end the line.
    if (i < last ? q >= end : q !== end) return false;
    const k = ords[i] as number;
    if (k >= 0) {
      range[2 * k] = p;
      range[2 * k + 1] = q;
    }
    p = q + 1;
  }
  return true;
}

/** `s.slice(a, b) === word`, without the slice: by char codes (`startsWith(word, a)` is a slow builtin call here). */
function isWordAt(s: string, a: number, b: number, word: string): boolean {
  const n = word.length;
  if (b - a !== n) return false;
  for (let i = 0; i < n; i++) if (s.charCodeAt(a + i) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * The integer cell of column ordinal `k` as `Checker.integer` reads it: `-1` when empty or absent, `-2` when it is
 * not 1–9 ASCII digits of value ≤ `max` (an `integer_invalid` issue there), else its value.
 */
function intCellAt(text: string, range: Int32Array, k: number, max: number): number {
  const a = range[2 * k] as number;
  const b = range[2 * k + 1] as number;
  const n = b - a;
  if (n === 0) return -1;
  if (n > 9) return -2;
  let v = 0;
  for (let i = a; i < b; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -2;
    v = v * 10 + d;
  }
  return v > max ? -2 : v;
}

/** `moneyText(s.slice(a, b), scaled)`: the cell's own text when it is canonical money, else `scaledMoneyText`. */
function moneyTextAt(s: string, a: number, b: number, scaled: number): Yuan {
  const n = b - a;
  if (n >= 4 && s.charCodeAt(b - 3) === 46 && (s.charCodeAt(a) !== 48 || s.charCodeAt(a + 1) === 46)) return s.slice(a, b) as Yuan;
  return scaledMoneyText(scaled) as Yuan;
}

/** `icu_days` / `ventilator_hours` as `Checker.amount` + `formatDecimal` give them on the plain form; `null`: not plain. */
function plainAmountAt(s: string, a: number, b: number, maxScale: number): string | undefined | null {
  if (b === a) return undefined;
  const text = s.slice(a, b);
  const m = PLAIN_AMOUNT.exec(text);
  if (m !== null && (m[1] === undefined || m[1].length <= maxScale)) return formatDecimal(dec(text));
  return null;
}

/** Record fields of the itemised cost columns, by `k − Col.drug_cost` (drug, consumable, treatment, surgery: consecutive ordinals). */
const ITEM_KEYS = ['drugCost', 'consumableCost', 'treatmentCost', 'surgeryCost'] as const;

/**
 * A code-list cell `text[a, b)` of the clean-row fast path as `splitCodeList` gives it, when every entry is in normal
 * form by `isNormal` (`isNormalDxAt` or `isNormalProcedureAt`), else `undefined` (the caller gives up on the row).
 * A normal-form code holds no `;`, so a cell that is one normal code is the one entry, and an empty cell none;
 * otherwise the cell is split at `;` with empty entries dropped, each entry checked.
 *
 * @example
 * ```ts
 * normalCodeListAt('x,I50.907;;E11.900,y', 2, 18, isNormalDxAt); // ['I50.907', 'E11.900']
 * normalCodeListAt('x,,y', 2, 2, isNormalDxAt); // []
 * normalCodeListAt('x,i50.907,y', 2, 9, isNormalDxAt); // undefined: not in normal form (validateRecordLine's job)
 * ```
 */
function normalCodeListAt(text: string, a: number, b: number, isNormal: (text: string, start: number, end: number) => boolean): string[] | undefined {
  if (b === a) return [];
  if (isNormal(text, a, b)) return [text.slice(a, b)];
  const list: string[] = [];
  for (let e = a, i = a; i <= b; i++) {
    if (i === b || text.charCodeAt(i) === 59) {
      if (i > e) {
        if (!isNormal(text, e, i)) return undefined;
        list.push(text.slice(e, i));
      }
      e = i + 1;
    }
  }
  return list;
}

/**
 * The clean-row fast path of {@link validateRecordLine} for the line `text[start, end)` under a header compiled by
 * {@link cleanLinePlan}: the same result as `validateRecordLine` of the line's cells (`split(',')`) when that gives a
 * record with no issue before the code tables (the common row), else `undefined` — then nothing is reported and
 * the caller splits the line and runs {@link validateRecordLine}, which finds the issues (and the records of rows
 * it accepts by slower paths: codes to normalise, amounts past 4 decimal places, a payment-identity warning…).
 * The cells are found by {@link scanCleanLine} (which also gives up on a wrong cell count).
 *
 * One straight pass over the columns, reading cells in place with no issue machinery (no `Checker`, no per-row
 * context object, no RegExp for codes or money): a cell must be trimmed already (empty, or visible ASCII at both
 * ends), every check of `validateRow` must pass, and every value must take the branch `validateRow` takes for a
 * clean cell — the key cells non-empty (and in `knownHospitals`), the insurance type known, the region 6 digits,
 * dates accepted by the same `parseRecordDateAt`, integers 1–9 digits within their bounds, the enumerations known
 * (the same lookups), discharge ≥ admission, birth ≤ admission and the age / age_days / los_days agreements,
 * the principal diagnosis a normal-form non-asterisk code and every list entry a normal-form code
 * (`isNormalDxAt` / `isNormalProcedureAt`: the RegExps `DX_NORMAL` / `PROC_NORMAL`, under which `validateRow` keeps
 * a cell or entry unchanged; lists split at `;` with empty entries dropped, as `splitCodeList` does for such
 * text), and the money cells taking `fastMoney`'s path (`scaledAmountAt` = `scaledAmount` in place; the same sums,
 * bounds and tolerance). Any other case returns `undefined` before building anything the caller sees. Equal to
 * `validateRecordLine` on every row it accepts: `tests/io/recordLineV8.equivalence.test.ts` (against the frozen
 * copy of commit b7561ba).
 *
 * @example
 * ```ts
 * const plan = cleanLinePlan(header.entries, header.width); // once per header
 * const text = 'Z1,H1,310,2025-03-01,2025-03-08,40,K35.300,100.00,70.00,30.00';
 * validateCleanLine(text, 0, text.length, plan, 2, {}); // { record: { caseId: 'Z1', … }, issues: [] }
 * validateCleanLine(' Z1' + text.slice(2), 0, text.length + 1, plan, 2, {}); // undefined: a padded cell (validateRecordLine's job)
 * ```
 */
export function validateCleanLine(text: string, start: number, end: number, plan: CleanLinePlan, line: number | undefined, options: ValidateRecordOptions): ValidateRecordResult | undefined {
  if (!scanCleanLine(text, start, end, plan)) return undefined;
  const range = plan.range;
  let a: number;
  let b: number;

  // Keys and insurance pool.
  a = range[2 * Col.case_id] as number;
  b = range[2 * Col.case_id + 1] as number;
  if (b === a) return undefined;
  const caseId = text.slice(a, b);
  a = range[2 * Col.hospital_id] as number;
  b = range[2 * Col.hospital_id + 1] as number;
  if (b === a) return undefined;
  const hospitalId = text.slice(a, b);
  if (options.knownHospitals !== undefined && !options.knownHospitals.has(hospitalId)) return undefined;
  a = range[2 * Col.insurance_type] as number;
  b = range[2 * Col.insurance_type + 1] as number;
  if (b === a) return undefined;
  const codes = options.insuranceTypeCodes;
  let insuranceType: InsuranceType | undefined;
  if (codes === undefined && (isWordAt(text, a, b, '310') || isWordAt(text, a, b, 'employee'))) insuranceType = 'employee';
  else if (codes === undefined && (isWordAt(text, a, b, '390') || isWordAt(text, a, b, 'resident'))) insuranceType = 'resident';
  else insuranceType = insuranceTypeOf(text.slice(a, b), codes);
  if (insuranceType === undefined) return undefined;

  const out = emptyRecord();
  a = range[2 * Col.insured_region] as number;
  b = range[2 * Col.insured_region + 1] as number;
  if (b > a) {
    if (b - a !== 6) return undefined;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
    }
    out.insuredRegion = text.slice(a, b);
  }

  // Dates: day numbers and y·10000 + m·100 + d from DATE_YMD, as `Checker.date` takes them.
  a = range[2 * Col.admission_date] as number;
  b = range[2 * Col.admission_date + 1] as number;
  if (b === a) return undefined;
  const admission = parseRecordDateAt(text, a, b);
  if (admission === undefined) return undefined;
  const admissionDay = dayNumberOf(DATE_YMD[0] as number, DATE_YMD[1] as number, DATE_YMD[2] as number);
  const admissionYmd = (DATE_YMD[0] as number) * 10_000 + (DATE_YMD[1] as number) * 100 + (DATE_YMD[2] as number);
  a = range[2 * Col.discharge_date] as number;
  b = range[2 * Col.discharge_date + 1] as number;
  if (b === a) return undefined;
  const discharge = parseRecordDateAt(text, a, b);
  if (discharge === undefined) return undefined;
  const dateDiff = dayNumberOf(DATE_YMD[0] as number, DATE_YMD[1] as number, DATE_YMD[2] as number) - admissionDay;
  if (dateDiff < 0) return undefined;
  a = range[2 * Col.settlement_date] as number;
  b = range[2 * Col.settlement_date + 1] as number;
  if (b > a) {
    const settlement = parseRecordDateAt(text, a, b);
    if (settlement === undefined) return undefined;
    out.settlementDate = settlement;
  }
  a = range[2 * Col.birth_date] as number;
  b = range[2 * Col.birth_date + 1] as number;
  let birth: string | undefined;
  let birthDay = 0;
  let birthYmd = 0;
  if (b > a) {
    birth = parseRecordDateAt(text, a, b);
    if (birth === undefined) return undefined;
    birthDay = dayNumberOf(DATE_YMD[0] as number, DATE_YMD[1] as number, DATE_YMD[2] as number);
    birthYmd = (DATE_YMD[0] as number) * 10_000 + (DATE_YMD[1] as number) * 100 + (DATE_YMD[2] as number);
    out.birthDate = birth;
  }

  // Integers (-1: empty) and the age (completed calendar years at admission).
  const givenAge = intCellAt(text, range, Col.age, 150);
  const givenAgeDays = intCellAt(text, range, Col.age_days, 366);
  const givenLos = intCellAt(text, range, Col.los_days, 36_600);
  const weight = intCellAt(text, range, Col.newborn_weight_g, 20_000);
  const admWeight = intCellAt(text, range, Col.newborn_admission_weight_g, 20_000);
  if (givenAge === -2 || givenAgeDays === -2 || givenLos === -2 || weight === -2 || admWeight === -2) return undefined;
  if (weight >= 0) out.newbornWeightG = weight;
  if (admWeight >= 0) out.newbornAdmissionWeightG = admWeight;
  if (birth !== undefined) {
    const days = admissionDay - birthDay;
    if (days < 0) return undefined;
    const age = Math.floor(admissionYmd / 10_000) - Math.floor(birthYmd / 10_000) - (admissionYmd % 10_000 < birthYmd % 10_000 ? 1 : 0);
    if (givenAge >= 0 && givenAge !== age) return undefined;
    out.age = age;
    if (age === 0) {
      if (givenAgeDays >= 0 && givenAgeDays !== days) return undefined;
      out.ageDays = days;
    }
  } else {
    if (givenAge < 0) return undefined;
    out.age = givenAge;
    if (givenAge === 0) {
      if (givenAgeDays < 0 || givenAgeDays > 365) return undefined;
      out.ageDays = givenAgeDays;
    }
  }

  // Sex and enumerations (the lookups of `codeCell`, `spanIs` and `enumCell`).
  a = range[2 * Col.sex] as number;
  b = range[2 * Col.sex + 1] as number;
  if (b > a) {
    const sex = (b - a === 1 ? SEX_CODES[text.charCodeAt(a) - 48] : undefined) ?? sexOf(text.slice(a, b));
    if (sex === undefined) return undefined;
    out.sex = sex;
  }
  a = range[2 * Col.discharge_status] as number;
  b = range[2 * Col.discharge_status + 1] as number;
  if (b > a) {
    const status = (b - a === 1 ? STATUS_CODES[text.charCodeAt(a) - 48] : undefined) ?? dischargeStatusOf(text.slice(a, b));
    if (status === undefined) return undefined;
    out.dischargeStatus = status;
  }
  a = range[2 * Col.medical_type] as number;
  b = range[2 * Col.medical_type + 1] as number;
  if (b > a) {
    const medicalType = isWordAt(text, a, b, 'inpatient') ? 'inpatient' : medicalTypeOf(text.slice(a, b));
    if (medicalType === undefined) return undefined;
    out.medicalType = medicalType;
  }
  a = range[2 * Col.special_case_status] as number;
  b = range[2 * Col.special_case_status + 1] as number;
  if (b > a) {
    const special = parseSpecialCaseStatus(text.slice(a, b));
    if (special === undefined) return undefined;
    out.specialCaseStatus = special;
  }

  // Length of stay.
  const derived = Math.max(dateDiff, 1);
  if (givenLos >= 0 && Math.abs(givenLos - derived) > (options.losToleranceDays ?? 1)) return undefined;
  out.losDays = givenLos < 0 ? derived : Math.max(givenLos, 1);

  // Codes, in their normal form only.
  a = range[2 * Col.principal_dx] as number;
  b = range[2 * Col.principal_dx + 1] as number;
  if (b === a || text.charCodeAt(b - 1) === 42 || !isNormalDxAt(text, a, b)) return undefined;
  out.principalDx = text.slice(a, b);
  a = range[2 * Col.secondary_dx] as number;
  b = range[2 * Col.secondary_dx + 1] as number;
  const secondary = normalCodeListAt(text, a, b, isNormalDxAt);
  if (secondary === undefined) return undefined;
  out.secondaryDx = secondary;
  a = range[2 * Col.principal_procedure] as number;
  b = range[2 * Col.principal_procedure + 1] as number;
  if (b > a) {
    if (!isNormalProcedureAt(text, a, b)) return undefined;
    out.principalProcedure = text.slice(a, b);
  }
  a = range[2 * Col.other_procedures] as number;
  b = range[2 * Col.other_procedures + 1] as number;
  const others = normalCodeListAt(text, a, b, isNormalProcedureAt);
  if (others === undefined) return undefined;
  out.otherProcedures = others;
  a = range[2 * Col.tcm_dx] as number;
  b = range[2 * Col.tcm_dx + 1] as number;
  if (b > a) out.tcmDx = text.slice(a, b);
  a = range[2 * Col.source_packet] as number;
  b = range[2 * Col.source_packet + 1] as number;
  if (b > a) out.sourcePacket = text.slice(a, b);

  // Money: `fastMoney`'s path only (scaled integers of 1/10,000 yuan).
  const maxScale = options.maxAmountScale ?? 4;
  const totalA = range[2 * Col.total_cost] as number;
  const totalB = range[2 * Col.total_cost + 1] as number;
  const total = scaledAmountAt(text, totalA, totalB, maxScale);
  const fundA = range[2 * Col.fund_paid] as number;
  const fundB = range[2 * Col.fund_paid + 1] as number;
  const fund = scaledAmountAt(text, fundA, fundB, maxScale);
  const patientA = range[2 * Col.patient_paid] as number;
  const patientB = range[2 * Col.patient_paid + 1] as number;
  const patient = scaledAmountAt(text, patientA, patientB, maxScale);
  if (total < 0 || fund < 0 || patient < 0) return undefined;
  const otherA = range[2 * Col.other_paid] as number;
  const otherB = range[2 * Col.other_paid + 1] as number;
  const other = otherB === otherA ? 0 : scaledAmountAt(text, otherA, otherB, maxScale);
  if (other < 0) return undefined;
  let itemSum = 0;
  for (let k = Col.drug_cost; k <= Col.surgery_cost; k++) {
    a = range[2 * k] as number;
    b = range[2 * k + 1] as number;
    if (b > a) {
      const x = scaledAmountAt(text, a, b, maxScale);
      if (x < 0) return undefined;
      itemSum += x;
      out[ITEM_KEYS[k - Col.drug_cost] as (typeof ITEM_KEYS)[number]] = moneyTextAt(text, a, b, x);
    }
  }
  if (fund + patient > total || itemSum > total) return undefined;
  if ((options.paymentIdentity ?? 'warn') !== 'off') {
    const tol = options.paymentIdentityTolerance === undefined ? 100 : scaledAmount(options.paymentIdentityTolerance, MONEY_SCALE);
    if (tol < 0 || Math.abs(total - fund - patient - other) > tol) return undefined;
  }
  out.totalCost = moneyTextAt(text, totalA, totalB, total);
  out.fundPaid = moneyTextAt(text, fundA, fundB, fund);
  out.patientPaid = moneyTextAt(text, patientA, patientB, patient);
  if (otherB !== otherA) out.otherPaid = moneyTextAt(text, otherA, otherB, other);
  a = range[2 * Col.icu_days] as number;
  b = range[2 * Col.icu_days + 1] as number;
  const icu = plainAmountAt(text, a, b, maxScale);
  if (icu === null) return undefined;
  if (icu !== undefined) out.icuDays = icu;
  a = range[2 * Col.ventilator_hours] as number;
  b = range[2 * Col.ventilator_hours + 1] as number;
  const vent = plainAmountAt(text, a, b, maxScale);
  if (vent === null) return undefined;
  if (vent !== undefined) out.ventilatorHours = vent;

  out.caseId = caseId;
  out.hospitalId = hospitalId;
  out.insuranceType = insuranceType;
  out.admissionDate = admission;
  out.dischargeDate = discharge;
  const record = out as DischargeRecord;
  if (options.codeTables !== undefined) {
    const codeIssues = checkRecordCodes(record, options.codeTables, options.codeTableSeverities, line);
    if (codeIssues.length > 0) {
      const all = [...codeIssues];
      if (codeIssues.some((i) => i.severity === 'error')) return { issues: all };
      return { record, issues: all };
    }
  }
  return { record, issues: NO_ISSUES };
}
