/**
 * `dip settle --workers N` must give byte for byte the outputs of the one-thread run: the ranges are cut at record
 * boundaries, the workers only parse and score, and the main thread applies duplicates, sums, issues and output in
 * file order. Small ranges (`--chunk-kib 8`, ~40 rows each) so that every file is cut many times, records with
 * quoted line breaks straddle the cuts, and duplicates fall in other ranges than their first occurrence.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import type { CliIo } from '../../src/cli/io.js';

const root = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'dip-settle-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo(): CliIo & { out: string[]; err: string[] } {
  const o: string[] = [];
  const e: string[] = [];
  return { out: o, err: e, stdout: (t) => void o.push(t), stderr: (t) => void e.push(t), stderrIsTTY: false, cwd: root };
}

const OUTPUTS = ['cases.csv', 'issues.csv', 'hospitals.csv'];

async function settle(records: string, hospitals: string, out: string, extra: string[]): Promise<{ code: number; stdout: string; stderr: string; files: Record<string, string> }> {
  const io = fakeIo();
  const code = await main(
    ['settle', '--preset', 'pingdingshan-2025', '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--stats', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv', '--records', records, '--hospitals', hospitals, '--funds', 'employee=60000000,resident=90000000', '--out', out, ...extra],
    io,
  );
  // --workers makes --memory auto low (W9: the N + 1 heaps stay near their live data) and says so first; --dedup disk
  // reports its pre-pass on stderr; nothing else may appear there
  const stderr = io.err.join('');
  const memoryLow = /^dip settle: memory low: .*\n/;
  expect(memoryLow.test(stderr), 'memory low line').toBe(extra.includes('--workers') && !extra.includes('--memory'));
  expect(stderr.replace(memoryLow, '').replace(/^dip settle: duplicate check on disk: .*\n/, '')).toBe('');
  const files: Record<string, string> = {};
  for (const f of OUTPUTS) files[f] = readFileSync(join(out, f), 'utf8');
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  delete summary.wallTimeMs;
  files['summary.json'] = JSON.stringify(summary);
  return { code, stdout: io.out.join('').replace(/outputs in .*/, ''), stderr, files };
}

let generated = '';
let generatedHospitals = '';
let quoted = '';

