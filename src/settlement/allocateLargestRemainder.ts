import { dec } from '../decimal/index.js';
import type { Dec } from '../decimal/index.js';
import type { Result } from '../core/issue.js';
import type { DecLike } from '../points/toDec.js';
import { toDec } from '../points/toDec.js';

/** One share to allocate: an id (tie-break key) and a non-negative weight. */
export interface WeightedItem {
  readonly id: string;
  readonly weight: DecLike;
}

/** An allocated share, in input order. */
export interface AllocatedShare {
  readonly id: string;
  readonly share: Dec;
  /** Whether this item received one extra unit (10^-scale) from the remainder. */
  readonly roundedUp: boolean;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function toScaledBigInt(v: Dec, scale: number): bigint {
  return BigInt(v.times(dec(pow10(scale).toString())).toFixed(0));
}

/**
 * Split `total` into shares proportional to `weights`, at `scale` decimal places, so that the shares add up to
 * `total` exactly (largest-remainder / Hamilton method; DIP-RULES.md §8.7 "reconcile to the fen", §7.2 residual).
 *
 * Exact: computed in integers (BigInt) — each share's floor `⌊T·w_i / W⌋` in units of 10^-scale, then the
 * `T − Σ floors` leftover units (fewer than the number of items) go one each to the largest remainders;
 * **ties by id ascending** (code-unit order), then input order. A negative total is allocated as the negation of
 * the allocation of its absolute value. Errors (not throws) for a total with more than `scale` decimals,
 * negative weights, or all-zero weights with a non-zero total.
 *
 * @example
 * ```ts
 * allocateLargestRemainder('100.00', [{ id: 'A', weight: '1' }, { id: 'B', weight: '1' }, { id: 'C', weight: '1' }], 2)
 * // ok: A 33.34, B 33.33, C 33.33 (tie broken by id)
 * ```
 */
export function allocateLargestRemainder(total: DecLike, items: readonly WeightedItem[], scale: number): Result<readonly AllocatedShare[]> {
  const t = toDec(total);
  if (!Number.isInteger(scale) || scale < 0 || scale > 20) throw new Error(`allocateLargestRemainder(): scale must be an integer 0–20, got ${scale}`);
  if (t.decimalPlaces() > scale) {
    return { ok: false, issues: [{ severity: 'error', code: 'settlement.allocation_total_scale', message: `total ${t.toFixed()} has more than ${scale} decimal places`, expected: `a total rounded to ${scale} dp` }] };
  }
  const ws = items.map((it) => toDec(it.weight));
  if (ws.some((w) => w.isNeg())) {
    return { ok: false, issues: [{ severity: 'error', code: 'settlement.allocation_negative_weight', message: 'allocation weights must be ≥ 0', expected: 'weights ≥ 0' }] };
  }
  const d = ws.reduce((m, w) => Math.max(m, w.decimalPlaces()), 0);
  const W = ws.map((w) => toScaledBigInt(w, d));
  const sumW = W.reduce((a, b) => a + b, 0n);
  const T = toScaledBigInt(t, scale);
  const unit = dec(pow10(scale).toString());
  if (sumW === 0n) {
    if (T !== 0n) return { ok: false, issues: [{ severity: 'error', code: 'settlement.allocation_zero_weights', message: `cannot allocate ${t.toFixed()} over zero weights`, expected: 'a positive weight' }] };
    return { ok: true, value: items.map((it) => ({ id: it.id, share: dec(0), roundedUp: false })) };
  }
  const neg = T < 0n;
  const absT = neg ? -T : T;
  const floors = W.map((w) => (absT * w) / sumW);
  const rems = W.map((w) => (absT * w) % sumW);
  let left = absT - floors.reduce((a, b) => a + b, 0n);
  const order = items.map((_, i) => i).sort((i, j) => {
    const ri = rems[i] as bigint;
    const rj = rems[j] as bigint;
    if (ri !== rj) return ri > rj ? -1 : 1;
    const a = (items[i] as WeightedItem).id;
    const b = (items[j] as WeightedItem).id;
    if (a !== b) return a < b ? -1 : 1;
    return i - j;
  });
  const up = new Array<boolean>(items.length).fill(false);
  for (const i of order) {
    if (left === 0n) break;
    up[i] = true;
    left -= 1n;
  }
  return {
    ok: true,
    value: items.map((it, i) => {
      const units = (floors[i] as bigint) + (up[i] ? 1n : 0n);
      const share = dec((neg ? -units : units).toString()).div(unit);
      return { id: it.id, share, roundedUp: up[i] === true };
    }),
  };
}
