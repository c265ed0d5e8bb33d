import { formatDecimal, roundDec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import type { CasePointsResult } from './casePoints.js';
import { CASE_FORMULA_TEXT } from './casePoints.js';

/** One applied rounding: the quantity, the rule, the value before and after. */
export interface RoundingStep {
  readonly quantity: string;
  readonly rule: RoundingRule;
  readonly before: string;
  readonly after: string;
}

/** A serialisable audit trace of one case's points: decimal strings, the formula text and each rounding. */
export interface CasePointsTrace {
  readonly outlierClass: CasePointsResult['outlierClass'];
  readonly formula: string;
  /** Named intermediates as canonical decimal strings (`RW`, `c`, `a`, `cost`, `R`, `ρ`, `κ`, `factor`, …). */
  readonly values: Readonly<Record<string, string>>;
  readonly roundings: readonly RoundingStep[];
  readonly needsReview: boolean;
  readonly issueCodes: readonly string[];
}

/**
 * Render a {@link CasePointsResult} as an audit trace (DEVELOPERS.md "explainable"): the formula in words and
 * every intermediate as a canonical decimal string, so an auditor can re-derive the points by hand.
 * Ratios are shown unrounded (up to 40 significant digits), as computed (DIP-RULES.md §8.7).
 *
 * @example
 * ```ts
 * explainCasePoints(computeCasePoints(t6Input, policy))
 * // { outlierClass: 'low', formula: 'RW × c × a × κ, κ = cost / (RW × PV × c × a)',
 * //   values: { RW: '1500', c: '0.9', a: '1', cost: '5000', R: '13500', 'ρ': '0.3703…', 'κ': '0.3703…', … },
 * //   roundings: [{ quantity: 'casePoints', rule: { scale: 4, mode: 'halfUp' }, before: '499.99…', after: '500.0000' }] }
 * ```
 */
export function explainCasePoints(r: CasePointsResult): CasePointsTrace {
  const values: Record<string, string> = { RW: formatDecimal(r.rw), c: formatDecimal(r.coef), a: formatDecimal(r.auxCoef), cost: formatDecimal(r.cost) };
  const put = (k: string, v: Dec | undefined): void => {
    if (v !== undefined) values[k] = formatDecimal(v);
  };
  put('R', r.reference);
  put('ρ', r.rho);
  put('highThreshold', r.highThreshold);
  put('κ', r.kappa);
  put('factor', r.factor);
  put('paidAtCostAmount', r.paidAtCostAmount);
  values['pointsUnrounded'] = formatDecimal(r.pointsUnrounded);
  if (r.referenceBasis !== undefined) values['referenceBasis'] = r.referenceBasis;
  return {
    outlierClass: r.outlierClass,
    formula: CASE_FORMULA_TEXT[r.formula],
    values,
    roundings: [{ quantity: 'casePoints', rule: r.rounding, before: formatDecimal(r.pointsUnrounded), after: roundDec(r.points, r.rounding).toFixed(r.rounding.scale) }],
    needsReview: r.needsReview,
    issueCodes: r.issues.map((i) => i.code),
  };
}
