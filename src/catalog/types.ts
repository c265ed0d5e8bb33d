/**
 * The catalog model (病种库): packets, their diagnosis matchers and procedure requirements, statistics and
 * auxiliary subtypes, and the {@link Catalog} the grouper consumes (DIP-RULES.md §3.1–§3.4, §4.2, §4.7).
 *
 * Every code inside the model is normalised (DIP-RULES.md §3.5, `src/codes`). Every number that is money,
 * points or a coefficient is an exact decimal string (`src/decimal` brands); packet points stay exactly as
 * published, never re-rounded.
 *
 * @module
 */
import type { Points, Ratio, Yuan } from '../decimal/brands.js';

/**
 * Packet kind (病种类型), DIP-RULES.md §3.1 (DIP 3.0 draft ch. 3):
 * `core` 核心病种 (incl. 基层病种, flagged by `isPrimaryCare`), `comprehensive` 综合病种,
 * `tcm` 中医优势病种, `fallback` 空白病组 / 保底组 / Pingdingshan `CPnn` chapter packets.
 */
export type PacketKind = 'core' | 'comprehensive' | 'tcm' | 'fallback';

/**
 * Procedure attribute class of an ICD-9-CM-3 code (手术操作属性), DIP-RULES.md §3.6 (Code lists):
 * 手术 `surgery`, 介入治疗 `interventional`, 治疗性操作 `therapeutic`, 诊断性操作 `diagnostic`.
 * Interventional stays distinct here; the grouper maps it to surgery under `interventionalAsSurgery` (§4.6).
 */
export type ProcedureClass = 'surgery' | 'interventional' | 'therapeutic' | 'diagnostic';

/**
 * Comprehensive-packet group as written in the Pingdingshan code suffix (DIP-RULES.md §3.3, §3.6;
 * Pingdingshan 2025 catalog): 手术 `SS`, 治疗性操作 `ZLXCZ`, 诊断性操作 `ZDXCZ`, 保守治疗 `BSZL`.
 */
export type ComprehensiveGroupCode = 'SS' | 'ZLXCZ' | 'ZDXCZ' | 'BSZL';

/**
 * Internal comprehensive group (综合病种分组), DIP-RULES.md §4.4 (DIP 3.0 draft ch. 3 §3 (三) 2):
 * 相关手术组 `surgery`, 治疗性操作组 `therapeutic`, 诊断性操作组 `diagnostic`, 内科诊疗组 `conservative`.
 */
export type ComprehensiveGroup = 'surgery' | 'therapeutic' | 'diagnostic' | 'conservative';

/**
 * Suffix → internal group (DIP-RULES.md §3.6; Pingdingshan 2025 catalog).
 *
 * @example
 * ```ts
 * COMPREHENSIVE_GROUP_BY_CODE.ZLXCZ; // 'therapeutic'
 * ```
 */
export const COMPREHENSIVE_GROUP_BY_CODE: Readonly<Record<ComprehensiveGroupCode, ComprehensiveGroup>> = {
  SS: 'surgery',
  ZLXCZ: 'therapeutic',
  ZDXCZ: 'diagnostic',
  BSZL: 'conservative',
};

/**
 * Internal group → Pingdingshan suffix (inverse of {@link COMPREHENSIVE_GROUP_BY_CODE}).
 *
 * @example
 * ```ts
 * COMPREHENSIVE_GROUP_CODE.conservative; // 'BSZL'
 * ```
 */
export const COMPREHENSIVE_GROUP_CODE: Readonly<Record<ComprehensiveGroup, ComprehensiveGroupCode>> = {
  surgery: 'SS',
  therapeutic: 'ZLXCZ',
  diagnostic: 'ZDXCZ',
  conservative: 'BSZL',
};

/**
 * Rank of a comprehensive group / procedure class for "highest procedure" picks (DIP-RULES.md §3.6; Hubei 2023
 * code): surgery and interventional 4, therapeutic 3, diagnostic 2, conservative (none or simple only) 1.
 *
 * @example
 * ```ts
 * PROCEDURE_CLASS_RANK.interventional; // 4
 * ```
 */
export const PROCEDURE_CLASS_RANK: Readonly<Record<ProcedureClass | 'conservative', 1 | 2 | 3 | 4>> = {
  surgery: 4,
  interventional: 4,
  therapeutic: 3,
  diagnostic: 2,
  conservative: 1,
};

