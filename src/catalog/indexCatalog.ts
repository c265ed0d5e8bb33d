import { Fnv1a64Sink, writeCanonicalJson, writeCanonicalObject } from './contentHash.js';
import type { Catalog, CatalogMeta, ComprehensivePacket, CorePacket, FallbackPacket, Packet, TcmPacket } from './types.js';

/** Catalog-content format tag hashed together with the content (bump when the model changes meaning). */
export const CATALOG_HASH_SCHEME = 'dip-engine.catalog/1';

/** The provenance fields a packet's content hash leaves out. */
const UNHASHED_PACKET_FIELDS: ReadonlySet<string> = new Set(['line', 'origin']);

/**
 * Content hash of a catalog (DIP-RULES.md §4.8): `fnv1a64:` + FNV-1a 64 of the canonical JSON of the packets (in
 * order, without the provenance fields `line` and `origin`), the exclusion lists and `M`. Id, name and version are labels and
 * are not hashed, so the same content loaded from CSV or JSON hashes equal.
 *
 * The canonical text is that of `canonicalJson({ scheme, packets: packets.map((p) => ({ ...p, line: undefined,
 * origin: undefined })), excludedPrincipalDx, ignoredProcedures, regionAverageCost })` (the 7c64073 definition), written
 * directly: the members in their sorted order, each packet by its sorted own keys with `line` and `origin` skipped
 * (the spread copy had exactly the packet's own enumerable keys, those two set to `undefined` and so dropped), without
 * copying the packets, and hashed piece by piece as it is written (no text, no byte array). Equality of the hash with the old definition is a property of
 * `tests/catalog/contentHashL8.equivalence.test.ts`.
 *
 * @example
 * ```ts
 * catalogContentHash([], {}); // 'fnv1a64:…' (16 hex digits)
 * ```
 */
export function catalogContentHash(packets: readonly Packet[], meta: Omit<CatalogMeta, 'id' | 'name' | 'version'> | CatalogMeta): string {
  // sorted member order: excludedPrincipalDx, ignoredProcedures, packets, regionAverageCost, scheme
  const out = new Fnv1a64Sink();
  out.push('{"excludedPrincipalDx":');
  writeCanonicalJson(meta.excludedPrincipalDx ?? [], out);
  out.push(',"ignoredProcedures":');
  writeCanonicalJson([...(meta.ignoredProcedures ?? [])].sort(), out);
  out.push(',"packets":[');
  for (let i = 0; i < packets.length; i++) {
    if (i > 0) out.push(',');
    if (!(i in packets)) continue; // a hole stayed a hole in `map`, written as ''
    const p: unknown = packets[i];
    // `{ ...p }` of null or undefined is `{}`; of anything else, its own enumerable keys, as `Object.keys` lists them
    if (p === null || p === undefined) out.push('{}');
    else writeCanonicalObject(p as Record<string, unknown>, out, UNHASHED_PACKET_FIELDS);
  }
  out.push(']');
  if (meta.regionAverageCost !== undefined) {
    out.push(',"regionAverageCost":');
    writeCanonicalJson(meta.regionAverageCost, out);
  }
  out.push(`,"scheme":${JSON.stringify(CATALOG_HASH_SCHEME)}}`);
  return `fnv1a64:${out.digest()}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Build a {@link Catalog} (lookup maps and content hash) from validated packets (DIP-RULES.md §3, §4.2, §4.4).
 * Packets must have unique codes (the builders guarantee it; a duplicate here is a programmer error and throws).
 *
 * @example
 * ```ts
 * const c = indexCatalog({ id: 'demo', name: 'Demo', version: '1' }, [conservativeA039]);
 * c.coreBySubcategory.get('A03.9')?.length; // 1
 * ```
 */
export function indexCatalog(meta: CatalogMeta, packets: readonly Packet[]): Catalog {
  const byCode = new Map<string, Packet>();
  const coreBySubcategory = new Map<string, (CorePacket | TcmPacket)[]>();
  const coreOther: (CorePacket | TcmPacket)[] = [];
  const comprehensiveByCategory = new Map<string, ComprehensivePacket[]>();
  const comprehensiveOther: ComprehensivePacket[] = [];
  const fallbacks: FallbackPacket[] = [];
  for (const p of packets) {
    if (byCode.has(p.code)) throw new Error(`indexCatalog(): duplicate packet code ${p.code}`);
    byCode.set(p.code, p);
    switch (p.kind) {
      case 'core':
      case 'tcm':
        if (p.dx.kind === 'subcategory') push(coreBySubcategory, p.dx.key, p);
        else coreOther.push(p);
        break;
      case 'comprehensive':
        if (p.dx.kind === 'category') push(comprehensiveByCategory, p.dx.key, p);
        else comprehensiveOther.push(p);
        break;
      case 'fallback':
        fallbacks.push(p);
        break;
    }
  }
  const ignored = [...(meta.ignoredProcedures ?? [])];
  return {
    id: meta.id,
    name: meta.name,
    version: meta.version,
    contentHash: catalogContentHash(packets, meta),
    packets,
    byCode,
    coreBySubcategory,
    coreOther,
    comprehensiveByCategory,
    comprehensiveOther,
    fallbacks,
    excludedPrincipalDx: meta.excludedPrincipalDx ?? [],
    ignoredProcedures: new Set(ignored),
    ...(meta.regionAverageCost === undefined ? {} : { regionAverageCost: meta.regionAverageCost }),
  };
}
