import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUNDING_OPTIONS, DEFAULT_SETTLEMENT_OPTIONS } from '../../src/policy/schema.js';
import type { SettlementOptions } from '../../src/policy/schema.js';
import { computeMonthlyPrepayment, runMonthlyPrepayments } from '../../src/settlement/index.js';

const rounding = DEFAULT_ROUNDING_OPTIONS;
const pol = (s: Partial<SettlementOptions> = {}) => ({ settlement: { ...DEFAULT_SETTLEMENT_OPTIONS, ...s }, rounding });

describe('computeMonthlyPrepayment (§8.2)', () => {
  it('T15 with the deposit and deferred parts adding up to the gross', () => {
    const r = computeMonthlyPrepayment({ points: '180000', pointValue: '10', patientPaid: '540000', auditDeductions: '20000' }, pol({ prepayRatio: '0.9' }));
    expect(r.gross.toFixed(2)).toBe('1260000.00');
    expect(r.prepayBeforeAudit.toFixed(2)).toBe('1134000.00');
    expect(r.depositWithheld.toFixed(2)).toBe('63000.00');
    expect(r.deferred.toFixed(2)).toBe('63000.00');
    expect(r.prepay.toFixed(2)).toBe('1114000.00');
    expect(r.paid.toFixed(2)).toBe('1114000.00');
  });
  it('each money step is rounded once from the exact gross; parts add to the cent', () => {
    const r = computeMonthlyPrepayment({ points: '1234.5678', pointValue: '10.123457', patientPaid: '333.33' }, pol());
    // gross = 12,498.0940368846 − 333.33; × 0.95 = 11,556.5258… → 11,556.53; × 0.05 = 608.238… → 608.24 would
    // overshoot the rounded gross by a cent: with nothing deferred the deposit is the remainder 608.23.
    expect(r.grossUnrounded.toFixed()).toBe('12164.7640368846');
    expect([r.gross.toFixed(2), r.prepayBeforeAudit.toFixed(2), r.depositWithheld.toFixed(2), r.deferred.toFixed(2)]).toEqual(['12164.76', '11556.53', '608.23', '0.00']);
    const d = computeMonthlyPrepayment({ points: '1234.5678', pointValue: '10.123457', patientPaid: '333.33' }, pol({ prepayRatio: '0.9' }));
    expect([d.prepayBeforeAudit.toFixed(2), d.depositWithheld.toFixed(2), d.deferred.toFixed(2)]).toEqual(['10948.29', '608.24', '608.23']);
  });
  it('ratio method and quota mode', () => {
    expect(computeMonthlyPrepayment({ points: '100', pointValue: '10', fundPayRatio: '0.7' }, pol({ fundShareMethodMonthly: 'ratio' })).gross.toFixed(2)).toBe('700.00');
    const q = computeMonthlyPrepayment({ monthlyQuota: '1000000' }, pol({ monthlyMode: 'quota', prepayRatio: '0.9', qualityDepositRate: '0.1' }));
    expect([q.prepay.toFixed(2), q.depositWithheld.toFixed(2), q.deferred.toFixed(2)]).toEqual(['900000.00', '100000.00', '0.00']);
    expect(computeMonthlyPrepayment({}, pol({ monthlyMode: 'quota' })).issues[0]?.code).toBe('settlement.quota_missing');
  });
  it('negative month carried forward (default) or recovered in the month', () => {
    const months = [
      { points: '100', pointValue: '10', patientPaid: '0', auditDeductions: '2000' }, // 950 − 2000 = −1050
      { points: '200', pointValue: '10', patientPaid: '0' }, // 1900 − 1050 = 850
    ];
    const carry = runMonthlyPrepayments(months, pol());
    expect(carry.months.map((m) => [m.paid.toFixed(2), m.carryOut.toFixed(2)])).toEqual([
      ['0.00', '-1050.00'],
      ['850.00', '0.00'],
    ]);
    expect([carry.paidTotal.toFixed(2), carry.prepayTotal.toFixed(2)]).toEqual(['850.00', '850.00']);
    const recover = runMonthlyPrepayments(months, pol({ negativeMonth: 'recoverInMonth' }));
    expect(recover.months.map((m) => m.paid.toFixed(2))).toEqual(['-1050.00', '1900.00']);
  });
  it('a negative gross withholds no deposit', () => {
    const r = computeMonthlyPrepayment({ points: '10', pointValue: '10', patientPaid: '500' }, pol({ negativeMonth: 'recoverInMonth' }));
    expect([r.gross.toFixed(2), r.depositWithheld.toFixed(2), r.paid.toFixed(2)]).toEqual(['-400.00', '0.00', '-400.00']);
  });
});
