import { applyBadRow } from './badRows.js';
import type { BadRowKind } from './badRows.js';
import { Calendar } from './calendar.js';
import { ILLUSTRATIVE_FUND_RATIOS } from './hospitals.js';
import { fenToYuan } from './money.js';
import type { PacketPlan } from './packetPlans.js';
import { drawPatient } from './patient.js';
import type { DemographicClass } from './patient.js';
import { Prng } from './prng.js';
import { SYNTHETIC_COLUMNS } from './syntheticColumns.js';
import type { SyntheticModel } from './syntheticModel.js';

/** Cumulative probabilities of 0..5 secondary diagnoses. */
const SECONDARY_CDF = [0.25, 0.5, 0.7, 0.85, 0.95, 1];
/** Discharge status codes (DIP-RULES.md §2.2) and cumulative probabilities. */
const STATUS = ['1', '2', '3', '4', '5', '9'] as const;
const STATUS_CDF = [0.92, 0.94, 0.95, 0.98, 0.985, 1];
/** LOS: lognormal spread and correlation with the cost deviate. */
const LOS_SIGMA = 0.45;
const LOS_RHO = 0.6;

function cdfPick(cdf: readonly number[], u: number): number {
  let i = 0;
  while (i < cdf.length - 1 && u >= (cdf[i] as number)) i++;
  return i;
}

/** Draw the principal procedure and other procedures of a plan. */
function drawProcedures(plan: PacketPlan, dx: string, rng: Prng): [string, string] {
  const p = plan.procedures;
  switch (p.mode) {
    case 'none':
      return ['', ''];
    case 'fixed':
      return [p.main, p.related.join(';')];
    case 'pool': {
      if (p.pool.length === 0) return ['', ''];
      const forbidden = p.forbidden.get(dx.slice(0, 5)); // table codes already have the normalised key shape
      if (forbidden === undefined) return [rng.pick(p.pool), ''];
      for (let t = 0; t < 64; t++) {
        const c = rng.pick(p.pool);
        if (!forbidden.has(c)) return [c, ''];
      }
      const allowed = p.pool.filter((c) => !forbidden.has(c));
      return [allowed.length > 0 ? rng.pick(allowed) : rng.pick(p.pool), ''];
    }
  }
}

/**
 * Generate the rows (cells in `SYNTHETIC_COLUMNS` order) of a synthetic city-year, lazily: memory is
 * bounded whatever `rows` is. Seeded and deterministic: the same model (tables + options) yields the same
 * rows. Per row:
 *
 * - packet by BILL_COUNT weights (alias table), or with probability `fallbackShare` a `CPnn:GROUP`
 *   packet uniformly; codes per the packet's plan (`buildPacketPlans`);
 * - total cost lognormal with the packet's mean and CV (σ² = ln(1 + CV²), μ = ln(mean) − σ²/2), or an
 *   injected outlier: mean × U(2.2, 6) (high) or × U(0.1, 0.45) (low); at least 10.00 元; integer fen;
 * - stay lognormal around AVG_IPT_DAYS (σ 0.45, correlated 0.6 with cost; outliers ×U(1.3, 2.5) / ×U(0.2, 0.6)),
 *   at least 1 day;
 * - discharge date uniform in `year`; admission = discharge − stay (may fall in the previous year, as
 *   cases are assigned to the year of discharge, DIP-RULES.md §2.3); settlement = discharge +
 *   U{0..settlementLagMaxDays}, capped at 31 December so every settlement month lies in the year;
 * - fund = round(total × ratio), ratio around {@link ILLUSTRATIVE_FUND_RATIOS} (± 0.04, clipped to
 *   0.3–0.95); 8 % of cases have other payers (2–10 % of total); patient = the rest, so
 *   total = fund + patient + other exactly;
 * - 0–5 secondary diagnoses (70 % common comorbidities, 30 % random real codes), none equal to the principal.
 * - with probability `badRowShare`, one defect (`applyBadRow`), `source_packet` = `BAD:<kind>:<packet>`.
 *
 * @example
 * ```ts
 * const model = buildSyntheticModel(tables, { rows: 3, seed: 'x' });
 * [...generateRecords(model)].length; // 3
 * ```
 */
