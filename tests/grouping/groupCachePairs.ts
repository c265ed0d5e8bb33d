/**
 * Shared set-up of the grouper-vs-frozen-copy properties of `groupCacheG8` and `groupCacheG9` (each test file keeps
 * its own alphabets, seeds and runs): the current grouper paired with the frozen b604435 copy
 * (`reference/grouperG9Reference.ts`) at the default and tiny cache bounds, the real Pingdingshan catalog (plain, and
 * rebuilt with auxiliary subtypes and exclusion lists) with its diagnoses, procedures and tie keys, and the synthetic
 * catalog with a `closestAverageCost` tie and its modes. A list that one file extends is the other's prefix, so both
 * files draw exactly the sequences they drew before (fast-check's `constantFrom` picks by index).
 */
import { beforeAll, expect } from 'vitest';
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
import { SUBTYPES, presetOptions, sequenceArb } from './sequences.js';
import type { Key } from './sequences.js';

/** The current grouper and the frozen b604435 copy, built with the same catalog and options. */
export interface Pair {
  readonly now: Grouper;
  readonly ref: Grouper;
}
/** The default bounds, then tiny ones (crossed many times per sequence). */
export const LIMITS: readonly CacheLimits[] = [CACHE_LIMITS, { codes: 1, bases: 0 }, { codes: 2, bases: 1 }, { codes: 2, bases: 3 }, { codes: 5, bases: 9 }];
/** The current grouper at `limits`, the frozen copy at its default bounds. */
export const pair = (catalog: Catalog, o: GrouperOptions, limits: CacheLimits): Pair => ({ now: createGrouperWith(catalog, o, limits), ref: createReference(catalog, o, CACHE_LIMITS) });
/** Every record grouped by both, in order: results `toStrictEqual` (trace included). */
export function checkSame(p: Pair, records: readonly DischargeRecord[]): void {
  expect(records.map((r) => p.now.group(r))).toStrictEqual(records.map((r) => p.ref.group(r)));
}

// ---------------------------------------------------------------- the real Pingdingshan catalog

