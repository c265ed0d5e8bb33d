import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/synthetic/prng.js';
import { AliasTable } from '../../src/synthetic/aliasTable.js';
import { icdChapter, parsePacketCode } from '../../src/synthetic/packetCode.js';
import { fenToYuan } from '../../src/synthetic/money.js';
import { Calendar } from '../../src/synthetic/calendar.js';
import { encodeCsvCell, encodeCsvRow } from '../../src/io/writeCsv.js';

describe('Prng (sfc32 seeded by cyrb128)', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = new Prng('seed-1');
    const b = new Prng('seed-1');
    const c = new Prng('seed-2');
    const xa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xa);
  });
  it('pins its first outputs (a change of algorithm changes every generated file)', () => {
    const r = new Prng('dip-engine-2025');
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([3064556457, 3211011065, 4164923160]);
  });
  it('numeric seeds equal their string form; forks are independent of draws on the parent', () => {
    expect(new Prng(42).nextUint32()).toBe(new Prng('42').nextUint32());
    const p = new Prng('x');
    const f1 = p.fork('a').nextUint32();
    p.next();
    expect(p.fork('a').nextUint32()).toBe(f1);
    expect(p.fork('b').nextUint32()).not.toBe(f1);
  });
  it('int stays in range and uniform-ish; normal has mean ≈ 0 and sd ≈ 1 (n = 100,000, ±5σ)', () => {
    const r = new Prng(7);
    const counts = [0, 0, 0, 0, 0, 0];
    let s = 0;
    let s2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const k = r.int(6);
      counts[k] = (counts[k] ?? 0) + 1;
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    // Binomial(n, 1/6): sd = sqrt(n·(1/6)·(5/6)) ≈ 117.9.
    for (const c of counts) expect(Math.abs(c - n / 6)).toBeLessThan(5 * 117.9);
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
});

describe('AliasTable', () => {
  it('draws in proportion to the weights (n = 100,000, ±5σ) and never a zero weight', () => {
    const w = [151, 35, 0, 65, 749];
    const t = new AliasTable(w);
    const r = new Prng('alias');
    const n = 100_000;
    const counts = w.map(() => 0);
    for (let i = 0; i < n; i++) {
      const k = t.sample(r);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts[2]).toBe(0);
    const total = 1000;
    w.forEach((wi, i) => {
      const p = wi / total;
      expect(Math.abs((counts[i] ?? 0) - n * p)).toBeLessThanOrEqual(5 * Math.sqrt(n * p * (1 - p)) + 1e-9);
    });
  });
  it('rejects empty and all-zero weights', () => {
    expect(() => new AliasTable([])).toThrow();
    expect(() => new AliasTable([0, 0])).toThrow();
    expect(() => new AliasTable([1, -1])).toThrow();
  });
});

