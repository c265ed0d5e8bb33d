import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RecordsReadError, collectRecords, readRecords } from '../../src/io/index.js';
import type { ReadRecordsOptions, RecordEvent } from '../../src/io/index.js';
import { scanDuplicateCases } from '../../src/io/scanDuplicateCases.js';

const DIR = mkdtempSync(join(tmpdir(), 'dip-scan-dup-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
let n = 0;
const file = (text: string | Uint8Array): string => {
  const f = join(DIR, `f${n++}.csv`);
  writeFileSync(f, text);
  return f;
};

const HEADER = 'case_id,hospital_id,insurance_type,admission_date,discharge_date,age,principal_dx,total_cost,fund_paid,patient_paid';
const row = (id: string, h = 'H1', cost = '100.00'): string => `${id},${h},310,2025-01-01,2025-01-05,40,K35.300,${cost},70.00,30.00`;

async function events(path: string, options: ReadRecordsOptions = {}): Promise<RecordEvent[]> {
  const out: RecordEvent[] = [];
  for await (const e of readRecords(path, options)) out.push(e);
  return out;
}

describe('scanDuplicateCases: the pre-pass finds what the in-memory key set finds', () => {
  it('a worked file: duplicates within and across hospitals, padded ids, a short row, empty keys', async () => {
    const f = file(
      [
        HEADER,
        row('Z1'), // 2
        row('Z2'), // 3
        row(' Z1 '), // 4: duplicate of line 2 (ids are trimmed)
        row('Z1', 'H2'), // 5: another hospital, not a duplicate
        'Z1,H1', // 6: wrong cell count, registers no key
        row('', 'H1'), // 7: empty case id, no key
        row('Z2', 'H1', 'abc'), // 8: duplicate of 3 (and a bad cost)
        row('Z1'), // 9: duplicate of 2
        '',
      ].join('\n'),
    );
    const keys = await scanDuplicateCases(f, { bucketInputBytes: 40 });
    expect(keys?.stats).toEqual({ rows: 8, keys: 6, duplicates: 3, buckets: expect.any(Number) as number, spilledBytes: expect.any(Number) as number });
    expect(keys!.stats.buckets).toBeGreaterThan(1);
    const withDisk = await events(f, { caseKeys: keys! });
    keys!.assertComplete();
    expect(withDisk).toEqual(await events(f));
    const dup = withDisk.filter((e) => e.type === 'rejected' && e.issues.some((i) => i.code === 'record.duplicate_case')).map((e) => (e as { line: number }).line);
    expect(dup).toEqual([4, 8, 9]);
  });

  it('property: same events as readRecords without it, for any bucket size (ids with padding, quotes, commas, line breaks, non-ASCII, lone surrogates)', async () => {
    const id = fc.oneof(
      fc.constantFrom('Z1', 'Z2', 'Z01', 'Z1 ', ' Z1', 'z1', '"Z,1"', '"Z\n1"', '病1', 'Z\ud800', 'Z\udc00', 'Z\ufffd', '', '  ', '9', '09', 'C20250000001'),
      fc.stringMatching(/^[A-Z][0-9]{1,3}$/),
    );
    const hospital = fc.constantFrom('H1', 'H2', ' H1', 'H1\u3000', '', '医院1');
    const line = fc.oneof(
      { weight: 8, arbitrary: fc.tuple(id, hospital).map(([i, h]) => row(i, h)) },
      { weight: 1, arbitrary: fc.tuple(id, hospital).map(([i, h]) => `${i},${h}`) },
      { weight: 1, arbitrary: fc.constant('') },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 40 }), fc.integer({ min: 1, max: 400 }), fc.constantFrom('\n', '\r\n'), async (lines, bucket, eol) => {
        const f = file([HEADER, ...lines].join(eol) + eol);
        const keys = await scanDuplicateCases(f, { bucketInputBytes: bucket });
        expect(keys).toBeDefined();
        const a = await events(f, { caseKeys: keys! });
        keys!.assertComplete();
        expect(a).toEqual(await events(f));
      }),
      { numRuns: 150, seed: 20261123 },
    );
  });

  it('GB18030 files (Chinese header): the same duplicates as the in-memory set', async () => {
    const src = readFileSync('fixtures/records/sample-gb18030.csv');
    const a = src.indexOf(10);
    const b = src.indexOf(10, a + 1);
    const f = file(Buffer.concat([src, src.subarray(a + 1, b + 1), src.subarray(a + 1, b + 1)]));
    const keys = await scanDuplicateCases(f, { bucketInputBytes: 10 });
    const withDisk = await events(f, { caseKeys: keys! });
    keys!.assertComplete();
    expect(withDisk).toEqual(await events(f));
    expect(keys!.stats.duplicates).toBe(2);
  });

  it('a file that cannot be read as records gives undefined (the run reports the error itself)', async () => {
    expect(await scanDuplicateCases(join(DIR, 'missing.csv'))).toBeUndefined();
    expect(await scanDuplicateCases(file(''))).toBeUndefined();
    expect(await scanDuplicateCases(file('case_id,remark\nZ1,x\n'))).toBeUndefined();
    expect(await scanDuplicateCases(file(`${HEADER}\n${row('"Z1')}\n`))).toBeUndefined();
  });

  it('a file changed between the passes is an error, not a silent miscount', async () => {
    const a = file([HEADER, row('Z1'), row('Z1'), ''].join('\n'));
    const b = file([HEADER, row('Z1'), row('Z2'), ''].join('\n'));
    const c = file([HEADER, row('Z1'), row('Z3'), row('Z4'), ''].join('\n'));
    const keysA = await scanDuplicateCases(a);
    await expect(collectRecords(b, { caseKeys: keysA! })).rejects.toThrow(RecordsReadError);
    const keysB = await scanDuplicateCases(b);
    await collectRecords(c, { caseKeys: keysB! });
    expect(() => keysB!.assertComplete()).toThrow(/pre-pass saw 2 case keys, the run 3/);
  });
});
