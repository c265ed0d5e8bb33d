import { describe, expect, it } from 'vitest';
import { DEFAULT_OUTLIER_OPTIONS } from '../../src/policy/schema.js';
import { checkAdjustedShare } from '../../src/points/index.js';

describe('checkAdjustedShare (§6.3 maxAdjustedShare, report only)', () => {
  it('counts low, high, extreme and zero-RW cases', () => {
    const r = checkAdjustedShare({ normal: 90, low: 6, high: 4, notTested: 0 }, { ...DEFAULT_OUTLIER_OPTIONS, maxAdjustedShare: '0.08' });
    expect([r.adjusted, r.total, r.share, r.issue?.code]).toEqual([10, 100, '0.1', 'points.adjusted_share_exceeded']);
  });
  it('at the limit or without a limit: no issue', () => {
    expect(checkAdjustedShare({ normal: 90, low: 10 }, { maxAdjustedShare: '0.1' }).issue).toBeUndefined();
    expect(checkAdjustedShare({ normal: 1, high: 9 }, DEFAULT_OUTLIER_OPTIONS).issue).toBeUndefined();
    expect(checkAdjustedShare({}, DEFAULT_OUTLIER_OPTIONS).share).toBe('0');
  });
});
