/**
 * The L8 content hash (`fnv1a64` on two 32-bit words with an indexed loop, `canonicalJson` writing pieces into one
 * array, `catalogContentHash` writing the hashed document directly instead of copying every packet) against the
 * frozen 7c64073 versions (`tests/catalog/reference/contentHashL8.ts`): exact strings on random strings (lone
 * surrogates, astral characters, long texts), random values (nested objects, arrays with holes and `undefined`,
 * `Map`, `Set`, null prototypes, boxed values, `-0`, `NaN`), random packet lists and catalog metas, and the real
 * Pingdingshan catalog (whose hash is also checked as a literal: it is printed in summary.json).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fnv1a64, Fnv1a64Sink } from '../../src/catalog/contentHash.js';
import { catalogContentHash } from '../../src/catalog/indexCatalog.js';
import type { CatalogMeta, Packet } from '../../src/catalog/types.js';
import { loadCatalog } from '../../src/io/loadCatalog.js';
import { canonicalJsonV0, catalogContentHashV0, fnv1a64V0 } from './reference/contentHashL8.js';

/** The result of `f`, or the class and message of what it throws (both versions throw on a Map key without toString). */
function outcome(f: () => string): string {
  try {
    return `ok ${f()}`;
  } catch (e) {
    return `throws ${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

const anything = fc.anything({ withMap: true, withSet: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true, withObjectString: true, maxDepth: 4 });

describe('L8 content hash = the 7c64073 one', () => {
  it('fnv1a64 on random strings (every UTF-16 unit, lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ maxLength: 2000 })), (s) => {
        expect(fnv1a64(s)).toBe(fnv1a64V0(s));
      }),
      { seed: 8811, numRuns: 3000 },
    );
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    expect(fnv1a64('\ud800')).toBe(fnv1a64V0('\ufffd'));
  });

  it('Fnv1a64Sink: JSON.stringify pieces pushed one by one hash as their concatenation', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 8 }), (strings) => {
        const pieces = strings.map((s) => JSON.stringify(s));
        const h = new Fnv1a64Sink();
        for (const p of pieces) h.push(p);
        expect(h.digest()).toBe(fnv1a64V0(pieces.join('')));
      }),
      { seed: 8814, numRuns: 2000 },
    );
  });

  it('canonicalJson on random values', () => {
    fc.assert(
      fc.property(anything, (v) => {
        expect(outcome(() => canonicalJson(v))).toBe(outcome(() => canonicalJsonV0(v)));
      }),
      { seed: 8812, numRuns: 3000 },
    );
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalJson([1, , undefined, { b: new Set([2, 'x']), a: new Map([[1, -0]]) }])).toBe('[1,,null,{"a":{"1":0},"b":["\\"x\\"","2"]}]');
  });

  it('catalogContentHash on random packet lists and metas', () => {
    const packet = fc.oneof(
      { weight: 4, arbitrary: fc.record({ code: fc.string(), kind: fc.constantFrom('core', 'comprehensive'), points: fc.string(), line: fc.option(fc.nat(), { nil: undefined }), origin: fc.option(fc.constant('statistics'), { nil: undefined }), dx: anything, main: fc.array(anything, { maxLength: 3 }) }, { requiredKeys: ['code'] }) },
      { weight: 1, arbitrary: anything },
    );
    const meta = fc.record(
      { excludedPrincipalDx: fc.array(anything, { maxLength: 3 }), ignoredProcedures: fc.oneof(fc.array(fc.string(), { maxLength: 4 }), fc.array(fc.string(), { maxLength: 4 }).map((a) => new Set(a))), regionAverageCost: fc.string() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(packet, { maxLength: 6 }), meta, (packets, m) => {
        const ps = packets as unknown as Packet[];
        const mm = m as unknown as CatalogMeta;
        expect(outcome(() => catalogContentHash(ps, mm))).toBe(outcome(() => catalogContentHashV0(ps, mm)));
      }),
      { seed: 8813, numRuns: 3000 },
    );
    // eslint-disable-next-line no-sparse-arrays
    const odd = [, null, undefined, 'ab', 7] as unknown as Packet[];
    expect(catalogContentHash(odd, {})).toBe(catalogContentHashV0(odd, {}));
  });

  it('the Pingdingshan catalog: same hash, the literal of summary.json', async () => {
    const r = await loadCatalog('fixtures/pingdingshan-2025-dip2/catalog.csv', { statsPath: 'fixtures/pingdingshan-2025-dip2/packet-stats.csv' });
    const c = r.catalog;
    const meta = { excludedPrincipalDx: c.excludedPrincipalDx, ignoredProcedures: [...c.ignoredProcedures], ...(c.regionAverageCost === undefined ? {} : { regionAverageCost: c.regionAverageCost }) };
    expect(c.contentHash).toBe(catalogContentHashV0(c.packets, meta));
    expect(r.catalog.contentHash).toBe(JSON_HASH);
  });
});

/** The hash dip settle printed in summary.json before the change (/tmp/base, 7c64073). */
const JSON_HASH = 'fnv1a64:52e63083eced1379';
