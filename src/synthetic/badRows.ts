import type { Prng } from './prng.js';
import { COL } from './syntheticColumns.js';
import { fenToYuan } from './money.js';

/**
 * Kinds of defect a bad synthetic row carries, one per row, each a check of the records validator
 * (DIP-RULES.md §2.1, §2.3):
 *
 * | kind | defect |
 * |---|---|
 * | `missing_principal_dx` | `principal_dx` empty |
 * | `malformed_dx` | `principal_dx` not a code (dot replaced by `#`, e.g. `K35#300`) |
 * | `malformed_procedure` | `principal_procedure` not a code (dot replaced by `,`, e.g. `47,0100`) |
 * | `bad_date` | `admission_date` not a calendar date (`YYYY-02-30`) |
 * | `discharge_before_admission` | admission and discharge dates swapped |
 * | `negative_amount` | `other_paid` negative (fund + patient = total; the identity is off by the negative amount) |
 * | `too_many_decimals` | `total_cost` with 5 decimals (input money allows up to 4, DIP-RULES.md §8.7; identity off by < 0.01) |
 * | `malformed_amount` | `total_cost` with a thousands separator (`12,345.60`) or a unit (`345.60元`) |
 * | `payments_exceed_total` | fund + patient > total by at least 1.00 |
 * | `unknown_insurance_type` | `insurance_type` = `commercial` |
 * | `unknown_hospital` | `hospital_id` not in the hospital master (`H999999999`); caught only by a check against the master, so not in {@link DEFAULT_BAD_ROW_KINDS} |
 * | `bad_sex` | `sex` = `3` |
 * | `duplicate_case` | (`hospital_id`, `case_id`) of an earlier row repeated |
 *
 * @example
 * ```ts
 * BAD_ROW_KINDS.includes('bad_date'); // true
 * ```
 */
export const BAD_ROW_KINDS = [
  'missing_principal_dx',
  'malformed_dx',
  'malformed_procedure',
  'bad_date',
  'discharge_before_admission',
  'negative_amount',
  'too_many_decimals',
  'malformed_amount',
  'payments_exceed_total',
  'unknown_insurance_type',
  'unknown_hospital',
  'bad_sex',
  'duplicate_case',
] as const;

/** The kinds drawn by default: every kind the records validator catches on its own (all but `unknown_hospital`). */
export const DEFAULT_BAD_ROW_KINDS: readonly BadRowKind[] = BAD_ROW_KINDS.filter((k) => k !== 'unknown_hospital');

/** A defect kind of a bad row. */
export type BadRowKind = (typeof BAD_ROW_KINDS)[number];

/** Amounts of the row being damaged, in integer fen. */
export interface RowMoney {
  readonly totalFen: number;
  readonly fundFen: number;
  readonly patientFen: number;
  readonly otherFen: number;
}

/**
 * Apply one defect to a good row's cells in place. `previous` is an earlier row's
 * (`hospital_id`, `case_id`) for `duplicate_case` (the generator passes the first row's; with none,
 * the row's own case id gets a twin only later, so the kind falls back to `bad_date`). Returns the kind applied.
 *
 * @example
 * ```ts
 * applyBadRow(cells, 'bad_sex', money, rng, undefined); // cells[COL.sex] === '3'
 * ```
 */
export function applyBadRow(cells: string[], kind: BadRowKind, money: RowMoney, rng: Prng, previous: readonly [string, string] | undefined): BadRowKind {
  switch (kind) {
    case 'missing_principal_dx':
      cells[COL.principal_dx] = '';
      return kind;
    case 'malformed_dx':
      cells[COL.principal_dx] = (cells[COL.principal_dx] ?? 'K35.300').replace('.', '#');
      return kind;
    case 'malformed_procedure': {
      const p = cells[COL.principal_procedure] ?? '';
      cells[COL.principal_procedure] = p === '' ? '47,0100' : p.replace('.', ',');
      return kind;
    }
    case 'bad_date': {
      const y = (cells[COL.discharge_date] ?? '2025').slice(0, 4);
      cells[COL.admission_date] = `${y}-02-30`;
      return kind;
    }
    case 'discharge_before_admission': {
      const a = cells[COL.admission_date] as string;
      cells[COL.admission_date] = cells[COL.discharge_date] as string;
      cells[COL.discharge_date] = a;
      return kind;
    }
    case 'negative_amount': {
      // other = −x and the old other share moved onto patient: fund + patient = total (no second error),
      // the identity is off by x (a warning by default).
      const x = 1 + rng.int(10_000);
      cells[COL.other_paid] = `-${fenToYuan(x)}`;
      cells[COL.patient_paid] = fenToYuan(money.patientFen + money.otherFen);
      return kind;
    }
    case 'too_many_decimals':
      cells[COL.total_cost] = `${fenToYuan(money.totalFen)}00${1 + rng.int(9)}`;
      return kind;
    case 'malformed_amount': {
      const s = fenToYuan(money.totalFen);
      cells[COL.total_cost] = money.totalFen >= 100_000 ? s.replace(/^(\d+)(\d{3})\./, '$1,$2.') : `${s}元`;
      return kind;
    }
    case 'payments_exceed_total':
      // patient + other + x with x ≥ 1.00: fund + patient alone exceeds the total.
      cells[COL.patient_paid] = fenToYuan(money.patientFen + money.otherFen + 100 + rng.int(100_000));
      return kind;
    case 'unknown_insurance_type':
      cells[COL.insurance_type] = 'commercial';
      return kind;
    case 'unknown_hospital':
      cells[COL.hospital_id] = 'H999999999';
      return kind;
    case 'bad_sex':
      cells[COL.sex] = '3';
      return kind;
    case 'duplicate_case':
      if (previous === undefined) return applyBadRow(cells, 'bad_date', money, rng, previous);
      cells[COL.hospital_id] = previous[0];
      cells[COL.case_id] = previous[1];
      return kind;
  }
}
