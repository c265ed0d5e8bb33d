/**
 * Pass 2 of `dip settle` (`addCaseMoney`): the comma scan for cells 2, 3, 5, 12, the ratios by pool then hospital and
 * the safe-integer case money against the pass 2 of 25c6084 (copied below: `line.split(',')`, one ratio map keyed
 * `hospital|pool`), with the money of the decimal.js reference `caseMoneyDecimal` — the cases.csv written must be
 * byte-identical for random spill files (quoted multi-line records, short and long rows, any status / pool /
 * hospital, both fund-share methods, any rounding rule).
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { addCaseMoney } from '../../src/cli/commands/settle.js';
import { CsvWriter, encodeCsvRow } from '../../src/io/writeCsv.js';
import { CsvTokenizer } from '../../src/io/CsvTokenizer.js';
import type { CsvRow } from '../../src/io/CsvTokenizer.js';
import { ROUNDING_MODES, dec, formatFixed } from '../../src/decimal/index.js';
import type { RoundingRule } from '../../src/decimal/index.js';
import type { ResolvedPolicy } from '../../src/policy/index.js';
import type { SettlementRun } from '../../src/run/types.js';
import { caseMoneyDecimal } from '../../src/settlement/caseMoney.js';

const CASE_HEADER = ['line', 'case_id', 'hospital_id', 'pool', 'month', 'status', 'packet_code', 'packet_kind', 'outlier', 'coefficient', 'aux_coef', 'ratio', 'case_points', 'total_cost', 'reason'];
const CASE_NUMERIC = new Set([0, 9, 10, 11, 12, 13]);
const CASE_MONEY_HEADER = ['point_value', 'standard', 'fund_due'];
const CASE_MONEY_NUMERIC = new Set([...CASE_NUMERIC, 15, 16, 17]);

/** The pass 2 of 25c6084 (src/cli/commands/settle.ts), money by the decimal.js reference. */
async function addCaseMoneyV0(spillPath: string, outPath: string, run: SettlementRun, policy: ResolvedPolicy): Promise<void> {
  const money = policy.rounding.money;
  const pools = new Map<string, { text: string; money: (points: string, ratio?: string) => { standard: string; fundDue: string } }>();
  for (const p of run.summary.pools) {
    const v = dec(p.pointValue);
    if (!v.isZero()) pools.set(p.pool, { text: formatFixed(v, Math.max(policy.rounding.pointValue.scale, v.decimalPlaces())), money: (points, r) => caseMoneyDecimal(points, v, r === undefined ? undefined : dec(r), money) });
  }
  const ratio = new Map<string, string>();
  for (const h of run.hospitals) for (const l of h.pools) ratio.set(`${h.hospitalId}|${l.pool}`, l.fundPayRatio);
  const byRatio = policy.settlement.fundShareMethodClearing === 'ratio';
  const out = CsvWriter.toFile(outPath, [...CASE_HEADER, ...CASE_MONEY_HEADER], { numericColumns: CASE_MONEY_NUMERIC });
  const decoder = new TextDecoder('utf-8');
  const pending: Promise<void>[] = [];
  const moneyCells = (cells: readonly string[]): string => {
    const status = cells[5];
    const pool = pools.get(cells[3] ?? '');
    if ((status === 'grouped' || status === 'ungrouped') && pool !== undefined) {
      const m = pool.money(cells[12] ?? '0', byRatio ? ratio.get(`${cells[2] ?? ''}|${cells[3] ?? ''}`) : undefined);
      return `${pool.text},${m.standard},${m.fundDue}`;
    }
    return ',,';
  };
  let header = true;
  let quoted = '';
  let quotes = 0;
  const slow = (text: string): void => {
    const t = new CsvTokenizer();
    const onRow = (r: CsvRow): void => {
      const p = out.writeLine(`${encodeCsvRow(r.cells, { numericColumns: CASE_NUMERIC })},${moneyCells(r.cells)}`);
      if (p !== undefined) pending.push(p);
    };
    t.push(text, onRow);
    t.end(onRow);
  };
  const onLine = (line: string): void => {
    if (header) {
      header = false;
      return;
    }
    if (quoted === '' && line.indexOf('"') === -1) {
      const p = out.writeLine(`${line},${moneyCells(line.split(','))}`);
      if (p !== undefined) pending.push(p);
      return;
    }
    quoted += `${line}\n`;
    for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) quotes++;
    if (quotes % 2 === 0) {
      slow(quoted);
      quoted = '';
      quotes = 0;
    }
  };
  let rest = '';
  const lines = (text: string): void => {
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      onLine(rest === '' ? text.slice(from, nl) : rest + text.slice(from, nl));
      rest = '';
      from = nl + 1;
    }
    rest += text.slice(from);
  };
  const stream = createReadStream(spillPath);
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    lines(decoder.decode(chunk, { stream: true }));
    while (pending.length > 0) await pending.shift();
  }
  lines(decoder.decode());
  if (rest !== '') onLine(rest);
  if (quoted !== '') slow(quoted);
  while (pending.length > 0) await pending.shift();
  await out.close();
  await rm(spillPath, { force: true });
}

