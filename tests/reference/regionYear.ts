/**
 * Auditors' reference of a small region-year settlement (DIP-RULES.md §6–§8), written from the rules alone with
 * exact BigInt rationals; it shares no code with `src/`. Cases arrive already grouped (packet RW, c, a), so the
 * reference covers case points → point value per pool → per-hospital statements.
 *
 * Steps (each cites the rule it implements):
 * 1. Case points (§6.1, §6.3) with `R` = the payment standard `RW × PV_inForce × c × a` (§6.2, 3.0 reading; the PV
 *    in force during the year is the pool's budget PV), rounded 4 dp half-up (§8.7) — `refCasePoints`.
 * 2. Per pool (§7.2, §7.3): `P` = Σ case points; region `r` = Σ fund_paid ÷ Σ total cost; `PV = (F ÷ r) ÷ P`,
 *    6 dp half-up.
 * 3. Per hospital (§8.3): `r_h` per hospital and pool (Σ fund_paid ÷ Σ cost of its cases of that pool);
 *    `D_h = [Σ_p P_{h,p} × PV_p × r_{h,p}] × k_h − Σ audit_h`.
 * 4. Corridor (§8.4): `B_h` = booked (Σ fund_paid) − audit; marginal bands of the gap as fractions of `D_h`.
 * 5. Deposit and net (§8.5, §8.6): refund = `W × s` (2 dp), forfeit = `W − refund`,
 *    `Net = A − forfeit − Σ prepaid − advance outstanding`.
 *
 * Engine choices mirrored (documented, legitimate; DIP-RULES.md §8.7 leaves the rounding steps to the engine):
 * - `settleRegionYear` TSDoc steps 3–4: the hospital × pool base `P_{h,p} × PV_p × r_{h,p}` is rounded to the cent
 *   first ("the hospital-pool base is the unit that reconciles with the pool's fund F"), then
 *   `D_h = round(Σ_p base_{h,p} × k_h − audit_h)`. The rules' literal reading rounds once on the exact sum; with
 *   `k = 1` and integer-cent audits both agree, otherwise they can differ by a cent. `roundPoolBaseFirst` selects it.
 * - `B_h = round(Σ booked) − audit` (booked summed exactly, rounded once; TSDoc step 5).
 * - `D_h ≤ 0` (audit deductions above the clearing base): no corridor, `A = D` (`applySurplusCorridor` TSDoc).
 */
import type { Q } from './rational.js';
import { ONE, ZERO, q } from './rational.js';
import type { RefBand, RefOutlierParams } from './dipReference.js';
import { refAllocate, refCasePoints, refCorridor, refNetPayment } from './dipReference.js';

export type RefPool = 'employee' | 'resident';

/** One already-grouped case. Money as decimal strings (2 dp). */
export interface RefRegionCase {
  hospital: string;
  pool: RefPool;
  /** Packet points RW. */
  rw: string;
  /** Auxiliary coefficient a. */
  a: string;
  cost: string;
  fundPaid: string;
  patientPaid: string;
  /** Settlement month `YYYY-MM` (kept for prepayment checks; not used by the annual clearing). */
  month: string;
}

export interface RefRegionHospital {
  id: string;
  /** Institution coefficient c. */
  c: string;
  /** Assessment coefficient k (§8.5). */
  k: string;
  /** Deposit refund share s (§8.5). */
  s: string;
  /** Σ audit deductions of the year (§8.3). */
  audit: string;
  /** Σ quality deposit withheld during the year, W (§8.2, §8.5). */
  depositWithheld: string;
  /** Σ monthly prepayments actually paid (§8.2). */
  prepaid: string;
  /** Working-capital advance still outstanding (§8.6). */
  advance: string;
}

