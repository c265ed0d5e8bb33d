/**
 * Pass 2 of `dip settle` (`addCaseMoney`) after o9's changes — the plain line's cells up to 12 found by a scan that only
 * reads, the line then copied by one native `Buffer#copy` (instead of one loop copying and scanning byte by byte), and
 * the money amounts below 2^31 written by int32 digit arithmetic (`putFixed`) — against the pass frozen at e449fda
 * (`addCaseMoneyO9` of `tests/cli/reference/outputO9.ts`): the same cases.csv bytes for random spills — lines with 0
 * to 20 cells (fewer than 13, exactly 13, more: the break after cell 12), empty cells and commas at either end, encoded
 * records with quotes, non-ASCII and lone-surrogate hospital ids, pools known and unknown, points and ratios on and off
 * the safe-integer path (amounts around 2^31 and up to 2^53), any money rule, both fund-share methods, read chunks of
 * 1–40 bytes or the default, spills long enough to cross the 64 KiB output chunk several times. These properties are
 * those of the former addCaseMoneyBytesW6.test.ts (w6 against 41cee81), retargeted at the e449fda copy with the same
 * generators, seeds (6601, 6602) and runs (1,500, 6). The text pass (a242c96), the oldest oracle, is still checked by
 * addCaseMoneyBytesH4.test.ts.
 *
 * Pass 1's `CaseSpillWriter` against the e449fda `CaseSpillWriterO9`, whose cell copy is the frozen 7a8ae23
 * `putPlainCell` (not the live one): rows of plain cells with 0–2 cells that are not (quote, CR, LF, comma, formula
 * starts, non-ASCII; seed 9903, 1,000 runs) catch a live `putPlainCell` that lets `"` through or takes bytes up to 255
 * as ASCII (r10).
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { CASE_HEADER, CASE_NUMERIC, CaseSpillWriter, addCaseMoney, putFixed } from '../../src/cli/commands/settle.js';
import { encodeCsvRow } from '../../src/io/writeCsv.js';
import { ROUNDING_MODES } from '../../src/decimal/index.js';
import type { RoundingRule } from '../../src/decimal/index.js';
import type { ResolvedPolicy } from '../../src/policy/index.js';
import type { CaseResult, SettlementRun } from '../../src/run/types.js';
import { CaseSpillWriterO9, addCaseMoneyO9, putFixed as putFixedO9 } from './reference/outputO9.js';

const dir = mkdtempSync(join(tmpdir(), 'dip-output-o9-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const digits = (min: number, max: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const decimalText = (int: number, frac: number): fc.Arbitrary<string> => fc.tuple(digits(1, int), digits(0, frac)).map(([i, f]) => (f === '' ? i : `${i}.${f}`));
const pointsArb = fc.oneof(
  { weight: 6, arbitrary: decimalText(6, 4) },
  { weight: 1, arbitrary: decimalText(17, 3) },
  { weight: 1, arbitrary: fc.constantFrom('', '0', '.5', '5.', '1e3', '-1', '9007199254740993', ' 1') },
);
const ratioArb = fc.oneof({ weight: 5, arbitrary: decimalText(1, 12) }, { weight: 1, arbitrary: fc.constantFrom('1', '0', '1e-1', '', decimalText(1, 17) as never) });
const HOSPITALS = ['H1', 'H2', '', '医院3', 'H\ud800', 'H\ufffd', 'Aa', 'BB'];
const POOLS = ['employee', 'resident', 'all', '', '池'];
const STATUSES = ['grouped', 'ungrouped', 'grouped', 'ungrouped', 'rejected', 'groupe', 'ungroupedX', ''];
const cellText = fc.oneof({ weight: 6, arbitrary: fc.stringMatching(/^[a-z0-9.:-]{0,6}$/) }, { weight: 1, arbitrary: fc.constantFrom('x"y', 'a,b', '病', '\ud83d\ude00', '=1') });
/** A row of 1–20 cells (the money cells at 2, 3, 5, 12 when there), encoded, or its cells joined raw (no quotes). */
const rowOf = (points: fc.Arbitrary<string>): fc.Arbitrary<string> => fc
  .tuple(fc.array(cellText, { minLength: 20, maxLength: 20 }), fc.constantFrom(...HOSPITALS, 'H9'), fc.constantFrom(...POOLS, 'other'), fc.constantFrom(...STATUSES), points, fc.integer({ min: 0, max: 20 }), fc.boolean())
  .map(([cells, h, pool, status, points, len, raw]) => {
    const r = [...cells];
    r[2] = h;
    r[3] = pool;
    r[5] = status;
    r[12] = points;
    const row = r.slice(0, len);
    return raw ? row.map((c) => c.replace(/[",]/g, '')).join(',') : encodeCsvRow(row, { numericColumns: CASE_NUMERIC });
  });
const rowArb = rowOf(pointsArb);
const runArb = fc.record({
  pv: fc.array(fc.option(fc.oneof(decimalText(2, 8), fc.constantFrom('0', '1e-3', '0.000325')), { nil: undefined }), { minLength: POOLS.length, maxLength: POOLS.length }),
  ratios: fc.array(fc.tuple(fc.constantFrom(...HOSPITALS), fc.constantFrom(...POOLS), ratioArb), { maxLength: 14 }),
});
const rule: fc.Arbitrary<RoundingRule> = fc.record({ scale: fc.integer({ min: 0, max: 6 }), mode: fc.constantFrom(...ROUNDING_MODES) });

function runOf(r: { pv: (string | undefined)[]; ratios: [string, string, string][] }): SettlementRun {
  return {
    summary: { pools: POOLS.flatMap((pool, i) => (r.pv[i] === undefined ? [] : [{ pool, pointValue: r.pv[i]! }])) },
    hospitals: HOSPITALS.map((hospitalId) => ({ hospitalId, pools: r.ratios.filter(([h]) => h === hospitalId).map(([, pool, fundPayRatio]) => ({ pool, fundPayRatio })) })),
  } as unknown as SettlementRun;
}
function policyOf(money: RoundingRule, pvScale: number, byRatio: boolean): ResolvedPolicy {
  return { rounding: { money, pointValue: { scale: pvScale, mode: 'halfUp' } }, settlement: { fundShareMethodClearing: byRatio ? 'ratio' : 'subtractPatientPaid' } } as unknown as ResolvedPolicy;
}

async function same(name: string, spill: string, run: SettlementRun, policy: ResolvedPolicy, readChunkBytes?: number): Promise<Buffer> {
  writeFileSync(join(dir, `${name}-old.spill`), spill);
  writeFileSync(join(dir, `${name}-new.spill`), spill);
  let oldError: unknown;
  let newError: unknown;
  await addCaseMoneyO9(join(dir, `${name}-old.spill`), join(dir, `${name}-old.csv`), run, policy, readChunkBytes).catch((e: unknown) => (oldError = e));
  await addCaseMoney(join(dir, `${name}-new.spill`), join(dir, `${name}-new.csv`), run, policy, readChunkBytes).catch((e: unknown) => (newError = e));
  expect(String(newError)).toBe(String(oldError));
  const got = oldError === undefined ? readFileSync(join(dir, `${name}-new.csv`)) : Buffer.alloc(0);
  if (oldError === undefined) expect(got.equals(readFileSync(join(dir, `${name}-old.csv`)))).toBe(true);
  return got;
}

describe('pass 2 plain lines (o9: read-only cell scan, native line copy, int32 digits) = the e449fda pass', () => {
  test.prop([fc.array(rowArb, { maxLength: 40 }), runArb, rule, fc.integer({ min: 0, max: 8 }), fc.boolean(), fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined, freq: 2 }), fc.boolean()], {
    seed: 6601,
    numRuns: 1500,
  })('the same cases.csv bytes (random spills, runs, rules, chunk sizes)', async (rows, r, money, pvScale, byRatio, readChunkBytes, finalNewLine) => {
    const spill = `${encodeCsvRow(CASE_HEADER)}\n${rows.join('\n')}${finalNewLine && rows.length > 0 ? '\n' : ''}`;
    await same('prop', spill, runOf(r), policyOf(money, pvScale, byRatio), readChunkBytes);
  });

  test.prop([fc.array(rowOf(decimalText(6, 4)), { minLength: 50, maxLength: 50 }), runArb, rule, fc.boolean()], { seed: 6602, numRuns: 6 })(
    'long spills (the rows repeated past several 64 KiB output chunks)',
    async (rows, r, money, byRatio) => {
      const body = rows.join('\n');
      const spill = `${encodeCsvRow(CASE_HEADER)}\n${Array.from({ length: 700 }, () => body).join('\n')}\n`;
      const out = await same('long', spill, runOf(r), policyOf(money, 6, byRatio));
      expect(out.length).toBeGreaterThan(3 * 65536);
    },
  );

  it('literal lines: 12, 13, 14 cells, trailing comma, empty line (hand-checked)', async () => {
    const run = runOf({ pv: ['2', undefined, undefined, undefined, undefined], ratios: [['H1', 'employee', '0.5']] });
    const spill = [
      CASE_HEADER.join(','),
      '2,C,H1,employee,m,grouped,P,k,o,1,1,1,100,1.00,', // 15 cells
      '3,C,H1,employee,m,grouped,P,k,o,1,1,1,100', // 13 cells: points end the line
      '4,C,H1,employee,m,grouped,P,k,o,1,1,1', // 12 cells: no points cell = 0
      '5,C,H1,employee,m,grouped,P,k,o,1,1,1,7,', // 14 cells, the last empty
      '',
      '6,C,H1,employee',
    ].join('\n');
    const lines = (await same('lit', spill, run, policyOf({ scale: 2, mode: 'halfUp' }, 6, true))).toString('utf8').split('\n');
    expect(lines.slice(1)).toStrictEqual([
      '2,C,H1,employee,m,grouped,P,k,o,1,1,1,100,1.00,,2.000000,200.00,100.00',
      '3,C,H1,employee,m,grouped,P,k,o,1,1,1,100,2.000000,200.00,100.00',
      '4,C,H1,employee,m,grouped,P,k,o,1,1,1,2.000000,0.00,0.00',
      '5,C,H1,employee,m,grouped,P,k,o,1,1,1,7,,2.000000,14.00,7.00',
      ',,,',
      '6,C,H1,employee,,,',
      '',
    ]);
  });
});

describe('putFixed (o9: int32 digits below 2^31) = the e449fda putFixed', () => {
  const written = (f: typeof putFixed, q: number, dp: number): string => {
    const out = new Uint8Array(64).fill(120);
    const end = f(out, 3, q, dp);
    return Buffer.from(out.subarray(0, end + 2)).toString('latin1');
  };
  const near = (x: number): fc.Arbitrary<number> => fc.integer({ min: Math.max(0, x - 1000), max: Math.min(Number.MAX_SAFE_INTEGER, x + 1000) });
  test.prop([fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), near(2 ** 31), near(2 ** 32), near(Number.MAX_SAFE_INTEGER), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(0, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1)), fc.integer({ min: 0, max: 20 })], { seed: 9901, numRuns: 20_000 })(
    'the same bytes and end for q in [0, 2^53 − 1] (boundaries 2^31, 2^32, 2^53 − 1) and scales 0–20',
    (q, dp) => {
      expect(written(putFixed, q, dp)).toBe(written(putFixedO9, q, dp));
    },
  );

  it('literals (hand-checked)', () => {
    expect(written(putFixed, 0, 2)).toBe('xxx0.00xx');
    expect(written(putFixed, 7, 0)).toBe('xxx7xx');
    expect(written(putFixed, 2 ** 31 - 1, 2)).toBe('xxx21474836.47xx');
    expect(written(putFixed, 2 ** 31, 2)).toBe('xxx21474836.48xx');
    expect(written(putFixed, 5, 4)).toBe('xxx0.0005xx');
    expect(written(putFixed, Number.MAX_SAFE_INTEGER, 20)).toBe('xxx0.00009007199254740991xx');
  });
});

