/**
 * Shared generators of the auditors' property files: a small region-year of random cases fed to
 * `settleRegionYear` through the table-driven fake grouper of tests/run, and the EXAMPLE score bands of
 * DIP-RULES.md §8.5 (illustration only, no published table exists).
 */
import { fc } from '@fast-check/vitest';
import { dec } from '../../src/decimal/index.js';
import type { Ratio } from '../../src/decimal/brands.js';
import type { AssessmentBand, ResolvedPolicy } from '../../src/policy/index.js';
import type { AssessmentScore, HospitalInfo, RecordItem } from '../../src/run/types.js';
import { items, makePolicy, rec } from '../run/helpers.js';
import { PRESET_NAMES, getPreset, resolvePolicy } from '../../src/policy/index.js';
import { auditCatalogRws, auditPolicy } from '../golden/auditEnv.js';

/** §8.5 EXAMPLE bands: ≥ 90 → k 1.00, s 100 %; 80 → 0.98, 80 %; 70 → 0.95, 60 %; 60 → 0.90, 40 %; < 60 → 0.85, 0 %. */
export const EXAMPLE_BANDS: AssessmentBand[] = [
  { minScore: '0', minInclusive: true, coefficient: '0.85', depositRefundShare: '0' },
  { minScore: '60', minInclusive: true, coefficient: '0.90', depositRefundShare: '0.4' },
  { minScore: '70', minInclusive: true, coefficient: '0.95', depositRefundShare: '0.6' },
  { minScore: '80', minInclusive: true, coefficient: '0.98', depositRefundShare: '0.8' },
  { minScore: '90', minInclusive: true, coefficient: '1.00', depositRefundShare: '1' },
];

export const PACKETS = { P1: '1484.833425', P2: '385.35787', P3: '3318.582758', P4: '0.5' } as const;
export const HOSPITALS: HospitalInfo[] = [
  { hospitalId: 'H1', name: 'A', level: '三级' },
  { hospitalId: 'H2', name: 'B', level: '二级' },
  { hospitalId: 'H3', name: 'C', level: '一级' },
  { hospitalId: 'H4', name: 'D', level: '二级' },
];

export const caseArb = fc.record({
  hospital: fc.constantFrom('H1', 'H2', 'H3', 'H4'),
  dx: fc.constantFrom('P1', 'P2', 'P3', 'P4', 'NONE'),
  pool: fc.constantFrom('employee' as const, 'resident' as const),
  costFen: fc.integer({ min: 1, max: 10_000_000 }),
  fundPermille: fc.integer({ min: 0, max: 1000 }),
  month: fc.integer({ min: 1, max: 12 }),
});
export type CaseSpec = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

const fen = (n: number): string => dec(n).div(100).toFixed(2);

/** Reader items for a batch of generated cases (case ids K0, K1, … in batch order). */
export function recordsOf(batch: readonly CaseSpec[]): RecordItem[] {
  return items(
    batch.map((c, i) => {
      const fund = Math.floor((c.costFen * c.fundPermille) / 1000);
      const m = String(c.month).padStart(2, '0');
      return { ...rec({ caseId: `K${i}`, hospitalId: c.hospital, dx: c.dx, pool: c.pool, cost: fen(c.costFen), fund: fen(fund), patient: fen(c.costFen - fund) }), admissionDate: `2025-${m}-01`, dischargeDate: `2025-${m}-10` };
    }),
  );
}

/** Scores per hospital (undefined = no score row). */
export function scoresOf(scores: readonly (number | undefined)[]): AssessmentScore[] {
  return HOSPITALS.flatMap((h, i) => (scores[i] === undefined ? [] : [{ hospitalId: h.hospitalId, score: String(scores[i]) }]));
}

/** Engine defaults with level coefficients, funds for both pools, the EXAMPLE bands and the given allocation. */
export function regionPolicy(residualAllocation: 'none' | 'largestRemainder', fundEmployee = '1000000.00', fundResident = '600000.00'): ResolvedPolicy {
  return makePolicy({
    coefficients: { byLevel: { 三级: '1', 二级: '0.85', 一级: '0.7' } },
    pointValue: { pools: { employee: { dipFund: fundEmployee, budgetPointValue: '5' }, resident: { dipFund: fundResident, budgetPointValue: '5' } } },
    settlement: { residualAllocation, assessmentBands: EXAMPLE_BANDS },
  });
}

export const ratio = (s: string): Ratio => s as Ratio;

// ---------------------------------------------------------------------------------------------------------------
// Case-points policies and inputs: the six presets at a date in force, plus the auditor's DIP_AUDIT_POLICY; RW from
// DIP_AUDIT_CATALOG when set.


export const PRESET_DATES: Readonly<Record<(typeof PRESET_NAMES)[number], string>> = {
  'national-2020': '2021-06-30',
  'national-2024': '2025-06-30',
  'hubei-base-2023': '2023-06-30',
  'jining-2023': '2023-06-30',
  'taian-2023': '2023-06-30',
  'pingdingshan-2025': '2025-06-30',
};

/** The presets resolved at their dates, then the auditor's policy when `DIP_AUDIT_POLICY` is set. */
export function policiesUnderTest(): { name: string; policy: ResolvedPolicy }[] {
  const out = PRESET_NAMES.map((n) => {
    const r = resolvePolicy(getPreset(n), PRESET_DATES[n]);
    if (!r.ok) throw new Error(`preset ${n} does not resolve at ${PRESET_DATES[n]}`);
    return { name: n, policy: r.value };
  });
  const a = auditPolicy();
  return a === undefined ? out : [...out, a];
}

/** A decimal string with up to `dp` decimals between min and max. */
export const decimalString = (min: number, max: number, dp: number): fc.Arbitrary<string> =>
  fc.integer({ min: Math.round(min * 10 ** dp), max: Math.round(max * 10 ** dp) }).map((n) => dec(n).div(10 ** dp).toFixed());

/** RW: from the auditor's catalog (DIP_AUDIT_CATALOG) when set, else random positive points with up to 6 dp. */
export async function rwArb(): Promise<fc.Arbitrary<string>> {
  const rws = await auditCatalogRws();
  return rws === undefined ? fc.oneof(decimalString(1, 30000, 6), fc.constantFrom('1000', '1500', '1496.8', '331.608717')) : fc.constantFrom(...rws);
}

/** Case inputs apart from the cost: c, a, PV and an explicit reference cost R in whole even fen (so 0.5 R is a whole fen). */
export const contextArb = fc.record({
  coef: fc.oneof(decimalString(0.3, 1.6, 3), fc.constantFrom('1', '0.9', '0.85', '0.7')),
  auxCoef: fc.constantFrom('1', '1.05', '1.3', '1.2345'),
  pointValue: fc.oneof(decimalString(1, 20, 6), fc.constantFrom('10', '15', '5.718153')),
  referenceCost: fc.integer({ min: 5_000, max: 5_000_000 }).map((f) => dec(f * 2).div(100).toFixed(2)),
});
export type ContextSpec = typeof contextArb extends fc.Arbitrary<infer T> ? T : never;
