import { describe, expect, it } from 'vitest';
import { DEFAULT_POINT_VALUE_OPTIONS, DEFAULT_ROUNDING_OPTIONS } from '../../src/policy/schema.js';
import { computeBudgetPointValue } from '../../src/pointValue/index.js';

const policy = { pointValue: DEFAULT_POINT_VALUE_OPTIONS, rounding: DEFAULT_ROUNDING_OPTIONS };

describe('computeBudgetPointValue (§7.1)', () => {
  it('T13 weights 1:2:7 on cost and points: 1.16 × 10⁹ / 1.08 × 10⁸ = 10.740741', () => {
    const r = computeBudgetPointValue(
      [
        { cost: '1000000000', points: '100000000' },
        { cost: '1100000000', points: '105000000' },
        { cost: '1200000000', points: '110000000' },
      ],
      policy,
    );
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.weightedCost.toFixed()).toBe('1160000000');
    expect(r.value.weightedPoints.toFixed()).toBe('108000000');
    expect(r.value.pointValue.toFixed(6)).toBe('10.740741');
    expect(r.value.unrounded.toDecimalPlaces(4).toFixed(4)).toBe('10.7407');
  });
  it('year count must match the weights', () => {
    const r = computeBudgetPointValue([{ cost: '1', points: '1' }], policy);
    expect(!r.ok && r.issues[0]?.code).toBe('pointValue.year_count');
  });
});
