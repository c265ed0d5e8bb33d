/**
 * The base-grouping memo of `createGrouper` (GrouperOptions.memo, opt-in): the memoised grouper, the grouper with the memo
 * off and the unchanged pre-memo grouper (`grouperReference.ts`, commit 25c6084) give `toStrictEqual` results for
 * the same record sequence — on the REAL Pingdingshan 2025 catalog (plain, and rebuilt with auxiliary subtypes and
 * exclusion lists) under every preset's grouping and auxiliary options, and on a synthetic catalog under the option
 * sets of synthetic-catalog.test.ts. Sequences repeat a few (principal dx, procedures) keys with different
 * secondary diagnoses, age, stay, death, ICU days and costs, so the memo is hit with different per-case data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { indexCatalog } from '../../src/catalog/indexCatalog.js';
import type { AuxSubtype, Catalog, Packet } from '../../src/catalog/types.js';
import type { Ratio, Yuan } from '../../src/decimal/brands.js';
import { createGrouper } from '../../src/grouping/index.js';
import type { GroupResult, Grouper, GrouperOptions } from '../../src/grouping/index.js';
import { PRESET_NAMES, getPreset, resolvePolicy } from '../../src/policy/index.js';
import type { AuxiliaryOptions, GroupingOptions } from '../../src/policy/schema.js';
import { DEFAULT_AUXILIARY_OPTIONS } from '../../src/policy/schema.js';
import type { DischargeRecord } from '../../src/records/types.js';
import { createReferenceGrouper } from './grouperReference.js';
import { loadClassTable, pingdingshan } from './fixtures.js';
import { catalogOf, chapter, classes, comp, core, opts } from './helpers.js';

const ratio = (x: string): Ratio => x as Ratio;
/** Subtypes reading every per-case field: age (days / years), death, secondary dx with LOS, ICU days, cost, procedures. */
const SUBTYPES: AuxSubtype[] = [
  { id: 'age-0-28d', type: 'age', condition: { kind: 'ageDays', max: { value: 28, inclusive: true } }, coefficient: ratio('1.30') },
  { id: 'age-1-6', type: 'age', condition: { kind: 'ageYears', min: { value: 1, inclusive: true }, max: { value: 6, inclusive: true } }, coefficient: ratio('1.1') },
  { id: 'death', type: 'severity', condition: { kind: 'death' }, coefficient: ratio('1.5'), triggerCoefficient: ratio('1.2') },
  {
    id: 'II',
    type: 'severity',
    condition: {
      kind: 'all',
      conditions: [
        { kind: 'secondaryDx', codes: [{ kind: 'prefix', prefix: 'J18' }, { kind: 'prefix', prefix: 'N17' }], excludeWhenPrincipalIn: [{ kind: 'prefix', prefix: 'J18' }] },
        { kind: 'los', min: { value: 3, inclusive: true } },
      ],
    },
    coefficient: ratio('1.40'),
  },
  { id: 'icu', type: 'icu', condition: { kind: 'icuDays', min: { value: '2', inclusive: true }, max: { value: '7', inclusive: true } }, coefficient: ratio('1.4') },
  { id: 'dear', type: 'tumourSeverity', condition: { kind: 'highCost', multiple: { value: '2', inclusive: true } }, coefficient: ratio('1.25') },
  { id: 'proc', type: 'custom', condition: { kind: 'procedure', codes: [{ code: '45.2302', isShort: false }, { code: '43.41', isShort: true }] }, coefficient: ratio('1.05') },
];

const SECONDARIES = ['I10.x00', 'E11.900', 'J18.900', 'N17.900', 'K21.000', 'C78.000', 'bad'];
const COSTS = ['0.00', '500.00', '2000.00', '5000.00', '8000.00', '11000.00', '25000.00', '100000.00'];

/** The part of a record the memo key covers. */
interface KeyPart {
  readonly dx: string;
  readonly p0: string | undefined;
  readonly others: readonly string[];
}
/** The per-case rest. */
interface CasePart {
  readonly sec: readonly string[];
  readonly age: number | undefined;
  readonly ageDays: number | undefined;
  readonly los: number;
  readonly death: boolean;
  readonly icu: string | undefined;
  readonly cost: string;
}

let serial = 0;
function record(k: KeyPart, c: CasePart): DischargeRecord {
  serial++;
  const r: { -readonly [K in keyof DischargeRecord]: DischargeRecord[K] } = {
    caseId: `M${serial}`,
    hospitalId: `H${serial % 3}`,
    insuranceType: 'employee',
    admissionDate: '2025-03-01',
    dischargeDate: '2025-03-08',
    principalDx: k.dx,
    secondaryDx: c.sec,
    otherProcedures: k.others,
    losDays: c.los,
    totalCost: c.cost as Yuan,
    fundPaid: '0.00' as Yuan,
    patientPaid: '0.00' as Yuan,
  };
  if (k.p0 !== undefined) r.principalProcedure = k.p0;
  if (c.age !== undefined) r.age = c.age;
  if (c.ageDays !== undefined) r.ageDays = c.ageDays;
  if (c.death) r.dischargeStatus = '5';
  if (c.icu !== undefined) r.icuDays = c.icu;
  return r;
}

