/**
 * Special cases (特例单议, DIP-RULES.md §6.4) in the region-year run, computed by hand.
 *
 * Policy: engine defaults (itemBased, fromDipFund, quota 0.005 floor), one pool (employee), budget PV 10,
 * F = 1,421,000.00, c = 1 for both hospitals. Packet P1: RW 1000 → S_L = 1000 × 10 × 1 = 10,000.
 *
 * | cases        | hospital | cost   | fund   | patient | ρ | class  | points       |
 * |--------------|----------|--------|--------|---------|---|--------|--------------|
 * | R1 … R198    | H1       | 10,000 |  7,000 |  3,000  | 1 | normal | 1000 each    |
 * | S (approved) | H2       | 40,000 | 30,000 | 10,000  | 4 | high   | 1000 × (4−1) = 3000 (removed) |
 * | T (approved) | H2       | 10,000 |  7,000 |  3,000  | 1 | normal | 1000         |
 *
 * DIP discharges 200 → quota ⌊0.005 × 200⌋ = 1. Approvals: S (2025-03, 28,000.00), T (2025-06, over the quota:
 * rejected, settles normally), NOPE (no such case: reported).
 *
 * S is paid by item: A = 28,000.00, its 3000 points leave P, its cost and booked amount leave r.
 * P_regular = 198 × 1000 + 1000 = 199,000; r = 199 × 7,000 / (199 × 10,000) = 0.7;
 * PV = ((F − A) / r) / P_regular = ((1,421,000 − 28,000) / 0.7) / 199,000 = 1,990,000 / 199,000 = 10.000000.
 * (Without the approval: P = 202,000, r = 1,423,000 / 2,030,000, F / r = 2,027,146.8728…,
 * PV = round6(2,027,146.8728… / 202,000) = round6(10.0353805…) = 10.035381.)
 * H1: 198,000 × 10 × 0.7 = 1,386,000.00. H2: 1000 × 10 × 0.7 = 7,000.00 + 28,000.00 = 35,000.00.
 * Pool clearing 1,386,000 + 35,000 = 1,421,000.00 = F → residual 0.00.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import type { CliIo } from '../../src/cli/io.js';
import { parseSpecialCaseTable } from '../../src/run/tables.js';
import { dec } from '../../src/decimal/index.js';
import { DEFAULT_SPECIAL_CASE_OPTIONS } from '../../src/policy/schema.js';
import type { SpecialCaseApproval } from '../../src/points/specialCases.js';
import { settleRegionYear } from '../../src/run/settleRegionYear.js';
import type { CaseResult } from '../../src/run/types.js';
import type { DischargeRecord } from '../../src/records/types.js';
import { fakeGrouper, items, makePolicy, rec } from './helpers.js';

function records(): DischargeRecord[] {
  const out: DischargeRecord[] = [];
  for (let i = 1; i <= 198; i++) out.push(rec({ caseId: `R${i}`, hospitalId: 'H1', dx: 'P1', cost: '10000', fund: '7000', patient: '3000' }));
  out.push(rec({ caseId: 'S', hospitalId: 'H2', dx: 'P1', cost: '40000', fund: '30000', patient: '10000', discharge: '2025-03-05' }));
  out.push(rec({ caseId: 'T', hospitalId: 'H2', dx: 'P1', cost: '10000', fund: '7000', patient: '3000', discharge: '2025-06-05' }));
  return out;
}

const APPROVALS: readonly SpecialCaseApproval[] = [
  { hospitalId: 'H2', caseId: 'S', reviewPeriod: '2025-03', approvedAmount: '28000' },
  { hospitalId: 'H2', caseId: 'T', reviewPeriod: '2025-06', approvedAmount: '9000' },
  { hospitalId: 'H2', caseId: 'NOPE', reviewPeriod: '2025-06', approvedAmount: '5000' },
];

async function settle(
  specialCases?: readonly SpecialCaseApproval[],
  mode: 'itemBased' | 'adjustedStandard' = 'itemBased',
  residualAllocation: 'none' | 'largestRemainder' = 'none',
  funding: 'fromDipFund' | 'separate' = 'fromDipFund',
) {
  const base = makePolicy({ coefficients: { byLevel: { 三级: '1' } }, pointValue: { pools: { employee: { dipFund: '1421000', budgetPointValue: '10' } } }, settlement: { residualAllocation } });
  const policy = { ...base, specialCase: { ...DEFAULT_SPECIAL_CASE_OPTIONS, specialCaseMode: mode, specialCaseFunding: funding } };
  const cases: CaseResult[] = [];
  const run = await settleRegionYear(
    {
      records: items(records()),
      policy,
      grouper: fakeGrouper({ P1: '1000' }),
      year: 2025,
      hospitals: [
        { hospitalId: 'H1', name: 'First', level: '三级' },
        { hospitalId: 'H2', name: 'Second', level: '三级' },
      ],
      ...(specialCases === undefined ? {} : { specialCases }),
    },
    { onCase: (c) => void cases.push(c) },
  );
  return { run, cases };
}

describe('settleRegionYear: special cases (§6.4)', () => {
  it('an approved case within the quota: PV = ((F − A) / r) / P_regular', async () => {
    const { run, cases } = await settle(APPROVALS);
    const pool = run.summary.pools[0]!;
    expect(pool.pool).toBe('employee');
    expect(pool.points).toBe('199000');
    expect(pool.fundPayRatio).toBe('0.7');
    expect(pool.pointValue).toBe('10.000000');
    expect(pool.specialCaseAmount).toBe('28000.00');
    expect(pool.clearingBeforeAssessment).toBe('1421000.00');
    expect(pool.residual).toBe('0.00');

    expect(run.summary.specialCases).toEqual({
      mode: 'itemBased',
      funding: 'fromDipFund',
      dipDischarges: 200,
      quota: 1,
      approvals: 3,
      approved: 1,
      rejected: 1,
      unknownCase: 1,
      amount: '28000.00',
      points: '0',
      byPool: { employee: '28000.00' },
    });

    const [h1, h2] = run.hospitals;
    expect(h1!.clearingBeforeAssessment).toBe('1386000.00');
    expect(h1!.specialCases).toBe(0);
    expect(h1!.specialCaseAmount).toBe('0.00');
    expect(h2!.points).toBe('1000');
    expect(h2!.clearingBeforeAssessment).toBe('35000.00');
    expect(h2!.pools[0]!.specialCaseAmount).toBe('28000.00');
    expect(h2!.pools[0]!.fundPayRatio).toBe('0.7');
    expect(h2!.specialCases).toBe(1);
    expect(h2!.specialCaseAmount).toBe('28000.00');
    // B_h includes the special case's booked amount: 7,000 + 30,000
    expect(h2!.booked).toBe('37000.00');
    expect(h2!.counts.cases).toBe(2);

    expect(cases).toHaveLength(200);
    const s = cases.find((c) => c.caseId === 'S')!;
    expect(s).toMatchObject({ status: 'grouped', reason: 'specialCase', casePoints: '0.0000', specialCaseAmount: '28000.00', outlier: 'high' });
    const t = cases.find((c) => c.caseId === 'T')!;
    expect(t.reason).toBeUndefined();
    expect(t.casePoints).toBe('1000.0000');
  });

  it('an approval over the quota is rejected with its issue; the case settles normally', async () => {
    const { run } = await settle(APPROVALS);
    const over = run.issues.filter((i) => i.code === 'points.special_case_over_quota');
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ severity: 'error', path: ['specialCases', 1], received: 'T', expected: 'at most 1 approvals' });
    expect(over[0]!.message).toContain('quota of 1');
  });

  it('an approval for an unknown case is reported', async () => {
    const { run } = await settle(APPROVALS);
    const unknown = run.issues.filter((i) => i.code === 'run.special_case_unknown_case');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ severity: 'error', path: ['specialCases', 2], received: 'NOPE' });
    expect(run.summary.issueCounts.byCode['run.special_case_unknown_case']).toBe(1);
  });

  it('no approvals: the case is scored by the packet rules and the summary has no special-case part', async () => {
    const { run, cases } = await settle();
    const pool = run.summary.pools[0]!;
    // P = 202,000; r = 1,423,000 / 2,030,000; PV = round6((1,421,000 / r) / 202,000) = round6(10.0353805…) = 10.035381
    expect(pool.points).toBe('202000');
    expect(pool.pointValue).toBe('10.035381');
    expect(pool.specialCaseAmount).toBeUndefined();
    expect(run.summary.specialCases).toBeUndefined();
    expect(run.hospitals[1]!.specialCaseAmount).toBeUndefined();
    expect(cases.find((c) => c.caseId === 'S')!.casePoints).toBe('3000.0000');
  });

  it('an approval without an amount pays the case booked fund amount (itemBased)', async () => {
    const { run, cases } = await settle([{ hospitalId: 'H2', caseId: 'S', reviewPeriod: '2025-03' }]);
    expect(run.summary.specialCases?.amount).toBe('30000.00');
    expect(cases.find((c) => c.caseId === 'S')!.specialCaseAmount).toBe('30000.00');
    // PV = ((1,421,000 − 30,000) / 0.7) / 199,000 = 1,987,142.857142… / 199,000 = 9.985642…
    expect(run.summary.pools[0]!.pointValue).toBe('9.985642');
    // H1 198,000 × 9.985642 × 0.7 = 1,384,009.9812 → 1,384,009.98; H2 1000 × 9.985642 × 0.7 = 6,989.9494 → 6,989.95
    // + 30,000.00; residual 1,421,000 − 1,420,999.93 = 0.07 (rounding, no allocation)
    expect(run.hospitals[0]!.clearingBeforeAssessment).toBe('1384009.98');
    expect(run.hospitals[1]!.clearingBeforeAssessment).toBe('36989.95');
    expect(run.summary.pools[0]!.residual).toBe('0.07');
  });

  it('largest-remainder allocation splits F − A over the regular points; A is added on top', async () => {
    const { run } = await settle([{ hospitalId: 'H2', caseId: 'S', reviewPeriod: '2025-03' }], 'itemBased', 'largestRemainder');
    // F − A = 1,391,000.00 split 198,000 : 1,000 (× r_h 0.7 each): H1 1,384,010.0502…, H2 6,989.9497… →
    // 1,384,010.05 + 6,989.95 = 1,391,000.00; H2 + 30,000.00 = 36,989.95
    const [h1, h2] = run.hospitals;
    expect(h1!.clearingBeforeAssessment).toBe('1384010.05');
    expect(h2!.clearingBeforeAssessment).toBe('36989.95');
    expect(dec(h1!.clearingBeforeAssessment).plus(dec(h2!.clearingBeforeAssessment)).toFixed(2)).toBe('1421000.00');
    expect(h2!.specialCaseAmount).toBe('30000.00');
    expect(run.summary.pools[0]!.residual).toBe('0.00');
  });

  it('specialCaseFunding separate: F is not reduced; A is paid to the hospital outside the pool', async () => {
    const { run } = await settle(APPROVALS, 'itemBased', 'none', 'separate');
    // PV = (1,421,000 / 0.7) / 199,000 = 2,030,000 / 199,000 = 10.2010050… → 10.201005
    // H1 198,000 × 10.201005 × 0.7 = 1,413,859.293 → 1,413,859.29; H2 1000 × 10.201005 × 0.7 = 7,140.7035 → 7,140.70
    const pool = run.summary.pools[0]!;
    expect(pool.pointValue).toBe('10.201005');
    expect(pool.clearingBeforeAssessment).toBe('1420999.99');
    expect(pool.residual).toBe('0.01');
    expect(pool.specialCaseAmount).toBe('28000.00');
    expect(run.hospitals[1]!.clearingBeforeAssessment).toBe('35140.70');
  });

  it('adjustedStandard: approved amount ÷ PV in force counted as the case points (特殊病例分值)', async () => {
    const { run, cases } = await settle([{ hospitalId: 'H2', caseId: 'S', reviewPeriod: '2025-03', approvedAmount: '25000' }], 'adjustedStandard');
    // 25,000 ÷ 10 (budget PV in force) = 2500 points; P = 198,000 + 2,500 + 1,000 = 201,500
    expect(cases.find((c) => c.caseId === 'S')).toMatchObject({ reason: 'specialCase', casePoints: '2500.0000' });
    expect(run.summary.pools[0]!.points).toBe('201500');
    expect(run.summary.specialCases).toMatchObject({ mode: 'adjustedStandard', approved: 1, amount: '0.00', points: '2500' });
  });
});

describe('parseSpecialCaseTable', () => {
  it('Chinese headers; empty amount kept absent; bad rows rejected with their lines', () => {
    const header = ['定点医疗机构代码', '病案号', '核定金额', '核定分值', '评审月份'];
    const data = [
      ['H1', 'C1', '28000.00', '', '2025-03'],
      ['H1', 'C2', '', '', '2025Q2'],
      ['H2', 'C3', '', '120.5', '202504'],
      ['H2', '', '100', '', '2025-04'],
      ['H2', 'C5', '-1', '', '2025-04'],
      ['H2', 'C6', '10', '', '2025-13'],
    ];
    const r = parseSpecialCaseTable(data.map((d, i) => ({ line: i + 2, cells: Object.fromEntries(header.map((h, j) => [h, d[j] ?? ''])) })));
    expect(r.rows).toEqual([
      { hospitalId: 'H1', caseId: 'C1', reviewPeriod: '2025-03', approvedAmount: '28000' },
      { hospitalId: 'H1', caseId: 'C2', reviewPeriod: '2025-Q2' },
      { hospitalId: 'H2', caseId: 'C3', reviewPeriod: '2025-04', approvedPoints: '120.5' },
    ]);
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([
      [5, 'special_cases.missing_case_id'],
      [6, 'special_cases.decimal.negative'],
      [7, 'special_cases.bad_month'],
    ]);
    expect(r.read).toBe(r.rows.length + r.rejected);
  });
});

/**
 * `dip settle --special-cases examples/small/special-cases.csv` in-process. examples/small has 9 DIP discharges:
 * quota ⌊0.005 × 9⌋ = 0, so with its own policy every approval is over the quota and the amounts are those of the run
 * without special cases (tests/cli/settle.test.ts). With specialCaseQuota 0.2 (a copy of the policy): quota ⌊1.8⌋ = 1;
 * approvals in review order: E006 (2025-04, 20,000.00) before E002 (2025-Q1, text order) → E006 approved, E002 over
 * the quota, E099 unknown.
 * Resident pool by hand: P = 5,162.2043 − E006's 4,174.4704 = 987.7339; r = 3,600 / 6,000 = 0.6;
 * PV = ((26,772 − 20,000) / 0.6) / 987.7339 = 11,286.6666… / 987.7339 = 11.4268292975… → 11.426829.
 */
