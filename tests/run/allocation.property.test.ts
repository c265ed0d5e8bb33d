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
});
