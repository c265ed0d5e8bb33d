/**
 * The grouper's base-cache misses do less (since b604435): the principal procedure's class read from its cached
 * entry, step 7's category entry and the ICD-10 chapter found once per diagnosis, the packets' result info and their
 * single trace steps made once per packet, exact arrays shared instead of copied.
 *
 * The grouper equals the frozen copy of the one before (`reference/grouperG9Reference.ts`, commit b604435),
 * `toStrictEqual` on every result (trace included, both trace levels), on the real Pingdingshan catalog (plain, and
 * rebuilt with auxiliary subtypes and exclusion lists, its fallback chain then chapter and blank packets) under every
 * preset and on a synthetic catalog with a `closestAverageCost` tie, at the default and tiny bounds (generations of
 * every cache rotate many times per sequence), with raw strings fresh per case, odd spellings, `''` and absent
 * principal procedures, duplicates, ignored procedures, unpackable (long, non-ASCII, `\0`) diagnoses and procedures,
 * and diagnoses routed to comprehensive packets, medical groups, chapter packets and ungrouped.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { indexCatalog } from '../../src/catalog/indexCatalog.js';
import type { Catalog, CorePacket, Packet } from '../../src/catalog/types.js';
import { CACHE_LIMITS, createGrouperWith } from '../../src/grouping/grouper.js';
import type { CacheLimits } from '../../src/grouping/grouper.js';
import type { Grouper, GrouperOptions } from '../../src/grouping/index.js';
import type { AuxiliaryOptions, GroupingOptions } from '../../src/policy/schema.js';
import { DEFAULT_AUXILIARY_OPTIONS } from '../../src/policy/schema.js';
import type { DischargeRecord } from '../../src/records/types.js';
import { createGrouperWith as createReference } from './reference/grouperG9Reference.js';
import { loadClassTable, pingdingshan } from './fixtures.js';
import { catalogOf, chapter, classes, comp, core, opts } from './helpers.js';
import { SUBTYPES, presetOptions, record, sequenceArb } from './sequences.js';
import type { Key, Rest } from './sequences.js';

// ---------------------------------------------------------------- the grouper against the frozen copy

interface Pair {
  readonly now: Grouper;
  readonly ref: Grouper;
}
/** The default bounds, then tiny ones (crossed many times per sequence). */
const LIMITS: readonly CacheLimits[] = [CACHE_LIMITS, { codes: 1, bases: 0 }, { codes: 2, bases: 1 }, { codes: 2, bases: 3 }, { codes: 5, bases: 9 }];
const pair = (catalog: Catalog, o: GrouperOptions, limits: CacheLimits): Pair => ({ now: createGrouperWith(catalog, o, limits), ref: createReference(catalog, o, CACHE_LIMITS) });
function checkSame(p: Pair, records: readonly DischargeRecord[]): void {
  expect(records.map((r) => p.now.group(r))).toStrictEqual(records.map((r) => p.ref.group(r)));
}


/** Codes the packed key cannot hold (25+ symbols with a procedure, non-ASCII, `\0`), next to their packable twins. */
const LONG_DX = 'K31.700x001x002x003x004x005';
/** A raw procedure of 25+ symbols (no packed key holds a case with it). */
const LONG_PROC = '43.4108x001x002x003x004x0056';

