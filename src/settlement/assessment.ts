import { ONE, dec } from '../decimal/index.js';
import type { Dec } from '../decimal/index.js';
import type { Issue } from '../core/issue.js';
import type { SettlementOptions } from '../policy/schema.js';
import { isAbove } from '../points/thresholdCompare.js';
import type { DecLike } from '../points/toDec.js';
import { memoByObject, toDec } from '../points/toDec.js';

/** The assessment result of one hospital: `k` and `s` as applied, and the band found. */
export interface AssessmentResult {
  /** Index of the matching band in `assessmentBands` (−1 when none). */
  readonly band: number;
  /** 考核系数 `k` applied to `D_h` (1 when `assessmentApplication = 'deposit'`). */
  readonly coefficient: Dec;
  /** Quality-deposit refund share `s` (1 when `assessmentApplication = 'coefficient'`). */
  readonly refundShare: Dec;
  readonly issues: readonly Issue[];
}

interface PreparedBand {
  readonly min: Dec;
  readonly inclusive: boolean;
  readonly k: Dec;
  readonly s: Dec;
}

const prepareBands = memoByObject((bands: SettlementOptions['assessmentBands']): readonly PreparedBand[] =>
  bands.map((b) => ({ min: dec(b.minScore), inclusive: b.minInclusive, k: dec(b.coefficient), s: dec(b.depositRefundShare) })),
);

/**
 * Assessment score → coefficient `k` and deposit-refund share `s` by the policy's bands (DIP-RULES.md §8.5;
 * DIP 3.0 draft ch. 7 §3 "考核系数根据地方实际考核工作开展情况设置"; 2025 Handling Rules art. 35; Clearing Action
 * Plan). The band is the last one (bands in ascending `minScore`) whose start the score meets (`≥`, or `>` when
 * `minInclusive` is false), by exact comparison. `assessmentApplication` selects what acts: `coefficient` (s = 1),
 * `deposit` (k = 1) or `both` (default; neutral bands give k = s = 1). A score below every band gets k = s = 1 and
 * an error issue.
 *
 * @example
 * ```ts
 * // EXAMPLE bands of §8.5 (illustration only): 85 → band "80 to < 90": k 0.98, s 0.8
 * resolveAssessment('85', settlement)   // { band: 1, coefficient: Dec('0.98'), refundShare: Dec('0.8') }
 * ```
 */
export function resolveAssessment(score: DecLike, settlement: Pick<SettlementOptions, 'assessmentBands' | 'assessmentApplication'>): AssessmentResult {
  const bands = prepareBands(settlement.assessmentBands);
  const x = toDec(score);
  let found = -1;
  bands.forEach((b, i) => {
    if (isAbove(x, b.min, b.inclusive)) found = i;
  });
  const b = bands[found];
  if (b === undefined) {
    return { band: -1, coefficient: ONE, refundShare: ONE, issues: [{ severity: 'error', code: 'settlement.score_below_bands', message: `assessment score ${x.toFixed()} is below every assessment band`, expected: 'bands starting at 0 inclusive' }] };
  }
  const app = settlement.assessmentApplication;
  return { band: found, coefficient: app === 'deposit' ? ONE : b.k, refundShare: app === 'coefficient' ? ONE : b.s, issues: [] };
}
