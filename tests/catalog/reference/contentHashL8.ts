/**
 * Frozen copies of the catalog content hash of 7c64073 (`fnv1a64` and `canonicalJson` of
 * `src/catalog/contentHash.ts`, `catalogContentHash` of `src/catalog/indexCatalog.ts`), before the L8 rewrite: the
 * oracle of `tests/catalog/contentHashL8.equivalence.test.ts`. Do not edit.
 *
 * @module
 */
import type { CatalogMeta, Packet } from '../../../src/catalog/types.js';

/** The 7c64073 `fnv1a64`, unchanged. */
export function fnv1a64V0(text: string): string {
  // offset basis 0xcbf29ce484222325; prime 0x100000001b3 = 2^40 + 0x1b3
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of new TextEncoder().encode(text)) {
    h0 ^= byte;
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    let t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    h0 = t0 & 0xffff;
    t2 += t1 >>> 16;
    h1 = t1 & 0xffff;
    t3 += t2 >>> 16;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/** The 7c64073 `canonicalJson`, unchanged. */
export function canonicalJsonV0(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJsonV0(v))).join(',')}]`;
  if (value instanceof Set) return canonicalJsonV0([...(value as Set<unknown>)].map((v) => canonicalJsonV0(v)).sort());
  if (value instanceof Map) {
    return canonicalJsonV0(Object.fromEntries([...(value as Map<unknown, unknown>).entries()].map(([k, v]) => [String(k), v])));
  }
  const obj = value as Record<string, unknown>;
  let out = '';
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${out === '' ? '' : ','}${JSON.stringify(k)}:${canonicalJsonV0(v)}`;
  }
  return `{${out}}`;
}

/** The 7c64073 `catalogContentHash`, unchanged but for the names of the two functions above. */
export function catalogContentHashV0(packets: readonly Packet[], meta: Omit<CatalogMeta, 'id' | 'name' | 'version'> | CatalogMeta): string {
  const content = {
    scheme: 'dip-engine.catalog/1',
    packets: packets.map((p) => ({ ...p, line: undefined, origin: undefined })),
    excludedPrincipalDx: meta.excludedPrincipalDx ?? [],
    ignoredProcedures: [...(meta.ignoredProcedures ?? [])].sort(),
    regionAverageCost: meta.regionAverageCost,
  };
  return `fnv1a64:${fnv1a64V0(canonicalJsonV0(content))}`;
}
