import { describe, expect } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { dec } from '../../src/decimal/index.js';
import { validatePolicy } from '../../src/policy/validatePolicy.js';
import { basePolicy, v0 } from './helpers.js';

/** A decimal string in [0, 1] with up to 4 dp, e.g. '0.0375'. */
const share4 = fc.integer({ min: 0, max: 10_000 }).map((n) => dec(n).div(10_000).toFixed());
/** Ascending distinct cut points in (0, 1) as 2-dp decimal strings. */
const cuts = fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 5 }).map((a) => a.sort((x, y) => x - y).map((n) => dec(n).div(100).toFixed()));

describe('policy validation invariants', () => {
  fcTest.prop([share4, share4], { seed: 1259, numRuns: 200 })('policy.share_sum is reported exactly when prepayRatio + qualityDepositRate > 1 (exact decimals)', (prepay, deposit) => {
    const p = basePolicy();
    p.parameters.settlement[0].to = '2025-01-01'; // before the 5 % cap applies: no warnings in the way
    p.parameters.settlement[0].from = '2024-01-01';
    Object.assign(v0(p, 'settlement'), { prepayRatio: prepay, qualityDepositRate: deposit });
    const r = validatePolicy(p);
    const over = dec(prepay).plus(dec(deposit)).gt(1);
    expect(r.ok).toBe(!over);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual(['policy.share_sum']);
  });

  fcTest.prop([cuts, fc.boolean()], { seed: 84, numRuns: 200 })('contiguous corridor bands from 0 with an open last band are valid; dropping an inner band leaves a gap', (points, surplus) => {
    const edges = ['0', ...points];
    const bands = edges.map((from, i) => ({ from, ...(i + 1 < edges.length ? { to: edges[i + 1] } : {}), ...(surplus ? { retainShare: '0.5' } : { fundShare: '0.5' }) }));
    const field = surplus ? 'surplusBands' : 'overrunBands';
    const p = basePolicy();
    v0(p, 'settlement').surplusCorridor = { [field]: bands };
    expect(validatePolicy(p).ok).toBe(true);
    if (bands.length >= 3) {
      const gapped = [...bands.slice(0, 1), ...bands.slice(2)];
      v0(p, 'settlement').surplusCorridor = { [field]: gapped };
      const r = validatePolicy(p);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => [i.code, i.path?.slice(-2)])).toEqual([['policy.band_gap', [1, 'from']]]);
    }
  });

  fcTest.prop([fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { maxLength: 6 })], { seed: 85, numRuns: 200 })('assessment bands from 0 in ascending order are valid, in any other order they are not', (scores) => {
    const sorted = [0, ...scores.sort((a, b) => a - b)];
    const band = (s: number) => ({ minScore: String(s), coefficient: '1', depositRefundShare: '1' });
    const p = basePolicy();
    v0(p, 'settlement').assessmentBands = sorted.map(band);
    expect(validatePolicy(p).ok).toBe(true);
    if (sorted.length >= 2) {
      v0(p, 'settlement').assessmentBands = [...sorted].reverse().map(band);
      const r = validatePolicy(p);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.some((i) => i.code === 'policy.band_gap' || i.code === 'policy.band_order')).toBe(true);
    }
  });
});