/**
 * One item of a diagnosis code set (DIP-RULES.md §3.3: ranges `C00-C75`, 1–3 character prefixes; §4.7 CC/MCC
 * lists). Codes are normalised ICD-10.
 *
 * - `code`: exactly this normalised code (`K35.300x001`);
 * - `prefix`: every code starting with it (`C34`, `C3`, `K35.3`);
 * - `range`: every code whose 3-character category lies in `[from, to]` inclusive (`C00`–`C75`).
 *
 * @example
 * ```ts
 * const solid: DxSetItem = { kind: 'range', from: 'C00', to: 'C75' };
 * ```
 */
export type DxSetItem =
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'prefix'; readonly prefix: string }
  | { readonly kind: 'range'; readonly from: string; readonly to: string };

/** A diagnosis code set: any item matches (OR). */
export type DxSet = readonly DxSetItem[];

/**
 * Diagnosis matcher of a packet (主要诊断匹配), DIP-RULES.md §3.3, §4.2:
 *
 * - `subcategory`: the principal diagnosis' first 5 characters equal `key` (`K35.3`, `A86.x`) — core packets;
 * - `category`: its first 3 characters equal `key` (`K35`) — comprehensive packets, 3.0 merge packets; `mark`
 *   keeps a DIP 3.0 dictionary dagger/asterisk mark (`A17+-1` → `dagger`, `G01*-1` → `asterisk`);
 * - `set`: any item of a code set (lists, ranges `A00-A99`, prefixes) — chapter packets, Hubei comprehensive keys;
 * - `any`: every principal diagnosis (所有诊断, DIP 3.0 pre-groups; blank packet).
 *
 * @example
 * ```ts
 * const m: DxMatcher = { kind: 'subcategory', key: 'K35.3' };
 * ```
 */
export type DxMatcher =
  | { readonly kind: 'subcategory'; readonly key: string }
  | { readonly kind: 'category'; readonly key: string; readonly mark?: 'dagger' | 'asterisk' }
  | { readonly kind: 'set'; readonly items: DxSet }
  | { readonly kind: 'any' };

/**
 * A procedure code in a requirement (手术操作), normalised ICD-9-CM-3. `isShort` marks a catalog code shorter
 * than 7 characters (`47.0`): under `procedureCodeMatch = 'prefixForShortCodes'` it covers every code starting
 * with it (DIP-RULES.md §3.3, §4.6; Hubei 2023 code: 襄阳, 荆门).
 *
 * @example
 * ```ts
 * const p: ProcedureRef = { code: '47.0100', isShort: false };
 * ```
 */
export interface ProcedureRef {
  readonly code: string;
  readonly isShort: boolean;
}

/**
 * The internal requirement form every notation parses into (DIP-RULES.md §3.3, §4.2; DIP 3.0 draft ch. 3):
 * a diagnosis matcher, the main-procedure alternatives (any one of them; empty = conservative / no procedure),
 * and an ordered list of related-procedure groups (AND across groups, OR inside a group).
 *
 * @example
 * ```ts
 * // Pingdingshan `C34.1:32.4100_33.3903+40.5914`
 * const r: PacketRequirement = {
 *   dx: { kind: 'subcategory', key: 'C34.1' },
 *   main: [{ code: '32.4100', isShort: false }],
 *   related: [[{ code: '33.3903', isShort: false }], [{ code: '40.5914', isShort: false }]],
 * };
 * ```
 */
export interface PacketRequirement {
  readonly dx: DxMatcher;
  readonly main: readonly ProcedureRef[];
  readonly related: readonly (readonly ProcedureRef[])[];
}

/** A whole-number threshold with explicit inclusivity (DIP-RULES.md §0.2: 以上/以下 include, 超过/不满 exclude). */
export interface IntBound {
  readonly value: number;
  readonly inclusive: boolean;
}

/** An exact-decimal threshold (decimal string) with explicit inclusivity (DIP-RULES.md §0.2). */
export interface DecBound {
  readonly value: string;
  readonly inclusive: boolean;
}

