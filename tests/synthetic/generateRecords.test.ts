import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCsvRow } from '../../src/io/writeCsv.js';
import type { SyntheticModel, SyntheticTables } from '../../src/synthetic/index.js';
import { BAD_ROW_KINDS, buildSyntheticModel, COL, DEFAULT_BAD_ROW_KINDS, generateRecords } from '../../src/synthetic/index.js';
import { icdChapter, parsePacketCode } from '../../src/synthetic/packetCode.js';
import { pingdingshanTables } from './tables.js';

let tables: SyntheticTables;
let model: SyntheticModel;
/** 200,000 rows with the default shares, seed 'test-200k'. */
let rows: string[][];
const N = 200_000;

beforeAll(async () => {
  tables = await pingdingshanTables();
  model = buildSyntheticModel(tables, { rows: N, seed: 'test-200k' });
  rows = [...generateRecords(model)];
});

/** Integer fen of an exact 2-dp amount; NaN when the text is not one. */
const fen = (s: string): number => (/^\d+\.\d\d$/.test(s) ? Number(s.replace('.', '')) : Number.NaN);

/**
 * Collects violations in hot loops (one `expect` per row would dominate the run time); the test then
 * asserts the list is empty, showing the first few.
 */
class Violations {
  readonly list: string[] = [];
  count = 0;
  check(ok: boolean, message: () => string): void {
    if (ok) return;
    this.count++;
    if (this.list.length < 5) this.list.push(message());
  }
  assertNone(): void {
    expect(this.list, `${this.count} violations`).toEqual([]);
  }
}
const isBad = (r: string[]): boolean => (r[COL.source_packet] ?? '').startsWith('BAD:');

/**
 * Tolerance for a count X ~ Binomial(n, p): |X − np| ≤ 4·sqrt(n·p·(1 − p)). With fixed seeds the tests are
 * deterministic; 4σ keeps them stable across innocent changes of the draw order (a false failure
 * would need a 4σ deviation, probability ≈ 6·10⁻⁵ per check).
 */
function expectBinomial(count: number, n: number, p: number): void {
  const sd = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(count - n * p)).toBeLessThanOrEqual(4 * sd);
}

describe('determinism', () => {
  const lines = (seed: string, n = 2000): string[] => {
    const m = buildSyntheticModel(tables, { rows: n, seed });
    return [...generateRecords(m)].map((r) => encodeCsvRow(r));
  };
  it('same seed → identical first 2,000 lines (fresh model each time)', () => {
    const a = lines('det');
    expect(a).toHaveLength(2000);
    expect(lines('det')).toEqual(a);
  });
  it('different seed → different lines', () => {
    const a = lines('det', 200);
    const b = lines('det-2', 200);
    expect(b).not.toEqual(a);
    expect(b.filter((l, i) => l === a[i]).length).toBe(0);
  });
  it('a prefix of a longer run equals the shorter run (rows are a stream)', () => {
    expect(lines('det', 500)).toEqual(lines('det', 2000).slice(0, 500));
  });
});

describe('money', () => {
  it('every good row: exact 2-dp amounts and total = fund + patient + other, nothing negative', () => {
    let checked = 0;
    const v = new Violations();
    for (const r of rows) {
      if (isBad(r)) continue;
      const t = fen(r[COL.total_cost] as string);
      const f = fen(r[COL.fund_paid] as string);
      const p = fen(r[COL.patient_paid] as string);
      const o = fen(r[COL.other_paid] as string);
      v.check(t === f + p + o && t >= 1000 && f >= 0 && p >= 0 && o >= 0, () => `${r[0]}: ${r.slice(16, 20).join(' ')}`);
      checked++;
    }
    v.assertNone();
    expect(checked).toBeGreaterThan(N * 0.99);
  });
  it('fund ratios differ by pool: employee mean ratio > resident', () => {
    const acc = { employee: [0, 0], resident: [0, 0] } as Record<string, [number, number]>;
    for (const r of rows) {
      if (isBad(r)) continue;
      const a = acc[r[COL.insurance_type] as string] as [number, number];
      a[0] += Number(r[COL.fund_paid]);
      a[1] += Number(r[COL.total_cost]);
    }
    const er = (acc['employee'] as [number, number])[0] / (acc['employee'] as [number, number])[1];
    const rr = (acc['resident'] as [number, number])[0] / (acc['resident'] as [number, number])[1];
    expect(er).toBeGreaterThan(rr + 0.1);
  });
});

