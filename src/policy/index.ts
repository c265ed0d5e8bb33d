/**
 * Region policy (区域付费政策): schema, validation, resolution at a date, presets, JSON Schema.
 *
 * @packageDocumentation
 */
export * from './schema.js';
export { decimalString, isoDate, roundingRule, isCalendarDate, DECIMAL_PATTERN, DATE_PATTERN } from './fields.js';
export { validatePolicy, type ValidatePolicyOptions } from './validatePolicy.js';
export { resolvePolicy, resolvePolicyWithProvenance, entriesInForce, type EntryProvenance, type ResolvedPolicyWithProvenance } from './resolvePolicy.js';
export { checkSection, DEPOSIT_CAP, DEPOSIT_CAP_FROM, type CheckContext } from './checkSection.js';
export { POLICY_ISSUE_CODES, type PolicyIssueCode } from './policyIssueCodes.js';
export { formatPath, type PolicyPath } from './policyIssue.js';
export { OUTLIER_VARIANTS, OUTLIER_VARIANT_INPUTS, OUTLIER_VARIANT_NAMES, type OutlierVariantName } from './outlierVariants.js';
export { PRESET_NAMES, getPreset, isPresetName, type PresetName, SOURCE_LIBRARY, ENGINE_ASSUMED } from './presets/index.js';
export { policyJsonSchema, POLICY_SCHEMA_ID } from './jsonSchema.js';
export { policyJsonSchemaText, presetJsonText } from './serialize.js';
