/**
 * Helper g8: the grouper's base cache for the cases without other procedures is a {@link KeyTable} keyed by the
 * packed principal diagnosis and principal procedure ({@link packKey}) instead of `Map`s keyed by the fresh strings.
 *
 * - `packKey` is injective on packable keys (equal count and words ⇔ equal diagnosis and procedure strings) and packs
 *   exactly the keys its doc says (property on strings from an alphabet with `\0`, non-ASCII and long codes);
 * - `KeyTable` behaves as a `Map` from the key's symbols (property on random operation sequences, tiny bounds);
 * - the grouper equals a frozen copy of an earlier one (`reference/grouperG9Reference.ts`, commit b604435; these
 *   properties compared with the 7c64073 copy `reference/grouperG8Reference.ts` until 3be3aee, same generators; their
 *   set-up is shared with groupCacheG9 in `groupCachePairs.ts`, and the rotation test past the default bounds, which
 *   was word for word groupCacheG9's, runs there only),
 *   `toStrictEqual` on every result (trace included, both trace levels), on the real Pingdingshan catalog (plain, and
 *   rebuilt with auxiliary subtypes and exclusion lists) under every preset and on a synthetic catalog with a
 *   `closestAverageCost` tie (a base that reads the case's cost is never cached), at the default and tiny bounds
 *   (generations rotate many times per sequence), with raw strings fresh per case, odd spellings, `''` and absent
 *   principal procedures, duplicates, ignored procedures, unpackable (long, non-ASCII, `\0`) codes.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { KEY_WORDS, KeyTable, LIST_WORDS, MAX_SYMBOLS, packKey, packProcedures } from '../../src/grouping/keyTable.js';
import { REAL_DXS, REAL_PROCS, REAL_TIES, SYN_MODES, realCatalogProperties, syntheticProperty, useRealCatalogs } from './groupCachePairs.js';

// ---------------------------------------------------------------- packKey
/** The symbols a packed key stands for, read back from its count and words. */
function unpack(n: number, w: Int32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((w[i >> 2]! >>> ((i & 3) * 7)) & 127);
  return out;
}
const packable = (dx: string, p0: string | undefined): boolean => {
  const all = p0 === undefined ? dx : dx + p0;
  const n = p0 === undefined ? dx.length : dx.length + 1 + p0.length;
  return dx !== '' && n <= MAX_SYMBOLS && [...all].every((ch) => ch.charCodeAt(0) >= 1 && ch.charCodeAt(0) <= 127) && all.length === [...all].length;
};
const CHARS = ['K', '3', '5', '.', '0', 'x', 'X', '\0', '\u007f', '\u0080', 'ｘ', '＋', ' ', '4', '7', '1'];
const codeArb = fc.array(fc.constantFrom(...CHARS), { maxLength: 16 }).map((a) => a.join(''));
const keyArb = fc.tuple(codeArb, fc.option(codeArb.filter((s) => s !== ''), { nil: undefined }));

