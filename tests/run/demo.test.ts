/**
 * The demo's pipeline on a tiny seeded year (3,000 cases, 40 hospitals): it runs, and everything reconciles —
 * read = accepted + rejected; accepted = settled + unknown hospital + out of year; settled = grouped + ungrouped;
 * Σ statements = region totals; Σ case points in cases.csv = Σ hospital points = Σ pool points; with allocation on,
 * Σ clearing before assessment = F per pool and in total; every error counted is in issues.csv.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../scripts/demo.js';
import { dec } from '../../src/decimal/index.js';
import type { Dec } from '../../src/decimal/index.js';

const root = resolve(__dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'dip-demo-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const sum = (xs: readonly string[]): Dec => xs.reduce((a, x) => a.plus(dec(x === '' ? '0' : x)), dec(0));

describe('demo pipeline, tiny seeded year', () => {
  it('runs and reconciles', async () => {
    const r = await runDemo({ cases: 3000, seed: 'demo-test', out, cwd: root });
    const s = r.summary;
    const c = s.counts;
    expect(c.read).toBe(3000);
    expect(c.read).toBe(c.accepted + c.rejected);
    expect(c.accepted).toBe(c.settled + c.unknownHospital + c.outOfYear);
    expect(c.settled).toBe(c.grouped + c.ungrouped);
    expect(c.rejected).toBeGreaterThan(0); // the generator's deliberate bad rows
    expect(r.exitCode).toBe(1);

    // Σ statements = region totals
    const h = r.hospitals;
    expect(h).toHaveLength(40);
    for (const [col, total] of [
      ['points', s.totals.points],
      ['clearing_before_assessment', s.totals.clearingBeforeAssessment],
      ['clearing_amount', s.totals.clearingAmount],
      ['corridor_amount', s.totals.corridorAmount],
      ['deposit_withheld', s.totals.depositWithheld],
      ['prepaid', s.totals.prepaid],
      ['net_payment', s.totals.netPayment],
    ] as const) {
      expect(sum(h.map((x) => x[col] ?? '')).eq(dec(total)), col).toBe(true);
    }
    expect(h.reduce((n, x) => n + Number(x['cases']), 0)).toBe(c.settled);

    // per-case output: one row per accepted record; Σ case points = Σ pool points = region total
    const cases = readFileSync(join(out, 'cases.csv'), 'utf8').trimEnd().split('\n');
    expect(cases.length - 1).toBe(c.accepted);
    const pointsCol = cases[0]!.split(',').indexOf('case_points');
    const casePoints = sum(cases.slice(1).map((l) => l.split(',')[pointsCol] ?? '0'));
    expect(casePoints.eq(dec(s.totals.points))).toBe(true);
    expect(sum(s.pools.map((p) => p.points)).eq(dec(s.totals.points))).toBe(true);

    // the fund: allocation on → Σ clearing before assessment = F per pool and overall
    for (const p of s.pools) {
      expect(p.fund).toBe(r.funds[p.pool as 'employee' | 'resident']);
      expect(p.clearingBeforeAssessment).toBe(p.fund);
      expect(p.residual).toBe('0.00');
    }
    expect(s.totals.residual).toBe('0.00');
    expect(s.totals.clearingBeforeAssessment).toBe(s.totals.fund);

    // every counted error is in issues.csv
    const issues = readFileSync(join(out, 'issues.csv'), 'utf8').trimEnd().split('\n').slice(1);
    expect(issues.filter((l) => /^[a-z-]+,error,/.test(l))).toHaveLength(s.issueCounts.errors);
    expect(r.report).toContain('wall time');
  });
});
