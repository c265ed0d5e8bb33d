/**
 * The scorer's normal-case path (helper h3: a case `scoreCase` would score `normal` on its integer path is printed
 * from the context and `scaledNormalRhoToFixed`, without the result object) against the oldest frozen copy of the
 * scorer (`tests/run/reference/caseScorerV0.ts`, 25c6084, before any per-case speed-up; the properties first ran
 * against the c646df2 copy, removed once both were proven equal): `createCaseScorer().score` gives a ScoredCase `toStrictEqual`
 * to the reference's, same JSON text (key order) and same NaN units —
 *
 * - on random records, policies (PV none / budget / fixed, per pool or not, case points scale 4 or 2, per-packet
 *   coefficients, every ungrouped policy), hospital tables and groupings (a table grouper), with costs around the
 *   reference cost R so that low, normal and high cases and the bounds all occur;
 * - on a seeded synthetic year grouped by the real grouper (Pingdingshan catalog) under the policy of
 *   `examples/small/policy.json` (PV in force: tested contexts) and the `pingdingshan-2025` preset (no PV).
 *
 * And `scaledNormalRhoToFixed` = `rhoToFixed(scoreCase(…))` exactly when that result is normal on the integer path.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Issue } from '../../src/core/issue.js';
import type { Points, Ratio, Yuan } from '../../src/decimal/brands.js';
import type { CorePacket } from '../../src/catalog/types.js';
import type { GroupResult, GroupTrace } from '../../src/grouping/types.js';
import type { Grouper } from '../../src/grouping/types.js';
import { prepareCaseContext, scoreCase } from '../../src/points/casePoints.js';
import { rhoToFixed, scaledNormalRhoToFixed } from '../../src/points/scaledCasePoints.js';
import { getPreset, resolvePolicy, validatePolicy } from '../../src/policy/index.js';
import type { ResolvedPolicy } from '../../src/policy/schema.js';
import type { DischargeRecord } from '../../src/records/types.js';
import { createCaseScorer } from '../../src/run/caseScorer.js';
import type { CaseGrouper, ScoredCase } from '../../src/run/caseScorer.js';
import type { HospitalInfo } from '../../src/run/types.js';
import { pingdingshanGrouper, syntheticCases } from '../../bench/group-common.js';
import { createCaseScorer as createCaseScorerRef } from './reference/caseScorerV0.js';
import { makePolicy } from './helpers.js';

const TRACE: GroupTrace = { level: 'summary', steps: [], principalDx: '', subcategory: '', category: '', ignoredProcedures: [], candidates: [] };

interface PacketSpec {
  readonly rw: string;
  readonly kind: 'core' | 'comprehensive' | 'fallback' | 'tcm';
  readonly isPrimaryCare: boolean;
  readonly auxCoef: string;
  /** Kind reported for the case: may be an odd text (the run counts by it). */
  readonly kindText: string;
}

/** A grouper from a table dx → packet; other diagnoses are ungrouped with the reason `NO_<dx>`; `ISSUE` adds a case issue. */
function tableGrouper(packets: ReadonlyMap<string, PacketSpec>): CaseGrouper {
  return {
    group(r: DischargeRecord): GroupResult {
      const p = packets.get(r.principalDx);
      const caseIssues: Issue[] = r.caseId.endsWith('!') ? [{ severity: 'warning', code: 'group.test_issue', message: `issue of ${r.caseId}` }] : [];
      const common = { caseId: r.caseId, hospitalId: r.hospitalId, caseIssues, trace: TRACE };
      if (p === undefined) return { ...common, status: 'ungrouped', reason: r.principalDx === 'ODD' ? 'toString' : `NO_${r.principalDx}`, procClass: undefined } as unknown as GroupResult;
      const packet: CorePacket = { code: r.principalDx, kind: 'core', isPrimaryCare: p.isPrimaryCare, points: p.rw as Points, dx: { kind: 'subcategory', key: r.principalDx }, main: [], related: [] };
      return {
        ...common,
        status: 'grouped',
        packet,
        packetCode: packet.code,
        kind: p.kindText,
        isPrimaryCare: p.isPrimaryCare,
        layer: undefined,
        procClass: 'conservative',
        route: 'conservativeCore',
        matchedProcedures: [],
        unmatchedProcedures: [],
        auxSubtype: undefined,
        auxCoef: p.auxCoef as Ratio,
      } as unknown as GroupResult;
    },
  };
}

