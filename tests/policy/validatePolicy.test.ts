/* eslint-disable @typescript-eslint/no-explicit-any -- the tests mutate untyped policy JSON on purpose */
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { validatePolicy } from '../../src/policy/validatePolicy.js';
import { POLICY_ISSUE_CODES } from '../../src/policy/policyIssueCodes.js';
import { basePolicy, v0, vpath } from './helpers.js';

type Mutate = (p: Record<string, any>) => void;
interface Case {
  readonly name: string;
  readonly mutate: Mutate;
  readonly code: string;
  readonly path: (string | number)[];
}

const CASES: Case[] = [
  { name: 'prepayRatio above 1', mutate: (p) => (v0(p, 'settlement').prepayRatio = '1.2'), code: 'policy.out_of_range', path: vpath('settlement', 'prepayRatio') },
  { name: 'prepayRatio as a JSON number', mutate: (p) => (v0(p, 'settlement').prepayRatio = 0.95), code: 'policy.invalid_type', path: vpath('settlement', 'prepayRatio') },
  { name: 'prepay + deposit above 1', mutate: (p) => Object.assign(v0(p, 'settlement'), { prepayRatio: '0.95', qualityDepositRate: '0.10' }), code: 'policy.share_sum', path: vpath('settlement', 'qualityDepositRate') },
  { name: 'decimal in exponent form', mutate: (p) => (v0(p, 'settlement').prepayRatio = '9e-1'), code: 'policy.invalid_decimal', path: vpath('settlement', 'prepayRatio') },
  { name: 'assessment bands not starting at 0', mutate: (p) => (v0(p, 'settlement').assessmentBands = [{ minScore: '60', coefficient: '1', depositRefundShare: '1' }]), code: 'policy.band_gap', path: vpath('settlement', 'assessmentBands', 0, 'minScore') },
  {
    name: 'assessment bands overlapping',
    mutate: (p) => (v0(p, 'settlement').assessmentBands = [{ minScore: '0', coefficient: '0.9', depositRefundShare: '0' }, { minScore: '0', coefficient: '1', depositRefundShare: '1' }]),
    code: 'policy.band_overlap',
    path: vpath('settlement', 'assessmentBands', 1, 'minScore'),
  },
  {
    name: 'assessment bands out of order',
    mutate: (p) => (v0(p, 'settlement').assessmentBands = [{ minScore: '0', coefficient: '0.85', depositRefundShare: '0' }, { minScore: '90', coefficient: '1', depositRefundShare: '1' }, { minScore: '80', coefficient: '0.98', depositRefundShare: '0.8' }]),
    code: 'policy.band_order',
    path: vpath('settlement', 'assessmentBands', 2, 'minScore'),
  },
  { name: 'refund share above 1', mutate: (p) => (v0(p, 'settlement').assessmentBands = [{ minScore: '0', coefficient: '1', depositRefundShare: '1.1' }]), code: 'policy.out_of_range', path: vpath('settlement', 'assessmentBands', 0, 'depositRefundShare') },
  {
    name: 'surplus bands with a gap',
    mutate: (p) => (v0(p, 'settlement').surplusCorridor = { surplusBands: [{ from: '0', to: '0.1', retainShare: '1' }, { from: '0.2', retainShare: '0.5' }] }),
    code: 'policy.band_gap',
    path: vpath('settlement', 'surplusCorridor', 'surplusBands', 1, 'from'),
  },
  {
    name: 'overrun bands overlapping',
    mutate: (p) => (v0(p, 'settlement').surplusCorridor = { overrunBands: [{ from: '0', to: '0.2', fundShare: '0.5' }, { from: '0.1', fundShare: '0' }] }),
    code: 'policy.band_overlap',
    path: vpath('settlement', 'surplusCorridor', 'overrunBands', 1, 'from'),
  },
  { name: 'surplus bands not starting at 0', mutate: (p) => (v0(p, 'settlement').surplusCorridor = { surplusBands: [{ from: '0.05', retainShare: '1' }] }), code: 'policy.band_gap', path: vpath('settlement', 'surplusCorridor', 'surplusBands', 0, 'from') },
  { name: 'last surplus band closed', mutate: (p) => (v0(p, 'settlement').surplusCorridor = { surplusBands: [{ from: '0', to: '0.1', retainShare: '1' }] }), code: 'policy.band_gap', path: vpath('settlement', 'surplusCorridor', 'surplusBands', 0, 'to') },
  { name: 'retain share above 1', mutate: (p) => (v0(p, 'settlement').surplusCorridor = { surplusBands: [{ from: '0', retainShare: '1.5' }] }), code: 'policy.out_of_range', path: vpath('settlement', 'surplusCorridor', 'surplusBands', 0, 'retainShare') },
  { name: 'unknown settlement field (typo)', mutate: (p) => (v0(p, 'settlement').prepayRate = '0.9'), code: 'policy.unknown_key', path: vpath('settlement', 'prepayRate') },
  { name: 'low threshold above high threshold', mutate: (p) => (v0(p, 'outlier').lowThreshold = '2.5'), code: 'policy.threshold_order', path: vpath('outlier', 'lowThreshold') },
  { name: 'highUpper below high threshold', mutate: (p) => (v0(p, 'outlier').highUpper = '1.5'), code: 'policy.threshold_order', path: vpath('outlier', 'highUpper') },
  { name: 'extreme threshold below high threshold', mutate: (p) => (v0(p, 'outlier').extremeThreshold = '1.8'), code: 'policy.threshold_order', path: vpath('outlier', 'extremeThreshold') },
  { name: 'highUpper above extreme threshold', mutate: (p) => Object.assign(v0(p, 'outlier'), { highUpper: '6', extremeThreshold: '5' }), code: 'policy.threshold_order', path: vpath('outlier', 'highUpper') },
  { name: 'unknown outlier formula variant', mutate: (p) => (v0(p, 'outlier').lowFormula = 'halfCost'), code: 'policy.invalid_value', path: vpath('outlier', 'lowFormula') },
  { name: 'unknown procedure fallback class', mutate: (p) => (v0(p, 'grouping').unknownProcedureFallbackClass = 'surgical'), code: 'policy.invalid_value', path: vpath('grouping', 'unknownProcedureFallbackClass') },
  { name: 'duplicate tie-break criterion', mutate: (p) => (v0(p, 'grouping').tieBreak = ['mostRelatedMatched', 'highestPoints', 'packetCode', 'highestPoints']), code: 'policy.duplicate_item', path: vpath('grouping', 'tieBreak', 3) },
  { name: 'unknown source key', mutate: (p) => (p.parameters.grouping[0].source = ['pingdingshanCatalog2025', 'nope']), code: 'policy.unknown_source', path: ['parameters', 'grouping', 0, 'source', 1] },
  { name: 'assumed names an unknown field', mutate: (p) => (p.parameters.settlement[0].assumed = ['prepayRatioo']), code: 'policy.unknown_assumed_field', path: ['parameters', 'settlement', 0, 'assumed', 0] },
  {
    name: 'overlapping timeline entries',
    mutate: (p) => p.parameters.grouping.push({ from: '2025-06-01', source: 'engineDefaults', value: {} }),
    code: 'policy.timeline_overlap',
    path: ['parameters', 'grouping', 1, 'from'],
  },
  { name: 'impossible calendar date', mutate: (p) => (p.parameters.outlier[0].from = '2025-02-30'), code: 'policy.invalid_date', path: ['parameters', 'outlier', 0, 'from'] },
  { name: 'to before from', mutate: (p) => (p.parameters.outlier[0].to = '2024-12-31'), code: 'policy.date_order', path: ['parameters', 'outlier', 0, 'to'] },
  { name: 'empty timeline', mutate: (p) => (p.parameters.rounding = []), code: 'policy.too_few_items', path: ['parameters', 'rounding'] },
  { name: 'missing parameter group', mutate: (p) => delete p.parameters.auxiliary, code: 'policy.missing_field', path: ['parameters', 'auxiliary'] },
  { name: 'negative institution coefficient', mutate: (p) => (v0(p, 'coefficients').byLevel['二级'] = '-0.85'), code: 'policy.negative_value', path: vpath('coefficients', 'byLevel', '二级') },
  { name: 'year weight zero', mutate: (p) => (v0(p, 'pointValue').yearWeights = ['1', '0', '7']), code: 'policy.out_of_range', path: vpath('pointValue', 'yearWeights', 1) },
  { name: 'elastic base share above 1', mutate: (p) => (v0(p, 'pointValue').elastic = { baseShare: '1.2' }), code: 'policy.out_of_range', path: vpath('pointValue', 'elastic', 'baseShare') },
  { name: 'fixed regime without a point value', mutate: (p) => (v0(p, 'pointValue').pointValueRegime = 'fixed'), code: 'policy.missing_value', path: vpath('pointValue', 'fixedPointValue') },
  { name: 'special-case quota above 1', mutate: (p) => (v0(p, 'specialCase').specialCaseQuota = '5'), code: 'policy.out_of_range', path: vpath('specialCase', 'specialCaseQuota') },
  { name: 'fixedPoints policy without points', mutate: (p) => (v0(p, 'ungrouped').ungroupedPolicy = 'fixedPoints'), code: 'policy.missing_value', path: vpath('ungrouped', 'fixedPoints') },
  { name: 'rounding scale above 20', mutate: (p) => (v0(p, 'rounding').money = { scale: 25, mode: 'halfUp' }), code: 'policy.out_of_range', path: vpath('rounding', 'money', 'scale') },
  { name: 'unknown rounding mode', mutate: (p) => (v0(p, 'rounding').money = { scale: 2, mode: 'bankers' }), code: 'policy.invalid_value', path: vpath('rounding', 'money', 'mode') },
  {
    name: 'per-packet coefficient for both a level and a hospital',
    mutate: (p) => (v0(p, 'coefficients').byPacket = [{ level: '三级', hospitalId: 'H1', packetCode: 'A03.9', coef: '1.1' }]),
    code: 'policy.coefficient_target',
    path: vpath('coefficients', 'byPacket', 0),
  },
  { name: 'overlapping ICU bands', mutate: (p) => (v0(p, 'auxiliary').icuBands = [{ id: 'a', min: 2, max: 8 }, { id: 'b', min: 8 }]), code: 'policy.band_overlap', path: vpath('auxiliary', 'icuBands', 1, 'min') },
  { name: 'quota rounding disagreeing with rounding.quota', mutate: (p) => (v0(p, 'specialCase').quotaRounding = 'halfUp'), code: 'policy.rounding_conflict', path: vpath('specialCase', 'quotaRounding') },
  { name: 'region code not 6 digits', mutate: (p) => (p.regionCode = '4104'), code: 'policy.invalid_format', path: ['regionCode'] },
  { name: 'unsupported schema version', mutate: (p) => (p.schemaVersion = 2), code: 'policy.unsupported_schema_version', path: ['schemaVersion'] },
];

