import type { OutlierOptions } from '../../src/policy/schema.js';
import { DEFAULT_OUTLIER_OPTIONS } from '../../src/policy/schema.js';

/**
 * The five outlier variants of DIP-RULES.md §6.3 as parameter sets, written here from the table so the tests
 * pin the decomposition (the policy module's presets must agree with these).
 */
export const VARIANTS: Readonly<Record<'national_1_0' | 'national_3_0' | 'hubei_base' | 'jining' | 'taian', OutlierOptions>> = {
  national_1_0: {
    ...DEFAULT_OUTLIER_OPTIONS,
    outlierReference: 'sameLevelAverageCost',
    lowThreshold: '0.5',
    lowInclusive: false,
    lowFormula: 'ratio',
    coefInLow: 'none',
    coefInNormal: 'none', // §6.3 table: 1.0 normal points are RW (T11)
    highThreshold: '2',
    highInclusive: false,
    highFormula: 'ratioMinusOne',
    coefInHigh: 'none',
    extremeThreshold: '5',
    extremeInclusive: false,
    extremeAction: 'review',
  },
  national_3_0: { ...DEFAULT_OUTLIER_OPTIONS },
  hubei_base: {
    ...DEFAULT_OUTLIER_OPTIONS,
    outlierReference: 'simulatedAverage',
    lowInclusive: true,
    lowFormula: 'ratio',
    coefInLow: 'multiply',
    highInclusive: true,
    highFormula: 'ratioMinusOne',
    coefInHigh: 'multiply',
    extremeAction: 'highFormula',
  },
  jining: {
    ...DEFAULT_OUTLIER_OPTIONS,
    outlierReference: 'simulatedAverage',
    lowInclusive: true,
    lowFormula: 'ratio',
    coefInLow: 'none',
    highInclusive: false,
    highFormula: 'ratioMinusTwoPlusCoef',
    coefInHigh: 'additive',
    extremeThreshold: '5',
    extremeInclusive: false,
    extremeAction: 'normalPoints',
  },
  taian: {
    ...DEFAULT_OUTLIER_OPTIONS,
    outlierReference: 'simulatedAverage',
    lowInclusive: true,
    lowFormula: 'ratio',
    coefInLow: 'none',
    highInclusive: false,
    highFormula: 'ratioMinusTwoPlusCoef',
    coefInHigh: 'additive',
    extremeAction: 'highFormula',
  },
};