describe('configured shares (binomial, ±4σ on 200,000 rows)', () => {
  it('bad rows ≈ 0.5 %, high outliers ≈ 2 %, low outliers ≈ 3 %, employee ≈ 30 %', () => {
    let bad = 0;
    let high = 0;
    let low = 0;
    let emp = 0;
    for (const r of rows) {
      if (isBad(r)) bad++;
      if (r[COL.source_outlier] === 'high') high++;
      if (r[COL.source_outlier] === 'low') low++;
      if (r[COL.insurance_type] === 'employee') emp++;
    }
    expectBinomial(bad, N, 0.005);
    expectBinomial(high, N, 0.02);
    expectBinomial(low, N, 0.03);
    // insurance_type is damaged on unknown_insurance_type rows only: p ≈ 0.3 · (1 − 0.005/12).
    expectBinomial(emp, N, 0.3 * (1 - 0.005 / DEFAULT_BAD_ROW_KINDS.length));
  });
  it('outlier costs lie in their bands of the packet mean', () => {
    const mean = new Map(model.plans.map((p) => [p.code, p.meanCost]));
    const v = new Violations();
    for (const r of rows) {
      if (isBad(r) || r[COL.source_outlier] === '') continue;
      const m = mean.get(r[COL.source_packet] as string) as number;
      const ratio = Number(r[COL.total_cost]) / m;
      if (r[COL.source_outlier] === 'high') v.check(ratio >= 2.2 - 1e-6 && ratio <= 6 + 1e-6, () => `${r[0]} high ratio ${ratio}`);
      else v.check(ratio <= 0.45 + 1e-6 || m * 0.1 < 10, () => `${r[0]} low ratio ${ratio}`);
    }
    v.assertNone();
  });
  it('a share of 0 gives none; shares of 1 give all', () => {
    const m = buildSyntheticModel(tables, { rows: 300, seed: 's', badRowShare: 0, highOutlierShare: 1, lowOutlierShare: 0 });
    const rs = [...generateRecords(m)];
    expect(rs.every((r) => !isBad(r) && r[COL.source_outlier] === 'high')).toBe(true);
    const m2 = buildSyntheticModel(tables, { rows: 300, seed: 's', badRowShare: 1, highOutlierShare: 0, lowOutlierShare: 0 });
    expect([...generateRecords(m2)].every((r) => isBad(r) && r[COL.source_unambiguous] === '0' && r[COL.source_outlier] === '')).toBe(true);
  });
});

describe('bad rows', () => {
  it('every kind appears, is marked BAD:<kind>:<packet> and carries its defect', () => {
    const m = buildSyntheticModel(tables, { rows: 3000, seed: 'bad', badRowShare: 0.5, badRowKinds: BAD_ROW_KINDS });
    const seen = new Set<string>();
    const keys = new Set<string>();
    const packets = new Set(m.plans.map((p) => p.code));
    for (const r of generateRecords(m)) {
      const key = `${r[COL.hospital_id]}|${r[COL.case_id]}`;
      const sp = r[COL.source_packet] as string;
      if (!sp.startsWith('BAD:')) {
        keys.add(key);
        continue;
      }
      const [, kind, ...rest] = sp.split(':');
      expect(packets.has(rest.join(':'))).toBe(true);
      seen.add(kind as string);
      const t = r[COL.total_cost] as string;
      switch (kind) {
        case 'missing_principal_dx':
          expect(r[COL.principal_dx]).toBe('');
          break;
        case 'malformed_dx':
          expect(r[COL.principal_dx]).toContain('#');
          break;
        case 'malformed_procedure':
          expect(r[COL.principal_procedure]).toContain(',');
          break;
        case 'bad_date':
          expect(r[COL.admission_date]).toMatch(/^\d{4}-02-30$/);
          break;
        case 'discharge_before_admission':
          expect((r[COL.discharge_date] as string) < (r[COL.admission_date] as string)).toBe(true);
          break;
        case 'negative_amount':
          expect(r[COL.other_paid]).toMatch(/^-\d+\.\d\d$/);
          expect(fen(t)).toBe(fen(r[COL.fund_paid] as string) + fen(r[COL.patient_paid] as string));
          break;
        case 'too_many_decimals':
          expect(t).toMatch(/^\d+\.\d{5}$/);
          break;
        case 'malformed_amount':
          expect(t).toMatch(/,|元/);
          break;
        case 'payments_exceed_total':
          expect(fen(r[COL.fund_paid] as string) + fen(r[COL.patient_paid] as string)).toBeGreaterThanOrEqual(fen(t) + 100);
          break;
        case 'unknown_insurance_type':
          expect(r[COL.insurance_type]).toBe('commercial');
          break;
        case 'unknown_hospital':
          expect(r[COL.hospital_id]).toBe('H999999999');
          break;
        case 'bad_sex':
          expect(r[COL.sex]).toBe('3');
          break;
        case 'duplicate_case':
          expect(keys.has(key)).toBe(true);
          break;
        default:
          throw new Error(`unknown kind ${kind}`);
      }
    }
    expect([...seen].sort()).toEqual([...BAD_ROW_KINDS].sort());
  });
  it('default kinds exclude unknown_hospital (the validator alone cannot catch it)', () => {
    expect(DEFAULT_BAD_ROW_KINDS).not.toContain('unknown_hospital');
    expect(rows.some((r) => (r[COL.source_packet] as string).startsWith('BAD:unknown_hospital:'))).toBe(false);
  });
  it('good rows have unique (hospital_id, case_id)', () => {
    const keys = new Set<string>();
    for (const r of rows) if (!isBad(r)) keys.add(`${r[COL.hospital_id] as string}|${r[COL.case_id] as string}`);
    expect(keys.size).toBe(rows.filter((r) => !isBad(r)).length);
  });
});

