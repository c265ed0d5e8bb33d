/**
 * Pure-JS content hashing for catalogs (DIP-RULES.md §4.8: every grouping trace names the catalog id and its
 * content hash). FNV-1a 64-bit over the UTF-8 bytes of a canonical JSON text; no `node:crypto` in the core.
 *
 * @module
 */

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/**
 * FNV-1a 64-bit hash of a string's UTF-8 bytes, as 16 lower-case hex digits.
 *
 * @example
 * ```ts
 * fnv1a64(''); // 'cbf29ce484222325'
 * fnv1a64('a'); // 'af63dc4c8601ec8c'
 * ```
 */
export function fnv1a64(text: string): string {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK;
  }
  return h.toString(16).padStart(16, '0');
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
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