/** A sequence of records drawing on 1–6 keys (so keys repeat) with independent per-case parts. */
function sequenceArb(dxs: readonly string[], procs: readonly string[], ties: readonly KeyPart[]): fc.Arbitrary<DischargeRecord[]> {
  const code = fc.constantFrom(...procs, '');
  const random: fc.Arbitrary<KeyPart> = fc.record({ dx: fc.constantFrom(...dxs), p0: fc.option(code, { nil: undefined }), others: fc.array(code, { maxLength: 5 }) });
  // Keys whose core candidates tie up to `closestAverageCost` (the choice then depends on the case's cost).
  const key = fc.oneof({ weight: 4, arbitrary: random }, { weight: 1, arbitrary: fc.constantFrom(...ties) });
  const rest: fc.Arbitrary<CasePart> = fc.record({
    sec: fc.array(fc.constantFrom(...SECONDARIES), { maxLength: 4 }),
    age: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
    ageDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    los: fc.integer({ min: 0, max: 30 }),
    death: fc.boolean(),
    icu: fc.option(fc.constantFrom('0', '2', '2.0', '9'), { nil: undefined }),
    cost: fc.constantFrom(...COSTS),
  });
  return fc
    .tuple(fc.array(key, { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(fc.nat(), rest), { minLength: 1, maxLength: 30 }))
    .map(([keys, cases]) => cases.map(([i, c]) => record(keys[i % keys.length]!, c)));
}

/** Memoised (`memo: true`, kept across runs, so the memo also carries entries from earlier sequences), memo off (the default), reference. */
interface Trio {
  readonly memo: Grouper;
  readonly off: Grouper;
  readonly ref: Grouper;
}
function trio(catalog: Catalog, o: Omit<GrouperOptions, 'memo'>): Trio {
  return { memo: createGrouper(catalog, { ...o, memo: true }), off: createGrouper(catalog, { ...o, memo: false }), ref: createReferenceGrouper(catalog, o) };
}
function checkSame(t: Trio, records: readonly DischargeRecord[]): void {
  const a: GroupResult[] = records.map((r) => t.memo.group(r));
  const b: GroupResult[] = records.map((r) => t.off.group(r));
  const c: GroupResult[] = records.map((r) => t.ref.group(r));
  expect(a).toStrictEqual(b);
  expect(a).toStrictEqual(c);
}

/** Grouping and auxiliary options of every preset, resolved on its first grouping entry's date. */
function presetOptions(): { name: string; grouping: GroupingOptions; auxiliary: AuxiliaryOptions }[] {
  return PRESET_NAMES.map((name) => {
    const p = getPreset(name);
    const r = resolvePolicy(p, p.parameters.grouping[0]?.from ?? '2025-01-01');
    if (!r.ok) throw new Error(`cannot resolve ${name}`);
    return { name, grouping: r.value.grouping, auxiliary: r.value.auxiliary };
  });
}

describe('memo on the real Pingdingshan catalog, every preset (property, fixed seed)', () => {
  const classTable = loadClassTable();
  const presets = presetOptions();
  const dxs = ['K31.700', 'k31.700', 'K31.701', 'K63.500', 'K63.100', 'K29.500', 'A09.900', 'a09.900X003', 'A09.900+K93.8*', 'C34.900', 'C73.X00', 'D52.000', 'D42.000', 'H68.000', 'J18.000', 'K35.300', '', 'bad', '47.0100'];
  const procs = ['43.4108', '43.4101', '45.2302', '44.1300x001', '44.1300X001', '43.4105', '45.2501', '88.0101', '45.4307', '48.3603', '43.7x00', '32.4100', '33.3903', '40.5914', '06.2X02', '47.0100', '99.9999'];
  // K31.7:43.4108_43.4101 vs K31.7:43.4108_44.1300x001: one related group each, two procedures matched each.
  const ties: KeyPart[] = [
    { dx: 'K31.700', p0: '43.4108', others: ['43.4101', '44.1300x001'] },
    { dx: 'K31.700', p0: '43.4108', others: ['44.1300x001', '43.4101', '88.0101'] },
  ];
  let plain: Catalog;
  let withAux: Catalog;
  const trios = new Map<string, Trio>();

  beforeAll(async () => {
    plain = await pingdingshan();
    // The same packets with auxiliary subtypes on the K31 / A09 / K63 / C34 / J18 packets (core, comprehensive and
    // fallback), an exclusion list of principal diagnoses and ignored procedures (排除手术操作).
    const withSubtypes: Packet[] = plain.packets.map((p) => (/^(K31|A09|K63|C34|J18|CP)/u.test(p.code) ? { ...p, auxSubtypes: SUBTYPES } : p));
    withAux = indexCatalog(
      { id: 'pds-aux', name: 'pingdingshan + aux', version: '1', excludedPrincipalDx: [{ kind: 'code', code: 'K29.500' }, { kind: 'prefix', prefix: 'D42' }], ignoredProcedures: ['88.0101', '45.2501'] },
      withSubtypes,
    );
  });

  function get(name: string, catalog: Catalog, o: Omit<GrouperOptions, 'memo'>): Trio {
    let t = trios.get(name);
    if (t === undefined) trios.set(name, (t = trio(catalog, o)));
    return t;
  }

  for (const p of presets) {
    for (const variant of ['plain', 'aux', 'aux-all-kinds'] as const) {
      test.prop([sequenceArb(dxs, procs, ties), fc.boolean()], { seed: 6060, numRuns: 40 })(`${p.name}, ${variant} catalog`, (records, full) => {
        const catalog = variant === 'plain' ? plain : withAux;
        const auxiliary: AuxiliaryOptions = variant === 'aux-all-kinds' ? { ...p.auxiliary, auxApplyTo: ['core', 'comprehensive', 'fallback', 'tcm', 'primaryCare'] } : p.auxiliary;
        const grouping: GroupingOptions = { ...p.grouping, fallbackChain: variant === 'plain' ? p.grouping.fallbackChain : ['chapterPacket', 'blankPacket'] };
        const t = get(`${p.name}|${variant}|${full}`, catalog, { options: grouping, auxiliary, procedureClasses: classTable, trace: full ? 'full' : 'summary' });
        checkSame(t, records);
      });
    }
  }

  it('a closestAverageCost tie is decided per case: same key, different costs, different packets', () => {
    const hubei = presets.find((x) => x.name === 'hubei-base-2023')!;
    const g = createGrouper(plain, { options: hubei.grouping, auxiliary: hubei.auxiliary, procedureClasses: classTable, memo: true });
    const key = ties[0]!;
    const rest: CasePart = { sec: [], age: 40, ageDays: undefined, los: 5, death: false, icu: undefined, cost: '0.00' };
    const packets = new Set(COSTS.concat(['1000.00', '3000.00', '4000.00', '6000.00', '7000.00', '9000.00']).map((cost) => {
      const r = g.group(record(key, { ...rest, cost }));
      return r.status === 'grouped' ? r.packetCode : r.reason;
    }));
    expect(packets.size).toBeGreaterThan(1);
  });
});

describe('memo on a synthetic catalog, the option sets of synthetic-catalog.test.ts (property, fixed seed)', () => {
  const CLASSES = classes({ '47.0100': 'surgery', '54.5100': 'surgery', '45.2302': 'diagnostic', '99.2503': 'therapeutic', '39.9500': 'therapeutic', '00.6601': 'interventional' });
  const pk = [
    core('K35.3', '500', { aux: SUBTYPES, averageCost: '4000' }),
    core('K35.3:47.0100', '1000', { aux: SUBTYPES, averageCost: '10000' }),
    core('K35.3:54.5100', '1100', { averageCost: '10800' }),
    core('K35.3:47.0100_54.5100', '1000', { averageCost: '10500' }),
    core('K35.3:47.0100_45.2302', '1500', { averageCost: '12000', aux: SUBTYPES }),
    core('K35.3:47.0100_54.5100+45.2302', '1500'),
    core('K35.3:54.5100_99.2503|39.9500', '1300', { isPrimaryCare: true, aux: SUBTYPES }),
    core('K35.3:47.0', '900'),
    core('K35.3:99.2503', '2000'),
    // A tie up to closestAverageCost for 47.0100 + 54.5100 + 45.2302 (no two-segment packet in K35.2).
    core('K35.2:47.0100_54.5100', '1000', { averageCost: '10500' }),
    core('K35.2:47.0100_45.2302', '1000', { averageCost: '12000', aux: SUBTYPES }),
    core('K35.2:47.0100', '900', { averageCost: '9000' }),
    comp('K35:SS', '1300'),
    comp('K35:ZDXCZ', '800'),
    comp('K35:BSZL', '600'),
    comp('K80:SS', '1400'),
    chapter('11', 'SS'),
    chapter('11', 'ZLXCZ'),
    chapter('11', 'BSZL'),
  ];
  const cat = catalogOf(pk, { excludedPrincipalDx: [{ kind: 'code', code: 'K35.900' }], ignoredProcedures: ['39.9500'] });
  const modes: Partial<GroupingOptions>[] = [
    {},
    { tieBreak: ['closestAverageCost'] },
    { tieBreak: ['closestAverageCost', 'highestPoints'], mainProcedureRole: 'anyListed' },
    { mainProcedureRole: 'anyListed', typePriority: 'classLadder', coreConservativeFallback: true },
    { mainProcedureRole: 'preferPrincipal', relatedMatchMode: 'overlapCount', tieBreak: ['mostAndSegments', 'closestAverageCost'] },
    { comprehensiveClassFrom: 'highestListed', tieBreak: ['mostMatchedProcedures', 'noUnmatchedExtraProcedure', 'lowestPoints'] },
    { procedureCodeMatch: 'prefixForShortCodes', principalProcedureSource: 'highestClass', unknownProcedure: 'conservative' },
    { coreConservativeFallback: true, comprehensiveMissingGroup: 'fallback', fallbackChain: ['chapterPacket'], interventionalAsSurgery: false, excludedPrincipalDx: 'error' },
  ];
  const ties: KeyPart[] = [
    { dx: 'K35.200', p0: '47.0100', others: ['54.5100', '45.2302'] },
    { dx: 'K35.201', p0: '54.5100', others: ['47.0100', '45.2302', '39.9500'] },
  ];
  const dxs = ['K35.200', 'K35.300', 'K35.301', 'k35.300', 'K35.900', 'K80.200', 'K92.200', 'A00.000', '', 'bad'];
  const procs = ['47.0100', '54.5100', '45.2302', '99.2503', '39.9500', '00.6601', '99.9999', '47.0', '47.0100X001'];
  const auxes: AuxiliaryOptions[] = [DEFAULT_AUXILIARY_OPTIONS, { ...DEFAULT_AUXILIARY_OPTIONS, selectionRule: 'highestCoefficient', auxApplyTo: ['core', 'comprehensive', 'primaryCare'] }];
  const trios = new Map<string, Trio>();
  test.prop([sequenceArb(dxs, procs, ties), fc.integer({ min: 0, max: modes.length - 1 }), fc.integer({ min: 0, max: auxes.length - 1 }), fc.boolean()], { seed: 35300, numRuns: 400 })(
    'memo on = memo off = reference',
    (records, m, a, full) => {
      const name = `${m}|${a}|${full}`;
      let t = trios.get(name);
      if (t === undefined) trios.set(name, (t = trio(cat, { options: opts(modes[m]), auxiliary: auxes[a]!, procedureClasses: CLASSES, trace: full ? 'full' : 'summary' })));
      checkSame(t, records);
    },
  );

  it('results of one key do not share mutable state: the auxiliary step is per case', () => {
    const g = createGrouper(cat, { options: opts(), procedureClasses: CLASSES, memo: true });
    const key: KeyPart = { dx: 'K35.300', p0: undefined, others: [] };
    const rest: CasePart = { sec: [], age: 40, ageDays: undefined, los: 5, death: false, icu: undefined, cost: '1000.00' };
    const a = g.group(record(key, { ...rest, death: true }));
    const b = g.group(record(key, rest));
    const c = g.group(record(key, { ...rest, age: 3 }));
    expect([a, b, c].map((r) => (r.status === 'grouped' ? r.auxSubtype?.id : r.reason))).toEqual(['death', undefined, 'age-1-6']);
    expect([a, b, c].map((r) => r.trace.steps.map((s) => `${s.step}:${s.outcome}`))).toEqual([
      ['conservativeCore:matched', 'auxiliary:applied'],
      ['conservativeCore:matched', 'auxiliary:none'],
      ['conservativeCore:matched', 'auxiliary:applied'],
    ]);
    expect([a.caseId, b.caseId, c.caseId]).toEqual([`M${serial - 2}`, `M${serial - 1}`, `M${serial}`]);
  });

  it('the memo is bounded: after more than 100,000 distinct keys it is cleared and results stay equal', () => {
    const g = createGrouper(cat, { options: opts(), procedureClasses: CLASSES, trace: 'summary', memo: true });
    const off = createGrouper(cat, { options: opts(), procedureClasses: CLASSES, trace: 'summary', memo: false });
    const rest: CasePart = { sec: [], age: 40, ageDays: undefined, los: 5, death: false, icu: undefined, cost: '1000.00' };
    const early = record({ dx: 'K35.300', p0: '47.0100', others: ['54.5100'] }, rest);
    const first = g.group(early);
    for (let i = 0; i < 100_050; i++) g.group(record({ dx: 'K35.300', p0: `${i}`, others: [] }, rest));
    expect(g.group(early)).toStrictEqual({ ...first, caseId: early.caseId });
    expect(g.group(early)).toStrictEqual(off.group(early));
  });
});
