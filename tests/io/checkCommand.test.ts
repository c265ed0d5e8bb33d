import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/check.js';
import type { CliIo } from '../../src/cli/io.js';

function fakeIo(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stderrIsTTY: false, cwd: process.cwd() }, out, err };
}

describe('dip check', () => {
  it('exit 0 and a summary when every row is accepted', async () => {
    const { io, out, err } = fakeIo();
    expect(await run(['--records', 'fixtures/records/sample-gb18030.csv'], io)).toBe(0);
    expect(out.join('')).toBe('fixtures/records/sample-gb18030.csv: 6 rows read, 6 accepted, 0 rejected (0 duplicates), 0 errors, 0 warnings; encoding gb18030\n');
    expect(err).toEqual([]);
  });

  it('exit 1 and every issue with line, column, code and message', async () => {
    const { io, out } = fakeIo();
    expect(await run(['--records', 'fixtures/records/bad-rows-1000.csv', '--max-issues', '3'], io)).toBe(1);
    const text = out.join('');
    expect(text.split('\n').slice(0, 6)).toEqual([
      'fixtures/records/bad-rows-1000.csv: 1000 rows read, 963 accepted, 37 rejected (1 duplicates), 37 errors, 4 warnings; encoding utf8',
      'issues:',
      '  line 1: warning header.unknown_column: ignoring 2 unknown column(s): "note", "source_remark"',
      '  line 57, los_days: error record.integer_invalid: los_days: "3.5" is not a whole number from 0 to 36600',
      '  line 72, secondary_dx: error record.dx_code_shape: secondary_dx: "ABC" is not an ICD-10 医保版 code',
      '  … 38 more issues not listed (raise --max-issues)',
    ]);
    expect(text).toContain('  record.duplicate_case: 1\n');
  });

  it('--json prints exactly one JSON object', async () => {
    const { io, out } = fakeIo();
    expect(await run(['--records', 'fixtures/records/bad-rows-1000.csv', '--json'], io)).toBe(1);
    expect(out).toHaveLength(1);
    const j = JSON.parse(out[0] ?? '') as { read: number; accepted: number; rejected: number; duplicates: number; warnings: number; issues: { line: number; code: string }[] };
    expect([j.read, j.accepted, j.rejected, j.duplicates, j.warnings, j.issues.length]).toEqual([1000, 963, 37, 1, 4, 41]);
    expect(j.issues[1]).toMatchObject({ line: 57, code: 'record.integer_invalid', column: 'los_days' });
  });

  it('exit 2 on a malformed file: message on stderr, no stack trace; JSON names the fatal error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dip-check-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'case_id,hospital_id\n"Z1,H1\n');
    const { io, out, err } = fakeIo();
    expect(await run(['--records', file], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toMatch(/^dip check: .*bad\.csv: line 1: the header lacks required column\(s\): insurance_type, .* \[header\.missing_required\]\n$/u);
    writeFileSync(file, 'case_id,hospital_id,insurance_type,admission_date,discharge_date,age,principal_dx,total_cost,fund_paid,patient_paid\nZ1,"H1\n');
    const j = fakeIo();
    expect(await run(['--records', file, '--json'], j.io)).toBe(2);
    expect(JSON.parse(j.out.join(''))).toEqual({ file, fatal: { code: 'csv.unclosed_quote', line: 2, message: 'a quoted field opened at line 2 is never closed (unbalanced quotes)' } });
    expect(j.err.join('')).not.toMatch(/\n\s+at /u);
  });

  it('exit 2 on usage errors and unreadable files', async () => {
    for (const argv of [[], ['--records'], ['--records', 'x.csv', '--encoding', 'latin1'], ['--records', 'x.csv', '--max-issues', '-1'], ['--bogus']]) {
      const { io, err } = fakeIo();
      expect(await run(argv, io)).toBe(2);
      expect(err.join('')).toMatch(/^dip check: .*\n\nusage: dip check/u);
    }
    const { io, err } = fakeIo();
    expect(await run(['--records', 'fixtures/records/none.csv'], io)).toBe(2);
    expect(err.join('')).toMatch(/^dip check: fixtures\/records\/none\.csv: cannot read .*ENOENT.* \[io\.read_failed\]\n$/u);
  });

  it('--encoding forces the decoder', async () => {
    const { io, err } = fakeIo();
    expect(await run(['--records', 'fixtures/records/sample-gb18030.csv', '--encoding', 'utf8'], io)).toBe(2);
    expect(err.join('')).toContain('[encoding.invalid]');
  });
});
