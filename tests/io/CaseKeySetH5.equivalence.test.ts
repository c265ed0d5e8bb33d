/**
 * `CaseKeySet.add` reads a case id's trailing digit run once (its value accumulated while the run is scanned from
 * the end, exact: ≤ 9 digits, < 10^9) instead of scanning it and parsing it again. Against the frozen copy of the
 * two-loop version (`tests/io/reference/CaseKeySetH5.ts`, commit 7decd48): the same answers to every `add`, the same
 * `size` and the same `byteSize` (same tables: the memory is unchanged), on random sequences of keys around the
 * packing bounds (digit runs of 0–24 digits, leading zeros, prefixes of 63–65 units, non-ASCII, lone surrogates).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseKeySet } from '../../src/io/CaseKeySet.js';
import { CaseKeySet as CaseKeySetH5 } from './reference/CaseKeySetH5.js';

const HOSPITALS = ['H410400001', 'H410400002', '', 'H', '医院', 'H\uD800', 'H1'];
const PREFIXES = ['', 'C', 'C2025', 'C20', 'Z', '病案', '\uD800', '\uFFFD', '😀', ' ', '0', '-', 'p'.repeat(63), 'p'.repeat(64), 'p'.repeat(65)];
const digitRun = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9'), maxLength: 24 });
const caseIdArb = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom(...PREFIXES), digitRun).map(([p, d]) => p + d), weight: 4 },
  { arbitrary: fc.integer({ min: 0, max: 999_999_999 }).map((i) => `C20${String(i).padStart(9, '0')}`), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 999_999_999 }).map((i) => `C${i}`), weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom('C', '0', '1', '9', ' ', '病', '\uD800', ':'), maxLength: 12 }), weight: 2 },
);

describe('CaseKeySet (one pass over the trailing digits) = frozen 7decd48 copy', () => {
  it('same answers, size and byteSize on random key sequences (seed 96, 500 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...HOSPITALS), caseIdArb), { minLength: 1, maxLength: 60 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 0xffffffff })), { maxLength: 500 }), (pool, steps) => {
        const a = new CaseKeySet();
        const b = new CaseKeySetH5();
        const got: (number | undefined)[] = [];
        const want: (number | undefined)[] = [];
        for (const [k, line] of steps) {
          const [h, c] = pool[k % pool.length]!;
          got.push(a.add(h, c, line));
          want.push(b.add(h, c, line));
        }
        expect(got).toStrictEqual(want);
        expect([a.size, a.byteSize]).toStrictEqual([b.size, b.byteSize]);
      }),
      { numRuns: 500, seed: 96 },
    );
  });

  it('literal: the digit values of packed ids (leading zeros, 9 digits, 10 digits, all nines)', () => {
    const a = new CaseKeySet();
    const ids = ['C5', 'C05', 'C005', 'C999999999', 'C0999999999', 'C1000000000', 'X123456789', 'X12345678', 'X023456789'];
    ids.forEach((c, i) => expect(a.add('H1', c, i + 1)).toBeUndefined());
    ids.forEach((c, i) => expect(a.add('H1', c, 100 + i)).toBe(i + 1));
    expect(a.size).toBe(ids.length);
  });

  it('every id of 1 to 4 digits after a prefix is its own key (the digit value is a bijection per digit count)', () => {
    const a = new CaseKeySet();
    const b = new CaseKeySetH5();
    let line = 0;
    for (const prefix of ['C', '']) {
      for (let d = 1; d <= 4; d++) {
        for (let v = 0; v < 10 ** d; v++) {
          const id = prefix + String(v).padStart(d, '0');
          line++;
          expect(a.add('H1', id, line)).toBeUndefined();
          expect(b.add('H1', id, line)).toBeUndefined();
        }
      }
    }
    expect(a.size).toBe(2 * 11_110);
    expect(a.add('H1', 'C0042', 1)).toBe(b.add('H1', 'C0042', 1));
    expect(a.byteSize).toBe(b.byteSize);
  });
});