/**
 * Declarative condition of an auxiliary subtype (辅助分型触发条件), DIP-RULES.md §4.7 (DIP 3.0 draft ch. 5 §2 二;
 * 3.0 auxiliary notes; Hubei 2023 code). Data only — the grouper evaluates it, nothing is `eval`ed.
 *
 * - `ageDays` / `ageYears`: 天龄 / 年龄 band (`ageDays ≤ 28`; `1 ≤ age ≤ 6`); an absent bound is open;
 * - `death`: 离院方式 = 5;
 * - `los`: length-of-stay band (`severityMinLos = 3`, inclusive);
 * - `secondaryDx`: some secondary diagnosis in `codes` (at least `minCount`, default 1), not counting codes in
 *   `excludeWhenPrincipalIn` when the principal diagnosis is in it (CC/MCC exclusions); with
 *   `differentCategoryFromPrincipal` only secondary codes of another 3-character category count;
 * - `metastasis`: a malignant secondary diagnosis (`codes`, e.g. `C00-C97`) of a different category than the
 *   principal — the tumour-severity rule (4);
 * - `chemotherapy` / `radiotherapy`: a listed procedure in `procedures` and/or a secondary diagnosis in
 *   `secondaryDx` (e.g. Z51.1 / Z51.0) — at least one of the two must be given;
 * - `procedure`: some listed procedure in `codes`;
 * - `icuDays`: 重症监护天数 band (2–7, 8–14, 15–30, ≥ 31), exact decimals;
 * - `cciLevel`: Charlson comorbidity index sum band (none 0; 1–2; 3–4; ≥ 5);
 * - `highCost`: cost ≥ `multiple` × packet standard and `share` of cost (治疗费 excl. 手术费, or drugs) ≥ `minShare`;
 * - `all` / `any` / `not`: combinators.
 *
 * @example
 * ```ts
 * // 中度: a secondary diagnosis in the important-organ list and LOS 3 天以上
 * const c: AuxCondition = { kind: 'all', conditions: [
 *   { kind: 'secondaryDx', codes: [{ kind: 'prefix', prefix: 'J18' }] },
 *   { kind: 'los', min: { value: 3, inclusive: true } },
 * ] };
 * ```
 */
export type AuxCondition =
  | { readonly kind: 'ageDays'; readonly min?: IntBound; readonly max?: IntBound }
  | { readonly kind: 'ageYears'; readonly min?: IntBound; readonly max?: IntBound }
  | { readonly kind: 'death' }
  | { readonly kind: 'los'; readonly min?: IntBound; readonly max?: IntBound }
  | {
      readonly kind: 'secondaryDx';
      readonly codes: DxSet;
      readonly excludeWhenPrincipalIn?: DxSet;
      readonly minCount?: number;
      readonly differentCategoryFromPrincipal?: boolean;
    }
  | { readonly kind: 'metastasis'; readonly codes: DxSet }
  | { readonly kind: 'chemotherapy'; readonly procedures?: readonly ProcedureRef[]; readonly secondaryDx?: DxSet }
  | { readonly kind: 'radiotherapy'; readonly procedures?: readonly ProcedureRef[]; readonly secondaryDx?: DxSet }
  | { readonly kind: 'procedure'; readonly codes: readonly ProcedureRef[] }
  | { readonly kind: 'icuDays'; readonly min?: DecBound; readonly max?: DecBound }
  | { readonly kind: 'cciLevel'; readonly min?: IntBound; readonly max?: IntBound }
  | {
      readonly kind: 'highCost';
      readonly multiple: DecBound;
      readonly share?: { readonly of: 'treatmentExclSurgery' | 'drug'; readonly min: DecBound };
    }
  | { readonly kind: 'all'; readonly conditions: readonly AuxCondition[] }
  | { readonly kind: 'any'; readonly conditions: readonly AuxCondition[] }
  | { readonly kind: 'not'; readonly condition: AuxCondition };

/**
 * Auxiliary subtype type (辅助分型类型), DIP-RULES.md §4.7: CCI, 疾病严重程度, 肿瘤严重程度, 年龄, 入住 ICU,
 * 次要诊断病种 (1.0), or a local custom rule.
 */
export type AuxSubtypeType = 'cci' | 'severity' | 'tumourSeverity' | 'age' | 'icu' | 'secondaryDx' | 'custom';

