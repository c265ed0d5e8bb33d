import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dec } from '../../src/decimal/index.js';
import { yearWeightedMean } from '../../src/catalogBuild/yearWeightedMean.js';
import { quantileOfSorted, trimByQuantiles } from '../../src/catalogBuild/trimByQuantiles.js';
import { packetPoints, rawPacketPoints } from '../../src/catalogBuild/packetPoints.js';
import { coverageThreshold, isCoreCount } from '../../src/catalogBuild/coreThreshold.js';
import { relatedCostIncrease, shouldSplitRelated } from '../../src/catalogBuild/relatedSplit.js';
import { addCost, coefficientOfVariation, emptyMoments, momentsMean } from '../../src/catalogBuild/costVariation.js';
import { costToUnits, unitsToYuan } from '../../src/catalogBuild/costUnits.js';
import { levelCoefficient } from '../../src/catalogBuild/institutionCoefficients.js';
import { isPrimaryCarePacket } from '../../src/catalogBuild/primaryCare.js';
import { auxCoefficient, auxTrigger, cvDrop } from '../../src/catalogBuild/auxSubtypeTrigger.js';
import { addYear, newYearSums, yearTotalUnits } from '../../src/catalogBuild/historyAccumulator.js';

const w = (s: string | number) => dec(s);

describe('year-weighted means (DIP-RULES.md §5.2, T2)', () => {
  it('T2: 10,000 / 11,000 / 12,000 at 1:2:7 → 11,600', () => {
    const years = [
      { weight: w(1), n: 1, total: w(10000) },
      { weight: w(2), n: 1, total: w(11000) },
      { weight: w(7), n: 1, total: w(12000) },
    ];
    expect(yearWeightedMean(years)!.toFixed()).toBe('11600');
  });
  it('renormalises the weights over the years with cases: (2·11,000 + 7·12,000) / 9', () => {
    const years = [
      { weight: w(1), n: 0, total: w(0) },
      { weight: w(2), n: 2, total: w(22000) },
      { weight: w(7), n: 4, total: w(48000) },
    ];
    // 106,000 / 9 = 11,777.777…
    expect(yearWeightedMean(years)!.toFixed(6)).toBe('11777.777778');
  });
  it('caseWeighted: (1·10,000 + 2·33,000 + 7·72,000) / (1 + 6 + 42) = 580,000 / 49', () => {
    const years = [
      { weight: w(1), n: 1, total: w(10000) },
      { weight: w(2), n: 3, total: w(33000) },
      { weight: w(7), n: 6, total: w(72000) },
    ];
    expect(yearWeightedMean(years, 'caseWeighted')!.toFixed(6)).toBe('11836.734694');
    expect(yearWeightedMean(years, 'meanOfYearMeans')!.toFixed()).toBe('11600');
  });
  it('no cases → undefined', () => {
    expect(yearWeightedMean([{ weight: w(1), n: 0, total: w(0) }])).toBeUndefined();
  });
  test.prop([fc.array(fc.record({ n: fc.integer({ min: 1, max: 50 }), mean: fc.integer({ min: 1, max: 10 ** 6 }), weight: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: 4 })], { seed: 5051 })(
    'both weightings lie between the smallest and largest yearly mean',
    (ys) => {
      const years = ys.map((y) => ({ weight: w(y.weight), n: y.n, total: w(y.mean * y.n) }));
      const lo = Math.min(...ys.map((y) => y.mean));
      const hi = Math.max(...ys.map((y) => y.mean));
      for (const m of [yearWeightedMean(years)!, yearWeightedMean(years, 'caseWeighted')!]) {
        expect(m.gte(lo) && m.lte(hi)).toBe(true);
      }
    },
  );
});

describe('quantile trimming (DIP-RULES.md §5.3)', () => {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const q: [string, string] = ['0.025', '0.975'];
  it('nearest rank on 1..100: P2.5 = x(3) = 3, P97.5 = x(98) = 98 → drop 1, 2 and 99, 100', () => {
    expect(quantileOfSorted(range(100), dec('0.025')).toFixed()).toBe('3');
    expect(quantileOfSorted(range(100), dec('0.975')).toFixed()).toBe('98');
    expect(trimByQuantiles(range(100), { quantiles: q, minCases: 25 })).toEqual({ from: 2, to: 98, trimmedLow: 2, trimmedHigh: 2 });
  });
  it('1..40: P2.5 = x(⌈1⌉) = 1 (nothing below), P97.5 = x(⌈39⌉) = 39 → drop only 40', () => {
    expect(trimByQuantiles(range(40), { quantiles: q, minCases: 25 })).toEqual({ from: 0, to: 39, trimmedLow: 0, trimmedHigh: 1 });
  });
  it('fewer than trimMinCases (24 < 25) → no trimming; exactly 25 → trimming applies (here drops nothing: ⌈0.625⌉ = 1, ⌈24.375⌉ = 25)', () => {
    const list = [...range(23), 1000];
    expect(trimByQuantiles(list, { quantiles: q, minCases: 25 })).toEqual({ from: 0, to: 24, trimmedLow: 0, trimmedHigh: 0 });
    expect(trimByQuantiles(range(25), { quantiles: q, minCases: 25 })).toEqual({ from: 0, to: 25, trimmedLow: 0, trimmedHigh: 0 });
  });
  it('ties at the cut value are kept (value-based: strictly below / above)', () => {
    // 1, 1, 1, then 4..100 (n = 100): P2.5 = x(3) = 1 → nothing is below 1
    const list = [1, 1, 1, ...range(100).slice(3)];
    expect(trimByQuantiles(list, { quantiles: q, minCases: 25 }).trimmedLow).toBe(0);
  });
  it('linear (type 7) on 1..100: 3.475 and 97.525 → drop 1–3 and 98–100', () => {
    expect(quantileOfSorted(range(100), dec('0.025'), 'linear').toFixed()).toBe('3.475');
    expect(trimByQuantiles(range(100), { quantiles: q, minCases: 25, method: 'linear' })).toEqual({ from: 3, to: 97, trimmedLow: 3, trimmedHigh: 3 });
  });
  test.prop([fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 25, maxLength: 300 })], { seed: 97 })(
    'the kept slice is never empty and the kept costs lie within [P2.5, P97.5]',
    (xs) => {
      const s = Float64Array.from(xs).sort();
      const r = trimByQuantiles(s, { quantiles: q, minCases: 25 });
      expect(r.to - r.from).toBeGreaterThan(0);
      expect(dec(s[r.from]!).gte(quantileOfSorted(s, dec('0.025')))).toBe(true);
      expect(dec(s[r.to - 1]!).lte(quantileOfSorted(s, dec('0.975')))).toBe(true);
    },
  );
});

