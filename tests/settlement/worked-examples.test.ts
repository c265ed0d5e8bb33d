/**
 * Every applicable worked example of DIP-RULES.md §9 with its literal expected values (T20, the Jinhua DRG
 * incomplete-stay rule, is not modelled by the engine; T1–T4, T17 and P belong to the catalog builder).
 */
import { describe, expect, it } from 'vitest';
import { HALF_UP_2, dec, roundDec } from '../../src/decimal/index.js';
import {
  DEFAULT_OUTLIER_OPTIONS,
  DEFAULT_POINT_VALUE_OPTIONS,
  DEFAULT_ROUNDING_OPTIONS,
  DEFAULT_SETTLEMENT_OPTIONS,
  DEFAULT_SPECIAL_CASE_OPTIONS,
  DEFAULT_UNGROUPED_OPTIONS,
} from '../../src/policy/schema.js';
import type { OutlierOptions } from '../../src/policy/schema.js';
import { caseStandard, computeCasePoints, computeUngroupedPoints, isSpecialCaseEligible, specialCaseQuota } from '../../src/points/index.js';
import type { CasePointsInput } from '../../src/points/index.js';
import { computeBudgetPointValue, computePointValue } from '../../src/pointValue/index.js';
import { applySurplusCorridor, computeDipAmountDue, computeMonthlyPrepayment, computeNetPayment, resolveAssessment, runMonthlyPrepayments } from '../../src/settlement/index.js';
import { VARIANTS } from '../points/variants.js';
import { EXAMPLE_CORRIDOR, EXAMPLE_SETTLEMENT } from './fixtures.js';

const rounding = DEFAULT_ROUNDING_OPTIONS;
const money = rounding.money;
const cp = (input: CasePointsInput, outlier: OutlierOptions) => computeCasePoints(input, { outlier, rounding });
const common = { rw: '1500', kind: 'core', coef: '0.9', auxCoef: '1', pointValue: '10' } as const;
const sim = (cost: string) => ({ ...common, cost, simulatedAverageCost: '13500' });
// national 1.0 with the common c = 0.9: its formulas carry no coefficient (coefInNormal none), so normal points are 1,500 (T11)
const n10 = (cost: string) => ({ ...common, cost, sameLevelAverageCost: '13500' });
const p4 = (x: { points: { toFixed(n: number): string } }) => x.points.toFixed(4);

describe('DIP-RULES.md §9.1 point values', () => {
  it('T12 settlement PV: (900,000,000 / 0.72) / 125,000,000 = 10.000000', () => {
    const r = computePointValue({ fund: '900000000', fundPayRatio: '0.72', totalPoints: '125000000' }, { pointValue: DEFAULT_POINT_VALUE_OPTIONS, rounding });
    expect(r.ok && r.value.pointValue.toFixed(6)).toBe('10.000000');
  });
  it('T13 budget PV 1:2:7 on cost and points: 10.740741 (10.7407 at 4 dp)', () => {
    const r = computeBudgetPointValue(
      [
        { cost: '1000000000', points: '100000000' },
        { cost: '1100000000', points: '105000000' },
        { cost: '1200000000', points: '110000000' },
      ],
      { pointValue: DEFAULT_POINT_VALUE_OPTIONS, rounding },
    );
    if (!r.ok) throw new Error('T13');
    expect([r.value.weightedCost.toFixed(), r.value.weightedPoints.toFixed()]).toEqual(['1160000000', '108000000']);
    expect(r.value.pointValue.toFixed(6)).toBe('10.740741');
    expect(roundDec(r.value.unrounded, { scale: 4, mode: 'halfUp' }).toFixed(4)).toBe('10.7407');
  });
  it('T16 auxiliary coefficient a = 26,000 / 20,000 = 1.30; 1,500 × 0.9 × 1.3 = 1,755.0000', () => {
    const a = roundDec(dec('26000').div(dec('20000')), rounding.auxCoefDerived);
    expect(a.toFixed(2)).toBe('1.30');
    expect(p4(cp({ ...common, auxCoef: a, cost: '17550' }, DEFAULT_OUTLIER_OPTIONS))).toBe('1755.0000');
  });
  it('T19 elastic 8:2 on a 1.0 × 10⁹ fund: base 8.0 × 10⁸ (fixed PV), increment 2.0 × 10⁸ (floating PV)', () => {
    const r = computePointValue(
      { fund: '1000000000', fundPayRatio: '1', totalPoints: '100000000' },
      { pointValue: { ...DEFAULT_POINT_VALUE_OPTIONS, pointValueRegime: 'elastic', fixedPointValue: '10', elastic: { ...DEFAULT_POINT_VALUE_OPTIONS.elastic, baseShare: '0.8' } }, rounding },
    );
    if (!r.ok) throw new Error('T19');
    expect(r.value.elastic?.baseFund.toFixed()).toBe('800000000');
    expect(r.value.elastic?.incrementFund.toFixed()).toBe('200000000');
  });
});

