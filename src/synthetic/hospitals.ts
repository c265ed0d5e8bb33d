import type { Prng } from './prng.js';

/** Hospital level (医院等级). */
export type HospitalLevel = '三级' | '二级' | '一级';

/**
 * Institution coefficient per level — **illustrative only**: the 连云港 preset 1.00 / 0.85 / 0.70 from
 * the city presets page (low reliability, values unverified; DIP-RULES.md §5.10). A real region sets its own.
 */
export const ILLUSTRATIVE_LEVEL_COEFFICIENTS: Readonly<Record<HospitalLevel, string>> = { 三级: '1.00', 二级: '0.85', 一级: '0.70' };

/**
 * Fund payment ratio (booked fund ÷ total cost) around which each case is drawn, per pool and level.
 * Illustrative: no source; chosen so employee > resident and lower levels reimburse more.
 */
export const ILLUSTRATIVE_FUND_RATIOS: Readonly<Record<'employee' | 'resident', Readonly<Record<HospitalLevel, number>>>> = {
  employee: { 三级: 0.8, 二级: 0.85, 一级: 0.9 },
  resident: { 三级: 0.6, 二级: 0.7, 一级: 0.8 },
};

/** Relative case volume per level (a 三级 hospital treats about 13 times the cases of a 一级 one). */
const LEVEL_VOLUME: Readonly<Record<HospitalLevel, number>> = { 三级: 8, 二级: 2.5, 一级: 0.6 };

/** A synthetic hospital of the master (DIP-RULES.md §2.4). */
export interface SyntheticHospital {
  /** `H4104` + 5 digits (410400 = Pingdingshan's admin code prefix; the numbers are made up). */
  readonly id: string;
  readonly name: string;
  readonly level: HospitalLevel;
  /** Illustrative institution coefficient, see {@link ILLUSTRATIVE_LEVEL_COEFFICIENTS}. */
  readonly coefficient: string;
  /** Relative case volume (sampling weight). */
  readonly volume: number;
}

/** Columns of the hospitals CSV. */
export const HOSPITAL_COLUMNS = ['hospital_id', 'name', 'level', 'institution_coefficient', 'coefficient_note'] as const;

/** The note written in the `coefficient_note` column. */
export const COEFFICIENT_NOTE = 'illustrative: 连云港 preset, city presets page, unverified (DIP-RULES.md §5.10)';

/**
 * Make `count` hospitals: 20 % 三级 (at least one), 40 % 二级, the rest 一级, with case volumes by level
 * times a lognormal factor (σ = 0.4).
 *
 * @example
 * ```ts
 * const hs = generateHospitals(40, new Prng('s').fork('hospitals'));
 * hs[0]; // { id: 'H410400001', name: '模拟三级医院001', level: '三级', coefficient: '1.00', volume: 8.9… }
 * ```
 */
export function generateHospitals(count: number, rng: Prng): SyntheticHospital[] {
  const n3 = Math.max(1, Math.round(count * 0.2));
  const n2 = Math.min(count - n3, Math.round(count * 0.4));
  const out: SyntheticHospital[] = [];
  for (let i = 0; i < count; i++) {
    const level: HospitalLevel = i < n3 ? '三级' : i < n3 + n2 ? '二级' : '一级';
    const seq = String(i + 1).padStart(3, '0');
    out.push({
      id: `H4104${String(i + 1).padStart(5, '0')}`,
      name: `模拟${level}医院${seq}`,
      level,
      coefficient: ILLUSTRATIVE_LEVEL_COEFFICIENTS[level],
      volume: LEVEL_VOLUME[level] * Math.exp(0.4 * rng.normal() - 0.08),
    });
  }
  return out;
}

/**
 * Rows of the hospitals CSV, in {@link HOSPITAL_COLUMNS} order.
 *
 * @example
 * ```ts
 * hospitalRows(hs)[0]; // ['H410400001', '模拟三级医院001', '三级', '1.00', 'illustrative: …']
 * ```
 */
export function hospitalRows(hospitals: readonly SyntheticHospital[]): string[][] {
  return hospitals.map((h) => [h.id, h.name, h.level, h.coefficient, COEFFICIENT_NOTE]);
}