describe('packet points (DIP-RULES.md §5.4, T1, T3b)', () => {
  it('T1: 12,000 / 8,000 × 1000 = 1,500', () => {
    expect(packetPoints(w(12000), { method: 'average', regionMean: w(8000), scale: w(1000) }).toFixed()).toBe('1500');
  });
  it('T3b row-wise: 4,099 / 9,173 / 13,385 ÷ 13,385 × 1000 → 306.238326 / 685.319387 / 1000', () => {
    const how = { method: 'reference', referenceMean: w(13385), scale: w(1000) } as const;
    expect([4099, 9173, 13385].map((m) => packetPoints(w(m), how).toFixed(6))).toEqual(['306.238326', '685.319387', '1000.000000']);
    expect([4099, 9173].map((m) => packetPoints(w(m), how, { scale: 2, mode: 'halfUp' }).toFixed(2))).toEqual(['306.24', '685.32']);
  });
  it('T3b column-wise: 9,173 / 12,103 / 13,385 → 685.32 / 904.22 / 1,000', () => {
    const how = { method: 'reference', referenceMean: w(13385), scale: w(1000) } as const;
    expect([9173, 12103, 13385].map((m) => packetPoints(w(m), how, { scale: 2, mode: 'halfUp' }).toFixed(2))).toEqual(['685.32', '904.22', '1000.00']);
    expect(packetPoints(w(12103), how).toFixed(6)).toBe('904.221143');
  });
  it('fixed-amount method: RW = m / M_fixed, no scale (12,000 / 8,000 = 1.5)', () => {
    expect(packetPoints(w(12000), { method: 'fixed', fixedAmount: w(8000) }).toFixed()).toBe('1.5');
  });
  it('rounds half-up at 6 dp only at the end (Pingdingshan A03.9 → 385.35787)', () => {
    const how = { method: 'average', regionMean: w('5718.153489'), scale: w(1000) } as const;
    expect(rawPacketPoints(w('2203.535449'), how).toFixed(9)).toBe('385.357870026');
    expect(packetPoints(w('2203.535449'), how).toFixed()).toBe('385.35787');
  });
});

