/**
 * Region policy schema (区域付费政策参数): zod 4 schemas of every parameter group of DIP-RULES.md §10, and
 * the resolved section types the grouper, points, point-value and settlement code consume.
 *
 * Every number that is money, points, a point value, a ratio, a share or a coefficient is a **decimal
 * string** (validated with `parseDecimal`, never a JS number, DIP-RULES.md §8.7). Every field has the
 * engine default of DIP-RULES.md via zod `.default()`, so a dated entry may give only what its source
 * states; the entry's `assumed` list names the values that are engine defaults rather than sourced.
 *
 * @packageDocumentation
 */
import { z } from 'zod';
import { coefficient, decimalString, isoDate, roundingRule, share } from './fields.js';

// ---------------------------------------------------------------------------------------------------------------
// Shared enums
// ---------------------------------------------------------------------------------------------------------------

/** Insurance pools (险种) with separate budgets and point values (DIP-RULES.md §7.3; DIP 3.0 draft ch. 4 §2). */
export const POOLS = ['employee', 'resident'] as const;
export type Pool = (typeof POOLS)[number];

/** Packet kinds a rule can apply to (DIP-RULES.md §3.1). */
export const PACKET_KINDS = ['core', 'comprehensive', 'primaryCare', 'tcm', 'fallback'] as const;
export type PacketKind = (typeof PACKET_KINDS)[number];

// ---------------------------------------------------------------------------------------------------------------
// §4.6 Grouping options
// ---------------------------------------------------------------------------------------------------------------

/** Core-matching layers of DIP 3.0 (先期分组 / 并项规则 / 诊断辅助细分 / 基本规则), DIP-RULES.md §4.1, §4.3. */
export const GROUPING_LAYERS = ['preGroup', 'merge', 'dxAssisted', 'base'] as const;
/** Tie-break criteria among core candidates (DIP-RULES.md §4.6; DIP 3.0 draft ch. 3 §3 三 (一)). */
export const TIE_BREAK_CRITERIA = [
  'mostRelatedMatched',
  'mostAndSegments',
  'mostMatchedProcedures',
  'highestPoints',
  'lowestPoints',
  'closestAverageCost',
  'noUnmatchedExtraProcedure',
  'packetCode',
] as const;
export type TieBreakCriterion = (typeof TIE_BREAK_CRITERIA)[number];
/** Comprehensive-packet diagnosis keys, tried in order (DIP-RULES.md §4.6). */
export const COMPREHENSIVE_DX_KEYS = ['category', 'prefix2', 'prefix1', 'range'] as const;
/** Fallback steps after comprehensive routing (DIP-RULES.md §4.5). */
export const FALLBACK_STEPS = ['coreConservative', 'chapterPacket', 'blankPacket', 'floorPacket'] as const;
export type FallbackStep = (typeof FALLBACK_STEPS)[number];
/** Procedure attribute classes (DIP-RULES.md §3.6). */
export const PROCEDURE_CLASSES = ['surgery', 'interventional', 'therapeutic', 'diagnostic', 'conservative'] as const;
export type ProcedureClass = (typeof PROCEDURE_CLASSES)[number];
/** Catalog procedure-combination notations (DIP-RULES.md §3.3, §10 catalog row). */
export const CATALOG_NOTATIONS = ['pingdingshan', 'plusSlash', 'commaAll', 'dip3Workbook'] as const;

/**
 * 入组规则 options: every variation point of DIP-RULES.md §4.6 (sources per option there: DIP 3.0 draft
 * ch. 3; Hubei / Jining / Tai'an 2023 code), plus `tcmOrder` (§4.1) and the code-edition row of §10.
 * Defaults are the §4.6 defaults.
 */
