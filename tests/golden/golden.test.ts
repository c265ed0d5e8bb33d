/**
 * Golden cases as data (fixtures/cases/*.json, plus `DIP_AUDIT_CASES`): each file states a policy (preset or JSON
 * file) and date, the inputs, and expected outputs worked out by hand from DIP-RULES.md. Every case is run through
 * the engine (src/) and, where the reference implementation covers it, through tests/reference — so each golden
 * value is checked by two independent implementations.
 */
import { basename, dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFixed, roundDec, dec } from '../../src/decimal/index.js';
import type { ResolvedPolicy } from '../../src/policy/index.js';
import { computeCasePoints, computeUngroupedPoints, resolveInstitutionCoefficient } from '../../src/points/index.js';
import { computeDipAmountDue, computeMonthlyPrepayment, computeNetPayment, resolveAssessment } from '../../src/settlement/index.js';
import { refAmountDue, refCasePoints, refMonthlyPrepayment, refNetPayment } from '../reference/dipReference.js';
import type { RefOutlierParams } from '../reference/dipReference.js';
import { q } from '../reference/rational.js';
import { resolveNamed } from './auditEnv.js';
import { GoldenCaseSchema, caseDirectories, loadCases } from './caseFile.js';
import type { GoldenCase } from './caseFile.js';

const PRESETS_REQUIRED = ['national-2020', 'national-2024', 'hubei-base-2023', 'jining-2023', 'taian-2023', 'pingdingshan-2025'];

/** The §6.3 parameters of a resolved policy in the reference's terms, or undefined when the reference does not model them. */
export function refParamsOf(policy: ResolvedPolicy): RefOutlierParams | undefined {
  const o = policy.outlier;
  if (o.highUpper !== undefined || (o.highThresholdSteps?.length ?? 0) > 0) return undefined;
  if (o.coefInLow !== 'multiply' && o.coefInLow !== 'none') return undefined;
  const p: RefOutlierParams = {
    lowThreshold: o.lowThreshold,
    lowInclusive: o.lowInclusive,
    lowFormula: o.lowFormula,
    coefInLow: o.coefInLow,
    highThreshold: o.highThreshold,
    highInclusive: o.highInclusive,
    highFormula: o.highFormula,
    coefInHigh: o.coefInHigh,
  };
  if (o.extremeThreshold !== undefined) {
    p.extremeThreshold = o.extremeThreshold;
    p.extremeInclusive = o.extremeInclusive;
    // `review` (1.0): provisional points by the high formula, class `extreme` (DIP-RULES.md §6.3, §6.4)
    p.extremeAction = o.extremeAction === 'normalPoints' ? 'normalPoints' : 'highFormula';
  }
  return p;
}

function policyFor(c: GoldenCase, dir: string): ResolvedPolicy {
  if (c.preset !== undefined) return resolveNamed({ preset: c.preset }, c.date);
  if (c.policy !== undefined) return resolveNamed({ policyPath: resolve(dir, c.policy) }, c.date);
  const env = process.env.DIP_AUDIT_POLICY;
  if (env === undefined || env === '') throw new Error('case names neither "preset" nor "policy", and DIP_AUDIT_POLICY is not set');
  return resolveNamed({ policyPath: env }, c.date);
}

