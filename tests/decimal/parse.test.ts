import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec, formatDecimal, formatFixed, parseDecimal } from '../../src/decimal/index.js';

describe('parseDecimal', () => {
  it.each([
    ['0', '0'],
    ['12345.60', '12345.6'],
    ['  7.25 ', '7.25'],
    ['5718.153489', '5718.153489'],
    ['000123.4500', '123.45'],
  ])('accepts %j as %s', (input, canonical) => {
    const r = parseDecimal(input);
    expect(r.ok).toBe(true);
    if (r.ok) expect(formatDecimal(r.value)).toBe(canonical);
  });

  it.each([
    ['NaN', 'decimal.not_finite'],
    ['Infinity', 'decimal.not_finite'],
    ['-inf', 'decimal.not_finite'],
    ['1e3', 'decimal.exponent'],
    ['1.5E-2', 'decimal.exponent'],
    ['1,000.00', 'decimal.thousands_separator'],
    ['12,345,678', 'decimal.thousands_separator'],
    ['+5', 'decimal.plus_sign'],
    ['.5', 'decimal.format'],
    ['5.', 'decimal.format'],
    ['abc', 'decimal.not_a_number'],
    ['1.2.3', 'decimal.not_a_number'],
    ['0x10', 'decimal.not_a_number'],
    ['', 'decimal.empty'],
    ['   ', 'decimal.empty'],
    ['-3.00', 'decimal.negative'],
  ])('rejects %j with %s', (input, code) => {
    const r = parseDecimal(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue.code).toBe(code);
      expect(r.issue.severity).toBe('error');
      expect(r.issue.message.length).toBeGreaterThan(5);
    }
  });

  it('rejects too many decimals against maxScale and names the field', () => {
    const r = parseDecimal('0.12345', { maxScale: 4, field: 'total_cost' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue.code).toBe('decimal.too_many_decimals');
      expect(r.issue.column).toBe('total_cost');
      expect(r.issue.received).toBe('0.12345');
    }
    expect(parseDecimal('0.1234', { maxScale: 4 }).ok).toBe(true);
  });

  it('accepts negatives only when allowed', () => {
    const r = parseDecimal('-250.10', { allowNegative: true });
    expect(r.ok && formatDecimal(r.value)).toBe('-250.1');
  });

  it('rejects non-strings, and JS numbers in particular, with an issue instead of throwing', () => {
    const n = parseDecimal(0.1);
    expect(!n.ok && n.issue.code).toBe('decimal.not_a_string');
    const u = parseDecimal(undefined);
    expect(!u.ok && u.issue.code).toBe('decimal.not_a_number');
  });

  test.prop([fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 12 })], { seed: 20261123 })(
    'format ∘ parse is the identity on canonical decimals',
    (unscaled, scale) => {
      const value = dec(unscaled.toString()).div(dec(10).pow(scale));
      const text = formatDecimal(value);
      const back = parseDecimal(text, { allowNegative: true });
      expect(back.ok).toBe(true);
      if (back.ok) {
        expect(back.value.eq(value)).toBe(true);
        expect(formatDecimal(back.value)).toBe(text);
      }
    },
  );
});

describe('formatDecimal / formatFixed', () => {
  it('formats canonically, without exponent or trailing zeros', () => {
    expect(formatDecimal(dec('1500.0000'))).toBe('1500');
    expect(formatDecimal(dec('0.000000001'))).toBe('0.000000001');
    expect(formatDecimal(dec('123456789012345678901234567890'))).toBe('123456789012345678901234567890');
    expect(formatDecimal(dec('-0'))).toBe('0');
  });
  it('formats at a fixed scale and refuses to drop digits silently', () => {
    expect(formatFixed(dec('13500'), 2)).toBe('13500.00');
    expect(formatFixed(dec('-0.00'), 2)).toBe('0.00');
    expect(() => formatFixed(dec('1.005'), 2)).toThrow(/round it by a named rule/);
  });
});

describe('dec', () => {
  it('refuses binary floats', () => {
    expect(() => dec(0.1)).toThrow(/binary float/);
    expect(dec(3).toString()).toBe('3');
  });
  it('adds 0.1 one million times exactly (DIP-RULES.md §8.7)', () => {
    let acc = dec(0);
    const tenth = dec('0.1');
    for (let i = 0; i < 1_000_000; i++) acc = acc.plus(tenth);
    expect(formatDecimal(acc)).toBe('100000');
  });
});
