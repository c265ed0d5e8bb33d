import { z } from 'zod';
import { dec, parseDecimal, ROUNDING_MODES } from '../decimal/index.js';

/**
 * Pattern of a decimal string in a policy file: plain digits, optional fraction, no sign, no exponent,
 * no separators (DIP-RULES.md §8.7: every policy number is an exact decimal, never a binary float).
 *
 * @example
 * ```ts
 * DECIMAL_PATTERN.test('0.95')   // true
 * DECIMAL_PATTERN.test('1e3')    // false
 * ```
 */
export const DECIMAL_PATTERN = /^\d+(?:\.\d+)?$/;

/** Pattern of an ISO calendar date `YYYY-MM-DD`. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Bounds of a {@link decimalString}; bounds are decimal strings and inclusive unless `*Exclusive`. */
export interface DecimalBounds {
  readonly min?: string;
  readonly max?: string;
  /** `min` itself is not allowed (e.g. year weights must be > 0). */
  readonly minExclusive?: boolean;
  /** Most decimal places. Default 20. */
  readonly maxScale?: number;
}

/**
 * A zod schema for a non-negative decimal string, checked with `parseDecimal` (never converted to a JS
 * number) and optionally bounded. Failures carry `params.code` (`policy.invalid_decimal`,
 * `policy.out_of_range`) for the issue mapper.
 *
 * @example
 * ```ts
 * decimalString({ max: '1' }).safeParse('0.95').success   // true
 * decimalString({ max: '1' }).safeParse('1.5').success    // false: out of range
 * decimalString().safeParse(0.95).success                 // false: a number, not a string
 * ```
 */
export function decimalString(bounds: DecimalBounds = {}) {
  const maxScale = bounds.maxScale ?? 20;
  const range = describeRange(bounds);
  return z
    .string({ error: 'expected a decimal string such as "0.95" (numbers in JSON are binary floats and are not accepted)' })
    .regex(DECIMAL_PATTERN, { error: (iss) => decimalMessage(iss.input), abort: true })
    .superRefine((s, ctx) => {
      const parsed = parseDecimal(s, { maxScale });
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.issue.message, input: s, params: { code: 'policy.invalid_decimal', expected: parsed.issue.expected ?? 'a decimal string' } });
        return;
      }
      const v = parsed.value;
      const below = bounds.min !== undefined && (bounds.minExclusive ? v.lte(dec(bounds.min)) : v.lt(dec(bounds.min)));
      const above = bounds.max !== undefined && v.gt(dec(bounds.max));
      if (below || above) {
        ctx.addIssue({ code: 'custom', message: `${s} is out of range: expected ${range}`, input: s, params: { code: 'policy.out_of_range', expected: range } });
      }
    })
    .meta({ description: `decimal string${range === 'any value ≥ 0' ? '' : `, ${range}`}` });
}

function describeRange(b: DecimalBounds): string {
  const lo = b.min === undefined ? '≥ 0' : `${b.minExclusive ? '>' : '≥'} ${b.min}`;
  if (b.max === undefined) return b.min === undefined ? 'any value ≥ 0' : `a value ${lo}`;
  return `a value ${lo} and ≤ ${b.max}`;
}

function decimalMessage(input: unknown): string {
  const r = parseDecimal(input, { maxScale: 40 });
  return r.ok ? `"${String(input)}" is not a plain decimal string` : r.issue.message;
}

/** A share or rate in [0, 1] as a decimal string (prepay ratio, deposit rate, refund share, …). */
export const share = (): ReturnType<typeof decimalString> => decimalString({ max: '1' });

/** A coefficient or factor ≥ 0 as a decimal string. */
export const coefficient = (): ReturnType<typeof decimalString> => decimalString();

/** Whether a `YYYY-MM-DD` string is a real calendar date (proleptic Gregorian). */
export function isCalendarDate(s: string): boolean {
  if (!DATE_PATTERN.test(s)) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

/**
 * An ISO calendar date `YYYY-MM-DD` (validated: 2025-02-30 is rejected with `policy.invalid_date`).
 *
 * @example
 * ```ts
 * isoDate().safeParse('2025-01-01').success   // true
 * isoDate().safeParse('2025-02-30').success   // false
 * ```
 */
export function isoDate() {
  return z
    .string({ error: 'expected a date string YYYY-MM-DD' })
    .superRefine((s, ctx) => {
      if (!isCalendarDate(s)) {
        ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 40)}" is not a calendar date YYYY-MM-DD`, input: s, params: { code: 'policy.invalid_date', expected: 'YYYY-MM-DD' } });
      }
    })
    .meta({ description: 'ISO calendar date YYYY-MM-DD', format: 'date' });
}

/**
 * A named rounding rule `{ scale, mode }` (DIP-RULES.md §8.7; `RoundingRule` of src/decimal).
 *
 * @example
 * ```ts
 * roundingRule().parse({ scale: 2, mode: 'halfUp' })   // { scale: 2, mode: 'halfUp' }
 * ```
 */
export function roundingRule() {
  return z.strictObject({
    scale: z.number().int().min(0).max(20),
    mode: z.enum(ROUNDING_MODES as unknown as readonly ['halfUp', 'halfEven', 'down', 'up', 'floor', 'ceil']),
  });
}