export const GroupingOptionsSchema = z.strictObject({
  /** Core layers in use; absent = decided by the catalog (3.0 → all four, 1.0/2.0 → `base`). DIP 3.0 draft ch. 3 §2. */
  layers: z.array(z.enum(GROUPING_LAYERS)).min(1).optional(),
  /** Characters of the principal diagnosis used as the subcategory key (`K35.3` = 5). DIP 3.0 draft; 2023 code. */
  dxKeyLength: z.number().int().min(3).max(7).default(5),
  /** 主要手术操作: the coded one, or recomputed as the highest class. No published source; default `coded`. */
  principalProcedureSource: z.enum(['coded', 'highestClass']).default('coded'),
  /** Which listed procedure may play the packet's MAIN role. DIP 3.0 draft ("主要诊断 + 主要手术操作"); Hubei / Jining code. */
  mainProcedureRole: z.enum(['principalOnly', 'anyListed', 'preferPrincipal']).default('principalOnly'),
  /** Related procedures: packet set ⊆ case set, or by overlap count. No published source; default `subset`. */
  relatedMatchMode: z.enum(['subset', 'overlapCount']).default('subset'),
  /** `prefixForShortCodes`: catalog codes shorter than 7 characters match by prefix (襄阳, 荆门; Hubei 2023 code). */
  procedureCodeMatch: z.enum(['exact', 'prefixForShortCodes']).default('exact'),
  /** Ordered tie-break among core candidates. DIP 3.0 draft ch. 3 §3 三 (一) (first criterion); rest local. */
  tieBreak: z.array(z.enum(TIE_BREAK_CRITERIA)).min(1).default(['mostRelatedMatched', 'highestPoints', 'packetCode']),
  /** Final choice between packet types: core first (national) or the Hubei / Jining / Tai'an class ladder. */
  typePriority: z.enum(['coreFirst', 'classLadder']).default('coreFirst'),
  /** 宜昌: fall back to the core conservative packet (Hubei 2023 code). */
  coreConservativeFallback: z.boolean().default(false),
  /** Interventional procedures count as surgery (DIP 3.0 draft ch. 3 §3; Hubei 2023 code). */
  interventionalAsSurgery: z.boolean().default(true),
  /** Simple procedures: by the workbook exclusion list, or Hubei "class 0 and grade < 3" (DIP 3.0 workbook; Hubei code). */
  simpleProcedureRule: z.enum(['exclusionList', 'classAndGrade']).default('exclusionList'),
  /** Comprehensive class from the principal procedure (DIP 3.0 draft "以主要手术操作类型作为入组依据") or the highest listed. */
  comprehensiveClassFrom: z.enum(['principalProcedure', 'highestListed']).default('principalProcedure'),
  /** Comprehensive diagnosis keys tried in order (Hubei / Jining / Tai'an: category, prefix2, prefix1, range). */
  comprehensiveDxKeys: z.array(z.enum(COMPREHENSIVE_DX_KEYS)).min(1).default(['category']),
  /** Missing class group in a category: 内科诊疗组 if the category has one, else fallback (DIP 3.0 draft ch. 3 §3 (三) 2). */
  comprehensiveMissingGroup: z.enum(['medicalGroup', 'fallback']).default('medicalGroup'),
  /** Jining, Tai'an: comprehensive packets split by surgical grade 1 / 2 / 3–4 (2023 code). */
  comprehensiveGradeSplit: z.enum(['none', 'surgicalGrade']).default('none'),
  /** Fallback chain after comprehensive routing; empty → ungrouped (DIP-RULES.md §4.5). */
  fallbackChain: z.array(z.enum(FALLBACK_STEPS)).default([]),
  /** Principal diagnosis on the exclusion list: ungrouped case, or an input error (DIP 3.0 draft ch. 3 §2). */
  excludedPrincipalDx: z.enum(['ungrouped', 'error']).default('ungrouped'),
  /** A procedure code missing from the class table: flag it, or treat it as conservative (Hubei). No published source. */
  unknownProcedure: z.enum(['flag', 'conservative']).default('flag'),
  /** Class given to a flagged unknown procedure for comprehensive routing. Engine default `conservative` (no source). */
  unknownProcedureFallbackClass: z.enum(PROCEDURE_CLASSES).default('conservative'),
  /** Where TCM-advantage packets are matched (DIP-RULES.md §4.1). No published source; default before core packets. */
  tcmOrder: z.enum(['beforeCore', 'afterCore']).default('beforeCore'),
  /** Diagnosis / procedure code edition (DIP-RULES.md §10 codes row; Code lists): 医保版 2.0. */
  codeEdition: z.enum(['chs2.0', 'chs1.0', 'nationalClinical']).default('chs2.0'),
  /** Catalog notation when the policy names it (DIP-RULES.md §3.3); absent = detected by the catalog loader. */
  catalogNotation: z.enum(CATALOG_NOTATIONS).optional(),
});
/** Resolved grouping options (all defaults filled). */
export type GroupingOptions = z.output<typeof GroupingOptionsSchema>;
/** Grouping options as written in a policy entry (every field optional). */
export type GroupingOptionsInput = z.input<typeof GroupingOptionsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// §4.7 Auxiliary subtypes
// ---------------------------------------------------------------------------------------------------------------

/** An age like `28d` or `18y` (days or completed years). */
const ageSpec = z
  .string()
  .regex(/^\d{1,3}[dy]$/, { error: 'expected an age such as "28d" (days) or "18y" (years)' })
  .meta({ description: 'age: digits followed by d (days) or y (completed years)' });

/** An age band `[from, to)`: `from` inclusive, `to` exclusive (DIP-RULES.md §4.7). */
export const AgeBandSchema = z.strictObject({ id: z.string().min(1), from: ageSpec, to: ageSpec.optional() });
export type AgeBand = z.output<typeof AgeBandSchema>;
/** An integer band `min ≤ x ≤ max` (both inclusive; `max` absent = open-ended). ICU days, CCI score. */
export const IntBandSchema = z.strictObject({ id: z.string().min(1), min: z.number().int().min(0), max: z.number().int().min(0).optional() });
export type IntBand = z.output<typeof IntBandSchema>;

/**
 * 辅助目录 / 辅助分型 options (DIP-RULES.md §4.7, §10 auxiliary row; DIP 3.0 draft ch. 5 §2 二; 3.0 auxiliary
 * notes). The subtype table itself (per packet: type, condition, `a_j`, trigger coefficient) is catalog data.
 */
