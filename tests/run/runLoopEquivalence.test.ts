/**
 * The per-case speed-ups of the run loop (issue 6) against the frozen reference copies in `tests/run/reference/`
 * (`src/run/caseScorer.ts` and `runState.ts` at 25c6084): on random records, policies, hospital tables and groupings,
 *
 * - `createCaseScorer().score` gives a ScoredCase deep-equal to the reference's — same keys in the same order, same
 *   texts, same NaN units — whether one scorer (with its context / coefficient / month caches) scores the whole
 *   sequence or a fresh scorer scores each case;
 * - `createRunState` fed the same ScoredCases gives the same run, case rows and issues, in the same order (JSON text),
 *   through `accepted` / `rejected` and through the promise-free `acceptedNow` / `rejectedNow` (a promise only when a
 *   sink returned one: none at all with synchronous sinks);
 * - `KeyCounts` (the per-case counters of the state) gives the record `inc(record, key)` gives, keys such as
 *   `__proto__`, `toString` or `1` included (through the run: byKind / byOutlier / ungroupedByReason).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Issue } from '../../src/core/issue.js';
import type { Points, Ratio, Yuan } from '../../src/decimal/brands.js';
import type { CorePacket } from '../../src/catalog/types.js';
import type { GroupResult, GroupTrace } from '../../src/grouping/types.js';
import type { ResolvedPolicy } from '../../src/policy/schema.js';
import type { DischargeRecord } from '../../src/records/types.js';
import { createCaseScorer } from '../../src/run/caseScorer.js';
import type { CaseGrouper, ScoredCase } from '../../src/run/caseScorer.js';
import { createRunState } from '../../src/run/runState.js';
import type { CaseResult, HospitalInfo, RecordItem } from '../../src/run/types.js';
import { createCaseScorer as createCaseScorerV0 } from './reference/caseScorerV0.js';
import { createRunState as createRunStateV0 } from './reference/runStateV0.js';
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

/** JSON text (key order included) and the NaN-ness of the units, which JSON prints as null. */
const fingerprint = (s: ScoredCase): string => `${JSON.stringify(s)}|${[s.pointsUnits, s.costUnits, s.bookedUnits, s.patientPaidUnits].map(String).join()}`;

describe('createCaseScorer = the reference scorer (25c6084)', () => {
  it('deep-equal ScoredCases, one caching scorer and a fresh scorer per case (fixed seed, 400 runs)', () => {
    fc.assert(
      fc.property(policyArb, packetsArb, fc.array(recordArb, { minLength: 1, maxLength: 40 }), (policy, packets, recs) => {
        const input = { policy, grouper: tableGrouper(packets), year: 2025, hospitals: HOSPITALS };
        const ref = createCaseScorerV0(input);
        const cached = createCaseScorer(input);
        recs.forEach((r, i) => {
          const rec = toRecord(r);
          const warnings: Issue[] | undefined = r.warned ? [{ severity: 'warning', code: 'record.test_warning', message: `w${i}` }] : undefined;
          const a = ref.score(rec, i + 2, warnings);
          const b = cached.score(rec, i + 2, warnings);
          expect(b).toStrictEqual(a);
          expect(fingerprint(b)).toBe(fingerprint(a));
          // a fresh scorer against a fresh reference: the reference's coefficient issue names the packet of the
          // hospital's first case (resolved once per hospital), so the caching and the fresh scorers differ there
          const c = createCaseScorer(input).score(rec, i + 2, warnings);
          const d = createCaseScorerV0(input).score(rec, i + 2, warnings);
          expect(fingerprint(c)).toBe(fingerprint(d));
          expect(Object.keys(b.result)).toEqual(Object.keys(a.result));
        });
      }),
      { seed: 20261123, numRuns: 400 },
    );
  });
});

