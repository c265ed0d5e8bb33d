import { describe, expect, it } from 'vitest';
import { DEFAULT_COEFFICIENT_OPTIONS } from '../../src/policy/schema.js';
import type { CoefficientOptions } from '../../src/policy/schema.js';
import { resolveInstitutionCoefficient } from '../../src/points/index.js';

const o: CoefficientOptions = {
  ...DEFAULT_COEFFICIENT_OPTIONS,
  byLevel: { 三级: '1', 二级: '0.85' },
  byHospital: { H2: '0.92' },
  byPacket: [
    { level: '二级', packetCode: 'P1', coef: '0.8' },
    { hospitalId: 'H2', packetCode: 'P1', coef: '0.95' },
  ],
  primaryCareCoef: '1',
  primaryCareCoefByPacket: { PC2: '0.9' },
  primaryCarePackets: ['PC1'],
};

describe('resolveInstitutionCoefficient (§5.10): primary care > packet (hospital > level) > hospital > level', () => {
  it.each([
    [{ hospitalId: 'H2', level: '二级', packetCode: 'P1' }, '0.95', 'packetHospital'],
    [{ hospitalId: 'H1', level: '二级', packetCode: 'P1' }, '0.8', 'packetLevel'],
    [{ hospitalId: 'H2', level: '二级', packetCode: 'P9' }, '0.92', 'hospital'],
    [{ hospitalId: 'H1', level: '二级', packetCode: 'P9' }, '0.85', 'level'],
    [{ level: '二级', packetCode: 'P1' }, '0.8', 'packetLevel'],
    [{ hospitalId: 'H2', level: '二级', packetCode: 'PC1' }, '1', 'primaryCare'],
    [{ hospitalId: 'H2', level: '二级', packetCode: 'X', isPrimaryCare: true }, '1', 'primaryCare'],
    [{ hospitalId: 'H2', level: '二级', packetCode: 'PC2', isPrimaryCare: true }, '0.9', 'primaryCarePacket'],
  ])('%j → %s (%s)', (q, coef, source) => {
    const r = resolveInstitutionCoefficient(o, q);
    expect(r.coef.toFixed()).toBe(coef);
    expect(r.source).toBe(source);
  });

  it('no coefficient: an error issue (default) or 1 (missingCoefficient "one")', () => {
    const r = resolveInstitutionCoefficient(o, { hospitalId: 'H9', level: '一级', packetCode: 'P1' });
    expect([r.coef.toFixed(), r.source, r.issue?.code]).toEqual(['1', 'missing', 'points.coefficient_missing']);
    const one = resolveInstitutionCoefficient({ ...o, missingCoefficient: 'one' }, { hospitalId: 'H9', packetCode: 'P1' });
    expect([one.coef.toFixed(), one.source, one.issue]).toEqual(['1', 'missingOne', undefined]);
  });
});
