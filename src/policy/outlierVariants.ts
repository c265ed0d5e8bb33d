import { OutlierOptionsSchema, type OutlierOptions, type OutlierOptionsInput } from './schema.js';

/** Names of the cost-outlier variants of DIP-RULES.md §6.3. */
export const OUTLIER_VARIANT_NAMES = ['national_1_0', 'national_3_0', 'hubei_base', 'jining', 'taian'] as const;
export type OutlierVariantName = (typeof OUTLIER_VARIANT_NAMES)[number];

/**
 * The §6.3 variants as policy-entry values (every decomposed parameter stated). `ρ = cost / R`.
 *
 * - `national_1_0` (DIP 1.0 spec (summary)): low `ρ < 0.5` → `RW × ρ`; high `ρ > 2` → `RW × [(ρ − 2) + 1]`, no
 *   coefficient in either formula (literal); extreme `ρ > 5` → expert review.
 * - `national_3_0` (DIP 3.0 draft ch. 5 §3 二): `R = S_L`; low `cost < 0.5 × S_L` paid at cost (κ); high
 *   `ρ ≥ 2` ("2-3 倍（含）"); no high formula in the text → engine default the 1.0 formula on `RW × c × a`.
 * - `hubei_base` (Hubei 2023 code): `ρ ≤ 0.5` → `RW × ρ × c × a`; `ρ ≥ 2` → `RW × (ρ − 1) × c × a`; no extreme.
 * - `jining` (Jining 2023 code): `ρ ≤ 0.5` → `RW × ρ × a`; `2 < ρ ≤ 5` → `RW × (ρ − 2 + c) × a`; `ρ > 5` → normal
 *   points, flagged 高倍率.
 * - `taian` (Tai'an 2023 code): as Jining without the extreme class.
 *
 * @example
 * ```ts
 * OUTLIER_VARIANT_INPUTS.jining.extremeThreshold   // '5'
 * ```
 */
export const OUTLIER_VARIANT_INPUTS: Readonly<Record<OutlierVariantName, OutlierOptionsInput>> = {
  national_1_0: {
    outlierReference: 'sameLevelAverageCost',
    lowThreshold: '0.5',
    lowInclusive: false,
    lowFormula: 'ratio',
    coefInLow: 'none',
    coefInNormal: 'none',
    highThreshold: '2',
    highInclusive: false,
    highFormula: 'ratioMinusOne',
    coefInHigh: 'none',
    extremeThreshold: '5',
    extremeInclusive: false,
    extremeAction: 'review',
    zeroRwPolicy: 'paidAtCost',
  },
  national_3_0: {
    outlierReference: 'paymentStandard',
    lowThreshold: '0.5',
    lowInclusive: false,
    lowFormula: 'paidAtCost',
    coefInLow: 'multiply',
    highThreshold: '2',
    highInclusive: true,
    highFormula: 'ratioMinusOne',
    coefInHigh: 'multiply',
    extremeInclusive: false,
    extremeAction: 'highFormula',
    zeroRwPolicy: 'paidAtCost',
  },
  hubei_base: {
    outlierReference: 'simulatedAverage',
    lowThreshold: '0.5',
    lowInclusive: true,
    lowFormula: 'ratio',
    coefInLow: 'multiply',
    highThreshold: '2',
    highInclusive: true,
    highFormula: 'ratioMinusOne',
    coefInHigh: 'multiply',
    extremeInclusive: false,
    extremeAction: 'highFormula',
    zeroRwPolicy: 'paidAtCost',
  },
  jining: {
    outlierReference: 'simulatedAverage',
    lowThreshold: '0.5',
    lowInclusive: true,
    lowFormula: 'ratio',
    coefInLow: 'none',
    highThreshold: '2',
    highInclusive: false,
    highFormula: 'ratioMinusTwoPlusCoef',
    coefInHigh: 'additive',
    extremeThreshold: '5',
    extremeInclusive: false,
    extremeAction: 'normalPoints',
    zeroRwPolicy: 'paidAtCost',
  },
  taian: {
    outlierReference: 'simulatedAverage',
    lowThreshold: '0.5',
    lowInclusive: true,
    lowFormula: 'ratio',
    coefInLow: 'none',
    highThreshold: '2',
    highInclusive: false,
    highFormula: 'ratioMinusTwoPlusCoef',
    coefInHigh: 'additive',
    extremeInclusive: false,
    extremeAction: 'highFormula',
    zeroRwPolicy: 'paidAtCost',
  },
};

/**
 * The §6.3 variants as resolved `OutlierOptions` (defaults filled), for the points code and its tests.
 *
 * @example
 * ```ts
 * OUTLIER_VARIANTS.hubei_base.lowInclusive     // true
 * OUTLIER_VARIANTS.national_1_0.extremeAction  // 'review'
 * ```
 */
export const OUTLIER_VARIANTS: Readonly<Record<OutlierVariantName, OutlierOptions>> = Object.freeze({
  national_1_0: OutlierOptionsSchema.parse(OUTLIER_VARIANT_INPUTS.national_1_0),
  national_3_0: OutlierOptionsSchema.parse(OUTLIER_VARIANT_INPUTS.national_3_0),
  hubei_base: OutlierOptionsSchema.parse(OUTLIER_VARIANT_INPUTS.hubei_base),
  jining: OutlierOptionsSchema.parse(OUTLIER_VARIANT_INPUTS.jining),
  taian: OutlierOptionsSchema.parse(OUTLIER_VARIANT_INPUTS.taian),
});