describe('DIP-RULES.md §9.2 case points and outliers', () => {
  it('T5 normal case: 1,350.0000 points; standard 13,500.00 元', () => {
    const r = cp({ ...common, cost: '13500' }, VARIANTS.national_3_0);
    expect(p4(r)).toBe('1350.0000');
    expect(caseStandard(r.points, '10', money).amount.toFixed(2)).toBe('13500.00');
  });
  it('T6 low outlier national_3_0: κ unrounded → 500.0000 points, 5,000.00 元 = cost (κ at 6 dp would give 499.9995, at 4 dp 500.0400)', () => {
    const r = cp({ ...common, cost: '5000' }, VARIANTS.national_3_0);
    expect([r.outlierClass, r.formula]).toEqual(['low', 'lowPaidAtCost']);
    expect(r.kappa?.toSignificantDigits(12).toFixed()).toBe('0.37037037037');
    expect(p4(r)).toBe('500.0000');
    expect(caseStandard(r.points, '10', money).amount.toFixed(2)).toBe('5000.00');
    const k6 = roundDec(r.kappa ?? dec(0), { scale: 6, mode: 'halfUp' });
    expect(roundDec(dec('1350').times(k6), rounding.casePoints).toFixed(4)).toBe('499.9995');
    const k4 = roundDec(r.kappa ?? dec(0), { scale: 4, mode: 'halfUp' });
    expect(roundDec(dec('1350').times(k4), rounding.casePoints).toFixed(4)).toBe('500.0400');
  });
  it('T7 low outlier cost 5,000: 1.0 555.5556; Hubei 500.0000; Jining/Tai\u2019an 555.5556', () => {
    expect(p4(cp(n10('5000'), VARIANTS.national_1_0))).toBe('555.5556');
    expect(p4(cp(sim('5000'), VARIANTS.hubei_base))).toBe('500.0000');
    expect(p4(cp(sim('5000'), VARIANTS.jining))).toBe('555.5556');
    expect(p4(cp(sim('5000'), VARIANTS.taian))).toBe('555.5556');
  });
  it('T8 high outlier cost 33,750: 1.0 2,250.0000 (22,500.00 元); Hubei 2,025.0000 (20,250.00 元)', () => {
    const a = cp(n10('33750'), VARIANTS.national_1_0);
    const b = cp(sim('33750'), VARIANTS.hubei_base);
    expect([p4(a), caseStandard(a.points, '10', money).amount.toFixed(2)]).toEqual(['2250.0000', '22500.00']);
    expect([p4(b), caseStandard(b.points, '10', money).amount.toFixed(2)]).toEqual(['2025.0000', '20250.00']);
  });
  it('T9 high outlier Jining (same for Tai\u2019an): 2,100.0000 points; 21,000.00 元', () => {
    for (const v of [VARIANTS.jining, VARIANTS.taian]) {
      const r = cp(sim('33750'), v);
      expect([p4(r), caseStandard(r.points, '10', money).amount.toFixed(2)]).toEqual(['2100.0000', '21000.00']);
    }
  });
  it('T10 extreme cost 81,000: Jining 1,350.0000 (13,500.00 元) flagged; Hubei 6,750.0000; Tai\u2019an 7,350.0000; 1.0 review (7,500)', () => {
    const j = cp(sim('81000'), VARIANTS.jining);
    expect([p4(j), caseStandard(j.points, '10', money).amount.toFixed(2), j.needsReview]).toEqual(['1350.0000', '13500.00', true]);
    expect(p4(cp(sim('81000'), VARIANTS.hubei_base))).toBe('6750.0000');
    expect(p4(cp(sim('81000'), VARIANTS.taian))).toBe('7350.0000');
    const n = cp(n10('81000'), VARIANTS.national_1_0);
    expect([n.outlierClass, n.needsReview, p4(n)]).toEqual(['extreme', true, '7500.0000']);
  });
  it('T11 boundaries ρ = 0.5: Hubei low 675.0000; Jining/Tai\u2019an low 750.0000; 1.0 normal 1,500; 3.0 normal 1,350.0000', () => {
    expect(p4(cp(sim('6750'), VARIANTS.hubei_base))).toBe('675.0000');
    expect(p4(cp(sim('6750'), VARIANTS.jining))).toBe('750.0000');
    expect(p4(cp(sim('6750'), VARIANTS.taian))).toBe('750.0000');
    expect(p4(cp(n10('6750'), VARIANTS.national_1_0))).toBe('1500.0000');
    expect(p4(cp({ ...common, cost: '6750' }, VARIANTS.national_3_0))).toBe('1350.0000');
  });
  it('T11 boundaries ρ = 2.0: Hubei high factor 1 = 1,350.0000; Jining/Tai\u2019an normal 1,350.0000; 1.0 normal', () => {
    const h = cp(sim('27000'), VARIANTS.hubei_base);
    expect([h.outlierClass, p4(h)]).toEqual(['high', '1350.0000']);
    expect(cp(sim('27000'), VARIANTS.jining)).toMatchObject({ outlierClass: 'normal' });
    expect(p4(cp(sim('27000'), VARIANTS.taian))).toBe('1350.0000');
    expect(cp(n10('27000'), VARIANTS.national_1_0).outlierClass).toBe('normal');
  });
  it('F1 floating-point boundary: RW 1,496.8 × PV 15 × c 0.95 = 21,329.40; cost 42,658.80 → ρ = 2 exactly → normal under strict >', () => {
    const r = cp({ rw: '1496.8', kind: 'core', coef: '0.95', pointValue: '15', cost: '42658.80' }, { ...DEFAULT_OUTLIER_OPTIONS, highInclusive: false });
    expect(r.reference?.toFixed(2)).toBe('21329.40');
    expect(r.rho?.toFixed()).toBe('2');
    expect(r.outlierClass).toBe('normal');
    expect(p4(r)).toBe('1421.9600');
  });
  it('T18 special-case quota: 1,000 of 200,000; 999 of 199,999; eligible when cost > 2 × RW × PV', () => {
    expect(specialCaseQuota(200_000, DEFAULT_SPECIAL_CASE_OPTIONS)).toBe(1000);
    expect(specialCaseQuota(199_999, DEFAULT_SPECIAL_CASE_OPTIONS)).toBe(999);
    expect(isSpecialCaseEligible('30000.01', '1500', '10', DEFAULT_SPECIAL_CASE_OPTIONS)).toBe(true);
    expect(isSpecialCaseEligible('30000', '1500', '10', DEFAULT_SPECIAL_CASE_OPTIONS)).toBe(false);
  });
  it('T21 blank packet cost 6,000, m_KBBZ 10,000, RW_KBBZ 1,000: Jining 420.0000; Tai\u2019an 235.8720', () => {
    const input = { cost: '6000', blankPacketRw: '1000', blankPacketAverageCost: '10000' };
    const j = computeUngroupedPoints(input, { ungrouped: { ...DEFAULT_UNGROUPED_OPTIONS, ungroupedPolicy: 'blankPacket', blankPacketFactor: '0.7' }, rounding });
    const t = computeUngroupedPoints(input, { ungrouped: { ...DEFAULT_UNGROUPED_OPTIONS, ungroupedPolicy: 'blankPacket', blankPacketFactor: dec('0.4368').times('0.9').toFixed() }, rounding });
    expect([p4(j), p4(t)]).toEqual(['420.0000', '235.8720']);
    expect(t.factor?.times(t.ratio ?? 0).toFixed()).toBe('0.235872');
  });
});

