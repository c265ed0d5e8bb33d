/**
 * Pure-JS content hashing for catalogs (DIP-RULES.md §4.8: every grouping trace names the catalog id and its
 * content hash). FNV-1a 64-bit over the UTF-8 bytes of a canonical JSON text; no `node:crypto` in the core.
 *
 * @module
 */

/**
 * FNV-1a 64-bit hash of a string's UTF-8 bytes, as 16 lower-case hex digits.
 *
 * Computed on two 32-bit words (`hi`, `lo`) with an indexed loop over the `TextEncoder` bytes (so the bytes, lone
 * surrogates as U+FFFD included, are exactly those of the 7c64073 four-16-bit-limb version, which iterated the same
 * array with `for…of`). One step multiplies by the prime 2^40 + 0x1b3 modulo 2^64: `lo * 0x1b3` is below 2^41, an
 * exact double whose low word (`>>> 0`) is the new `lo` and whose high part (below 2^9) carries into `hi`;
 * `hi * 0x1b3` modulo 2^32 is `Math.imul`; the 2^40 term adds `lo << 8` (modulo 2^32) to `hi`. The sum of the three
 * is below 2^34 in magnitude, exact, and `| 0` takes it modulo 2^32. Equality with the old limbs is a property of
 * `tests/catalog/contentHashL8.equivalence.test.ts`.
 *
 * @example
 * ```ts
 * fnv1a64(''); // 'cbf29ce484222325'
 * fnv1a64('a'); // 'af63dc4c8601ec8c'
 * ```
 */
export function fnv1a64(text: string): string {
  // offset basis 0xcbf29ce484222325; prime 0x100000001b3 = 2^40 + 0x1b3
  let lo = 0x84222325;
  let hi = 0xcbf29ce4 | 0;
  const bytes = new TextEncoder().encode(text);
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const x = (lo ^ bytes[i]!) >>> 0;
    const p = x * 0x1b3;
    lo = p >>> 0;
    hi = (Math.imul(hi, 0x1b3) + ((p - lo) / 0x100000000) + (x << 8)) | 0;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/**
 * Append the canonical JSON of `value` to `out` (pieces joined by the caller). Same text as the 7c64073
 * `canonicalJson` for every value: primitives by `JSON.stringify` (`'null'` when it gives nothing), arrays element by
 * element (`undefined` → `null`, a hole → nothing, as `map(...).join(',')` gave), `Set` and `Map` through the same
 * conversions as before, any other object by its sorted own enumerable string keys, `undefined` members dropped.
 * Only the string building differs: one array of pieces instead of nested template strings.
 */
function writeCanonical(value: unknown, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    out.push(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    const a = value as unknown[];
    out.push('[');
    for (let i = 0; i < a.length; i++) {
      if (i > 0) out.push(',');
      if (!(i in a)) continue; // a hole: `map` skipped it and `join` wrote ''
      const v = a[i];
      if (v === undefined) out.push('null');
      else writeCanonical(v, out);
    }
    out.push(']');
    return;
  }
  if (value instanceof Set) {
    writeCanonical([...(value as Set<unknown>)].map((v) => canonicalJson(v)).sort(), out);
    return;
  }
  if (value instanceof Map) {
    writeCanonical(Object.fromEntries([...(value as Map<unknown, unknown>).entries()].map(([k, v]) => [String(k), v])), out);
    return;
  }
  writeCanonicalObject(value as Record<string, unknown>, out, undefined);
}

/**
 * Append the canonical JSON of a plain object (sorted own enumerable string keys, `undefined` members dropped) to
 * `out`, leaving out the members named in `omit` as if they were `undefined` (what `{ ...p, line: undefined }` did).
 */
export function writeCanonicalObject(obj: Readonly<Record<string, unknown>>, out: string[], omit: ReadonlySet<string> | undefined): void {
  out.push('{');
  let first = true;
  for (const k of Object.keys(obj).sort()) {
    if (omit !== undefined && omit.has(k)) continue;
    const v = obj[k];
    if (v === undefined) continue;
    out.push(first ? JSON.stringify(k) : `,${JSON.stringify(k)}`, ':');
    first = false;
    writeCanonical(v, out);
  }
  out.push('}');
}

/**
 * Append the canonical JSON of `value` to `out`; see {@link canonicalJson}.
 *
 * @example
 * ```ts
 * const out: string[] = [];
 * writeCanonicalJson([1, { b: 2, a: undefined }], out);
 * out.join(''); // '[1,{"b":2}]'
 * ```
 */
export function writeCanonicalJson(value: unknown, out: string[]): void {
  writeCanonical(value, out);
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
  const out: string[] = [];
  writeCanonical(value, out);
  return out.join('');
}
