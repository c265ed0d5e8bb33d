/**
 * Boundaries (DIP-RULES.md §0.2, §6.3, §9 T11, F1), fixed seeds, on every preset (and DIP_AUDIT_POLICY):
 * - each outlier class changes exactly at the policy's threshold × R, on the side its `inclusive` flag names: at
 *   one fen below / exactly at / one fen above `low × R`, `high × R` and `extreme × R` the class is as documented;
 * - continuity where the rules are continuous: the high formula at ρ = 2 equals the normal points (Hubei and 3.0
 *   `RW × (ρ − 1) × c × a`: exactly at ρ = 2; Jining / Tai'an `RW × (ρ − 2 + c) × a`: the limit just above 2);
 * - the documented jumps: the low formula below the low threshold, normal points above it; Jining's extreme
 *   class drops to normal points just above 5 × R.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec } from '../../src/decimal/index.js';
import type { Dec } from '../../src/decimal/index.js';
import { computeCasePoints } from '../../src/points/index.js';
import type { OutlierClass } from '../../src/points/index.js';
import { contextArb, policiesUnderTest, rwArb } from './fixtures.js';

const policies = policiesUnderTest();
const RW = await rwArb();
const FEN = dec('0.01');

describe('outlier boundaries', () => {
  for (const { name, policy } of policies) {
    const o = policy.outlier;
    const testable = o.applyToKinds.includes('core') && (o.highThresholdSteps?.length ?? 0) === 0;
    if (!testable) continue;
    const hasExtreme = o.extremeThreshold !== undefined && o.extremeAction !== 'highFormula';
    // above highUpper (band reading of the 3.0 text) the class is `aboveHighBand`; one fen above high × R is inside the band
    const aboveHigh: OutlierClass = 'high';

    test.prop([RW, contextArb], { seed: 161, numRuns: 100 })(`${name}: classes change exactly at low/high/extreme × R, on the documented side`, (rw, ctx) => {
      const R = dec(ctx.referenceCost);
      const cls = (cost: Dec) => computeCasePoints({ rw, kind: 'core', ...ctx, cost }, policy).outlierClass;
      const low = R.times(dec(o.lowThreshold));
      const high = R.times(dec(o.highThreshold));
      expect(cls(low.minus(FEN)), 'one fen below low × R').toBe('low');
      expect(cls(low), `exactly low × R (lowInclusive ${String(o.lowInclusive)})`).toBe(o.lowInclusive ? 'low' : 'normal');
      expect(cls(low.plus(FEN)), 'one fen above low × R').toBe('normal');
      expect(cls(high.minus(FEN)), 'one fen below high × R').toBe('normal');
      expect(cls(high), `exactly high × R (highInclusive ${String(o.highInclusive)})`).toBe(o.highInclusive ? 'high' : 'normal');
      expect(cls(high.plus(FEN)), 'one fen above high × R').toBe(aboveHigh);
      if (hasExtreme && o.highUpper === undefined) {
        const ext = R.times(dec(o.extremeThreshold!));
        expect(cls(ext.minus(FEN)), 'one fen below extreme × R').toBe('high');
        expect(cls(ext), `exactly extreme × R (extremeInclusive ${String(o.extremeInclusive)})`).toBe(o.extremeInclusive ? 'extreme' : 'high');
        expect(cls(ext.plus(FEN)), 'one fen above extreme × R').toBe('extreme');
      }
    });

    const continuousHigh = (o.highFormula === 'ratioMinusOne' && o.coefInHigh === 'multiply') || (o.highFormula === 'ratioMinusTwoPlusCoef' && o.coefInHigh === 'additive');
    if (continuousHigh && o.highThreshold === '2') {
      test.prop([RW, contextArb], { seed: 271, numRuns: 100 })(`${name}: the high formula joins the normal points at ρ = 2 (continuous)`, (rw, ctx) => {
        const R = dec(ctx.referenceCost);
        const at = (cost: Dec) => computeCasePoints({ rw, kind: 'core', ...ctx, cost }, policy);
        const normal = at(R);
        expect(normal.outlierClass).toBe('normal');
        // at ρ = 2 exactly (high class when inclusive, normal otherwise) the points equal the normal points
        expect(at(R.times(2)).points.toFixed(4)).toBe(normal.points.toFixed(4));
        // one fen above: the points exceed normal by at most RW × a × 0.01 / R (+ one rounding unit)
        const above = at(R.times(2).plus(FEN));
        expect(above.outlierClass).toBe('high');
        const slack = dec(rw).times(dec(ctx.auxCoef)).times(FEN).div(R).times(o.coefInHigh === 'multiply' ? dec(ctx.coef) : 1).plus('0.0001');
        expect(above.points.minus(normal.points).abs().lte(slack), `${above.points.toFixed()} vs normal ${normal.points.toFixed()}`).toBe(true);
      });
    }

    if (hasExtreme && o.extremeAction === 'normalPoints') {
      test.prop([RW, contextArb.filter((c) => dec(c.coef).lt(3))], { seed: 314, numRuns: 100 })(`${name}: documented drop just above extreme × R: high formula → normal points, flagged`, (rw, ctx) => {
        const R = dec(ctx.referenceCost);
        const at = (cost: Dec) => computeCasePoints({ rw, kind: 'core', ...ctx, cost }, policy);
        const ext = R.times(dec(o.extremeThreshold!));
        const before = at(o.extremeInclusive ? ext.minus(FEN) : ext);
        const after = at(ext.plus(FEN));
        expect(after.outlierClass).toBe('extreme');
        expect(after.needsReview).toBe(true);
        expect(after.points.toFixed(4)).toBe(at(R).points.toFixed(4));
        expect(before.points.gt(after.points)).toBe(true);
      });
    }
  }
});

describe('boundary examples of DIP-RULES.md §9 that need exact arithmetic', () => {
  test.prop([fc.constantFrom(...policies)], { seed: 1, numRuns: 20 })('F1: RW 1,496.8 × PV 15 × c 0.95 = 21,329.40 exactly; 42,658.80 is exactly ρ = 2', ({ policy }) => {
    const r = computeCasePoints({ rw: '1496.8', kind: 'core', coef: '0.95', auxCoef: '1', pointValue: '15', cost: '42658.80', referenceCost: '21329.40' }, policy);
    expect(r.rho?.toFixed()).toBe('2');
    expect(r.outlierClass).toBe(policy.outlier.highInclusive ? 'high' : 'normal');
  });
});