describe('createRunState = the reference run state (25c6084)', () => {
  it('same run, case rows, issues and order of events, sinks sync, async or throwing, async and Now API (fixed seed, 250 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        policyArb,
        packetsArb,
        fc.array(fc.tuple(recordArb, fc.constantFrom(false, false, false, false, true), fc.constantFrom(false, false, false, true)), { minLength: 0, maxLength: 40 }),
        fc.boolean(),
        fc.constantFrom('sync' as const, 'async' as const, 'throw' as const, 'reject' as const),
        async (policy, packets, rows, allocate, sinkMode) => {
          const p = allocate ? ({ ...policy, settlement: { ...policy.settlement, residualAllocation: 'largestRemainder' } } as ResolvedPolicy) : policy;
          const records: RecordItem[] = rows.map(([r, rejected], i) =>
            rejected
              ? {
                  ok: false,
                  line: i + 2,
                  // one to three issues, the later ones with or without a line of their own
                  issues: [
                    { severity: 'error', code: 'record.test', message: `bad row ${i}` },
                    ...(r.id % 3 === 0 ? [] : [{ severity: 'warning' as const, code: 'record.test2', message: `w ${i}`, ...(r.id % 2 === 0 ? { line: 1000 + i } : {}) }]),
                    ...(r.id % 3 === 2 ? [{ severity: 'error' as const, code: 'record.test3', message: `e ${i}` }] : []),
                  ],
                }
              : { ok: true, line: i + 2, record: toRecord(r) },
          );
          records.unshift({ ok: 'fileIssues', issues: [{ severity: 'warning', code: 'header.test', message: 'h' }] });
          const specialCases = rows.flatMap(([r, , approved], i) => (approved ? [{ caseId: `K${r.id}${r.flagged ? '!' : ''}`, reviewPeriod: '2025-06', ...(i % 2 === 0 ? { hospitalId: r.hospital } : {}), ...(i % 3 === 0 ? { approvedPoints: '100.5' } : { approvedAmount: '1000.00' }) }] : []));
          const input = { policy: p, grouper: tableGrouper(packets), year: 2025, hospitals: HOSPITALS, ...(specialCases.length > 0 ? { specialCases } : {}) };
          /**
           * The run of a scorer and a state as one JSON text: the run, and a log of events — case rows, issues,
           * progress, each call's start and end, and when each promise a sink returned resolved (three microtask turns
           * after the sink call, so that a state that goes on before the sink's promise resolved shows) — with sinks
           * that return nothing, promises, throw, or reject. `api` 'now' feeds the rows through `acceptedNow` /
           * `rejectedNow`, awaiting only a returned promise, and counts the promises returned (`promises`).
           * (The number of microtask turns a call takes is not compared: `accepted` now wraps `acceptedNow` and takes
           * fewer; the reference's `for … await emit(…)` took one or more per issue.)
           */
          const runOf = async (makeScorer: typeof createCaseScorer, make: typeof createRunState, clone: boolean, api: 'async' | 'now' = 'async'): Promise<{ log: string; promises: number }> => {
            const scorer = makeScorer(input);
            const log: unknown[] = [];
            let cases = 0;
            let issues = 0;
            let promises = 0;
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
              return sinkMode !== 'sync' && issues % 2 === 0 ? later(`issue ${i.code}`) : undefined;
            };
            const state = make(input, { onCase, onIssue, onProgress: (n) => void log.push(['progress', n]), progressEvery: 4 });
            const now = async (p: Promise<void> | undefined): Promise<void> => {
              if (p === undefined) return;
              promises++;
              await p;
            };
            try {
              await state.start();
              for (const x of records) {
                if (x.ok === 'fileIssues') await state.fileIssues(x.issues);
                else if (x.ok === false) {
                  if (api === 'now') await now(state.rejectedNow(x.line, x.issues));
                  else await state.rejected(x.line, x.issues);
                } else {
                  const sc = scorer.score(x.record, x.line, x.warnings);
                  log.push(['accepted', x.line]);
                  const c = clone ? structuredClone(sc) : sc;
                  if (api === 'now') await now(state.acceptedNow(c));
                  else await state.accepted(c);
                  log.push(['accepted done', x.line]);
                }
              }
              log.push(['run', await state.finish()]);
            } catch (e) {
              log.push(['error', (e as Error).message]);
            }
            return { log: JSON.stringify(log), promises };
          };
          const reference = (await runOf(createCaseScorerV0, createRunStateV0 as unknown as typeof createRunState, false)).log;
          // the new state on cloned cases (a worker's), and the new scorer + state in one thread
          expect((await runOf(createCaseScorerV0, createRunState, true)).log).toBe(reference);
          expect((await runOf(createCaseScorer, createRunState, false)).log).toBe(reference);
          // the promise-free entry points: the same events; no promise at all when every sink is synchronous
          const now = await runOf(createCaseScorer, createRunState, false, 'now');
          expect(now.log).toBe(reference);
          if (sinkMode === 'sync') expect(now.promises).toBe(0);
          expect((await runOf(createCaseScorerV0, createRunState, true, 'now')).log).toBe(reference);
        },
      ),
      { seed: 1123, numRuns: 250 },
    );
  }, 120_000);
});
