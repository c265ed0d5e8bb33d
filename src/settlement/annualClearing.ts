import { ONE, ZERO, dec, roundDec, sum } from '../decimal/index.js';
import type { Dec } from '../decimal/index.js';
import type { Issue } from '../core/issue.js';
import type { PointValueOptions, RoundingOptions, SettlementOptions } from '../policy/schema.js';
import type { DecLike } from '../points/toDec.js';
import { toDec, toDecOpt } from '../points/toDec.js';
import { allocateLargestRemainder } from './allocateLargestRemainder.js';
import { resolveAssessment } from './assessment.js';
import type { AssessmentResult } from './assessment.js';
import { computeDipAmountDue } from './dipAmountDue.js';
import type { DipAmountDue } from './dipAmountDue.js';
import { computeNetPayment } from './netPayment.js';
import type { NetPayment } from './netPayment.js';
import { applySurplusCorridor } from './surplusCorridor.js';
import type { CorridorResult } from './surplusCorridor.js';

/** One hospital's year (one pool) for clearing: sums from the accumulator plus assessment and payment inputs. */
export interface ClearingHospitalInput {
  readonly hospitalId: string;
  /** `P_h`: exact sum of rounded case points. */
  readonly points: DecLike;
  readonly bookedSum: DecLike;
  readonly costSum: DecLike;
  readonly patientPaid?: DecLike;
  /** `r_h` given (overrides the data). */
  readonly fundPayRatio?: DecLike;
  /** Σ audit deductions of the year. */
  readonly auditDeductions?: DecLike;
  /** Assessment score → `k`, `s` by `assessmentBands`. */
  readonly assessmentScore?: DecLike;
  /** `k_h` given (overrides the score). */
  readonly assessmentCoefficient?: DecLike;
  /** `s_h` given (overrides the score). */
  readonly refundShare?: DecLike;
  /** `B_h`; default `bookedSum − auditDeductions`. */
  readonly bookedAfterAudit?: DecLike;
  /** Overrun certified reasonable (non-management factors). */
  readonly reasonableOverrun?: boolean;
  /** For the net payment: `W_h`, `Σ prepay`, advance outstanding. Net is computed when `prepaymentsTotal` is given. */
  readonly depositWithheld?: DecLike;
  readonly prepaymentsTotal?: DecLike;
  readonly advanceOutstanding?: DecLike;
}

/** The clearing inputs of one pool. */
export interface ClearingInput {
  /** Settlement PV of the pool. */
  readonly pointValue: DecLike;
  /** The DIP fund `F` of the pool (after item-based special cases): needed for the reconciliation. */
  readonly fund?: DecLike;
  /** Region `r` when `fundPayRatioScope.clearing = 'region'` (default Σ booked / Σ cost of the hospitals). */
  readonly regionFundPayRatio?: DecLike;
  /** Reserve 调节金 paying shared overrun; absent = unlimited. A short reserve is split pro rata. */
  readonly reserve?: DecLike;
  readonly hospitals: readonly ClearingHospitalInput[];
}

/** One hospital's clearing, every step kept. */
export interface HospitalClearing {
  readonly hospitalId: string;
  readonly fundPayRatio: Dec;
  readonly due: DipAmountDue;
  readonly assessment?: AssessmentResult;
  readonly bookedAfterAudit: Dec;
  readonly corridor: CorridorResult;
  /** Overrun share paid to the hospital (after the reserve check; 0 without overrun). */
  readonly overrunShared: Dec;
  /** `A_h` (= `D_h + overrunShared` on the overrun side). */
  readonly entitlement: Dec;
  readonly net?: NetPayment;
}