const DXS = ['P1', 'P2', 'P3', 'P4', 'P5', 'NONE', 'ODD'] as const;
const packetArb: fc.Arbitrary<PacketSpec> = fc
  .record({
    rw: fc.constantFrom('1484.833425', '385.35787', '0.5', '0', '3318.582758', '1000'),
    kind: fc.constantFrom('core' as const, 'comprehensive' as const, 'fallback' as const, 'tcm' as const),
    isPrimaryCare: fc.boolean(),
    auxCoef: fc.constantFrom('1', '1', '1.05', '0.9', '1.000'),
    oddKind: fc.constantFrom(undefined, undefined, undefined, '__proto__', 'constructor', '1', 'toString'),
  })
  .map((p) => ({ rw: p.rw, kind: p.kind, isPrimaryCare: p.isPrimaryCare, auxCoef: p.auxCoef, kindText: p.oddKind ?? p.kind }));
const packetsArb = fc.tuple(...DXS.slice(0, 5).map(() => fc.option(packetArb, { nil: undefined, freq: 6 }))).map((ps) => new Map(ps.flatMap((p, i) => (p === undefined ? [] : [[DXS[i]!, p] as const]))));

const HOSPITALS: readonly HospitalInfo[] = [
  { hospitalId: 'H1', name: 'A', level: '三级' },
  { hospitalId: 'H2', name: 'B', level: '二级' },
  { hospitalId: 'H3', name: 'C', level: '未知级' },
  { hospitalId: 'H4', name: 'D', level: '', coefficient: '0.95' as Ratio },
  { hospitalId: 'H5', name: 'E', level: '二级', coefficient: '0.850' as Ratio },
];

const policyArb: fc.Arbitrary<ResolvedPolicy> = fc
  .record({
    perPool: fc.boolean(),
    pv: fc.constantFrom('none', 'budget', 'sameBudget', 'fixed'),
    byPacket: fc.boolean(),
    primaryCarePackets: fc.boolean(),
    ungrouped: fc.constantFrom('reportOnly', 'fixedPoints', 'paidAtCost', 'blankPacket'),
    fallbackCoef: fc.boolean(),
    booked: fc.constantFrom(['fund_paid'], ['fund_paid', 'other_paid'], ['other_paid']),
    scale: fc.constantFrom(4, 2),
  })
  .map((o) => {
    const pools =
      o.pv === 'none'
        ? { employee: { dipFund: '900000.00' } }
        : { employee: { dipFund: '900000.00', budgetPointValue: '5.718153' }, resident: { dipFund: '400000.00', budgetPointValue: o.pv === 'sameBudget' ? '5.7181530' : '6.1' } };
    const base = makePolicy({
      coefficients: {
        byLevel: { 三级: '1.00', 二级: '0.85' },
        ...(o.byPacket ? { byPacket: [{ level: '三级', packetCode: 'P2', coef: '1.1' }, { hospitalId: 'H2', packetCode: 'P3', coef: '0.9' }] } : {}),
        ...(o.primaryCarePackets ? { primaryCarePackets: ['P1'] } : {}),
      },
      pointValue: {
        pools,
        perPool: o.perPool,
        bookedAmountComponents: [...o.booked],
        ...(o.pv === 'fixed' ? { pointValueRegime: 'fixed' as const, fixedPointValue: '7.5' } : {}),
      },
    });
    return {
      ...base,
      ungrouped: { ...base.ungrouped, ungroupedPolicy: o.ungrouped, ...(o.ungrouped === 'fixedPoints' ? { fixedPoints: '123.456789' } : {}), coefficientsApplyToFallback: o.fallbackCoef },
      rounding: { ...base.rounding, casePoints: { ...base.rounding.casePoints, scale: o.scale } },
    } as ResolvedPolicy;
  });

const moneyArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 100_000_000 }).map((fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 10_000_000 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '0.00', '12.3456', '12.34567', '99999999999.9999', '1234567890123.45', '0.0001', '5.5') },
);
const dateArb = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom(2025, 2025, 2025, 2024, 2026), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`) },
  { weight: 1, arbitrary: fc.constantFrom('2025-03', '2025-3-01', '2025/03/01', '2025-0a-01', '２０２５-03-01', '2025-03-01 12:00:00', '2025') },
);
/** Costs around R (RW × PV ≈ 0.3 × 10^3 … 2 × 10^4 yuan): low, normal and high cases, bounds included; odd texts. */
const costArb = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom(2203, 5718, 8490, 11136, 18976), fc.integer({ min: 20, max: 300 }), fc.integer({ min: 0, max: 99 }))
      .map(([r, pct, fen]) => `${Math.floor((r * pct) / 100)}.${String(fen).padStart(2, '0')}`),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60_000 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '0.00', '12.3456', '12.34567', '4245.765', '8491.53', '16983.06', '99999999999.9999', '1234567890123.45', '0.0001', '5.5') },
);
const recordArb = fc.record({
  id: fc.integer({ min: 0, max: 9 }),
  flagged: fc.boolean(),
  hospital: fc.constantFrom('H1', 'H2', 'H3', 'H4', 'H5', 'H9'),
  dx: fc.constantFrom(...DXS),
  pool: fc.constantFrom('employee' as const, 'resident' as const),
  cost: costArb,
  fund: moneyArb,
  patient: moneyArb,
  other: fc.option(moneyArb, { nil: undefined }),
  discharge: dateArb,
  settlement: fc.option(dateArb, { nil: undefined, freq: 3 }),
  warned: fc.constantFrom(false, false, true),
});

type RecordSpec = typeof recordArb extends fc.Arbitrary<infer T> ? T : never;

function toRecord(r: RecordSpec): DischargeRecord {
  return {
    caseId: `K${r.id}${r.flagged ? '!' : ''}`,
    hospitalId: r.hospital,
    insuranceType: r.pool,
    admissionDate: '2025-01-01',
    dischargeDate: r.discharge,
    ...(r.settlement === undefined ? {} : { settlementDate: r.settlement }),
    principalDx: r.dx,
    secondaryDx: [],
    otherProcedures: [],
    losDays: 9,
    totalCost: r.cost as Yuan,
    fundPaid: r.fund as Yuan,
    patientPaid: r.patient as Yuan,
    ...(r.other === undefined ? {} : { otherPaid: r.other as Yuan }),
  };
}

/** JSON text (key order included) and the NaN-ness of the units, which JSON prints as null. */
const fingerprint = (s: ScoredCase): string => `${JSON.stringify(s)}|${[s.pointsUnits, s.costUnits, s.bookedUnits, s.patientPaidUnits].map(String).join()}`;

describe('createCaseScorer = the reference scorer before the normal-case path (table grouper)', () => {
  it('deep-equal ScoredCases, one caching scorer and a fresh scorer per case (fixed seed, 600 runs)', () => {
    let normal = 0;
    fc.assert(
      fc.property(policyArb, packetsArb, fc.array(recordArb, { minLength: 1, maxLength: 40 }), (policy, packets, recs) => {
        const input = { policy, grouper: tableGrouper(packets), year: 2025, hospitals: HOSPITALS };
        const ref = createCaseScorerRef(input);
        const cached = createCaseScorer(input);
        recs.forEach((r, i) => {
          const rec = toRecord(r);
          const warnings: Issue[] | undefined = r.warned ? [{ severity: 'warning', code: 'record.test_warning', message: `w${i}` }] : undefined;
          const a = ref.score(rec, i + 2, warnings);
          const b = cached.score(rec, i + 2, warnings);
          expect(b).toStrictEqual(a);
          expect(fingerprint(b)).toBe(fingerprint(a));
          if (a.result.status === "grouped" && a.result.outlier === "normal") normal++;
          const c = createCaseScorer(input).score(rec, i + 2, warnings);
          const d = createCaseScorerRef(input).score(rec, i + 2, warnings);
          expect(fingerprint(c)).toBe(fingerprint(d));
        });
      }),
      { seed: 20261207, numRuns: 600 },
    );
    expect(normal).toBeGreaterThan(100); // 117 normal cases of ~1,200 grouped (seed 20261207)
  });
});

describe('createCaseScorer = the reference scorer on a synthetic year with the real grouper', () => {
  let grouper: Grouper;
  const records: DischargeRecord[] = [];
  let hospitals: HospitalInfo[] = [];
  beforeAll(async () => {
    grouper = (await pingdingshanGrouper('summary')).grouper;
    for await (const c of syntheticCases({ rows: 4000, year: 2025, hospitals: 12 })) if (c.record !== undefined) records.push(c.record);
    const ids = [...new Set(records.map((r) => r.hospitalId))].sort();
    // one hospital left out (unknown), levels and table coefficients varied
    hospitals = ids.slice(1).map((hospitalId, i) => ({ hospitalId, name: `H${i}`, level: ['三级', '二级', '一级', ''][i % 4]!, ...(i % 5 === 4 ? { coefficient: '0.95' as Ratio } : {}) }));
  });
  const small = (): ResolvedPolicy => {
    const v = validatePolicy(JSON.parse(readFileSync('examples/small/policy.json', 'utf8')) as unknown);
    if (!v.ok) throw new Error('examples/small/policy.json');
    const r = resolvePolicy(v.value, '2025-12-31');
    if (!r.ok) throw new Error('resolve');
    return r.value;
  };
  const preset = (): ResolvedPolicy => {
    const r = resolvePolicy(getPreset('pingdingshan-2025'), '2025-12-31');
    if (!r.ok) throw new Error('resolve');
    return r.value;
  };
  for (const [name, policyOf] of [
    ['examples/small/policy.json', small],
    ['pingdingshan-2025 preset', preset],
  ] as const) {
    it(`${name}: every ScoredCase equal (4,000 rows)`, () => {
      const input = { policy: policyOf(), grouper, year: 2025, hospitals };
      const ref = createCaseScorerRef(input);
      const now = createCaseScorer(input);
      const outliers = new Map<string, number>();
      records.forEach((rec, i) => {
        const a = ref.score(rec, i + 2, undefined);
        const b = now.score(rec, i + 2, undefined);
        expect(b).toStrictEqual(a);
        expect(fingerprint(b)).toBe(fingerprint(a));
        const k = a.result.status === 'grouped' ? (a.result.outlier ?? '') : a.result.status;
        outliers.set(k, (outliers.get(k) ?? 0) + 1);
      });
      expect(outliers.size).toBeGreaterThan(1);
    });
  }
});

describe('scaledNormalRhoToFixed = rhoToFixed(scoreCase(…)) on normal cases of the integer path, undefined otherwise', () => {
  it('fixed seed, 3,000 runs', () => {
    const policy = makePolicy();
    fc.assert(
      fc.property(
        fc.constantFrom('1484.833425', '385.35787', '0.5', '3318.582758', '1000', '0.000001'),
        fc.constantFrom('1', '0.85', '1.1'),
        fc.constantFrom('5.718153', '7.5', '0.0001', '123456.789'),
        costArb,
        fc.constantFrom(6, 4, 0, 12),
        (rw, coef, pv, cost, dp) => {
          const ctx = prepareCaseContext({ rw, kind: 'core', coef, pointValue: pv }, policy);
          const s = ctx.scaled;
          if (s === undefined) return;
          const r = scoreCase(ctx, cost);
          const got = scaledNormalRhoToFixed(s, cost, dp);
          const normalFast = r.outlierClass === 'normal' && r.constructor.name === 'ScaledNormalResult';
          expect(got).toBe(normalFast ? rhoToFixed(r, dp) : undefined);
          if (normalFast) expect(got).toBe(r.rho!.toFixed(dp));
        },
      ),
      { seed: 7070, numRuns: 3000 },
    );
  });
});
