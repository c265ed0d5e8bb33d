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
import { describe, expect, it } from 'vitest';
import { CACHE_LIMITS } from '../../src/grouping/grouper.js';
import type { GroupingOptions } from '../../src/policy/schema.js';
import { loadClassTable } from './fixtures.js';
import { REAL_DXS, REAL_PROCS, REAL_TIES, SYN_MODES, pair, realCatalogProperties, syntheticProperty, useRealCatalogs } from './groupCachePairs.js';
import { presetOptions, record } from './sequences.js';
import type { Rest } from './sequences.js';

// ---------------------------------------------------------------- the grouper against the frozen copy
// Set-up shared with groupCacheG8 (groupCachePairs.ts): its lists here extended at their ends.

/** A raw procedure of 25+ symbols (no packed key holds a case with it). */
const LONG_PROC = '43.4108x001x002x003x004x0056';

describe('grouper = frozen b604435 copy on the real Pingdingshan catalog, every preset, both trace levels (property, fixed seed)', () => {
  const cats = useRealCatalogs();
  const dxs = [...REAL_DXS, 'Z99.999', 'C00.000', 'O80.000', 'R10.400', 'S06.000', 'J44.100', 'N18.500', 'T81.400'];
  const procs = [...REAL_PROCS, LONG_PROC, '47.0100 ', '45.2302x001x002x003x004x005'];
  realCatalogProperties(cats, dxs, procs, REAL_TIES, 9088, 100);

  it('past the default bounds (generations rotating many times), results stay equal; a key seen again after two rotations is recomputed equal', () => {
    const pds = presetOptions().find((x) => x.name === 'pingdingshan-2025')!;
    const t = pair(cats.plain, { options: pds.grouping, auxiliary: pds.auxiliary, procedureClasses: loadClassTable(), trace: 'summary' }, CACHE_LIMITS);
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
  const modes: Partial<GroupingOptions>[] = [
    ...SYN_MODES,
    { comprehensiveMissingGroup: 'fallback', fallbackChain: ['chapterPacket', 'coreConservative'] },
    { comprehensiveMissingGroup: 'medicalGroup', fallbackChain: ['chapterPacket'], comprehensiveDxKeys: ['prefix2', 'category'] },
    { comprehensiveMissingGroup: 'fallback', fallbackChain: ['coreConservative', 'chapterPacket'], comprehensiveDxKeys: ['prefix1'] },
  ];
  syntheticProperty(['K35.200', 'K35.300', 'K35.301', 'k35.300', 'K35.900', 'K80.200', 'K40.000', 'A09.000', '', 'bad', 'K35.300x001', 'K35.300x001x002x003x004x0'], modes, 90909, 1_500);
});