beforeAll(async () => {
  generated = join(dir, 'records.csv');
  generatedHospitals = join(dir, 'records-hospitals.csv');
  // 3,000 seeded cases with 2 % bad rows (duplicates among them)
  const code = await main(['generate', '--out', generated, '--rows', '3000', '--hospitals', '12', '--bad-share', '0.02', '--seed', 'workers-test', '--quiet'], fakeIo());
  expect(code).toBe(0);
  // the same rows, every 5th with a quoted multi-line cell holding commas and escaped quotes, CRLF line ends
  const lines = readFileSync(generated, 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const noteAt = header.indexOf('source_outlier'); // an extra column of the generator (ignored with one warning)
  expect(noteAt).toBeGreaterThan(0);
  quoted = join(dir, 'records-quoted.csv');
  const body = lines.map((l, i) => {
    if (i === 0 || i % 5 !== 0) return l;
    const cells = l.split(',');
    if (cells.length !== header.length) return l;
    cells[noteAt] = `"转科,\n第${i}行 ""备注""\r\n完"`;
    return cells.join(',');
  });
  writeFileSync(quoted, `${body.join('\r\n')}\r\n`, 'utf8');
}, 120_000);

describe('dip settle --workers', () => {
  it('2 and 3 workers write the same four outputs as the one-thread run (generated year, 8 KiB ranges)', async () => {
    const one = await settle(generated, generatedHospitals, join(dir, 'one'), []);
    expect(one.code).toBe(1); // the seeded bad rows
    expect(one.files['cases.csv']!.split('\n').length).toBeGreaterThan(2900);
    expect(one.files['issues.csv']).toContain('record.duplicate_case');
    for (const w of ['2', '3']) {
      const par = await settle(generated, generatedHospitals, join(dir, `w${w}`), ['--workers', w, '--chunk-kib', '8']);
      expect(par.code).toBe(one.code);
      expect(par.stdout).toBe(one.stdout);
      for (const f of Object.keys(one.files)) expect(par.files[f], f).toBe(one.files[f]);
    }
  }, 180_000);

  it('records with quoted line breaks across range cuts and CRLF line ends: same outputs, same physical lines', async () => {
    const one = await settle(quoted, generatedHospitals, join(dir, 'q-one'), []);
    const par = await settle(quoted, generatedHospitals, join(dir, 'q-w2'), ['--workers', '2', '--chunk-kib', '8']);
    for (const f of Object.keys(one.files)) expect(par.files[f], f).toBe(one.files[f]);
    // the 5th data row (line 6) holds two quoted line breaks, so the 6th starts on physical line 9
    const firstLines = one.files['cases.csv']!.split('\n').slice(1, 12).map((l) => Number(l.split(',')[0]));
    expect(firstLines.slice(0, 6)).toEqual([2, 3, 4, 5, 6, 9]);
  }, 180_000);

  it('a GB18030 file with Chinese headers: same outputs with workers', async () => {
    const gb = 'fixtures/records/bad-rows-1000.gb18030.csv';
    const hospitals = 'examples/small/hospitals.csv';
    const one = await settle(gb, hospitals, join(dir, 'gb-one'), ['--year', '2025']);
    const par = await settle(gb, hospitals, join(dir, 'gb-w2'), ['--year', '2025', '--workers', '2', '--chunk-kib', '4']);
    expect(JSON.parse(par.files['summary.json']!).read).toMatchObject({ encoding: 'gb18030', read: 1000, accepted: 963, rejected: 37 });
    for (const f of Object.keys(one.files)) expect(par.files[f], f).toBe(one.files[f]);
  }, 180_000);

  it('examples/small with scores, audit, prepayments and special cases: same outputs with workers', async () => {
    const run = async (out: string, extra: string[]): Promise<Record<string, string>> => {
      const io = fakeIo();
      const small = (f: string): string => `examples/small/${f}`;
      const code = await main(
        ['settle', '--policy', small('policy.json'), '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--stats', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv', '--records', small('records.csv'), '--hospitals', small('hospitals.csv'),
          '--scores', small('scores.csv'), '--audit', small('audit.csv'), '--prepayments', small('prepayments.csv'), '--special-cases', small('special-cases.csv'), '--out', join(dir, out), ...extra],
        io,
      );
      expect(code).toBe(1);
      const files: Record<string, string> = {};
      for (const f of OUTPUTS) files[f] = readFileSync(join(dir, out, f), 'utf8');
      const summary = JSON.parse(readFileSync(join(dir, out, 'summary.json'), 'utf8'));
      delete summary.wallTimeMs;
      files['summary.json'] = JSON.stringify(summary);
      return files;
    };
    const one = await run('small-one', []);
    expect(one['hospitals.csv']).toContain('special_cases');
    const par = await run('small-w2', ['--workers', '2', '--chunk-kib', '1']);
    for (const f of Object.keys(one)) expect(par[f], f).toBe(one[f]);
  }, 120_000);

  it('fatal read errors: same exit code and message with workers (missing file, empty, header problems, unclosed quote, NUL, bad UTF-8)', async () => {
    const bad = readFileSync(join(root, 'fixtures/records/bad-rows-1000.csv'));
    const mid = bad.indexOf(10, bad.length >> 1);
    const third = bad.indexOf(10, Math.floor(bad.length / 3));
    const files: Record<string, Buffer | string> = {
      empty: '',
      blank: '\n\n',
      headerOnly: `${bad.subarray(0, bad.indexOf(10)).toString()}\n`,
      headerBadThenUnclosed: 'a,b\n1,"x\n',
      unclosedAtEnd: Buffer.concat([bad, Buffer.from('Z9,H1,"unclosed\n')]),
      nul: Buffer.concat([bad.subarray(0, mid + 5), Buffer.from([0]), bad.subarray(mid + 5)]),
      badUtf8: Buffer.concat([bad.subarray(0, third + 3), Buffer.from([0xff, 0xfe]), bad.subarray(third + 3)]),
    };
    const outcome = async (records: string, extra: string[]): Promise<[number, string]> => {
      const io = fakeIo();
      const code = await main(['settle', '--preset', 'pingdingshan-2025', '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--records', records, '--hospitals', 'examples/small/hospitals.csv', '--out', join(dir, 'fatal'), ...extra], io);
      return [code, io.err.join('')];
    };
    for (const [name, content] of [...Object.entries(files), ['missing', undefined] as const]) {
      const path = join(dir, `fatal-${name}.csv`);
      if (content !== undefined) writeFileSync(path, content);
      const one = await outcome(path, []);
      expect(one[0], name).toBe(2);
      // with workers --memory auto is low, said on the first stderr line (W9); the rest is the one-thread outcome
      const [code, err] = await outcome(path, ['--workers', '2', '--chunk-kib', '4']);
      expect(err, name).toMatch(/^dip settle: memory low: .*\n/);
      expect([code, err.replace(/^dip settle: memory low: .*\n/, '')], name).toEqual(one);
      expect(await outcome(path, ['--dedup', 'disk']), name).toEqual(one);
    }
  }, 180_000);

  it('--dedup disk: the duplicates found by the on-disk pre-pass give the same outputs, one thread and 2 workers', async () => {
    for (const [name, records] of [['gen', generated], ['quoted', quoted]] as const) {
      const memory = await settle(records, generatedHospitals, join(dir, `dd-${name}-mem`), ['--dedup', 'memory']);
      expect(memory.files['issues.csv']).toContain('record.duplicate_case');
      expect(memory.stderr).toBe('');
      const duplicates = JSON.parse(memory.files['summary.json']!).read.duplicates as number;
      expect(duplicates).toBeGreaterThan(0);
      for (const extra of [['--dedup', 'disk'], ['--dedup', 'disk', '--workers', '2', '--chunk-kib', '8']]) {
        const disk = await settle(records, generatedHospitals, join(dir, `dd-${name}-${extra.length}`), extra);
        // the pre-pass ran and found the same duplicates (outputs alone would not show that it was used)
        expect(disk.stderr.replace(/^dip settle: memory low: .*\n/, '')).toMatch(new RegExp(`^dip settle: duplicate check on disk: [\\d,]+ case keys, ${duplicates.toLocaleString('en-US')} duplicates, \\d+ buckets`));
        expect(disk.code).toBe(memory.code);
        expect(disk.stdout).toBe(memory.stdout);
        for (const f of Object.keys(memory.files)) expect(disk.files[f], `${name} ${extra.join(' ')} ${f}`).toBe(memory.files[f]);
      }
    }
  }, 180_000);

  it('rejects a bad --workers, a --chunk-kib without workers or a bad --dedup (exit 2)', async () => {
    for (const extra of [['--workers', '0'], ['--workers', 'two'], ['--chunk-kib', '8'], ['--dedup', 'ram']]) {
      const io = fakeIo();
      const code = await main(['settle', '--preset', 'pingdingshan-2025', '--catalog', 'x.csv', '--records', 'r.csv', '--hospitals', 'h.csv', ...extra], io);
      expect(code).toBe(2);
      expect(io.err.join('')).toMatch(/--workers|--chunk-kib|--dedup/);
    }
  });
});