describe('CaseSpillWriter (o9: the line digits in int32 arithmetic below 2^31) = the e449fda writer', () => {
  const spillOf = (make: (fd: number) => { write(c: CaseResult): void; flush(): void }, rows: readonly CaseResult[]): Buffer => {
    const path = join(dir, 'spill-o9.csv');
    const fd = openSync(path, 'w');
    try {
      const w = make(fd);
      for (const r of rows) w.write(r);
      w.flush();
    } finally {
      closeSync(fd);
    }
    return readFileSync(path);
  };
  const near = (x: number): fc.Arbitrary<number> => fc.integer({ min: Math.max(0, x - 1000), max: Math.min(Number.MAX_SAFE_INTEGER, x + 1000) });
  const lineArb = fc.oneof(
    fc.integer({ min: 0, max: 10_000_000 }),
    near(2 ** 31),
    near(2 ** 32),
    near(Number.MAX_SAFE_INTEGER),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    fc.constantFrom(0, -0, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53, -1, 1.5, Number.NaN, Infinity),
  );
  const caseOf = (line: number, caseId: string, points: string): CaseResult =>
    ({ line, caseId, hospitalId: 'H1', pool: 'employee', month: '2025-01', status: 'grouped', packetCode: 'A01.0', packetKind: 'core', outlier: 'normal', coefficient: '1', auxCoef: '1', ratio: '0.5', casePoints: points, totalCost: '1000.00' }) as unknown as CaseResult;
  test.prop([fc.array(fc.tuple(lineArb, fc.constantFrom('C1', 'a,b', '病', '=x', ''), fc.constantFrom('100.0000', '-1', '=1')), { maxLength: 30 })], { seed: 9902, numRuns: 1000 })(
    'the same spill bytes for lines 0 to 2^53 − 1 (around 2^31, 2^32, 2^53 − 1) and off the fast path',
    (rows) => {
      const cases = rows.map(([line, id, points]) => caseOf(line, id, points));
      expect(spillOf((fd) => new CaseSpillWriter(fd), cases).equals(spillOf((fd) => new CaseSpillWriterO9(fd), cases))).toBe(true);
    },
  );

  // Rows of plain cells with 0–2 cells replaced by texts on and off the byte path (quote, CR, LF, comma, each formula
  // start, non-ASCII, plain numbers in numeric and text columns), so that one bad cell decides the row: the live
  // putPlainCell against the frozen 7a8ae23 copy in outputO9.ts.
  const PLAIN = ['C1', '', '12.5', '0', '~', 'employee', 'A01.0'];
  const CELLS = ['a"b', '"', 'x\ny', 'x\r', '\r1', 'a,b', '=x', '+1', '-1', '@a', '\tx', '-1.50', '1e3', '病', 'é', 'H\ud800', '\u007f', 'C1'];
  const FIELDS = ['caseId', 'hospitalId', 'pool', 'month', 'status', 'packetCode', 'packetKind', 'outlier', 'coefficient', 'auxCoef', 'ratio', 'casePoints', 'totalCost', 'reason'] as const;
  const rowArb = fc.tuple(
    fc.integer({ min: 0, max: 10_000_000 }),
    fc.array(fc.constantFrom(...PLAIN), { minLength: FIELDS.length, maxLength: FIELDS.length }),
    fc.array(fc.tuple(fc.integer({ min: 0, max: FIELDS.length - 1 }), fc.constantFrom(...CELLS)), { maxLength: 2 }),
  );
  test.prop([fc.array(rowArb, { maxLength: 20 })], { seed: 9903, numRuns: 1000 })(
    'the same spill bytes for any cell in any column (the plain-cell check: quote, CR, LF, comma, formula, non-ASCII)',
    (rows) => {
      const cases = rows.map(([line, plain, bad]) => {
        const cells = [...plain];
        for (const [i, v] of bad) cells[i] = v;
        return { line, ...Object.fromEntries(FIELDS.map((f, i) => [f, cells[i]])) } as unknown as CaseResult;
      });
      expect(spillOf((fd) => new CaseSpillWriter(fd), cases).equals(spillOf((fd) => new CaseSpillWriterO9(fd), cases))).toBe(true);
    },
  );

  it('literal lines (hand-checked)', () => {
    const text = spillOf((fd) => new CaseSpillWriter(fd), [caseOf(0, 'C', '1'), caseOf(2 ** 31 - 1, 'C', '1'), caseOf(2 ** 31, 'C', '1'), caseOf(Number.MAX_SAFE_INTEGER, 'C', '1')]).toString('latin1');
    expect(text.split('\n').slice(1, -1).map((l) => l.split(',')[0])).toStrictEqual(['0', '2147483647', '2147483648', '9007199254740991']);
  });
});
