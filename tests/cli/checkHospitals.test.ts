/**
 * `dip check --hospitals H.csv`: the hospital table read as `dip settle` reads it, and each hospital id of an
 * accepted record that the table lacks reported once, with its case count and first line, as `run.unknown_hospital`
 * (the code `dip settle` reports before excluding those cases). Expected values worked out from the fixture files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/check.js';
import { run as settle } from '../../src/cli/commands/settle.js';
import type { CliIo } from '../../src/cli/io.js';

function fakeIo(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stderrIsTTY: false, cwd: process.cwd() }, out, err };
}

async function check(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, out, err } = fakeIo();
  const code = await run(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}

const tmp = mkdtempSync(join(tmpdir(), 'dip-check-hospitals-'));
const table = (name: string, rows: string[]): string => {
  const p = join(tmp, name);
  writeFileSync(p, `${['hospital_id,name,level,coefficient', ...rows].join('\n')}\n`);
  return p;
};

describe('dip check --hospitals', () => {
  it('examples/small: H004 (line 11) is not in the table of H001–H003 — one run.unknown_hospital error, exit 1', async () => {
    const r = await check(['--records', 'examples/small/records.csv', '--hospitals', 'examples/small/hospitals.csv', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { accepted: number; rejected: number; hospitals: unknown };
    expect([j.accepted, j.rejected]).toEqual([10, 1]);
    expect(j.hospitals).toEqual({
      file: 'examples/small/hospitals.csv',
      read: 3,
      rejected: 0,
      unknown: [{ hospitalId: 'H004', cases: 1, firstLine: 11 }],
      tableIssues: [],
      recordIssues: [
        {
          severity: 'error',
          code: 'run.unknown_hospital',
          message: 'hospital H004 is not in the hospital table: its 1 case(s) would be excluded from the settlement (first on line 11)',
          line: 11,
          column: 'hospital_id',
          received: 'H004',
        },
      ],
    });
  });

  it('reports the hospital and line that dip settle reports for the same files', async () => {
    const out = join(tmp, 'settle-small');
    const { io } = fakeIo();
    await settle(['--policy', 'examples/small/policy.json', '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--records', 'examples/small/records.csv', '--hospitals', 'examples/small/hospitals.csv', '--out', out], io);
    const settleLines = readFileSync(join(out, 'issues.csv'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('run.unknown_hospital'));
    expect(settleLines).toHaveLength(1);
    expect(settleLines[0]).toContain('H004');
    expect(settleLines[0]).toContain(',11,');
    const j = JSON.parse((await check(['--records', 'examples/small/records.csv', '--hospitals', 'examples/small/hospitals.csv', '--json'])).out) as { hospitals: { recordIssues: { line: number; received: string }[] } };
    expect(j.hospitals.recordIssues.map((i) => [i.received, i.line])).toEqual([['H004', 11]]);
  });

  it('counts the accepted cases of an unknown hospital only (bad-rows-1000: H410400005 has 194 rows, 6 rejected: 188 cases, first on line 4)', async () => {
    const h = table('four.csv', ['H410400001,A,三级,1.00', 'H410400002,B,二级,0.85', 'H410400003,C,二级,0.85', 'H410400004,D,一级,0.70']);
    const r = await check(['--records', 'fixtures/records/bad-rows-1000.csv', '--hospitals', h, '--json', '--max-issues', '0']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { accepted: number; hospitals: { unknown: unknown[] } };
    expect(j.accepted).toBe(963);
    expect(j.hospitals.unknown).toEqual([{ hospitalId: 'H410400005', cases: 188, firstLine: 4 }]);
  });

  it('every hospital known and every row accepted: exit 0, an empty unknown list; the text summary says so', async () => {
    const h = table('sample.csv', ['H410400001,A,三级,1.00', 'H410400002,B,二级,0.85', 'H410400003,C,一级,0.70']);
    const j = await check(['--records', 'fixtures/records/sample-utf8.csv', '--hospitals', h, '--json']);
    expect(j.code).toBe(0);
    expect((JSON.parse(j.out) as { hospitals: unknown }).hospitals).toEqual({ file: h, read: 3, rejected: 0, unknown: [], tableIssues: [], recordIssues: [] });
    const t = await check(['--records', 'fixtures/records/sample-utf8.csv', '--hospitals', h]);
    expect(t.code).toBe(0);
    expect(t.out.trimEnd().split('\n').at(-1)).toBe(`${h}: 3 hospitals read, 0 rejected; 0 hospital ids of accepted records not in it (0 cases, excluded by dip settle)`);
  });

  it("a bad row of the table is reported and rejected; that hospital's cases are then unknown too", async () => {
    const h = table('bad.csv', ['H410400001,A,三级,1.00', 'H410400002,B,二级,abc', 'H410400003,C,一级,0.70']);
    const r = await check(['--records', 'fixtures/records/sample-utf8.csv', '--hospitals', h, '--json']);
    expect(r.code).toBe(1);
    type Listed = { code: string; line?: number; column?: string }[];
    const j = JSON.parse(r.out) as { rejected: number; hospitals: { read: number; rejected: number; unknown: unknown[]; tableIssues: Listed; recordIssues: Listed } };
    expect(j.rejected).toBe(0);
    expect([j.hospitals.read, j.hospitals.rejected]).toEqual([3, 1]);
    expect(j.hospitals.unknown).toEqual([{ hospitalId: 'H410400002', cases: 2, firstLine: 4 }]);
    // Line 3 of the hospital table and line 4 of the records file: each list refers to one file.
    expect(j.hospitals.tableIssues.map((i) => [i.code, i.line, i.column])).toEqual([['hospitals.decimal.not_a_number', 3, 'coefficient']]);
    expect(j.hospitals.recordIssues.map((i) => [i.code, i.line, i.column])).toEqual([['run.unknown_hospital', 4, 'hospital_id']]);
    const t = await check(['--records', 'fixtures/records/sample-utf8.csv', '--hospitals', h]);
    expect(t.code).toBe(1);
    expect(t.out.trimEnd().split('\n').slice(-5)).toEqual([
      `${h}: 3 hospitals read, 1 rejected; 1 hospital ids of accepted records not in it (2 cases, excluded by dip settle)`,
      `hospital table issues (lines of ${h}):`,
      '  line 3, coefficient: error hospitals.decimal.not_a_number: coefficient: "abc" is not a decimal number',
      'unknown hospitals (lines of fixtures/records/sample-utf8.csv):',
      '  line 4, hospital_id: error run.unknown_hospital: hospital H410400002 is not in the hospital table: its 2 case(s) would be excluded from the settlement (first on line 4)',
    ]);
  });

  it('a hospital listed twice is a table error (line 5 of the table) and exits 1 although every hospital of the records is known', async () => {
    const h = table('dup.csv', ['H410400001,A,三级,1.00', 'H410400002,B,二级,0.85', 'H410400003,C,一级,0.70', 'H410400001,A,三级,1.00']);
    const r = await check(['--records', 'fixtures/records/sample-utf8.csv', '--hospitals', h, '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { rejected: number; hospitals: { read: number; rejected: number; tableIssues: { severity: string; code: string; line?: number }[]; recordIssues: unknown[] } };
    expect([j.rejected, j.hospitals.read, j.hospitals.rejected]).toEqual([0, 4, 1]);
    expect(j.hospitals.recordIssues).toEqual([]);
    expect(j.hospitals.tableIssues.map((i) => [i.severity, i.code, i.line])).toEqual([['error', 'hospitals.duplicate_id', 5]]);
  });

  it('an unreadable hospital table is a fatal error naming that file (exit 2); without --hospitals the JSON has no hospitals key', async () => {
    const missing = join(tmp, 'missing.csv');
    const r = await check(['--records', 'fixtures/records/sample-utf8.csv', '--hospitals', missing, '--json']);
    expect(r.code).toBe(2);
    expect(r.err.startsWith(`dip check: ${missing}: `)).toBe(true);
    expect((JSON.parse(r.out) as { file: string; fatal: { code: string } }).fatal.code).toBe('io.read_failed');
    const plain = JSON.parse((await check(['--records', 'fixtures/records/sample-utf8.csv', '--json'])).out) as object;
    expect('hospitals' in plain).toBe(false);
  });
});
