import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/check.js';
import { DEDUP_DISK_BYTES, parseDedup } from '../../src/cli/dedup.js';
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

describe('dip check --dedup', () => {
  it('parses auto (the default), memory and disk; anything else is a usage error', () => {
    expect([parseDedup(undefined), parseDedup('auto'), parseDedup('memory'), parseDedup('disk')]).toEqual(['auto', 'auto', 'memory', 'disk']);
    expect(() => parseDedup('ram')).toThrow('--dedup ram: give auto, memory or disk');
    expect(DEDUP_DISK_BYTES).toBe(1_073_741_824);
  });

  it('disk finds the same duplicate as memory (bad-rows-1000: line 77 repeats the case of line 56), reports its pre-pass and leaves no bucket behind', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'dip-check-dedup-'));
    for (const [file, enc] of [['fixtures/records/bad-rows-1000.csv', 'utf8'], ['fixtures/records/bad-rows-1000.gb18030.csv', 'gb18030']] as const) {
      const memory = await check(['--records', file, '--json', '--dedup', 'memory']);
      const disk = await check(['--records', file, '--json', '--dedup', 'disk', '--tmp-dir', tmp, '--encoding', enc]);
      expect(memory.code).toBe(1);
      expect(disk.code).toBe(1);
      expect(JSON.parse(disk.out)).toEqual(JSON.parse(memory.out));
      const j = JSON.parse(disk.out) as { duplicates: number; issues: { code: string; line: number }[] };
      expect(j.duplicates).toBe(1);
      expect(j.issues.filter((i) => i.code === 'record.duplicate_case').map((i) => i.line)).toEqual([77]);
      // the pre-pass ran: 997 of the 1,000 rows register a key (one lacks its case id, one its hospital id, one has the wrong cell count)
      expect(disk.err).toBe('dip check: duplicate check on disk: 997 case keys, 1 duplicates, 1 buckets (0 MiB spilled, removed)\n');
      expect(memory.err).toBe('');
    }
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('auto stays in memory below 1 GiB (no pre-pass report)', async () => {
    const r = await check(['--records', 'fixtures/records/bad-rows-1000.csv', '--dedup', 'auto']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toContain('(1 duplicates)');
  });

  it('a file the pre-pass cannot read falls back to the reader, which reports the same fatal error as without --dedup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dip-check-dedup-bad-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'case_id,hospital_id,insurance_type,admission_date,discharge_date,age,principal_dx,total_cost,fund_paid,patient_paid\nZ1,"H1\n');
    const memory = await check(['--records', file, '--dedup', 'memory']);
    const disk = await check(['--records', file, '--dedup', 'disk', '--tmp-dir', dir]);
    expect(disk).toEqual(memory);
    expect(disk.code).toBe(2);
    expect(disk.err).toContain('[csv.unclosed_quote]');
    expect(readdirSync(dir)).toEqual(['bad.csv']);
  });

  it('--dedup ram is a usage error (exit 2)', async () => {
    const r = await check(['--records', 'fixtures/records/bad-rows-1000.csv', '--dedup', 'ram']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^dip check: --dedup ram: give auto, memory or disk\n\nusage: dip check/u);
  });
});
