import { z } from 'zod';
import { RegionPolicySchema } from './schema.js';

/** `$id` of the published policy JSON Schema (package export `dip-engine/policy.schema.json`). */
export const POLICY_SCHEMA_ID = 'https://dip-engine.dev/schema/policy.schema.json';

/**
 * The JSON Schema (draft 2020-12) of a region policy document, generated from the zod schema with
 * `z.toJSONSchema(…, { io: 'input' })`: fields with engine defaults are optional and carry their `default`;
 * decimal strings carry the pattern `^\d+(?:\.\d+)?$`. Cross-field rules (band coverage, threshold order,
 * timeline overlaps, source keys) are not expressible in JSON Schema: use `validatePolicy` / `dip validate-policy`.
 *
 * @example
 * ```ts
 * policyJsonSchema().properties.schemaVersion   // { type: 'number', const: 1 }
 * ```
 */
export function policyJsonSchema(): Record<string, unknown> & { properties: Record<string, unknown> } {
  const schema = z.toJSONSchema(RegionPolicySchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown> & { properties: Record<string, unknown> };
  return {
    $schema: schema.$schema,
    $id: POLICY_SCHEMA_ID,
    title: 'dip-engine region policy (区域 DIP 付费政策参数)',
    description: 'A region policy: identity, sources, and one timeline of dated entries per parameter group (DIP-RULES.md §10). Entry `from` is inclusive, `to` exclusive.',
    ...schema,
  };
}
