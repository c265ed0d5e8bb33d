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
  // `trim()` only when an end may be white space (a visible ASCII character at both ends is not).
  const n = text.length;
  const a = n === 0 ? 0 : text.charCodeAt(0);
  const b = n === 0 ? 0 : text.charCodeAt(n - 1);
  const s = a > 32 && a < 127 && b > 32 && b < 127 ? text : text.trim();
  const fast = parseCommonDateAt(s, 0, s.length);
  if (fast !== null) return fast;
  return parseOtherDate(s);
}

/** The regex path of {@link parseRecordDate} (every accepted form); `s` is trimmed. Sets {@link DATE_YMD}. */
function parseOtherDate(s: string): string | undefined {
  const m = ISO.exec(s) ?? SLASH.exec(s) ?? COMPACT.exec(s);
  if (m === null) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1800 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? '0') > 59)) return undefined;
  DATE_YMD[0] = y;
  DATE_YMD[1] = mo;
  DATE_YMD[2] = d;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Year, month and day of the date last accepted by {@link parseRecordDate} or {@link parseRecordDateAt} (written
 * only when a date is returned): so a caller can take its day number ({@link dayNumberOf}) and completed years
 * without parsing the ISO text again. `y` is the ISO text's 4-digit year (1800–9999).
 */
export const DATE_YMD = new Int32Array(3);

/**
 * {@link parseRecordDate} of the already trimmed text `s.slice(a, b)` (no white space at either end), without
 * building that string for the common forms (`YYYY-MM-DD`, `YYYY-MM-DD HH:mm[:ss]`, `YYYYMMDD`): the same result
 * (the cell itself when it is already `YYYY-MM-DD`, as a string equal to `s.slice(a, b)`), and the same
 * {@link DATE_YMD}. Other forms go to the same regex path on `s.slice(a, b)`.
 */
export function parseRecordDateAt(s: string, a: number, b: number): string | undefined {
  const fast = parseCommonDateAt(s, a, b);
  if (fast !== null) return fast;
  return parseOtherDate(a === 0 && b === s.length ? s : s.slice(a, b));
}

/** The ASCII digit at `s[i]` (0–9), or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Two ASCII digits at `s[i]`, `s[i+1]` as a number, or -1. */
function two(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/**
 * The regex-free path of {@link parseRecordDate} for the common forms — `YYYY-MM-DD`, `YYYY-MM-DD HH:mm`,
 * `YYYY-MM-DD HH:mm:ss` (space or `T`) and `YYYYMMDD` — of the trimmed text `s.slice(a, b)`, with the same result
 * (`undefined` for an impossible date or time); `null` when the text has another form (the caller then takes the
 * regex path). Reads only `s[a, b)`; sets {@link DATE_YMD} when it returns a date.
 */
function parseCommonDateAt(s: string, a: number, b: number): string | undefined | null {
  const n = b - a;
  let y: number;
  let mo: number;
  let d: number;
  if (n === 8) {
    const hi = two(s, a);
    const lo = two(s, a + 2);
    mo = two(s, a + 4);
    d = two(s, a + 6);
    if (hi < 0 || lo < 0 || mo < 0 || d < 0) return null;
    y = hi * 100 + lo;
  } else if (n === 10 || n === 16 || n === 19) {
    const hi = two(s, a);
    const lo = two(s, a + 2);
    mo = two(s, a + 5);
    d = two(s, a + 8);
    if (hi < 0 || lo < 0 || mo < 0 || d < 0 || s.charCodeAt(a + 4) !== 45 || s.charCodeAt(a + 7) !== 45) return null;
    y = hi * 100 + lo;
    if (n > 10) {
      const sep = s.charCodeAt(a + 10);
      const h = two(s, a + 11);
      const mi = two(s, a + 14);
      if ((sep !== 32 && sep !== 84) || h < 0 || s.charCodeAt(a + 13) !== 58 || mi < 0) return null;
      let sec = 0;
      if (n === 19) {
        sec = two(s, a + 17);
        if (s.charCodeAt(a + 16) !== 58 || sec < 0) return null;
      }
      if (y < 1800 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
      if (h > 23 || mi > 59 || sec > 59) return undefined;
      DATE_YMD[0] = y;
      DATE_YMD[1] = mo;
      DATE_YMD[2] = d;
      return s.slice(a, a + 10);
    }
  } else {
    return null;
  }
  if (y < 1800 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  DATE_YMD[0] = y;
  DATE_YMD[1] = mo;
  DATE_YMD[2] = d;
  if (n === 10) return a === 0 && b === s.length ? s : s.slice(a, b);
  return `${s.slice(a, a + 4)}-${s.slice(a + 4, a + 6)}-${s.slice(a + 6, a + 8)}`;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
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
  const hi = two(iso, 0);
  const lo = two(iso, 2);
  const mo = two(iso, 5);
  const d = two(iso, 8);
  if (iso.length !== 10 || hi < 0 || lo < 0 || mo < 0 || d < 0 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) throw new Error(`dayNumber(): not an ISO date: ${iso}`);
  return dayNumberOf(hi * 100 + lo, mo, d);
}

/**
 * Day number (days since 1970-01-01, proleptic Gregorian) of year `y`, month `mo` (1–12), day `d`: the
 * {@link dayNumber} of the ISO date `y-mo-d` (which it computes through this function), e.g. from {@link DATE_YMD}.
 *
 * @example
 * ```ts
 * dayNumberOf(1970, 1, 2); // 1
 * ```
 */
export function dayNumberOf(year: number, mo: number, d: number): number {
  let y = year;
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
  // Two ISO dates (as parseRecordDate gives them): by char codes, without slices and string compares.
  if (birth.length === 10 && at.length === 10 && birth.charCodeAt(4) === 45 && birth.charCodeAt(7) === 45 && at.charCodeAt(4) === 45 && at.charCodeAt(7) === 45) {
    const bh = two(birth, 0);
    const bl = two(birth, 2);
    const bm = two(birth, 5);
    const bd = two(birth, 8);
    const ah = two(at, 0);
    const al = two(at, 2);
    const am = two(at, 5);
    const ad = two(at, 8);
    if (bh >= 0 && bl >= 0 && bm >= 0 && bd >= 0 && ah >= 0 && al >= 0 && am >= 0 && ad >= 0) {
      return ah * 100 + al - (bh * 100 + bl) - (am * 100 + ad < bm * 100 + bd ? 1 : 0);
    }
  }
  const by = Number(birth.slice(0, 4));
  const ay = Number(at.slice(0, 4));
  const bmd = birth.slice(5);
  const amd = at.slice(5);
  return ay - by - (amd < bmd ? 1 : 0);
}