export const AuxiliaryOptionsSchema = z.strictObject({
  /** Packet kinds subtypes apply to; not TCM or per-diem (DIP 3.0 draft ch. 5 §2 二). Default `['core']`. */
  auxApplyTo: z.array(z.enum(PACKET_KINDS)).default(['core']),
  /** "3 天以上" of the severity rules, read as LOS ≥ 3 (§0.2). */
  severityMinLos: z.number().int().min(0).default(3),
  severityMinLosInclusive: z.boolean().default(true),
  /** 65 and over corrected through severity subtypes (DIP 3.0 draft ch. 5 §2 二 (四) 2); 宜昌 66 (Hubei 2023 code). */
  elderlyAge: z.number().int().min(0).max(150).default(65),
  /** Under-18 age bands `[from, to)`: 0–28 d, 29 d – < 1 y, 1–6 y, 7–17 y (DIP 3.0 draft ch. 5 §2 二 (四) 2). */
  ageBands: z.array(AgeBandSchema).default([
    { id: 'neonate', from: '0d', to: '29d' },
    { id: 'infant', from: '29d', to: '1y' },
    { id: 'child', from: '1y', to: '7y' },
    { id: 'adolescent', from: '7y', to: '18y' },
  ]),
  /** ICU-day bands 2–7, 8–14, 15–30, ≥ 31 (fewer than 2: none) (DIP 3.0 draft ch. 5 §2 二 (四) 3). */
  icuBands: z.array(IntBandSchema).default([
    { id: 'icu2to7', min: 2, max: 7 },
    { id: 'icu8to14', min: 8, max: 14 },
    { id: 'icu15to30', min: 15, max: 30 },
    { id: 'icu31plus', min: 31 },
  ]),
  /** ICU hours → days. No published source; default sum of hours ÷ 24 rounded up (§4.7). */
  icuDaysFromHours: z.enum(['ceil', 'floor', 'halfUp']).default('ceil'),
  /** CCI score bands: none 0; ordinary 1–2; severe 3–4; very severe ≥ 5 (3.0 auxiliary notes). */
  cciBands: z.array(IntBandSchema).default([
    { id: 'none', min: 0, max: 0 },
    { id: 'ordinary', min: 1, max: 2 },
    { id: 'severe', min: 3, max: 4 },
    { id: 'verySevere', min: 5 },
  ]),
  /** Several qualifying subtypes: highest trigger coefficient (DIP 3.0 draft ch. 5 §2 二) or highest `a_j` (Hubei code). */
  selectionRule: z.enum(['highestTrigger', 'highestCoefficient']).default('highestTrigger'),
  /** 1.0 次要诊断病种 as a "secondary dx in set → coefficient" rule. No published source; default off. */
  secondaryDxSubtypes: z.boolean().default(false),
});
export type AuxiliaryOptions = z.output<typeof AuxiliaryOptionsSchema>;
export type AuxiliaryOptionsInput = z.input<typeof AuxiliaryOptionsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// §5.10 Institution coefficients
// ---------------------------------------------------------------------------------------------------------------

/** A per-packet institution coefficient `c_{L,i}` for a level or one hospital (DIP 3.0 draft ch. 5 §2 一 (二)). */
export const PacketCoefficientSchema = z.strictObject({
  level: z.string().min(1).optional(),
  hospitalId: z.string().min(1).optional(),
  packetCode: z.string().min(1),
  coef: coefficient(),
});
export type PacketCoefficient = z.output<typeof PacketCoefficientSchema>;

/** New-drug / new-technology bonus points (DIP 3.0 draft ch. 5 §1 四 (三)): an input table, no formula. */
export const InnovationBonusSchema = z.strictObject({
  id: z.string().min(1),
  description: z.string().optional(),
  hospitalId: z.string().min(1).optional(),
  packetCode: z.string().min(1).optional(),
  points: decimalString(),
});
export type InnovationBonus = z.output<typeof InnovationBonusSchema>;

/**
 * 医疗机构调节系数 (DIP-RULES.md §5.10, §10 coefficients row; DIP 3.0 draft ch. 5 §2 一). Lookup order:
 * `byPacket` (hospital, then level) → `byHospital` → `byLevel`; primary-care packets use `primaryCareCoef`
 * (or their entry in `primaryCareCoefByPacket`), never the institution coefficient (2025 Handling Rules art. 19).
 */
export const CoefficientOptionsSchema = z.strictObject({
  /** `c_L` by hospital level / type, e.g. `{ "三级": "1", "二级": "0.85" }`. */
  byLevel: z.record(z.string().min(1), coefficient()).default({}),
  /** Coefficient of one hospital (composite: base + bonus already added). */
  byHospital: z.record(z.string().min(1), coefficient()).default({}),
  /** Per packet and level or hospital; exactly one of `level`, `hospitalId`. */
  byPacket: z.array(PacketCoefficientSchema).default([]),
  /** A hospital with no coefficient: an issue, or 1. Engine default `error` (no published source). */
  missingCoefficient: z.enum(['error', 'one']).default('error'),
  /** Primary-care factor `b` (DIP-RULES.md §6.1): 1 nationally (same points at every level). */
  primaryCareCoef: coefficient().default('1'),
  /** Primary-care factor per packet (Hubei / Jining / Tai'an 2023 code). */
  primaryCareCoefByPacket: z.record(z.string().min(1), coefficient()).default({}),
  /** Packet codes flagged primary-care (基层病种) by the policy in addition to the catalog's flag. */
  primaryCarePackets: z.array(z.string().min(1)).default([]),
  /** Packet codes of TCM-advantage packets (中医优势病种) in addition to the catalog's flag. */
  tcmPackets: z.array(z.string().min(1)).default([]),
  /** New-drug / new-technology bonus points table. */
  innovationBonusPoints: z.array(InnovationBonusSchema).default([]),
});
export type CoefficientOptions = z.output<typeof CoefficientOptionsSchema>;
export type CoefficientOptionsInput = z.input<typeof CoefficientOptionsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// §6.2–§6.3 Cost outliers
// ---------------------------------------------------------------------------------------------------------------

/** A step of a tiered high threshold: for reference cost `R ≥ fromReference`, use `threshold` (§6.3). */
export const ThresholdStepSchema = z.strictObject({ fromReference: decimalString(), threshold: decimalString({ min: '0', minExclusive: true }) });

/**
 * 费用极高 / 费用极低 病例 (DIP-RULES.md §6.2–§6.3): the cost-outlier variants decomposed into independent
 * parameters. `ρ = cost / R`. Defaults are the `national_3_0` reading (DIP 3.0 draft ch. 5 §3 二) with the
 * 1.0 high formula as the engine default for the unstated high-case points.
 */
