/**
 * Property (fixed seed): with `residualAllocation = 'largestRemainder'`, Σ hospital clearing amounts before
 * assessment weighting equals the DIP fund of each pool to the cent, whatever the cases; without it the stated
 * residual is exactly F − Σ (DIP-RULES.md §7.2: the identity is approximate, the engine reports the residual).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dec } from '../../src/decimal/index.js';
import { settleRegionYear } from '../../src/run/settleRegionYear.js';
import { fakeGrouper, items, makePolicy, rec } from './helpers.js';

const PACKETS = { P1: '1484.833425', P2: '385.35787', P3: '3318.582758', P4: '0.5' };
const HOSPITALS = [
  { hospitalId: 'H1', name: 'A', level: '三级' },
  { hospitalId: 'H2', name: 'B', level: '二级' },
  { hospitalId: 'H3', name: 'C', level: '一级' },
];

const caseArb = fc.record({
  hospital: fc.constantFrom('H1', 'H2', 'H3'),
  dx: fc.constantFrom('P1', 'P2', 'P3', 'P4', 'NONE'),
  pool: fc.constantFrom('employee' as const, 'resident' as const),
  costFen: fc.integer({ min: 1, max: 10_000_000 }),
  fundPermille: fc.integer({ min: 0, max: 1000 }),
  month: fc.integer({ min: 1, max: 12 }),
});

const fenStr = (fen: number): string => dec(fen).div(100).toFixed(2);

describe('largest-remainder allocation of the DIP fund', () => {
  it('Σ clearing before assessment = F per pool, to the cent; residual = F − Σ without allocation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseArb, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 100, max: 5_000_000_000 }),
        fc.integer({ min: 100, max: 5_000_000_000 }),
        async (cases, fundE, fundR) => {
          const records = items(
            cases.map((c, i) => {
              const fund = Math.floor((c.costFen * c.fundPermille) / 1000);
              return rec({ caseId: `K${i}`, hospitalId: c.hospital, dx: c.dx, pool: c.pool, cost: fenStr(c.costFen), fund: fenStr(fund), patient: fenStr(c.costFen - fund), discharge: `2025-${String(c.month).padStart(2, '0')}-15` });
            }),
          );
          const pools = { employee: { dipFund: fenStr(fundE), budgetPointValue: '5.718153' }, resident: { dipFund: fenStr(fundR), budgetPointValue: '5.718153' } };
          const common = { grouper: fakeGrouper(PACKETS), year: 2025, hospitals: HOSPITALS };
          const coefficients = { byLevel: { 三级: '1.00', 二级: '0.85', 一级: '0.70' } };
          const on = await settleRegionYear({ ...common, records, policy: makePolicy({ coefficients, pointValue: { pools }, settlement: { residualAllocation: 'largestRemainder' } }) });
          const off = await settleRegionYear({ ...common, records, policy: makePolicy({ coefficients, pointValue: { pools } }) });
          for (const pool of ['employee', 'resident'] as const) {
            const fund = dec(pools[pool].dipFund);
            const pOn = on.summary.pools.find((p) => p.pool === pool)!;
            const pOff = off.summary.pools.find((p) => p.pool === pool)!;
            const sumOn = on.hospitals.reduce((s, h) => s.plus(dec(h.pools.find((l) => l.pool === pool)?.clearingBeforeAssessment ?? '0')), dec(0));
            const sumOff = off.hospitals.reduce((s, h) => s.plus(dec(h.pools.find((l) => l.pool === pool)?.clearingBeforeAssessment ?? '0')), dec(0));
            // A pool where nothing was booked has r = 0: no PV and no weights to split F by (reported as errors).
            const allocatable = dec(pOn.points).gt(0) && dec(pOn.booked).gt(0);
            if (allocatable) {
              if (!sumOn.eq(fund) || pOn.residual !== '0.00') return false;
              if (!fund.minus(sumOff).eq(dec(pOff.residual!))) return false;
            }
          }
          // Σ statements = region totals
          const sumAll = on.hospitals.reduce((s, h) => s.plus(dec(h.clearingBeforeAssessment)), dec(0));
          return sumAll.eq(dec(on.summary.totals.clearingBeforeAssessment));
        },
      ),
      { seed: 424242, numRuns: 60 },
    );
  });

  it('a one-cent fund over two equal weights: the tie goes to the first hospital, no cent is lost', async () => {
    const records = items([rec({ hospitalId: 'H1', dx: 'P2', cost: '100.00', fund: '0.00', patient: '100.00' }), rec({ hospitalId: 'H2', dx: 'P2', cost: '100.00', fund: '0.00', patient: '100.00' })]);
    const run = await settleRegionYear({
      records,
      grouper: fakeGrouper(PACKETS),
      year: 2025,
      hospitals: HOSPITALS,
      policy: makePolicy({ coefficients: { byLevel: { 三级: '1', 二级: '1' } }, pointValue: { fundPayRatio: '0.5', pools: { employee: { dipFund: '0.01', budgetPointValue: '5' } } }, settlement: { residualAllocation: 'largestRemainder' } }),
    });
    expect(run.hospitals.map((h) => h.clearingBeforeAssessment)).toEqual(['0.01', '0.00', '0.00']);
  });

  it('counts reconcile on random batches with rejected rows, unknown hospitals and other years', async () => {
    const itemArb = fc.oneof(
      { weight: 6, arbitrary: caseArb.map((c) => ({ kind: 'case' as const, c })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'rejected' as const }) },
      { weight: 1, arbitrary: fc.constantFrom('H8', 'H9').map((id) => ({ kind: 'unknown' as const, id })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'otherYear' as const }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(itemArb, { maxLength: 30 }), async (batch) => {
        const records = items(
          batch.map((b, i) => {
            if (b.kind === 'rejected') return { rejected: 'bad' };
            if (b.kind === 'unknown') return rec({ caseId: `U${i}`, hospitalId: b.id, dx: 'P1', cost: '100.00', fund: '70.00', patient: '30.00' });
            if (b.kind === 'otherYear') return rec({ caseId: `Y${i}`, hospitalId: 'H1', dx: 'P1', cost: '100.00', fund: '70.00', patient: '30.00', discharge: '2024-12-31' });
            const fund = Math.floor((b.c.costFen * b.c.fundPermille) / 1000);
            return rec({ caseId: `K${i}`, hospitalId: b.c.hospital, dx: b.c.dx, pool: b.c.pool, cost: fenStr(b.c.costFen), fund: fenStr(fund), patient: fenStr(b.c.costFen - fund) });
          }),
        );
        const cases: string[] = [];
        const run = await settleRegionYear(
          { records, grouper: fakeGrouper(PACKETS), year: 2025, hospitals: HOSPITALS, policy: makePolicy({ coefficients: { byLevel: { 三级: '1', 二级: '0.85', 一级: '0.7' } }, pointValue: { pools: { employee: { dipFund: '1000.00', budgetPointValue: '5' }, resident: { dipFund: '1000.00', budgetPointValue: '5' } } } }) },
          { onCase: (c) => void cases.push(c.casePoints) },
        );
        const c = run.summary.counts;
        const unknownIds = new Set(batch.filter((b) => b.kind === 'unknown').map((b) => (b as { id: string }).id));
        return (
          c.read === batch.length &&
          c.read === c.accepted + c.rejected &&
          c.rejected === batch.filter((b) => b.kind === 'rejected').length &&
          c.accepted === c.settled + c.unknownHospital + c.outOfYear &&
          c.settled === c.grouped + c.ungrouped &&
          cases.length === c.accepted &&
          run.hospitals.reduce((n, h) => n + h.counts.cases, 0) === c.settled &&
          run.issues.filter((i) => i.code === 'run.unknown_hospital').length === unknownIds.size &&
          cases.reduce((a, p) => a.plus(dec(p)), dec(0)).eq(dec(run.summary.totals.points))
        );
      }),
      { seed: 7, numRuns: 80 },
    );
  });
});
