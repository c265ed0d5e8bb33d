import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { entriesInForce, resolvePolicy, resolvePolicyWithProvenance } from '../../src/policy/resolvePolicy.js';
import { getPreset } from '../../src/policy/presets/index.js';
import { DEFAULT_GROUPING_OPTIONS, DEFAULT_ROUNDING_OPTIONS, DEFAULT_SETTLEMENT_OPTIONS } from '../../src/policy/schema.js';
import { basePolicy } from './helpers.js';
import type { RegionPolicy } from '../../src/policy/schema.js';

describe('resolvePolicy: dated entries (from inclusive, to exclusive)', () => {
  const national = getPreset('national-2024');

  it('picks the 3.0-text settlement entry up to 2024-12-31 and the capped entry from 2025-01-01', () => {
    const before = resolvePolicyWithProvenance(national, '2024-12-31');
    const on = resolvePolicyWithProvenance(national, '2025-01-01');
    expect(before.ok && on.ok).toBe(true);
    if (!before.ok || !on.ok) return;
    expect(before.value.policy.settlement.qualityDepositRate).toBe('0.10');
    expect(before.value.policy.settlement.prepayRatio).toBe('0.90');
    expect(before.value.provenance.settlement?.index).toBe(0);
    expect(on.value.policy.settlement.qualityDepositRate).toBe('0.05');
    expect(on.value.provenance.settlement).toEqual({
      index: 1,
      from: '2025-01-01',
      source: ['dip3Draft', 'handlingRules2025', 'engineDefaults'],
      assumed: ['negativeMonth', 'assessmentBands', 'surplusCorridor', 'reserveShortfall', 'residualAllocation'],
    });
  });

  it('is in force on its from date and not on its to date', () => {
    const jining = getPreset('jining-2023');
    expect(resolvePolicy(jining, '2023-01-01').ok).toBe(true);
    expect(resolvePolicy(jining, '2023-12-31').ok).toBe(true);
    const after = resolvePolicy(jining, '2024-01-01');
    expect(after.ok).toBe(false);
    if (!after.ok) {
      expect(after.issues.map((i) => i.code)).toEqual(Array(9).fill('policy.no_entry_in_force'));
      expect(after.issues[0]?.path).toEqual(['parameters', 'grouping']);
    }
    const before = resolvePolicy(jining, '2022-12-31');
    expect(before.ok).toBe(false);
  });

  it('fills defaults for fields an entry does not give', () => {
    const r = resolvePolicy(getPreset('pingdingshan-2025'), '2025-06-30');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ id: 'pingdingshan-2025', regionCode: '410400', date: '2025-06-30' });
    expect(r.value.settlement).toEqual({ ...DEFAULT_SETTLEMENT_OPTIONS, qualityDepositRate: '0.05' });
    expect(r.value.rounding).toEqual(DEFAULT_ROUNDING_OPTIONS);
    expect(r.value.grouping).toEqual({ ...DEFAULT_GROUPING_OPTIONS, layers: ['base'], catalogNotation: 'pingdingshan', fallbackChain: ['chapterPacket'] });
    expect(r.value.coefficients.byLevel).toEqual({ 三级: '1.00', 二级: '0.85', 一级: '0.70' });
    expect(r.value.ungrouped.chapterPacketPoints).toBe('1000');
    expect(r.value.catalogBuild?.rwScale).toBe('1000');
  });

  it('leaves out catalogBuild when the policy has none', () => {
    const r = resolvePolicy(getPreset('jining-2023'), '2023-06-30');
    expect(r.ok && r.value.catalogBuild).toBe(undefined);
    expect(r.ok && 'catalogBuild' in r.value).toBe(false);
  });

  it('reports a bad resolution date as an issue', () => {
    for (const d of ['2025-13-01', '2025-6-1', '']) {
      const r = resolvePolicy(getPreset('national-2024'), d);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]?.code).toBe('policy.invalid_date');
    }
  });

  it('reports overlapping entries in force at the date', () => {
    const p = basePolicy();
    p.parameters.grouping.push({ from: '2025-06-01', source: 'engineDefaults', value: {} });
    const r = resolvePolicy(p as RegionPolicy, '2025-07-01');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'policy.timeline_overlap', path: ['parameters', 'grouping'] });
    expect(resolvePolicy(p as RegionPolicy, '2025-05-31').ok).toBe(true);
  });

  it('reports a quota rounding that disagrees with rounding.quota', () => {
    const p = basePolicy();
    p.parameters.specialCase[0].value.quotaRounding = 'halfUp';
    const r = resolvePolicy(p as RegionPolicy, '2025-06-30');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'policy.rounding_conflict', path: ['parameters', 'specialCase', 0, 'value', 'quotaRounding'] });
  });

  it('reports a malformed value of the entry it uses (unvalidated input)', () => {
    const p = basePolicy();
    p.parameters.settlement[0].value.prepayRatio = 0.9;
    const r = resolvePolicy(p as RegionPolicy, '2025-06-30');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'policy.invalid_type', path: ['parameters', 'settlement', 0, 'value', 'prepayRatio'] });
  });

  it('entriesInForce: boundaries', () => {
    const t = [{ from: '2024-01-01', to: '2025-01-01' }, { from: '2025-01-01' }];
    expect(entriesInForce(t, '2023-12-31')).toEqual([]);
    expect(entriesInForce(t, '2024-01-01')).toEqual([0]);
    expect(entriesInForce(t, '2024-12-31')).toEqual([0]);
    expect(entriesInForce(t, '2025-01-01')).toEqual([1]);
    expect(entriesInForce(t, '2099-12-31')).toEqual([1]);
  });

  // Contiguous timelines: every date from the first `from` on is covered by exactly one entry.
  const day = (n: number): string => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  fcTest.prop([fc.uniqueArray(fc.integer({ min: 1, max: 3000 }), { minLength: 0, maxLength: 6 }), fc.integer({ min: 0, max: 3500 })], { seed: 424242, numRuns: 300 })(
    'a contiguous timeline has exactly one entry in force on every date after its start',
    (cuts, probe) => {
      const bounds = [0, ...cuts.sort((a, b) => a - b)];
      const timeline = bounds.map((b, i) => ({ from: day(b), ...(i + 1 < bounds.length ? { to: day(bounds[i + 1]!) } : {}) }));
      const hits = entriesInForce(timeline, day(probe));
      expect(hits.length).toBe(1);
      const k = hits[0]!;
      expect(bounds[k]! <= probe).toBe(true);
      if (k + 1 < bounds.length) expect(probe < bounds[k + 1]!).toBe(true);
    },
  );
});
