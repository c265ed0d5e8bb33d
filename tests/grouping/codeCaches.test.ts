/**
 * The grouper's per-code caches (helper h3): the raw principal diagnosis → steps 0 and 2, subcategory, category and
 * core index (and the whole base of a case without procedures, by the raw principal procedure when it is the only
 * one, or by all raw procedure fields), the raw procedure → normalised code and ignored flag, and the normalised code → class. The
 * current grouper and the frozen per-case grouper without any cache or memo (`grouperReference.ts`, commit 25c6084; the
 * properties first ran against the copy from just before the caches, `grouperH3Reference.ts`, removed once it had been
 * proven equal to the memo-free one by memo.test.ts) give `toStrictEqual` results,
 * trace included at both levels, for sequences that repeat raw codes with different per-case data — on the REAL
 * Pingdingshan 2025 catalog (plain, and rebuilt with auxiliary subtypes and exclusion lists) under every preset's
 * grouping and auxiliary options, and on a synthetic catalog with a `closestAverageCost` tie between two
 * conservative packets (the base of a case without procedures then depends on its cost and must not be cached).
 * One grouper per option set is kept over all sequences, so the caches carry entries from earlier sequences.
 * Helper g6 made the caches two generations (young / old, a hit in the old one promoted; `GenCache` and the base cache
 * by raw diagnosis, `DxBases`): each property also runs the current grouper at tiny bounds (`createGrouperWith`, e.g.
 * 1 code / 0 bases, 2 / 3, 5 / 9), so generations rotate and entries are promoted many times per sequence.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { indexCatalog } from '../../src/catalog/indexCatalog.js';
import type { Catalog, Packet } from '../../src/catalog/types.js';
import { CACHE_LIMITS, createGrouperWith } from '../../src/grouping/grouper.js';
import type { CacheLimits } from '../../src/grouping/grouper.js';
import { createGrouper } from '../../src/grouping/index.js';
import type { Grouper, GrouperOptions } from '../../src/grouping/index.js';
import type { AuxiliaryOptions, GroupingOptions } from '../../src/policy/schema.js';
import { DEFAULT_AUXILIARY_OPTIONS } from '../../src/policy/schema.js';
import type { DischargeRecord } from '../../src/records/types.js';
import { createReferenceGrouper } from './grouperReference.js';
import { loadClassTable, pingdingshan } from './fixtures.js';
import { opts } from './helpers.js';
import { SYN_CATALOG, SYN_CLASSES } from './groupCachePairs.js';
import { SUBTYPES, presetOptions, record, sequenceArb } from './sequences.js';
import type { Key, Rest } from './sequences.js';


interface Pair {
  readonly now: Grouper;
  readonly ref: Grouper;
}
/** The default bounds, then tiny ones (crossed many times per sequence). */
const LIMITS: readonly CacheLimits[] = [CACHE_LIMITS, { codes: 1, bases: 0 }, { codes: 2, bases: 3 }, { codes: 5, bases: 9 }];
function pair(catalog: Catalog, o: GrouperOptions, limits: CacheLimits = CACHE_LIMITS): Pair {
  return { now: limits === CACHE_LIMITS ? createGrouper(catalog, o) : createGrouperWith(catalog, o, limits), ref: createReferenceGrouper(catalog, o) };
}
function checkSame(p: Pair, records: readonly DischargeRecord[]): void {
  expect(records.map((r) => p.now.group(r))).toStrictEqual(records.map((r) => p.ref.group(r)));
}


