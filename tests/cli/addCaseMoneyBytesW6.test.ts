/**
 * Pass 2 of `dip settle` (`addCaseMoney`) after w6's changes to its plain-line path (one loop copies a line's bytes
 * and finds its cells up to 12; the output buffer and position held in locals) against the byte pass frozen at
 * 41cee81 (`tests/cli/reference/addCaseMoneyW6.ts`): the same cases.csv bytes for random spills — lines with 0 to 20
 * cells (fewer than 13, exactly 13, more: the break after cell 12), empty cells and commas at either end, encoded
 * records with quotes, non-ASCII and lone-surrogate hospital ids, pools known and unknown, points and ratios on and off
 * the safe-integer path, any money rule, both fund-share methods, read chunks of 1–40 bytes or the default, spills long
 * enough to cross the 64 KiB output chunk several times. The text pass (a242c96) is still checked by
 * addCaseMoneyBytesH4.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { CASE_HEADER, CASE_NUMERIC, addCaseMoney } from '../../src/cli/commands/settle.js';
import { encodeCsvRow } from '../../src/io/writeCsv.js';
import { ROUNDING_MODES } from '../../src/decimal/index.js';
import type { RoundingRule } from '../../src/decimal/index.js';
import type { ResolvedPolicy } from '../../src/policy/index.js';
import type { SettlementRun } from '../../src/run/types.js';
import { addCaseMoneyW6 } from './reference/addCaseMoneyW6.js';

const dir = mkdtempSync(join(tmpdir(), 'dip-add-case-money-w6-'));
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
  await addCaseMoneyW6(join(dir, `${name}-old.spill`), join(dir, `${name}-old.csv`), run, policy, readChunkBytes).catch((e: unknown) => (oldError = e));
  await addCaseMoney(join(dir, `${name}-new.spill`), join(dir, `${name}-new.csv`), run, policy, readChunkBytes).catch((e: unknown) => (newError = e));
  expect(String(newError)).toBe(String(oldError));
  const got = oldError === undefined ? readFileSync(join(dir, `${name}-new.csv`)) : Buffer.alloc(0);
  if (oldError === undefined) expect(got.equals(readFileSync(join(dir, `${name}-old.csv`)))).toBe(true);
  return got;
}

describe('pass 2 plain lines (w6: copy and cell scan in one loop) = the 41cee81 byte pass', () => {
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
