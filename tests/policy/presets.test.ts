import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTLIER_VARIANTS, OUTLIER_VARIANT_NAMES } from '../../src/policy/outlierVariants.js';
import { PRESET_NAMES, getPreset, isPresetName } from '../../src/policy/presets/index.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { validatePolicy } from '../../src/policy/validatePolicy.js';
import type { PresetName } from '../../src/policy/presets/index.js';

const IN_RANGE: Record<PresetName, string> = {
  'national-2020': '2022-06-30',
  'national-2024': '2025-06-30',
  'hubei-base-2023': '2023-06-30',
  'jining-2023': '2023-06-30',
  'taian-2023': '2023-06-30',
  'pingdingshan-2025': '2025-06-30',
};

describe('presets', () => {
  it('lists six presets', () => {
    expect([...PRESET_NAMES]).toEqual(['national-2020', 'national-2024', 'hubei-base-2023', 'jining-2023', 'taian-2023', 'pingdingshan-2025']);
    expect(isPresetName('jining-2023')).toBe(true);
    expect(isPresetName('beijing')).toBe(false);
    expect(() => getPreset('beijing' as PresetName)).toThrow(/unknown preset/);
  });

  it.each(PRESET_NAMES)('%s validates without errors or warnings and resolves at a date in its range', (name) => {
    const v = validatePolicy(getPreset(name));
    expect(v.ok ? v.warnings : v.issues).toBeUndefined();
    const r = resolvePolicy(getPreset(name), IN_RANGE[name]);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.id).toBe(name);
  });

  it.each(PRESET_NAMES)('%s: every entry names a source and only known assumed fields', (name) => {
    const p = getPreset(name);
    for (const [group, timeline] of Object.entries(p.parameters)) {
      for (const e of timeline ?? []) {
        const sources = typeof e.source === 'string' ? [e.source] : e.source;
        expect(sources.length, group).toBeGreaterThan(0);
        for (const s of sources) expect(Object.keys(p.sources)).toContain(s);
      }
    }
  });

  it.each(PRESET_NAMES)('schema/presets/%s.json is valid and equals the TypeScript preset', (name) => {
    const json = JSON.parse(readFileSync(new URL(`../../schema/presets/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
    const v = validatePolicy(json);
    expect(v.ok).toBe(true);
    const { $schema, ...rest } = json;
    expect($schema).toBe('../policy.schema.json');
    expect(rest).toEqual(getPreset(name));
  });

  it('getPreset returns a fresh copy', () => {
    const a = getPreset('jining-2023');
    (a as { name: string }).name = 'changed';
    expect(getPreset('jining-2023').name).toBe('济宁 2023 DIP 规则');
  });

  it('national-2020 uses the 1.0 outlier variant; national-2024 the 3.0 variant', () => {
    const a = resolvePolicy(getPreset('national-2020'), '2021-01-01');
    const b = resolvePolicy(getPreset('national-2024'), '2024-01-01');
    expect(a.ok && a.value.outlier).toEqual(OUTLIER_VARIANTS.national_1_0);
    expect(b.ok && b.value.outlier).toEqual(OUTLIER_VARIANTS.national_3_0);
  });

  it('regional presets carry the §6.3 variants, §6.5 blank-packet factors and §4.6 grouping options', () => {
    const hubei = resolvePolicy(getPreset('hubei-base-2023'), '2023-06-30');
    const jining = resolvePolicy(getPreset('jining-2023'), '2023-06-30');
    const taian = resolvePolicy(getPreset('taian-2023'), '2023-06-30');
    const pds = resolvePolicy(getPreset('pingdingshan-2025'), '2025-06-30');
    if (!hubei.ok || !jining.ok || !taian.ok || !pds.ok) throw new Error('presets must resolve');
    expect(hubei.value.outlier).toEqual(OUTLIER_VARIANTS.hubei_base);
    expect(hubei.value.grouping).toMatchObject({ mainProcedureRole: 'anyListed', typePriority: 'classLadder', comprehensiveClassFrom: 'highestListed', unknownProcedure: 'conservative' });
    expect(hubei.value.grouping.tieBreak).toEqual(['mostAndSegments', 'mostMatchedProcedures', 'closestAverageCost', 'packetCode']);
    expect(jining.value.outlier).toEqual(OUTLIER_VARIANTS.jining);
    expect(jining.value.grouping).toMatchObject({ mainProcedureRole: 'preferPrincipal', comprehensiveGradeSplit: 'surgicalGrade', fallbackChain: ['blankPacket'] });
    expect(jining.value.ungrouped).toMatchObject({ ungroupedPolicy: 'blankPacket', blankPacketFactor: '0.7', coefficientsApplyToFallback: false, outlierRulesApplyToFallback: false });
    expect(taian.value.outlier).toEqual(OUTLIER_VARIANTS.taian);
    expect(taian.value.ungrouped.blankPacketFactor).toBe('0.39312');
    expect(pds.value.grouping).toMatchObject({ mainProcedureRole: 'principalOnly', relatedMatchMode: 'subset', comprehensiveClassFrom: 'principalProcedure', fallbackChain: ['chapterPacket'] });
    expect(pds.value.grouping.tieBreak).toEqual(['mostRelatedMatched', 'highestPoints', 'packetCode']);
  });

  it('outlier variants decompose as in DIP-RULES.md §6.3', () => {
    expect(OUTLIER_VARIANT_NAMES).toEqual(['national_1_0', 'national_3_0', 'hubei_base', 'jining', 'taian']);
    const row = (n: (typeof OUTLIER_VARIANT_NAMES)[number]) => {
      const o = OUTLIER_VARIANTS[n];
      return [o.outlierReference, o.lowThreshold, o.lowInclusive, o.lowFormula, o.coefInLow, o.highThreshold, o.highInclusive, o.highFormula, o.coefInHigh, o.extremeThreshold, o.extremeAction];
    };
    expect(row('national_1_0')).toEqual(['sameLevelAverageCost', '0.5', false, 'ratio', 'none', '2', false, 'ratioMinusOne', 'none', '5', 'review']);
    expect(row('national_3_0')).toEqual(['paymentStandard', '0.5', false, 'paidAtCost', 'multiply', '2', true, 'ratioMinusOne', 'multiply', undefined, 'highFormula']);
    expect(row('hubei_base')).toEqual(['simulatedAverage', '0.5', true, 'ratio', 'multiply', '2', true, 'ratioMinusOne', 'multiply', undefined, 'highFormula']);
    expect(row('jining')).toEqual(['simulatedAverage', '0.5', true, 'ratio', 'none', '2', false, 'ratioMinusTwoPlusCoef', 'additive', '5', 'normalPoints']);
    expect(row('taian')).toEqual(['simulatedAverage', '0.5', true, 'ratio', 'none', '2', false, 'ratioMinusTwoPlusCoef', 'additive', undefined, 'highFormula']);
  });
});
