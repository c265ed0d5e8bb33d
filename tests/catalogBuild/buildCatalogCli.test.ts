import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/build-catalog.js';
import { loadCatalog } from '../../src/io/loadCatalog.js';
import { getPreset } from '../../src/policy/index.js';

const dir = mkdtempSync(join(tmpdir(), 'dip-build-catalog-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'case_id,hospital_id,insurance_type,admission_date,discharge_date,age,principal_dx,principal_procedure,other_procedures,los_days,total_cost,fund_paid,patient_paid';
let seq = 0;
function rows(n: number, year: number, dx: string, cost: string, main = '', other = ''): string[] {
  return Array.from({ length: n }, () => `C${++seq},H1,employee,${year}-05-01,${year}-05-05,50,${dx},${main},${other},4,${cost},0.00,${cost}`);
}
function file(name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, `${HEADER}\n${lines.join('\n')}\n`);
  return p;
}
function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), stderrIsTTY: false, cwd: dir } };
}

describe('dip build-catalog (CLI)', () => {
  it('builds from three yearly files and writes catalog.csv, catalog.json and report.json', async () => {
    const r22 = file('r2022.csv', rows(1, 2022, 'A09.000', '500.00'));
    const r23 = file('r2023.csv', rows(2, 2023, 'K35.300', '4000.00', '47.0100'));
    const r24 = file('r2024.csv', [
      ...rows(3, 2024, 'K35.300', '1000.00'),
      ...rows(2, 2024, 'K35.300', '5000.00', '47.0100'),
      ...rows(3, 2024, 'K35.300', '6000.00', '47.0100', '54.5100'),
      ...rows(3, 2024, 'K35.301', '5200.00', '47.0100', '99.0400'),
      ...rows(2, 2024, 'K35.200', '3000.00', '47.0900'),
      ...rows(1, 2024, 'K35.800', '3600.00', '47.0100'),
      ...rows(1, 2024, 'K37.x00', '2000.00', '88.0100'),
      'BAD1,H1,employee,2024-05-01,2024-05-05,50,K35.300,,,4,abc,0.00,0.00',
    ]);
    // a policy whose catalogBuild section sets T = 3 (the hand-worked history of buildCatalog.test.ts)
    const preset = structuredClone(getPreset('national-2024')) as unknown as { parameters: Record<string, unknown> };
    preset.parameters['catalogBuild'] = [{ from: '2020-01-01', source: 'engineDefaults', value: { coreThreshold: 3 } }];
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify(preset));
    const t = io();
    const code = await run(['--history', `${r22},${r23},${r24}`, '--years', '2022,2023,2024', '--policy', 'policy.json', '--out', 'out'], t.io);
    expect(t.err.join('')).toBe('');
    expect(code).toBe(1); // one rejected row
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'));
    expect(report.reads.map((r: { accepted: number; rejected: number }) => [r.accepted, r.rejected])).toEqual([[1, 0], [2, 0], [15, 1]]);
    expect(report.build.coreThreshold).toBe(3);
    expect(report.regionAverageCost).toBe('3566');
    const loaded = await loadCatalog(join(dir, 'out', 'catalog.csv'));
    expect(loaded.catalog.packets.map((p) => [p.code, p.points])).toEqual([
      ['K35.3', '280.426248'],
      ['K35.3:47.0100', '1365.987412'],
      ['K35.3:47.0100_54.5100', '1682.557487'],
      ['K35:SS', '897.363993'],
    ]);
    const fromJson = await loadCatalog(join(dir, 'out', 'catalog.json'));
    expect(fromJson.catalog.contentHash).toBe(report.catalog.hash);
    expect(t.out.join('')).toContain('core threshold T = 3');
    expect([report.budgetPointValue, report.budgetPointValueMethod]).toEqual(['3.612115', 'mean']);
  });

  it("follows the policy's pvMethod (DIP-RULES.md §7.1): optimal1D over two hospitals keeps the one below the regional mean", async () => {
    // H1: 2024 cost 1,000 ×3; H2: 2024 cost 3,000 ×3, same diagnosis → same packet points P per case, so v_H1 < v̄ < v_H2
    const lines = (h: string, cost: string, n: number): string[] => rows(n, 2024, 'K35.300', cost).map((l) => l.replace(',H1,', `,${h},`));
    const r22 = file('o2022.csv', rows(1, 2022, 'K35.300', '2000.00'));
    const r23 = file('o2023.csv', rows(1, 2023, 'K35.300', '2000.00'));
    const r24 = file('o2024.csv', [...lines('H1', '1000.00', 3), ...lines('H2', '3000.00', 3)]);
    const results: unknown[] = [];
    for (const pvMethod of ['mean', 'optimal1D']) {
      const preset = structuredClone(getPreset('national-2024')) as unknown as { parameters: Record<string, { value: Record<string, unknown> }[]> };
      preset.parameters['catalogBuild'] = [{ from: '2020-01-01', source: 'engineDefaults', value: { coreThreshold: 3 } }] as never;
      for (const e of preset.parameters['pointValue']!) e.value = { ...e.value, pvMethod };
      writeFileSync(join(dir, `policy-${pvMethod}.json`), JSON.stringify(preset));
      const t = io();
      expect(await run(['--history', `${r22},${r23},${r24}`, '--years', '2022,2023,2024', '--policy', `policy-${pvMethod}.json`, '--out', `out-${pvMethod}`], t.io)).toBe(0);
      const report = JSON.parse(readFileSync(join(dir, `out-${pvMethod}`, 'report.json'), 'utf8'));
      results.push([report.budgetPointValueMethod, report.budgetPointValue]);
    }
    // one packet K35.3 (8 cases ≥ T = 3), mean cost 2,000 in every year = M → RW 1,000 points per case (coefficient 1).
    // mean: C_y = 2,000 / 2,000 / 12,000, P_y = 1,000 / 1,000 / 6,000, weights 1:2:7 → 90,000 / 45,000 = 2.
    // optimal1D (hospital years weighted first): H1 27,000 / 24,000 = 1.125, H2 63,000 / 21,000 = 3, v̄ = 2 → H1 → 1.125
    expect(results).toEqual([['mean', '2'], ['optimal1D', '1.125']]);
  });

  it('without a policy the §10 defaults apply: one history year against weights 1:2:7 is a usage error (exit 2)', async () => {
    const r = file('small.csv', rows(3, 2024, 'K35.300', '1000.00'));
    const t = io();
    expect(await run(['--history', r, '--years', '2024', '--out', 'out2', '--json'], t.io)).toBe(2);
    expect(t.err.join('')).toContain('1 years but 3 year weights');
  });

  it('usage errors exit 2', async () => {
    const t = io();
    expect(await run(['--history', 'a.csv,b.csv', '--years', '2023', '--out', 'o'], t.io)).toBe(2);
    expect(t.err.join('')).toContain('--history has 2 files but --years has 1 years');
  });
});
