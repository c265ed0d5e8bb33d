import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { DischargeRecord } from '../../src/records/types.js';
import type { Yuan } from '../../src/decimal/index.js';
import { dec } from '../../src/decimal/index.js';
import type { ProcedureClass } from '../../src/catalog/types.js';
import type { HistoryCase } from '../../src/catalogBuild/historyAccumulator.js';
import { buildCatalog } from '../../src/catalogBuild/buildCatalog.js';

const DX = ['K35.300', 'K35.800', 'K37.x00', 'I21.000', 'I21.100', 'A09.000'];
const PROC = ['', '', '47.0100', '36.0700', '88.0100', '99.0400'];
const REL: readonly (readonly string[])[] = [[], [], [], ['00.6600'], ['54.5100'], ['00.6600', '54.5100'], ['54.5100', '00.6600']];
const CLASS: Record<string, ProcedureClass> = { '47.0100': 'surgery', '36.0700': 'interventional', '88.0100': 'diagnostic', '99.0400': 'therapeutic', '54.5100': 'surgery', '00.6600': 'therapeutic' };

const caseArb = fc.record({
  year: fc.constantFrom(2022, 2023, 2024),
  dx: fc.integer({ min: 0, max: DX.length - 1 }),
  proc: fc.integer({ min: 0, max: PROC.length - 1 }),
  rel: fc.integer({ min: 0, max: REL.length - 1 }),
  fen: fc.integer({ min: 1000, max: 5_000_000 }),
});
type C = { year: number; dx: number; proc: number; rel: number; fen: number };

function toHistory(cs: readonly C[]): HistoryCase[] {
  return cs.map((c, i) => {
    const main = PROC[c.proc]!;
    const rel = REL[c.rel]!;
    const cost = dec(c.fen).div(100).toFixed(2) as Yuan;
    const record: DischargeRecord = {
      caseId: `P${i}`,
      hospitalId: i % 3 === 0 ? 'H2' : 'H1',
      insuranceType: 'resident',
      admissionDate: `${c.year}-02-01`,
      dischargeDate: `${c.year}-02-03`,
      principalDx: DX[c.dx]!,
      secondaryDx: [],
      ...(main === '' ? {} : { principalProcedure: main }),
      otherProcedures: main !== '' ? [...rel] : [],
      losDays: 2,
      totalCost: cost,
      fundPaid: '0' as Yuan,
      patientPaid: cost,
    };
    return { year: c.year, record };
  });
}
const inputs = { years: [2022, 2023, 2024], procedureClass: (c: string) => CLASS[c], hospitalLevel: (h: string) => (h === 'H2' ? 'primary' : 'tertiary'), primaryCareLevels: ['primary'] };

describe('buildCatalog properties (fast-check, fixed seeds)', () => {
  test.prop([fc.array(caseArb, { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 20 }), fc.constantFrom('drop', 'keep', 'chapter' as const)], { seed: 424242, numRuns: 60 })(
    'every window case lands in exactly one destination; core and kept comprehensive packets reach T',
    async (cs, T, small) => {
      const built = await buildCatalog(toHistory(cs), { coreThreshold: T }, { ...inputs, smallComprehensive: small });
      const c = built.report.coverage;
      expect(c.core + c.comprehensive + c.chapter + c.dropped).toBe(cs.length);
      expect(built.packets.reduce((s, p) => s + (p.caseCount ?? 0), 0)).toBe(c.core + c.comprehensive + c.chapter);
      for (const p of built.packets) {
        if (p.kind === 'core' || (p.kind === 'comprehensive' && small !== 'keep')) expect(p.caseCount!).toBeGreaterThanOrEqual(T);
        expect(dec(p.points).gt(0)).toBe(true);
      }
      if (small === 'drop') expect(built.packets.every((p) => p.kind !== 'fallback')).toBe(true);
    },
  );

  test.prop([fc.array(caseArb, { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 10 })], { seed: 777, numRuns: 40 })(
    'the result does not depend on the order of the records (same content hash, coefficients and PV)',
    async (cs, T) => {
      const a = await buildCatalog(toHistory(cs), { coreThreshold: T }, inputs);
      const reversed = toHistory(cs).reverse();
      const b = await buildCatalog(reversed, { coreThreshold: T }, inputs);
      expect(b.catalog.contentHash).toBe(a.catalog.contentHash);
      expect(b.coefficients).toEqual(a.coefficients);
      expect(b.budgetPointValue).toBe(a.budgetPointValue);
    },
  );

  test.prop([fc.array(caseArb, { minLength: 1, maxLength: 200 })], { seed: 31337, numRuns: 40 })(
    'coverage threshold: the (subcategory, principal procedure) groups with count ≥ T hold ≥ 95 % of the window cases',
    async (cs) => {
      const built = await buildCatalog(toHistory(cs), { coreThresholdMethod: 'coverage', coverageTarget: '0.95' }, inputs);
      expect(built.report.coreThreshold).toBeGreaterThanOrEqual(1);
      // with the threshold from coverage, (sub, main) groups with count ≥ T hold ≥ 95 % of the cases
      const groups = new Map<string, number>();
      for (const c of cs) {
        const k = `${DX[c.dx]!.slice(0, 5)}|${PROC[c.proc]}`;
        groups.set(k, (groups.get(k) ?? 0) + 1);
      }
      const covered = [...groups.values()].filter((n) => n >= built.report.coreThreshold).reduce((s, n) => s + n, 0);
      expect(covered * 100).toBeGreaterThanOrEqual(95 * cs.length);
    },
  );
});