export function* generateRecords(model: SyntheticModel): Generator<string[], void, undefined> {
  const o = model.options;
  const rng = new Prng(o.seed).fork('records');
  const cal = new Calendar(o.year - 130, 132);
  const first = cal.day(o.year, 1, 1);
  const last = cal.day(o.year, 12, 31);
  const daysInYear = last - first + 1;
  const width = SYNTHETIC_COLUMNS.length;
  const outlierShare = o.highOutlierShare + o.lowOutlierShare;
  const kinds: readonly BadRowKind[] = o.badRowKinds;
  const common = model.commonSecondary;
  const other = model.otherSecondary;
  let lastGood: [string, string] | undefined;
  for (let i = 0; i < o.rows; i++) {
    const bad = o.badRowShare > 0 && rng.next() < o.badRowShare;
    const plan: PacketPlan =
      model.fallback.length > 0 && o.fallbackShare > 0 && rng.next() < o.fallbackShare
        ? (model.fallback[rng.int(model.fallback.length)] as PacketPlan)
        : (model.weighted[model.packetTable.sample(rng)] as PacketPlan);
    const uo = outlierShare > 0 ? rng.next() : 1;
    const outlier = uo < o.highOutlierShare ? 'high' : uo < outlierShare ? 'low' : '';
    const hospital = model.hospitals[model.hospitalTable.sample(rng)];
    if (hospital === undefined) throw new Error('unreachable: hospital');
    const employee = rng.next() < o.employeeShare;

    const dxIndex = rng.int(plan.dx.length);
    const dx = plan.dx[dxIndex] as string;
    const [proc, others] = drawProcedures(plan, dx, rng);
    const nSec = cdfPick(SECONDARY_CDF, rng.next());
    let secondary = '';
    for (let k = 0; k < nSec; k++) {
      const pool = rng.next() < 0.7 ? common : other;
      if (pool.length === 0) continue;
      const c = pool[rng.int(pool.length)] as string;
      if (c === dx || secondary.includes(c)) continue;
      secondary = secondary === '' ? c : `${secondary};${c}`;
    }

    // Cost (integer fen) and stay.
    const z = rng.normal();
    let cost: number;
    let losFactor = 1;
    if (outlier === 'high') {
      cost = plan.meanCost * rng.uniform(2.2, 6);
      losFactor = rng.uniform(1.3, 2.5);
    } else if (outlier === 'low') {
      cost = plan.meanCost * rng.uniform(0.1, 0.45);
      losFactor = rng.uniform(0.2, 0.6);
    } else {
      cost = Math.exp(plan.mu + plan.sigma * z);
    }
    const totalFen = Math.max(1000, Math.round(cost * 100));
    const zl = LOS_RHO * z + Math.sqrt(1 - LOS_RHO * LOS_RHO) * rng.normal();
    const los = Math.max(1, Math.min(365, Math.round(plan.meanLos * Math.exp(LOS_SIGMA * zl - (LOS_SIGMA * LOS_SIGMA) / 2) * losFactor)));

    const dischargeDay = first + rng.int(daysInYear);
    const admissionDay = dischargeDay - los;
    const settlementDay = Math.min(last, dischargeDay + rng.int(o.settlementLagMaxDays + 1));
    const patient = drawPatient(rng, cal, (plan.dxClass[dxIndex] ?? 0) as DemographicClass, admissionDay);
    const status = STATUS[cdfPick(STATUS_CDF, rng.next())] as string;

    const base = ILLUSTRATIVE_FUND_RATIOS[employee ? 'employee' : 'resident'][hospital.level];
    const ratio = Math.min(0.95, Math.max(0.3, base + 0.04 * rng.normal()));
    const fundFen = Math.round(totalFen * ratio);
    const otherFen = rng.next() < 0.08 ? Math.min(totalFen - fundFen, Math.round(totalFen * rng.uniform(0.02, 0.1))) : 0;
    const patientFen = totalFen - fundFen - otherFen;

    const caseId = `C${o.year}${String(i + 1).padStart(7, '0')}`;
    const cells: string[] = new Array<string>(width);
    cells[0] = caseId;
    cells[1] = hospital.id;
    cells[2] = employee ? 'employee' : 'resident';
    cells[3] = cal.iso(admissionDay);
    cells[4] = cal.iso(dischargeDay);
    cells[5] = cal.iso(settlementDay);
    cells[6] = cal.iso(patient.birthDay);
    cells[7] = String(patient.age);
    cells[8] = patient.ageDays === undefined ? '' : String(patient.ageDays);
    cells[9] = patient.sex;
    cells[10] = dx;
    cells[11] = secondary;
    cells[12] = proc;
    cells[13] = others;
    cells[14] = status;
    cells[15] = String(los);
    cells[16] = fenToYuan(totalFen);
    cells[17] = fenToYuan(fundFen);
    cells[18] = fenToYuan(patientFen);
    cells[19] = fenToYuan(otherFen);
    cells[20] = 'inpatient';
    cells[21] = plan.code;
    cells[22] = plan.unambiguous ? '1' : '0';
    cells[23] = outlier;
    if (bad) {
      const kind = kinds[rng.int(kinds.length)] as BadRowKind;
      const applied = applyBadRow(cells, kind, { totalFen, fundFen, patientFen, otherFen }, rng, lastGood);
      cells[21] = `BAD:${applied}:${plan.code}`;
      cells[22] = '0';
    } else {
      lastGood = [hospital.id, caseId];
    }
    yield cells;
  }
}