describe('validatePolicy: malformed policies', () => {
  it('has at least 20 distinct malformed policies', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(CASES)('$name → $code', ({ mutate, code, path }) => {
    const p = basePolicy();
    mutate(p);
    const r = validatePolicy(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const match = r.issues.find((i) => i.code === code && JSON.stringify(i.path) === JSON.stringify(path));
    expect(match, JSON.stringify(r.issues, null, 1)).toBeDefined();
    expect(match?.severity).toBe('error');
    expect(match?.message.length).toBeGreaterThan(0);
    expect(match?.messageZh).toBeUndefined();
    expect(Object.keys(POLICY_ISSUE_CODES)).toContain(code);
  });

  it.each(CASES)('$name → a Chinese message with locale zh-CN', ({ mutate, code }) => {
    const p = basePolicy();
    mutate(p);
    const r = validatePolicy(p, { locale: 'zh-CN' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const i of r.issues) {
      expect(i.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(i.message).not.toMatch(/[\u4e00-\u9fff]{4,}/); // message stays English
    }
    expect(r.issues.some((i) => i.code === code)).toBe(true);
  });

  it('reports every problem of a policy at once, across groups', () => {
    const p = basePolicy();
    v0(p, 'settlement').prepayRatio = '1.2';
    v0(p, 'outlier').lowThreshold = '3';
    p.parameters.grouping[0].source = 'nope';
    p.regionCode = 'x';
    const r = validatePolicy(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.code).sort()).toEqual(['policy.invalid_format', 'policy.out_of_range', 'policy.threshold_order', 'policy.unknown_source']);
  });

  it('gives expected and received on a bad enum value', () => {
    const p = basePolicy();
    v0(p, 'settlement').monthlyMode = 'weekly';
    const r = validatePolicy(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code: 'policy.invalid_value', path: vpath('settlement', 'monthlyMode'), expected: '"points" | "quota"', received: '"weekly"' });
  });

  it('rejects a non-object with policy.not_an_object', () => {
    for (const input of [null, 42, 'policy', [1, 2]]) {
      const r = validatePolicy(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'policy.not_an_object', path: [] });
    }
  });

  it('warns (but accepts) a quality deposit above the 2025 cap of 5 %', () => {
    const p = basePolicy();
    Object.assign(v0(p, 'settlement'), { prepayRatio: '0.9', qualityDepositRate: '0.10' });
    const r = validatePolicy(p, { locale: 'zh-CN' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings?.map((w) => [w.code, w.path])).toEqual([['policy.exceeds_cap', vpath('settlement', 'qualityDepositRate')]]);
    expect(r.warnings?.[0]?.messageZh).toContain('不超过 5%');
  });

  it('warns on a high formula and coefficient mode that do not fit', () => {
    const p = basePolicy();
    v0(p, 'outlier').coefInHigh = 'additive';
    const r = validatePolicy(p);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings?.[0]).toMatchObject({ code: 'policy.inconsistent_option', severity: 'warning', path: vpath('outlier', 'coefInHigh') });
  });

  it('accepts an example assessment table and corridor (DIP-RULES.md §8.4, §8.5 illustrations)', () => {
    const p = basePolicy();
    Object.assign(v0(p, 'settlement'), {
      assessmentBands: [
        { minScore: '0', coefficient: '0.85', depositRefundShare: '0' },
        { minScore: '60', coefficient: '0.90', depositRefundShare: '0.4' },
        { minScore: '70', coefficient: '0.95', depositRefundShare: '0.6' },
        { minScore: '80', coefficient: '0.98', depositRefundShare: '0.8' },
        { minScore: '90', coefficient: '1.00', depositRefundShare: '1' },
      ],
      surplusCorridor: {
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
      },
    });
    const r = validatePolicy(p);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings).toBeUndefined();
  });

  it('returns the policy as given, without filling defaults', () => {
    const r = validatePolicy(basePolicy());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.parameters.settlement[0]?.value).toEqual({ qualityDepositRate: '0.05' });
  });

  fcTest.prop([fc.anything()], { seed: 20251123, numRuns: 300 })('never throws on arbitrary input', (input) => {
    const r = validatePolicy(input);
    expect(r.ok).toBe(false);
  });

  fcTest.prop([fc.jsonValue()], { seed: 7, numRuns: 80 })('never throws when a settlement value is replaced by arbitrary JSON', (junk) => {
    const p = basePolicy();
    p.parameters.settlement[0].value = { prepayRatio: junk, assessmentBands: junk };
    expect(() => validatePolicy(p, { locale: 'zh-CN' })).not.toThrow();
  });
});
