import { Dec } from './dec.js';
import type { Issue } from '../core/issue.js';
import { excerpt } from '../core/issue.js';

/** Options of {@link parseDecimal}. */
export interface ParseDecimalOptions {
  /** Most decimal places accepted (DIP-RULES.md §8.7: input money up to 4 dp). Default 20. */
  readonly maxScale?: number;
  /** Accept a leading minus sign. Default false (amounts and points are non-negative). */
  readonly allowNegative?: boolean;
  /** Field name used in the issue (`column`). */
  readonly field?: string;
}

/** Outcome of {@link parseDecimal}: the exact value, or one issue. Never throws on bad input. */
export type ParseDecimalResult = { readonly ok: true; readonly value: Dec } | { readonly ok: false; readonly issue: Issue };

const CANONICAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parse a decimal string in canonical form: optional `-`, digits, optional `.` and digits.
 * Surrounding ASCII white space is trimmed. Everything else is rejected with an issue:
 * `NaN`, `Infinity`, exponent forms (`1e3`), thousands separators (`1,000.00`), a leading `+`,
 * `.5`, `5.`, too many decimal places, negatives when not allowed, and non-numbers.
 *
 * @example
 * ```ts
 * parseDecimal('12345.60')                      // { ok: true, value: Dec('12345.6') }
 * parseDecimal('1e3').ok                        // false, issue.code 'decimal.exponent'
 * parseDecimal('1,000.00').ok                   // false, issue.code 'decimal.thousands_separator'
 * parseDecimal('0.12345', { maxScale: 4 }).ok   // false, issue.code 'decimal.too_many_decimals'
 * ```
 */
export function parseDecimal(input: unknown, options: ParseDecimalOptions = {}): ParseDecimalResult {
  const maxScale = options.maxScale ?? 20;
  const field = options.field;
  const fail = (code: string, message: string, expected: string): ParseDecimalResult => ({
    ok: false,
    issue: {
      severity: 'error',
      code,
      message: field === undefined ? message : `${field}: ${message}`,
      expected,
      received: excerpt(input),
      ...(field === undefined ? {} : { column: field }),
    },
  });
  if (typeof input !== 'string') {
    if (typeof input === 'number') {
      return fail('decimal.not_a_string', 'a binary floating-point number cannot carry an exact amount; give it as a decimal string', 'a decimal string such as "123.45"');
    }
    return fail('decimal.not_a_number', `not a number (${typeof input})`, 'a decimal string such as "123.45"');
  }
  const s = input.trim();
  if (s === '') return fail('decimal.empty', 'empty value', 'a decimal number');
  const m = CANONICAL.exec(s);
  if (m === null) {
    const lower = s.toLowerCase();
    if (/^[+-]?(nan|infinity|inf)$/.test(lower)) return fail('decimal.not_finite', `"${excerpt(s, 20)}" is not a finite number`, 'a finite decimal number');
    if (/^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/.test(lower)) return fail('decimal.exponent', `exponent notation "${excerpt(s, 30)}" is not accepted`, 'plain decimal digits, no exponent');
    if (/^[+-]?\d{1,3}([,，]\d{3})+(\.\d+)?$/.test(s)) return fail('decimal.thousands_separator', `thousands separators are not accepted in "${excerpt(s, 30)}"`, 'digits without separators, e.g. 1234567.89');
    if (/^\+\d+(\.\d+)?$/.test(s)) return fail('decimal.plus_sign', 'a leading + is not accepted', 'digits without a sign');
    if (/^-?(\d+\.|\.\d+)$/.test(s)) return fail('decimal.format', `"${s}" has no digits on one side of the decimal point`, 'digits on both sides of the point, e.g. 0.5');
    return fail('decimal.not_a_number', `"${excerpt(s, 30)}" is not a decimal number`, 'a decimal number such as 123.45');
  }
  const negative = m[1] === '-';
  const fraction = m[3] ?? '';
  if (negative && !options.allowNegative) {
    // "-0" and "-0.00" are zero; still a sign where none is allowed is suspicious input: reject.
    return fail('decimal.negative', `negative value ${s} is not allowed`, 'a value ≥ 0');
  }
  if (fraction.length > maxScale) {
    return fail('decimal.too_many_decimals', `${s} has ${fraction.length} decimal places, at most ${maxScale} allowed`, `at most ${maxScale} decimal places`);
  }
  return { ok: true, value: new Dec(s) };
}

/**
 * Format a decimal canonically: plain digits, no exponent, no trailing zeros after the point,
 * `-0` as `0`.
 *
 * @example
 * ```ts
 * formatDecimal(dec('1500.0000'))   // '1500'
 * formatDecimal(dec('0.370370'))    // '0.37037'
 * ```
 */
export function formatDecimal(value: Dec): string {
  if (value.isZero()) return '0';
  const s = value.toFixed();
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * Format with exactly `scale` decimal places (no rounding: the value must already be at that scale
 * or shorter; use `roundDec` first). Throws if digits would be lost — a programmer error.
 *
 * @example
 * ```ts
 * formatFixed(dec('13500'), 2)   // '13500.00'
 * ```
 */
export function formatFixed(value: Dec, scale: number): string {
  if (value.decimalPlaces() > scale) {
    throw new Error(`formatFixed(): ${value.toFixed()} has more than ${scale} decimal places; round it by a named rule first`);
  }
  const s = value.toFixed(scale);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}
