/**
 * `dip settle` in-process on examples/small (11 records, 3 hospitals + one unknown, one bad row), with a fake CliIo.
 * H003 by hand (DIP-RULES.md §6.3, §7.2, §8.2–§8.6; budget PV 5.718153; c = 0.7):
 * E007 low (500 < 0.5 × 385.35787 × 5.718153 × 0.7): points = 500 ÷ 5.718153 = 87.4408; E008 and `=1+1`:
 * 385.176247 × 0.7 = 269.6234 each. Monthly gross: Jan 87.4408 × 5.718153 − 200 = 300.00 (prepay 285.00, W 15.00);
 * Mar 539.2468 × 5.718153 − 1,230 = 1,853.4957 → 1,853.50 (prepay round(1,853.4957 × 0.95) = 1,760.82; with
 * prepayRatio + deposit rate = 1 the deposit takes the rest, W 92.68). Clearing 2,721.43 × k 0.95 = 2,585.36;
 * refund 107.68 × 0.6 = 64.61, forfeit 43.07; net 2,585.36 − 43.07 − 2,045.82 = 496.47.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import type { CliIo } from '../../src/cli/io.js';
import { dec } from '../../src/decimal/index.js';
import { CsvTokenizer } from '../../src/io/CsvTokenizer.js';

const root = resolve(__dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'dip-settle-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function fakeIo(): CliIo & { out: string[]; err: string[] } {
  const o: string[] = [];
  const e: string[] = [];
  return { out: o, err: e, stdout: (t) => void o.push(t), stderr: (t) => void e.push(t), stderrIsTTY: false, cwd: root };
}

const ARGS = [
  'settle',
  '--policy', 'examples/small/policy.json',
  '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv',
  '--stats', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv',
  '--records', 'examples/small/records.csv',
  '--hospitals', 'examples/small/hospitals.csv',
  '--scores', 'examples/small/scores.csv',
  '--audit', 'examples/small/audit.csv',
];

const csv = (name: string): string[] => readFileSync(join(out, name), 'utf8').trimEnd().split('\n');

describe('dip settle (examples/small)', () => {
  it('settles, writes the four outputs, exits 1 for the reported input issues', async () => {
    const io = fakeIo();
    const code = await main([...ARGS, '--out', out], io);
    expect(io.err.join('')).toBe('');
    expect(code).toBe(1);
    expect(io.out.join('')).toContain('settled 9 of 11 records (10 accepted, 1 rejected; 9 grouped, 0 ungrouped)');

    const cases = csv('cases.csv');
    expect(cases[0]).toBe('line,case_id,hospital_id,pool,month,status,packet_code,packet_kind,outlier,coefficient,aux_coef,ratio,case_points,total_cost,reason,point_value,standard,fund_due');
    expect(cases).toHaveLength(1 + 10); // every accepted record, excluded ones with their status
    // pass 2: standard = round(87.4408 × 8.643594) = 755.80; fund due = round(755.80 × 300/500) = 453.48
    expect(cases[7]).toBe('8,E007,H003,resident,2025-01,grouped,A03.9,core,low,0.7,1,0.324154,87.4408,500.00,,8.643594,755.80,453.48');
    expect(cases[9]).toMatch(/^10,'=1\+1,H003,employee,2025-03,grouped,A04\.9,core,normal,0\.7,1,[\d.]+,269\.6234,2000\.00,,6\.008253,1619\.97,1133\.98$/);
    expect(cases[10]).toBe('11,E010,H004,employee,2025-03,unknownHospital,,,,,,,0,1800.00,unknownHospital,,,');

    const hospitals = csv('hospitals.csv');
    expect(hospitals.slice(1)).toEqual([
      'H001,平顶山市第一人民医院（示例）,三级,3,3,0,5188.7741,31000,21500.00,22200.63,95,1,0.00,22200.63,21500.00,surplus,22200.63,0.00,1008.50,1,1008.50,0.00,19161.70,computed,0.00,0.00,3038.93',
      'H002,平顶山市第二人民医院（示例）,二级,3,3,0,5578.5042,49000,29950.00,28059.34,85,0.98,120.00,27378.15,29830.00,overrun,27378.15,0.00,642.44,0.8,513.95,128.49,12086.30,computed,0.00,0.00,15163.36',
      'H003,新华区社区医院（示例）,一级,3,3,0,626.6876,4600,3170.00,2721.43,72,0.95,0.00,2585.36,3170.00,overrun,2585.36,0.00,107.68,0.6,64.61,43.07,2045.82,computed,0.00,0.00,496.47',
    ]);

    const issues = csv('issues.csv');
    expect(issues[0]).toBe('source,severity,code,line,column,message,received');
    expect(issues).toContain('records,error,decimal.not_a_number,12,total_cost,"total_cost: ""abc"" is not a decimal number",abc');
    expect(issues.some((l) => l.startsWith('records,error,run.unknown_hospital,11,hospital_id,'))).toBe(true);

    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.counts).toMatchObject({ read: 11, accepted: 10, rejected: 1, unknownHospital: 1, settled: 9, grouped: 9, ungrouped: 0 });
    expect(summary.pools.map((p: { pool: string; pointValue: string; residual: string }) => [p.pool, p.pointValue, p.residual])).toEqual([
      ['employee', '6.008253', '0.00'],
      ['resident', '8.643594', '0.00'],
    ]);
    expect(summary.totals).toMatchObject({ fund: '52981.40', clearingBeforeAssessment: '52981.40', residual: '0.00', netPayment: '18698.76' });
    expect(summary.issueCounts.errors).toBe(2);
  });

  it('usage errors and unreadable input exit 2', async () => {
    const io = fakeIo();
    expect(await main(['settle', '--preset', 'pingdingshan-2025', '--catalog', 'x.csv', '--hospitals', 'h.csv'], io)).toBe(2);
    expect(io.err.join('')).toContain('--records is required');
    const io2 = fakeIo();
    expect(await main([...ARGS.map((a) => (a === 'examples/small/records.csv' ? 'examples/small/nope.csv' : a)), '--out', out], io2)).toBe(2);
    const io3 = fakeIo();
    expect(await main([...ARGS, '--preset', 'pingdingshan-2025', '--out', out], io3)).toBe(2);
    expect(io3.err.join('')).toContain('exactly one of --policy and --preset');
  });

  it('prepayments from a table, funds from --funds, explicit --year/--date', async () => {
    const dir = join(out, 'with-prepayments');
    const io = fakeIo();
    const code = await main([...ARGS, '--prepayments', 'examples/small/prepayments.csv', '--funds', 'employee=30000.00,resident=26772.00', '--year', '2025', '--date', '2025-12-31', '--out', dir], io);
    expect(code).toBe(1);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.pools[0]).toMatchObject({ pool: 'employee', fund: '30000.00', fundSource: 'input' });
    expect(summary.pools[1]).toMatchObject({ pool: 'resident', fund: '26772.00', fundSource: 'input' });
    const rows = readFileSync(join(dir, 'hospitals.csv'), 'utf8').trimEnd().split('\n');
    const header = rows[0]!.split(',');
    const col = (row: string, name: string): string => row.split(',')[header.indexOf(name)]!;
    const [h1, h2] = [rows[1]!, rows[2]!];
    expect([col(h1, 'prepaid'), col(h1, 'deposit_withheld'), col(h1, 'prepaid_source')]).toEqual(['19000.00', '1000.00', 'table']);
    expect([col(h2, 'prepaid'), col(h2, 'deposit_withheld'), col(h2, 'advance_outstanding')]).toEqual(['25300.00', '1330.00', '1000.00']);
    // Net = A − forfeit − prepaid − advance (§8.6), forfeit = W − round(W × s)
    for (const r of [h1, h2]) {
      const net = dec(col(r, 'corridor_amount')).minus(col(r, 'deposit_forfeit')).minus(col(r, 'prepaid')).minus(col(r, 'advance_outstanding'));
      expect(net.toFixed(2)).toBe(col(r, 'net_payment'));
    }
    expect(col(h2, 'deposit_forfeit')).toBe('266.00'); // 1,330.00 − round(1,330.00 × 0.8)
  });
});

describe('dip settle: per-case money on rows whose cells need quoting (pass 2)', () => {
  it('case ids with a comma, a quote and a line break keep their quoting, and get the point value, standard and fund share', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dip-settle-quoted-'));
    try {
      const records = readFileSync(join(root, 'examples/small/records.csv'), 'utf8').trimEnd().split('\n');
      const header = records[0]!.split(',');
      const at = header.indexOf('case_id');
      // the first data row's case id becomes `E,1"x` + line break + `y`, written CSV-quoted
      const cells = records[1]!.split(',');
      cells[at] = '"E,1""x\ny"';
      writeFileSync(join(dir, 'r.csv'), `${[records[0], cells.join(','), ...records.slice(2)].join('\n')}\n`, 'utf8');
      const io = fakeIo();
      const args = ARGS.map((a) => (a === 'examples/small/records.csv' ? join(dir, 'r.csv') : a));
      expect(await main([...args, '--out', dir], io)).toBe(1);
      expect(await main([...ARGS, '--out', join(dir, 'plain')], fakeIo())).toBe(1);
      const plain = readFileSync(join(dir, 'plain', 'cases.csv'), 'utf8').trimEnd().split('\n'); // same cases, plain ids
      const rows: string[][] = [];
      const t = new CsvTokenizer();
      t.push(readFileSync(join(dir, 'cases.csv'), 'utf8'), (r) => rows.push(r.cells));
      t.end((r) => rows.push(r.cells));
      expect(rows[1]![1]).toBe('E,1"x\ny');
      // every other cell, the money included, is what the unquoted run wrote
      const first = plain[1]!.split(',');
      expect([rows[1]![0], ...rows[1]!.slice(2)]).toEqual([first[0], ...first.slice(2)]);
      expect(rows[1]!.slice(15).every((c) => c !== '')).toBe(true);
      expect(readFileSync(join(dir, 'cases.csv'), 'utf8')).toContain('"E,1""x\ny"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
