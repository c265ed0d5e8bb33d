import { describe, expect, it } from 'vitest';
import { OUTLIER_VARIANTS, OUTLIER_VARIANT_NAMES } from '../../src/policy/index.js';
import { VARIANTS } from './variants.js';

describe('outlier variant presets (§6.3)', () => {
  it.each(OUTLIER_VARIANT_NAMES)('policy preset %s equals the decomposition of the §6.3 table used by these tests', (name) => {
    expect(OUTLIER_VARIANTS[name]).toEqual(VARIANTS[name]);
  });
});
