import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec } from '../../src/decimal/index.js';
import { accumulatorFromJSON, accumulatorToJSON, addCase, createSettlementAccumulator, mergeAccumulators, toAccumulatedCase } from '../../src/settlement/index.js';
import type { AccumulatedCase, SettlementAccumulator } from '../../src/settlement/index.js';

const money = fc.bigInt({ min: 0n, max: 10n ** 9n }).map((c) => dec(c.toString()).div(100));
const caseArb: fc.Arbitrary<AccumulatedCase> = fc.record({
  hospitalId: fc.constantFrom('H1', 'H2', 'H3'),
  pool: fc.constantFrom('employee' as const, 'resident' as const),
  month: fc.constantFrom('2025-01', '2025-02', '2025-03'),
  points: fc.bigInt({ min: 0n, max: 10n ** 9n }).map((p) => dec(p.toString()).div(10_000)),
  cost: money,
  booked: money,
  patientPaid: money,
  outlierClass: fc.constantFrom('normal', 'low', 'high', 'extreme'),
});

function fold(cases: readonly AccumulatedCase[]): SettlementAccumulator {
  const acc = createSettlementAccumulator();
  for (const c of cases) addCase(acc, c);
  return acc;
}

describe('settlement accumulators', () => {
  it('sums a hospital, its months, its classes and its pool', () => {
    const acc = fold([
      { hospitalId: 'H1', pool: 'employee', month: '2025-03', points: dec('1350'), cost: dec('13500'), booked: dec('9450'), patientPaid: dec('4050'), outlierClass: 'normal' },
      { hospitalId: 'H1', pool: 'employee', month: '2025-04', points: dec('500'), cost: dec('5000'), booked: dec('3500'), patientPaid: dec('1500'), outlierClass: 'low' },
    ]);
    const h = acc.hospitals['employee|H1'];
    expect([h?.count, h?.points.toFixed(), h?.booked.toFixed(), h?.byClass]).toEqual([2, '1850', '12950', { normal: 1, low: 1 }]);
    expect(h?.months['2025-04']?.patientPaid.toFixed()).toBe('1500');
    expect(acc.pools.employee?.cost.toFixed()).toBe('18500');
  });

  test.prop([fc.array(caseArb, { maxLength: 60 }), fc.array(fc.nat({ max: 59 }), { maxLength: 5 })], { seed: 1123, numRuns: 150 })(
    'merging shards (in any grouping) equals one pass',
    (cases, cuts) => {
      const points = [...new Set(cuts.map((c) => Math.min(c, cases.length)))].sort((a, b) => a - b);
      const shards: AccumulatedCase[][] = [];
      let start = 0;
      for (const p of [...points, cases.length]) {
        shards.push(cases.slice(start, p));
        start = p;
      }
      const parts = shards.map(fold);
      const leftFold = parts.reduce((a, b) => mergeAccumulators(a, b), createSettlementAccumulator());
      const rightFold = parts.reduceRight((a, b) => mergeAccumulators(b, a), createSettlementAccumulator());
      const one = accumulatorToJSON(fold(cases));
      expect(accumulatorToJSON(leftFold)).toEqual(one);
      expect(accumulatorToJSON(rightFold)).toEqual(one);
      expect(accumulatorToJSON(parts.reverse().reduce((a, b) => mergeAccumulators(a, b), createSettlementAccumulator()))).toEqual(one);
      // Shards shipped as JSON (worker messages) merge to the same result.
      const shipped = parts.map((x) => accumulatorFromJSON(JSON.parse(JSON.stringify(accumulatorToJSON(x)))));
      expect(accumulatorToJSON(shipped.reduce((a, b) => mergeAccumulators(a, b), createSettlementAccumulator()))).toEqual(one);
    },
  );

  it('merge does not mutate its inputs', () => {
    const a = fold([{ hospitalId: 'H1', pool: 'employee', month: '2025-01', points: dec('1'), cost: dec('1'), booked: dec('1'), patientPaid: dec('0'), outlierClass: 'normal' }]);
    const before = JSON.stringify(accumulatorToJSON(a));
    mergeAccumulators(a, a);
    expect(JSON.stringify(accumulatorToJSON(a))).toBe(before);
  });
});

describe('toAccumulatedCase', () => {
  it('pool, settlement month, booked components', () => {
    const base = { hospitalId: 'H1', insuranceType: 'resident' as const, dischargeDate: '2025-03-31', totalCost: '13500.00', fundPaid: '9450.00', patientPaid: '3550.00', otherPaid: '500.00' };
    const c = toAccumulatedCase({ ...base, settlementDate: '2025-04-02' } as never, dec('1350'), 'normal', ['fund_paid', 'other_paid']);
    expect([c.pool, c.month, c.booked.toFixed(2), c.cost.toFixed(2), c.patientPaid.toFixed(2)]).toEqual(['resident', '2025-04', '9950.00', '13500.00', '3550.00']);
    expect(toAccumulatedCase(base as never, dec('1'), 'low', ['fund_paid']).month).toBe('2025-03');
  });
});
