/**
 * The in-place helpers of the v8 clean-line fast path against what they replace: `isNormalDxAt` /
 * `isNormalProcedureAt` (src/records/codeShapes.ts) = the RegExps `DX_NORMAL` / `PROC_NORMAL` of the frozen
 * `tests/records/reference/validateRecordV8.ts` (copied here literally) on `s.slice(a, b)`, and `scaledAmountAt` in
 * surroundings = `scaledAmount` of the slice alone (`scaledAmount` is `scaledAmountAt` at offset 0, so this checks the
 * offsets; the values are proven against decimal.js in `tests/records/scaledMoney.test.ts`) — on random text over the codes' alphabet embedded in random surroundings, every
 * string of up to 5 characters over a small alphabet, and hand-checked literals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNormalDxAt, isNormalProcedureAt, keptByTrim } from '../../src/records/codeShapes.js';
import { scaledAmount, scaledAmountAt } from '../../src/records/scaledMoney.js';

const DX_NORMAL = /^[A-Z]\d\d(\.[0-9x]{1,3}(x\d{3})?)?\*?$/u;
const PROC_NORMAL = /^\d\d(\.[0-9x][0-9xA-WYZ]{0,4}(x\d{3,4})?)?$/u;

/** Characters codes are made of, and their near misses. */
const codeChar = fc.constantFrom(...'0123456789.xX*AKWYZ a+;,-'.split(''), '０', 'é');
const codeLike = fc.oneof(
  fc.array(codeChar, { maxLength: 14 }).map((cs) => cs.join('')),
  // Built from the grammar, so that long valid codes are frequent.
  fc
    .tuple(fc.constantFrom('', 'K', 'X', 'k', '4'), fc.constantFrom('35', '47', '3', '00'), fc.constantFrom('', '.', '.3', '.30', '.300', '.x', '.3x', '.0x0', '.3000', '.912A0', '.91XA'), fc.constantFrom('', 'x', 'x0', 'x001', 'x0001', 'x00001', 'X001'), fc.constantFrom('', '*', '**'))
    .map((p) => p.join('')),
);
const around = fc.string({ maxLength: 4 });

describe('keptByTrim = trim() on every UTF-16 code unit', () => {
  it('a unit above U+0020 is kept exactly when trim() keeps it; units up to U+0020 are never kept', () => {
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      if (c <= 32) expect(keptByTrim(c)).toBe(false);
      else expect([c, keptByTrim(c)]).toEqual([c, s.trim() === s && `${s}x`.trim() === `${s}x` && `x${s}`.trim() === `x${s}`]);
    }
  });
});

describe('code shapes by char codes = the RegExps', () => {
  it('isNormalDxAt / isNormalProcedureAt = DX_NORMAL / PROC_NORMAL of the slice (seed 801)', () => {
    fc.assert(
      fc.property(around, codeLike, around, (pre, code, post) => {
        const s = pre + code + post;
        const a = pre.length;
        const b = a + code.length;
        expect(isNormalDxAt(s, a, b)).toBe(DX_NORMAL.test(code));
        expect(isNormalProcedureAt(s, a, b)).toBe(PROC_NORMAL.test(code));
      }),
      { seed: 801, numRuns: 20_000 },
    );
  });

  it('= the RegExps on every string of up to 5 characters over a small alphabet, and of 6–12 with a fixed head', () => {
    const alphabet = ['K', '3', '.', 'x', '*', 'A'];
    let strings = [''];
    let checked = 0;
    for (let len = 0; len <= 5; len++) {
      for (const s of strings) {
        expect(isNormalDxAt(`,${s},`, 1, s.length + 1)).toBe(DX_NORMAL.test(s));
        expect(isNormalProcedureAt(`,${s},`, 1, s.length + 1)).toBe(PROC_NORMAL.test(s));
        checked++;
      }
      strings = strings.flatMap((s) => alphabet.map((c) => s + c));
    }
    // Tails after a valid head: every split of the optional `x` extension is tried.
    let tails = [''];
    for (let len = 0; len <= 8; len++) {
      for (const t of tails) {
        for (const head of ['K35.', '47.']) {
          const s = head + t;
          expect(isNormalDxAt(s, 0, s.length)).toBe(DX_NORMAL.test(s));
          expect(isNormalProcedureAt(s, 0, s.length)).toBe(PROC_NORMAL.test(s));
          checked++;
        }
      }
      tails = tails.flatMap((s) => ['0', 'x', 'A'].map((c) => s + c));
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('hand-checked codes', () => {
    const dx = (s: string): boolean => isNormalDxAt(s, 0, s.length);
    const proc = (s: string): boolean => isNormalProcedureAt(s, 0, s.length);
    for (const s of ['K35', 'K35.3', 'A86.x', 'K35.300x001', 'A00.0x001', 'J17.0*', 'X59.900', 'I10.x00x016'.slice(0, 11)]) expect(dx(s)).toBe(true);
    for (const s of ['', 'K3', 'k35.3', 'K35.', 'K353', 'K35.3000', 'K35.300X001', 'K35.300x01', 'J17.0**', '*', 'A01.000x005+J17.0*']) expect(dx(s)).toBe(false);
    for (const s of ['47', '47.0', '47.0100', '00.0200x001', '17.912A0', '12.5900x001', '54.4x00x007', '45.23x0001']) expect(proc(s)).toBe(true);
    for (const s of ['', '4', '47.', '470100', '44.1300X001', '17.912X0', '47.01000x', 'K35.3', '47.A100']) expect(proc(s)).toBe(false);
  });
});

describe('scaledAmountAt in surroundings = scaledAmount of the slice alone (the offsets)', () => {
  const amountLike = fc.oneof(
    fc.array(fc.constantFrom(...'0123456789.-e ,'.split(''), '１'), { maxLength: 18 }).map((cs) => cs.join('')),
    fc.tuple(fc.stringMatching(/^\d{0,13}$/u), fc.constantFrom('', '.', '.0', '.5', '.05', '.123', '.1234', '.12345', '.100')).map(([i, f]) => i + f),
  );
  it('same value or -1 for every maxScale 0–6, in random surroundings (seed 802)', () => {
    fc.assert(
      fc.property(around, amountLike, around, fc.integer({ min: 0, max: 6 }), (pre, t, post, maxScale) => {
        expect(scaledAmountAt(pre + t + post, pre.length, pre.length + t.length, maxScale)).toBe(scaledAmount(t, maxScale));
      }),
      { seed: 802, numRuns: 10_000 },
    );
  });
  it('hand-checked amounts', () => {
    expect(scaledAmountAt('x,12.34,y', 2, 7, 4)).toBe(123_400);
    expect(scaledAmountAt('x,13500,y', 2, 7, 4)).toBe(135_000_000);
    expect(scaledAmountAt('x,,y', 2, 2, 4)).toBe(-1);
    expect(scaledAmountAt('1.23456', 0, 7, 6)).toBe(-1);
    expect(scaledAmountAt('12345678901.5', 0, 13, 4)).toBe(123_456_789_015_000);
    expect(scaledAmountAt('123456789012.5', 0, 14, 4)).toBe(-1);
  });
});