describe('per-code caches on the real Pingdingshan catalog, every preset, both trace levels (property, fixed seed)', () => {
  const classTable = loadClassTable();
  const presets = presetOptions();
  const dxs = ['K31.700', 'k31.700', 'K31.701', 'K63.500', 'K63.100', 'K29.500', 'A09.900', 'a09.900X003', 'A09.900+K93.8*', 'C34.900', 'C73.X00', 'D52.000', 'D42.000', 'J18.000', 'K35.300', 'I63.103', ' K35.300', '', 'bad', '47.0100'];
  const procs = ['43.4108', '43.4101', '45.2302', '44.1300x001', '44.1300X001', '43.4105', '45.2501', '88.0101', '45.4307', '48.3603', '43.7x00', '32.4100', '03.3101', '06.2X02', '47.0100', '99.9999', '4701', ' 47.0100'];
  const ties: Key[] = [
    { dx: 'K31.700', p0: '43.4108', others: ['43.4101', '44.1300x001'] },
    { dx: 'K31.700', p0: '43.4108', others: ['44.1300x001', '43.4101', '88.0101'] },
  ];
  let plain: Catalog;
  let withAux: Catalog;
  const pairs = new Map<string, Pair>();

  beforeAll(async () => {
    plain = await pingdingshan();
    const withSubtypes: Packet[] = plain.packets.map((p) => (/^(K31|A09|K63|C34|J18|I63|CP)/u.test(p.code) ? { ...p, auxSubtypes: SUBTYPES } : p));
    withAux = indexCatalog(
      { id: 'pds-aux', name: 'pingdingshan + aux', version: '1', excludedPrincipalDx: [{ kind: 'code', code: 'K29.500' }, { kind: 'prefix', prefix: 'D42' }], ignoredProcedures: ['88.0101', '45.2501', '43.4101'] },
      withSubtypes,
    );
  });

  for (const p of presets) {
    for (const variant of ['plain', 'aux'] as const) {
      test.prop([sequenceArb(dxs, procs, ties), fc.boolean(), fc.integer({ min: 0, max: LIMITS.length - 1 })], { seed: 3131, numRuns: 60 })(`${p.name}, ${variant} catalog`, (records, full, l) => {
        const name = `${p.name}|${variant}|${full}|${l}`;
        let t = pairs.get(name);
        if (t === undefined) {
          const catalog = variant === 'plain' ? plain : withAux;
          const grouping: GroupingOptions = { ...p.grouping, fallbackChain: variant === 'plain' ? p.grouping.fallbackChain : ['chapterPacket', 'blankPacket'] };
          pairs.set(name, (t = pair(catalog, { options: grouping, auxiliary: p.auxiliary, procedureClasses: classTable, trace: full ? 'full' : 'summary' }, LIMITS[l])));
        }
        checkSame(t, records);
      });
    }
  }

  it('the caches are bounded: past the default bounds (CACHE_LIMITS) their generations rotate (many times in each loop here) and results stay equal', () => {
    const pds = presets.find((x) => x.name === 'pingdingshan-2025')!;
    const t = pair(plain, { options: pds.grouping, auxiliary: pds.auxiliary, procedureClasses: classTable, trace: 'summary' });
    const rest: Rest = { sec: [], age: 40, death: false, cost: '1000.00' };
    const early = [record({ dx: 'K31.700', p0: undefined, others: [] }, rest), record({ dx: 'K31.700', p0: '43.4108', others: [] }, rest), record({ dx: 'bad', p0: undefined, others: [] }, rest)];
    const first = early.map((r) => t.now.group(r));
    expect(first).toStrictEqual(early.map((r) => t.ref.group(r)));
    // 100,050 distinct principal procedures of one diagnosis (the principal-only bases), then 100,050 distinct raw
    // diagnoses (the diagnosis cache), every 997th checked against the reference on the way
    for (let i = 0; i < 100_050; i++) {
      const r = record({ dx: 'K31.700', p0: `43.${String(i).padStart(6, '0')}`, others: [] }, rest);
      const g = t.now.group(r);
      if (i % 997 === 0) expect(g).toStrictEqual(t.ref.group(r));
    }
    expect(early.map((r) => t.now.group(r))).toStrictEqual(early.map((r) => t.ref.group(r)));
    for (let i = 0; i < 100_050; i++) {
      const r = record({ dx: 'K31.700', p0: '43.4108', others: [`44.${String(i).padStart(6, '0')}`] }, rest);
      const g = t.now.group(r);
      if (i % 997 === 0) expect(g).toStrictEqual(t.ref.group(r));
    }
    expect(early.map((r) => t.now.group(r))).toStrictEqual(early.map((r) => t.ref.group(r)));
    for (let i = 0; i < 100_050; i++) {
      const r = record({ dx: `K31.${String(i).padStart(6, '0')}`, p0: undefined, others: [] }, rest);
      const g = t.now.group(r);
      if (i % 997 === 0) expect(g).toStrictEqual(t.ref.group(r));
    }
    expect(early.map((r) => t.now.group(r))).toStrictEqual(early.map((r) => t.ref.group(r)));
  });
});

