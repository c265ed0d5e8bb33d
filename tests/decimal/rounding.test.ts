import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec, formatFixed, roundDec } from '../../src/decimal/index.js';
import type { RoundingMode } from '../../src/decimal/index.js';

const r = (v: string, scale: number, mode: RoundingMode) => formatFixed(roundDec(dec(v), { scale, mode }), scale);

describe('roundDec', () => {
  it('half-up (四舍五入) rounds half away from zero, where binary floats fail (DIP-RULES.md §8.7)', () => {
    expect(r('1.005', 2, 'halfUp')).toBe('1.01'); // (1.005).toFixed(2) === '1.00'
    expect(r('2.675', 2, 'halfUp')).toBe('2.68'); // (2.675).toFixed(2) === '2.67'
    expect(r('-2.5', 0, 'halfUp')).toBe('-3');
    expect(r('-1.005', 2, 'halfUp')).toBe('-1.01');
    expect(r('7742.0358343', 6, 'halfUp')).toBe('7742.035834');
  });
  it.each<[string, number, RoundingMode, string]>([
    ['2.5', 0, 'halfEven', '2'],
    ['3.5', 0, 'halfEven', '4'],
    ['2.51', 0, 'halfEven', '3'],
    ['2.99', 0, 'down', '2'],
    ['-2.99', 0, 'down', '-2'],
    ['2.01', 0, 'up', '3'],
    ['-2.01', 0, 'up', '-3'],
    ['-2.01', 0, 'floor', '-3'],
    ['2.99', 0, 'floor', '2'],
    ['-2.99', 0, 'ceil', '-2'],
    ['999.995', 2, 'halfUp', '1000.00'],
    ['0.370370370', 4, 'halfUp', '0.3704'],
  ])('%s at %i dp %s → %s', (v, scale, mode, expected) => {
    expect(r(v, scale, mode)).toBe(expected);
  });
  it('special-case quota floors: ⌊199,999 × 0.005⌋ = 999 (T18)', () => {
    expect(r(dec('199999').times('0.005').toFixed(), 0, 'floor')).toBe('999');
    expect(r(dec('200000').times('0.005').toFixed(), 0, 'floor')).toBe('1000');
  });
  it('rejects an invalid scale as a programmer error', () => {
    expect(() => roundDec(dec('1'), { scale: -1, mode: 'halfUp' })).toThrow();
    expect(() => roundDec(dec('1'), { scale: 2.5, mode: 'halfUp' })).toThrow();
  });

  test.prop([fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 8 })], { seed: 7 })(
    'the rounding error of half-up is at most half a unit of the last kept place',
    (unscaled, scale) => {
      const v = dec(unscaled.toString()).div(dec(10).pow(10));
      const rounded = roundDec(v, { scale, mode: 'halfUp' });
      expect(rounded.minus(v).abs().lte(dec(10).pow(-scale).div(2))).toBe(true);
      expect(rounded.decimalPlaces()).toBeLessThanOrEqual(scale);
    },
  );

  test.prop([fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 6 })], { seed: 11 })(
    'down ≤ value ≤ up for non-negative values, and both differ by at most one unit',
    (unscaled, scale) => {
      const v = dec(unscaled.toString()).div(dec(10).pow(9));
      const down = roundDec(v, { scale, mode: 'down' });
      const up = roundDec(v, { scale, mode: 'up' });
      expect(down.lte(v) && v.lte(up)).toBe(true);
      expect(up.minus(down).lte(dec(10).pow(-scale))).toBe(true);
    },
  );
});
