import { policyJsonSchema } from './jsonSchema.js';
import { getPreset, type PresetName } from './presets/index.js';

/**
 * The exact text of `schema/policy.schema.json` (2-space JSON, trailing newline).
 *
 * @example
 * ```ts
 * policyJsonSchemaText().startsWith('{\n  "$schema"')   // true
 * ```
 */
export function policyJsonSchemaText(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}

/**
 * The exact text of `schema/presets/<name>.json`: the preset with a `$schema` pointer to the policy schema.
 *
 * @example
 * ```ts
 * JSON.parse(presetJsonText('jining-2023')).id   // 'jining-2023'
 * ```
 */
export function presetJsonText(name: PresetName): string {
  return `${JSON.stringify({ $schema: '../policy.schema.json', ...getPreset(name) }, null, 2)}\n`;
}
