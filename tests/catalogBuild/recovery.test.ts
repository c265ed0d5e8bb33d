import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalCode, runRecovery } from './recovery.js';

const fixtures = fileURLToPath(new URL('../../fixtures', import.meta.url));

describe('synthetic recovery (issue 5): rebuild the Pingdingshan core packets from a seeded 3-year history', () => {
  it('canonical codes ignore case and the order of related procedures', () => {
    expect(canonicalCode('C56.X:68.4901_40.5910+54.4x00x007')).toBe(canonicalCode('C56.x:68.4901_54.4x00x007+40.5910'));
  });

  // 3 × 10,000 seeded cases (no injected outliers, no trimming: the tolerance is the lognormal sampling error of the
  // 1:2:7-weighted mean, 4 standard errors, see recovery.ts). Full size: bench/catalog-recovery.ts.
  it('recovers ≥ 95 % of the core packets with ≥ 15 synthetic cases, points within 4 standard errors', async () => {
    const r = await runRecovery({ fixtures, rowsPerYear: 10_000, seed: 'recovery-test', relatedSplitMode: 'countOnly' });
    expect(r.eligible).toBeGreaterThan(150);
    expect(r.recovered / r.eligible).toBeGreaterThanOrEqual(0.95);
    expect(r.share).toBeGreaterThanOrEqual(0.95);
    // the built catalog is internally consistent: every window case is in exactly one destination
    const c = r.built.report.coverage;
    expect(c.core + c.comprehensive + c.chapter + c.dropped).toBe(r.built.report.casesInWindow);
  }, 300_000);
});
