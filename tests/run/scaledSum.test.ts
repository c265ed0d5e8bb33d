/**
 * Exact scaled-integer sums of the run (src/run/scaledSum.ts) equal the decimal.js sums (DIP-RULES.md §8.7): on
 * random batches of plain values at the scale, huge values whose total passes 2^53 units, and odd forms (more
 * decimals, exponents, signs, leading zeros, more than 15 digits) that take the decimal fallback; and in a run, the
 * hospital × pool sums equal the decimal sums of the per-case rows.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ZERO, dec, formatDecimal } from '../../src/decimal/index.js';
import type { Dec } from '../../src/decimal/index.js';
import { ScaledSum, scaledUnits, unitsText } from '../../src/run/scaledSum.js';
import { settleRegionYear } from '../../src/run/settleRegionYear.js';
import type { CaseResult } from '../../src/run/types.js';
import { fakeGrouper, items, makePolicy, rec } from './helpers.js';

const digits = (min: number, max: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: min, maxLength: max }).map((d) => d.join(''));
const noLeadingZero = (s: string): string => s.replace(/^0+(?=\d)/, '');

/** A plain decimal text with at most `scale` decimals and `maxInt` integer digits, optionally negative. */
const plainArb = (scale: number, maxInt: number): fc.Arbitrary<string> =>
  fc.tuple(fc.boolean(), digits(1, maxInt), digits(0, scale)).map(([neg, i, f]) => `${neg ? '-' : ''}${noLeadingZero(i)}${f === '' ? '' : `.${f}`}`);

/** The largest plain values (15 digits once scaled): a few of them pass 2^53 units in total. */
const hugeArb = (scale: number): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 1, max: 9 }), digits(15 - scale - 1, 15 - scale - 1), digits(scale, scale)).map(([lead, i, f]) => `${lead}${i}${scale === 0 ? '' : `.${f}`}`);

const oddArb = (scale: number): fc.Arbitrary<string> =>
  fc.oneof(
    plainArb(scale + 3, 4).filter((t) => (t.split('.')[1]?.length ?? 0) > scale), // more decimals than the scale
    fc.tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: -12, max: 12 })).map(([m, e]) => `${m}e${e}`), // exponent
    digits(16, 22).map((d) => `1${d}`), // more than 15 digits
    plainArb(scale, 3).map((t) => `00${t.replace('-', '')}`), // leading zeros
    plainArb(scale, 5).map((t) => `+${t.replace('-', '')}`), // explicit sign
    fc.constantFrom('-0', '0', '-0.0', '0.' + '0'.repeat(Math.max(1, scale))),
  );

const valueArb = (scale: number): fc.Arbitrary<string> =>
  fc.oneof({ weight: 5, arbitrary: plainArb(scale, 15 - scale) }, { weight: 3, arbitrary: hugeArb(scale) }, { weight: 2, arbitrary: oddArb(scale) });

const decimalSum = (texts: readonly string[]): Dec => texts.reduce((s, t) => s.plus(dec(t)), ZERO);

describe('scaledUnits', () => {
  it('reads plain texts at the scale, literal values', () => {
    expect(scaledUnits('13500.00', 4)).toBe(135000000);
    expect(scaledUnits('1262.1084', 4)).toBe(12621084);
    expect(scaledUnits('-0.5', 2)).toBe(-50);
    expect(scaledUnits('99999999999.9999', 4)).toBe(999999999999999);
    expect(scaledUnits('100000000000', 4)).toBeNaN(); // 16 digits once scaled
    expect(scaledUnits('1.23456', 4)).toBeNaN();
    expect(scaledUnits('1e3', 4)).toBeNaN();
    expect(scaledUnits('', 4)).toBeNaN();
    expect(scaledUnits('-', 4)).toBeNaN();
    expect(scaledUnits('.5', 4)).toBeNaN();
    expect(scaledUnits('5.', 4)).toBeNaN();
    expect(unitsText(12621084n, 4)).toBe('1262.1084');
    expect(unitsText(-50n, 2)).toBe('-0.50');
    expect(unitsText(7n, 0)).toBe('7');
  });

  test.prop([fc.integer({ min: 0, max: 8 }).chain((scale) => fc.tuple(fc.constant(scale), valueArb(scale)))], { seed: 5301, numRuns: 1000 })(
    'a number is value × 10^scale exactly, a safe integer below 10^15; NaN only for texts that are not plain at the scale',
    ([scale, text]) => {
      const u = scaledUnits(text, scale);
      const plain = new RegExp(`^-?\\d+(\\.\\d{1,${Math.max(1, scale)}})?$`).test(text) && (scale > 0 || !text.includes('.'));
      if (Number.isNaN(u)) {
        // not plain, or more than 15 digits once scaled
        expect(!plain || text.replace('-', '').split('.')[0]!.length + scale > 15).toBe(true);
        return;
      }
      expect(plain).toBe(true);
      expect(Number.isSafeInteger(u)).toBe(true);
      expect(Math.abs(u)).toBeLessThan(1e15);
      expect(dec(u).eq(dec(text).times(dec(10).pow(scale)))).toBe(true);
    },
  );
});