/**
 * One auxiliary subtype of a packet (辅助分型), DIP-RULES.md §4.7, §5.9 (DIP 3.0 draft ch. 5 §2 二; Hubei 2023 code:
 * each auxiliary row carries its own points, factor, average cost and LOS). A case qualifying for several subtypes
 * takes the one with the highest `triggerCoefficient` (decimal comparison), falling back to `coefficient`.
 *
 * @example
 * ```ts
 * const s: AuxSubtype = {
 *   id: 'age-0-28d', type: 'age', condition: { kind: 'ageDays', max: { value: 28, inclusive: true } },
 *   coefficient: '1.25' as Ratio,
 * };
 * ```
 */
export interface AuxSubtype {
  /** Stable id, unique within the packet (e.g. `II`, `age-1-6`). */
  readonly id: string;
  readonly type: AuxSubtypeType;
  /** Local level name (`I-A`, `重度`, `IV-B`). */
  readonly level?: string;
  readonly name?: string;
  readonly condition: AuxCondition;
  /** 辅助分型调节系数 `a_j = m_j / M`, exact decimal string. */
  readonly coefficient: Ratio;
  /** Trigger coefficient used to pick among several qualifying subtypes; defaults to `coefficient`. */
  readonly triggerCoefficient?: Ratio;
  /** Own points when the catalog publishes them (Hubei 2023 code). */
  readonly points?: Points;
  /** Own average cost. */
  readonly averageCost?: Yuan;
  /** Own average LOS (days, decimal string). */
  readonly averageStay?: string;
}

/** DIP 3.0 core layer (DIP-RULES.md §4.3): 先期分组, 并项, 诊断辅助细分, 基本规则. */
export type CoreLayer = 'preGroup' | 'merge' | 'dxAssisted' | 'base';

/** Fallback packet type (DIP-RULES.md §4.5): Pingdingshan `CPnn` chapter packet, 空白病组 KBBZ, 保底组. */
export type FallbackType = 'chapterPacket' | 'blankPacket' | 'floorPacket';

/**
 * Fields every packet has: code, points (exact, as published), provenance, and the optional statistics of the
 * Pingdingshan statistics sheet `中间结果` (DIP-RULES.md §3.4, §5.11).
 */
export interface PacketBase extends PacketRequirement {
  /** 病种编码, the authoritative key, normalised (`A09.9:44.1300x001`). */
  readonly code: string;
  readonly kind: PacketKind;
  /** 基层病种: a core packet flagged primary-care; no institution coefficient (DIP 3.0 draft ch. 3 §4). */
  readonly isPrimaryCare: boolean;
  /** Display name (e.g. 主诊断名称 + 主要操作名称). */
  readonly name?: string;
  /** 病种分值 RW, the exact published decimal string (never re-rounded). */
  readonly points: Points;
  /** Packet average cost `m_i` (DIP_AVG_FEE). */
  readonly averageCost?: Yuan;
  /** Average cost per hospital level (key: local level id, e.g. `3`, `2`, `1`). */
  readonly averageCostByLevel?: Readonly<Record<string, Yuan>>;
  /** Average length of stay in days (AVG_IPT_DAYS), decimal string. */
  readonly averageStay?: string;
  /** Cost coefficient of variation (CV), decimal string. */
  readonly cv?: Ratio;
  /** Case count behind the statistics (BILL_COUNT). */
  readonly caseCount?: number;
  /** DISCUSS_FLAG = 1 (inferred: for expert discussion), metadata only. */
  readonly discussFlag?: boolean;
  /** Auxiliary subtypes (辅助分型), DIP-RULES.md §4.7; default none. */
  readonly auxSubtypes?: readonly AuxSubtype[];
  /** 1-based physical line of the row the packet came from (for issues and traces), in the file named by `origin`. */
  readonly line?: number;
  /**
   * Where the packet came from when not from the catalog sheet: `statistics` = a statistics-only row (Pingdingshan:
   * the 88 `CPnn`, `KBBZ` and the 3 `U07:*` rows of `中间结果`, DIP-RULES.md §3.4). Absent = the catalog itself.
   */
  readonly origin?: 'statistics';
}

/**
 * 核心病种 (DIP-RULES.md §3.1): conservative (`main` empty), procedural, or with related procedures.
 *
 * @example
 * ```ts
 * const p: CorePacket = { code: 'A03.9', kind: 'core', isPrimaryCare: false, points: '385.35787' as Points,
 *   dx: { kind: 'subcategory', key: 'A03.9' }, main: [], related: [] };
 * ```
 */
