import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dec, HALF_UP_2 } from '../../src/decimal/index.js';
import { DEFAULT_SETTLEMENT_OPTIONS } from '../../src/policy/schema.js';
import type { SurplusCorridor } from '../../src/policy/schema.js';
import { allocateLargestRemainder, applyCorridor, assessmentBandFor, monthlyPrepayments } from '../../src/run/settlementSteps.js';

/** The EXAMPLE corridor of DIP-RULES.md §8.4 (illustration only). */
const EXAMPLE_CORRIDOR: SurplusCorridor = {
  surplusBands: [
    { from: '0', to: '0.10', retainShare: '1' },
    { from: '0.10', to: '0.20', retainShare: '0.5' },
    { from: '0.20', retainShare: '0' },
  ],
  overrunBands: [
    { from: '0', to: '0.10', fundShare: '0.5' },
    { from: '0.10', fundShare: '0' },
  ],
  requireReasonableFlag: true,
};

describe('applyCorridor (DIP-RULES.md §8.4)', () => {
  it('E1: surplus 15 % of D → A = 9,750,000', () => {
    const r = applyCorridor(dec('10000000'), dec('8500000'), EXAMPLE_CORRIDOR, false);
    expect(r.side).toBe('surplus');
    expect(r.amount.toFixed(2)).toBe('9750000.00');
  });
  it('E2: reasonable overrun 1,500,000 → A = 10,500,000; not certified → A = D', () => {
    expect(applyCorridor(dec('10000000'), dec('11500000'), EXAMPLE_CORRIDOR, true).amount.toFixed(2)).toBe('10500000.00');
    expect(applyCorridor(dec('10000000'), dec('11500000'), EXAMPLE_CORRIDOR, false).amount.toFixed(2)).toBe('10000000.00');
  });
  it('neutral default corridor: A = D both ways', () => {
    const neutral = DEFAULT_SETTLEMENT_OPTIONS.surplusCorridor;
    expect(applyCorridor(dec('10000000'), dec('8500000'), neutral, true).amount.toFixed(2)).toBe('10000000.00');
    expect(applyCorridor(dec('10000000'), dec('11500000'), neutral, true).amount.toFixed(2)).toBe('10000000.00');
  });
});

describe('assessmentBandFor (DIP-RULES.md §8.5)', () => {
  const bands = [
    { minScore: '0', minInclusive: true, coefficient: '0.85', depositRefundShare: '0' },
    { minScore: '60', minInclusive: true, coefficient: '0.90', depositRefundShare: '0.4' },
    { minScore: '70', minInclusive: true, coefficient: '0.95', depositRefundShare: '0.6' },
    { minScore: '80', minInclusive: true, coefficient: '0.98', depositRefundShare: '0.8' },
    { minScore: '90', minInclusive: true, coefficient: '1.00', depositRefundShare: '1' },
  ];
  it('85 → 0.98 / 80 %; 90 → 1.00; 59.99 → 0.85', () => {
    expect(assessmentBandFor(bands, dec('85'))?.coefficient).toBe('0.98');
    expect(assessmentBandFor(bands, dec('90'))?.coefficient).toBe('1.00');
    expect(assessmentBandFor(bands, dec('59.99'))?.depositRefundShare).toBe('0');
  });
});

describe('monthlyPrepayments (DIP-RULES.md §8.2)', () => {
  it('T15: (1,800,000 − 540,000) × 0.9 − 20,000 = 1,114,000.00', () => {
    const s = monthlyPrepayments([{ month: '2025-01', gross: dec('1260000'), audit: dec('20000') }], dec('0.9'), dec('0.10'), 'carryForward', HALF_UP_2);
    expect(s.prepaid.toFixed(2)).toBe('1114000.00');
    expect(s.depositWithheld.toFixed(2)).toBe('126000.00');
  });
  it('a negative month is carried forward and netted with the next', () => {
    const s = monthlyPrepayments(
      [
        { month: '2025-02', gross: dec('1000'), audit: dec('0') },
        { month: '2025-01', gross: dec('100'), audit: dec('500') },
      ],
      dec('0.95'),
      dec('0.05'),
      'carryForward',
      HALF_UP_2,
    );
    expect(s.months.map((m) => m.paid.toFixed(2))).toEqual(['0.00', '545.00']);
    expect(s.prepaid.toFixed(2)).toBe('545.00');
    expect(s.carry.toFixed(2)).toBe('0.00');
  });
});

describe('allocateLargestRemainder', () => {
  it('100.00 over three equal weights', () => {
    expect(allocateLargestRemainder(dec('100.00'), [dec(1), dec(1), dec(1)], 2).map((d) => d.toFixed(2))).toEqual(['33.34', '33.33', '33.33']);
  });
  it('property: parts sum to the total exactly and each is within one cent of its share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 12 }), (cents, ws) => {
        const total = dec(cents).div(100);
        const weights = ws.map((w) => dec(w).div(1000));
        const parts = allocateLargestRemainder(total, weights, 2);
        const sum = parts.reduce((a, b) => a.plus(b), dec(0));
        if (!sum.eq(total)) return false;
        const wsum = weights.reduce((a, b) => a.plus(b), dec(0));
        return parts.every((p, i) => {
          const share = wsum.isZero() ? total.div(weights.length) : total.times(weights[i]!).div(wsum);
          return p.minus(share).abs().lt('0.01') && p.decimalPlaces() <= 2;
        });
      }),
      { seed: 20251231, numRuns: 300 },
    );
  });
});
