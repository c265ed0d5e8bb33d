/**
 * The run split in a pure per-case scorer and a stateful run state (src/run/caseScorer.ts, runState.ts): scoring
 * the cases elsewhere and passing the results through `structuredClone` (as a worker's `postMessage` does) gives the
 * same run, case rows and issues, in the same order, as `settleRegionYear`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Issue } from '../../src/core/issue.js';
import { createCaseScorer } from '../../src/run/caseScorer.js';
import { createRunState } from '../../src/run/runState.js';
import { settleRegionYear } from '../../src/run/settleRegionYear.js';
import type { CaseResult, RecordItem } from '../../src/run/types.js';
import { fakeGrouper, items, makePolicy, rec } from './helpers.js';

const PACKETS = { P1: '1484.833425', P2: '385.35787', P3: '3318.582758' };
const HOSPITALS = [
  { hospitalId: 'H1', name: 'A', level: '三级' },
  { hospitalId: 'H2', name: 'B', level: '二级' },
  { hospitalId: 'H3', name: 'C', level: '未知级' },
];
const coefficients = { byLevel: { 三级: '1.00', 二级: '0.85' } };
const pools = { employee: { dipFund: '900000.00', budgetPointValue: '5.718153' }, resident: { dipFund: '400000.00', budgetPointValue: '5.718153' } };

describe('createCaseScorer', () => {
  it('scores a grouped case into plain data that survives structuredClone', () => {
    const scorer = createCaseScorer({ policy: makePolicy({ coefficients, pointValue: { pools } }), grouper: fakeGrouper(PACKETS), year: 2025, hospitals: HOSPITALS });
    const s = scorer.score(rec({ caseId: 'K1', hospitalId: 'H2', dx: 'P1', cost: '10000.00', fund: '7000.00', patient: '3000.00', discharge: '2025-03-05' }), 7, undefined);
    expect(s.result).toEqual({ line: 7, caseId: 'K1', hospitalId: 'H2', pool: 'employee', month: '2025-03', status: 'grouped', casePoints: '1262.1084', totalCost: '10000.00', packetCode: 'P1', packetKind: 'core', outlier: 'normal', coefficient: '0.85', auxCoef: '1', ratio: '1.385631' });
    expect(s.issues).toBeUndefined();
    expect(s.onceIssues).toBeUndefined();
    expect(s.hasPoints).toBe(true);
    expect(s.pointsExact).toBeUndefined();
    expect(s.booked).toBe('7000.00');
    expect(s.patientPaid).toBe('3000.00');
    expect(structuredClone(s)).toEqual(s);
  });

  it('returns the reader warnings with the line, then run.out_of_year, for a case of another year', () => {
    const scorer = createCaseScorer({ policy: makePolicy({ coefficients, pointValue: { pools } }), grouper: fakeGrouper(PACKETS), year: 2025, hospitals: HOSPITALS });
    const w: Issue = { severity: 'warning', code: 'record.test_warning', message: 'w' };
    const s = scorer.score(rec({ caseId: 'K2', hospitalId: 'H1', dx: 'P1', cost: '100.00', fund: '70.00', patient: '30.00', discharge: '2024-12-31' }), 9, [w]);
    expect(s.result.status).toBe('outOfYear');
    expect(s.result.reason).toBe('outOfYear');
    expect(s.issues?.map((i) => [i.code, i.line])).toEqual([
      ['record.test_warning', 9],
      ['run.out_of_year', 9],
    ]);
    expect(s.hasPoints).toBe(false);
    expect(s.booked).toBe('');
  });

  it('returns the level coefficient issue as a once-issue for a hospital of an unknown level', () => {
    const scorer = createCaseScorer({ policy: makePolicy({ coefficients, pointValue: { pools } }), grouper: fakeGrouper(PACKETS), year: 2025, hospitals: HOSPITALS });
    const s = scorer.score(rec({ caseId: 'K3', hospitalId: 'H3', dx: 'P2', cost: '100.00', fund: '70.00', patient: '30.00' }), 4, []);
    expect(s.issues).toBeUndefined();
    expect(s.onceIssues?.length).toBe(1);
    expect(s.onceIssues?.[0]?.line).toBe(4);
    expect(s.onceIssues?.[0]?.message.endsWith('(coefficient 1 used)')).toBe(true);
  });
});

const caseArb = fc.record({
  hospital: fc.constantFrom('H1', 'H2', 'H3', 'H9'),
  dx: fc.constantFrom('P1', 'P2', 'P3', 'NONE'),
  pool: fc.constantFrom('employee' as const, 'resident' as const),
  costFen: fc.integer({ min: 1, max: 100_000_000 }),
  fundPermille: fc.integer({ min: 0, max: 1000 }),
  month: fc.integer({ min: 1, max: 12 }),
  year: fc.constantFrom(2025, 2025, 2025, 2024),
  rejected: fc.boolean(),
  warned: fc.boolean(),
  approved: fc.constantFrom(false, false, false, true),
});

const fenStr = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

describe('scorer + state = settleRegionYear', () => {
  it('same run, case rows and issues when the scored cases go through structuredClone (fixed seed, 300 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 0, maxLength: 30 }), fc.boolean(), fc.boolean(), async (cases, perPool, allocate) => {
        const recs = cases.map((c, i) => {
          if (c.rejected && c.costFen % 5 === 0) return { rejected: `bad row ${i}` };
          const fund = Math.floor((c.costFen * c.fundPermille) / 1000);
          return rec({ caseId: `K${i % 7}`, hospitalId: c.hospital, dx: c.dx, pool: c.pool, cost: fenStr(c.costFen), fund: fenStr(fund), patient: fenStr(c.costFen - fund), discharge: `${c.year}-${String(c.month).padStart(2, '0')}-15` });
        });
        const records: RecordItem[] = items(recs).map((it, i) => (it.ok === true && cases[i]!.warned ? { ...it, warnings: [{ severity: 'warning', code: 'record.test_warning', message: `w${i}` }] } : it));
        records.unshift({ ok: 'fileIssues', issues: [{ severity: 'warning', code: 'header.test', message: 'h' }] });
        const specialCases = cases.flatMap((c, i) => (c.approved ? [{ caseId: `K${i % 7}`, reviewPeriod: `2025-${String(c.month).padStart(2, '0')}`, ...(i % 2 === 0 ? { hospitalId: c.hospital } : {}), approvedAmount: '1000.00' }] : []));
        const policy = makePolicy({ coefficients, pointValue: { pools, perPool }, ...(allocate ? { settlement: { residualAllocation: 'largestRemainder' as const } } : {}) });
        const input = { policy, grouper: fakeGrouper(PACKETS), year: 2025, hospitals: HOSPITALS, inputIssues: [{ severity: 'warning' as const, code: 'input.test', message: 'i' }], ...(specialCases.length > 0 ? { specialCases } : {}) };

        const casesA: CaseResult[] = [];
        const issuesA: Issue[] = [];
        const runA = await settleRegionYear({ ...input, records }, { onCase: (c) => void casesA.push(c), onIssue: (i) => void issuesA.push(i) });

        const casesB: CaseResult[] = [];
        const issuesB: Issue[] = [];
        const scorer = createCaseScorer(input);
        const state = createRunState(input, { onCase: (c) => void casesB.push(c), onIssue: (i) => void issuesB.push(i) });
        await state.start();
        for (const item of records) {
          if (item.ok === 'fileIssues') await state.fileIssues(item.issues);
          else if (!item.ok) await state.rejected(item.line, item.issues);
          else await state.accepted(structuredClone(scorer.score(item.record, item.line, item.warnings)));
        }
        const runB = await state.finish();
        expect(JSON.stringify(runB)).toBe(JSON.stringify(runA));
        expect(JSON.stringify(casesB)).toBe(JSON.stringify(casesA));
        expect(JSON.stringify(issuesB)).toBe(JSON.stringify(issuesA));
      }),
      { seed: 20251123, numRuns: 300 },
    );
  }, 120_000);
});
