/**
 * The `--dedup disk` pre-pass reads a record on one line without quotes in place (`CsvTokenizer` `onLine`: commas
 * found with `indexOf`, the two key cells sliced) instead of splitting it. Against the frozen copy of the split
 * version (`tests/io/reference/scanDuplicateCasesH5.ts`, commit 119ced2): the same stats, the same duplicate lines
 * with the same first lines and key hashes, in the same order, on random files — random headers (key columns
 * anywhere, unknown columns), rows one or two cells short or long, empty / padded / non-ASCII key cells, quoted
 * cells with commas, quotes and line breaks (the split path), blank and whitespace-only lines, LF / CRLF / lone CR,
 * a last line without a line break, random bucket sizes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { REQUIRED_RECORD_COLUMNS } from '../../src/records/index.js';
import { scanDuplicateCases } from '../../src/io/scanDuplicateCases.js';
import { scanDuplicateCases as scanDuplicateCasesH5 } from './reference/scanDuplicateCasesH5.js';

const DIR = mkdtempSync(join(tmpdir(), 'dip-scan-h5-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
let n = 0;
const file = (text: string): string => {
  const f = join(DIR, `f${n++}.csv`);
  writeFileSync(f, text);
  return f;
};

/** Everything a pre-pass found, comparable across the two classes: stats, and the maps as entry lists in order. */
function found(keys: unknown): unknown {
  if (keys === undefined) return undefined;
  const k = keys as { stats: unknown; firstLines: Map<number, number>; hashes: Map<number, number> };
  return { stats: k.stats, firstLines: [...k.firstLines], hashes: [...k.hashes] };
}

const headerArb = fc
  .tuple(fc.shuffledSubarray([...REQUIRED_RECORD_COLUMNS, 'age'] as string[], { minLength: REQUIRED_RECORD_COLUMNS.length + 1 }), fc.array(fc.nat(), { maxLength: 3 }))
  .map(([cols, unknownAt]) => {
    const columns = [...cols];
    unknownAt.forEach((at, i) => columns.splice(at % (columns.length + 1), 0, `备注${i}`));
    return columns;
  });

const plainKey = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Z1', 'Z1', 'Z2', ' Z1', 'Z1 ', '\tZ1', 'Z1\u3000', '', '  ', '病1', 'Z\ufffd', '9', '09') },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-B][0-9]$/) },
);
const plainHospital = fc.constantFrom('H1', 'H1', ' H1', 'H1 ', 'H2', '', '医院1');
const quotedKey = fc.constantFrom('"Z,1"', '"Z\n1"', '"Z""1"', '"Z1"x', '"Z1"');
const plainOther = fc.constantFrom('310', '2025-01-01', '40', 'K35.300', '100.00', '', 'x y', ' ');
const quotedOther = fc.constantFrom('"a,b"', '"a\r\nb"', '"x"');

/** A data line: key and other cells plain (one line without quotes: the line path) or maybe quoted (the split path), then `shape` cells dropped (< 0) or added (> 0). */
const lineArb = (columns: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc
        .constantFrom(true, true, true, false)
        .chain((plain) => {
          const key = plain ? plainKey : fc.oneof(plainKey, quotedKey);
          const hospital = plain ? plainHospital : fc.oneof(plainHospital, quotedKey);
          const other = plain ? plainOther : fc.oneof(plainOther, quotedOther);
          return fc.tuple(fc.array(other, { minLength: columns.length, maxLength: columns.length }), hospital, key, fc.constantFrom(0, 0, 0, 0, -1, -2, 1, 2));
        })
        .map(([cells, h, c, shape]) => {
          const out = columns.map((col, i) => (col === 'hospital_id' ? h : col === 'case_id' ? c : (cells[i] as string)));
          if (shape < 0) out.splice(shape);
          for (let i = 0; i < shape; i++) out.push('z');
          return out.join(',');
        }),
    },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', ' \t ', ',', 'Z1', 'Z1,H1') },
  );

const fileArb = headerArb.chain((columns) =>
  fc.record({
    columns: fc.constant(columns),
    lines: fc.array(lineArb(columns), { minLength: 10, maxLength: 60 }),
    eols: fc.array(fc.constantFrom('\n', '\n', '\n', '\r\n', '\r\n', '\r'), { minLength: 61, maxLength: 61 }),
    last: fc.boolean(),
    bucket: fc.constantFrom(100, 300, 1000, 4000, 1 << 20),
  }),
);

describe('scanDuplicateCases line path = split reference (119ced2)', () => {
  it('same stats, duplicate lines, first lines and hashes on random files (seed 95, 400 runs)', async () => {
    let lines = 0;
    await fc.assert(
      fc.asyncProperty(fileArb, async ({ columns, lines: body, eols, last, bucket }) => {
        let text = columns.join(',');
        body.forEach((l, i) => (text += (eols[i] as string) + l));
        if (last) text += eols[60] as string;
        const f = file(text);
        const a = await scanDuplicateCases(f, { bucketInputBytes: bucket });
        const b = await scanDuplicateCasesH5(f, { bucketInputBytes: bucket });
        expect(found(a)).toStrictEqual(found(b));
        if (a !== undefined) lines += a.stats.duplicates;
      }),
      { numRuns: 400, seed: 95 },
    );
    expect(lines).toBeGreaterThan(100); // the runs found duplicates, not only clean files
  }, 300_000);

  it('literal: padded keys, short / long rows, a quoted row, CRLF and no final break', async () => {
    const header = 'hospital_id,x,case_id,insurance_type,admission_date,discharge_date,age,principal_dx,total_cost,fund_paid,patient_paid';
    const row = (h: string, c: string): string => `${h},n,${c},310,2025-01-01,2025-01-05,40,K35.300,100.00,70.00,30.00`;
    const text = [
      header,
      row('H1', 'Z1'), // 2
      row(' H1 ', 'Z1'), // 3: duplicate of 2 (trimmed)
      `${row('H1', 'Z1')},`, // 4: one cell too many: no key
      row('H1', 'Z1').slice(0, -6), // 5: one cell short: no key
      row('H1', '"Z1"'), // 6: quoted (split path): duplicate of 2
      row('H1', ''), // 7: empty case id: no key
      '  ', // 8: blank
      row('H2', 'Z1'), // 9
      row('H2', 'Z1'), // 10: duplicate of 9, no final line break
    ].join('\r\n');
    const f = file(text);
    const a = await scanDuplicateCases(f, { bucketInputBytes: 100 });
    expect(found(a)).toStrictEqual(found(await scanDuplicateCasesH5(f, { bucketInputBytes: 100 })));
    expect(a!.stats).toMatchObject({ rows: 8, keys: 5, duplicates: 3 });
    expect([...(a as unknown as { firstLines: Map<number, number> }).firstLines].sort((x, y) => x[0] - y[0])).toEqual([
      [3, 2],
      [6, 2],
      [10, 9],
    ]);
  });
});
