import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, formatFixed } from '../../src/decimal/index.js';
import type { RawRecord } from '../../src/records/index.js';
import { validateRecord } from '../../src/records/index.js';
import { scaledAmount, scaledMoneyText } from '../../src/records/scaledMoney.js';

/** The decimal.js reference of the canonical money text (validateRecord's `money`). */
const moneyRef = (t: string): string => {
  const d = dec(t);
  return formatFixed(d, Math.max(2, d.decimalPlaces()));
};

/** Plain amounts: 1–11 integer digits (leading zeros allowed), 0–4 decimal places (trailing zeros allowed). */
const plainAmount = fc
  .tuple(fc.stringMatching(/^\d{1,11}$/u), fc.option(fc.stringMatching(/^\d{1,4}$/u), { nil: undefined }))
  .map(([i, f]) => (f === undefined ? i : `${i}.${f}`));
/** Small plain amounts, so that sums land near each other (ties, one-cent gaps). */
const nearAmount = fc.integer({ min: 0, max: 3_000_000 }).chain((fen) =>
  fc.constantFrom(0, 1, 2, 3, 4).map((dp) => {
    const v = dp <= 2 ? fen : fen * 100 + (fen % 97);
    const s = String(v).padStart(dp + 1, '0');
    return dp === 0 ? String(Math.floor(fen / 100)) : `${s.slice(0, s.length - dp)}.${s.slice(s.length - dp)}`;
  }),
);
/** Forms the fast path must refuse (the decimal.js path reports them). */
const oddAmount = fc.constantFrom('12.', '.5', '-1.00', '1e3', '1.23456', '１２', '12,5', '000000000000001.5', '123456789012.00', 'abc', '0x10');
const amount = fc.oneof({ weight: 4, arbitrary: nearAmount }, { weight: 2, arbitrary: plainAmount }, { weight: 1, arbitrary: oddAmount });
const optionalAmount = fc.option(amount, { nil: undefined, freq: 2 });

const BASE: RawRecord = {
  case_id: 'Z1', hospital_id: 'H1', insurance_type: '310', admission_date: '2025-03-01', discharge_date: '2025-03-08',
  birth_date: '1980-03-01', principal_dx: 'K35.300x001', total_cost: '0', fund_paid: '0', patient_paid: '0',
} as RawRecord;

describe('scaled-integer money equals the decimal.js path', () => {
  it('scaledAmount / scaledMoneyText: same value and canonical text as dec + formatFixed (seed 11)', () => {
    fc.assert(
      fc.property(plainAmount, (t) => {
        const v = scaledAmount(t, 4);
        expect(v).toBe(Number(dec(t).times(10_000).toFixed()));
        expect(Number.isSafeInteger(v)).toBe(true);
        expect(scaledMoneyText(v)).toBe(moneyRef(t));
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it('scaledAmount refuses non-plain forms and more decimal places than maxScale', () => {
    for (const t of ['', '12.', '.5', '-1', '1e3', '1.23456', '12,5', '000000000000001.5', '123456789012', ' 1']) expect(scaledAmount(t, 4)).toBe(-1);
    expect(scaledAmount('1.234', 2)).toBe(-1);
    expect(scaledAmount('1.23', 2)).toBe(12_300);
  });

  it('sums and comparisons of scaled amounts equal the decimal comparisons (seed 12)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(plainAmount, nearAmount), { minLength: 1, maxLength: 12 }), nearAmount, (xs, t) => {
        const scaled = xs.reduce((a, x) => a + scaledAmount(x, 4), 0);
        const exact = xs.reduce((a, x) => a.plus(dec(x)), dec(0));
        expect(Number.isSafeInteger(scaled)).toBe(true);
        expect(scaled).toBe(Number(exact.times(10_000).toFixed()));
        expect(scaled > scaledAmount(t, 4)).toBe(exact.gt(dec(t)));
      }),
      { seed: 12, numRuns: 1000 },
    );
  });

  it('validateRecord: money fields and money issues are those of the decimal.js rules on random batches (seed 13)', () => {
    const cols = ['total_cost', 'fund_paid', 'patient_paid', 'other_paid', 'drug_cost', 'consumable_cost', 'treatment_cost', 'surgery_cost'] as const;
    const keys = ['totalCost', 'fundPaid', 'patientPaid', 'otherPaid', 'drugCost', 'consumableCost', 'treatmentCost', 'surgeryCost'] as const;
    const isPlain = (t: string): boolean => /^\d{1,20}(?:\.\d{1,4})?$/u.test(t);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(amount, amount, amount, optionalAmount, optionalAmount, optionalAmount, optionalAmount, optionalAmount, fc.boolean()), { minLength: 1, maxLength: 20 }),
        fc.constantFrom(undefined, '0', '0.01', '1.5', '0.00001'),
        fc.constantFrom('warn', 'error', 'off') as fc.Arbitrary<'warn' | 'error' | 'off'>,
        (batch, tolerance, mode) => {
          for (const [...row] of batch) {
            const balanced = row.pop() as boolean;
            const cells = row as (string | undefined)[];
            // Half the rows: total = fund + patient + other exactly (as a plain 4-dp amount), so the identity holds
            // and the fast path's ties are exercised.
            if (balanced && [cells[1], cells[2], cells[3]].every((c) => c === undefined || isPlain(c))) {
              cells[0] = dec(cells[1]!).plus(dec(cells[2]!)).plus(dec(cells[3] ?? '0')).toFixed(4);
            }
            const raw: Record<string, string> = { ...BASE };
            cells.forEach((c, k) => {
              if (c !== undefined) raw[cols[k]!] = c;
            });
            const options = { paymentIdentity: mode, ...(tolerance === undefined ? {} : { paymentIdentityTolerance: tolerance }) };
            const { record, issues } = validateRecord(raw as RawRecord, { line: 2, options });
            const present = cells;
            if (!present.every((c) => c === undefined || isPlain(c))) {
              expect(record).toBeUndefined();
              expect(issues.some((i) => i.code.startsWith('decimal.'))).toBe(true);
              continue;
            }
            const d = present.map((c) => (c === undefined ? undefined : dec(c)));
            const [t, f, p, o] = [d[0]!, d[1]!, d[2]!, d[3]];
            const items = d.slice(4).reduce((a, x) => (x === undefined ? a : a!.plus(x)), dec(0))!;
            const expected: string[] = [];
            if (f.plus(p).gt(t)) expected.push('record.paid_exceeds_total');
            else if (mode !== 'off' && t.minus(f.plus(p).plus(o ?? 0)).abs().gt(dec(tolerance ?? '0.01'))) expected.push('record.payment_identity');
            if (items.gt(t)) expected.push('record.itemised_exceeds_total');
            expect(issues.map((i) => i.code)).toEqual(expected);
            const rejected = expected.includes('record.paid_exceeds_total') || (mode === 'error' && expected.includes('record.payment_identity'));
            if (rejected) expect(record).toBeUndefined();
            else {
              expect(record).toBeDefined();
              present.forEach((c, k) => expect(record![keys[k]!]).toBe(c === undefined ? undefined : moneyRef(c)));
            }
          }
        },
      ),
      { seed: 13, numRuns: 300 },
    );
  });
});