function runCase(c: GoldenCase, policy: ResolvedPolicy): { referenceChecked: boolean } {
  const money = policy.rounding.money;
  switch (c.kind) {
    case 'casePoints': {
      const x = c.inputs;
      const coefQuery = { packetCode: 'GOLDEN', ...(x.institutionLevel === undefined ? {} : { level: x.institutionLevel }), ...(x.isPrimaryCare === undefined ? {} : { isPrimaryCare: x.isPrimaryCare }) };
      let coef = x.coef;
      if (coef === undefined) {
        const r = resolveInstitutionCoefficient(policy.coefficients, coefQuery);
        expect(r.issue, `coefficient lookup for ${JSON.stringify(coefQuery)}`).toBeUndefined();
        coef = r.coef.toFixed();
      }
      const input = {
        rw: x.rw,
        kind: x.kind,
        coef,
        cost: x.cost,
        pointValue: x.pointValue,
        ...(x.isPrimaryCare === undefined ? {} : { isPrimaryCare: x.isPrimaryCare }),
        ...(x.auxCoef === undefined ? {} : { auxCoef: x.auxCoef }),
        ...(x.referenceCoef === undefined ? {} : { referenceCoef: x.referenceCoef }),
        ...(x.sameLevelAverageCost === undefined ? {} : { sameLevelAverageCost: x.sameLevelAverageCost }),
        ...(x.simulatedAverageCost === undefined ? {} : { simulatedAverageCost: x.simulatedAverageCost }),
        ...(x.referenceCost === undefined ? {} : { referenceCost: x.referenceCost }),
      };
      const r = computeCasePoints(input, policy);
      expect(r.outlierClass, 'outlier class').toBe(c.expected.outlierClass);
      expect(formatFixed(r.points, 4), 'case points').toBe(c.expected.points);
      if (c.expected.standard !== undefined) expect(formatFixed(roundDec(r.points.times(dec(x.pointValue)), money), 2), 'standard = points × PV').toBe(c.expected.standard);
      if (c.expected.needsReview !== undefined) expect(r.needsReview, 'needs review').toBe(c.expected.needsReview);
      // the reference implementation: grouped, tested packets with RW > 0 and a §6.3 variant it models
      const params = refParamsOf(policy);
      if (params === undefined || dec(x.rw).isZero() || x.kind === 'fallback' || c.expected.outlierClass === 'notTested') return { referenceChecked: false };
      const a = x.auxCoef ?? '1';
      const cL = x.referenceCoef ?? coef;
      const basis = policy.outlier.outlierReference;
      const R =
        x.referenceCost ??
        (basis === 'paymentStandard' ? q(x.rw).mul(q(x.pointValue)).mul(q(cL)).mul(q(a)).toFixed(10) : basis === 'sameLevelAverageCost' ? x.sameLevelAverageCost : x.simulatedAverageCost);
      if (R === undefined) return { referenceChecked: false };
      const ref = refCasePoints({ rw: x.rw, c: coef, a, cost: x.cost, reference: R, pv: x.pointValue }, params);
      expect(ref.points, 'reference case points').toBe(c.expected.points);
      expect(ref.outlier, 'reference outlier class').toBe(c.expected.outlierClass);
      return { referenceChecked: true };
    }
    case 'ungrouped': {
      const x = c.inputs;
      const r = computeUngroupedPoints(
        {
          cost: x.cost,
          ...(x.chapterPacket === undefined ? {} : { chapterPacket: x.chapterPacket }),
          ...(x.blankPacketRw === undefined ? {} : { blankPacketRw: x.blankPacketRw }),
          ...(x.blankPacketAverageCost === undefined ? {} : { blankPacketAverageCost: x.blankPacketAverageCost }),
          ...(x.pointValue === undefined ? {} : { pointValue: x.pointValue }),
        },
        policy,
      );
      expect(r.included, 'included').toBe(c.expected.included);
      expect(formatFixed(r.points, 4), 'points').toBe(c.expected.points);
      // reference: RW_KBBZ × (cost / m_KBBZ) × factor (§6.5), or the chapter packet's fixed points
      const u = policy.ungrouped;
      if (x.chapterPacket === true) {
        expect(q(u.chapterPacketPoints).round(4).toFixed(4), 'reference chapter points').toBe(c.expected.points);
        return { referenceChecked: true };
      }
      if (u.ungroupedPolicy === 'blankPacket' && u.blankPacketFactor !== undefined && x.blankPacketRw !== undefined && x.blankPacketAverageCost !== undefined) {
        const ref = q(x.blankPacketRw).mul(q(x.cost).div(q(x.blankPacketAverageCost))).mul(q(u.blankPacketFactor)).round(4).toFixed(4);
        expect(ref, 'reference blank-packet points').toBe(c.expected.points);
        return { referenceChecked: true };
      }
      return { referenceChecked: false };
    }
    case 'monthlyPrepayment': {
      const x = c.inputs;
      const input = { points: x.points, pointValue: x.pointValue, patientPaid: x.patientPaid, ...(x.auditDeductions === undefined ? {} : { auditDeductions: x.auditDeductions }) };
      const r = computeMonthlyPrepayment(input, policy);
      expect(r.issues).toEqual([]);
      expect(formatFixed(r.gross, 2), 'gross').toBe(c.expected.gross);
      expect(formatFixed(r.prepay, 2), 'prepay').toBe(c.expected.prepay);
      expect(formatFixed(r.depositWithheld, 2), 'deposit withheld').toBe(c.expected.depositWithheld);
      expect(formatFixed(r.deferred, 2), 'deferred').toBe(c.expected.deferred);
      if (policy.settlement.monthlyMode !== 'points' || policy.settlement.fundShareMethodMonthly !== 'subtractPatientPaid') return { referenceChecked: false };
      const s = policy.settlement;
      const ref = refMonthlyPrepayment(x.points, x.pointValue, x.patientPaid, s.prepayRatio, s.qualityDepositRate, x.auditDeductions ?? '0');
      expect(ref.gross, 'reference gross').toBe(c.expected.gross);
      expect(ref.prepay, 'reference prepay').toBe(c.expected.prepay);
      // when prepayRatio + depositRate = 1 the engine gives the deposit the rounding cent (gross − prepay); the
      // reference rounds gross × rate on its own, so the two may differ by one cent: compare only otherwise
      if (!q('1').sub(q(s.prepayRatio)).sub(q(s.qualityDepositRate)).isZero()) expect(ref.deposit, 'reference deposit').toBe(c.expected.depositWithheld);
      return { referenceChecked: true };
    }
    case 'amountDue': {
      const x = c.inputs;
      const k = x.assessmentCoefficient ?? (x.assessmentScore === undefined ? '1' : resolveAssessment(x.assessmentScore, policy.settlement).coefficient.toFixed());
      const r = computeDipAmountDue(
        { points: x.points, pointValue: x.pointValue, fundPayRatio: x.fundPayRatio, assessmentCoefficient: k, ...(x.auditDeductions === undefined ? {} : { auditDeductions: x.auditDeductions }) },
        'ratio',
        money,
      );
      expect(formatFixed(r.amountDue, 2), 'amount due').toBe(c.expected.amountDue);
      const ref = refAmountDue([{ points: x.points, pv: x.pointValue, r: q(x.fundPayRatio) }], k, x.auditDeductions ?? '0');
      expect(ref, 'reference amount due').toBe(c.expected.amountDue);
      return { referenceChecked: true };
    }
    case 'netPayment': {
      const x = c.inputs;
      const s = x.refundShare ?? resolveAssessment(x.assessmentScore ?? '0', policy.settlement).refundShare.toFixed();
      const r = computeNetPayment({ entitlement: x.entitlement, depositWithheld: x.depositWithheld, refundShare: s, prepaymentsTotal: x.prepaymentsTotal, advanceOutstanding: x.advanceOutstanding }, money);
      expect(formatFixed(r.refund, 2), 'refund').toBe(c.expected.refund);
      expect(formatFixed(r.forfeit, 2), 'forfeit').toBe(c.expected.forfeit);
      expect(formatFixed(r.net, 2), 'net').toBe(c.expected.net);
      const ref = refNetPayment(x.entitlement, x.depositWithheld, s, x.prepaymentsTotal, x.advanceOutstanding);
      expect([ref.refund, ref.forfeit, ref.net], 'reference refund, forfeit, net').toEqual([c.expected.refund, c.expected.forfeit, c.expected.net]);
      return { referenceChecked: true };
    }
  }
}