describe('codes', () => {
  it('every good row uses real, non-grey table codes', () => {
    const dx = new Set(tables.diagnoses.filter((c) => !tables.greyDiagnoses.has(c)));
    const proc = new Set(tables.procedures.filter((c) => !tables.greyProcedures.has(c)));
    const v = new Violations();
    for (const r of rows) {
      if (isBad(r)) continue;
      const codes = [r[COL.principal_dx] as string, ...(r[COL.secondary_dx] as string).split(';').filter(Boolean)];
      for (const c of codes) v.check(dx.has(c), () => `${r[0]}: diagnosis ${c} not a non-grey table code`);
      const ps = [r[COL.principal_procedure] as string, ...(r[COL.other_procedures] as string).split(';')].filter(Boolean);
      for (const c of ps) v.check(proc.has(c), () => `${r[0]}: procedure ${c} not a non-grey table code`);
      v.check(r[COL.principal_dx] !== '', () => `${r[0]}: no principal dx`);
      v.check(r[COL.principal_procedure] !== '' || r[COL.other_procedures] === '', () => `${r[0]}: other procedures without a principal`);
    }
    v.assertNone();
  });
  it('unambiguous core rows carry exactly the packet key, MAIN and related codes', () => {
    let n = 0;
    const v = new Violations();
    for (const r of rows) {
      if (isBad(r) || r[COL.source_unambiguous] !== '1') continue;
      const p = parsePacketCode(r[COL.source_packet] as string);
      if (p?.kind !== 'core') continue;
      n++;
      v.check(
        (r[COL.principal_dx] as string).slice(0, 5) === p.dxKey && r[COL.principal_procedure] === (p.main ?? '') && r[COL.other_procedures] === p.related.join(';'),
        () => `${r[0]}: ${p.code} ← ${r.slice(10, 14).join(' | ')}`,
      );
    }
    v.assertNone();
    expect(n).toBeGreaterThan(N * 0.8);
  });
  it('unambiguous comprehensive and chapter rows: right category/chapter, procedure class, no core (key, MAIN) pair', () => {
    const cls = tables.procedureClasses;
    const groupOf = (c: string): string => (c === '' ? 'BSZL' : ({ 手术: 'SS', 介入治疗: 'SS', 治疗性操作: 'ZLXCZ', 诊断性操作: 'ZDXCZ' } as Record<string, string>)[cls.get(c) ?? ''] ?? '?');
    const coreMain = new Set<string>();
    const conservative = new Set<string>();
    const catsWithPacket = new Set<string>();
    for (const code of [...tables.catalogCodes, ...tables.packetStats.map((x) => x.code)]) {
      const p = parsePacketCode(code);
      if (p?.kind === 'core') {
        catsWithPacket.add(p.dxKey.slice(0, 3));
        if (p.main === undefined) conservative.add(p.dxKey);
        else coreMain.add(`${p.dxKey}|${p.main}`);
      } else if (p?.kind === 'comprehensive') catsWithPacket.add(p.category);
    }
    const m = buildSyntheticModel(tables, { rows: 20_000, seed: 'fallback', fallbackShare: 0.2, badRowShare: 0 });
    let comp = 0;
    let chapter = 0;
    const v = new Violations();
    for (const r of generateRecords(m)) {
      if (r[COL.source_unambiguous] !== '1') continue;
      const p = parsePacketCode(r[COL.source_packet] as string);
      const dx = r[COL.principal_dx] as string;
      const proc = r[COL.principal_procedure] as string;
      const what = (): string => `${r[0]}: ${p?.code ?? ''} ← ${dx} ${proc}`;
      if (p?.kind === 'comprehensive') {
        comp++;
        v.check(dx.slice(0, 3) === p.category && groupOf(proc) === p.group && r[COL.other_procedures] === '', what);
        if (proc === '') v.check(!conservative.has(dx.slice(0, 5)), what);
        else v.check(!coreMain.has(`${dx.slice(0, 5)}|${proc}`), what);
      } else if (p?.kind === 'chapter') {
        chapter++;
        v.check(icdChapter(dx.slice(0, 3)) === p.chapter && !catsWithPacket.has(dx.slice(0, 3)) && groupOf(proc) === p.group, what);
      }
    }
    v.assertNone();
    expect(comp).toBeGreaterThan(500);
    expect(chapter).toBeGreaterThan(3000);
  });
  it('only KBBZ is ambiguous; U07 (statistics-only) packets are part of the packet universe', () => {
    expect(model.plans.filter((p) => !p.unambiguous).map((p) => p.code)).toEqual(['KBBZ']);
    for (const p of model.plans.filter((q) => q.code.startsWith('CP22:'))) expect(p.dx.some((d) => d.startsWith('U07'))).toBe(false);
  });
});