describe('per-code caches on a synthetic catalog, a closestAverageCost tie without procedures (property, fixed seed)', () => {
  // Two conservative core packets of K35.3 (tied up to closestAverageCost: a case without procedures takes the one
  // whose mean cost is closer to its own), one principal-only packet and a two-segment one: the synthetic catalog the
  // grouper-vs-frozen-copy tests share (groupCachePairs.ts).
  const CLASSES = SYN_CLASSES;
  const cat = SYN_CATALOG;
  const modes: Partial<GroupingOptions>[] = [
    {},
    { tieBreak: ['closestAverageCost'] },
    { tieBreak: ['closestAverageCost', 'highestPoints'], mainProcedureRole: 'anyListed' },
    { mainProcedureRole: 'anyListed', typePriority: 'classLadder', coreConservativeFallback: true, tieBreak: ['closestAverageCost'] },
    { comprehensiveClassFrom: 'highestListed', tieBreak: ['mostMatchedProcedures', 'noUnmatchedExtraProcedure', 'lowestPoints'] },
    { procedureCodeMatch: 'prefixForShortCodes', principalProcedureSource: 'highestClass', unknownProcedure: 'conservative' },
  ];
  const dxs = ['K35.200', 'K35.300', 'K35.301', 'k35.300', 'K35.900', 'K80.200', '', 'bad'];
  const procs = ['47.0100', '54.5100', '45.2302', '99.2503', '39.9500', '00.6601', '99.9999', '47.0', '47.0100X001'];
  const extra: Key[] = [
    { dx: 'K35.300', p0: undefined, others: [] },
    { dx: 'K35.300', p0: '39.9500', others: [] },
    { dx: 'K35.200', p0: '47.0100', others: ['54.5100', '45.2302'] },
  ];
  const auxes: AuxiliaryOptions[] = [DEFAULT_AUXILIARY_OPTIONS, { ...DEFAULT_AUXILIARY_OPTIONS, selectionRule: 'highestCoefficient', auxApplyTo: ['core', 'comprehensive', 'primaryCare'] }];
  const pairs = new Map<string, Pair>();
  test.prop([sequenceArb(dxs, procs, extra), fc.integer({ min: 0, max: modes.length - 1 }), fc.integer({ min: 0, max: auxes.length - 1 }), fc.boolean(), fc.integer({ min: 0, max: LIMITS.length - 1 })], { seed: 35301, numRuns: 600 })(
    'current = reference',
    (records, m, a, full, l) => {
      const name = `${m}|${a}|${full}|${l}`;
      let t = pairs.get(name);
      if (t === undefined) pairs.set(name, (t = pair(cat, { options: opts(modes[m]), auxiliary: auxes[a]!, procedureClasses: CLASSES, trace: full ? 'full' : 'summary' }, LIMITS[l])));
      checkSame(t, records);
    },
  );

  it('a case without procedures in a closestAverageCost tie is decided by its own cost, after a cached one', () => {
    const g = createGrouper(cat, { options: opts({ tieBreak: ['closestAverageCost'] }), procedureClasses: CLASSES, trace: 'summary' });
    const rest: Rest = { sec: [], age: 40, death: false, cost: '4000.00' };
    const key: Key = { dx: 'K35.300', p0: undefined, others: [] };
    const packets = ['4000.00', '9000.00', '4100.00', '8800.00'].map((cost) => {
      const r = g.group(record(key, { ...rest, cost }));
      return r.status === 'grouped' ? r.packetCode : r.reason;
    });
    expect(packets).toEqual(['K35.3', 'K35.3-B', 'K35.3', 'K35.3-B']);
  });
});
