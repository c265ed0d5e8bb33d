/**
 * Auditors' reference implementation of the DIP settlement arithmetic, written from DIP-RULES.md alone
 * (§6 case points, §7.2 point value, §8 settlement, §8.7 rounding). It shares no code with `src/`:
 * exact BigInt rationals (`rational.ts`), plain objects in, plain decimal strings out.
 *
 * It is deliberately small and literal, one function per formula, so that an auditor can check it against the
 * rules line by line, and so that a differential property can compare the engine with it on random inputs.
 */
import { Q, ONE, ZERO, q } from './rational.js';

/** Outlier parameters, named as in DIP-RULES.md §6.3. */
export interface RefOutlierParams {
  lowThreshold: string;
  lowInclusive: boolean;
  lowFormula: 'ratio' | 'paidAtCost';
  coefInLow: 'multiply' | 'none';
  /** DIP 1.0 (summary) normal points are RW, without c (§6.3 table; T11). Default multiply. */
  coefInNormal?: 'multiply' | 'none';
  highThreshold: string;
  highInclusive: boolean;
  highFormula: 'ratioMinusOne' | 'ratioMinusTwoPlusCoef';
  coefInHigh: 'multiply' | 'none' | 'additive';
  extremeThreshold?: string;
  extremeInclusive?: boolean;
  extremeAction?: 'normalPoints' | 'highFormula';
}

/** The §6.3 variants as data (the 3.0 variant uses the payment standard as `R`, the others a reference cost). */
export const REF_VARIANTS: Record<string, RefOutlierParams> = {
  national_1_0: { lowThreshold: '0.5', lowInclusive: false, lowFormula: 'ratio', coefInLow: 'none', coefInNormal: 'none', highThreshold: '2', highInclusive: false, highFormula: 'ratioMinusOne', coefInHigh: 'none' },
  national_3_0: { lowThreshold: '0.5', lowInclusive: false, lowFormula: 'paidAtCost', coefInLow: 'multiply', highThreshold: '2', highInclusive: true, highFormula: 'ratioMinusOne', coefInHigh: 'multiply' },
  hubei_base: { lowThreshold: '0.5', lowInclusive: true, lowFormula: 'ratio', coefInLow: 'multiply', highThreshold: '2', highInclusive: true, highFormula: 'ratioMinusOne', coefInHigh: 'multiply' },
  jining: { lowThreshold: '0.5', lowInclusive: true, lowFormula: 'ratio', coefInLow: 'none', highThreshold: '2', highInclusive: false, highFormula: 'ratioMinusTwoPlusCoef', coefInHigh: 'additive', extremeThreshold: '5', extremeInclusive: false, extremeAction: 'normalPoints' },
  taian: { lowThreshold: '0.5', lowInclusive: true, lowFormula: 'ratio', coefInLow: 'none', highThreshold: '2', highInclusive: false, highFormula: 'ratioMinusTwoPlusCoef', coefInHigh: 'additive' },
};

export interface RefCaseInput {
  rw: string;
  /** Institution coefficient c (or the primary-care factor b). */
  c: string;
  /** Auxiliary coefficient a. */
  a: string;
  cost: string;
  /** Reference cost R (§6.2), already chosen by the caller. */
  reference: string;
  /** Point value in force, for the paid-at-cost low formula (κ). */
  pv: string;
}

export type RefOutlierClass = 'normal' | 'low' | 'high' | 'extreme';

/** Case points (§6.1, §6.3), rounded 4 dp half-up (§8.7). */
export function refCasePoints(input: RefCaseInput, p: RefOutlierParams): { outlier: RefOutlierClass; points: string } {
  const rw = q(input.rw);
  const c = q(input.c);
  const a = q(input.a);
  const cost = q(input.cost);
  const R = q(input.reference);
  if (rw.isZero()) throw new Error('reference: RW = 0 is paid at cost, not modelled here');
  const rho = cost.div(R);
  const beyond = (t: string, incl: boolean) => (incl ? rho.gte(q(t)) : rho.gt(q(t)));
  const below = (t: string, incl: boolean) => (incl ? rho.lte(q(t)) : rho.lt(q(t)));
  const normal = p.coefInNormal === 'none' ? rw.mul(a) : rw.mul(c).mul(a);
  let outlier: RefOutlierClass = 'normal';
  let points: Q = normal;
  const high = (): Q => {
    if (p.highFormula === 'ratioMinusOne') {
      const f = rho.sub(ONE);
      return p.coefInHigh === 'multiply' ? rw.mul(f).mul(c).mul(a) : rw.mul(f).mul(a);
    }
    // ratioMinusTwoPlusCoef: RW × (ρ − 2 + c) × a (Jining / Tai'an 2023 code)
    return rw.mul(rho.sub(q('2')).add(c)).mul(a);
  };
  if (p.extremeThreshold !== undefined && beyond(p.extremeThreshold, p.extremeInclusive ?? false)) {
    outlier = 'extreme';
    points = p.extremeAction === 'highFormula' ? high() : normal;
  } else if (beyond(p.highThreshold, p.highInclusive)) {
    outlier = 'high';
    points = high();
  } else if (below(p.lowThreshold, p.lowInclusive)) {
    outlier = 'low';
    if (p.lowFormula === 'paidAtCost') {
      // κ = cost / (RW × PV × c × a); points = RW × c × a × κ = cost / PV (unrounded κ, T6)
      points = normal.mul(cost.div(rw.mul(q(input.pv)).mul(c).mul(a)));
    } else {
      points = p.coefInLow === 'multiply' ? rw.mul(rho).mul(c).mul(a) : rw.mul(rho).mul(a);
    }
  }
  return { outlier, points: points.round(4).toFixed(4) };
}