describe('packKey', () => {
  it('literal keys', () => {
    const w = new Int32Array(KEY_WORDS);
    expect(packKey(w, 'K35.300', undefined)).toBe(7);
    expect(unpack(7, w)).toEqual([...'K35.300'].map((c) => c.charCodeAt(0)));
    expect([...w.slice(2)]).toEqual([0, 0, 0, 0]);
    expect(w[0]).toBe(75 | (51 << 7) | (53 << 14) | (46 << 21));
    expect(packKey(w, 'K35.300', '47.0100')).toBe(15);
    expect(unpack(15, w)).toEqual([...'K35.300\u000047.0100'].map((c) => c.charCodeAt(0)));
    expect(packKey(w, 'K35.300x001', '47.0100x001')).toBe(23);
    expect(packKey(w, 'K35.300x001', '47.0100x0011')).toBe(24);
    expect(packKey(w, 'K35.300x001', '47.0100x00111')).toBe(0); // 25 symbols
    expect(packKey(w, '', undefined)).toBe(0);
    expect(packKey(w, '', '47.0100')).toBe(0);
    expect(packKey(w, 'K35.300', '47.0100ｘ001')).toBe(0);
    expect(packKey(w, 'K35\u0000300', undefined)).toBe(0);
  });

  test.prop([keyArb, keyArb], { seed: 808, numRuns: 20_000 })('packs exactly the packable keys; equal packs ⇔ equal keys', ([dx1, p1], [dx2, p2]) => {
    const w1 = new Int32Array(KEY_WORDS).fill(-1);
    const w2 = new Int32Array(KEY_WORDS).fill(-1);
    const n1 = packKey(w1, dx1, p1);
    const n2 = packKey(w2, dx2, p2);
    expect(n1 > 0).toBe(packable(dx1, p1));
    expect(n2 > 0).toBe(packable(dx2, p2));
    if (n1 > 0) {
      expect(n1).toBe(p1 === undefined ? dx1.length : dx1.length + 1 + p1.length);
      expect(String.fromCharCode(...unpack(n1, w1))).toBe(p1 === undefined ? dx1 : `${dx1}\0${p1}`);
      // every bit past the last symbol is zero (the table compares all six words)
      for (let i = n1; i < MAX_SYMBOLS; i++) expect((w1[i >> 2]! >>> ((i & 3) * 7)) & 127).toBe(0);
      for (const x of w1) expect(x >>> 28).toBe(0);
    }
    if (n1 > 0 && n2 > 0) {
      const same = n1 === n2 && w1.every((x, i) => x === w2[i]);
      expect(same).toBe(dx1 === dx2 && p1 === p2);
    }
  });
  test.prop([codeArb, codeArb], { seed: 809, numRuns: 5_000 })('the key of a diagnosis alone is never the key of a diagnosis and a procedure', (dx, p) => {
    const w1 = new Int32Array(KEY_WORDS);
    const w2 = new Int32Array(KEY_WORDS);
    const n1 = packKey(w1, `${dx}${p}`, undefined);
    const n2 = p === '' ? 0 : packKey(w2, dx, p);
    if (n1 > 0 && n2 > 0) expect(n1 === n2 && w1.every((x, i) => x === w2[i])).toBe(false);
  });
});

// ---------------------------------------------------------------- packProcedures
const listArb = fc.tuple(codeArb, codeArb, fc.array(codeArb, { minLength: 1, maxLength: 5 }));
const packableList = (dx: string, p0: string, others: readonly string[]): boolean => {
  const all = [dx, p0, ...others].join('');
  const n = dx.length + 1 + p0.length + others.reduce((a, o) => a + 1 + o.length, 0);
  return dx !== '' && p0 !== '' && n <= LIST_WORDS * 4 && [...all].every((ch) => ch.charCodeAt(0) >= 1 && ch.charCodeAt(0) <= 127);
};

