/** `dip group` end to end on the Pingdingshan catalog and the sample records (fixtures/records). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/group.js';
import type { CliIo } from '../../src/cli/io.js';

function fakeIo(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stderrIsTTY: false, cwd: process.cwd() }, out, err };
}

const BASE = ['--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--stats', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv'];

describe('dip group', () => {
  it('writes groups.csv for the six sample records under the pingdingshan-2025 preset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dip-group-'));
    const { io, out } = fakeIo();
    expect(await run([...BASE, '--preset', 'pingdingshan-2025', '--records', 'fixtures/records/sample-utf8.csv', '--out', dir], io)).toBe(0);
    expect(readFileSync(join(dir, 'groups.csv'), 'utf8').split('\n')).toEqual([
      'case_id,hospital_id,packet_code,packet_kind,reason,route,proc_class,aux_subtype,aux_coef,packet_points,issue_codes',
      // K35.300x001 + 47.0100 → core (1484.833425 in catalog.csv)
      'Z0001,H410400001,K35.3:47.0100,core,,core,surgery,,1,1484.833425,',
      // P07.300, no procedure → conservative core packet
      'Z0002,H410400001,P07.3,core,,conservativeCore,conservative,,1,1065.740964,',
      // A01 has no packet at all → chapter 01 (A00–B99) fallback, no procedure → BSZL
      'Z0003,H410400002,CP01:BSZL,fallback,,chapterPacket,conservative,,1,1000,',
      // I63.900 + 00.6600x008 (介入治疗) → no core packet → I63:SS (interventional counts as surgery)
      'Z0004,H410400002,I63:SS,comprehensive,,comprehensive,interventional,,1,2785.827936,',
      // C34.900 + 32.4100 alone: both C34.9:32.4100_* need a related procedure, no principal-only sibling → C34:SS
      'Z0005,H410400003,C34:SS,comprehensive,,comprehensive,surgery,,1,5521.243737,',
      'Z0006,H410400003,P59.9,core,,conservativeCore,conservative,,1,639.630728,',
      '',
    ]);
    const text = out.join('');
    expect(text).toContain('grouped 6 of 6 (1), ungrouped 0\n');
    expect(text).toContain('routes: chapterPacket 1, comprehensive 2, conservativeCore 2, core 1\n');
  });

  it('protects text cells against formula injection and reports ungrouped reasons; rejected rows are not grouped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dip-group-'));
    const lines = readFileSync('fixtures/records/sample-utf8.csv', 'utf8').split('\n');
    const header = lines[0]!;
    const row = lines[1]!.split(',');
    const make = (caseId: string, hospital: string, dx: string): string => [caseId, hospital, ...row.slice(2, 10), dx, ...row.slice(11)].join(',');
    const records = [header, make('=1+1', '@H1', 'K35.300x001'), make('-2', 'H1', 'D52.000'), make('+3', 'H1', '')].join('\n');
    const file = join(dir, 'records.csv');
    writeFileSync(file, `${records}\n`);
    const { io, out } = fakeIo();
    // Defaults (no preset): fallbackChain [] → D52 ungrouped; the empty principal_dx row is rejected by the reader.
    expect(await run([...BASE, '--records', file, '--out', dir], io)).toBe(1);
    expect(readFileSync(join(dir, 'groups.csv'), 'utf8').split('\n')).toEqual([
      'case_id,hospital_id,packet_code,packet_kind,reason,route,proc_class,aux_subtype,aux_coef,packet_points,issue_codes',
      "'=1+1,'@H1,K35.3:47.0100,core,,core,surgery,,1,1484.833425,",
      "'-2,H1,,,NO_PACKET_FOR_DIAGNOSIS,,surgery,,,,",
      '',
    ]);
    const text = out.join('');
    expect(text).toContain('records: 3 rows read, 2 accepted, 1 rejected (not grouped)\n');
    expect(text).toContain('  NO_PACKET_FOR_DIAGNOSIS: 1\n');
    expect(text).toContain('  D52.000: 1\n');
  });

  it('usage errors exit 2', async () => {
    const { io, err } = fakeIo();
    expect(await run(['--catalog', 'x.csv'], io)).toBe(2);
    expect(err.join('')).toContain('--records is required');
    expect(await run([...BASE, '--records', 'r.csv', '--out', 'o', '--preset', 'nowhere-2099'], io)).toBe(2);
  });
});
