import { describe, expect, it } from 'vitest';
import { HALF_UP_2 } from '../../src/decimal/index.js';
import { computeNetPayment } from '../../src/settlement/index.js';

describe('computeNetPayment (§8.6)', () => {
  it('E3: 12,100,000 − 120,000 − 11,280,000 − 500,000 = 200,000.00', () => {
    const r = computeNetPayment({ entitlement: '12100000', depositWithheld: '600000', refundShare: '0.8', prepaymentsTotal: '11280000', advanceOutstanding: '500000' }, HALF_UP_2);
    expect([r.refund.toFixed(2), r.forfeit.toFixed(2), r.net.toFixed(2)]).toEqual(['480000.00', '120000.00', '200000.00']);
  });
  it('default full refund; a negative net is a recovery; the refund rounds once', () => {
    expect(computeNetPayment({ entitlement: '100', depositWithheld: '5', prepaymentsTotal: '95' }, HALF_UP_2).net.toFixed(2)).toBe('5.00');
    expect(computeNetPayment({ entitlement: '100', prepaymentsTotal: '150' }, HALF_UP_2).net.toFixed(2)).toBe('-50.00');
    const r = computeNetPayment({ entitlement: '0', depositWithheld: '0.05', refundShare: '0.5' }, HALF_UP_2);
    expect([r.refund.toFixed(2), r.forfeit.toFixed(2)]).toEqual(['0.03', '0.02']);
  });
});