describe('packet frequencies follow BILL_COUNT', () => {
  it('the 10 largest packets: empirical share within ±3σ of (1 − fallbackShare) · w / W on 200,000 rows', () => {
    const W = model.weighted.reduce((s, p) => s + p.weight, 0);
    expect(W).toBe(1_870_844);
    const counts = new Map<string, number>();
    for (const r of rows) {
      const sp = r[COL.source_packet] as string;
      const code = sp.startsWith('BAD:') ? sp.split(':').slice(2).join(':') : sp;
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const top = [...model.weighted].sort((a, b) => b.weight - a.weight).slice(0, 10);
    for (const p of top) {
      const q = (1 - model.options.fallbackShare) * (p.weight / W);
      const sd = Math.sqrt(N * q * (1 - q));
      expect(Math.abs((counts.get(p.code) ?? 0) - N * q), p.code).toBeLessThanOrEqual(3 * sd);
    }
  });
});

describe('dates, demographics, hospitals', () => {
  it('good rows: admission + los = discharge in the year, settlement in [discharge, 31 Dec], age = completed years', () => {
    const day = (s: string): number => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
    const v = new Violations();
    for (const r of rows) {
      if (isBad(r)) continue;
      const what = (): string => `${r[0]}: ${r.slice(3, 10).join(' ')} los ${r[COL.los_days]} dx ${r[COL.principal_dx]}`;
      const a = day(r[COL.admission_date] as string);
      const d = day(r[COL.discharge_date] as string);
      const s = day(r[COL.settlement_date] as string);
      v.check(d - a === Number(r[COL.los_days]) && d - a >= 1, what);
      v.check((r[COL.discharge_date] as string).slice(0, 4) === '2025' && s >= d && s - d <= 10 && (r[COL.settlement_date] as string) <= '2025-12-31', what);
      const b = r[COL.birth_date] as string;
      const adm = r[COL.admission_date] as string;
      const age = Number(adm.slice(0, 4)) - Number(b.slice(0, 4)) - (adm.slice(5) < b.slice(5) ? 1 : 0);
      v.check(Number(r[COL.age]) === age && age >= 0 && age <= 99, what);
      v.check(age === 0 ? Number(r[COL.age_days]) === a - day(b) : r[COL.age_days] === '', what);
      const dx = r[COL.principal_dx] as string;
      v.check(!dx.startsWith('O') || r[COL.sex] === '2', what);
      v.check(!dx.startsWith('P') || r[COL.age] === '0', what);
      v.check(r[COL.sex] === '1' || r[COL.sex] === '2', what);
    }
    v.assertNone();
  });
  it('40 hospitals by default, all three levels, every case at a known hospital', () => {
    expect(model.hospitals).toHaveLength(40);
    expect(new Set(model.hospitals.map((h) => h.level))).toEqual(new Set(['三级', '二级', '一级']));
    const ids = new Set(model.hospitals.map((h) => h.id));
    expect(rows.filter((r) => !isBad(r) && !ids.has(r[COL.hospital_id] as string))).toEqual([]);
  });
});
