import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/validate-policy.js';
import type { CliIo } from '../../src/cli/io.js';
import { getPreset } from '../../src/policy/presets/index.js';
import { basePolicy } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'dip-policy-'));
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};

function fakeIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), stderrIsTTY: false, cwd: dir };
}

describe('dip validate-policy', () => {
  const good = write('good.json', JSON.stringify(getPreset('jining-2023')));
  const bad = (() => {
    const p = basePolicy();
    p.parameters.settlement[0].value.prepayRatio = '1.5';
    p.parameters.outlier[0].value.lowThreshold = '3';
    return write('bad.json', JSON.stringify(p));
  })();

  it('exit 0 and a summary for a valid policy', async () => {
    const io = fakeIo();
    expect(await run([good], io)).toBe(0);
    const text = io.out.join('');
    expect(text).toContain('OK jining-2023 "济宁 2023 DIP 规则", region 370800: 9 groups, 9 entries');
    expect(text).toContain('outlier       1 entry: 2023-01-01 → 2024-01-01');
  });

  it('exit 0 with --date: shows the entry in force and its provenance', async () => {
    const io = fakeIo();
    expect(await run([good, '--date', '2023-06-30'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/ungrouped {5}entry 0 \(2023-01-01 → 2024-01-01\), source jining2023Code/);
  });

  it('exit 0 with the preset files from schema/presets', async () => {
    const io = { ...fakeIo(), cwd: process.cwd() };
    expect(await run(['schema/presets/national-2024.json', '--date', '2025-01-01'], io)).toBe(0);
  });

  it('exit 1 and every issue with its path for an invalid policy', async () => {
    const io = fakeIo();
    expect(await run([bad], io)).toBe(1);
    const text = io.out.join('');
    expect(text).toContain('INVALID bad.json: 2 errors');
    expect(text).toContain('error policy.out_of_range at parameters.settlement[0].value.prepayRatio');
    expect(text).toContain('error policy.threshold_order at parameters.outlier[0].value.lowThreshold');
    expect(text).not.toContain('预付');
  });

  it('exit 1 with --locale zh-CN prints Chinese messages', async () => {
    const io = fakeIo();
    expect(await run([bad, '--locale', 'zh-CN'], io)).toBe(1);
    expect(io.out.join('')).toContain('低倍率阈值 3 必须小于高倍率阈值 2');
  });

  it('exit 1 with --json: a machine-readable report', async () => {
    const io = fakeIo();
    expect(await run([bad, '--json'], io)).toBe(1);
    const report = JSON.parse(io.out.join('')) as { ok: boolean; issues: { code: string; path: unknown[] }[] };
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => i.code)).toEqual(['policy.out_of_range', 'policy.threshold_order']);
    expect(report.issues[0]?.path).toEqual(['parameters', 'settlement', 0, 'value', 'prepayRatio']);
  });

  it('exit 1 when the policy has no entry at --date', async () => {
    const io = fakeIo();
    expect(await run([good, '--date', '2024-01-01', '--json'], io)).toBe(1);
    const report = JSON.parse(io.out.join('')) as { issues: { code: string }[] };
    expect(report.issues[0]?.code).toBe('policy.no_entry_in_force');
  });

  it('exit 0 with --json: summary and resolved values', async () => {
    const io = fakeIo();
    expect(await run([good, '--json', '--date', '2023-06-30'], io)).toBe(0);
    const report = JSON.parse(io.out.join('')) as { ok: boolean; resolved: { ungrouped: { blankPacketFactor: string } } };
    expect(report.ok).toBe(true);
    expect(report.resolved.ungrouped.blankPacketFactor).toBe('0.7');
  });

  it('exit 2: missing file argument, unknown option, bad locale, bad date', async () => {
    for (const argv of [[], [good, '--strict'], [good, '--locale', 'fr'], [good, '--date', '2023-02-30'], [good, good]]) {
      const io = fakeIo();
      expect(await run(argv, io), argv.join(' ')).toBe(2);
      expect(io.err.join('')).toContain('usage: dip validate-policy');
    }
  });

  it('exit 2: unreadable file, not JSON', async () => {
    const io1 = fakeIo();
    expect(await run(['does-not-exist.json'], io1)).toBe(2);
    expect(io1.err.join('')).toContain('cannot read does-not-exist.json');
    const io2 = fakeIo();
    expect(await run([write('broken.json', '{ "schemaVersion": 1, ')], io2)).toBe(2);
    expect(io2.err.join('')).toContain('is not JSON');
  });

  it('exit 0 for --help', async () => {
    const io = fakeIo();
    expect(await run(['--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('Exit: 0 valid, 1 invalid policy, 2 usage error');
  });
});
