/**
 * Day numbers (days since 1970-01-01, UTC) and cached ISO date strings for the generator's hot loop:
 * formatting a date is an array look-up after the first time.
 *
 * @example
 * ```ts
 * const cal = new Calendar();
 * const d = cal.day(2025, 3, 1); // day number of 2025-03-01
 * cal.iso(d + 7);                // '2025-03-08'
 * ```
 */
export class Calendar {
  private readonly cache = new Map<number, string>();
  /** Dense cache for day numbers in [base, base + dense.length): the generator's hot range. */
  private readonly base: number;
  private readonly dense: readonly string[];

  /** @param fromYear first year of the dense cache (default 1890); @param years its length in years (default 140) */
  constructor(fromYear = 1890, years = 140) {
    this.base = this.day(fromYear, 1, 1);
    // Filled eagerly by stepping through the calendar (no Date per entry); ~51,000 strings for 140 years.
    const end = this.day(fromYear + years, 1, 1);
    const dense: string[] = [];
    let y = fromYear;
    let m = 1;
    let d = 1;
    const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
    for (let day = this.base; day < end; day++) {
      dense.push(`${y}-${pad(m)}-${pad(d)}`);
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      const len = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
      if (++d > len) {
        d = 1;
        if (++m > 12) {
          m = 1;
          y++;
        }
      }
    }
    this.dense = dense;
  }

  /** Day number of a calendar date (month 1–12). */
  day(year: number, month: number, dayOfMonth: number): number {
    return Math.round(Date.UTC(year, month - 1, dayOfMonth) / 86_400_000);
  }

  /** ISO `YYYY-MM-DD` of a day number (cached). */
  iso(day: number): string {
    const d = this.dense[day - this.base];
    if (d !== undefined) return d;
    let s = this.cache.get(day);
    if (s === undefined) {
      s = new Date(day * 86_400_000).toISOString().slice(0, 10);
      this.cache.set(day, s);
    }
    return s;
  }

  /**
   * Completed years from `birth` to `at` (both day numbers): the birthday counts from its day on;
   * not 365.25-day years (DIP-RULES.md §2.3).
   */
  completedYears(birth: number, at: number): number {
    const b = this.iso(birth);
    const a = this.iso(at);
    let years = Number(a.slice(0, 4)) - Number(b.slice(0, 4));
    if (a.slice(5) < b.slice(5)) years--;
    return years;
  }
}
