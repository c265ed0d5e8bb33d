import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { CliIo } from '../../src/cli/io.js';
import { hospitalsPathFor, run } from '../../src/cli/commands/generate.js';
import { HOSPITAL_COLUMNS, SYNTHETIC_COLUMNS } from '../../src/synthetic/index.js';
import { FIXTURES } from './tables.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dip-generate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stderrIsTTY: false, cwd: dir };
}

const sha = async (p: string): Promise<string> => createHash('sha256').update(await readFile(p)).digest('hex');

describe('dip generate', () => {
  it('writes byte-identical records and hospitals files for the same options and seed', async () => {
    const args = ['--rows', '3000', '--seed', 'cli', '--hospitals', '12', '--bad-share', '0.05', '--fixtures', FIXTURES];
    const a = io();
    expect(await run([...args, '--out', 'a/records.csv'], a)).toBe(0);
    expect(a.out.join('')).toMatch(/^wrote 3000 rows \(/);
    const b = io();
    expect(await run([...args, '--out', 'b/records.csv'], b)).toBe(0);
    expect(await sha(join(dir, 'a/records.csv'))).toBe(await sha(join(dir, 'b/records.csv')));
    expect(await sha(join(dir, 'a/records-hospitals.csv'))).toBe(await sha(join(dir, 'b/records-hospitals.csv')));

    const records = parse(await readFile(join(dir, 'a/records.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(3000);
    expect(Object.keys(records[0] ?? {})).toEqual([...SYNTHETIC_COLUMNS]);
    const hospitals = parse(await readFile(join(dir, 'a/records-hospitals.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(hospitals).toHaveLength(12);
    expect(Object.keys(hospitals[0] ?? {})).toEqual([...HOSPITAL_COLUMNS]);
    expect(hospitals[0]).toMatchObject({ hospital_id: 'H410400001', level: '三级', institution_coefficient: '1.00' });
    expect(hospitals.map((h) => h['level'])).toEqual(['三级', '三级', '二级', '二级', '二级', '二级', '二级', '一级', '一级', '一级', '一级', '一级']);
    // The malformed-amount rows survive the CSV round trip (their comma is quoted).
    expect(records.some((r) => /,/.test(r['total_cost'] ?? ''))).toBe(true);
  });
  it('a different seed gives a different file', async () => {
    const base = ['--rows', '500', '--fixtures', FIXTURES, '--quiet'];
    expect(await run([...base, '--seed', 'x', '--out', 'x.csv'], io())).toBe(0);
    expect(await run([...base, '--seed', 'y', '--out', 'y.csv'], io())).toBe(0);
    expect(await sha(join(dir, 'x.csv'))).not.toBe(await sha(join(dir, 'y.csv')));
  });
  it('usage errors exit 2 with a message', async () => {
    const cases: [string[], RegExp][] = [
      [[], /--out is required/],
      [['--out', 'z.csv', '--rows', 'many'], /--rows needs an integer/],
      [['--out', 'z.csv', '--bad-share', '2', '--fixtures', FIXTURES], /badRowShare must be a share/],
      [['--out', 'z.csv', '--bogus'], /unknown option --bogus/],
      [['--out', 'z.csv', '--fixtures', join(dir, 'nowhere')], /ENOENT|no such file/],
    ];
    for (const [argv, msg] of cases) {
      const c = io();
      expect(await run(argv, c), argv.join(' ')).toBe(2);
      expect(c.err.join('')).toMatch(msg);
    }
  });
  it('--help prints the usage and exits 0', async () => {
    const c = io();
    expect(await run(['--help'], c)).toBe(0);
    expect(c.out.join('')).toMatch(/usage: dip generate/);
  });
  it('derives the hospitals path from the records path', () => {
    expect(hospitalsPathFor('data/r.csv')).toBe('data/r-hospitals.csv');
    expect(hospitalsPathFor('data/r')).toBe('data/r-hospitals.csv');
  });
});
