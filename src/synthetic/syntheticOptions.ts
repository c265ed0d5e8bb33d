import type { Seed } from './prng.js';
import type { BadRowKind } from './badRows.js';
import { BAD_ROW_KINDS, DEFAULT_BAD_ROW_KINDS } from './badRows.js';

/**
 * Options of the synthetic city-year generator. Every share is a probability per row, drawn
 * independently with the seeded generator. Defaults: {@link DEFAULT_SYNTHETIC_OPTIONS}.
 *
 * @example
 * ```ts
 * const opts = resolveSyntheticOptions({ rows: 10_000, seed: 'test', badRowShare: 0.05 });
 * opts.hospitals; // 40
 * ```
 */
export interface SyntheticOptions {
  /** Number of rows (cases), bad rows included. Default 1,870,844 = the BILL_COUNT sum of one Pingdingshan year. */
  readonly rows: number;
  /** Seed; the same options and seed give byte-identical output. */
  readonly seed: Seed;
  /** Settlement year: every discharge date lies in it. Default 2025. */
  readonly year: number;
  /** Number of hospitals. Default 40. */
  readonly hospitals: number;
  /** Share of employee (职工) cases; the rest are resident (居民). Default 0.3. */
  readonly employeeShare: number;
  /** Share of high-cost outliers: cost = packet mean × U(2.2, 6). Default 0.02. */
  readonly highOutlierShare: number;
  /** Share of low-cost outliers: cost = packet mean × U(0.1, 0.45). Default 0.03. */
  readonly lowOutlierShare: number;
  /** Share of bad rows (one defect each, kind uniform over `badRowKinds`). Default 0.005. */
  readonly badRowShare: number;
  /** Defect kinds bad rows draw from. Default {@link DEFAULT_BAD_ROW_KINDS} (all but `unknown_hospital`). */
  readonly badRowKinds: readonly BadRowKind[];
  /**
   * Share of cases drawn from the chapter fallback packets `CPnn:GROUP`, which have no case count in the
   * statistics sheet (DIP-RULES.md §3.4). Default 0.001; 0 disables them.
   */
  readonly fallbackShare: number;
  /** Settlement date = discharge + U{0..settlementLagMaxDays} days, capped at 31 December of `year`. Default 10. */
  readonly settlementLagMaxDays: number;
}

/** The default options: one Pingdingshan year (1,870,844 cases), seed `dip-engine-2025`. */
export const DEFAULT_SYNTHETIC_OPTIONS: SyntheticOptions = {
  rows: 1_870_844,
  seed: 'dip-engine-2025',
  year: 2025,
  hospitals: 40,
  employeeShare: 0.3,
  highOutlierShare: 0.02,
  lowOutlierShare: 0.03,
  badRowShare: 0.005,
  badRowKinds: DEFAULT_BAD_ROW_KINDS,
  fallbackShare: 0.001,
  settlementLagMaxDays: 10,
};

function share(name: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0 && v <= 1)) throw new RangeError(`${name} must be a share in [0, 1], got ${v}`);
}

/**
 * Fill defaults and check ranges. A bad option is a programmer error: throws `RangeError`.
 *
 * @example
 * ```ts
 * resolveSyntheticOptions({ rows: 100 }).seed; // 'dip-engine-2025'
 * ```
 */
export function resolveSyntheticOptions(partial: Partial<SyntheticOptions> = {}): SyntheticOptions {
  const o: SyntheticOptions = { ...DEFAULT_SYNTHETIC_OPTIONS, ...partial };
  if (!Number.isSafeInteger(o.rows) || o.rows < 0) throw new RangeError(`rows must be a non-negative integer, got ${o.rows}`);
  if (!Number.isSafeInteger(o.year) || o.year < 1900 || o.year > 2200) throw new RangeError(`year out of range: ${o.year}`);
  if (!Number.isSafeInteger(o.hospitals) || o.hospitals < 1 || o.hospitals > 99_999) throw new RangeError(`hospitals must be 1..99999, got ${o.hospitals}`);
  if (!Number.isSafeInteger(o.settlementLagMaxDays) || o.settlementLagMaxDays < 0) throw new RangeError('settlementLagMaxDays must be a non-negative integer');
  share('employeeShare', o.employeeShare);
  share('highOutlierShare', o.highOutlierShare);
  share('lowOutlierShare', o.lowOutlierShare);
  share('badRowShare', o.badRowShare);
  share('fallbackShare', o.fallbackShare);
  if (o.highOutlierShare + o.lowOutlierShare > 1) throw new RangeError('highOutlierShare + lowOutlierShare must not exceed 1');
  if (o.badRowShare > 0 && o.badRowKinds.length === 0) throw new RangeError('badRowKinds is empty but badRowShare > 0');
  for (const k of o.badRowKinds) if (!BAD_ROW_KINDS.includes(k)) throw new RangeError(`unknown bad row kind ${k}`);
  return o;
}
