/**
 * Blank packet 空白病组 `KBBZ` in the run (DIP-RULES.md §4.5, §6.5; Jining / Tai'an 2023 code; helper f10).
 *
 * Under `ungroupedPolicy = 'blankPacket'` a case the grouper puts into the catalog's blank packet
 * (`fallbackType: 'blankPacket'`) gets `RW_KBBZ × (cost / m_KBBZ) × blankPacketFactor` (Jining 0.7, Tai'an
 * 0.4368 × 0.9 = 0.39312), `RW_KBBZ` = the packet's points, `m_KBBZ` = its average cost, no institution or auxiliary
 * coefficient, no outlier test, rounded once by `rounding.casePoints`. Before f10 the run scored it as an ordinary
 * fallback packet: RW_KBBZ flat (1,485.3549 for every Pingdingshan KBBZ case, whatever its cost).
 *
 * - literal examples worked out by hand (T21; the Pingdingshan KBBZ row; a half-way point), each error path;
 * - end to end with the real grouper on the Pingdingshan catalog under the `jining-2023` / `taian-2023` presets;
 * - property: the points equal RW × cost / m × factor by the policy's rule (decimal.js at 200 digits as the oracle),
 *   the ratio is cost / m at 6 dp, and neither depends on the hospital's coefficient (fixed seed, 600 runs);
 * - property: every other case (another packet, another ungrouped policy) is the ScoredCase of the frozen reference
 *   scorer `tests/run/reference/caseScorerV0.ts` (25c6084), `toStrictEqual` (fixed seed, 300 runs).
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Points, Ratio, Yuan } from '../../src/decimal/brands.js';
import type { Catalog, CorePacket, FallbackPacket, FallbackType } from '../../src/catalog/types.js';
import { createGrouper } from '../../src/grouping/index.js';
import type { GroupResult, GroupTrace } from '../../src/grouping/types.js';
import { loadCatalog } from '../../src/io/loadCatalog.js';
import { loadProcedureClasses } from '../../src/io/loadProcedureClasses.js';
import { getPreset, resolvePolicy } from '../../src/policy/index.js';
import type { RegionPolicy, ResolvedPolicy } from '../../src/policy/schema.js';
import { DEFAULT_UNGROUPED_OPTIONS } from '../../src/policy/schema.js';
import type { RoundingMode } from '../../src/decimal/index.js';
import type { DischargeRecord } from '../../src/records/types.js';
import { createCaseScorer } from '../../src/run/caseScorer.js';
import type { CaseGrouper } from '../../src/run/caseScorer.js';
import { settleRegionYear } from '../../src/run/settleRegionYear.js';
import type { CaseResult, HospitalInfo } from '../../src/run/types.js';
import type { Issue } from '../../src/core/issue.js';
import { createCaseScorer as createCaseScorerRef } from './reference/caseScorerV0.js';
import { items, makePolicy, rec } from './helpers.js';

const TRACE: GroupTrace = { level: 'summary', steps: [], principalDx: '', subcategory: '', category: '', ignoredProcedures: [], candidates: [] };

interface PacketSpec {
  readonly code: string;
  readonly points: string;
  /** `undefined` = a core packet. */
  readonly fallbackType?: FallbackType;
  readonly averageCost?: string;
  readonly auxCoef?: string;
}

/** A grouper from a table principal dx → packet (core or fallback); other diagnoses are ungrouped. */
function tableGrouper(table: Readonly<Record<string, PacketSpec>>): CaseGrouper {
  return {
    group(r: DischargeRecord): GroupResult {
      const common = { caseId: r.caseId, hospitalId: r.hospitalId, caseIssues: [], trace: TRACE };
      const p = table[r.principalDx];
      if (p === undefined) return { ...common, status: 'ungrouped', reason: 'NO_PACKET_FOR_DIAGNOSIS', procClass: undefined };
      const base = { code: p.code, isPrimaryCare: false, points: p.points as Points, main: [], related: [], ...(p.averageCost === undefined ? {} : { averageCost: p.averageCost as Yuan }) };
      const packet: CorePacket | FallbackPacket =
        p.fallbackType === undefined ? { ...base, kind: 'core', dx: { kind: 'subcategory', key: r.principalDx } } : { ...base, kind: 'fallback', dx: { kind: 'any' }, fallbackType: p.fallbackType };
      return {
        ...common,
        status: 'grouped',
        packet,
        packetCode: packet.code,
        kind: packet.kind,
        isPrimaryCare: false,
        layer: undefined,
        procClass: 'conservative',
        route: p.fallbackType ?? 'conservativeCore',
        matchedProcedures: [],
        unmatchedProcedures: [],
        auxSubtype: undefined,
        auxCoef: (p.auxCoef ?? '1') as Ratio,
      };
    },
  };
}