describe('DIP-RULES.md §9.3 settlement', () => {
  it('T14 annual DIP amount due: 2,000,000 × 10 × 0.70 × 0.98 − 150,000 = 13,570,000.00 元', () => {
    const r = computeDipAmountDue({ points: '2000000', pointValue: '10', fundPayRatio: '0.70', assessmentCoefficient: '0.98', auditDeductions: '150000' }, 'ratio', money);
    expect(r.amountDue.toFixed(2)).toBe('13570000.00');
  });
  it('T15 monthly prepayment: (1,800,000 − 540,000) × 0.9 − 20,000 = 1,114,000.00 元', () => {
    const r = computeMonthlyPrepayment(
      { points: '180000', pointValue: '10', patientPaid: '540000', auditDeductions: '20000' },
      { settlement: { ...DEFAULT_SETTLEMENT_OPTIONS, prepayRatio: '0.9' }, rounding },
    );
    expect(r.prepay.toFixed(2)).toBe('1114000.00');
  });
  it('E1 corridor surplus (EXAMPLE parameters): D 10,000,000, B 8,500,000 → A 9,750,000.00 (neutral default 10,000,000.00)', () => {
    expect(applySurplusCorridor('10000000', '8500000', EXAMPLE_CORRIDOR, {}, money).entitlement.toFixed(2)).toBe('9750000.00');
    expect(applySurplusCorridor('10000000', '8500000', DEFAULT_SETTLEMENT_OPTIONS.surplusCorridor, {}, money).entitlement.toFixed(2)).toBe('10000000.00');
  });
  it('E2 corridor overrun (EXAMPLE parameters): D 10,000,000, B 11,500,000 → A 10,500,000.00 (neutral default 10,000,000.00)', () => {
    expect(applySurplusCorridor('10000000', '11500000', EXAMPLE_CORRIDOR, { reasonable: true }, money).entitlement.toFixed(2)).toBe('10500000.00');
    expect(applySurplusCorridor('10000000', '11500000', DEFAULT_SETTLEMENT_OPTIONS.surplusCorridor, { reasonable: true }, money).entitlement.toFixed(2)).toBe('10000000.00');
  });
  it('E3 net payment (EXAMPLE parameters): Σ prepay 11,280,000; W 600,000; forfeit 120,000 → Net = 200,000.00 元', () => {
    // Twelve months of gross 1,000,000 each (Σ 12,000,000) with audit 10,000 each (Σ 120,000).
    const months = Array.from({ length: 12 }, () => ({ points: '100000', pointValue: '10', patientPaid: '0', auditDeductions: '10000' }));
    const year = runMonthlyPrepayments(months, { settlement: EXAMPLE_SETTLEMENT, rounding });
    expect(year.prepayTotal.toFixed(2)).toBe('11280000.00');
    expect(year.depositTotal.toFixed(2)).toBe('600000.00');
    const a = resolveAssessment('85', EXAMPLE_SETTLEMENT);
    expect(a.refundShare.toFixed(2)).toBe('0.80');
    const net = computeNetPayment({ entitlement: '12100000', depositWithheld: year.depositTotal, refundShare: a.refundShare, prepaymentsTotal: year.prepayTotal, advanceOutstanding: '500000' }, HALF_UP_2);
    expect(net.forfeit.toFixed(2)).toBe('120000.00');
    expect(net.net.toFixed(2)).toBe('200000.00');
  });
});
