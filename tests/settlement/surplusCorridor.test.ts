import { describe, expect, it } from 'vitest';
import { HALF_UP_2 } from '../../src/decimal/index.js';
import { applySurplusCorridor } from '../../src/settlement/index.js';
import { EXAMPLE_CORRIDOR } from './fixtures.js';

describe('applySurplusCorridor (§8.4)', () => {
  it('E1 bands in detail: first 10 % kept, next 5 % at 50 %', () => {
    const r = applySurplusCorridor('10000000', '8500000', EXAMPLE_CORRIDOR, {}, HALF_UP_2);
    expect(r.side).toBe('surplus');
    expect(r.bands.map((b) => [b.overlap.toFixed(), b.adjustment.toFixed()])).toEqual([
      ['1000000', '0'],
      ['500000', '-250000'],
      ['0', '0'],
    ]);
    expect(r.entitlement.toFixed(2)).toBe('9750000.00');
  });
  it('a surplus beyond 20 % loses everything above it: g 3,000,000 → −500,000 − 1,000,000', () => {
    expect(applySurplusCorridor('10000000', '7000000', EXAMPLE_CORRIDOR, {}, HALF_UP_2).entitlement.toFixed(2)).toBe('8500000.00');
  });
  it('overrun shared only when certified reasonable (requireReasonableFlag)', () => {
    const no = applySurplusCorridor('10000000', '11500000', EXAMPLE_CORRIDOR, {}, HALF_UP_2);
    expect([no.entitlement.toFixed(2), no.issues[0]?.code]).toEqual(['10000000.00', 'settlement.overrun_not_certified']);
    const free = applySurplusCorridor('10000000', '11500000', { ...EXAMPLE_CORRIDOR, requireReasonableFlag: false }, {}, HALF_UP_2);
    expect(free.entitlement.toFixed(2)).toBe('10500000.00');
    expect(applySurplusCorridor('10000000', '10400000', EXAMPLE_CORRIDOR, { reasonable: true }, HALF_UP_2).entitlement.toFixed(2)).toBe('10200000.00');
  });
  it('even, and non-positive D', () => {
    expect(applySurplusCorridor('100', '100', EXAMPLE_CORRIDOR, {}, HALF_UP_2).side).toBe('even');
    const z = applySurplusCorridor('0', '100', EXAMPLE_CORRIDOR, { reasonable: true }, HALF_UP_2);
    expect([z.entitlement.toFixed(2), z.issues[0]?.code]).toEqual(['0.00', 'settlement.corridor_nonpositive_due']);
  });
  it('rounds A once at 2 dp half-up', () => {
    expect(applySurplusCorridor('1000.01', '850', EXAMPLE_CORRIDOR, {}, HALF_UP_2).entitlement.toFixed(2)).toBe('975.01');
  });
});
