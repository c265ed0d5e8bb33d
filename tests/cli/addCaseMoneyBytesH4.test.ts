/**
 * Pass 2 of `dip settle` on bytes (`addCaseMoney`: the spill copied as bytes, cells 2, 3, 5, 12 found by a byte scan,
 * pool names and hospital ids compared as UTF-8 bytes, the safe-integer money written as digits) against the text
 * pass of a242c96 (frozen: `tests/cli/reference/addCaseMoneyH4.ts`): the cases.csv written must be the same bytes for
 * random spill files — records written by the encoder (quotes, commas, new lines, non-ASCII, lone surrogates) and raw
 * lines (empty, short, no final new line), hospitals and pools with non-ASCII ids, ids that are not well-formed UTF-16,
 * repeated hospital rows, points and ratios past the safe-integer bounds or not plain, any rounding rule, both fund-share
 * methods, read in chunks of 1–40 bytes or the default. And the two helpers: `putFixed` = `fixedText(String(q), dp)`,
 * `safePlainAt` of a text's UTF-8 bytes = `safePlain` of the text.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { CASE_HEADER, CASE_NUMERIC, addCaseMoney, putFixed } from '../../src/cli/commands/settle.js';
import { encodeCsvRow } from '../../src/io/writeCsv.js';
import { ROUNDING_MODES } from '../../src/decimal/index.js';
import type { RoundingRule } from '../../src/decimal/index.js';
import { fixedText } from '../../src/points/decimal40.js';
import type { ResolvedPolicy } from '../../src/policy/index.js';
import type { SettlementRun } from '../../src/run/types.js';
import { safePlain, safePlainAt } from '../../src/settlement/caseMoney.js';
import { addCaseMoneyH4 } from './reference/addCaseMoneyH4.js';

const dir = mkdtempSync(join(tmpdir(), 'dip-add-case-money-h4-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const digits = (min: number, max: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const decimalText = (int: number, frac: number): fc.Arbitrary<string> => fc.tuple(digits(1, int), digits(0, frac)).map(([i, f]) => (f === '' ? i : `${i}.${f}`));
/** Points: usual, long (past 15 digits or 2^53 once multiplied), not plain, empty. */
const pointsArb = fc.oneof(
  { weight: 6, arbitrary: decimalText(6, 4) },
  { weight: 2, arbitrary: decimalText(12, 6) },
  { weight: 1, arbitrary: decimalText(17, 3) },
  { weight: 1, arbitrary: fc.constantFrom('', '0', '.5', '5.', '1e3', '-1', '１２', '9007199254740993', '999999999999999', '99999999.9999999', ' 1') },
);
const ratioArb = fc.oneof(
  { weight: 5, arbitrary: decimalText(1, 12) },
  { weight: 1, arbitrary: decimalText(1, 17) },
  { weight: 1, arbitrary: fc.constantFrom('1', '0', '1e-1', '-0.5', '0.5 ', '') },
);
const HOSPITALS = ['H1', 'H2', '', '医院3', 'H|employee', 'lone \ud800', '\ufffd', 'H1 ', 'Aa', 'BB', 'AaBB', 'BBAa']; // 'Aa', 'BB' (and 'AaBB', 'BBAa') have one bytesHash
const POOLS = ['employee', 'resident', 'all', '', '池'];
const text = fc.oneof(
  fc.constantFrom('', 'x', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', '=1+1', '-5', '病例', '\u00e9t\u00e9', '\ud83d\ude00', 'lone \udc00'),
  fc.string({ maxLength: 6 }),
);
const encodedRow: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(text, { minLength: 15, maxLength: 15 }),
    fc.constantFrom(...HOSPITALS, 'H9'),
    fc.constantFrom(...POOLS, 'other', 'employee ', 'employe'),
    fc.constantFrom('grouped', 'ungrouped', 'grouped', 'ungrouped', 'rejected', 'grouped ', 'groupeD', 'ungroupeX', ''),
    pointsArb,
    fc.integer({ min: 1, max: 18 }),
    fc.boolean(),
  )
  .map(([cells, h, pool, status, points, len, plain]) => {
    const r = plain ? cells.map((c) => c.replace(/[",\r\n]/g, '')) : [...cells];
    r[2] = h;
    r[3] = pool;
    r[5] = status;
    r[12] = points;
    return encodeCsvRow(r.slice(0, len), { numericColumns: CASE_NUMERIC });
  });
const rawLine = fc.constantFrom('', ',', ',,,,,,,,,,,,', '1,C,H1,employee,2025-01,grouped,P,core,normal,1,1,1,12.5,100.00,', '1,C,H1', 'x,y,H2,resident,m,ungrouped');
const runArb = fc.record({
  pv: fc.array(fc.option(fc.oneof(decimalText(2, 8), decimalText(9, 9), fc.constantFrom('0', '1e-3', '0.000325')), { nil: undefined }), { minLength: POOLS.length, maxLength: POOLS.length }),
  ratios: fc.array(fc.tuple(fc.constantFrom(...HOSPITALS), fc.constantFrom(...POOLS), ratioArb), { maxLength: 14 }),
});
const rule: fc.Arbitrary<RoundingRule> = fc.record({ scale: fc.integer({ min: 0, max: 6 }), mode: fc.constantFrom(...ROUNDING_MODES) });

describe('dip settle pass 2 on bytes (addCaseMoney) equals the text pass of a242c96', () => {
  test.prop(
    [
      fc.array(fc.oneof({ weight: 8, arbitrary: encodedRow }, { weight: 1, arbitrary: rawLine }), { maxLength: 40 }),
      runArb,
      rule,
      fc.integer({ min: 0, max: 8 }),
      fc.boolean(),
      fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined, freq: 2 }),
      fc.boolean(),
    ],
    { seed: 4405, numRuns: 1500 },
  )('the same cases.csv bytes (random spills, runs, rules, chunk sizes)', (rows, r, money, pvScale, byRatio, readChunkBytes, finalNewLine) => {
    const run = {
      summary: { pools: POOLS.flatMap((pool, i) => (r.pv[i] === undefined ? [] : [{ pool, pointValue: r.pv[i]! }])) },
      hospitals: HOSPITALS.map((hospitalId) => ({ hospitalId, pools: r.ratios.filter(([h]) => h === hospitalId).map(([, pool, fundPayRatio]) => ({ pool, fundPayRatio })) })),
    } as unknown as SettlementRun;
    const policy = {
      rounding: { money, pointValue: { scale: pvScale, mode: 'halfUp' } },
      settlement: { fundShareMethodClearing: byRatio ? 'ratio' : 'subtractPatientPaid' },
    } as unknown as ResolvedPolicy;
    const body = rows.join('\n');
    const spill = `${encodeCsvRow(CASE_HEADER)}\n${body}${finalNewLine && rows.length > 0 ? '\n' : ''}`;
    return (async () => {
      writeFileSync(join(dir, 'spill-old.csv'), spill);
      writeFileSync(join(dir, 'spill-new.csv'), spill);
      let oldError: unknown;
      let newError: unknown;
      await addCaseMoneyH4(join(dir, 'spill-old.csv'), join(dir, 'old.csv'), run, policy, readChunkBytes).catch((e: unknown) => (oldError = e));
      await addCaseMoney(join(dir, 'spill-new.csv'), join(dir, 'new.csv'), run, policy, readChunkBytes).catch((e: unknown) => (newError = e));
      expect(String(newError)).toBe(String(oldError));
      if (oldError === undefined) expect(readFileSync(join(dir, 'new.csv')).equals(readFileSync(join(dir, 'old.csv')))).toBe(true);
    })();
  });

  it('a literal spill: safe path, ratio, no ratio, not settled, quoted record, long points (hand-checked cells)', async () => {
    const run = {
      summary: { pools: [{ pool: 'employee', pointValue: '8.643594' }, { pool: 'resident', pointValue: '0.000325' }] },
      hospitals: [{ hospitalId: 'H1', pools: [{ pool: 'employee', fundPayRatio: '0.6' }] }, { hospitalId: '医院', pools: [{ pool: 'resident', fundPayRatio: '0.82999930638' }] }],
    } as unknown as SettlementRun;
    const policy = { rounding: { money: { scale: 2, mode: 'halfUp' }, pointValue: { scale: 6, mode: 'halfUp' } }, settlement: { fundShareMethodClearing: 'ratio' } } as unknown as ResolvedPolicy;
    const spill = [
      CASE_HEADER.join(','),
      '2,C1,H1,employee,2025-01,grouped,P,core,normal,1,1,1,87.4408,100.00,',
      '3,C2,H2,employee,2025-01,grouped,P,core,normal,1,1,1,87.4408,100.00,',
      '4,C3,医院,resident,2025-02,ungrouped,,,,,,,894.5097,7063.79,x',
      '5,C4,H1,employee,2025-01,outOfYear,,,,,,,0,1.00,',
      '6,"C,5",H1,employee,2025-01,grouped,P,core,normal,1,1,1,10,1.00,',
      '7,C6,H1,employee,2025-01,grouped,P,core,normal,1,1,1,123456789012345678.5,1.00,',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'lit.csv'), spill);
    await addCaseMoney(join(dir, 'lit.csv'), join(dir, 'lit-out.csv'), run, policy);
    const lines = readFileSync(join(dir, 'lit-out.csv'), 'utf8').split('\n');
    expect(lines[0]).toBe(`${CASE_HEADER.join(',')},point_value,standard,fund_due`);
    expect(lines[1]!.endsWith(',8.643594,755.80,453.48')).toBe(true); // 87.4408 × 8.643594 = 755.8033…; × 0.6 = 453.48
    expect(lines[2]!.endsWith(',8.643594,755.80,')).toBe(true); // H2 has no ratio
    expect(lines[3]).toBe('4,C3,医院,resident,2025-02,ungrouped,,,,,,,894.5097,7063.79,x,0.000325,0.29,0.24'); // 0.2907; 0.29 × 0.8299… = 0.2407
    expect(lines[4]).toBe('5,C4,H1,employee,2025-01,outOfYear,,,,,,,0,1.00,,,,'); // not settled: three empty cells
    expect(lines[5]).toBe('6,"C,5",H1,employee,2025-01,grouped,P,core,normal,1,1,1,10,1.00,,8.643594,86.44,51.86');
    expect(lines[6]!.endsWith(',8.643594,1067110360766377032.61,640266216459826219.57')).toBe(true); // past 2^53: BigInt path
    expect(lines[7]).toBe('');
  });
});