const HOSPITALS: readonly HospitalInfo[] = [
  { hospitalId: 'H1', name: 'A', level: '三级', coefficient: '1.00' as Ratio },
  { hospitalId: 'H2', name: 'B', level: '二级', coefficient: '0.85' as Ratio },
  { hospitalId: 'H3', name: 'C', level: '未知级' },
];

/** Engine defaults with a budget PV and the given ungrouped options and case-points rounding. */
function blankPolicy(factor: string | undefined, over: { ungroupedPolicy?: 'blankPacket' | 'reportOnly' | 'fixedPoints' | 'paidAtCost'; scale?: number; mode?: RoundingMode; fallbackCoef?: boolean; fallbackOutlier?: boolean } = {}): ResolvedPolicy {
  const base = makePolicy({ coefficients: { byLevel: { 三级: '1.00', 二级: '0.85' } }, pointValue: { pools: { employee: { dipFund: '900000.00', budgetPointValue: '10' } } } });
  return {
    ...base,
    ungrouped: {
      ...DEFAULT_UNGROUPED_OPTIONS,
      ungroupedPolicy: over.ungroupedPolicy ?? 'blankPacket',
      ...(factor === undefined ? {} : { blankPacketFactor: factor }),
      ...(over.ungroupedPolicy === 'fixedPoints' ? { fixedPoints: '123.456789' } : {}),
      coefficientsApplyToFallback: over.fallbackCoef ?? false,
      outlierRulesApplyToFallback: over.fallbackOutlier ?? false,
    },
    rounding: { ...base.rounding, casePoints: { scale: over.scale ?? 4, mode: over.mode ?? 'halfUp' } },
  } as ResolvedPolicy;
}

const KBBZ = (points: string, averageCost: string | undefined): PacketSpec => ({ code: 'KBBZ', points, fallbackType: 'blankPacket', ...(averageCost === undefined ? {} : { averageCost }) });

function scoreOne(policy: ResolvedPolicy, packet: PacketSpec | undefined, cost: string, hospitalId = 'H2') {
  const scorer = createCaseScorer({ policy, grouper: tableGrouper(packet === undefined ? {} : { X: packet }), year: 2025, hospitals: HOSPITALS });
  return scorer.score(rec({ caseId: 'K1', hospitalId, dx: 'X', cost, fund: '0', patient: '0' }), 7, undefined);
}