export interface CorePacket extends PacketBase {
  readonly kind: 'core';
  /** DIP 3.0 layer; absent = `base`. */
  readonly layer?: CoreLayer;
}

/**
 * 综合病种 (DIP-RULES.md §3.1, §4.4): category + procedure-class group; `main` and `related` are empty.
 *
 * @example
 * ```ts
 * const p: ComprehensivePacket = { code: 'M12:SS', kind: 'comprehensive', isPrimaryCare: false,
 *   points: '1934.124276' as Points, dx: { kind: 'category', key: 'M12' }, main: [], related: [], group: 'surgery' };
 * ```
 */
export interface ComprehensivePacket extends PacketBase {
  readonly kind: 'comprehensive';
  readonly group: ComprehensiveGroup;
  /** Surgical-grade split (Jining, Tai'an 2023 code): 1, 2 or 3. */
  readonly grade?: 1 | 2 | 3;
}

/** 中医优势病种 (DIP-RULES.md §3.1; DIP 3.0 draft ch. 3 §3): excluded from auxiliary subtypes. */
export interface TcmPacket extends PacketBase {
  readonly kind: 'tcm';
}

/**
 * Fallback packet (DIP-RULES.md §3.4, §4.5): Pingdingshan `CPnn:GROUP` (chapter × class, 1,000 points),
 * 空白病组 `KBBZ`, 保底组.
 *
 * @example
 * ```ts
 * const p: FallbackPacket = { code: 'CP09:SS', kind: 'fallback', isPrimaryCare: false, points: '1000' as Points,
 *   dx: { kind: 'set', items: [{ kind: 'range', from: 'I00', to: 'I99' }] }, main: [], related: [],
 *   fallbackType: 'chapterPacket', chapter: '09', group: 'surgery' };
 * ```
 */
export interface FallbackPacket extends PacketBase {
  readonly kind: 'fallback';
  readonly fallbackType: FallbackType;
  /** ICD-10 chapter '01'..'22' of a chapter packet. */
  readonly chapter?: string;
  /** Procedure-class group of a chapter packet. */
  readonly group?: ComprehensiveGroup;
}

/** Any packet; narrow on `kind`. */
export type Packet = CorePacket | ComprehensivePacket | TcmPacket | FallbackPacket;

/**
 * A loaded catalog with its lookup maps (DIP-RULES.md §3, §4.8: the trace names catalog id and content hash).
 *
 * Lookups (all keys normalised):
 * - `byCode`: packet code → packet;
 * - `coreBySubcategory`: subcategory key → core/TCM packets keyed by `subcategory` (catalog order);
 * - `coreOther`: core/TCM packets whose matcher is not a subcategory (3.0 pre-group/merge layers);
 * - `comprehensiveByCategory`: category → comprehensive packets of that category (one per group, or per grade);
 * - `comprehensiveOther`: comprehensive packets keyed by sets/prefixes/ranges (Hubei);
 * - `fallbacks`: fallback packets in catalog order.
 */
export interface Catalog {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  /** Content hash of the canonical content (`fnv1a64:` + 16 hex digits), see `catalogContentHash`. */
  readonly contentHash: string;
  readonly packets: readonly Packet[];
  readonly byCode: ReadonlyMap<string, Packet>;
  readonly coreBySubcategory: ReadonlyMap<string, readonly (CorePacket | TcmPacket)[]>;
  readonly coreOther: readonly (CorePacket | TcmPacket)[];
  readonly comprehensiveByCategory: ReadonlyMap<string, readonly ComprehensivePacket[]>;
  readonly comprehensiveOther: readonly ComprehensivePacket[];
  readonly fallbacks: readonly FallbackPacket[];
  /** Principal diagnoses excluded from grouping (DIP 3.0 workbook: 4,742 codes), default empty. */
  readonly excludedPrincipalDx: DxSet;
  /** Procedures removed before matching (排除手术操作, DIP 3.0 workbook: 4,111 codes), normalised. */
  readonly ignoredProcedures: ReadonlySet<string>;
  /** `M`, the regional average cost per case (REGION_AVE_VAL), when known. */
  readonly regionAverageCost?: Yuan;
}

/** Catalog metadata given when building (everything of {@link Catalog} that is not derived). */
export interface CatalogMeta {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly regionAverageCost?: Yuan;
  readonly excludedPrincipalDx?: DxSet;
  readonly ignoredProcedures?: readonly string[];
}