const dir = mkdtempSync(join(tmpdir(), 'dip-add-case-money-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const decimalText = (int: number, frac: number): fc.Arbitrary<string> =>
  fc.tuple(fc.stringMatching(new RegExp(`^[0-9]{1,${int}}$`)), fc.stringMatching(new RegExp(`^[0-9]{0,${frac}}$`))).map(([i, f]) => (f === '' ? i : `${i}.${f}`));
const HOSPITALS = ['H1', 'H2', 'H|employee', 'H3', ''];
const POOLS = ['employee', 'resident', 'all'] as const;
const text = fc.oneof(
  fc.constantFrom('', 'x', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', '=1+1', '-5', '病例', '\u00e9t\u00e9', '\ud83d\ude00', 'lone \ud800'),
  fc.string({ maxLength: 6 }),
  fc.string({ maxLength: 4, unit: 'grapheme' }),
);
const caseRow: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.array(text, { minLength: 15, maxLength: 15 }),
    fc.constantFrom(...HOSPITALS, 'H|x'),
    fc.constantFrom(...POOLS, '', 'other', 'employee|H1'),
    fc.constantFrom('grouped', 'ungrouped', 'rejected', 'grouped '),
    decimalText(6, 6),
    fc.integer({ min: 1, max: 18 }),
  )
  .map(([cells, h, pool, status, points, len]) => {
    const r = [...cells];
    r[2] = h;
    r[3] = pool;
    r[5] = status;
    r[12] = points;
    return r.slice(0, len);
  });
const runArb = fc.record({
  pv: fc.array(fc.option(fc.oneof(decimalText(2, 8), fc.constant('0')), { nil: undefined }), { minLength: 3, maxLength: 3 }),
  ratios: fc.array(fc.tuple(fc.constantFrom(...HOSPITALS), fc.constantFrom(...POOLS), fc.oneof(decimalText(1, 6), fc.constant('1'))), { maxLength: 10 }),
});
const rule: fc.Arbitrary<RoundingRule> = fc.record({ scale: fc.integer({ min: 0, max: 4 }), mode: fc.constantFrom(...ROUNDING_MODES) });

describe('dip settle pass 2 (addCaseMoney) equals the pass 2 of 25c6084', () => {
  test.prop([fc.array(caseRow, { maxLength: 40 }), runArb, rule, fc.integer({ min: 0, max: 8 }), fc.boolean(), fc.option(fc.integer({ min: 1, max: 17 }), { nil: undefined })], { seed: 6, numRuns: 200 })(
    'the same cases.csv, byte for byte (also read in chunks of 1–17 bytes: lines and UTF-8 characters split across chunks)',
    async (rows, r, money, pvScale, byRatio, readChunkBytes) => {
      const run = {
        summary: { pools: POOLS.flatMap((pool, i) => (r.pv[i] === undefined ? [] : [{ pool, pointValue: r.pv[i]! }])) },
        hospitals: HOSPITALS.map((hospitalId) => ({ hospitalId, pools: r.ratios.filter(([h]) => h === hospitalId).map(([, pool, fundPayRatio]) => ({ pool, fundPayRatio })) })),
      } as unknown as SettlementRun;
      const policy = {
        rounding: { money, pointValue: { scale: pvScale, mode: 'halfUp' } },
        settlement: { fundShareMethodClearing: byRatio ? 'ratio' : 'subtractPatientPaid' },
      } as unknown as ResolvedPolicy;
      const spill = `${encodeCsvRow(CASE_HEADER)}\n${rows.map((c) => `${encodeCsvRow(c, { numericColumns: CASE_NUMERIC })}\n`).join('')}`;
      writeFileSync(join(dir, 'spill-old.csv'), spill);
      writeFileSync(join(dir, 'spill-new.csv'), spill);
      await addCaseMoneyV0(join(dir, 'spill-old.csv'), join(dir, 'old.csv'), run, policy);
      await addCaseMoney(join(dir, 'spill-new.csv'), join(dir, 'new.csv'), run, policy, readChunkBytes);
      expect(readFileSync(join(dir, 'new.csv'), 'utf8')).toBe(readFileSync(join(dir, 'old.csv'), 'utf8'));
    },
  );
});
