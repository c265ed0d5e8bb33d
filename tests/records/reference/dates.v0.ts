/** Reference copy of src/records/dates.ts as of commit 7ac94e3 (for the old-vs-new equality property tests and bench/records-ab.ts). */
/**
 * Calendar dates of discharge records (DIP-RULES.md §2.1, §2.3). Dates are compared and subtracted as
 * proleptic Gregorian day numbers, never through `Date` and time zones.
 *
 * @module
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?)?$/u;
const SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/u;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/u;

/**
 * Parse a record date into ISO `YYYY-MM-DD`, or `undefined` when it is not a real calendar date.
 *
 * Accepted forms (DIP-RULES.md §2.1 "ISO date (datetime accepted)"; the others are common export formats
 * of hospital systems, no published source):
 * - `YYYY-MM-DD`; a datetime `YYYY-MM-DD HH:mm`, `YYYY-MM-DD HH:mm:ss` (also with `T`, fractional seconds)
 *   keeps its date part;
 * - `YYYY/MM/DD` and `YYYY/M/D` (optionally with a time);
 * - `YYYYMMDD`.
 *
 * The date must exist (`2025-02-29` is rejected, `2024-02-29` accepted) and the time, if given, must be a
 * valid 24-hour time (`24:00` is rejected).
 *
 * @example
 * ```ts
 * parseRecordDate('2025-03-01 08:30:00'); // '2025-03-01'
 * parseRecordDate('2025/3/1');            // '2025-03-01'
 * parseRecordDate('20250301');            // '2025-03-01'
 * parseRecordDate('2025-02-29');          // undefined
 * ```
 */
export function parseRecordDate(text: string): string | undefined {
  const s = text.trim();
  const m = ISO.exec(s) ?? SLASH.exec(s) ?? COMPACT.exec(s);
  if (m === null) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1800 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? '0') > 59)) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/**
 * Day number of an ISO date (days since 1970-01-01, proleptic Gregorian). Throws on a string that is not
 * an ISO date produced by {@link parseRecordDate} (a programmer error).
 *
 * @example
 * ```ts
 * dayNumber('1970-01-02'); // 1
 * ```
 */
export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  if (m === null) throw new Error(`dayNumber(): not an ISO date: ${iso}`);
  let y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  // Howard Hinnant's days_from_civil.
  y -= mo <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Days from `from` to `to` (ISO dates): `to − from`, negative when `to` is earlier.
 *
 * @example
 * ```ts
 * daysBetween('2024-02-28', '2024-03-01'); // 2
 * ```
 */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * Completed calendar years from `birth` to `at` (周岁, DIP-RULES.md §2.3): the year difference, minus one when
 * the birthday has not yet come in year `at`. Not 365.25-day years (the Hubei 2023 code uses those and
 * misclassifies cases admitted around a birthday). A 29 February birthday is reached on 1 March in common years.
 *
 * @example
 * ```ts
 * completedYears('2000-03-15', '2025-03-14'); // 24 (the day before the birthday)
 * completedYears('2000-03-15', '2025-03-15'); // 25 (on the birthday)
 * completedYears('2004-02-29', '2025-02-28'); // 20
 * ```
 */
export function completedYears(birth: string, at: string): number {
  const by = Number(birth.slice(0, 4));
  const ay = Number(at.slice(0, 4));
  const bmd = birth.slice(5);
  const amd = at.slice(5);
  return ay - by - (amd < bmd ? 1 : 0);
}
