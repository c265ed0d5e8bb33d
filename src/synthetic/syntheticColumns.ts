/**
 * Columns of a synthetic discharge-records CSV: canonical snake_case columns of DIP-RULES.md §2.1 plus
 * three test-only columns the engine never reads for grouping or settlement:
 *
 * - `source_packet`: the packet the case was drawn from; bad rows: `BAD:<kind>:<packet>`;
 * - `source_unambiguous`: `1` when the codes must group into `source_packet` under the default grouping
 *   options with the Pingdingshan fallback chain `['chapterPacket']` (see `buildPacketPlans`), else `0`
 *   (always `0` on bad rows);
 * - `source_outlier`: `high` / `low` for injected cost outliers, empty otherwise.
 *
 * @example
 * ```ts
 * SYNTHETIC_COLUMNS[COL.principal_dx]; // 'principal_dx'
 * ```
 */
export const SYNTHETIC_COLUMNS = [
  'case_id',
  'hospital_id',
  'insurance_type',
  'admission_date',
  'discharge_date',
  'settlement_date',
  'birth_date',
  'age',
  'age_days',
  'sex',
  'principal_dx',
  'secondary_dx',
  'principal_procedure',
  'other_procedures',
  'discharge_status',
  'los_days',
  'total_cost',
  'fund_paid',
  'patient_paid',
  'other_paid',
  'medical_type',
  'source_packet',
  'source_unambiguous',
  'source_outlier',
] as const;

/** A synthetic column name. */
export type SyntheticColumn = (typeof SYNTHETIC_COLUMNS)[number];

/** Column name → index in a synthetic row. */
export const COL = Object.fromEntries(SYNTHETIC_COLUMNS.map((c, i) => [c, i])) as { readonly [K in SyntheticColumn]: number };

/** Numeric columns of a synthetic row (the CSV writer does not formula-protect a plain number there). */
export const SYNTHETIC_NUMERIC_COLUMNS: readonly SyntheticColumn[] = ['age', 'age_days', 'los_days', 'total_cost', 'fund_paid', 'patient_paid', 'other_paid', 'source_unambiguous'];