const loaded = caseDirectories().flatMap((d) => loadCases(d));

describe('golden cases (fixtures/cases, DIP_AUDIT_CASES)', () => {
  for (const l of loaded) {
    const name = basename(l.file);
    it(`${name}${l.parsed.ok ? ` — ${l.parsed.value.description}` : ''}`, () => {
      if (!l.parsed.ok) throw new Error(`${l.file}: malformed golden case: ${l.parsed.error}`);
      const c = l.parsed.value;
      expect(c.id, 'id = file name').toBe(name.replace(/\.json$/, ''));
      runCase(c, policyFor(c, dirname(l.file)));
    });
  }

  it('every built-in preset has at least five golden cases, and most are also checked by the reference', () => {
    const ok = loaded.flatMap((l) => (l.parsed.ok ? [l.parsed.value] : []));
    for (const p of PRESETS_REQUIRED) expect(ok.filter((c) => c.preset === p).length, p).toBeGreaterThanOrEqual(5);
    let checked = 0;
    for (const l of loaded) if (l.parsed.ok) checked += runCase(l.parsed.value, policyFor(l.parsed.value, dirname(l.file))).referenceChecked ? 1 : 0;
    expect(checked).toBeGreaterThanOrEqual(Math.floor(ok.length * 0.8));
  });

  it('a malformed case file is reported with the file and field, not silently skipped', () => {
    const r = loadCasesFromText({ id: 'x', preset: 'jining-2023', date: '2023-06-30', kind: 'casePoints', rule: 'r', description: 'd', explanation: 'e', inputs: { rw: '1500', cost: 'abc', pointValue: '10' }, expected: { outlierClass: 'normal', points: '1350' } });
    expect(r).toMatch(/inputs\.cost/);
    expect(r).toMatch(/expected\.points/);
  });
});

function loadCasesFromText(raw: unknown): string {
  const r = GoldenCaseSchema.safeParse(raw);
  return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}
