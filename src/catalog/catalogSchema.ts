/**
 * zod 4 schemas of the catalog JSON format (`dip-engine.catalog` v1) and of auxiliary-subtype data
 * (DIP-RULES.md §3, §4.7). Validation only: the builders turn validated data into the model of `types.ts`.
 *
 * @module
 */
import { z } from 'zod';
import { parseDecimal } from '../decimal/parse.js';

/** A non-negative exact decimal string (no exponent, no separators), as `parseDecimal` accepts it. */
export const decimalString = z.string().refine((s) => parseDecimal(s).ok, { message: 'expected a non-negative decimal string such as "1332.080169"' });

const intBound = z.strictObject({ value: z.number().int(), inclusive: z.boolean() });
const decBound = z.strictObject({ value: decimalString, inclusive: z.boolean() });

/** Schema of {@link DxSetItem}. */
export const dxSetItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('code'), code: z.string().min(1) }),
  z.strictObject({ kind: z.literal('prefix'), prefix: z.string().min(1) }),
  z.strictObject({ kind: z.literal('range'), from: z.string().regex(/^[A-Z]\d\d$/u), to: z.string().regex(/^[A-Z]\d\d$/u) }),
]);

/** Schema of {@link DxMatcher}. */
export const dxMatcherSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('subcategory'), key: z.string().regex(/^[A-Z]\d\d\.[0-9x]$/u) }),
  z.strictObject({ kind: z.literal('category'), key: z.string().regex(/^[A-Z]\d\d$/u), mark: z.enum(['dagger', 'asterisk']).optional() }),
  z.strictObject({ kind: z.literal('set'), items: z.array(dxSetItemSchema) }),
  z.strictObject({ kind: z.literal('any') }),
]);

/** Schema of {@link ProcedureRef}. */
export const procedureRefSchema = z.strictObject({ code: z.string().min(1), isShort: z.boolean() });

type AuxConditionInput = { kind: string; [k: string]: unknown };

/** Schema of {@link AuxCondition} (recursive through `all` / `any` / `not`). */
export const auxConditionSchema: z.ZodType<AuxConditionInput> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('ageDays'), min: intBound.optional(), max: intBound.optional() }),
    z.strictObject({ kind: z.literal('ageYears'), min: intBound.optional(), max: intBound.optional() }),
    z.strictObject({ kind: z.literal('death') }),
    z.strictObject({ kind: z.literal('los'), min: intBound.optional(), max: intBound.optional() }),
    z.strictObject({
      kind: z.literal('secondaryDx'),
      codes: z.array(dxSetItemSchema),
      excludeWhenPrincipalIn: z.array(dxSetItemSchema).optional(),
      minCount: z.number().int().min(1).optional(),
      differentCategoryFromPrincipal: z.boolean().optional(),
    }),
    z.strictObject({ kind: z.literal('metastasis'), codes: z.array(dxSetItemSchema) }),
    z
      .strictObject({ kind: z.literal('chemotherapy'), procedures: z.array(procedureRefSchema).optional(), secondaryDx: z.array(dxSetItemSchema).optional() })
      .refine((c) => c.procedures !== undefined || c.secondaryDx !== undefined, { message: 'give procedures and/or secondaryDx' }),
    z
      .strictObject({ kind: z.literal('radiotherapy'), procedures: z.array(procedureRefSchema).optional(), secondaryDx: z.array(dxSetItemSchema).optional() })
      .refine((c) => c.procedures !== undefined || c.secondaryDx !== undefined, { message: 'give procedures and/or secondaryDx' }),
    z.strictObject({ kind: z.literal('procedure'), codes: z.array(procedureRefSchema) }),
    z.strictObject({ kind: z.literal('icuDays'), min: decBound.optional(), max: decBound.optional() }),
    z.strictObject({ kind: z.literal('cciLevel'), min: intBound.optional(), max: intBound.optional() }),
    z.strictObject({
      kind: z.literal('highCost'),
      multiple: decBound,
      share: z.strictObject({ of: z.enum(['treatmentExclSurgery', 'drug']), min: decBound }).optional(),
    }),
    z.strictObject({ kind: z.literal('all'), conditions: z.array(auxConditionSchema) }),
    z.strictObject({ kind: z.literal('any'), conditions: z.array(auxConditionSchema) }),
    z.strictObject({ kind: z.literal('not'), condition: auxConditionSchema }),
  ]),
);

/** Schema of {@link AuxSubtype}. */
export const auxSubtypeSchema = z.strictObject({
  id: z.string().min(1),
  type: z.enum(['cci', 'severity', 'tumourSeverity', 'age', 'icu', 'secondaryDx', 'custom']),
  level: z.string().optional(),
  name: z.string().optional(),
  condition: auxConditionSchema,
  coefficient: decimalString,
  triggerCoefficient: decimalString.optional(),
  points: decimalString.optional(),
  averageCost: decimalString.optional(),
  averageStay: decimalString.optional(),
});

const group = z.enum(['surgery', 'therapeutic', 'diagnostic', 'conservative']);

const packetBase = {
  code: z.string().min(1),
  isPrimaryCare: z.boolean(),
  name: z.string().optional(),
  dx: dxMatcherSchema,
  main: z.array(procedureRefSchema),
  related: z.array(z.array(procedureRefSchema).min(1)),
  points: decimalString,
  averageCost: decimalString.optional(),
  averageCostByLevel: z.record(z.string(), decimalString).optional(),
  averageStay: decimalString.optional(),
  cv: decimalString.optional(),
  caseCount: z.number().int().min(0).optional(),
  discussFlag: z.boolean().optional(),
  auxSubtypes: z.array(auxSubtypeSchema).optional(),
  line: z.number().int().min(1).optional(),
  origin: z.literal('statistics').optional(),
};

/** Schema of {@link Packet}. */
export const packetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...packetBase, kind: z.literal('core'), layer: z.enum(['preGroup', 'merge', 'dxAssisted', 'base']).optional() }),
  z.strictObject({ ...packetBase, kind: z.literal('comprehensive'), group, grade: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional() }),
  z.strictObject({ ...packetBase, kind: z.literal('tcm') }),
  z.strictObject({
    ...packetBase,
    kind: z.literal('fallback'),
    fallbackType: z.enum(['chapterPacket', 'blankPacket', 'floorPacket']),
    chapter: z.string().regex(/^\d\d$/u).optional(),
    group: group.optional(),
  }),
]);

/** Format tag of the catalog JSON. */
export const CATALOG_JSON_FORMAT = 'dip-engine.catalog';

/**
 * Schema of the catalog JSON document (format `dip-engine.catalog`, version 1). Packets are checked one by one by
 * the reader so that one bad packet does not reject the others.
 */
export const catalogJsonSchema = z.strictObject({
  format: z.literal(CATALOG_JSON_FORMAT),
  formatVersion: z.literal(1),
  id: z.string(),
  name: z.string(),
  version: z.string(),
  contentHash: z.string().optional(),
  regionAverageCost: decimalString.optional(),
  excludedPrincipalDx: z.array(dxSetItemSchema).optional(),
  ignoredProcedures: z.array(z.string()).optional(),
  packets: z.array(z.unknown()),
});
