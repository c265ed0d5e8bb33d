/**
 * Order independence and shard merging (DIP-RULES.md §8.3 sums; the engine's mergeable accumulators), fixed seeds.
 * Extends tests/settlement/accumulators.test.ts (contiguous shards, merged in order or reversed) with:
 * - shuffled cases dealt to shards at random (not contiguous), merged in a random order, some shipped as JSON =
 *   one pass over the cases in their original order;
 * - clearAnnual gives every hospital the same figures whatever the order of the hospitals (ties by id);
 * - settleRegionYear on the same records in a shuffled order gives identical statements and summary.
 *
 * Compared: every stated figure (money, points, PV, ratios, counts). Two things are deliberately not compared
 * textually, and are reported in AUDITING.md: the key order of count maps such as `byOutlier` (insertion order
 * follows the records; the values are equal), and the 40th significant digit of unrounded trace sums such as
 * `reconciliation.sumBaseUnrounded` (decimal.js precision 40: a sum of non-terminating quotients depends on the
 * order in its last digit); unrounded fields are compared at 20 decimal places.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec } from '../../src/decimal/index.js';
import { accumulatorFromJSON, accumulatorToJSON, addCase, clearAnnual, createSettlementAccumulator, mergeAccumulators } from '../../src/settlement/index.js';
import type { AccumulatedCase, ClearingHospitalInput, SettlementAccumulator } from '../../src/settlement/index.js';
import { DEFAULT_POINT_VALUE_OPTIONS, DEFAULT_ROUNDING_OPTIONS, DEFAULT_SETTLEMENT_OPTIONS } from '../../src/policy/index.js';
import { settleRegionYear } from '../../src/run/settleRegionYear.js';
import { fakeGrouper } from '../run/helpers.js';
import { EXAMPLE_BANDS, HOSPITALS, PACKETS, caseArb, decimalString, recordsOf, regionPolicy, scoresOf } from './fixtures.js';

const money = fc.integer({ min: 0, max: 10 ** 9 }).map((c) => dec(c).div(100));
const accCaseArb: fc.Arbitrary<AccumulatedCase> = fc.record({
  hospitalId: fc.constantFrom('H1', 'H2', 'H3', 'H4'),
  pool: fc.constantFrom('employee' as const, 'resident' as const),
  month: fc.constantFrom('2025-01', '2025-02', '2025-07', '2025-12'),
  points: fc.integer({ min: 0, max: 10 ** 9 }).map((p) => dec(p).div(10_000)),
  cost: money,
  booked: money,
  patientPaid: money,
  outlierClass: fc.constantFrom('normal', 'low', 'high', 'extreme', 'zeroRw'),
});

/** A JSON-like copy with unrounded trace figures cut to 20 dp (see the header); deep equality ignores key order. */
function stated(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x), (k, v: unknown) => (typeof v === 'string' && /(Unrounded|Exact)$/.test(k) && /^-?\d+(\.\d+)?$/.test(v) ? dec(v).toDecimalPlaces(20).toFixed() : v));
}

function fold(cases: readonly AccumulatedCase[]): SettlementAccumulator {
  const acc = createSettlementAccumulator();
  for (const c of cases) addCase(acc, c);
  return acc;
}

/** A permutation of `xs` from a list of random keys (stable, deterministic under the seed). */
function permute<T>(xs: readonly T[], keys: readonly number[]): T[] {
  return xs.map((x, i) => ({ x, k: keys[i % Math.max(1, keys.length)] ?? 0, i })).sort((a, b) => a.k - b.k || a.i - b.i).map((e) => e.x);
}

describe('order independence: accumulators', () => {
  test.prop([fc.array(accCaseArb, { maxLength: 80 }), fc.array(fc.nat(), { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.nat({ max: 5 }), { maxLength: 80 }), fc.array(fc.boolean(), { maxLength: 6 })], { seed: 60_221, numRuns: 150 })(
    'shuffled cases dealt to random shards, merged in any order, some shipped as JSON = one pass',
    (cases, keys, nShards, deal, ship) => {
      const one = accumulatorToJSON(fold(cases));
      const shuffled = permute(cases, keys);
      expect(accumulatorToJSON(fold(shuffled)), 'one pass over the shuffled cases').toEqual(one);
      const shards: AccumulatedCase[][] = Array.from({ length: nShards }, () => []);
      shuffled.forEach((c, i) => shards[(deal[i] ?? i) % nShards]!.push(c));
      const parts = shards.map(fold).map((p, i) => (ship[i] === true ? accumulatorFromJSON(JSON.parse(JSON.stringify(accumulatorToJSON(p)))) : p));
      const merged = permute(parts, keys).reduce((a, b) => mergeAccumulators(a, b), createSettlementAccumulator());
      expect(accumulatorToJSON(merged), 'merged shards').toEqual(one);
    },
  );
});

describe('order independence: clearing and the region-year run', () => {
  const hospitalArb = fc.record({ points: decimalString(0, 3_000_000, 4), cost: fc.integer({ min: 100, max: 10 ** 11 }), share: fc.integer({ min: 1, max: 99 }), score: fc.integer({ min: 0, max: 100 }) });
  test.prop([fc.array(hospitalArb, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 10 ** 11 }), fc.constantFrom('none' as const, 'largestRemainder' as const)], { seed: 1_729, numRuns: 100 })(
    'clearAnnual: the order of the hospitals changes no hospital figure and no reconciliation figure',
    (hs, keys, fundCents, residualAllocation) => {
      const hospitals: ClearingHospitalInput[] = hs.map((h, i) => ({
        hospitalId: `H${String(i).padStart(2, '0')}`,
        points: h.points,
        costSum: dec(h.cost).div(100),
        bookedSum: dec(h.cost).times(h.share).div(10_000).toDecimalPlaces(2),
        assessmentScore: String(h.score),
        depositWithheld: '1000.00',
        prepaymentsTotal: '0',
      }));
      const policy = { settlement: { ...DEFAULT_SETTLEMENT_OPTIONS, residualAllocation, assessmentBands: EXAMPLE_BANDS }, pointValue: DEFAULT_POINT_VALUE_OPTIONS, rounding: DEFAULT_ROUNDING_OPTIONS };
      const input = { pointValue: '9.876543', fund: dec(fundCents).div(100) };
      const byId = (r: ReturnType<typeof clearAnnual>) => stated([...r.hospitals].sort((a, b) => (a.hospitalId < b.hospitalId ? -1 : 1)));
      const a = clearAnnual({ ...input, hospitals }, policy);
      const b = clearAnnual({ ...input, hospitals: permute(hospitals, keys) }, policy);
      expect(byId(b)).toEqual(byId(a));
      expect(stated(b.reconciliation)).toEqual(stated(a.reconciliation));
    },
  );

  test.prop([fc.array(caseArb, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), { minLength: 4, maxLength: 4 })], { seed: 4_104, numRuns: 40 })(
    'settleRegionYear: shuffling the records changes no statement and no summary figure',
    async (batch, keys, scores) => {
      const run = async (b: typeof batch) => {
        const r = await settleRegionYear({ records: recordsOf(b), grouper: fakeGrouper(PACKETS), year: 2025, hospitals: HOSPITALS, scores: scoresOf(scores), policy: regionPolicy('largestRemainder') });
        return { hospitals: stated([...r.hospitals].sort((x, y) => (x.hospitalId < y.hospitalId ? -1 : 1))), summary: stated(r.summary) };
      };
      const a = await run(batch);
      const b = await run(permute(batch, keys));
      expect(b.hospitals).toEqual(a.hospitals);
      expect(b.summary).toEqual(a.summary);
    },
  );
});
