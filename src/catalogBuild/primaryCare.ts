import type { Dec } from '../decimal/index.js';
import { dec } from '../decimal/index.js';

/**
 * Primary-care packet (基层病种) selection (DIP 3.0 draft ch. 3 §4: common, chronic, a large share of primary-care
 * institution cases, stable cost "如 CV 值不超过 0.7"; DIP-RULES.md §5.8). A core packet qualifies when
 * `primaryShare ≥ shareMin` (default 0.5, the implementation accompanying the 3.0 auxiliary notes) and
 * `cv ≤ cvMax` (不超过 includes the number, §0.2). A packet without a CV (fewer than 2 cases) does not qualify.
 *
 * @example
 * ```ts
 * isPrimaryCarePacket({ primaryCases: 30, cases: 50, cv: dec('0.7') }, { shareMin: '0.5', cvMax: '0.7' });  // true
 * isPrimaryCarePacket({ primaryCases: 24, cases: 50, cv: dec('0.3') }, { shareMin: '0.5', cvMax: '0.7' });  // false: 48 %
 * isPrimaryCarePacket({ primaryCases: 40, cases: 50, cv: dec('0.71') }, { shareMin: '0.5', cvMax: '0.7' }); // false
 * ```
 */
export function isPrimaryCarePacket(
  stats: { readonly primaryCases: number; readonly cases: number; readonly cv: Dec | undefined },
  rule: { readonly shareMin: string; readonly cvMax: string },
): boolean {
  if (stats.cases <= 0 || stats.cv === undefined) return false;
  const shareOk = dec(stats.primaryCases).gte(dec(rule.shareMin).times(stats.cases));
  return shareOk && stats.cv.lte(dec(rule.cvMax));
}