describe('core threshold (DIP-RULES.md §5.5, T4)', () => {
  it('T4: 14 → comprehensive, 15 → core at a city threshold; a province needs 50', () => {
    expect(isCoreCount(14, 15)).toBe(false);
    expect(isCoreCount(15, 15)).toBe(true);
    expect(isCoreCount(49, 50)).toBe(false);
  });
  it('coverage: counts 50, 30, 10, 5, 3, 2 (100 cases) at 95 % → T = 5 (covers exactly 95)', () => {
    expect(coverageThreshold([50, 30, 10, 5, 3, 2], '0.95')).toBe(5);
    expect(coverageThreshold([50, 30, 10, 5, 3, 2], '0.9')).toBe(10);
    expect(coverageThreshold([50, 30, 10, 5, 3, 2], '0.96')).toBe(3);
  });
  it('coverage: tied counts enter together (40, 20, 20, 10, 10 at 80 % → 20; at 90 % → 10)', () => {
    expect(coverageThreshold([40, 20, 20, 10, 10], '0.8')).toBe(20);
    expect(coverageThreshold([40, 20, 20, 10, 10], '0.9')).toBe(10);
  });
  test.prop([fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 100 })], { seed: 1515 })(
    'T covers ≥ target and T + 1 does not',
    (counts, pct) => {
      const target = (pct / 100).toString();
      const T = coverageThreshold(counts, target);
      const total = counts.reduce((a, b) => a + b, 0);
      const cov = (t: number) => counts.filter((c) => c >= t).reduce((a, b) => a + b, 0);
      expect(cov(T) * 100).toBeGreaterThanOrEqual(pct * total);
      expect(cov(T + 1) * 100).toBeLessThan(pct * total);
    },
  );
});

describe('related-procedure split (DIP-RULES.md §5.6, T3)', () => {
  it('T3: +816 / 28,033 = 2.9109 % → no packet; +15,970 / 28,033 = 56.9686 % → packet', () => {
    expect(relatedCostIncrease(w(28849), w(28033)).times(100).toFixed(4)).toBe('2.9109');
    expect(relatedCostIncrease(w(44003), w(28033)).times(100).toFixed(4)).toBe('56.9686');
    const rule = { minIncrease: '0.10', threshold: 15 };
    expect(shouldSplitRelated({ meanWithRelated: w(28849), meanMain: w(28033), count: 40 }, rule)).toBe(false);
    expect(shouldSplitRelated({ meanWithRelated: w(44003), meanMain: w(28033), count: 40 }, rule)).toBe(true);
  });
  it('exactly +10 % splits (以上 inclusive); below the core threshold never splits', () => {
    const rule = { minIncrease: '0.10', threshold: 15 };
    expect(shouldSplitRelated({ meanWithRelated: w(11000), meanMain: w(10000), count: 15 }, rule)).toBe(true);
    expect(shouldSplitRelated({ meanWithRelated: w('10999.99'), meanMain: w(10000), count: 15 }, rule)).toBe(false);
    expect(shouldSplitRelated({ meanWithRelated: w(20000), meanMain: w(10000), count: 14 }, rule)).toBe(false);
  });
});

describe('cost moments and CV (DIP-RULES.md §5.9)', () => {
  it('2, 4, 4, 4, 5, 5, 7, 9: mean 5, population CV 0.4, sample CV √(32/7)/5 = 0.427618', () => {
    const m = emptyMoments();
    for (const c of ['2', '4', '4', '4', '5', '5', '7', '9']) addCost(m, costToUnits(c)!);
    expect(momentsMean(m)!.toFixed()).toBe('5');
    expect(coefficientOfVariation(m, 'population')!.toFixed()).toBe('0.4');
    expect(coefficientOfVariation(m)!.toFixed(6)).toBe('0.427618');
  });
  it('one case has no sample CV; cost units are exact 0.0001 元', () => {
    const m = emptyMoments();
    addCost(m, costToUnits('13500.25')!);
    expect(coefficientOfVariation(m)).toBeUndefined();
    expect(costToUnits('13500.25')).toBe(135002500);
    expect(costToUnits('1.00001')).toBeUndefined();
    expect(costToUnits('1e3')).toBeUndefined();
    expect(unitsToYuan(135002500n).toFixed()).toBe('13500.25');
  });
  test.prop([fc.array(fc.bigInt({ min: 0n, max: 10n ** 10n }), { minLength: 1, maxLength: 200 })], { seed: 2024 })(
    'the bigint-unit sum equals the decimal sum of the 2-dp costs',
    (fens) => {
      const m = emptyMoments();
      let total = dec(0);
      for (const f of fens) {
        const s = dec(f.toString()).div(100).toFixed(2);
        addCost(m, costToUnits(s)!);
        total = total.plus(dec(s));
      }
      expect(unitsToYuan(m.sum).eq(total)).toBe(true);
    },
  );
});

