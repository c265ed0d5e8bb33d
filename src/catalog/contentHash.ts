/**
 * Pure-JS content hashing for catalogs (DIP-RULES.md §4.8: every grouping trace names the catalog id and its
 * content hash). FNV-1a 64-bit over the UTF-8 bytes of a canonical JSON text; no `node:crypto` in the core.
 *
 * @module
 */

/**
 * FNV-1a 64-bit hash of a string's UTF-8 bytes, as 16 lower-case hex digits. Computed on four 16-bit limbs with
 * plain number arithmetic (exact: every intermediate stays below 2^53), which is far faster than BigInt.
 *
 * @example
 * ```ts
 * fnv1a64(''); // 'cbf29ce484222325'
 * fnv1a64('a'); // 'af63dc4c8601ec8c'
 * ```
 */
export function fnv1a64(text: string): string {
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

/**
 * Canonical JSON: object keys sorted, `undefined` members dropped, `Map` as sorted entries, `Set` as a sorted
 * array. Equal content gives an equal text whatever the construction order of object keys.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [2, { d: undefined, c: 'x' }] }); // '{"a":[2,{"c":"x"}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value instanceof Set) return canonicalJson([...(value as Set<unknown>)].map((v) => canonicalJson(v)).sort());
  if (value instanceof Map) {
    return canonicalJson(Object.fromEntries([...(value as Map<unknown, unknown>).entries()].map(([k, v]) => [String(k), v])));
  }
  const obj = value as Record<string, unknown>;
  let out = '';
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${out === '' ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}