describe('blank packet KBBZ in the scorer: literal examples worked out by hand', () => {
  it('T21 Jining: cost 6,000.00, m 10,000, RW 1,000, factor 0.7 → ρ 0.6 × 0.7 × 1,000 = 420.0000 (hospital c = 0.85 not applied)', () => {
    const s = scoreOne(blankPolicy('0.7'), KBBZ('1000', '10000'), '6000.00');
    expect(s.result).toStrictEqual({ line: 7, caseId: 'K1', hospitalId: 'H2', pool: 'employee', month: '2025-01', status: 'grouped', casePoints: '420.0000', totalCost: '6000.00', packetCode: 'KBBZ', packetKind: 'fallback', outlier: 'blankPacket', coefficient: '1', auxCoef: '1', ratio: '0.600000' });
    expect([s.hasPoints, s.pointsUnits, s.pointsExact, s.onceIssues, s.issues]).toEqual([true, 4_200_000, undefined, undefined, undefined]);
  });
  it('T21 Tai\u2019an: factor 0.4368 × 0.9 = 0.39312 → 0.6 × 0.39312 × 1,000 = 235.8720', () => {
    expect(scoreOne(blankPolicy('0.39312'), KBBZ('1000', '10000'), '6000.00').result.casePoints).toBe('235.8720');
  });
  it('Pingdingshan KBBZ (RW 1,485.354916, m 8,493.487397): cost 6,000.00 → Jining 734.502843… = 734.5028, Tai\u2019an 412.496797… = 412.4968; cost 12,345.67 → 1,511.321620… = 1,511.3216, 848.758222… = 848.7582', () => {
    const k = KBBZ('1485.354916', '8493.487397');
    const j = scoreOne(blankPolicy('0.7'), k, '6000.00').result;
    expect([j.casePoints, j.ratio]).toEqual(['734.5028', '0.706424']); // ρ = 0.7064236066…
    expect(scoreOne(blankPolicy('0.39312'), k, '6000.00').result.casePoints).toBe('412.4968');
    const j2 = scoreOne(blankPolicy('0.7'), k, '12345.67').result;
    expect([j2.casePoints, j2.ratio]).toEqual(['1511.3216', '1.453545']); // ρ = 1.4535454546…
    expect(scoreOne(blankPolicy('0.39312'), k, '12345.67').result.casePoints).toBe('848.7582');
  });
  it('a half-way point: RW 1,234.5 × 6,001.00 / 7,000 × 0.7 = 740.82345 exactly → 740.8235 half-up (the 40-digit ratio first gave 740.8234); ρ 0.857285714… → 0.857286', () => {
    const r = scoreOne(blankPolicy('0.7'), KBBZ('1234.5', '7000'), '6001.00').result;
    expect([r.casePoints, r.ratio]).toEqual(['740.8235', '0.857286']);
    // the same exact value under the policy's other named rules
    expect(scoreOne(blankPolicy('0.7', { mode: 'halfEven' }), KBBZ('1234.5', '7000'), '6001.00').result.casePoints).toBe('740.8234');
    expect(scoreOne(blankPolicy('0.7', { scale: 2 }), KBBZ('1234.5', '7000'), '6001.00').result.casePoints).toBe('740.82');
  });
  it('cost 0 → 0 points, still counted as a blank-packet case with points', () => {
    const s = scoreOne(blankPolicy('0.7'), KBBZ('1000', '10000'), '0.00');
    expect([s.result.casePoints, s.result.ratio, s.hasPoints]).toEqual(['0.0000', '0.000000', true]);
  });
  it('coefficients / outlier rules that apply to other fallback packets do not apply to the blank packet', () => {
    const s = scoreOne(blankPolicy('0.7', { fallbackCoef: true, fallbackOutlier: true }), { ...KBBZ('1000', '10000'), auxCoef: '1.3' }, '6000.00');
    expect([s.result.casePoints, s.result.coefficient, s.result.auxCoef, s.result.outlier]).toEqual(['420.0000', '1', '1', 'blankPacket']);
  });
});

