import { dec } from '../decimal/index.js';
import type { Dec } from '../decimal/index.js';

/** A decimal input: a `Dec`, or a trusted canonical decimal string (already validated by the caller). */
export type DecLike = Dec | string;

/**
 * Convert a {@link DecLike} to `Dec` without copying a value that already is one (the per-case path passes `Dec`s
 * precomputed once per packet, so this is a type check, not a parse).
 *
 * @example
 * ```ts
 * toDec('0.95').toString()   // '0.95'
 * ```
 */
export function toDec(value: DecLike): Dec {
  return typeof value === 'string' ? dec(value) : value;
}

/** Like {@link toDec} for an optional value. */
export function toDecOpt(value: DecLike | undefined): Dec | undefined {
  return value === undefined ? undefined : toDec(value);
}

/**
 * Parse the decimal strings of a policy section once: a cache keyed by the (immutable) section object, so the
 * per-case path never re-parses policy strings (DEVELOPERS.md performance note).
 *
 * @example
 * ```ts
 * const prepare = memoByObject((o: { t: string }) => dec(o.t));
 * prepare(options) === prepare(options)   // true: parsed once
 * ```
 */
export function memoByObject<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key: K): V => {
    let v = cache.get(key);
    if (v === undefined) {
      v = build(key);
      cache.set(key, v);
    }
    return v;
  };
}
