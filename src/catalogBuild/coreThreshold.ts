/**
 * Core packet test 临界值 (DIP 3.0 draft ch. 3 §1 二; DIP-RULES.md §5.5): a combination is core when its case
 * count reaches the threshold, "达到临界值以上" = `count ≥ T` (以上 includes the number, §0.2). Typical `T`: 15 for a
 * city pool ("一般地市级统筹区以 15 例为临界值"), at least 50 for a provincial pool.
 *
 * @example
 * ```ts
 * isCoreCount(14, 15); // false → comprehensive (T4)
 * isCoreCount(15, 15); // true  → core
 * ```
 */
export function isCoreCount(count: number, threshold: number): boolean {
  return count >= threshold;
}

/**
 * Core threshold by coverage (DIP 3.0 draft ch. 3 §1 二 (三), "如大于等于 95%"; DIP-RULES.md §5.5).
 *
 * Definition used: the largest `T` such that combinations with `count ≥ T` together hold at least `target` of all
 * cases. Coverage only grows as `T` falls, so the literal "smallest T that covers ≥ 95 %" is always `T = 1` (every
 * combination core); the rule is read as the strictest threshold that still meets the target, which is what
 * makes the ≥ 95 % a bound. Ties: all combinations of one count enter together. `target` is a decimal string share (e.g. `'0.95'`); compared exactly as integers:
 * `covered × 10^k ≥ target × 10^k × total`.
 *
 * @example
 * ```ts
 * // counts 50, 30, 10, 5, 3, 2 (total 100): T = 10 covers 90, T = 5 covers 95 ≥ 95 %, T = 6 covers 90
 * coverageThreshold([50, 30, 10, 5, 3, 2], '0.95'); // 5
 * ```
 */
export function coverageThreshold(counts: Iterable<number>, target: string): number {
  const sorted = [...counts].filter((c) => c > 0).sort((a, b) => b - a);
  const total = sorted.reduce((s, c) => s + c, 0);
  if (total === 0) return 1;
  const [int, frac = ''] = target.split('.');
  const scale = 10n ** BigInt(frac.length);
  const t = BigInt((int ?? '0') + frac);
  const need = (covered: number): boolean => BigInt(covered) * scale >= t * BigInt(total);
  let covered = 0;
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i]!;
    covered += c;
    // all combinations with this count must be included together
    if (i + 1 < sorted.length && sorted[i + 1] === c) continue;
    if (need(covered)) return c;
  }
  return 1;
}
