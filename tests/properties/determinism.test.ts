/**
 * Determinism: the same inputs give identical outputs. settleRegionYear is run twice on the same seeded year (a
 * fast-check-seeded batch of cases over four hospitals, two pools and twelve months, with scores, the EXAMPLE
 * score bands and largest-remainder allocation); the statements, summary, per-case rows and issues must be
 * identical as JSON text, key order included. (The full pipeline on the real catalog — generator, grouper,
 * `dip settle` — is covered by tests/run/demo.test.ts; its run metadata `wallTimeMs` is the one non-deterministic
 * field of summary.json.)
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { settleRegionYear } from '../../src/run/settleRegionYear.js';
import type { CaseResult } from '../../src/run/types.js';
import type { Issue } from '../../src/core/issue.js';
import { fakeGrouper } from '../run/helpers.js';
import { HOSPITALS, PACKETS, caseArb, recordsOf, regionPolicy, scoresOf } from './fixtures.js';

describe('determinism', () => {
  test.prop([fc.array(caseArb, { minLength: 50, maxLength: 300 }), fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), { minLength: 4, maxLength: 4 })], { seed: 8_675_309, numRuns: 8 })(
    'settleRegionYear twice on the same seeded year: identical statements, summary, case rows and issues (JSON text)',
    async (batch, scores) => {
      const run = async () => {
        const cases: CaseResult[] = [];
        const issues: Issue[] = [];
        const r = await settleRegionYear(
          { records: recordsOf(batch), grouper: fakeGrouper(PACKETS), year: 2025, hospitals: HOSPITALS, scores: scoresOf(scores), policy: regionPolicy('largestRemainder') },
          { onCase: (c) => void cases.push(c), onIssue: (i) => void issues.push(i) },
        );
        return JSON.stringify({ hospitals: r.hospitals, summary: r.summary, issues: r.issues, cases, sunk: issues });
      };
      const a = await run();
      const b = await run();
      expect(b).toBe(a);
      expect(a.length).toBeGreaterThan(1000);
    },
  );
});