export const OutlierOptionsSchema = z.strictObject({
  /** `R`: same-level average cost (1.0), same-level payment standard `S_L` (3.0), or simulated average (2023 code). */
  outlierReference: z.enum(['sameLevelAverageCost', 'paymentStandard', 'simulatedAverage']).default('paymentStandard'),
  /** Which point value enters `S_L` (§6.2). No published source; default the PV in force for the computation. */
  referencePointValue: z.enum(['inForce', 'budget', 'settlement']).default('inForce'),
  /** Average-cost factor per pool for `simulatedAverage` (Hubei / Jining / Tai'an 2023 code). */
  simulatedAverageFactors: z.strictObject({ employee: coefficient().optional(), resident: coefficient().optional() }).optional(),
  lowThreshold: decimalString().default('0.5'),
  /** `false`: "低于" strict (1.0, 3.0); `true`: `ρ ≤ 0.5` (Hubei, Jining, Tai'an). */
  lowInclusive: z.boolean().default(false),
  /** `ratio` = `RW × ρ`; `paidAtCost` = 3.0 κ so that points × PV = cost. */
  lowFormula: z.enum(['ratio', 'paidAtCost']).default('paidAtCost'),
  coefInLow: z.enum(['multiply', 'none']).default('multiply'),
  /**
   * Whether the institution coefficient `c` multiplies normal points (`RW × c × a`, DIP 3.0 draft ch. 5 §3 一; Hubei /
   * Jining / Tai'an 2023 code). The DIP 1.0 spec (summary) formulas carry no coefficient — normal points are `RW`
   * (DIP-RULES.md §6.3 table, §9 T11 "1.0 normal 1,500 (no coefficient in the formula)") — so `national_1_0` sets
   * `none` (then normal points are `RW × a`).
   */
  coefInNormal: z.enum(['multiply', 'none']).default('multiply'),
  highThreshold: decimalString({ min: '0', minExclusive: true }).default('2'),
  /** `true`: 3.0 "（含）", Hubei; `false`: 1.0 "超过" default, Jining, Tai'an. */
  highInclusive: z.boolean().default(true),
  /** Upper bound of the high class (band reading of the 3.0 text: 3); absent = none. Inclusive. */
  highUpper: decimalString().optional(),
  /** Cases above `highUpper` that are not extreme (band reading of the 3.0 text leaves them undefined): engine default `review`. */
  aboveHighUpper: z.enum(['review', 'normalPoints', 'highFormula']).default('review'),
  /** Tiered high threshold by reference cost (no published source; absent = the constant `highThreshold`). */
  highThresholdSteps: z.array(ThresholdStepSchema).optional(),
  /** `ratioMinusOne` = `RW × (ρ − 1)` (1.0, Hubei); `ratioMinusTwoPlusCoef` = `RW × (ρ − 2 + c)` (Jining, Tai'an). */
  highFormula: z.enum(['ratioMinusOne', 'ratioMinusTwoPlusCoef']).default('ratioMinusOne'),
  coefInHigh: z.enum(['multiply', 'none', 'additive']).default('multiply'),
  /** Extreme class threshold (1.0 and Jining: 5); absent = no extreme class. */
  extremeThreshold: decimalString().optional(),
  extremeInclusive: z.boolean().default(false),
  /** `review` (1.0: expert review), `normalPoints` (Jining, flagged 高倍率), `highFormula` (Hubei, Tai'an). */
  extremeAction: z.enum(['review', 'normalPoints', 'highFormula']).default('highFormula'),
  /** Packet RW = 0 → paid its actual cost (every strategy in the 2023 code). */
  zeroRwPolicy: z.enum(['paidAtCost']).default('paidAtCost'),
  /** Packet kinds the outlier test applies to. Engine default: every DIP packet kind except fallback packets (see `ungrouped.outlierRulesApplyToFallback`). */
  applyToKinds: z.array(z.enum(PACKET_KINDS)).default(['core', 'comprehensive', 'primaryCare', 'tcm']),
  /** The 3.0 draft advises limiting the share of adjusted cases; no value: report when exceeded. */
  maxAdjustedShare: share().optional(),
});
export type OutlierOptions = z.output<typeof OutlierOptionsSchema>;
export type OutlierOptionsInput = z.input<typeof OutlierOptionsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// §6.5 Ungrouped cases
// ---------------------------------------------------------------------------------------------------------------

/**
 * 未入组病例 and fallback packets (DIP-RULES.md §6.5). No national default: engine `reportOnly`.
 */
export const UngroupedOptionsSchema = z.strictObject({
  /** `reportOnly` (no points, listed for review), `fixedPoints`, `blankPacket` (KBBZ), `paidAtCost`. */
  ungroupedPolicy: z.enum(['reportOnly', 'fixedPoints', 'blankPacket', 'paidAtCost']).default('reportOnly'),
  /** Points of an ungrouped case under `fixedPoints` (required then). */
  fixedPoints: decimalString().optional(),
  /** Blank-packet factor: points = RW_KBBZ × (cost / m_KBBZ) × factor (Jining 0.7; Tai'an 0.4368 × 0.9). */
  blankPacketFactor: coefficient().optional(),
  /** Points of Pingdingshan chapter packets `CPnn:GROUP` (= one regional-average case). */
  chapterPacketPoints: decimalString().default('1000'),
  /** Apply institution / auxiliary coefficients to fallback packets. Not documented: default false. */
  coefficientsApplyToFallback: z.boolean().default(false),
  /** Apply the outlier rules to fallback packets. Not documented (Jining: no outlier test): default false. */
  outlierRulesApplyToFallback: z.boolean().default(false),
});
export type UngroupedOptions = z.output<typeof UngroupedOptionsSchema>;
export type UngroupedOptionsInput = z.input<typeof UngroupedOptionsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// §6.4 Special cases
// ---------------------------------------------------------------------------------------------------------------