/** Settlement point value PV = (F ÷ r) ÷ P (§7.2), 6 dp half-up. */
export function refSettlementPointValue(fund: string, r: Q, totalPoints: string): string {
  return q(fund).div(r).div(q(totalPoints)).round(6).toFixed(6);
}

/** Budget point value Σ w·C / Σ w·P (§7.1), 6 dp half-up. */
export function refBudgetPointValue(costs: string[], points: string[], weights: string[] = ['1', '2', '7']): string {
  let c = ZERO;
  let p = ZERO;
  weights.forEach((w, i) => {
    c = c.add(q(w).mul(q(costs[i]!)));
    p = p.add(q(w).mul(q(points[i]!)));
  });
  return c.div(p).round(6).toFixed(6);
}

/** Annual DIP amount due D_h = [Σ P × PV × r] × k − audit (§8.3), the bracket rounded once to 2 dp. */
export function refAmountDue(lines: { points: string; pv: string; r: Q }[], k: string, audit: string): string {
  let acc = ZERO;
  for (const l of lines) acc = acc.add(q(l.points).mul(q(l.pv)).mul(l.r));
  return acc.mul(q(k)).round(2).sub(q(audit)).toFixed(2);
}

/** Monthly prepayment (§8.2 mode points): (P × PV − patientPaid) × ratio − audit; deposit = gross × rate. */
export function refMonthlyPrepayment(points: string, pv: string, patientPaid: string, prepayRatio: string, depositRate: string, audit: string): { gross: string; prepay: string; deposit: string } {
  const gross = q(points).mul(q(pv)).sub(q(patientPaid));
  return {
    gross: gross.round(2).toFixed(2),
    prepay: gross.mul(q(prepayRatio)).round(2).sub(q(audit)).toFixed(2),
    deposit: gross.mul(q(depositRate)).round(2).toFixed(2),
  };
}

export interface RefBand {
  from: string;
  to?: string;
  share: string;
}

/** Surplus/overrun corridor (§8.4), marginal bands as fractions of D. Returns A. */
export function refCorridor(D: string, B: string, surplusBands: RefBand[], overrunBands: RefBand[]): string {
  const d = q(D);
  const b = q(B);
  const overlap = (gap: Q, band: RefBand): Q => {
    const lo = q(band.from).mul(d);
    const hi = band.to === undefined ? gap : q(band.to).mul(d).min(gap);
    return hi.gt(lo) ? hi.sub(lo) : ZERO;
  };
  let a = d;
  if (d.gt(b)) {
    const g = d.sub(b);
    for (const band of surplusBands) a = a.sub(ONE.sub(q(band.share)).mul(overlap(g, band)));
  } else if (b.gt(d)) {
    const o = b.sub(d);
    for (const band of overrunBands) a = a.add(q(band.share).mul(overlap(o, band)));
  }
  return a.round(2).toFixed(2);
}

/** Net payment (§8.6): A − forfeit − Σ prepay − advance outstanding, with forfeit = W × (1 − s). */
export function refNetPayment(A: string, depositWithheld: string, refundShare: string, prepaid: string, advance: string): { refund: string; forfeit: string; net: string } {
  const w = q(depositWithheld);
  const refund = w.mul(q(refundShare)).round(2);
  const forfeit = w.sub(refund);
  return {
    refund: refund.toFixed(2),
    forfeit: forfeit.toFixed(2),
    net: q(A).sub(forfeit).sub(q(prepaid)).sub(q(advance)).toFixed(2),
  };
}

/** Largest-remainder allocation of `total` (at `scale`) over weights; ties by key order. */
export function refAllocate(total: string, weights: { key: string; weight: string }[], scale = 2): Map<string, string> {
  const unit = Q.of(1n, 10n ** BigInt(scale));
  const sumW = weights.reduce((s, w) => s.add(q(w.weight)), ZERO);
  const tot = q(total);
  const rows = weights.map((w) => {
    const exact = sumW.isZero() ? ZERO : tot.mul(q(w.weight)).div(sumW);
    const floor = exact.round(scale, 'floor');
    return { key: w.key, floor, rem: exact.sub(floor) };
  });
  let left = tot.sub(rows.reduce((s, r) => s.add(r.floor), ZERO));
  const order = [...rows].sort((x, y) => y.rem.cmp(x.rem) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const out = new Map(rows.map((r) => [r.key, r.floor]));
  for (const r of order) {
    if (!left.gte(unit)) break;
    out.set(r.key, out.get(r.key)!.add(unit));
    left = left.sub(unit);
  }
  return new Map([...out].map(([k, v]) => [k, v.toFixed(scale)]));
}