describe('packet-code parser (private; DIP-RULES §3.3–§3.4)', () => {
  it('parses every Pingdingshan shape', () => {
    expect(parsePacketCode('A03.9')).toEqual({ kind: 'core', code: 'A03.9', dxKey: 'A03.9', related: [] });
    expect(parsePacketCode('E07.9:06.3102')).toEqual({ kind: 'core', code: 'E07.9:06.3102', dxKey: 'E07.9', main: '06.3102', related: [] });
    expect(parsePacketCode('C34.1:32.4100_33.3903+40.5914')).toEqual({ kind: 'core', code: 'C34.1:32.4100_33.3903+40.5914', dxKey: 'C34.1', main: '32.4100', related: ['33.3903', '40.5914'] });
    expect(parsePacketCode('C56.X:68.4901_40.5910+54.4x00x007+65.6100')).toMatchObject({ dxKey: 'C56.x', main: '68.4901', related: ['40.5910', '54.4x00x007', '65.6100'] });
    expect(parsePacketCode('A09.9:44.1300X001')).toMatchObject({ main: '44.1300x001' });
    expect(parsePacketCode('E11:SS')).toEqual({ kind: 'comprehensive', code: 'E11:SS', category: 'E11', group: 'SS' });
    expect(parsePacketCode('U07:BSZL')).toMatchObject({ kind: 'comprehensive', category: 'U07', group: 'BSZL' });
    expect(parsePacketCode('CP09:ZDXCZ')).toEqual({ kind: 'chapter', code: 'CP09:ZDXCZ', chapter: 9, group: 'ZDXCZ' });
    expect(parsePacketCode('KBBZ')).toEqual({ kind: 'blank', code: 'KBBZ' });
  });
  it('rejects what is not a packet code', () => {
    for (const bad of ['', 'E11:XX', 'E1:SS', 'A03.9:', 'A03.9:_1', 'A03.9:47.01_', 'A03.9:47.01_1+', 'CP9:SS']) expect(parsePacketCode(bad)).toBeUndefined();
  });
  it('maps categories to ICD-10 chapters by 3-character range', () => {
    expect([icdChapter('A00'), icdChapter('D48'), icdChapter('D50'), icdChapter('H59'), icdChapter('H60'), icdChapter('T98'), icdChapter('U07'), icdChapter('Z99')]).toEqual([1, 2, 3, 7, 8, 19, 22, 21]);
  });
});

describe('fenToYuan and Calendar', () => {
  it('formats integer fen as exact 2-dp yuan', () => {
    expect([fenToYuan(0), fenToYuan(5), fenToYuan(100), fenToYuan(1234507)]).toEqual(['0.00', '0.05', '1.00', '12345.07']);
    expect(() => fenToYuan(1.5)).toThrow();
    expect(() => fenToYuan(-1)).toThrow();
  });
  it('computes ISO dates and completed years (birthday counts from its day)', () => {
    const cal = new Calendar();
    const d = cal.day(2025, 3, 1);
    expect(cal.iso(d + 7)).toBe('2025-03-08');
    expect(cal.iso(cal.day(2024, 2, 29))).toBe('2024-02-29');
    expect(cal.completedYears(cal.day(1980, 3, 1), cal.day(2025, 2, 28))).toBe(44);
    expect(cal.completedYears(cal.day(1980, 3, 1), cal.day(2025, 3, 1))).toBe(45);
  });
});

describe('CSV encoding (RFC 4180 + formula-injection protection)', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(encodeCsvCell('a,b')).toBe('"a,b"');
    expect(encodeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(encodeCsvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(encodeCsvCell('plain')).toBe('plain');
    expect(encodeCsvCell('')).toBe('');
  });
  it('prefixes text cells that start like a formula, but not plain numbers in numeric columns', () => {
    expect(encodeCsvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(encodeCsvCell('+86')).toBe("'+86");
    expect(encodeCsvCell('-1')).toBe("'-1");
    expect(encodeCsvCell('@cmd')).toBe("'@cmd");
    expect(encodeCsvCell('-12.50', true)).toBe('-12.50');
    expect(encodeCsvCell('-1+2', true)).toBe("'-1+2");
    expect(encodeCsvCell('=1,2', false)).toBe(`"'=1,2"`);
    expect(encodeCsvCell('=x', false, false)).toBe('=x');
  });
  it('encodes a row', () => {
    expect(encodeCsvRow(['H1', '-5.00', '@x', 'a;b'], { numericColumns: new Set([1]) })).toBe("H1,-5.00,'@x,a;b");
  });
});

describe('Calendar dense cache', () => {
  it('agrees with Date for every day of 1890–2029 and falls back outside', () => {
    const cal = new Calendar(1890, 140);
    const bad: string[] = [];
    for (let d = cal.day(1890, 1, 1) - 3; d < cal.day(2030, 1, 1) + 3; d++) {
      const want = new Date(d * 86_400_000).toISOString().slice(0, 10);
      if (cal.iso(d) !== want) bad.push(`${d}: ${cal.iso(d)} ≠ ${want}`);
    }
    expect(bad).toEqual([]);
  });
});