/**
 * 特例单议 (DIP-RULES.md §6.4; DIP 3.0 draft ch. 6 §2; 2025 Interim Measures art. 20, 23; 2025 Handling Rules
 * art. 21–24).
 */
export const SpecialCaseOptionsSchema = z.strictObject({
  /** ≤ 5‰ of the region-year DIP discharges, region-wide. */
  specialCaseQuota: share().default('0.005'),
  /** "不超过": floor. Must agree with `rounding.quota.mode`. */
  quotaRounding: z.enum(['halfUp', 'halfEven', 'down', 'up', 'floor', 'ceil']).default('floor'),
  /** Eligible when cost exceeds this multiple of `RW × PV` ("超过平均支付标准 2 倍以上"). */
  specialCaseTriggerMultiple: decimalString({ min: '0', minExclusive: true }).default('2'),
  specialCaseTriggerInclusive: z.boolean().default(false),
  /** Approved cases: paid by item (engine default) or an adjusted standard converted to points. */
  specialCaseMode: z.enum(['itemBased', 'adjustedStandard']).default('itemBased'),
  /** Item-based amounts come out of the DIP fund before the settlement PV (§6.4 engine rule), or a separate fund. */
  specialCaseFunding: z.enum(['fromDipFund', 'separate']).default('fromDipFund'),
});
export type SpecialCaseOptions = z.output<typeof SpecialCaseOptionsSchema>;
export type SpecialCaseOptionsInput = z.input<typeof SpecialCaseOptionsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// §7 Point value
// ---------------------------------------------------------------------------------------------------------------

/** Budget inputs of one pool (DIP-RULES.md §7.1, §7.5; 2025 Handling Rules art. 12). Money in 元. */
export const PoolBudgetSchema = z.strictObject({
  /** DIP fund `F` of the year (按病种付费总额). */
  dipFund: decimalString({ maxScale: 4 }).optional(),
  /** Published budget point value (年初点值), 元/point. */
  budgetPointValue: decimalString({ min: '0', minExclusive: true }).optional(),
  /** Regional adjustment reserve (调节金). */
  reserve: decimalString({ maxScale: 4 }).optional(),
});
export type PoolBudget = z.output<typeof PoolBudgetSchema>;

/** Elastic point-value regime (DIP-RULES.md §7.4; DIP 3.0 draft ch. 4 §3 一 (二); 2025 Interim Measures art. 16). */
export const ElasticOptionsSchema = z.strictObject({
  /** Form 1 base fixed / increment floating; form 2 severe packets fixed; form 3 drug-and-consumable baseline fixed. */
  form: z.enum(['baseFixedIncrementFloating', 'severeFixed', 'costBaselineFixed']).default('baseFixedIncrementFloating'),
  /** `F_base : F_total` ("一般以 8:2 或 7:3 为宜"): 0.8. */
  baseShare: share().default('0.8'),
  /** Cap on the floating PV `PV_cap`; absent = none. */
  cap: decimalString().optional(),
  /** Totals on the total-cost scale (`F / r`, engine default) or the fund scale. */
  scale: z.enum(['totalCost', 'fund']).default('totalCost'),
  /** Base volume: each hospital's own previous-year points (engine default). */
  baseVolume: z.enum(['ownPreviousYear', 'regionalShare']).default('ownPreviousYear'),
});
export type ElasticOptions = z.output<typeof ElasticOptionsSchema>;

/**
 * 点值 (DIP-RULES.md §7; DIP 3.0 draft ch. 4 §3, ch. 5 §4–§5; 2025 Interim Measures art. 16).
 */
export const PointValueOptionsSchema = z.strictObject({
  /** `mean` (weighted cost ÷ weighted points), `quantile`, `optimal1D`, `optimal2D` (DIP 3.0 draft ch. 5 §4). */
  pvMethod: z.enum(['mean', 'quantile', 'optimal1D', 'optimal2D']).default('mean'),
  /** Trim quantiles for `quantile` (e.g. 2.5 % and 97.5 %). */
  pvTrimQuantiles: z.tuple([share(), share()]).default(['0.025', '0.975']),
  /** Weights of `optimal1D` "该区间的加权平均值": by points (engine default). */
  optimalWeighting: z.enum(['points', 'hospitals']).default('points'),
  /**
   * `optimal2D` geometric median by Weiszfeld iteration (Vardi–Zhang step at a data point), started at the centroid:
   * stop when a step moves less than `tolerance` (元/point, Euclidean in `(v, u)`) or after `maxIterations`. Engine
   * defaults, no published source (DIP-RULES.md §7.1 names the geometric median, not the iteration).
   */
  optimal2D: z
    .strictObject({
      maxIterations: z.number().int().min(1).max(1_000_000).default(10_000),
      tolerance: decimalString({ min: '0', minExclusive: true }).default('0.0000000001'),
    })
    .prefault({}),
  /** `P_y` re-scored: case points with coefficients (engine default) or bare packet points. */
  budgetPointsBasis: z.enum(['casePointsWithCoefficients', 'packetPoints']).default('casePointsWithCoefficients'),
  /** Year weights, oldest first: 1 : 2 : 7 (DIP 3.0 draft ch. 5 §1, §4). */
  yearWeights: z.array(decimalString({ min: '0', minExclusive: true })).min(1).default(['1', '2', '7']),
  /** 固定 / 浮动 / 弹性 (2025 Interim Measures art. 16). */
  pointValueRegime: z.enum(['fixed', 'floating', 'elastic']).default('floating'),
  elastic: ElasticOptionsSchema.prefault({}),
  /** `PV_fixed` (required for `fixed` and elastic form 1). */
  fixedPointValue: decimalString({ min: '0', minExclusive: true }).optional(),
  pvCap: decimalString().optional(),
  pvFloor: decimalString().optional(),
  /** Settlement PV not below this share of the budget PV; absent = none (§7.4). */
  pvFloorShareOfBudget: share().optional(),
  /** Scope of `r`: region-wide for the PV, per hospital at clearing (§7.2). */
  fundPayRatioScope: z
    .strictObject({ pointValue: z.enum(['region', 'hospital']).default('region'), clearing: z.enum(['hospital', 'region']).default('hospital') })
    .prefault({}),
  /** A published `r` to use instead of computing it from the cases. */
  fundPayRatio: share().optional(),
  /** Amount columns booked as fund payment when computing `r` (§7.2): default `fund_paid`. */
  bookedAmountComponents: z.array(z.enum(['fund_paid', 'other_paid'])).min(1).default(['fund_paid']),
  /** Point values per insurance pool (§7.3). */
  perPool: z.boolean().default(true),
  /** Budget inputs per pool. */
  pools: z.strictObject({ employee: PoolBudgetSchema.optional(), resident: PoolBudgetSchema.optional() }).default({}),
});
export type PointValueOptions = z.output<typeof PointValueOptionsSchema>;
export type PointValueOptionsInput = z.input<typeof PointValueOptionsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// §8 Settlement
// ---------------------------------------------------------------------------------------------------------------

