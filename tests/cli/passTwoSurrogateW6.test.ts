/**
 * Pass 2 of `dip settle` (`addCaseMoney`) and hospital ids that are not well-formed UTF-16. The spill is written by
 * `CsvWriter` from JS strings, so a case of hospital `H\uD800` (a lone surrogate) is in the spill as the bytes of
 * `H\uFFFD`; the text pass (frozen a242c96 copy, `tests/cli/reference/addCaseMoneyH4.ts`) looks the decoded cell
 * `H\uFFFD` up by text, which never finds `H\uD800`'s ratio. The byte pass keys its hospital map by UTF-8 bytes, where
 * both ids are `48 EF BF BD`: it must leave `H\uD800` out (the "lone surrogate" skip in settle.ts), else
 * - when `H\uD800` comes after `H\uFFFD`, its ratio replaces `H\uFFFD`'s (a later row for the same bytes wins), and
 * - when `H\uFFFD` has no ratio in the pool, `H\uD800`'s would be used instead of none (`fund_due` empty).
 * Both runs are checked against hand-computed cells and against the frozen text pass.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASE_HEADER, CASE_NUMERIC, addCaseMoney } from '../../src/cli/commands/settle.js';
import { encodeCsvRow } from '../../src/io/writeCsv.js';
import type { ResolvedPolicy } from '../../src/policy/index.js';
import type { SettlementRun } from '../../src/run/types.js';
import { addCaseMoneyH4 } from './reference/addCaseMoneyH4.js';

const dir = mkdtempSync(join(tmpdir(), 'dip-pass2-surrogate-w6-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LONE = 'H\uD800';
const REPLACED = 'H\uFFFD';
const policy = {
  rounding: { money: { scale: 2, mode: 'halfUp' }, pointValue: { scale: 6, mode: 'halfUp' } },
  settlement: { fundShareMethodClearing: 'ratio' },
} as unknown as ResolvedPolicy;

/** Case rows as pass 1 writes them (CsvWriter's encoding of the cells); the lone surrogate's id becomes U+FFFD's bytes. */
function spillOf(hospitals: readonly string[]): string {
  const rows = hospitals.map((h, i) =>
    encodeCsvRow([String(i + 2), `C${i}`, h, 'employee', '2025-01', 'grouped', 'P1', 'core', 'normal', '1', '1', '1', '100', '1000.00', ''], { numericColumns: CASE_NUMERIC }),
  );
  // one quoted record too: the tokenizer path (text map) must agree with the byte path
  rows.push(encodeCsvRow(['99', 'C,q', LONE, 'employee', '2025-01', 'grouped', 'P1', 'core', 'normal', '1', '1', '1', '100', '1000.00', ''], { numericColumns: CASE_NUMERIC }));
  return `${encodeCsvRow(CASE_HEADER)}\n${rows.join('\n')}\n`;
}

async function both(name: string, run: SettlementRun, spill: string): Promise<string[]> {
  writeFileSync(join(dir, `${name}-new.spill`), spill);
  writeFileSync(join(dir, `${name}-old.spill`), spill);
  await addCaseMoney(join(dir, `${name}-new.spill`), join(dir, `${name}-new.csv`), run, policy);
  await addCaseMoneyH4(join(dir, `${name}-old.spill`), join(dir, `${name}-old.csv`), run, policy);
  const got = readFileSync(join(dir, `${name}-new.csv`));
  expect(got.equals(readFileSync(join(dir, `${name}-old.csv`)))).toBe(true);
  return got.toString('utf8').split('\n');
}

describe('pass 2: a hospital id with a lone surrogate never takes the ratio of the id its bytes decode to', () => {
  it('H\\uD800 after H\\uFFFD in the run: H\\uFFFD cases keep their own ratio (0.5, not 0.9)', async () => {
    const run = {
      summary: { pools: [{ pool: 'employee', pointValue: '2' }] },
      hospitals: [
        { hospitalId: REPLACED, pools: [{ pool: 'employee', fundPayRatio: '0.5' }] },
        { hospitalId: LONE, pools: [{ pool: 'employee', fundPayRatio: '0.9' }] },
      ],
    } as unknown as SettlementRun;
    const lines = await both('after', run, spillOf([REPLACED, LONE, 'H1']));
    expect(lines[0]).toBe(`${CASE_HEADER.join(',')},point_value,standard,fund_due`);
    // 100 points × PV 2 = 200.00; × 0.5 = 100.00 — both rows carry U+FFFD's bytes, so both are H\uFFFD's cases
    expect(lines[1]).toBe(`2,C0,${REPLACED},employee,2025-01,grouped,P1,core,normal,1,1,1,100,1000.00,,2.000000,200.00,100.00`);
    expect(lines[2]).toBe(`3,C1,${REPLACED},employee,2025-01,grouped,P1,core,normal,1,1,1,100,1000.00,,2.000000,200.00,100.00`);
    expect(lines[3]).toBe('4,C2,H1,employee,2025-01,grouped,P1,core,normal,1,1,1,100,1000.00,,2.000000,200.00,'); // no ratio
    expect(lines[4]).toBe(`99,"C,q",${REPLACED},employee,2025-01,grouped,P1,core,normal,1,1,1,100,1000.00,,2.000000,200.00,100.00`);
    expect(lines[5]).toBe('');
  });

  it('H\\uD800 with a ratio, H\\uFFFD without one in the pool: H\\uFFFD cases get no fund_due', async () => {
    const run = {
      summary: { pools: [{ pool: 'employee', pointValue: '2' }, { pool: 'resident', pointValue: '3' }] },
      hospitals: [
        { hospitalId: LONE, pools: [{ pool: 'employee', fundPayRatio: '0.9' }] },
        { hospitalId: REPLACED, pools: [{ pool: 'resident', fundPayRatio: '0.5' }] },
      ],
    } as unknown as SettlementRun;
    const lines = await both('none', run, spillOf([REPLACED, LONE]));
    expect(lines[1]).toBe(`2,C0,${REPLACED},employee,2025-01,grouped,P1,core,normal,1,1,1,100,1000.00,,2.000000,200.00,`);
    expect(lines[2]).toBe(`3,C1,${REPLACED},employee,2025-01,grouped,P1,core,normal,1,1,1,100,1000.00,,2.000000,200.00,`);
    expect(lines[3]).toBe(`99,"C,q",${REPLACED},employee,2025-01,grouped,P1,core,normal,1,1,1,100,1000.00,,2.000000,200.00,`);
  });
});