describe('pass 2 helpers', () => {
  test.prop([fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(0, 9, 10, 99, 100, Number.MAX_SAFE_INTEGER, 2 ** 52)), fc.integer({ min: 0, max: 20 })], { seed: 4406, numRuns: 5000 })(
    'putFixed writes fixedText(String(q), dp)',
    (q, dp) => {
      const out = new Uint8Array(64).fill(120);
      const end = putFixed(out, 3, q, dp);
      expect(Buffer.from(out.subarray(3, end)).toString('latin1')).toBe(fixedText(String(q), dp));
      expect(out[end]).toBe(120);
      expect(out[2]).toBe(120);
    },
  );
  test.prop([fc.oneof(decimalText(8, 8), decimalText(16, 2), pointsArb, fc.string({ maxLength: 18 }), fc.string({ maxLength: 4, unit: 'grapheme' })), fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 })], { seed: 4407, numRuns: 5000 })(
    'safePlainAt of the UTF-8 bytes = safePlain of the text',
    (t, before, after) => {
      const a = Buffer.byteLength(before, 'utf8');
      const bytes = Buffer.from(`${before}${t}${after}`, 'utf8');
      const expected = Buffer.from(t, 'utf8').toString('utf8') === t ? safePlain(t) : undefined;
      if (Buffer.from(t, 'utf8').toString('utf8') === t) expect(safePlainAt(bytes, a, a + Buffer.byteLength(t, 'utf8'))).toStrictEqual(expected);
    },
  );
});
