import { describe, expect, it } from 'vitest';
import { HALF_UP_2 } from '../../src/decimal/index.js';
import { computeDipAmountDue } from '../../src/settlement/index.js';

describe('computeDipAmountDue (§8.3)', () => {
  it('T14: 2,000,000 × 10 × 0.70 × 0.98 − 150,000 = 13,570,000.00', () => {
    const r = computeDipAmountDue({ points: '2000000', pointValue: '10', fundPayRatio: '0.70', assessmentCoefficient: '0.98', auditDeductions: '150000' }, 'ratio', HALF_UP_2);
    expect([r.baseUnrounded.toFixed(), r.base.toFixed(2), r.amountDue.toFixed(2)]).toEqual(['14000000', '14000000.00', '13570000.00']);
  });
  it('from the exact sum, rounded once (not from rounded case amounts)', () => {
    // P 1234.5678 × PV 10.123457 × r 0.7 = 8748.66582581922; × k 0.95 = 8311.232534528259
    const r = computeDipAmountDue({ points: '1234.5678', pointValue: '10.123457', fundPayRatio: '0.7', assessmentCoefficient: '0.95' }, 'ratio', HALF_UP_2);
    expect(r.baseUnrounded.toFixed()).toBe('8748.66582581922');
    expect(r.amountDue.toFixed(2)).toBe('8311.23');
  });
  it('subtractPatientPaid and an allocated base', () => {
    expect(computeDipAmountDue({ points: '100', pointValue: '10', patientPaid: '300' }, 'subtractPatientPaid', HALF_UP_2).amountDue.toFixed(2)).toBe('700.00');
    const a = computeDipAmountDue({ points: '100', pointValue: '10', fundPayRatio: '0.7', allocatedBase: '700.01', assessmentCoefficient: '0.5', auditDeductions: '0.01' }, 'ratio', HALF_UP_2);
    expect([a.base.toFixed(2), a.amountDue.toFixed(2)]).toEqual(['700.01', '350.00']);
  });
});