export interface RefRegionInput {
  outlier: RefOutlierParams;
  /** Budget PV per pool: the PV in force for the outlier reference `R` (§6.2). */
  budgetPv: Record<RefPool, string>;
  /** DIP fund F per pool (§7.5). */
  fund: Record<RefPool, string>;
  hospitals: RefRegionHospital[];
  cases: RefRegionCase[];
  surplusBands: RefBand[];
  overrunBands: RefBand[];
  /**
   * Compute the monthly prepayments from the cases instead of taking `prepaid` / `depositWithheld` from the hospitals
   * (§8.2 mode `points`, `subtractPatientPaid`, the month's rate = the pool's budget PV; advances are then 0).
   * `audit` maps hospital → month → deduction of that month (their year sums must equal the hospitals' `audit`).
   */
  monthly?: { prepayRatio: string; depositRate: string; audit: Record<string, Record<string, string>> };
  /** `r_h` of the clearing (§7.2 `fundPayRatioScope.clearing`): per hospital and pool (default) or the pool's region `r`. */
  clearingRatioScope?: 'hospital' | 'region';
  /**
   * Split each pool's fund `F` (rounded to the cent) over the hospital-pool bases by largest remainder, weights
   * `P_{h,p} × r_{h,p}`, so that Σ bases = F to the cent (engine option `residualAllocation = 'largestRemainder'`;
   * §7.2 notes that Σ_h P_h · PV · r_h = F holds only approximately, the residual being a local choice).
   */
  allocateFund?: boolean;
  /** Mirror the engine's per-pool rounding of the clearing base (see the module comment). Default true. */
  roundPoolBaseFirst?: boolean;
}

export interface RefStatement {
  hospital: string;
  /** Σ case points, exact sum of the rounded case points. */
  points: string;
  clearingAmount: string;
  bookedAfterAudit: string;
  prepaid: string;
  depositWithheld: string;
  corridorAmount: string;
  depositRefund: string;
  depositForfeit: string;
  netPayment: string;
}

export interface RefRegionResult {
  casePoints: string[];
  outliers: string[];
  pools: Record<RefPool, { points: string; r: Q | undefined; pv: string }>;
  statements: RefStatement[];
}

/** Format an exact rational that is a finite decimal (all our sums of 4-dp / 2-dp values are). */
function exact(x: Q, maxScale = 12): string {
  const s = x.toFixed(maxScale);
  return s.includes('.') ? s.replace(/0+$/u, '').replace(/\.$/u, '') : s;
}

