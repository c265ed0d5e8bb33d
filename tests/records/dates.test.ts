import { describe, expect, it } from 'vitest';
import { completedYears, dayNumber, daysBetween, parseRecordDate } from '../../src/records/index.js';

describe('parseRecordDate', () => {
  it.each([
    ['2025-03-01', '2025-03-01'],
    ['2025-03-01 08:30', '2025-03-01'],
    ['2025-03-01 08:30:59', '2025-03-01'],
    ['2025-03-01T23:59:59.123', '2025-03-01'],
    ['2025/03/01', '2025-03-01'],
    ['2025/3/1 8:05', '2025-03-01'],
    ['20250301', '2025-03-01'],
    [' 2024-02-29 ', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
  ])('accepts %j as %s', (input, iso) => {
    expect(parseRecordDate(input)).toBe(iso);
  });

  it.each(['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-1', '25-01-01', '2025-03-01 24:00', '2025-03-01 12:60', '2025.03.01', '', 'yesterday', '202503011'])(
    'rejects %j',
    (input) => {
      expect(parseRecordDate(input)).toBeUndefined();
    },
  );
});

describe('day arithmetic', () => {
  it('counts days across months, leap days and years', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-03-01')).toBe(11017);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2024-12-31', '2025-01-20')).toBe(20);
    expect(daysBetween('2025-01-05', '2025-01-01')).toBe(-4);
  });

  it('throws on a non-ISO string (programmer error)', () => {
    expect(() => dayNumber('2025/01/01')).toThrow(/not an ISO date/);
  });
});

describe('completedYears (周岁 at admission, not 365.25-day years)', () => {
  it('the day before the birthday, on it, and after it', () => {
    expect(completedYears('2000-03-15', '2025-03-14')).toBe(24);
    expect(completedYears('2000-03-15', '2025-03-15')).toBe(25);
    expect(completedYears('2000-03-15', '2025-03-16')).toBe(25);
  });

  it('a 29 February birthday is reached on 1 March in common years', () => {
    expect(completedYears('2004-02-29', '2025-02-28')).toBe(20);
    expect(completedYears('2004-02-29', '2025-03-01')).toBe(21);
    expect(completedYears('2004-02-29', '2024-02-29')).toBe(20);
  });

  it('differs from 365.25-day years on a first birthday after a non-leap year', () => {
    // 2002-03-01 → 2003-03-01 is 365 days: 365 / 365.25 = 0.9993 → 0 by the Hubei 2023 code; 1 completed year.
    expect(daysBetween('2002-03-01', '2003-03-01')).toBe(365);
    expect(completedYears('2002-03-01', '2003-03-01')).toBe(1);
  });
});