describe('ScaledSum = decimal.js sum', () => {
  test.prop([fc.integer({ min: 0, max: 8 }).chain((scale) => fc.tuple(fc.constant(scale), fc.array(valueArb(scale), { maxLength: 60, size: 'max' })))], { seed: 5302, numRuns: 500 })(
    'random batches with huge values (total above 2^53 units) and odd forms, by text',
    ([scale, texts]) => {
      const s = new ScaledSum(scale);
      for (const t of texts) s.addText(t);
      const want = decimalSum(texts);
      const got = s.toDec();
      expect(got.eq(want)).toBe(true);
      expect(formatDecimal(got)).toBe(formatDecimal(want));
      expect(got.toFixed(scale + 3)).toBe(want.toFixed(scale + 3));
    },
  );

  test.prop([fc.array(fc.tuple(hugeArb(4), fc.constantFrom('units', 'units', 'text', 'dec')), { minLength: 10, maxLength: 200, size: 'max' })], { seed: 5303, numRuns: 300 })(
    'money at 1/10^4 yuan: near-limit amounts through units, text and the decimal fallback; totals far above 2^53 units',
    (entries) => {
      const s = new ScaledSum(4);
      for (const [t, how] of entries) {
        if (how === 'units') s.addUnits(scaledUnits(t, 4));
        else if (how === 'text') s.addText(t);
        else s.addDec(dec(t));
      }
      const want = decimalSum(entries.map(([t]) => t));
      expect(s.toDec().eq(want)).toBe(true);
      expect(formatDecimal(s.toDec())).toBe(formatDecimal(want));
    },
  );

  it('flushes to BigInt before 2^53: 10,000 × 99,999,999,999.9999 yuan, literal total', () => {
    const s = new ScaledSum(4);
    for (let i = 0; i < 10_000; i++) s.addUnits(999_999_999_999_999);
    expect(s.toDec().toFixed()).toBe('999999999999999');
    s.addText('-999999999999999');
    s.addText('0.00001');
    expect(s.toDec().toFixed()).toBe('0.00001');
  });
});

const PACKETS = { P1: '1484.833425', P2: '385.35787', P3: '3318.582758' };
const HOSPITALS = [
  { hospitalId: 'H1', name: 'A', level: '三级' },
  { hospitalId: 'H2', name: 'B', level: '二级' },
];

describe('run sums', () => {
  test.prop(
    [
      fc.array(
        fc.record({
          // concentrated on one hospital × month × pool, so that its sums pass 2^53 units
          hospital: fc.constantFrom('H1', 'H1', 'H1', 'H2'),
          dx: fc.constantFrom('P1', 'P2', 'P3', 'NONE'),
          pool: fc.constantFrom('employee' as const, 'employee' as const, 'resident' as const),
          cost: fc.oneof({ weight: 3, arbitrary: hugeArb(4) }, { weight: 2, arbitrary: hugeArb(4).map((t) => t.slice(0, -2)) }, hugeArb(2), plainArb(2, 7), plainArb(4, 6).map((t) => t.replace('-', ''))),
          fundPermille: fc.integer({ min: 0, max: 1000 }),
          month: fc.constantFrom(1, 1, 1, 2),
        }),
        { minLength: 10, maxLength: 80, size: 'max' },
      ),
    ],
    { seed: 5304, numRuns: 300 },
  )('hospital × pool points, cost and booked equal the decimal sums of the case rows (totals above 2^53 units)', async (cases) => {
    const records = items(
      cases.map((c, i) => {
        const cost = dec(c.cost.replace('-', ''));
        const fund = cost.times(c.fundPermille).div(1000).toDecimalPlaces(2, 1);
        return rec({ caseId: `K${i}`, hospitalId: c.hospital, dx: c.dx, pool: c.pool, cost: c.cost.replace('-', ''), fund: fund.toFixed(2), patient: cost.minus(fund).toFixed(), discharge: `2025-${String(c.month).padStart(2, '0')}-15` });
      }),
    );
    const rows: CaseResult[] = [];
    const pools = { employee: { dipFund: '900000000.00', budgetPointValue: '5.718153' }, resident: { dipFund: '400000000.00', budgetPointValue: '5.718153' } };
    const run = await settleRegionYear({ records, policy: makePolicy({ coefficients: { byLevel: { 三级: '1.00', 二级: '0.85' } }, pointValue: { pools } }), grouper: fakeGrouper(PACKETS), year: 2025, hospitals: HOSPITALS }, { onCase: (c) => void rows.push(c) });
    for (const h of run.hospitals) {
      for (const l of h.pools) {
        const mine = rows.filter((r) => r.hospitalId === h.hospitalId && r.pool === l.pool && r.status === 'grouped');
        const byCase = new Map(records.flatMap((it) => (it.ok === true ? [[it.record.caseId, it.record] as const] : [])));
        expect(l.points).toBe(formatDecimal(mine.reduce((s, r) => s.plus(dec(r.casePoints)), ZERO)));
        expect(l.totalCost).toBe(formatDecimal(mine.reduce((s, r) => s.plus(dec(r.totalCost)), ZERO)));
        expect(l.booked).toBe(formatDecimal(mine.reduce((s, r) => s.plus(dec(byCase.get(r.caseId)!.fundPaid)), ZERO)));
      }
    }
  });
});