describe('packProcedures', () => {
  it('literal keys', () => {
    const w = new Int32Array(LIST_WORDS);
    expect(packProcedures(w, 'K35.300', '47.0100', ['54.5100'])).toBe(23);
    expect(String.fromCharCode(...unpack(23, w))).toBe('K35.300\u000047.0100\u000054.5100');
    expect(packProcedures(w, 'K35.300', '47.0100', [''])).toBe(16);
    expect(packProcedures(w, 'K35.300', '47.0100', ['', ''])).toBe(17);
    expect(packProcedures(w, 'K35.300', '', ['54.5100'])).toBe(0);
    expect(packProcedures(w, '', '47.0100', ['54.5100'])).toBe(0);
    expect(packProcedures(w, 'K35.300', '47.0100', ['5４.5100'])).toBe(0);
    const eleven = '47.0100x001';
    expect(packProcedures(w, 'K35.300x001', eleven, [eleven, eleven, eleven, eleven])).toBe(0); // 71 symbols > 64
    expect(packProcedures(w, 'K35.300x001', eleven, [eleven, eleven, eleven])).toBe(59);
  });
  test.prop([listArb, listArb], { seed: 811, numRuns: 20_000 })('packs exactly the packable keys; equal packs ⇔ equal keys', ([d1, p1, o1], [d2, p2, o2]) => {
    const w1 = new Int32Array(LIST_WORDS).fill(-1);
    const w2 = new Int32Array(LIST_WORDS).fill(-1);
    const n1 = packProcedures(w1, d1, p1, o1);
    const n2 = packProcedures(w2, d2, p2, o2);
    expect(n1 > 0).toBe(packableList(d1, p1, o1));
    expect(n2 > 0).toBe(packableList(d2, p2, o2));
    if (n1 > 0) {
      expect(String.fromCharCode(...unpack(n1, w1))).toBe([d1, p1, ...o1].join('\0'));
      for (let i = n1; i < LIST_WORDS * 4; i++) expect((w1[i >> 2]! >>> ((i & 3) * 7)) & 127).toBe(0);
      for (const x of w1) expect(x >>> 28).toBe(0);
    }
    if (n1 > 0 && n2 > 0) {
      const same = n1 === n2 && w1.every((x, i) => x === w2[i]);
      expect(same).toBe(d1 === d2 && p1 === p2 && o1.length === o2.length && o1.every((x, i) => x === o2[i]));
    }
  });
  test.prop([listArb], { seed: 812, numRuns: 5_000 })('equal symbols to a same-text key only when the lists are equal (no ambiguity from empty entries)', ([d, p, o]) => {
    const w1 = new Int32Array(LIST_WORDS);
    const w2 = new Int32Array(LIST_WORDS);
    const n1 = packProcedures(w1, d, p, o);
    const n2 = packProcedures(w2, d, p, [...o, '']);
    if (n1 > 0 && n2 > 0) expect(n1 === n2 && w1.every((x, i) => x === w2[i])).toBe(false);
  });
});

