/**
 * Pure-JS content hashing for catalogs (DIP-RULES.md §4.8: every grouping trace names the catalog id and its
 * content hash). FNV-1a 64-bit over the UTF-8 bytes of a canonical JSON text; no `node:crypto` in the core.
 *
 * @module
 */

/** Where the canonical writer puts its pieces: an array of strings (then joined) or a running hash. */
export interface CanonicalSink {
  push(piece: string): void;
}

/**
 * A running FNV-1a 64-bit hash of the UTF-8 bytes of the strings pushed into it, as if they were one string.
 *
 * The bytes are those `TextEncoder` gives (1–3 bytes per UTF-16 unit, 4 per surrogate pair, `EF BF BD` for a lone
 * surrogate), encoded on the fly instead of into an array. Pushing pieces one by one hashes their concatenation
 * exactly when no piece ends in a high surrogate whose low half starts the next piece (the canonical writer's
 * pieces come from `JSON.stringify`, which escapes lone surrogates, so none does).
 *
 * One step multiplies by the prime 2^40 + 0x1b3 modulo 2^64 on two 32-bit words: `lo * 0x1b3` is below 2^41, an
 * exact double whose low word (`>>> 0`) is the new `lo` and whose high part (below 2^9) carries into `hi`;
 * `hi * 0x1b3` modulo 2^32 is `Math.imul`; the 2^40 term adds `lo << 8` (modulo 2^32) to `hi`; the sum of the three
 * is below 2^34 in magnitude, exact, and `| 0` takes it modulo 2^32. Equality with the 7c64073 four-16-bit-limb
 * `fnv1a64` is a property of `tests/catalog/contentHashL8.equivalence.test.ts`.
 *
 * @example
 * ```ts
 * const h = new Fnv1a64Sink();
 * h.push('foo');
 * h.push('bar');
 * h.digest(); // '85944171f73967e8' = fnv1a64('foobar')
 * ```
 */
export class Fnv1a64Sink implements CanonicalSink {
  // offset basis 0xcbf29ce484222325
  private lo = 0x84222325;
  private hi = 0xcbf29ce4 | 0;

  /** Hash one byte (0–255). */
  private byte(b: number): void {
    const x = (this.lo ^ b) >>> 0;
    const p = x * 0x1b3;
    const lo = p >>> 0;
    this.lo = lo;
    this.hi = (Math.imul(this.hi, 0x1b3) + (p - lo) / 0x100000000 + (x << 8)) | 0;
  }

  /** Hash the UTF-8 bytes of `piece`. */
  push(piece: string): void {
    const n = piece.length;
    for (let i = 0; i < n; i++) {
      const c = piece.charCodeAt(i);
      if (c < 0x80) {
        // the step of `byte`, inline for the common ASCII case
        const x = (this.lo ^ c) >>> 0;
        const p = x * 0x1b3;
        const lo = p >>> 0;
        this.lo = lo;
        this.hi = (Math.imul(this.hi, 0x1b3) + (p - lo) / 0x100000000 + (x << 8)) | 0;
      } else if (c < 0x800) {
        this.byte(0xc0 | (c >> 6));
        this.byte(0x80 | (c & 0x3f));
      } else if (c < 0xd800 || c > 0xdfff) {
        this.byte(0xe0 | (c >> 12));
        this.byte(0x80 | ((c >> 6) & 0x3f));
        this.byte(0x80 | (c & 0x3f));
      } else {
        const d = i + 1 < n ? piece.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          this.byte(0xf0 | (cp >> 18));
          this.byte(0x80 | ((cp >> 12) & 0x3f));
          this.byte(0x80 | ((cp >> 6) & 0x3f));
          this.byte(0x80 | (cp & 0x3f));
          i += 1;
        } else {
          // a lone surrogate: U+FFFD, as TextEncoder writes it
          this.byte(0xef);
          this.byte(0xbf);
          this.byte(0xbd);
        }
      }
    }
  }

  /** The hash so far, as 16 lower-case hex digits. */
  digest(): string {
    return (this.hi >>> 0).toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}

/**
 * FNV-1a 64-bit hash of a string's UTF-8 bytes, as 16 lower-case hex digits (see {@link Fnv1a64Sink}).
 *
 * @example
 * ```ts
 * fnv1a64(''); // 'cbf29ce484222325'
 * fnv1a64('a'); // 'af63dc4c8601ec8c'
 * ```
 */
export function fnv1a64(text: string): string {
  const h = new Fnv1a64Sink();
  h.push(text);
  return h.digest();
}

/** `JSON.stringify(key) + ':'` of the keys met so far (a catalog has a few dozen; capped against unbounded growth). */
const KEY_TEXT = new Map<string, string>();
const KEY_TEXT_MAX = 4096;

function keyText(k: string): string {
  let t = KEY_TEXT.get(k);
  if (t === undefined) {
    t = `${JSON.stringify(k)}:`;
    if (KEY_TEXT.size < KEY_TEXT_MAX) KEY_TEXT.set(k, t);
  }
  return t;
}

/**
 * Write the canonical JSON of `value` to `out` piece by piece. Same text as the 7c64073 `canonicalJson` for every
 * value: primitives by `JSON.stringify` (`'null'` when it gives nothing), arrays element by element (`undefined` →
 * `null`, a hole → nothing, as `map(...).join(',')` gave), `Set` and `Map` through the same conversions as before,
 * any other object by its sorted own enumerable string keys, `undefined` members dropped. Only the string building
 * differs: pieces pushed into a sink instead of nested template strings.
 */
function writeCanonical(value: unknown, out: CanonicalSink): void {
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
 * Write the canonical JSON of a plain object (sorted own enumerable string keys, `undefined` members dropped) to
 * `out`, leaving out the members named in `omit` as if they were `undefined` (what `{ ...p, line: undefined }` did).
 *
 * @example
 * ```ts
 * const out: string[] = [];
 * writeCanonicalObject({ b: 1, line: 7, a: 'x' }, out, new Set(['line']));
 * out.join(''); // '{"a":"x","b":1}'
 * ```
 */
export function writeCanonicalObject(obj: Readonly<Record<string, unknown>>, out: CanonicalSink, omit: ReadonlySet<string> | undefined): void {
  out.push('{');
  let first = true;
  for (const k of Object.keys(obj).sort()) {
    if (omit !== undefined && omit.has(k)) continue;
    const v = obj[k];
    if (v === undefined) continue;
    if (!first) out.push(',');
    out.push(keyText(k));
    first = false;
    writeCanonical(v, out);
  }
  out.push('}');
}

/**
 * Write the canonical JSON of `value` to `out`; see {@link canonicalJson}.
 *
 * @example
 * ```ts
 * const out: string[] = [];
 * writeCanonicalJson([1, { b: 2, a: undefined }], out);
 * out.join(''); // '[1,{"b":2}]'
 * ```
 */
export function writeCanonicalJson(value: unknown, out: CanonicalSink): void {
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