describe('grouper = frozen b604435 copy on the real Pingdingshan catalog, every preset, both trace levels (property, fixed seed)', () => {
  const classTable = loadClassTable();
  const presets = presetOptions();
  const dxs = ['K31.700', 'k31.700', 'K31.701', 'K63.500', 'K63.100', 'K29.500', 'A09.900', 'a09.900X003', 'A09.900+K93.8*', 'C34.900', 'C73.X00', 'D52.000', 'D42.000', 'J18.000', 'K35.300', 'I63.103', ' K35.300', '', 'bad', '47.0100', 'K35.300x001', 'Ｋ35.300', 'K35\u0000300', LONG_DX, 'Z99.999', 'C00.000', 'O80.000', 'R10.400', 'S06.000', 'J44.100', 'N18.500', 'T81.400'];
  const procs = ['43.4108', '43.4101', '45.2302', '44.1300x001', '44.1300X001', '43.4105', '45.2501', '88.0101', '45.4307', '48.3603', '43.7x00', '32.4100', '03.3101', '06.2X02', '47.0100', '99.9999', '4701', ' 47.0100', '47.0100x0011111', '４７.0100', '47\u00000100', LONG_PROC, '47.0100 ', '45.2302x001x002x003x004x005'];
  const ties: Key[] = [
    { dx: 'K31.700', p0: '43.4108', others: ['43.4101', '44.1300x001'] },
    { dx: 'K31.700', p0: '43.4108', others: ['43.4101'] },
    { dx: 'K31.700', p0: '43.4108', others: ['44.1300x001', '43.4101', '88.0101'] },
    { dx: 'K31.700', p0: '43.4108', others: ['44.1300x001'] },
    { dx: 'K31.700', p0: '', others: [] },
    { dx: 'K31.700', p0: '', others: ['43.4108'] },
    { dx: 'K31.700', p0: undefined, others: ['43.4108'] },
    { dx: 'K35.300x001', p0: '47.0100x0011', others: [] },
    { dx: 'K35.300x001', p0: '47.0100x00111', others: [] },
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
      test.prop([sequenceArb(dxs, procs, ties), fc.boolean(), fc.integer({ min: 0, max: LIMITS.length - 1 })], { seed: 9088, numRuns: 100 })(`${p.name}, ${variant} catalog`, (records, full, l) => {
        const name = `${p.name}|${variant}|${full}|${l}`;
        let t = pairs.get(name);
        if (t === undefined) {
          const catalog = variant === 'plain' ? plain : withAux;
          const grouping: GroupingOptions = { ...p.grouping, fallbackChain: variant === 'plain' ? p.grouping.fallbackChain : ['chapterPacket', 'blankPacket'] };
          pairs.set(name, (t = pair(catalog, { options: grouping, auxiliary: p.auxiliary, procedureClasses: classTable, trace: full ? 'full' : 'summary' }, LIMITS[l]!)));
        }
        checkSame(t, records);
      });
    }
  }

  it('past the default bounds (generations rotating many times), results stay equal; a key seen again after two rotations is recomputed equal', () => {
    const pds = presets.find((x) => x.name === 'pingdingshan-2025')!;
    const t = pair(plain, { options: pds.grouping, auxiliary: pds.auxiliary, procedureClasses: classTable, trace: 'summary' }, CACHE_LIMITS);
    const rest: Rest = { sec: [], age: 40, death: false, cost: '1000.00' };
    const early = [record({ dx: 'K31.700', p0: undefined, others: [] }, rest), record({ dx: 'K31.700', p0: '43.4108', others: [] }, rest), record({ dx: 'bad', p0: undefined, others: [] }, rest)];
    expect(early.map((r) => t.now.group(r))).toStrictEqual(early.map((r) => t.ref.group(r)));
    for (let i = 0; i < 40_050; i++) {
      const r = record({ dx: 'K31.700', p0: `43.${String(i).padStart(6, '0')}`, others: [] }, rest);
      const g = t.now.group(r);
      if (i % 997 === 0) expect(g).toStrictEqual(t.ref.group(r));
    }
    expect(early.map((r) => t.now.group(r))).toStrictEqual(early.map((r) => t.ref.group(r)));
    for (let i = 0; i < 40_050; i++) {
      const r = record({ dx: `K31.${String(i).padStart(6, '0')}`, p0: undefined, others: [] }, rest);
      const g = t.now.group(r);
      if (i % 997 === 0) expect(g).toStrictEqual(t.ref.group(r));
    }
    expect(early.map((r) => t.now.group(r))).toStrictEqual(early.map((r) => t.ref.group(r)));
  });
});