// ---------------------------------------------------------------- KeyTable
describe('KeyTable', () => {
  type Op = { t: 'get' | 'set'; k: readonly [string, string | undefined]; v: number } | { t: 'clear' };
  // mostly packable keys (ASCII codes), so that tables fill past 32 entries and grow
  const ascii = fc.array(fc.constantFrom('K', '3', '5', '.', '0', 'x', '4', '7', '1'), { minLength: 1, maxLength: 11 }).map((a) => a.join(''));
  const keys = fc.oneof({ weight: 1, arbitrary: keyArb }, { weight: 4, arbitrary: fc.tuple(ascii, fc.option(ascii, { nil: undefined })) });
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ t: fc.constantFrom('get' as const, 'set' as const), k: keys, v: fc.nat() }) },
    { weight: 1, arbitrary: fc.constant({ t: 'clear' as const }) },
  );
  test.prop([fc.integer({ min: 0, max: 150 }), fc.array(opArb, { maxLength: 400 }), fc.boolean()], { seed: 810, numRuns: 3_000 })('is a Map from the key (below its bound), growing from 64 slots to its capacity', (max, ops, list) => {
    const t = new KeyTable<number>(max, list ? LIST_WORDS : KEY_WORDS);
    const model = new Map<string, number>();
    const w = new Int32Array(list ? LIST_WORDS : KEY_WORDS);
    let cap = 2;
    while (cap < 2 * Math.max(max, 1)) cap *= 2;
    for (const op of ops) {
      expect(t.capacity).toBeLessThanOrEqual(cap);
      expect(2 * t.size).toBeLessThanOrEqual(t.capacity);
      if (op.t === 'clear') {
        t.clear();
        model.clear();
        continue;
      }
      const n = list ? (op.k[1] === undefined ? 0 : packProcedures(w, op.k[0], op.k[1], [op.k[0]])) : packKey(w, op.k[0], op.k[1]);
      if (n === 0) continue;
      const mk = `${op.k[0]}\u0001${op.k[1] ?? '\u0002'}`;
      if (op.t === 'get') expect(t.get(n, w)).toBe(model.get(mk));
      else if (model.has(mk) || model.size < Math.max(max, 1)) {
        t.set(n, w, op.v);
        model.set(mk, op.v);
      } else expect(() => t.set(n, w, op.v)).toThrow('KeyTable: full');
      expect(t.size).toBe(model.size);
    }
  });
  it('keys equal but in their last word are told apart (a 2-slot table: every probe meets the stored key)', () => {
    const w = new Int32Array(KEY_WORDS);
    for (const last of '0123456789') {
      const t = new KeyTable<string>(1);
      t.set(packKey(w, 'K35.300x001', '47.0100x0011'), w, 'stored');
      expect(packKey(w, 'K35.300x001', `47.0100x001${last}`)).toBe(24);
      expect(t.get(24, w)).toBe(last === '1' ? 'stored' : undefined);
      // and in each other word: the key with one symbol changed at position 4·j
      for (let j = 0; j < KEY_WORDS; j++) {
        const k = [...'K35.300x001\u000047.0100x0011'];
        k[4 * j] = k[4 * j] === 'Z' ? 'Y' : 'Z';
        const text = k.join('');
        const [dx, p0] = text.split('\u0000') as [string, string];
        if (dx === '' || p0 === '') continue;
        expect(packKey(w, dx, p0)).toBe(24);
        expect(t.get(24, w)).toBeUndefined();
      }
    }
  });
  it('grows from 64 slots to its capacity keeping every entry (both key widths)', () => {
    for (const words of [KEY_WORDS, LIST_WORDS]) {
      const t = new KeyTable<number>(150, words);
      const w = new Int32Array(words);
      const caps: number[] = [];
      for (let i = 0; i < 150; i++) {
        const dx = `K${String(i).padStart(2, '0')}.${i % 7}00`;
        const n = words === KEY_WORDS ? packKey(w, dx, undefined) : packProcedures(w, dx, '47.0100', [dx]);
        expect(n).toBeGreaterThan(0);
        t.set(n, w, i);
        if (caps.at(-1) !== t.capacity) caps.push(t.capacity);
        for (let j = 0; j <= i; j++) {
          const dj = `K${String(j).padStart(2, '0')}.${j % 7}00`;
          const n = words === KEY_WORDS ? packKey(w, dj, undefined) : packProcedures(w, dj, '47.0100', [dj]);
          expect(t.get(n, w)).toBe(j);
        }
      }
      expect(caps).toEqual([64, 128, 256, 512]);
      expect(t.size).toBe(150);
    }
  });
  it('an unbounded or huge bound starts at 64 slots and works (a grouper built with no bound, bench/g6-heap.ts)', () => {
    const w = new Int32Array(KEY_WORDS);
    for (const max of [Infinity, 1e9]) {
      const t = new KeyTable<number>(max);
      expect(t.capacity).toBe(64);
      t.set(packKey(w, 'A00', undefined), w, 1);
      expect(t.get(packKey(w, 'A00', undefined), w)).toBe(1);
    }
  });
  it('holds its bound of entries at most, and a cleared table is empty', () => {
    const t = new KeyTable<number>(3);
    const w = new Int32Array(KEY_WORDS);
    for (const [i, k] of ['A00', 'A01', 'A02'].entries()) t.set(packKey(w, k, undefined), w, i);
    t.set(packKey(w, 'A01', undefined), w, 9); // an existing key: replaced
    expect(t.get(packKey(w, 'A01', undefined), w)).toBe(9);
    expect(() => t.set(packKey(w, 'A03', undefined), w, 3)).toThrow('KeyTable: full');
    t.clear();
    expect(t.size).toBe(0);
    expect(t.get(packKey(w, 'A00', undefined), w)).toBeUndefined();
  });
});

// ---------------------------------------------------------------- the grouper against the frozen copy
// Set-up shared with groupCacheG9 (groupCachePairs.ts); the rotation past the default bounds is groupCacheG9's (it
// was the same test here, word for word).

describe('grouper = frozen b604435 copy on the real Pingdingshan catalog, every preset, both trace levels (property, fixed seed)', () => {
  realCatalogProperties(useRealCatalogs(), REAL_DXS, REAL_PROCS, REAL_TIES, 8088, 80);
});

describe('grouper = frozen b604435 copy on a synthetic catalog, a closestAverageCost tie without procedures (property, fixed seed)', () => {
  syntheticProperty(['K35.200', 'K35.300', 'K35.301', 'k35.300', 'K35.900', 'K80.200', '', 'bad', 'K35.300x001', 'K35.300x001x002x003x004x0'], SYN_MODES, 80808, 1_000);
});
