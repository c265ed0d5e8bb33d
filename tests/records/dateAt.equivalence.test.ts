/**
 * `parseRecordDateAt` (the date parse in place, over a range of a longer string) and `dayNumberOf` / `DATE_YMD`
 * against the reference copy of commit c646df2 (`tests/records/reference/dates.v2.ts`): the same ISO date or
 * `undefined` for the trimmed text, and the day number and completed years of the ISO text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_YMD, dayNumber, dayNumberOf, parseRecordDate, parseRecordDateAt } from '../../src/records/dates.js';
import { dateText, padded } from './recordArbitraries.js';
import { completedYears as completedYearsV2, dayNumber as dayNumberV2, parseRecordDate as parseRecordDateV2 } from './reference/dates.v2.js';

describe('parseRecordDateAt = parseRecordDate of the range (reference c646df2)', () => {
  it('same ISO date, day number and completed years on random date text inside random lines (seed 91)', () => {
    const around = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(padded(dateText), around, around, padded(dateText), (raw, pre, post, other) => {
        const text = raw.trim();
        const want = parseRecordDateV2(raw);
        expect(parseRecordDate(raw)).toBe(want);
        const got = parseRecordDateAt(pre + text + post, pre.length, pre.length + text.length);
        expect(got).toBe(want);
        if (want !== undefined) {
          const [y, mo, d] = [DATE_YMD[0] as number, DATE_YMD[1] as number, DATE_YMD[2] as number];
          expect(dayNumberOf(y, mo, d)).toBe(dayNumberV2(want));
          expect(dayNumber(want)).toBe(dayNumberV2(want));
          const o = parseRecordDateV2(other);
          if (o !== undefined) {
            // completedYears(o, want) from the packed y·10000 + m·100 + d, as validateRecord computes the age.
            const at = y * 10_000 + mo * 100 + d;
            parseRecordDateAt(o, 0, o.length);
            const birth = (DATE_YMD[0] as number) * 10_000 + (DATE_YMD[1] as number) * 100 + (DATE_YMD[2] as number);
            expect(Math.floor(at / 10_000) - Math.floor(birth / 10_000) - (at % 10_000 < birth % 10_000 ? 1 : 0)).toBe(completedYearsV2(o, want));
          }
        }
      }),
      { seed: 91, numRuns: 5000 },
    );
  });

  it('completed years from the packed dates on birthdays and their neighbours (the day before, on, after; 29 February) (seed 92)', () => {
    const iso = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    fc.assert(
      fc.property(fc.integer({ min: 1800, max: 2100 }), fc.integer({ min: 1800, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 29 }), fc.integer({ min: -1, max: 1 }), fc.integer({ min: -1, max: 1 }), (by, ay, m, d, dm, dd) => {
        const birth = parseRecordDateV2(iso(by, m, d));
        const at = parseRecordDateV2(iso(ay, Math.min(12, Math.max(1, m + dm)), d + dd === 0 ? 1 : d + dd));
        if (birth === undefined || at === undefined) return;
        parseRecordDateAt(birth, 0, 10);
        const b = (DATE_YMD[0] as number) * 10_000 + (DATE_YMD[1] as number) * 100 + (DATE_YMD[2] as number);
        parseRecordDateAt(at, 0, 10);
        const a = (DATE_YMD[0] as number) * 10_000 + (DATE_YMD[1] as number) * 100 + (DATE_YMD[2] as number);
        expect(Math.floor(a / 10_000) - Math.floor(b / 10_000) - (a % 10_000 < b % 10_000 ? 1 : 0)).toBe(completedYearsV2(birth, at));
      }),
      { seed: 92, numRuns: 3000 },
    );
  });

  it('hand-checked: the cell itself, a datetime, the compact form, a slash form, an impossible date', () => {
    const line = 'Z1,2025-03-01,2025-03-01 08:30:00,20240229,2025/3/1,2025-02-29';
    expect(parseRecordDateAt(line, 3, 13)).toBe('2025-03-01');
    expect([...DATE_YMD]).toEqual([2025, 3, 1]);
    expect(parseRecordDateAt(line, 14, 33)).toBe('2025-03-01');
    expect(parseRecordDateAt(line, 34, 42)).toBe('2024-02-29');
    expect(dayNumberOf(DATE_YMD[0] as number, DATE_YMD[1] as number, DATE_YMD[2] as number)).toBe(dayNumber('2024-02-29'));
    expect(parseRecordDateAt(line, 43, 51)).toBe('2025-03-01');
    expect(parseRecordDateAt(line, 52, 62)).toBeUndefined();
    expect(dayNumberOf(1970, 1, 2)).toBe(1);
  });
});
