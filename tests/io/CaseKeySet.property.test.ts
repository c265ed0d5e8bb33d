import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { CaseKeySet } from '../../src/io/index.js';

/** The reference: a `Map` per hospital of case id → first line (exact for every string, no separator ambiguity). */
class MapModel {
  private readonly byHospital = new Map<string, Map<string, number>>();
  size = 0;
  add(h: string, c: string, line: number): number | undefined {
    let m = this.byHospital.get(h);
    if (m === undefined) this.byHospital.set(h, (m = new Map()));
    const first = m.get(c);
    if (first === undefined) {
      m.set(c, line);
      this.size++;
    }
    return first;
  }
}

const HOSPITALS = ['H410400001', 'H410400002', '', 'H', '医院', 'H\uD800', 'H\uDC00', 'H\uFFFD', '0', 'H1'];
/** Prefixes around the packing boundaries: empty, digits-looking, non-ASCII, lone surrogates, 63/64/65 units long. */
const PREFIXES = ['', 'C', 'C2025', 'C20', 'Z', '病案', '\uD800', '\uDC00', '\uFFFD', '😀', ' ', '0', '-', 'p'.repeat(63), 'p'.repeat(64), 'p'.repeat(65), '病'.repeat(64)];
const UNITS = ['C', '0', '1', '9', '5', ' ', 'é', '病', '\uD800', '\uDC00', '\uFFFD', '😀', '\u0000', ':'];

const digitRun = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9'), maxLength: 24 });
const caseIdArb = fc.oneof(
  // prefix + digits: leading zeros (C05 vs C5), runs shorter than, equal to and longer than 9 digits
  { arbitrary: fc.tuple(fc.constantFrom(...PREFIXES), digitRun).map(([p, d]) => p + d), weight: 4 },
  // synthetic shape, and its neighbours
  { arbitrary: fc.integer({ min: 0, max: 99_999_999 }).map((i) => `C2025${String(i).padStart(7, '0')}`), weight: 4 },
  // short strings over an alphabet that mixes digits, non-ASCII, lone surrogates and separators
  { arbitrary: fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 12 }), weight: 4 },
  // tiny alphabet of lone surrogates and U+FFFD: ids a UTF-8 encoder would merge
  { arbitrary: fc.string({ unit: fc.constantFrom('\uD800', '\uDC00', '\uFFFD', 'a'), maxLength: 3 }), weight: 4 },
  // long ids (65,000 bytes of UTF-8), packable or not
  { arbitrary: fc.tuple(fc.constantFrom('x'.repeat(64_990), '病'.repeat(21_660), '\uD800'.repeat(21_000)), digitRun).map(([p, d]) => p + d), weight: 1 },
);

describe('CaseKeySet agrees with a Map model', () => {
  test.prop(
    [
      fc.array(fc.tuple(fc.constantFrom(...HOSPITALS), caseIdArb), { minLength: 1, maxLength: 40, size: 'max' }),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 0x7fffffff }), fc.boolean()), { maxLength: 400, size: 'max' }),
    ],
    { seed: 20261123, numRuns: 300 },
  )('random sequences over a pool of keys (repeats likely)', (pool, steps) => {
    const keys = new CaseKeySet();
    const model = new MapModel();
    const got: (number | undefined)[] = [];
    const want: (number | undefined)[] = [];
    steps.forEach(([pick, line, swapHospital], i) => {
      const [h0, c] = pool[pick % pool.length]!;
      const h = swapHospital ? pool[(pick + i) % pool.length]![0] : h0;
      got.push(keys.add(h, c, line));
      want.push(model.add(h, c, line));
    });
    expect(got).toEqual(want);
    expect(keys.size).toBe(model.size);
  });

  test.prop(
    [fc.array(fc.tuple(fc.nat({ max: 7 }), fc.integer({ min: 0, max: 2_000 }), fc.constantFrom('C2025', 'C', '', 'ZY0')), { minLength: 500, maxLength: 3_000, size: 'max' })],
    { seed: 77, numRuns: 300 },
  )('many keys per template (table growth from 8 slots), first line kept', (steps) => {
    const keys = new CaseKeySet();
    const model = new MapModel();
    const got: (number | undefined)[] = [];
    const want: (number | undefined)[] = [];
    steps.forEach(([h, n, p], line) => {
      const c = `${p}${String(n).padStart(4, '0')}`;
      got.push(keys.add(`H${h}`, c, line + 2));
      want.push(model.add(`H${h}`, c, line + 2));
    });
    expect(got).toEqual(want);
    expect(keys.size).toBe(model.size);
  });
});