describe('blank packet: error paths (no points, an error issue, never a silent zero)', () => {
  it('KBBZ without an average cost: casePoints 0, no ratio, reason review, error points.blank_packet_average_cost_missing naming the packet', () => {
    const s = scoreOne(blankPolicy('0.7'), KBBZ('1000', undefined), '6000.00');
    expect(s.result).toStrictEqual({ line: 7, caseId: 'K1', hospitalId: 'H2', pool: 'employee', month: '2025-01', status: 'grouped', casePoints: '0.0000', totalCost: '6000.00', packetCode: 'KBBZ', packetKind: 'fallback', outlier: 'blankPacket', coefficient: '1', auxCoef: '1', reason: 'review' });
    expect(s.hasPoints).toBe(false);
    expect(s.pointsUnits).toBeNaN();
    expect(s.onceIssues?.map((i) => [i.severity, i.code, i.line, i.message.endsWith('(packet KBBZ)')])).toEqual([['error', 'points.blank_packet_average_cost_missing', 7, true]]);
  });
  it('KBBZ with average cost 0: the same error', () => {
    const s = scoreOne(blankPolicy('0.7'), KBBZ('1000', '0'), '6000.00');
    expect([s.hasPoints, s.result.casePoints, s.onceIssues?.[0]?.code, s.onceIssues?.[0]?.received]).toEqual([false, '0.0000', 'points.blank_packet_average_cost_missing', '0']);
  });
  it('no factor: points.blank_packet_input_missing, no points', () => {
    const s = scoreOne(blankPolicy(undefined), KBBZ('1000', '10000'), '6000.00');
    expect([s.hasPoints, s.result.casePoints, s.onceIssues?.[0]?.code]).toEqual([false, '0.0000', 'points.blank_packet_input_missing']);
  });
  it('an ungrouped case (no packet): no points, error points.blank_packet_missing, reason kept', () => {
    const s = scoreOne(blankPolicy('0.7'), undefined, '6000.00');
    expect(s.result).toStrictEqual({ line: 7, caseId: 'K1', hospitalId: 'H2', pool: 'employee', month: '2025-01', status: 'ungrouped', casePoints: '0.0000', totalCost: '6000.00', reason: 'NO_PACKET_FOR_DIAGNOSIS' });
    expect([s.hasPoints, s.onceIssues?.map((i) => [i.severity, i.code, i.line])]).toEqual([false, [['error', 'points.blank_packet_missing', 7]]]);
  });
  it('another ungrouped policy: the KBBZ case is an ordinary fallback packet (RW flat), as before', () => {
    const s = scoreOne(blankPolicy('0.7', { ungroupedPolicy: 'reportOnly' }), KBBZ('1000', '10000'), '6000.00');
    expect([s.result.casePoints, s.result.outlier]).toEqual(['1000.0000', 'notTested']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// End to end: real grouper, Pingdingshan catalog (KBBZ: RW 1,485.354916, m 8,493.487397), Jining / Tai'an presets
// ---------------------------------------------------------------------------------------------------------------

/** The preset with the Pingdingshan catalog notation, no grade split (no grade table) and a budget PV per pool. */
function presetPolicy(name: 'jining-2023' | 'taian-2023'): ResolvedPolicy {
  const p = structuredClone(getPreset(name)) as RegionPolicy & { parameters: Record<string, { value: Record<string, unknown> }[]> };
  for (const e of p.parameters['grouping']!) {
    e.value['catalogNotation'] = 'pingdingshan';
    delete e.value['comprehensiveGradeSplit'];
  }
  for (const e of p.parameters['pointValue']!) e.value['pools'] = { employee: { dipFund: '100000', budgetPointValue: '5.718153' }, resident: { dipFund: '100000', budgetPointValue: '5.718153' } };
  const r = resolvePolicy(p, '2023-12-31');
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.value;
}

let catalog: Catalog;
let classes: Map<string, never>;
beforeAll(async () => {
  const [cat, cls] = await Promise.all([loadCatalog('fixtures/pingdingshan-2025-dip2/catalog.csv', { statsPath: 'fixtures/pingdingshan-2025-dip2/packet-stats.csv' }), loadProcedureClasses('fixtures/icd/procedure-classes.csv')]);
  catalog = cat.catalog;
  classes = new Map(cls.table.entries()) as Map<string, never>;
}, 60_000);

const R23 = (caseId: string, dx: string, cost: string, pool: 'employee' | 'resident' = 'employee'): DischargeRecord => ({ ...rec({ caseId, hospitalId: 'H2', dx, cost, fund: '0', patient: '0', pool, discharge: '2023-02-18' }), admissionDate: '2023-02-10' });

async function settle(policy: ResolvedPolicy, cat: Catalog, records: readonly DischargeRecord[]) {
  const grouper = createGrouper(cat, { options: policy.grouping, auxiliary: policy.auxiliary, procedureClasses: classes, trace: 'summary' });
  const cases: CaseResult[] = [];
  const issues: Issue[] = [];
  const run = await settleRegionYear({ records: items(records), policy, grouper, year: 2023, hospitals: HOSPITALS }, { onCase: (c) => void cases.push(c), onIssue: (i) => void issues.push(i) });
  return { run, cases, issues };
}

describe('blank packet end to end (real grouper, Pingdingshan catalog)', () => {
  const records = (): DischargeRecord[] => [R23('E2', 'V01.000', '6000.00'), R23('E3', 'X59.900', '6000.00'), R23('E4', 'U99.900', '12345.67', 'resident')];
  it('jining-2023: KBBZ cases 734.5028 / 1,511.3216 (were 1,485.3549 each), counted under outlier class blankPacket', async () => {
    const { run, cases } = await settle(presetPolicy('jining-2023'), catalog, records());
    expect(cases.map((c) => [c.caseId, c.status, c.packetCode, c.outlier, c.coefficient, c.ratio, c.casePoints])).toEqual([
      ['E2', 'grouped', 'KBBZ', 'blankPacket', '1', '0.706424', '734.5028'],
      ['E3', 'grouped', 'KBBZ', 'blankPacket', '1', '0.706424', '734.5028'],
      ['E4', 'grouped', 'KBBZ', 'blankPacket', '1', '1.453545', '1511.3216'],
    ]);
    expect(run.summary.counts.byOutlier).toEqual({ blankPacket: 3 });
    expect(run.summary.pools.find((p) => p.pool === 'employee')?.points).toBe('1469.0056');
  });
  it('taian-2023: 412.4968 / 848.7582', async () => {
    const { cases } = await settle(presetPolicy('taian-2023'), catalog, records());
    expect(cases.map((c) => c.casePoints)).toEqual(['412.4968', '412.4968', '848.7582']);
  });
  it('a catalog without a blank packet: the cases are ungrouped, one error points.blank_packet_missing, its repeats counted, no points', async () => {
    const noBlank: Catalog = { ...catalog, fallbacks: catalog.fallbacks.filter((f) => f.fallbackType !== 'blankPacket') };
    const { run, cases, issues } = await settle(presetPolicy('jining-2023'), noBlank, records());
    expect(cases.map((c) => [c.status, c.casePoints, c.reason])).toEqual([
      ['ungrouped', '0.0000', 'NO_PACKET_FOR_DIAGNOSIS'],
      ['ungrouped', '0.0000', 'NO_PACKET_FOR_DIAGNOSIS'],
      ['ungrouped', '0.0000', 'NO_PACKET_FOR_DIAGNOSIS'],
    ]);
    expect(issues.filter((i) => i.code === 'points.blank_packet_missing').map((i) => [i.severity, i.line])).toEqual([['error', 2]]);
    const rep = issues.find((i) => i.code === 'run.repeated_issue' && i.message.includes('points.blank_packet_missing'));
    expect(rep?.message).toMatch(/\b2\b/);
    expect(run.summary.pools.every((p) => p.points === '0')).toBe(true);
  });
  it('a blank packet without an average cost: grouped KBBZ, no points, one error points.blank_packet_average_cost_missing', async () => {
    const noMean: Catalog = { ...catalog, fallbacks: catalog.fallbacks.map((f) => (f.fallbackType === 'blankPacket' ? { ...f, averageCost: undefined } : f)) as never };
    const { cases, issues } = await settle(presetPolicy('jining-2023'), noMean, records());
    expect(cases.map((c) => [c.status, c.packetCode, c.casePoints, c.reason])).toEqual([
      ['grouped', 'KBBZ', '0.0000', 'review'],
      ['grouped', 'KBBZ', '0.0000', 'review'],
      ['grouped', 'KBBZ', '0.0000', 'review'],
    ]);
    expect(issues.filter((i) => i.code === 'points.blank_packet_average_cost_missing').map((i) => [i.severity, i.line])).toEqual([['error', 2]]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

const O = Decimal.clone({ precision: 200 });
const ORACLE_MODE: Record<RoundingMode, Decimal.Rounding> = { halfUp: O.ROUND_HALF_UP, halfEven: O.ROUND_HALF_EVEN, down: O.ROUND_DOWN, up: O.ROUND_UP, floor: O.ROUND_FLOOR, ceil: O.ROUND_CEIL };
const dp = (n: number, places: number): string => new O(n).div(new O(10).pow(places)).toFixed(places);

/**
 * (RW, m, cost, factor): random 6-dp packet values and 2-dp costs, plus half-way points at 4 dp: m 7,000, factor 0.7,
 * cost 10,000 × j (j odd), RW ending in 5 at the 5th decimal, so RW × cost × 0.7 / 7,000 = RW × j ends in 5 there
 * while ρ = 10j / 7 does not terminate.
 */
const blankArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      rw: fc.integer({ min: 1, max: 30_000_000_000 }).map((n) => dp(n, 6)),
      m: fc.integer({ min: 1, max: 100_000_000_000 }).map((n) => dp(n, 6)),
      cost: fc.integer({ min: 0, max: 1_000_000_000 }).map((n) => dp(n, 2)),
      factor: fc.oneof(fc.constantFrom('0.7', '0.39312', '1'), fc.integer({ min: 1, max: 2_000_000 }).map((n) => dp(n, 6))),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      rw: fc.integer({ min: 0, max: 300_000_000 }).map((n) => dp((2 * n + 1) * 5, 5)),
      m: fc.constant('7000'),
      cost: fc.constantFrom('10000.00', '30000.00', '70000.00', '90000.00'),
      factor: fc.constant('0.7'),
    }),
  },
);

describe('blank packet property: RW × cost / m × factor by the policy rule, independent of the coefficient', () => {
  it('points = decimal.js oracle, ratio = cost / m at 6 dp, same at every hospital (fixed seed, 600 runs)', () => {
    let ties = 0;
    fc.assert(
      fc.property(
        blankArb,
        fc.constantFrom(4, 2),
        fc.constantFrom<RoundingMode>('halfUp', 'halfUp', 'halfEven', 'down'),
        fc.boolean(),
        fc.constantFrom('1', '1.3'),
        ({ rw, m, cost, factor }, scale, mode, fallbackCoef, auxCoef) => {
          const policy = blankPolicy(factor, { scale, mode, fallbackCoef, fallbackOutlier: fallbackCoef });
          const exact = new O(rw).times(cost).times(factor).div(m);
          if (exact.decimalPlaces() === scale + 1 && exact.toFixed().endsWith('5')) ties++;
          const want = exact.toDecimalPlaces(scale, ORACLE_MODE[mode]).toFixed(scale);
          const ratio = new O(cost).div(m).toDecimalPlaces(6, O.ROUND_HALF_UP).toFixed(6);
          const spec = { ...KBBZ(rw, m), auxCoef };
          const rows = HOSPITALS.map((h) => scoreOne(policy, spec, cost, h.hospitalId));
          for (const s of rows) {
            expect(s.result.casePoints).toBe(want);
            expect(s.result.ratio).toBe(ratio);
            expect([s.result.coefficient, s.result.auxCoef, s.result.outlier, s.hasPoints, s.onceIssues]).toEqual(['1', '1', 'blankPacket', true, undefined]);
          }
          expect(rows.map((s) => ({ ...s.result, hospitalId: '' }))).toStrictEqual(rows.map(() => ({ ...rows[0]!.result, hospitalId: '' })));
        },
      ),
      { seed: 20261208, numRuns: 600 },
    );
    expect(ties).toBeGreaterThan(5);
  });
});

const PACKETS: Readonly<Record<string, PacketSpec>> = {
  P1: { code: 'P1', points: '1484.833425' },
  P2: { code: 'P2', points: '385.35787', auxCoef: '1.05' },
  CP: { code: 'CP09:SS', points: '1000', fallbackType: 'chapterPacket', averageCost: '5718.153489' },
  FL: { code: 'FLOOR', points: '500', fallbackType: 'floorPacket', averageCost: '3000' },
  KB: KBBZ('1485.354916', '8493.487397'),
};

describe('every other case is unchanged: the reference scorer (25c6084)', () => {
  it('deep-equal ScoredCases unless the policy is blankPacket and the packet is the blank packet (fixed seed, 300 runs)', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('blankPacket' as const, 'reportOnly' as const, 'fixedPoints' as const, 'paidAtCost' as const),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.record({ dx: fc.constantFrom('P1', 'P2', 'CP', 'FL', 'KB', 'NONE'), h: fc.constantFrom('H1', 'H2', 'H3', 'H9'), cost: fc.integer({ min: 0, max: 5_000_000 }).map((n) => dp(n, 2)) }), { minLength: 1, maxLength: 30 }),
        (ungroupedPolicy, fallbackCoef, fallbackOutlier, recs) => {
          const policy = blankPolicy('0.7', { ungroupedPolicy, fallbackCoef, fallbackOutlier });
          const input = { policy, grouper: tableGrouper(PACKETS), year: 2025, hospitals: HOSPITALS };
          const now = createCaseScorer(input);
          const ref = createCaseScorerRef(input);
          recs.forEach((r, i) => {
            const record = rec({ caseId: `C${i}`, hospitalId: r.h, dx: r.dx, cost: r.cost, fund: '0', patient: '0' });
            const a = now.score(record, i + 2, undefined);
            if (ungroupedPolicy === 'blankPacket' && r.dx === 'KB' && r.h !== 'H9') {
              expect(a.result.outlier).toBe('blankPacket');
              return;
            }
            compared++;
            expect(a).toStrictEqual(ref.score(record, i + 2, undefined));
          });
        },
      ),
      { seed: 1208, numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(1500);
  });
});
