import { describe, expect } from 'vitest';
import { it, test } from '@fast-check/vitest';
import fc from 'fast-check';
import { caseMoneyDecimal, createCaseMoney } from '../../src/settlement/caseMoney.js';
import { ROUNDING_MODES, dec } from '../../src/decimal/index.js';
import type { RoundingRule } from '../../src/decimal/index.js';

/** A plain decimal text with up to `int` integer and `frac` fraction digits (leading / trailing zeros allowed). */
const decimalText = (int: number, frac: number): fc.Arbitrary<string> =>
  fc.tuple(fc.stringMatching(new RegExp(`^[0-9]{1,${int}}$`)), fc.stringMatching(new RegExp(`^[0-9]{0,${frac}}$`))).map(([i, f]) => (f === '' ? i : `${i}.${f}`));
const rule: fc.Arbitrary<RoundingRule> = fc.record({ scale: fc.integer({ min: 0, max: 4 }), mode: fc.constantFrom(...ROUNDING_MODES) });

describe('per-case standard and fund share (DIP-RULES.md §8.1)', () => {
  it('hand-worked: 87.4408 points × PV 8.643594 = 755.7998… → 755.80; × r 0.6 = 453.48 (tests/cli/settle.test.ts row 8)', () => {
    const money = createCaseMoney('8.643594', { scale: 2, mode: 'halfUp' });
    expect(money('87.4408', '0.6')).toEqual({ standard: '755.80', fundDue: '453.48' });
    expect(money('87.4408')).toEqual({ standard: '755.80', fundDue: '' });
    expect(caseMoneyDecimal('87.4408', dec('8.643594'), dec('0.6'), { scale: 2, mode: 'halfUp' })).toEqual({ standard: '755.80', fundDue: '453.48' });
  });

  it('ties: 0.125 × 1 to 2 dp is 0.13 half-up, 0.12 half-even, 0.12 down, 0.13 up', () => {
    const at = (mode: RoundingRule['mode']): string => createCaseMoney('1', { scale: 2, mode })('0.125').standard;
    expect([at('halfUp'), at('halfEven'), at('down'), at('up'), at('floor'), at('ceil')]).toEqual(['0.13', '0.12', '0.12', '0.13', '0.12', '0.13']);
    expect(createCaseMoney('1', { scale: 2, mode: 'halfEven' })('0.135').standard).toBe('0.14');
  });

  it('beyond 40 significant digits decimal.js rounds its operands and product first; the reference path is taken and agrees', () => {
    // 0.1249…9 (41 nines) is 0.125 at 40 digits, so decimal.js gives 0.13 half-up where the exact value gives 0.12
    const points = `0.124${'9'.repeat(41)}`;
    const money = { scale: 2, mode: 'halfUp' } as const;
    expect(caseMoneyDecimal(points, dec('1'), undefined, money).standard).toBe('0.13');
    expect(createCaseMoney('1', money)(points).standard).toBe('0.13');
    // and a product of two 21-digit mantissas (42 digits) rounded at the 40th digit onto a tie of the 2 dp rounding
    const a = '1.00000000000000000001';
    const b = '0.12499999999999999999';
    expect(createCaseMoney(a, money)(b)).toEqual(caseMoneyDecimal(b, dec(a), undefined, money));
  });

  test.prop([decimalText(9, 6), decimalText(3, 12), fc.option(decimalText(1, 14), { nil: undefined }), rule], { seed: 20261123, numRuns: 3000 })(
    'the integer path equals the decimal.js reference to the last digit (any mode and scale)',
    (points, pv, ratio, money) => {
      const fast = createCaseMoney(pv, money)(points, ratio);
      expect(fast).toEqual(caseMoneyDecimal(points, dec(pv), ratio === undefined ? undefined : dec(ratio), money));
    },
  );

  test.prop([decimalText(20, 20), decimalText(20, 20), decimalText(2, 30), rule], { seed: 7, numRuns: 500 })(
    'long mantissas (products beyond 40 digits take the reference path) still agree',
    (points, pv, ratio, money) => {
      expect(createCaseMoney(pv, money)(points, ratio)).toEqual(caseMoneyDecimal(points, dec(pv), dec(ratio), money));
    },
  );

  test.prop([fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 99 }), fc.constantFrom(...ROUNDING_MODES)], { seed: 11, numRuns: 1000 })(
    'exact half-cent products (…5 at the third decimal) round as the reference does',
    (units, pvHundredths, mode) => {
      // points with 3 dp ending in 5 × PV 0.xx gives many exact ties at 2 dp after scaling
      const points = `${Math.floor(units / 1000)}.${String(units % 1000).padStart(3, '0')}5`;
      const pv = `1.${String(pvHundredths).padStart(2, '0')}`;
      const money = { scale: 2, mode };
      expect(createCaseMoney(pv, money)(points, '0.5')).toEqual(caseMoneyDecimal(points, dec(pv), dec('0.5'), money));
    },
  );

  /** `digits` with a decimal point inserted `frac` places from the right (leading zeros kept: `'0.05'`). */
  const withScale = (digits: string, frac: number): string => {
    if (frac === 0) return digits;
    const d = digits.padStart(frac + 1, '0');
    return `${d.slice(0, -frac)}.${d.slice(-frac)}`;
  };
  const wideRule: fc.Arbitrary<RoundingRule> = fc.record({ scale: fc.integer({ min: 0, max: 8 }), mode: fc.constantFrom(...ROUNDING_MODES) });

  test.prop([decimalText(8, 8), decimalText(8, 8), fc.option(decimalText(2, 8), { nil: undefined }), wideRule], { seed: 20261124, numRuns: 5000 })(
    'safe-integer path: the double products and the named rounding equal the reference (scales 0–8, shifts both ways)',
    (points, pv, ratio, money) => {
      expect(createCaseMoney(pv, money)(points, ratio)).toEqual(caseMoneyDecimal(points, dec(pv), ratio === undefined ? undefined : dec(ratio), money));
    },
  );

  test.prop(
    [fc.integer({ min: 1, max: 999_999_999_999_999 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), fc.option(decimalText(1, 6), { nil: undefined }), wideRule],
    { seed: 53, numRuns: 4000 },
  )('points × PV around 2^53 (the double product is used only when it is below 2^53) equals the reference', (a, delta, fa, fb, ratio, money) => {
    const b = Math.floor(Number.MAX_SAFE_INTEGER / a) + delta;
    fc.pre(b >= 1 && b <= 999_999_999_999_999);
    const points = withScale(String(a), fa);
    const pv = withScale(String(b), fb);
    expect(createCaseMoney(pv, money)(points, ratio)).toEqual(caseMoneyDecimal(points, dec(pv), ratio === undefined ? undefined : dec(ratio), money));
  });

  test.prop([fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom(...ROUNDING_MODES)], {
    seed: 54,
    numRuns: 4000,
  })('standard × ratio around 2^53 equals the reference', (pvUnits, delta, fr, scale, mode) => {
    // points 1 × PV pvUnits gives standard = pvUnits × 10^scale units of 10^−scale; the ratio mantissa puts the product near 2^53
    const q = pvUnits * 10 ** scale;
    const rm = Math.floor(Number.MAX_SAFE_INTEGER / q) + delta;
    fc.pre(rm >= 1 && rm <= 999_999_999_999_999);
    const ratio = withScale(String(rm), fr);
    const money = { scale, mode };
    expect(createCaseMoney(String(pvUnits), money)('1', ratio)).toEqual(caseMoneyDecimal('1', dec(String(pvUnits)), dec(ratio), money));
  });

  test.prop([fc.string({ maxLength: 6 }), fc.constantFrom('1', '0.5', '8.643594', '1e2', '-1', '1.', '.5', ' 1', '١'), fc.constantFrom('0.6', '1', '-0.1', 'x', '0.60', '00.6'), rule], {
    seed: 55,
    numRuns: 2000,
  })('texts that are not plain decimals go to the reference and agree (or both throw)', (points, pv, ratio, money) => {
    let want: unknown;
    try {
      want = caseMoneyDecimal(points, dec(pv), dec(ratio), money);
    } catch (e) {
      want = e instanceof Error ? e.name : 'error';
    }
    let got: unknown;
    try {
      got = createCaseMoney(pv, money)(points, ratio);
    } catch (e) {
      got = e instanceof Error ? e.name : 'error';
    }
    expect(got).toEqual(want);
  });

  it('ties of the safe path at every scale: x.xx5 × 1 in every mode', () => {
    for (const mode of ROUNDING_MODES) {
      for (const points of ['0.005', '0.015', '0.025', '2.675', '1234567890.125', '999999999999.995']) {
        const money = { scale: 2, mode };
        expect(createCaseMoney('1', money)(points, '0.5')).toEqual(caseMoneyDecimal(points, dec('1'), dec('0.5'), money));
      }
    }
  });
});
