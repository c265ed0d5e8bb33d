import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec } from '../../src/decimal/index.js';
import { DEFAULT_SETTLEMENT_OPTIONS } from '../../src/policy/schema.js';
import { resolveAssessment } from '../../src/settlement/index.js';
import { EXAMPLE_SETTLEMENT } from './fixtures.js';

describe('resolveAssessment (§8.5)', () => {
  it.each([
    ['95', '1', '1'],
    ['90', '1', '1'],
    ['89.99', '0.98', '0.8'],
    ['85', '0.98', '0.8'],
    ['70', '0.95', '0.6'],
    ['60', '0.9', '0.4'],
    ['59.9', '0.85', '0'],
  ])('EXAMPLE bands: score %s → k %s, s %s', (score, k, s) => {
    const r = resolveAssessment(score, EXAMPLE_SETTLEMENT);
    expect([r.coefficient.toFixed(), r.refundShare.toFixed()]).toEqual([k, s]);
  });
  it('assessmentApplication selects what acts; neutral default k = s = 1', () => {
    expect(resolveAssessment('85', { ...EXAMPLE_SETTLEMENT, assessmentApplication: 'coefficient' }).refundShare.toFixed()).toBe('1');
    expect(resolveAssessment('85', { ...EXAMPLE_SETTLEMENT, assessmentApplication: 'deposit' }).coefficient.toFixed()).toBe('1');
    const n = resolveAssessment('12', DEFAULT_SETTLEMENT_OPTIONS);
    expect([n.coefficient.toFixed(), n.refundShare.toFixed()]).toEqual(['1', '1']);
  });
  it('exclusive band starts', () => {
    const bands = [
      { minScore: '0', minInclusive: true, coefficient: '0.9', depositRefundShare: '0.5' },
      { minScore: '80', minInclusive: false, coefficient: '1', depositRefundShare: '1' },
    ];
    expect(resolveAssessment('80', { assessmentBands: bands, assessmentApplication: 'both' }).coefficient.toFixed()).toBe('0.9');
    expect(resolveAssessment('80.01', { assessmentBands: bands, assessmentApplication: 'both' }).coefficient.toFixed()).toBe('1');
  });
  test.prop([fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 })], { seed: 85, numRuns: 200 })('monotone in the score (EXAMPLE bands)', (x, y) => {
    const [lo, hi] = x <= y ? [x, y] : [y, x];
    const a = resolveAssessment(dec(lo).div(100), EXAMPLE_SETTLEMENT);
    const b = resolveAssessment(dec(hi).div(100), EXAMPLE_SETTLEMENT);
    expect(a.coefficient.lte(b.coefficient) && a.refundShare.lte(b.refundShare)).toBe(true);
  });
});