/** Codes the packed key cannot hold (25+ symbols with a procedure, non-ASCII, `\0`), next to their packable twins. */
export const LONG_DX = 'K31.700x001x002x003x004x005';
/** Diagnoses of the real-catalog properties (groupCacheG8; groupCacheG9 appends more). */
export const REAL_DXS = ['K31.700', 'k31.700', 'K31.701', 'K63.500', 'K63.100', 'K29.500', 'A09.900', 'a09.900X003', 'A09.900+K93.8*', 'C34.900', 'C73.X00', 'D52.000', 'D42.000', 'J18.000', 'K35.300', 'I63.103', ' K35.300', '', 'bad', '47.0100', 'K35.300x001', 'Ｋ35.300', 'K35\u0000300', LONG_DX];
/** Procedures of the real-catalog properties (groupCacheG8; groupCacheG9 appends more). */
export const REAL_PROCS = ['43.4108', '43.4101', '45.2302', '44.1300x001', '44.1300X001', '43.4105', '45.2501', '88.0101', '45.4307', '48.3603', '43.7x00', '32.4100', '03.3101', '06.2X02', '47.0100', '99.9999', '4701', ' 47.0100', '47.0100x0011111', '４７.0100', '47\u00000100'];
/** Keys with ties between packets and keys on either side of the packed-key length. */
export const REAL_TIES: Key[] = [
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

/** The real catalogs, loaded in the calling `describe`'s `beforeAll` (read them inside tests only). */
export interface RealCatalogs {
  plain: Catalog;
  withAux: Catalog;
}

/** Registers a `beforeAll` that loads the real catalog, plain and with auxiliary subtypes and exclusion lists. */
export function useRealCatalogs(): RealCatalogs {
  const cats = {} as RealCatalogs;
  beforeAll(async () => {
    cats.plain = await pingdingshan();
    const withSubtypes: Packet[] = cats.plain.packets.map((p) => (/^(K31|A09|K63|C34|J18|I63|CP)/u.test(p.code) ? { ...p, auxSubtypes: SUBTYPES } : p));
    cats.withAux = indexCatalog(
      { id: 'pds-aux', name: 'pingdingshan + aux', version: '1', excludedPrincipalDx: [{ kind: 'code', code: 'K29.500' }, { kind: 'prefix', prefix: 'D42' }], ignoredProcedures: ['88.0101', '45.2501', '43.4101'] },
      withSubtypes,
    );
  });
  return cats;
}

/**
 * One property per preset × catalog variant (plain; aux: its fallback chain then chapter and blank packets): random
 * sequences over `dxs` × `procs` + `ties`, either trace level, any of {@link LIMITS}; current = frozen copy. Call inside
 * a `describe` that called {@link useRealCatalogs}.
 */
export function realCatalogProperties(cats: RealCatalogs, dxs: readonly string[], procs: readonly string[], ties: readonly Key[], seed: number, numRuns: number): void {
  const classTable = loadClassTable();
  const pairs = new Map<string, Pair>();
  for (const p of presetOptions()) {
    for (const variant of ['plain', 'aux'] as const) {
      test.prop([sequenceArb(dxs, procs, ties), fc.boolean(), fc.integer({ min: 0, max: LIMITS.length - 1 })], { seed, numRuns })(`${p.name}, ${variant} catalog`, (records, full, l) => {
        const name = `${p.name}|${variant}|${full}|${l}`;
        let t = pairs.get(name);
        if (t === undefined) {
          const catalog = variant === 'plain' ? cats.plain : cats.withAux;
          const grouping: GroupingOptions = { ...p.grouping, fallbackChain: variant === 'plain' ? p.grouping.fallbackChain : ['chapterPacket', 'blankPacket'] };
          pairs.set(name, (t = pair(catalog, { options: grouping, auxiliary: p.auxiliary, procedureClasses: classTable, trace: full ? 'full' : 'summary' }, LIMITS[l]!)));
        }
        checkSame(t, records);
      });
    }
  }
}

// ---------------------------------------------------------------- the synthetic catalog with a closestAverageCost tie

/** Procedure classes of the synthetic catalog. */
export const SYN_CLASSES = classes({ '47.0100': 'surgery', '54.5100': 'surgery', '45.2302': 'diagnostic', '99.2503': 'therapeutic', '39.9500': 'therapeutic', '00.6601': 'interventional' });
const second: CorePacket = { ...core('K35.3', '600', { averageCost: '9000' }), code: 'K35.3-B' };
/** Two core packets of K35.3 without procedures (a `closestAverageCost` tie), procedure packets, comprehensive and chapter packets. */
export const SYN_CATALOG = catalogOf(
  [
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
  ],
  { excludedPrincipalDx: [{ kind: 'code', code: 'K35.900' }], ignoredProcedures: ['39.9500'] },
);
/** Grouping modes of the synthetic properties (groupCacheG8; groupCacheG9 appends three routing modes). */
export const SYN_MODES: Partial<GroupingOptions>[] = [
  {},
  { tieBreak: ['closestAverageCost'] },
  { tieBreak: ['closestAverageCost', 'highestPoints'], mainProcedureRole: 'anyListed' },
  { mainProcedureRole: 'anyListed', typePriority: 'classLadder', coreConservativeFallback: true, tieBreak: ['closestAverageCost'] },
  { comprehensiveClassFrom: 'highestListed', tieBreak: ['mostMatchedProcedures', 'noUnmatchedExtraProcedure', 'lowestPoints'] },
  { procedureCodeMatch: 'prefixForShortCodes', principalProcedureSource: 'highestClass', unknownProcedure: 'conservative' },
];
/** Procedures of the synthetic properties. */
export const SYN_PROCS = ['47.0100', '54.5100', '45.2302', '99.2503', '39.9500', '00.6601', '99.9999', '47.0', '47.0100X001', '47.0100x0011', '４７.0100'];
/** Keys without, with an empty and with an ignored principal procedure, and procedure lists around the packets. */
export const SYN_EXTRA: Key[] = [
  { dx: 'K35.300', p0: undefined, others: [] },
  { dx: 'K35.300', p0: '', others: [] },
  { dx: 'K35.300', p0: '39.9500', others: [] },
  { dx: 'K35.200', p0: '47.0100', others: ['54.5100', '45.2302'] },
  { dx: 'K35.200', p0: '47.0100', others: ['54.5100'] },
  { dx: 'K35.200', p0: '47.0100', others: ['54.5100', '99.9999'] },
  { dx: 'K35.300x001', p0: '47.0100x0011', others: [] },
];
const SYN_AUXES: AuxiliaryOptions[] = [DEFAULT_AUXILIARY_OPTIONS, { ...DEFAULT_AUXILIARY_OPTIONS, selectionRule: 'highestCoefficient', auxApplyTo: ['core', 'comprehensive', 'primaryCare'] }];

/** The synthetic-catalog property: random sequences over `dxs` × {@link SYN_PROCS} + {@link SYN_EXTRA}, any mode, auxiliary options, trace level and bounds; current = frozen copy. */
export function syntheticProperty(dxs: readonly string[], modes: readonly Partial<GroupingOptions>[], seed: number, numRuns: number): void {
  const pairs = new Map<string, Pair>();
  test.prop([sequenceArb(dxs, SYN_PROCS, SYN_EXTRA), fc.integer({ min: 0, max: modes.length - 1 }), fc.integer({ min: 0, max: SYN_AUXES.length - 1 }), fc.boolean(), fc.integer({ min: 0, max: LIMITS.length - 1 })], { seed, numRuns })(
    'current = frozen copy',
    (records, m, a, full, l) => {
      const name = `${m}|${a}|${full}|${l}`;
      let t = pairs.get(name);
      if (t === undefined) pairs.set(name, (t = pair(SYN_CATALOG, { options: opts(modes[m]), auxiliary: SYN_AUXES[a]!, procedureClasses: SYN_CLASSES, trace: full ? 'full' : 'summary' }, LIMITS[l]!)));
      checkSame(t, records);
    },
  );
}
