/**
 * `settleRegionYear` through the promise-free `acceptedNow` / `rejectedNow` of the run state against the frozen loop
 * of a242c96 (`tests/run/reference/settleRegionYearH4.ts`: `await state.accepted(…)` / `await state.rejected(…)` per
 * row, same real scorer and state): on random records (accepted, rejected, with warnings, file issues), policies,
 * groupings and special cases, with sinks that return nothing, promises, throw or reject, and records given as an
 * array or as an async generator, the run, the case rows, the issues, the progress calls and when each sink promise
 * resolved are the same events in the same order (one JSON text). The records' generators are those of
 * `tests/run/runLoopEquivalence.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Issue } from '../../src/core/issue.js';
import type { Points, Ratio, Yuan } from '../../src/decimal/brands.js';
import type { CorePacket } from '../../src/catalog/types.js';
import type { GroupResult, GroupTrace } from '../../src/grouping/types.js';
import type { ResolvedPolicy } from '../../src/policy/schema.js';
import type { DischargeRecord } from '../../src/records/types.js';
import type { CaseGrouper } from '../../src/run/caseScorer.js';
import { settleRegionYear } from '../../src/run/settleRegionYear.js';
import type { CaseResult, HospitalInfo, RecordItem } from '../../src/run/types.js';
import { settleRegionYearH4 } from './reference/settleRegionYearH4.js';
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
const recordArb = fc.record({
  id: fc.integer({ min: 0, max: 9 }),
  flagged: fc.boolean(),
  hospital: fc.constantFrom('H1', 'H2', 'H3', 'H4', 'H5', 'H9'),
  dx: fc.constantFrom(...DXS),
  pool: fc.constantFrom('employee' as const, 'resident' as const),
  cost: moneyArb,
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

describe('settleRegionYear (acceptedNow / rejectedNow) = the frozen loop of a242c96', () => {
  it('same run, case rows, issues, progress and promise resolutions in the same order (fixed seed, 300 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        policyArb,
        packetsArb,
        fc.array(fc.tuple(recordArb, fc.constantFrom(false, false, false, false, true), fc.constantFrom(false, false, false, true)), { minLength: 0, maxLength: 40 }),
        fc.boolean(),
        fc.constantFrom('sync' as const, 'async' as const, 'throw' as const, 'reject' as const, 'issueReject' as const),
        fc.boolean(),
        async (policy, packets, rows, allocate, sinkMode, generator) => {
          const p = allocate ? ({ ...policy, settlement: { ...policy.settlement, residualAllocation: 'largestRemainder' } } as ResolvedPolicy) : policy;
          const records: RecordItem[] = rows.map(([r, rejected], i) =>
            rejected
              ? {
                  ok: false,
                  line: i + 2,
                  issues: [
                    { severity: 'error', code: 'record.test', message: `bad row ${i}` },
                    ...(r.id % 3 === 0 ? [] : [{ severity: 'warning' as const, code: 'record.test2', message: `w ${i}`, ...(r.id % 2 === 0 ? { line: 1000 + i } : {}) }]),
                    ...(r.id % 3 === 2 ? [{ severity: 'error' as const, code: 'record.test3', message: `e ${i}` }] : []),
                  ],
                }
              : { ok: true, line: i + 2, record: toRecord(r), ...(r.warned ? { warnings: [{ severity: 'warning' as const, code: 'record.test_warning', message: `w${i}` }] } : {}) },
          );
          records.unshift({ ok: 'fileIssues', issues: [{ severity: 'warning', code: 'header.test', message: 'h' }] });
          if (records.length > 3) records.splice(3, 0, { ok: 'fileIssues', issues: [{ severity: 'warning', code: 'header.test2', message: 'h2' }] });
          const specialCases = rows.flatMap(([r, , approved], i) => (approved ? [{ caseId: `K${r.id}${r.flagged ? '!' : ''}`, reviewPeriod: '2025-06', ...(i % 2 === 0 ? { hospitalId: r.hospital } : {}), ...(i % 3 === 0 ? { approvedPoints: '100.5' } : { approvedAmount: '1000.00' }) }] : []));
          const runOf = async (settle: typeof settleRegionYear): Promise<string> => {
            const log: unknown[] = [];
            let cases = 0;
            let issues = 0;
            const later = (what: string): Promise<void> =>
              Promise.resolve()
                .then(() => undefined)
                .then(() => undefined)
                .then(() => void log.push(['resolved', what]));
            const onCase = (c: CaseResult): void | Promise<void> => {
              log.push(['case', c]);
              cases++;
              if (sinkMode === 'sync') return;
              if (sinkMode === 'throw' && cases === 3) throw new Error(`sink failed at line ${c.line}`);
              if (sinkMode === 'reject' && cases === 3) return Promise.reject(new Error(`sink rejected at line ${c.line}`));
              return cases % 3 === 0 ? later(`case ${c.line}`) : undefined;
            };
            const onIssue = (i: Issue): void | Promise<void> => {
              log.push(['issue', i]);
              issues++;
              if (sinkMode === 'issueReject' && issues === 4) return Promise.reject(new Error(`issue sink rejected at ${i.code}`));
              return sinkMode !== 'sync' && issues % 2 === 0 ? later(`issue ${i.code}`) : undefined;
            };
            async function* gen(): AsyncGenerator<RecordItem> {
              for (const x of records) {
                log.push(['yield', x.ok === 'fileIssues' ? 'file' : x.line]);
                yield x;
              }
            }
            const input = { records: generator ? gen() : records, policy: p, grouper: tableGrouper(packets), year: 2025, hospitals: HOSPITALS, ...(specialCases.length > 0 ? { specialCases } : {}) };
            try {
              log.push(['run', await settle(input, { onCase, onIssue, onProgress: (n) => void log.push(['progress', n]), progressEvery: 4 })]);
            } catch (e) {
              log.push(['error', (e as Error).message]);
            }
            return JSON.stringify(log);
          };
          expect(await runOf(settleRegionYear)).toBe(await runOf(settleRegionYearH4));
        },
      ),
      { seed: 4404, numRuns: 300 },
    );
  }, 120_000);

  it('a literal year: two pools, a rejected row and a sink promise (same run as the frozen loop)', async () => {
    const policy = makePolicy({ coefficients: { byLevel: { 三级: '1.00', 二级: '0.85' } }, pointValue: { pools: { employee: { dipFund: '900000.00', budgetPointValue: '5.718153' }, resident: { dipFund: '400000.00', budgetPointValue: '6.1' } } } });
    const grouper = tableGrouper(new Map([['P1', { rw: '1484.833425', kind: 'core', isPrimaryCare: false, auxCoef: '1', kindText: 'core' }]]));
    const rec = (id: number, pool: 'employee' | 'resident', dx: string): RecordItem => ({ ok: true, line: id + 1, record: toRecord({ id, flagged: false, hospital: 'H1', dx: dx as never, pool, cost: '13500.00', fund: '9000.00', patient: '4500.00', other: undefined, discharge: '2025-03-01', settlement: undefined, warned: false }) });
    const records: RecordItem[] = [rec(1, 'employee', 'P1'), { ok: false, line: 3, issues: [{ severity: 'error', code: 'record.bad', message: 'bad' }] }, rec(3, 'resident', 'P1'), rec(4, 'resident', 'NONE')];
    const rowsNew: CaseResult[] = [];
    const rowsOld: CaseResult[] = [];
    const a = await settleRegionYear({ records, policy, grouper, year: 2025, hospitals: HOSPITALS }, { onCase: (c) => (rowsNew.push(c), Promise.resolve()) });
    const b = await settleRegionYearH4({ records, policy, grouper, year: 2025, hospitals: HOSPITALS }, { onCase: (c) => void rowsOld.push(c) });
    expect(a).toStrictEqual(b);
    expect(rowsNew).toStrictEqual(rowsOld);
    expect(rowsNew.map((c) => [c.line, c.pool, c.status])).toEqual([[2, 'employee', 'grouped'], [4, 'resident', 'grouped'], [5, 'resident', 'ungrouped']]);
    expect(a.summary.counts).toMatchObject({ read: 4, accepted: 3, rejected: 1, settled: 3, grouped: 2, ungrouped: 1 });
  });
});