describe('grouper = frozen b604435 copy on a synthetic catalog, a closestAverageCost tie without procedures (property, fixed seed)', () => {
  const CLASSES = classes({ '47.0100': 'surgery', '54.5100': 'surgery', '45.2302': 'diagnostic', '99.2503': 'therapeutic', '39.9500': 'therapeutic', '00.6601': 'interventional' });
  const second: CorePacket = { ...core('K35.3', '600', { averageCost: '9000' }), code: 'K35.3-B' };
  const pk = [
    core('K35.3', '500', { averageCost: '4000', aux: SUBTYPES }),
    second,
    core('K35.3:47.0100', '1000', { averageCost: '10000' }),
    core('K35.3:47.0100_54.5100', '1000', { averageCost: '10500' }),
    core('K35.3:47.0100_45.2302', '1000', { averageCost: '12000', aux: SUBTYPES }),
    core('K35.2:47.0100_54.5100', '1000', { averageCost: '10500' }),
    core('K35.2:47.0100_45.2302', '1000', { averageCost: '12000' }),
    comp('K35:SS', '1300'),
    comp('K35:BSZL', '600'),
    chapter('11', 'SS'),
    chapter('11', 'ZLXCZ'),
  ];
  const cat = catalogOf(pk, { excludedPrincipalDx: [{ kind: 'code', code: 'K35.900' }], ignoredProcedures: ['39.9500'] });
  const modes: Partial<GroupingOptions>[] = [
    {},
    { tieBreak: ['closestAverageCost'] },
    { tieBreak: ['closestAverageCost', 'highestPoints'], mainProcedureRole: 'anyListed' },
    { mainProcedureRole: 'anyListed', typePriority: 'classLadder', coreConservativeFallback: true, tieBreak: ['closestAverageCost'] },
    { comprehensiveClassFrom: 'highestListed', tieBreak: ['mostMatchedProcedures', 'noUnmatchedExtraProcedure', 'lowestPoints'] },
    { procedureCodeMatch: 'prefixForShortCodes', principalProcedureSource: 'highestClass', unknownProcedure: 'conservative' },
    { comprehensiveMissingGroup: 'fallback', fallbackChain: ['chapterPacket', 'coreConservative'] },
    { comprehensiveMissingGroup: 'medicalGroup', fallbackChain: ['chapterPacket'], comprehensiveDxKeys: ['prefix2', 'category'] },
    { comprehensiveMissingGroup: 'fallback', fallbackChain: ['coreConservative', 'chapterPacket'], comprehensiveDxKeys: ['prefix1'] },
  ];
  const dxs = ['K35.200', 'K35.300', 'K35.301', 'k35.300', 'K35.900', 'K80.200', 'K40.000', 'A09.000', '', 'bad', 'K35.300x001', 'K35.300x001x002x003x004x0'];
  const procs = ['47.0100', '54.5100', '45.2302', '99.2503', '39.9500', '00.6601', '99.9999', '47.0', '47.0100X001', '47.0100x0011', '４７.0100'];
  const extra: Key[] = [
    { dx: 'K35.300', p0: undefined, others: [] },
    { dx: 'K35.300', p0: '', others: [] },
    { dx: 'K35.300', p0: '39.9500', others: [] },
    { dx: 'K35.200', p0: '47.0100', others: ['54.5100', '45.2302'] },
    { dx: 'K35.200', p0: '47.0100', others: ['54.5100'] },
    { dx: 'K35.200', p0: '47.0100', others: ['54.5100', '99.9999'] },
    { dx: 'K35.300x001', p0: '47.0100x0011', others: [] },
  ];
  const auxes: AuxiliaryOptions[] = [DEFAULT_AUXILIARY_OPTIONS, { ...DEFAULT_AUXILIARY_OPTIONS, selectionRule: 'highestCoefficient', auxApplyTo: ['core', 'comprehensive', 'primaryCare'] }];
  const pairs = new Map<string, Pair>();
  test.prop([sequenceArb(dxs, procs, extra), fc.integer({ min: 0, max: modes.length - 1 }), fc.integer({ min: 0, max: auxes.length - 1 }), fc.boolean(), fc.integer({ min: 0, max: LIMITS.length - 1 })], { seed: 90909, numRuns: 1_500 })(
    'current = frozen copy',
    (records, m, a, full, l) => {
      const name = `${m}|${a}|${full}|${l}`;
      let t = pairs.get(name);
      if (t === undefined) pairs.set(name, (t = pair(cat, { options: opts(modes[m]), auxiliary: auxes[a]!, procedureClasses: CLASSES, trace: full ? 'full' : 'summary' }, LIMITS[l]!)));
      checkSame(t, records);
    },
  );
});