export function refRegionYear(input: RefRegionInput): RefRegionResult {
  const pools: RefPool[] = ['employee', 'resident'];
  const coefOf = new Map(input.hospitals.map((h) => [h.id, h]));

  // 1. case points (§6.1–§6.3)
  const casePoints: Q[] = [];
  const outliers: string[] = [];
  for (const c of input.cases) {
    const h = coefOf.get(c.hospital);
    if (h === undefined) throw new Error(`reference: unknown hospital ${c.hospital}`);
    const pvInForce = input.budgetPv[c.pool];
    const R = q(c.rw).mul(q(pvInForce)).mul(q(h.c)).mul(q(c.a));
    const r = refCasePoints({ rw: c.rw, c: h.c, a: c.a, cost: c.cost, reference: R.toFixed(24), pv: pvInForce }, input.outlier);
    casePoints.push(q(r.points));
    outliers.push(r.outlier);
  }

  // 2. point value per pool (§7.2, §7.3)
  const poolOut = {} as RefRegionResult['pools'];
  const pvOf = {} as Record<RefPool, Q>;
  for (const p of pools) {
    let P = ZERO;
    let booked = ZERO;
    let cost = ZERO;
    input.cases.forEach((c, i) => {
      if (c.pool !== p) return;
      P = P.add(casePoints[i] as Q);
      booked = booked.add(q(c.fundPaid));
      cost = cost.add(q(c.cost));
    });
    const r = cost.isZero() ? undefined : booked.div(cost);
    // no points in the pool: nothing to clear, the PV stays the budget PV
    const pv = P.isZero() || r === undefined ? q(input.budgetPv[p]) : q(input.fund[p]).div(r).div(P).round(6);
    pvOf[p] = pv;
    poolOut[p] = { points: exact(P), r, pv: pv.toFixed(6) };
  }

  // 3. hospital × pool bases P_{h,p} × PV_p × r_{h,p} (§8.3), exact; optionally the fund allocated over them
  const baseOf = new Map<string, { exact: Q; rounded: Q }>();
  for (const p of pools) {
    const rows: { id: string; P: Q; rh: Q; booked: Q; cost: Q }[] = [];
    for (const h of [...input.hospitals].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
      let P = ZERO;
      let booked = ZERO;
      let cost = ZERO;
      let n = 0;
      input.cases.forEach((c, i) => {
        if (c.hospital !== h.id || c.pool !== p) return;
        n++;
        P = P.add(casePoints[i] as Q);
        booked = booked.add(q(c.fundPaid));
        cost = cost.add(q(c.cost));
      });
      if (n === 0) continue;
      // r_h per hospital and pool (§7.2 "fundPayRatioScope = hospital for clearing"), or the pool's region r;
      // a hospital-pool without cost falls back to the region r of the pool
      const rh = input.clearingRatioScope === 'region' || cost.isZero() ? (poolOut[p].r ?? ONE) : booked.div(cost);
      rows.push({ id: h.id, P, rh, booked, cost });
    }
    // weights ∝ P_{h,p} × r_{h,p} (PV is common); as decimal text: under the region scope r is common too (weight
    // P), under the hospital scope r_h = booked_h / cost_h is scaled by Π_j cost_j to a finite decimal
    const weightOf = (r: (typeof rows)[number]): string => {
      if (input.clearingRatioScope === 'region') return exact(r.P, 8);
      if (rows.some((x) => x.cost.isZero())) throw new Error('reference: allocation with a zero-cost hospital-pool is not modelled');
      return exact(rows.reduce((w, x) => (x === r ? w.mul(x.booked) : w.mul(x.cost)), r.P), 40);
    };
    const alloc =
      input.allocateFund === true && rows.length > 0 && !q(poolOut[p].points).isZero()
        ? refAllocate(q(input.fund[p]).round(2).toFixed(2), rows.map((r) => ({ key: r.id, weight: weightOf(r) })))
        : undefined;
    for (const r of rows) {
      const e = r.P.mul(pvOf[p]).mul(r.rh);
      const a = alloc?.get(r.id);
      baseOf.set(`${r.id}|${p}`, { exact: e, rounded: a === undefined ? e.round(2) : q(a) });
    }
  }

  // 4–5. per hospital (§8.3–§8.6)
  const statements: RefStatement[] = [];
  for (const h of [...input.hospitals].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
    let points = ZERO;
    let bookedAll = ZERO;
    let bracketExact = ZERO;
    let bracketPoolRounded = ZERO;
    for (const p of pools) {
      let P = ZERO;
      let booked = ZERO;
      let cost = ZERO;
      let n = 0;
      input.cases.forEach((c, i) => {
        if (c.hospital !== h.id || c.pool !== p) return;
        n++;
        P = P.add(casePoints[i] as Q);
        booked = booked.add(q(c.fundPaid));
        cost = cost.add(q(c.cost));
      });
      if (n === 0) continue;
      points = points.add(P);
      bookedAll = bookedAll.add(booked);
      const base = baseOf.get(`${h.id}|${p}`)!;
      bracketExact = bracketExact.add(base.exact);
      bracketPoolRounded = bracketPoolRounded.add(base.rounded);
    }
    const k = q(h.k);
    const audit = q(h.audit);
    const bracket = input.roundPoolBaseFirst === false ? bracketExact : bracketPoolRounded;
    const D = bracket.mul(k).sub(audit).round(2);
    const B = bookedAll.round(2).sub(audit);
    // Engine choice mirrored (applySurplusCorridor TSDoc: "`D ≤ 0` leaves `A = D` with a warning (bands of a
    // non-positive base are meaningless)"); §8.4 defines the bands only as fractions of a positive D.
    const A = D.lte(ZERO) ? D.toFixed(2) : refCorridor(D.toFixed(2), B.toFixed(2), input.surplusBands, input.overrunBands);
    const m = input.monthly === undefined ? undefined : refMonthlyYear(input, h.id, casePoints);
    const prepaid = m?.paid ?? h.prepaid;
    const deposit = m?.deposit ?? h.depositWithheld;
    const net = refNetPayment(A, deposit, h.s, prepaid, m === undefined ? h.advance : '0.00');
    statements.push({
      hospital: h.id,
      points: exact(points),
      clearingAmount: D.toFixed(2),
      bookedAfterAudit: B.toFixed(2),
      prepaid: q(prepaid).toFixed(2),
      depositWithheld: q(deposit).toFixed(2),
      corridorAmount: A,
      depositRefund: net.refund,
      depositForfeit: net.forfeit,
      netPayment: net.net,
    });
  }
  return { casePoints: casePoints.map((x) => x.toFixed(4)), outliers, pools: poolOut, statements };
}