/** Fund reconciliation (§7.2, §8.7): Σ hospital bases before assessment against `F`, residual to the cent. */
export interface FundReconciliation {
  readonly fund?: Dec;
  /** `Σ_h P_h × PV × r_h`, exact. */
  readonly sumBaseUnrounded: Dec;
  /** Σ of the hospital bases at the money scale (after allocation, when applied). */
  readonly sumBase: Dec;
  /** `F − sumBase` (0.00 after largest-remainder allocation). */
  readonly residual?: Dec;
  readonly allocation: SettlementOptions['residualAllocation'];
  readonly sumAmountDue: Dec;
  readonly sumEntitlement: Dec;
  /** Σ overrun shares the corridor grants (before the reserve check) and Σ actually paid. */
  readonly overrunShareTotal: Dec;
  readonly overrunSharePaid: Dec;
  readonly reserve?: Dec;
  /** Σ granted − reserve, when the reserve was short. */
  readonly reserveShortfall?: Dec;
  readonly sumNet?: Dec;
  /** `Σ net / Σ (prepay + net)`, when every hospital has prepayments (Clearing Action Plan check). */
  readonly clearingShare?: Dec;
}

/** The clearing of a pool. */
export interface AnnualClearing {
  readonly hospitals: readonly HospitalClearing[];
  readonly reconciliation: FundReconciliation;
  readonly issues: readonly Issue[];
}

/**
 * Annual clearing 年度清算 of one pool (DIP-RULES.md §8.3–§8.6; DIP 3.0 draft ch. 7 §3 一 steps 4–6):
 *
 * 1. `r_h` per hospital (`fundPayRatioScope.clearing = 'hospital'`, default: given, else Σ booked ÷ Σ cost) or the
 *    region's `r`.
 * 2. Base `P_h × PV × r_h` from exact sums (or `P_h × PV − patientPaid` under `subtractPatientPaid`).
 *    `residualAllocation = 'largestRemainder'` (and `fund` given): `F` rounded to the money scale is split over
 *    the hospitals in proportion to their exact bases ({@link allocateLargestRemainder}, ties by hospital id), so
 *    **Σ bases before assessment weighting = F to the cent**. Otherwise each base is rounded and the residual
 *    `F − Σ bases` is stated.
 * 3. `k_h`, `s_h` from the score bands (§8.5), or given; `D_h = round(base × k − audit)` (T14).
 * 4. Corridor on `D_h` vs `B_h` → `A_h` (§8.4); shared overrun is paid from `reserve` when given, pro rata
 *    (largest remainder to the cent) when the reserve is short (`reserveShortfall = 'proRata'`).
 * 5. Net payment when prepayments are given (§8.6).
 *
 * @example
 * ```ts
 * clearAnnual({ pointValue: '10', fund: '14000000', hospitals: [{ hospitalId: 'H1', points: '2000000',
 *   bookedSum: '7000000', costSum: '10000000' }] }, policy).hospitals[0].due.amountDue   // Dec('14000000')
 * ```
 */
