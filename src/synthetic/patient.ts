import type { Calendar } from './calendar.js';
import type { Prng } from './prng.js';

/** Demographics of a synthetic case. */
export interface SyntheticPatient {
  readonly birthDay: number;
  readonly age: number;
  /** Age in days, set when `age` = 0. */
  readonly ageDays?: number;
  readonly sex: '1' | '2';
}

const FEMALE_ONLY = /^(O|C5[1-8]|D2[5-8]|N7\d|N8\d|N9[0-8])/;
const MALE_ONLY = /^(C6[0-3]|N4\d|N50|N51|D29|D40)/;
const MOSTLY_FEMALE = /^(C50|N6[0-4])/;

/** Demographic class of a principal diagnosis: 0 general, 1 newborn (P), 2 obstetric (O), 3 female-only, 4 male-only, 5 mostly female. */
export type DemographicClass = 0 | 1 | 2 | 3 | 4 | 5;

/**
 * Classify a principal diagnosis for {@link drawPatient} (done once per code at setup, not per row).
 *
 * @example
 * ```ts
 * demographicClass('O80.000'); // 2
 * demographicClass('C61.x00'); // 4
 * ```
 */
export function demographicClass(dx: string): DemographicClass {
  const first = dx.charAt(0);
  if (first === 'P') return 1;
  if (first === 'O') return 2;
  if (FEMALE_ONLY.test(dx)) return 3;
  if (MALE_ONLY.test(dx)) return 4;
  if (MOSTLY_FEMALE.test(dx)) return 5;
  return 0;
}

/**
 * Draw plausible demographics for a principal diagnosis of class `cls` ({@link demographicClass}):
 * perinatal (P) → a newborn of 0–28 days; obstetric (O) → a woman of 18–44; sex-specific categories
 * get that sex; otherwise 8 % children 1–14, else adults around 58 ± 17 (15–99). The birth date is drawn
 * so that the completed years at admission equal the age (DIP-RULES.md §2.3).
 *
 * @example
 * ```ts
 * drawPatient(rng, cal, demographicClass('P07.100'), cal.day(2025, 3, 1)); // { birthDay: …, age: 0, ageDays: 12, sex: '1' }
 * ```
 */
export function drawPatient(rng: Prng, cal: Calendar, cls: DemographicClass, admissionDay: number): SyntheticPatient {
  if (cls === 1) {
    const ageDays = rng.int(29);
    return { birthDay: admissionDay - ageDays, age: 0, ageDays, sex: rng.next() < 0.52 ? '1' : '2' };
  }
  const sex: '1' | '2' = cls === 2 || cls === 3 ? '2' : cls === 4 ? '1' : cls === 5 ? (rng.next() < 0.99 ? '2' : '1') : rng.next() < 0.5 ? '1' : '2';
  let years: number;
  if (cls === 2) years = rng.intBetween(18, 44);
  else if (rng.next() < 0.08) years = rng.intBetween(1, 14);
  else years = Math.min(99, Math.max(15, Math.round(58 + 17 * rng.normal())));
  // Birth day: `years` years and 0–364 days before admission, then the exact completed years.
  const birthDay = admissionDay - Math.floor(years * 365.2425) - rng.int(365);
  const age = cal.completedYears(birthDay, admissionDay);
  if (age === 0) return { birthDay, age, ageDays: admissionDay - birthDay, sex };
  return { birthDay, age, sex };
}
