import { ZERO, dec, roundDec } from '../decimal/index.js';
import type { Dec, RoundingRule } from '../decimal/index.js';
import type { Issue } from '../core/issue.js';
import type { SurplusCorridor } from '../policy/schema.js';
import type { DecLike } from '../points/toDec.js';
import { toDec } from '../points/toDec.js';

/** One corridor band as applied: its range in yuan, the overlap with the gap, the share and the adjustment. */
export interface CorridorBandResult {
  readonly from: Dec;
  readonly to?: Dec;
  readonly overlap: Dec;
  /** `retainShare` (surplus) or `fundShare` (overrun). */
  readonly share: Dec;
  /** Surplus: −(1 − retainShare) × overlap; overrun: fundShare × overlap. Unrounded. */
  readonly adjustment: Dec;
}

/** The corridor outcome for one hospital. */
export interface CorridorResult {
  readonly side: 'surplus' | 'overrun' | 'even';
  /** `D − B` (surplus) or `B − D` (overrun), ≥ 0. */
  readonly gap: Dec;
  readonly bands: readonly CorridorBandResult[];
  /** Σ band adjustments, unrounded. */
  readonly adjustment: Dec;
  /** `A = D + adjustment`, rounded once by the money rule. */
  readonly entitlement: Dec;
  readonly issues: readonly Issue[];
}

/**
 * Surplus retention and overrun sharing 结余留用 / 合理超支分担 (DIP-RULES.md §8.4; DIP 3.0 draft ch. 7 §3 二 (一);
 * 2025 Handling Rules art. 33; 2025 Interim Measures art. 29): compare `D_h` with `B_h` (booked amount after audit)
 * and apply marginal bands (fractions of `D`, like tax brackets):
 *
 * ```
 * surplus  g = D − B > 0:  A = D − Σ_k (1 − retainShare_k) × overlap(g, [from_k·D, to_k·D))
 * overrun  o = B − D > 0:  A = D + Σ_k fundShare_k × overlap(o, [from_k·D, to_k·D))   (only if reasonable, when required)
 * ```
 *
 * No published corridor values exist; the policy default is neutral (`A = D`). `D ≤ 0` leaves `A = D` with a
 * warning (bands of a non-positive base are meaningless).
 *
 * @example
 * ```ts
 * // E1 (EXAMPLE corridor of §8.4): D 10,000,000, B 8,500,000 → A 9,750,000.00
 * applySurplusCorridor('10000000', '8500000', exampleCorridor, { reasonable: false }, HALF_UP_2).entitlement
 * ```
 */
export function applySurplusCorridor(
  amountDue: DecLike,
  bookedAfterAudit: DecLike,
  corridor: SurplusCorridor,
  flags: { readonly reasonable?: boolean },
  money: RoundingRule,
): CorridorResult {
  const D = toDec(amountDue);
  const B = toDec(bookedAfterAudit);
  const diff = D.minus(B);
  if (diff.isZero()) return { side: 'even', gap: ZERO, bands: [], adjustment: ZERO, entitlement: roundDec(D, money), issues: [] };
  if (D.lte(0)) {
    return {
      side: diff.gt(0) ? 'surplus' : 'overrun',
      gap: diff.abs(),
      bands: [],
      adjustment: ZERO,
      entitlement: roundDec(D, money),
      issues: [{ severity: 'warning', code: 'settlement.corridor_nonpositive_due', message: `D = ${D.toFixed()} ≤ 0: the corridor is not applied` }],
    };
  }
  const surplus = diff.gt(0);
  const gap = diff.abs();
  const issues: Issue[] = [];
  const blocked = !surplus && corridor.requireReasonableFlag && flags.reasonable !== true;
  if (blocked) issues.push({ severity: 'warning', code: 'settlement.overrun_not_certified', message: 'overrun not certified reasonable: no overrun sharing (requireReasonableFlag)' });
  const bands: CorridorBandResult[] = [];
  let adjustment = ZERO;
  const list = surplus ? corridor.surplusBands.map((b) => ({ from: b.from, to: b.to, share: b.retainShare })) : corridor.overrunBands.map((b) => ({ from: b.from, to: b.to, share: b.fundShare }));
  for (const b of list) {
    const lo = dec(b.from).times(D);
    const hi = b.to === undefined ? undefined : dec(b.to).times(D);
    const top = hi === undefined || gap.lt(hi) ? gap : hi;
    const overlap = top.gt(lo) ? top.minus(lo) : ZERO;
    const share = dec(b.share);
    const adj = blocked ? ZERO : surplus ? share.minus(1).times(overlap) : share.times(overlap);
    adjustment = adjustment.plus(adj);
    bands.push({ from: lo, ...(hi === undefined ? {} : { to: hi }), overlap, share, adjustment: adj });
  }
  return { side: surplus ? 'surplus' : 'overrun', gap, bands, adjustment, entitlement: roundDec(D.plus(adjustment), money), issues };
}