export function clearAnnual(
  input: ClearingInput,
  policy: { readonly settlement: SettlementOptions; readonly pointValue: Pick<PointValueOptions, 'fundPayRatioScope'>; readonly rounding: Pick<RoundingOptions, 'money'> },
): AnnualClearing {
  const s = policy.settlement;
  const money = policy.rounding.money;
  const issues: Issue[] = [];
  const pv = toDec(input.pointValue);
  const method = s.fundShareMethodClearing;
  const regionScope = policy.pointValue.fundPayRatioScope.clearing === 'region';
  let regionR = toDecOpt(input.regionFundPayRatio);
  if (regionScope && regionR === undefined) {
    const cost = sum(input.hospitals.map((h) => toDec(h.costSum)));
    regionR = cost.gt(0) ? sum(input.hospitals.map((h) => toDec(h.bookedSum))).div(cost) : ZERO;
  }
  const ratios = input.hospitals.map((h) => {
    if (h.fundPayRatio !== undefined) return toDec(h.fundPayRatio);
    if (regionScope) return regionR ?? ZERO;
    const cost = toDec(h.costSum);
    if (cost.lte(0)) {
      issues.push({ severity: 'error', code: 'settlement.ratio_missing', message: `hospital ${h.hospitalId}: no cost, r_h cannot be computed (0 used)`, path: [h.hospitalId] });
      return ZERO;
    }
    return toDec(h.bookedSum).div(cost);
  });
  const bases = input.hospitals.map((h, i) => computeDipAmountDue({ points: h.points, pointValue: pv, fundPayRatio: ratios[i] ?? ZERO, ...(h.patientPaid === undefined ? {} : { patientPaid: h.patientPaid }) }, method, money).baseUnrounded);
  const fund = toDecOpt(input.fund);
  let allocated: readonly Dec[] | undefined;
  if (s.residualAllocation === 'largestRemainder') {
    if (fund === undefined) {
      issues.push({ severity: 'error', code: 'settlement.fund_missing', message: 'residualAllocation "largestRemainder" needs the DIP fund F; bases rounded individually', expected: 'fund' });
    } else {
      const r = allocateLargestRemainder(
        roundDec(fund, money),
        // Weights ∝ the exact bases; under 'ratio' the common factor PV is left out (P_h × r_h), so a PV rounded
        // to 0 still splits F by volume.
        input.hospitals.map((h, i) => ({ id: h.hospitalId, weight: method === 'ratio' ? toDec(h.points).times(ratios[i] ?? ZERO) : (bases[i] ?? ZERO) })),
        money.scale,
      );
      if (r.ok) allocated = r.value.map((x) => x.share);
      else issues.push(...r.issues);
    }
  }
  const firstPass = input.hospitals.map((h, i) => {
    let assessment: AssessmentResult | undefined;
    if (h.assessmentScore !== undefined) {
      assessment = resolveAssessment(h.assessmentScore, s);
      issues.push(...assessment.issues.map((x) => ({ ...x, path: [h.hospitalId] })));
    }
    const k = toDecOpt(h.assessmentCoefficient) ?? assessment?.coefficient ?? ONE;
    const refundShare = toDecOpt(h.refundShare) ?? assessment?.refundShare ?? ONE;
    const audit = toDecOpt(h.auditDeductions) ?? ZERO;
    const alloc = allocated?.[i];
    const due = computeDipAmountDue(
      {
        points: h.points,
        pointValue: pv,
        fundPayRatio: ratios[i] ?? ZERO,
        ...(h.patientPaid === undefined ? {} : { patientPaid: h.patientPaid }),
        assessmentCoefficient: k,
        auditDeductions: audit,
        ...(alloc === undefined ? {} : { allocatedBase: alloc }),
      },
      method,
      money,
    );
    const B = toDecOpt(h.bookedAfterAudit) ?? toDec(h.bookedSum).minus(audit);
    const corridor = applySurplusCorridor(due.amountDue, B, s.surplusCorridor, { reasonable: h.reasonableOverrun === true }, money);
    issues.push(...corridor.issues.map((x) => ({ ...x, path: [h.hospitalId] })));
    const overrunShare = corridor.side === 'overrun' ? corridor.entitlement.minus(due.amountDue) : ZERO;
    return { h, assessment, refundShare, due, B, corridor, overrunShare };
  });

  // Shared overrun is paid from the reserve; a short reserve is split pro rata (reserveShortfall 'proRata'), to the
  // cent by largest remainder (2025 Handling Rules art. 12; DIP-RULES.md §8.4).
  const overrunShareTotal = sum(firstPass.map((x) => x.overrunShare));
  const reserve = toDecOpt(input.reserve);
  let overrunPaid: readonly Dec[] = firstPass.map((x) => x.overrunShare);
  let reserveShortfall: Dec | undefined;
  if (reserve !== undefined && overrunShareTotal.gt(reserve)) {
    const avail = roundDec(reserve.isNeg() ? ZERO : reserve, { scale: money.scale, mode: 'floor' });
    reserveShortfall = overrunShareTotal.minus(avail);
    const r = allocateLargestRemainder(avail, firstPass.map((x) => ({ id: x.h.hospitalId, weight: x.overrunShare })), money.scale);
    if (r.ok) overrunPaid = r.value.map((x) => x.share);
    else issues.push(...r.issues);
    issues.push({ severity: 'warning', code: 'settlement.reserve_short', message: `shared overrun ${overrunShareTotal.toFixed()} exceeds the reserve ${reserve.toFixed()}: paid pro rata (shortfall ${reserveShortfall.toFixed()})` });
  }

  const hospitals: HospitalClearing[] = firstPass.map((x, i) => {
    const paid = overrunPaid[i] ?? ZERO;
    const entitlement = x.corridor.side === 'overrun' ? x.due.amountDue.plus(paid) : x.corridor.entitlement;
    const h = x.h;
    const net =
      h.prepaymentsTotal === undefined
        ? undefined
        : computeNetPayment(
            {
              entitlement,
              prepaymentsTotal: h.prepaymentsTotal,
              refundShare: x.refundShare,
              ...(h.depositWithheld === undefined ? {} : { depositWithheld: h.depositWithheld }),
              ...(h.advanceOutstanding === undefined ? {} : { advanceOutstanding: h.advanceOutstanding }),
            },
            money,
          );
    return {
      hospitalId: h.hospitalId,
      fundPayRatio: ratios[i] ?? ZERO,
      due: x.due,
      ...(x.assessment === undefined ? {} : { assessment: x.assessment }),
      bookedAfterAudit: x.B,
      corridor: x.corridor,
      overrunShared: paid,
      entitlement,
      ...(net === undefined ? {} : { net }),
    };
  });
  const sumBase = sum(hospitals.map((h) => h.due.base));
  const nets = hospitals.map((h) => h.net?.net);
  const sumNet = nets.length > 0 && nets.every((n) => n !== undefined) ? sum(nets as Dec[]) : undefined;
  // Clearing money as a share of the year's fund payments, Σ net / Σ (prepay + net) (Clearing Action Plan: ≈ 5 % for
  // the 2025 clearing, 3–5 % for 2026, ≈ 3 % from 2027); reported as a check against clearingShareTarget.
  let clearingShare: Dec | undefined;
  if (sumNet !== undefined) {
    const paidTotal = sum(hospitals.map((h) => h.net?.prepaymentsTotal ?? ZERO)).plus(sumNet);
    if (!paidTotal.isZero()) {
      clearingShare = sumNet.div(paidTotal);
      if (s.clearingShareTarget !== undefined && clearingShare.abs().gt(dec(s.clearingShareTarget))) {
        issues.push({ severity: 'warning', code: 'settlement.clearing_share_above_target', message: `clearing money is ${clearingShare.toSignificantDigits(6).toFixed()} of the year's fund payments, above the target ${s.clearingShareTarget}` });
      }
    }
  }
  const reconciliation: FundReconciliation = {
    ...(fund === undefined ? {} : { fund, residual: fund.minus(sumBase) }),
    sumBaseUnrounded: sum(bases),
    sumBase,
    allocation: allocated === undefined ? 'none' : 'largestRemainder',
    sumAmountDue: sum(hospitals.map((h) => h.due.amountDue)),
    sumEntitlement: sum(hospitals.map((h) => h.entitlement)),
    overrunShareTotal,
    overrunSharePaid: sum(hospitals.map((h) => h.overrunShared)),
    ...(reserve === undefined ? {} : { reserve }),
    ...(reserveShortfall === undefined ? {} : { reserveShortfall }),
    ...(sumNet === undefined ? {} : { sumNet }),
    ...(clearingShare === undefined ? {} : { clearingShare }),
  };
  if (fund !== undefined && !reconciliation.residual?.isZero()) {
    issues.push({ severity: 'warning', code: 'settlement.fund_residual', message: `Σ hospital bases ${sumBase.toFixed(money.scale)} differ from the DIP fund ${fund.toFixed()} by ${reconciliation.residual?.toFixed() ?? ''}` });
  }
  return { hospitals, reconciliation, issues };
}