describe('dip settle --special-cases (examples/small)', () => {
  const root = resolve(__dirname, '../..');
  const dir = mkdtempSync(join(tmpdir(), 'dip-special-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const io = (): CliIo & { out: string[]; err: string[] } => {
    const o: string[] = [];
    const e: string[] = [];
    return { out: o, err: e, stdout: (t) => void o.push(t), stderr: (t) => void e.push(t), stderrIsTTY: false, cwd: root };
  };
  const args = (policy: string, out: string): string[] => [
    'settle', '--policy', policy,
    '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--stats', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv',
    '--records', 'examples/small/records.csv', '--hospitals', 'examples/small/hospitals.csv',
    '--scores', 'examples/small/scores.csv', '--audit', 'examples/small/audit.csv',
    '--special-cases', 'examples/small/special-cases.csv', '--out', out,
  ];
  const read = (out: string, name: string): string => readFileSync(join(out, name), 'utf8');

  it('quota 0 on 9 discharges: approvals rejected, amounts unchanged', async () => {
    const out = join(dir, 'q0');
    const f = io();
    expect(await main(args('examples/small/policy.json', out), f)).toBe(1);
    expect(f.err.join('')).toBe('');
    const s = JSON.parse(read(out, 'summary.json'));
    expect(s.specialCases).toMatchObject({ dipDischarges: 9, quota: 0, approvals: 3, approved: 0, rejected: 2, unknownCase: 1, amount: '0.00' });
    expect(s.pools.map((p: { pointValue: string }) => p.pointValue)).toEqual(['6.008253', '8.643594']);
    expect(s.tables.specialCases).toEqual({ read: 3, rejected: 0 });
    const issues = read(out, 'issues.csv');
    expect(issues.match(/points\.special_case_over_quota/g)).toHaveLength(2);
    expect(issues).toContain('run.special_case_unknown_case');
    const h = read(out, 'hospitals.csv').trimEnd().split('\n');
    expect(h[0]!.endsWith(',net_payment,special_cases,special_case_amount')).toBe(true);
    expect(h[2]).toBe('H002,平顶山市第二人民医院（示例）,二级,3,3,0,5578.5042,49000,29950.00,28059.34,85,0.98,120.00,27378.15,29830.00,overrun,27378.15,0.00,642.44,0.8,513.95,128.49,12086.30,computed,0.00,0.00,15163.36,0,0.00');
  });

  it('quota 1: E006 paid by item, resident PV = ((F − A) / r) / P_regular', async () => {
    const out = join(dir, 'q1');
    const doc = JSON.parse(readFileSync(join(root, 'examples/small/policy.json'), 'utf8'));
    doc.parameters.specialCase[0].value.specialCaseQuota = '0.2';
    const policyPath = join(dir, 'policy-q1.json');
    writeFileSync(policyPath, JSON.stringify(doc));
    const f = io();
    expect(await main(args(policyPath, out), f)).toBe(1);
    expect(f.out.join('')).toContain('special cases: 1 approved of 3 (quota 1), 20000.00 paid by item');
    const s = JSON.parse(read(out, 'summary.json'));
    expect(s.specialCases).toMatchObject({ quota: 1, approved: 1, rejected: 1, unknownCase: 1, amount: '20000.00', byPool: { resident: '20000.00' } });
    const resident = s.pools.find((p: { pool: string }) => p.pool === 'resident');
    expect(resident).toMatchObject({ points: '987.7339', fundPayRatio: '0.6', pointValue: '11.426829', specialCaseAmount: '20000.00', clearingBeforeAssessment: '26772.00', residual: '0.00' });
    const cases = read(out, 'cases.csv').trimEnd().split('\n');
    expect(cases.find((l) => l.includes(',E006,'))).toMatch(/,0\.0000,40000\.00,specialCase,/);
    expect(cases.find((l) => l.includes(',E002,'))).toMatch(/,3318\.5828,20000\.00,,/);
    const h002 = read(out, 'hospitals.csv').split('\n').find((l) => l.startsWith('H002,'))!;
    expect(h002.endsWith(',1,20000.00')).toBe(true);
  });
});