describe('CaseKeySet packing edges', () => {
  it('keeps leading zeros, digit counts and lone surrogates apart', () => {
    const keys = new CaseKeySet();
    expect(keys.add('H1', 'C5', 2)).toBeUndefined();
    expect(keys.add('H1', 'C05', 3)).toBeUndefined();
    expect(keys.add('H1', 'C005', 4)).toBeUndefined();
    expect(keys.add('H1', '5', 5)).toBeUndefined();
    expect(keys.add('H1', '05', 6)).toBeUndefined();
    expect(keys.add('H1', '1234567890', 7)).toBeUndefined(); // 10 digits: prefix "1", 9 digits
    expect(keys.add('H1', '01234567890', 8)).toBeUndefined();
    expect(keys.add('H1', '234567890', 9)).toBeUndefined();
    expect(keys.add('H1', 'a\uD800', 10)).toBeUndefined();
    expect(keys.add('H1', 'a\uDC00', 11)).toBeUndefined();
    expect(keys.add('H1', 'a\uFFFD', 12)).toBeUndefined();
    expect(keys.add('H\uD800', 'Z', 13)).toBeUndefined();
    expect(keys.add('H\uDC00', 'Z', 14)).toBeUndefined();
    expect(keys.add('H\uD800', 'Z', 15)).toBe(13);
    expect(keys.add('H1', 'a\uDC00', 16)).toBe(11);
    expect(keys.add('H1', 'C05', 17)).toBe(3);
    expect(keys.add('H1', '1234567890', 18)).toBe(7);
    expect(keys.add('H1', '999999999', 19)).toBeUndefined();
    expect(keys.add('H1', '000000000', 20)).toBeUndefined();
    expect(keys.add('H1', '999999999', 21)).toBe(19);
    expect(keys.size).toBe(15);
  });

  it('stays exact past 16,384 templates (later templates go to the byte store)', () => {
    const keys = new CaseKeySet();
    let fresh = 0;
    let wrong = 0;
    for (let t = 0; t < 20_000; t++) for (let n = 0; n < 3; n++) if (keys.add('H1', `P${t}-${n}`, t * 3 + n) === undefined) fresh++;
    for (let t = 0; t < 20_000; t += 7) for (let n = 0; n < 3; n++) if (keys.add('H1', `P${t}-${n}`, 0) !== t * 3 + n) wrong++;
    expect([fresh, wrong]).toEqual([60_000, 0]);
    expect(keys.add('H1', 'P19999-3', 1)).toBeUndefined();
    expect(keys.add('H1', 'P0-3', 2)).toBeUndefined();
    expect(keys.add('H1', 'P19999-3', 3)).toBe(1);
    expect(keys.add('H1', 'P0-3', 4)).toBe(2);
    expect(keys.size).toBe(60_002);
  });

  it('rejects a case id over 65,532 bytes, as before', () => {
    const keys = new CaseKeySet();
    expect(() => keys.add('H1', 'x'.repeat(65_533), 2)).toThrow('CaseKeySet: case_id longer than 65,532 bytes');
    expect(() => keys.add('H1', `${'x'.repeat(65_530)}123`, 2)).toThrow('CaseKeySet: case_id longer than 65,532 bytes');
    expect(keys.add('H1', 'x'.repeat(65_532), 3)).toBeUndefined();
    expect(keys.add('H1', 'x'.repeat(65_532), 4)).toBe(3);
  });

  it('holds at most 13.4 bytes per key on the synthetic shape (200,000 keys, 60 hospitals)', () => {
    const keys = new CaseKeySet();
    for (let i = 0; i < 200_000; i++) keys.add(`H4104000${String(i % 60).padStart(2, '0')}`, `C2025${String(i + 1).padStart(7, '0')}`, i + 2);
    expect(keys.size).toBe(200_000);
    // 60 tables of 4,928 slots × 8 bytes (3,333 or 3,334 keys each: load 0.68)
    expect(keys.byteSize).toBe(2_365_440);
    expect(keys.byteSize / keys.size).toBeLessThanOrEqual(13.4);
    expect(keys.add('H410400001', 'C20250000002', 0)).toBe(3);
  });
});
