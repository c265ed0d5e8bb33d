/* eslint-disable @typescript-eslint/no-explicit-any -- the tests mutate untyped policy JSON on purpose */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policyJsonSchema } from '../../src/policy/jsonSchema.js';
import { PRESET_NAMES } from '../../src/policy/presets/index.js';
import { policyJsonSchemaText, presetJsonText } from '../../src/policy/serialize.js';

const read = (rel: string): string => readFileSync(new URL(`../../schema/${rel}`, import.meta.url), 'utf8');
const REGENERATE = 'run `npx tsx scripts/write-policy-schema.ts` and commit schema/';

describe('JSON Schema export', () => {
  it('schema/policy.schema.json equals the current generator output (no drift)', () => {
    expect(read('policy.schema.json'), REGENERATE).toBe(policyJsonSchemaText());
  });

  it.each(PRESET_NAMES)('schema/presets/%s.json equals the current preset (no drift)', (name) => {
    expect(read(`presets/${name}.json`), REGENERATE).toBe(presetJsonText(name));
  });

  it('describes the document: required identity, defaults, decimal patterns', () => {
    const s = policyJsonSchema() as any;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.required).toEqual(['schemaVersion', 'id', 'name', 'regionCode', 'sources', 'parameters']);
    expect(s.properties.schemaVersion.const).toBe(1);
    expect(s.properties.parameters.required).toEqual(['grouping', 'auxiliary', 'coefficients', 'outlier', 'ungrouped', 'specialCase', 'pointValue', 'settlement', 'rounding']);
    const settlement = s.properties.parameters.properties.settlement.items.properties.value.properties;
    expect(settlement.prepayRatio.default).toBe('0.95');
    expect(settlement.prepayRatio.pattern).toBe('^\\d+(?:\\.\\d+)?$');
    expect(settlement.monthlyMode.enum).toEqual(['points', 'quota']);
    const rounding = s.properties.parameters.properties.rounding.items.properties.value.properties;
    expect(rounding.casePoints.default).toEqual({ scale: 4, mode: 'halfUp' });
  });
});