/**
 * One assessment-score band (DIP-RULES.md §8.5): scores `≥ minScore` (or `>` when `minInclusive` is false) up to
 * the next band's start. Bands are listed in ascending `minScore`; the first must be `0` inclusive, so the bands
 * cover every score ≥ 0 exactly once (scores are non-negative; there is no upper limit).
 */
export const AssessmentBandSchema = z.strictObject({
  minScore: decimalString(),
  minInclusive: z.boolean().default(true),
  /** 考核系数 k. */
  coefficient: coefficient(),
  /** Share `s` of the quality deposit refunded. */
  depositRefundShare: share(),
});
export type AssessmentBand = z.output<typeof AssessmentBandSchema>;

/** A surplus band `[from, to)` of the gap as a fraction of `D` (marginal, like tax brackets) (§8.4). */
export const SurplusBandSchema = z.strictObject({ from: decimalString(), to: decimalString().optional(), retainShare: share() });
export type SurplusBand = z.output<typeof SurplusBandSchema>;
/** An overrun band `[from, to)` of the gap as a fraction of `D`; the fund pays `fundShare` of it (§8.4). */
export const OverrunBandSchema = z.strictObject({ from: decimalString(), to: decimalString().optional(), fundShare: share() });
export type OverrunBand = z.output<typeof OverrunBandSchema>;

/**
 * 结余留用 / 合理超支分担 corridor (DIP-RULES.md §8.4; 2025 Handling Rules art. 33). No published values:
 * neutral default (one surplus band retaining 100 %, one overrun band with fund share 0, so `A = D`).
 * Bands of each side are contiguous, start at 0, and the last one is open-ended.
 */
export const SurplusCorridorSchema = z.strictObject({
  surplusBands: z.array(SurplusBandSchema).min(1).default([{ from: '0', retainShare: '1' }]),
  overrunBands: z.array(OverrunBandSchema).min(1).default([{ from: '0', fundShare: '0' }]),
  /** Overrun is shared only for cases certified reasonable (non-management factors). */
  requireReasonableFlag: z.boolean().default(true),
});
export type SurplusCorridor = z.output<typeof SurplusCorridorSchema>;

/**
 * 月度预付 and 年度清算 (DIP-RULES.md §8; DIP 3.0 draft ch. 7; 2025 Handling Rules art. 25–35;
 * 2025 Interim Measures art. 26–29).
 */
export const SettlementOptionsSchema = z.strictObject({
  /** `points` (monthly by packets) or `quota` (monthly share of the annual budget) (DIP 3.0 draft ch. 7 §2 二). */
  monthlyMode: z.enum(['points', 'quota']).default('points'),
  /** Share of the monthly gross paid (3.0 text 0.90; engine default 0.95). */
  prepayRatio: share().default('0.95'),
  /** Quality deposit withheld (≤ 0.05, 2025 Handling Rules art. 26; 3.0 text 0.10). */
  qualityDepositRate: share().default('0.05'),
  /** Monthly fund share: `standard − patient_paid` (DIP 3.0 draft ch. 7 §2). */
  fundShareMethodMonthly: z.enum(['subtractPatientPaid', 'ratio']).default('subtractPatientPaid'),
  /** Clearing fund share: `standard × r` (DIP 3.0 draft ch. 7 §3). */
  fundShareMethodClearing: z.enum(['ratio', 'subtractPatientPaid']).default('ratio'),
  /** A negative month: carry forward (engine default, no source) or recover in the month. */
  negativeMonth: z.enum(['carryForward', 'recoverInMonth']).default('carryForward'),
  /** How assessment results act: coefficient `k`, deposit refund `s`, or both (§8.5). */
  assessmentApplication: z.enum(['coefficient', 'deposit', 'both']).default('both'),
  /** Score → (k, s) bands; neutral default k = 1, s = 1 for every score. */
  assessmentBands: z.array(AssessmentBandSchema).min(1).default([{ minScore: '0', minInclusive: true, coefficient: '1', depositRefundShare: '1' }]),
  surplusCorridor: SurplusCorridorSchema.prefault({}),
  /** Shared overrun paid from the reserve; if it is short: pro rata (engine default). */
  reserveShortfall: z.enum(['proRata']).default('proRata'),
  /** Distribution of rounding residuals across hospitals: none, or largest remainder. */
  residualAllocation: z.enum(['none', 'largestRemainder']).default('none'),
  /** Clearing money as a share of annual fund payments, reported as a check (Clearing Action Plan: ≈ 5 % / 3–5 % / ≈ 3 %). */
  clearingShareTarget: share().optional(),
});
export type SettlementOptions = z.output<typeof SettlementOptionsSchema>;
export type SettlementOptionsInput = z.input<typeof SettlementOptionsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// §8.7 Rounding
// ---------------------------------------------------------------------------------------------------------------

