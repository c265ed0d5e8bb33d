/**
 * The integer bounds of a scaled context (src/points/scaledCasePoints.ts `buildScaledContext`: `⌊B × 10^4⌋` clamped to
 * [−2, 10^15 + 1] and whether `B × 10^4` is an integer, turned into `aboveMin`, `lowMax`, `highMin`, `extremeMin`,
 * `upperMin`) equal those of the frozen copy (tests/points/reference/scaledCasePointsV1.ts, whose `floorScaled` is
 * the six decimal.js operations `times(10^4)`, `floor`, `eq`, `gt`, `lt`, `toNumber`) on random bounds: any sign,
 * 1–40 significant digits, exponents from 10^−50 to 10^30, zero and negative zero, and values around every edge of the
 * new code (the clamps at 10^15 + 1 and −2, the exponent 12 cut, 4 decimal places, ±10^−4). Fixed seed.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec } from '../../src/decimal/index.js';
import type { Dec } from '../../src/decimal/index.js';
import { buildScaledContext } from '../../src/points/scaledCasePoints.js';
import type { BoundsSource, ScaledCaseContext, ScaledContextSource } from '../../src/points/scaledCasePoints.js';
import { buildScaledContext as buildScaledContextV1 } from './reference/scaledCasePointsV1.js';
import { scaledSource } from './scaledSource.js';

const R = dec('13500.25');
const src: ScaledContextSource = scaledSource(R, { auxCoef: dec('1') });

/** The integer fields of a scaled context (the rest is the source and lazily filled ρ constants). */
const ints = (s: Pick<ScaledCaseContext, 'tested' | 'aboveMin' | 'lowMax' | 'highMin' | 'extremeMin' | 'upperMin' | 'rn' | 'rs'> | undefined): unknown =>
  s === undefined ? undefined : { tested: s.tested, aboveMin: s.aboveMin, lowMax: s.lowMax, highMin: s.highMin, extremeMin: s.extremeMin, upperMin: s.upperMin, rn: s.rn, rs: s.rs };

function expectSame(b: BoundsSource): void {
  const got = ints(buildScaledContext(src, true, b));
  const want = ints(buildScaledContextV1(src, true, b));
  // toStrictEqual tells −0 from 0 (Object.is), as the run's output would not, but the contexts must not differ at all
  expect(got).toStrictEqual(want);
}

/** Values around the edges of the new code. */
const EDGES = [
  '0',
  '-0',
  '1',
  '-1',
  '0.0001',
  '-0.0001',
  '0.00005',
  '-0.00005',
  '0.00009999',
  '-0.00015',
  '-0.0002',
  '-0.00020001',
  '-0.0003',
  '100000000000',
  '100000000000.0001',
  '100000000000.00009',
  '100000000000.0002',
  '100000000000.00015',
  '99999999999.9999',
  '99999999999.99999',
  '999999999999.9999',
  '999999999999.99999',
  '1000000000000',
  '-1000000000000',
  '1000000000000.00001',
  '-999999999999.99999',
  '900719925474.0991',
  '900719925474.09915',
  '6750.125',
  '6750.12345',
  '27000.5',
  '1e-50',
  '-1e-50',
  '1e30',
  '-1e30',
  '1234567890123456789012345678901234567890',
  '0.1234567890123456789012345678901234567890',
  '-12345678901.23456789012345678901234567890',
];

/** A random decimal: sign, 1–40 significant digits, exponent 10^−50 … 10^30. */
const decArb: fc.Arbitrary<Dec> = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[1-9][0-9]{0,39}$/), fc.integer({ min: -50, max: 30 }), fc.integer({ min: 0, max: 16 }))
  .map(([neg, digits, exp, mode]) => {
    // mode 0–3: around the clamps and the exponent cut (B ≈ 10^11, 10^12, tiny); else anywhere
    if (mode === 0) return dec(`${neg ? '-' : ''}1000000000${digits.slice(0, 2)}.${digits.slice(2, 12)}`);
    if (mode === 1) return dec(`${neg ? '-' : ''}0.000${digits.slice(0, 6)}`);
    if (mode === 2) return dec(`${neg ? '-' : ''}99999999999${digits.slice(0, 1)}.${digits.slice(1, 10)}`);
    if (mode === 3) return dec(`${neg ? '-' : ''}${digits.slice(0, 4)}.${digits.slice(4, 9)}`);
    return dec(`${neg ? '-' : ''}${digits}e${exp}`);
  });
const boundArb: fc.Arbitrary<Dec> = fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...EDGES).map((t) => dec(t)) }, { weight: 4, arbitrary: decArb });
const optBound = fc.option(boundArb, { nil: undefined });

describe('buildScaledContext bounds = frozen copy (floorScaled by toFixed(4, floor))', () => {
  it('every edge value as each bound, inclusive and strict', () => {
    for (const t of EDGES) {
      const B = dec(t);
      for (const inc of [false, true]) {
        expectSame({ lowBound: B, highBound: B, extremeBound: B, highUpperBound: B, lowInclusive: inc, highInclusive: inc, extremeInclusive: !inc });
      }
    }
  });

  it('literal: R = 13500, national 3.0', () => {
    const s = buildScaledContext(src, true, { lowBound: dec('6750'), highBound: dec('27000'), extremeBound: undefined, lowInclusive: false, highInclusive: true, extremeInclusive: false })!;
    expect([s.lowMax, s.aboveMin, s.highMin]).toStrictEqual([67499999, 270000000, 270000000]);
    const t = buildScaledContext(src, true, { lowBound: dec('6750.00005'), highBound: dec('27000.00005'), extremeBound: dec('-0.00001'), lowInclusive: false, highInclusive: true, extremeInclusive: true })!;
    // ⌊67500000.5⌋ = 67500000 (not exact: < 6750.00005 ⟺ ≤ F), ⌊270000000.5⌋ + 1, extreme ⌊−0.1⌋ + 1 = 0
    expect([t.lowMax, t.highMin, t.extremeMin, t.aboveMin]).toStrictEqual([67500000, 270000001, 0, 0]);
  });

  test.prop([optBound, boundArb, optBound, optBound, fc.boolean(), fc.boolean(), fc.boolean()], { seed: 6601, numRuns: 4000 })(
    'random bounds and inclusivity',
    (lowBound, highBound, extremeBound, highUpperBound, lowInclusive, highInclusive, extremeInclusive) => {
      expectSame({ lowBound, highBound, extremeBound, highUpperBound, lowInclusive, highInclusive, extremeInclusive });
    },
  );
});
