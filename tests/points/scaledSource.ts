/**
 * The context source of the scaled-context tests (`floorScaledS6`, `scaledContextS9`, `limbConstsR10`): RW 1500,
 * c 0.9, normal points 1350, the payment-standard basis, high threshold 2, under the national 3.0 outlier rules; R,
 * PV, rounding and `a` as given (defaults: PV 10, 4 dp half-up, the shared `ONE`).
 */
import { ONE, dec } from '../../src/decimal/index.js';
import type { Dec, RoundingRule } from '../../src/decimal/index.js';
import { DEFAULT_OUTLIER_OPTIONS, DEFAULT_ROUNDING_OPTIONS } from '../../src/policy/schema.js';
import type { ScaledContextSource } from '../../src/points/scaledCasePoints.js';

export function scaledSource(R: Dec, o: { readonly pointValue?: Dec | undefined; readonly casePoints?: RoundingRule; readonly auxCoef?: Dec } = {}): ScaledContextSource {
  return {
    rw: dec('1500'),
    coef: dec('0.9'),
    auxCoef: o.auxCoef ?? ONE,
    normalUnrounded: dec('1350'),
    normal: dec('1350'),
    referenceBasis: 'paymentStandard',
    reference: R,
    highThreshold: dec('2'),
    pointValue: 'pointValue' in o ? o.pointValue : dec('10'),
    policy: { outlier: DEFAULT_OUTLIER_OPTIONS, rounding: o.casePoints === undefined ? DEFAULT_ROUNDING_OPTIONS : { casePoints: o.casePoints } },
  };
}