/**
 * Every rounding step of DIP-RULES.md §8.7 as a named `RoundingRule`. No DIP document states scales or modes:
 * all rows are engine defaults. Ratios (ρ, κ, Δ, r) are never rounded, so they have no rule.
 */
export const RoundingOptionsSchema = z.strictObject({
  /** Packet points derived by the catalog builder: 6 dp half-up (matches the Pingdingshan 2025 catalog). */
  packetPointsDerived: roundingRule().default({ scale: 6, mode: 'halfUp' }),
  /** Auxiliary coefficients derived: 4 dp half-up. */
  auxCoefDerived: roundingRule().default({ scale: 4, mode: 'halfUp' }),
  /** Case points: 4 dp half-up. */
  casePoints: roundingRule().default({ scale: 4, mode: 'halfUp' }),
  /** Budget and settlement point values: 6 dp half-up. */
  pointValue: roundingRule().default({ scale: 6, mode: 'halfUp' }),
  /** Per-case standards, fund due, hospital monthly / annual amounts: 2 dp half-up, once on the exact sum. */
  money: roundingRule().default({ scale: 2, mode: 'halfUp' }),
  /** Special-case quota: integer, floor ("不超过"). */
  quota: roundingRule().default({ scale: 0, mode: 'floor' }),
  /** Means `m_i`, `M` when published: 6 dp half-up. */
  meansPublished: roundingRule().default({ scale: 6, mode: 'halfUp' }),
  /** Most decimal places accepted in input money (one production schema uses decimal(12,4)). */
  inputMoneyMaxScale: z.number().int().min(0).max(10).default(4),
});
export type RoundingOptions = z.output<typeof RoundingOptionsSchema>;
export type RoundingOptionsInput = z.input<typeof RoundingOptionsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// §5 Catalog building (optional)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Parameters for deriving packet points from history (DIP-RULES.md §5, §10 points-derivation row; DIP 3.0 draft
 * ch. 3 §1, ch. 5 §1–§2). Only needed by the catalog builder.
 */
export const CatalogBuildOptionsSchema = z.strictObject({
  /** 平均费用法 / 基准病种费用法 / 标准定额法 (DIP 3.0 draft ch. 5 §1). */
  rwMethod: z.enum(['average', 'reference', 'fixed']).default('average'),
  rwScale: decimalString({ min: '0', minExclusive: true }).default('1000'),
  referencePacket: z.string().min(1).optional(),
  fixedAmount: decimalString({ min: '0', minExclusive: true }).optional(),
  yearWeights: z.array(decimalString({ min: '0', minExclusive: true })).min(1).default(['1', '2', '7']),
  yearWeighting: z.enum(['meanOfYearMeans', 'caseWeighted']).default('meanOfYearMeans'),
  trimQuantiles: z.tuple([share(), share()]).default(['0.025', '0.975']),
  trimScope: z.enum(['packetYear', 'packet', 'region']).default('packetYear'),
  trimMinCases: z.number().int().min(0).default(25),
  percentileMethod: z.enum(['nearestRank', 'linear']).default('nearestRank'),
  /** Core threshold by fixed count (city 15, province ≥ 50) or by case coverage (e.g. 0.95). */
  coreThresholdMethod: z.enum(['fixed', 'coverage']).default('fixed'),
  coreThreshold: z.number().int().min(1).default(15),
  coverageTarget: share().default('0.95'),
  thresholdWindow: z.enum(['threeYearTotal', 'lastYear']).default('threeYearTotal'),
  /** Related-procedure split when it adds ≥ 10 % cost (DIP 3.0 draft ch. 3 §1 三). */
  relatedSplitMin: decimalString().default('0.10'),
  comprehensiveCvMax: decimalString().optional(),
  primaryCareCvMax: decimalString().default('0.7'),
  primaryCareShareMin: share().default('0.5'),
  auxN1: z.number().int().min(0).default(15),
  auxN2: z.number().int().min(0).default(5),
  auxCvDropMin: share().default('0.20'),
  auxCandidateCv: decimalString().default('0.7'),
  cvStdDev: z.enum(['sample', 'population']).default('sample'),
  cvAfter: z.enum(['caseWeightedMean', 'pooled']).default('caseWeightedMean'),
});
export type CatalogBuildOptions = z.output<typeof CatalogBuildOptionsSchema>;
export type CatalogBuildOptionsInput = z.input<typeof CatalogBuildOptionsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// The policy document
// ---------------------------------------------------------------------------------------------------------------

/** The parameter groups of a policy, each with its own timeline. `catalogBuild` is optional. */
export const SECTION_SCHEMAS = {
  grouping: GroupingOptionsSchema,
  auxiliary: AuxiliaryOptionsSchema,
  coefficients: CoefficientOptionsSchema,
  outlier: OutlierOptionsSchema,
  ungrouped: UngroupedOptionsSchema,
  specialCase: SpecialCaseOptionsSchema,
  pointValue: PointValueOptionsSchema,
  settlement: SettlementOptionsSchema,
  rounding: RoundingOptionsSchema,
  catalogBuild: CatalogBuildOptionsSchema,
} as const;
export type SectionName = keyof typeof SECTION_SCHEMAS;
/** Groups every policy must have (each with ≥ 1 entry). */
export const REQUIRED_SECTIONS = ['grouping', 'auxiliary', 'coefficients', 'outlier', 'ungrouped', 'specialCase', 'pointValue', 'settlement', 'rounding'] as const;
export const SECTION_NAMES = [...REQUIRED_SECTIONS, 'catalogBuild'] as const satisfies readonly SectionName[];