describe('institution coefficients, primary care, auxiliary subtypes (DIP-RULES.md §5.8–§5.10, T16, T17)', () => {
  it('level coefficient = level mean ÷ region mean, 4 dp half-up', () => {
    expect(levelCoefficient(w(9000), w(8000)).toFixed()).toBe('1.125');
    expect(levelCoefficient(w(2000), w(3000)).toFixed()).toBe('0.6667');
    expect(levelCoefficient(w(5555), w(10000)).toFixed()).toBe('0.5555');
  });
  it('primary care: share ≥ 0.5 and CV ≤ 0.7, both inclusive', () => {
    const rule = { shareMin: '0.5', cvMax: '0.7' };
    expect(isPrimaryCarePacket({ primaryCases: 25, cases: 50, cv: w('0.7') }, rule)).toBe(true);
    expect(isPrimaryCarePacket({ primaryCases: 24, cases: 50, cv: w('0.3') }, rule)).toBe(false);
    expect(isPrimaryCarePacket({ primaryCases: 40, cases: 50, cv: w('0.7000001') }, rule)).toBe(false);
    expect(isPrimaryCarePacket({ primaryCases: 1, cases: 1, cv: undefined }, rule)).toBe(false);
  });
  it('T17: CV 0.80 → 0.60 is a 25 % drop ≥ 20 %; n_packet > N1 and n_j > N2 are strict', () => {
    const rule = { n1: 15, n2: 5, cvDropMin: '0.20' };
    expect(cvDrop(w('0.80'), w('0.60')).toFixed()).toBe('0.25');
    expect(auxTrigger({ packetCases: 16, subtypeCases: 6, cvBefore: w('0.80'), cvAfter: w('0.60') }, rule)).toBe(true);
    expect(auxTrigger({ packetCases: 15, subtypeCases: 6, cvBefore: w('0.80'), cvAfter: w('0.60') }, rule)).toBe(false);
    expect(auxTrigger({ packetCases: 16, subtypeCases: 5, cvBefore: w('0.80'), cvAfter: w('0.60') }, rule)).toBe(false);
    // exactly 20 %: 0.80 → 0.64
    expect(auxTrigger({ packetCases: 16, subtypeCases: 6, cvBefore: w('0.80'), cvAfter: w('0.64') }, rule)).toBe(true);
    expect(auxTrigger({ packetCases: 16, subtypeCases: 6, cvBefore: w('0.80'), cvAfter: w('0.65') }, rule)).toBe(false);
  });
  it('T16: a = 26,000 / 20,000 = 1.3; 4 dp half-up', () => {
    expect(auxCoefficient(w(26000), w(20000)).toFixed(4)).toBe('1.3000');
    expect(auxCoefficient(w(20000), w(30000)).toFixed()).toBe('0.6667');
  });
});

describe('exact per-year sums (YearSums: number accumulator flushed into bigint)', () => {
  it('stays exact across the 2^52 flush and for single huge amounts', () => {
    const s = newYearSums(1);
    const big = 2 ** 52 - 1;
    addYear(s, 0, big);
    addYear(s, 0, 3); // would pass 2^52: flushed
    addYear(s, 0, 2 ** 53 - 1); // above the limit: straight to bigint
    addYear(s, 0, 5);
    expect(yearTotalUnits(s, 0)).toBe(BigInt(big) + 3n + BigInt(2 ** 53 - 1) + 5n);
    expect(s.n[0]).toBe(4);
  });
  test.prop([fc.array(fc.integer({ min: 0, max: 2 ** 50 }), { maxLength: 100 })], { seed: 9 })('equals the bigint sum', (xs) => {
    const s = newYearSums(1);
    for (const x of xs) addYear(s, 0, x);
    expect(yearTotalUnits(s, 0)).toBe(xs.reduce((a, x) => a + BigInt(x), 0n));
  });
});