/**
 * A hospital's year of monthly prepayments (§8.2, mode `points`):
 * `gross_m = Σ_pool P_{h,m,pool} × PV_budget,pool − patientPaid_{h,m}`, `prepay_m = gross_m × prepayRatio − audit_m`,
 * `deposit_m = gross_m × qualityDepositRate`, each money step rounded once to the cent from the exact gross (§8.7).
 * Engine choices mirrored (`computeMonthlyPrepayment` TSDoc, §8.2 leaves them open: "no published source found"):
 * a month with `gross ≤ 0` withholds no deposit and its prepayment is the (rounded) gross; when
 * `prepayRatio + qualityDepositRate = 1` the deposit is `round(gross) − round(gross × prepayRatio)`; a negative
 * balance is carried forward (`negativeMonth = 'carryForward'`, the §8.2 default): the month pays 0.
 */
function refMonthlyYear(input: RefRegionInput, hospital: string, casePoints: readonly Q[]): { paid: string; deposit: string } {
  const mo = input.monthly!;
  const months = new Map<string, { standard: Q; patient: Q }>();
  input.cases.forEach((c, i) => {
    if (c.hospital !== hospital) return;
    const e = months.get(c.month) ?? { standard: ZERO, patient: ZERO };
    e.standard = e.standard.add((casePoints[i] as Q).mul(q(input.budgetPv[c.pool])));
    e.patient = e.patient.add(q(c.patientPaid));
    months.set(c.month, e);
  });
  const audits = mo.audit[hospital] ?? {};
  for (const m of Object.keys(audits)) if (!months.has(m)) months.set(m, { standard: ZERO, patient: ZERO });
  let paid = ZERO;
  let deposit = ZERO;
  let carry = ZERO;
  const ratio = q(mo.prepayRatio);
  const rate = q(mo.depositRate);
  for (const m of [...months.keys()].sort()) {
    const e = months.get(m)!;
    const gross = e.standard.sub(e.patient);
    const positive = gross.gt(ZERO);
    const before = positive ? gross.mul(ratio).round(2) : gross.round(2);
    const dep = !positive ? ZERO : ONE.sub(ratio).sub(rate).isZero() ? gross.round(2).sub(before) : gross.mul(rate).round(2);
    deposit = deposit.add(dep);
    const due = before.sub(q(audits[m] ?? '0')).add(carry);
    if (due.lt(ZERO)) {
      carry = due;
    } else {
      paid = paid.add(due);
      carry = ZERO;
    }
  }
  return { paid: paid.toFixed(2), deposit: deposit.toFixed(2) };
}
