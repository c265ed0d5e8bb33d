import { describe, expect, it } from 'vitest';
import { HALF_UP_6 } from '../../src/decimal/index.js';
import { DEFAULT_POINT_VALUE_OPTIONS } from '../../src/policy/schema.js';
import { computeElasticPointValue, elasticHospitalStandard } from '../../src/pointValue/index.js';

const elastic = DEFAULT_POINT_VALUE_OPTIONS.elastic;

describe('computeElasticPointValue (§7.4 form 1)', () => {
  it('T19 with a 7:3 split and given base points; cap applies', () => {
    const r = computeElasticPointValue({ fund: '1000000000', totalPoints: '100000000', fixedPointValue: '10', basePoints: '70000000' }, { ...elastic, cap: '9' }, HALF_UP_6);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.baseFund.toFixed()).toBe('700000000');
    expect(r.value.incrementFund.toFixed()).toBe('300000000');
    expect(r.value.floatingUnrounded?.toFixed()).toBe('10');
    expect([r.value.floatingPointValue?.toFixed(), r.value.capped]).toEqual(['9', true]);
  });
  it('points below the base: no increment, a warning', () => {
    const r = computeElasticPointValue({ fund: '1000', totalPoints: '50', fixedPointValue: '10' }, elastic, HALF_UP_6);
    expect(r.ok && [r.value.floatingPointValue, r.value.incrementPoints.toFixed(), r.warnings?.[0]?.code]).toEqual([undefined, '0', 'pointValue.no_increment']);
  });
  it('forms 2 and 3 are reported unsupported', () => {
    const r = computeElasticPointValue({ fund: '1', totalPoints: '1', fixedPointValue: '1' }, { ...elastic, form: 'severeFixed' }, HALF_UP_6);
    expect(!r.ok && r.issues[0]?.code).toBe('pointValue.elastic_form_unsupported');
  });
});

describe('elasticHospitalStandard', () => {
  it('base points at the fixed PV, the increment at the floating PV', () => {
    expect(elasticHospitalStandard('120000', '100000', '10', '6.5').standard.toFixed()).toBe('1130000');
    const below = elasticHospitalStandard('80000', '100000', '10', '6.5');
    expect([below.basePoints.toFixed(), below.incrementPoints.toFixed(), below.standard.toFixed()]).toEqual(['80000', '0', '800000']);
  });
});
