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
  private readonly dense: (string | undefined)[];

  /** @param fromYear first year of the dense cache (default 1890); @param years its length in years (default 140) */
  constructor(fromYear = 1890, years = 140) {
    this.base = this.day(fromYear, 1, 1);
    this.dense = new Array<string | undefined>(Math.ceil(years * 366)).fill(undefined);
  }

  /** Day number of a calendar date (month 1–12). */
  day(year: number, month: number, dayOfMonth: number): number {
    return Math.round(Date.UTC(year, month - 1, dayOfMonth) / 86_400_000);
  }

  /** ISO `YYYY-MM-DD` of a day number (cached). */
  iso(day: number): string {
    const i = day - this.base;
    if (i >= 0 && i < this.dense.length) {
      let d = this.dense[i];
      if (d === undefined) {
        d = new Date(day * 86_400_000).toISOString().slice(0, 10);
        this.dense[i] = d;
      }
      return d;
    }
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
