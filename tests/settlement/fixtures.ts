import type { SettlementOptions, SurplusCorridor } from '../../src/policy/schema.js';
import { DEFAULT_SETTLEMENT_OPTIONS } from '../../src/policy/schema.js';

/** EXAMPLE corridor of DIP-RULES.md §8.4 — illustration only, not from any published source (E1, E2). */
export const EXAMPLE_CORRIDOR: SurplusCorridor = {
  surplusBands: [
    { from: '0', to: '0.10', retainShare: '1' },
    { from: '0.10', to: '0.20', retainShare: '0.5' },
    { from: '0.20', retainShare: '0' },
  ],
  overrunBands: [
    { from: '0', to: '0.10', fundShare: '0.5' },
    { from: '0.10', fundShare: '0' },
  ],
  requireReasonableFlag: true,
};

/** EXAMPLE score bands of DIP-RULES.md §8.5 — illustration only, no published table exists (E3). */
export const EXAMPLE_BANDS: SettlementOptions['assessmentBands'] = [
  { minScore: '0', minInclusive: true, coefficient: '0.85', depositRefundShare: '0' },
  { minScore: '60', minInclusive: true, coefficient: '0.90', depositRefundShare: '0.4' },
  { minScore: '70', minInclusive: true, coefficient: '0.95', depositRefundShare: '0.6' },
  { minScore: '80', minInclusive: true, coefficient: '0.98', depositRefundShare: '0.8' },
  { minScore: '90', minInclusive: true, coefficient: '1.00', depositRefundShare: '1' },
];

export const EXAMPLE_SETTLEMENT: SettlementOptions = { ...DEFAULT_SETTLEMENT_OPTIONS, surplusCorridor: EXAMPLE_CORRIDOR, assessmentBands: EXAMPLE_BANDS };