/** A source document of a policy (DIP-RULES.md §0.3 / §11 short names, or the region's own documents). */
export const PolicySourceSchema = z.strictObject({
  document: z.string().min(1),
  section: z.string().optional(),
  url: z.string().optional(),
  note: z.string().optional(),
});
export type PolicySource = z.output<typeof PolicySourceSchema>;

const sourceKey = z.string().min(1);

/**
 * A dated entry of one parameter group's timeline (OpenFisca style): in force from `from` (inclusive) up to
 * `to` (exclusive; absent = open-ended). `source` names keys of the policy's `sources`; `assumed` names the
 * fields of `value` that are engine defaults with no published source.
 */
export function timelineEntry<S extends z.ZodType>(value: S) {
  return z.strictObject({
    from: isoDate(),
    to: isoDate().optional(),
    source: z.union([sourceKey, z.array(sourceKey).min(1)]),
    assumed: z.array(z.string().min(1)).optional(),
    note: z.string().optional(),
    value,
  });
}

const timeline = <S extends z.ZodType>(value: S) => z.array(timelineEntry(value)).min(1);

/** One timeline per parameter group. */
export const PolicyParametersSchema = z.strictObject({
  grouping: timeline(GroupingOptionsSchema),
  auxiliary: timeline(AuxiliaryOptionsSchema),
  coefficients: timeline(CoefficientOptionsSchema),
  outlier: timeline(OutlierOptionsSchema),
  ungrouped: timeline(UngroupedOptionsSchema),
  specialCase: timeline(SpecialCaseOptionsSchema),
  pointValue: timeline(PointValueOptionsSchema),
  settlement: timeline(SettlementOptionsSchema),
  rounding: timeline(RoundingOptionsSchema),
  catalogBuild: timeline(CatalogBuildOptionsSchema).optional(),
});

/**
 * A region policy document (区域 DIP 付费政策), `schemaVersion` 1: identity, sources, and a timeline of dated
 * entries per parameter group. Validate with `validatePolicy`, resolve at a date with `resolvePolicy`.
 */
export const RegionPolicySchema = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'expected an id of lower-case letters, digits, ".", "_" or "-"' }),
  name: z.string().min(1),
  /** 6-digit administrative division code (行政区划代码) of the pooling region, e.g. 410400 平顶山. */
  regionCode: z.string().regex(/^\d{6}$/, { error: 'expected a 6-digit administrative division code' }),
  description: z.string().optional(),
  sources: z.record(z.string().min(1), PolicySourceSchema),
  parameters: PolicyParametersSchema,
});

/** A region policy as written (entries hold partial sections; defaults are filled by `resolvePolicy`). */
export type RegionPolicy = z.input<typeof RegionPolicySchema>;
/** A dated entry, generic over the section input type. */
export interface TimelineEntry<V> {
  readonly from: string;
  readonly to?: string;
  readonly source: string | readonly string[];
  readonly assumed?: readonly string[];
  readonly note?: string;
  readonly value: V;
}

/**
 * The plain parameter values in force at one date: every group resolved and defaults filled.
 *
 * @example
 * ```ts
 * const r = resolvePolicy(getPreset('pingdingshan-2025'), '2025-06-30');
 * r.ok && r.value.outlier.lowThreshold   // '0.5'
 * ```
 */
export interface ResolvedPolicy {
  readonly id: string;
  readonly name: string;
  readonly regionCode: string;
  /** The date resolved at, YYYY-MM-DD. */
  readonly date: string;
  readonly grouping: GroupingOptions;
  readonly auxiliary: AuxiliaryOptions;
  readonly coefficients: CoefficientOptions;
  readonly outlier: OutlierOptions;
  readonly ungrouped: UngroupedOptions;
  readonly specialCase: SpecialCaseOptions;
  readonly pointValue: PointValueOptions;
  readonly settlement: SettlementOptions;
  readonly rounding: RoundingOptions;
  readonly catalogBuild?: CatalogBuildOptions;
}

/** Defaults of the grouping section (DIP-RULES.md §4.6). */
export const DEFAULT_GROUPING_OPTIONS: GroupingOptions = Object.freeze(GroupingOptionsSchema.parse({}));
export const DEFAULT_AUXILIARY_OPTIONS: AuxiliaryOptions = Object.freeze(AuxiliaryOptionsSchema.parse({}));
export const DEFAULT_COEFFICIENT_OPTIONS: CoefficientOptions = Object.freeze(CoefficientOptionsSchema.parse({}));
export const DEFAULT_OUTLIER_OPTIONS: OutlierOptions = Object.freeze(OutlierOptionsSchema.parse({}));
export const DEFAULT_UNGROUPED_OPTIONS: UngroupedOptions = Object.freeze(UngroupedOptionsSchema.parse({}));
export const DEFAULT_SPECIAL_CASE_OPTIONS: SpecialCaseOptions = Object.freeze(SpecialCaseOptionsSchema.parse({}));
export const DEFAULT_POINT_VALUE_OPTIONS: PointValueOptions = Object.freeze(PointValueOptionsSchema.parse({}));
export const DEFAULT_SETTLEMENT_OPTIONS: SettlementOptions = Object.freeze(SettlementOptionsSchema.parse({}));
export const DEFAULT_ROUNDING_OPTIONS: RoundingOptions = Object.freeze(RoundingOptionsSchema.parse({}));
export const DEFAULT_CATALOG_BUILD_OPTIONS: CatalogBuildOptions = Object.freeze(CatalogBuildOptionsSchema.parse({}));
