/**
 * Types of the grouper (入组): options, the discriminated per-case result and its trace
 * (DIP-RULES.md §4.1–§4.8; DIP 3.0 draft ch. 3 §2–§3).
 *
 * @module
 */
import type { Issue } from '../core/issue.js';
import type { Ratio } from '../decimal/brands.js';
import type {
  AuxSubtype,
  CoreLayer,
  Packet,
  PacketKind,
  ProcedureClass as CatalogProcedureClass,
} from '../catalog/types.js';
import type { AuxiliaryOptions, GroupingOptions, ProcedureClass } from '../policy/schema.js';
import type { DischargeRecord } from '../records/types.js';

export type { ProcedureClass };

/**
 * Procedure class table (手术操作属性表, DIP-RULES.md §3.6; Code lists: 国临版 3.0 classes): normalised code →
 * class, `undefined` when the code is missing. A `ReadonlyMap` fits; so does the catalog module's
 * `ProcedureClassTable` (`src/catalog/procedureClasses.ts`), whose `entries()` are copied into a map once.
 */
export type ProcedureClassTable =
  | { get(code: string): CatalogProcedureClass | undefined }
  | { entries(): Iterable<[string, CatalogProcedureClass]> };

/**
 * Charlson comorbidity dictionary (CCI 字典, DIP-RULES.md §4.7; 3.0 auxiliary notes attachment 1): a diagnosis code
 * or prefix (full code, 5-character subcategory or 3-character category) → comorbidity type and weight (1, 2, 3, 6).
 * Each comorbidity type counts once.
 */
export interface CciDictionary {
  get(codeOrPrefix: string): { readonly type: string; readonly weight: number } | undefined;
}

/** How much of the decision the trace keeps: `full` (every candidate and why it lost) or `summary` (the path). */
export type TraceLevel = 'full' | 'summary';

/** Options of {@link createGrouper}. */
export interface GrouperOptions {
  /** The §4.6 grouping options (resolved, defaults filled): `DEFAULT_GROUPING_OPTIONS` or a resolved policy. */
  readonly options: GroupingOptions;
  /** The §4.7 auxiliary options; default `DEFAULT_AUXILIARY_OPTIONS`. */
  readonly auxiliary?: AuxiliaryOptions;
  /**
   * Procedure class table (required: comprehensive routing depends on it). Read once per distinct code and cached
   * (bounded): it must not change after `createGrouper`.
   */
  readonly procedureClasses: ProcedureClassTable;
  /** CCI dictionary for `cciLevel` auxiliary conditions; without it those conditions never hold (reported once). */
  readonly cciDictionary?: CciDictionary;
  /** Trace level; default `full`. */
  readonly trace?: TraceLevel;
  /**
   * Memoise the base grouping (default `false`): every step that depends only on the principal diagnosis and the
   * procedures (raw strings as the record holds them) is computed once per distinct combination and shared, in a
   * trie of at most 100,000 results / 400,000 nodes (cleared when full: memory stays flat, about 0.8 KiB per
   * distinct combination); the auxiliary subtype, caseId and hospitalId stay per case,
   * and a choice made by the `closestAverageCost` tie-break (it reads the case's total cost) is never memoised.
   * Results are identical with or without it (property test `tests/grouping/memo.test.ts`); results of one key share
   * their immutable parts (issue objects, trace arrays). Off by default: in one pass over fresh records the trie
   * look-up costs about what it saves (`bench/grouper-ab.ts`: 200,000 and 1,870,844 synthetic rows); it pays when
   * the same records are grouped again (−28 % over 3 passes). Without the memo the grouper still caches the base by the
   * raw principal diagnosis, then the raw procedure fields (two generations, same rules: see `DxBases` and `CacheLimits` in `grouper.ts`).
   */
  readonly memo?: boolean;
}

/**
 * Why a case is not grouped (未入组原因), DIP-RULES.md §4.1 steps 0, 2, 9 and §4.5:
 *
 * - `INVALID_PRINCIPAL_DX`: empty or not an ICD-10 code shape;
 * - `EXCLUDED_PRINCIPAL_DX`: on the "not usable as principal diagnosis" list (DIP 3.0 draft ch. 3 §2 一);
 * - `NO_PACKET_FOR_DIAGNOSIS`: no core packet for the subcategory and no comprehensive packet for any dx key;
 * - `NO_COMPREHENSIVE_CATEGORY`: the subcategory has core packets but none fits, and the category has no
 *   comprehensive packet;
 * - `NO_COMPREHENSIVE_GROUP`: the category has comprehensive packets but not the case's group (nor, under
 *   `comprehensiveMissingGroup = 'medicalGroup'`, a 内科诊疗组).
 */
export type UngroupedReason =
  | 'INVALID_PRINCIPAL_DX'
  | 'EXCLUDED_PRINCIPAL_DX'
  | 'NO_PACKET_FOR_DIAGNOSIS'
  | 'NO_COMPREHENSIVE_CATEGORY'
  | 'NO_COMPREHENSIVE_GROUP';

/** Every reason code, for summaries. */
export const UNGROUPED_REASONS: readonly UngroupedReason[] = [
  'INVALID_PRINCIPAL_DX',
  'EXCLUDED_PRINCIPAL_DX',
  'NO_PACKET_FOR_DIAGNOSIS',
  'NO_COMPREHENSIVE_CATEGORY',
  'NO_COMPREHENSIVE_GROUP',
];

/**
 * The step of the pipeline that placed the case (DIP-RULES.md §4.1):
 * `core` (steps 3–5, a procedural core packet), `conservativeCore` (step 6: no procedure after exclusions),
 * `coreConservativeFallback` (宜昌 option, §4.5), `comprehensive` (step 7), `comprehensiveMedicalGroup`
 * (step 7, category lacking the class group → its 内科诊疗组), `chapterPacket` / `blankPacket` / `floorPacket` /
 * `coreConservative` (step 8 fallback chain).
 */
export type GroupRoute =
  | 'core'
  | 'conservativeCore'
  | 'coreConservativeFallback'
  | 'comprehensive'
  | 'comprehensiveMedicalGroup'
  | 'coreConservative'
  | 'chapterPacket'
  | 'blankPacket'
  | 'floorPacket';

/**
 * Why a core candidate lost (DIP-RULES.md §4.2, §4.6):
 * `relatedUnmatched` (subset mode: a related group has no matching procedure), `fewerRelatedMatched` (a candidate
 * with more related groups matched exists), `notPrincipalOnly` (overlapCount, nothing matched: the principal-only
 * packet is preferred), `kindOrder` (TCM order, §4.1), `classLadder` (typePriority), `layerOrder` (3.0 layers), a
 * tie-break criterion name, or `finalPacketCode` (still tied after the configured chain: lowest code wins).
 */
export type EliminationCriterion =
  | 'relatedUnmatched'
  | 'fewerRelatedMatched'
  | 'notPrincipalOnly'
  | 'kindOrder'
  | 'classLadder'
  | 'layerOrder'
  | GroupingOptions['tieBreak'][number]
  | 'finalPacketCode';

/** One core candidate in a `full` trace. */
export interface CandidateTrace {
  readonly packetCode: string;
  /** The case procedure that played the MAIN role. */
  readonly mainUsed: string;
  /** Related groups satisfied / total (AND segments). */
  readonly relatedMatched: number;
  readonly relatedTotal: number;
  /** Absent on the winner. */
  readonly eliminatedBy?: EliminationCriterion;
}

/** One step the case went through, in order. `outcome` is a short machine-readable word, `detail` optional text. */
export interface TraceStep {
  readonly step:
    | 'normalize'
    | 'exclusions'
    | 'core'
    | 'conservativeCore'
    | 'coreConservativeFallback'
    | 'comprehensive'
    | 'fallback'
    | 'auxiliary';
  readonly outcome: string;
  readonly detail?: string;
}

/** Which auxiliary rules held, and which one won (DIP-RULES.md §4.7). */
export interface AuxTrace {
  /** Ids of the packet's subtypes whose condition held, in catalog order. */
  readonly fired: readonly string[];
  /** Winner id; absent when none held. */
  readonly chosen?: string;
  /** How the winner was picked: `highestTrigger` / `highestCoefficient`; ties → first in catalog order. */
  readonly rule?: string;
}

/**
 * The explanation of one case (DIP-RULES.md §4.8): the steps, the subcategory and category keys, the procedures
 * after exclusions, every core candidate (full level) and the auxiliary decision. Catalog id, content hash and the
 * option set are on {@link Grouper.info} (shared by every case, not copied).
 */
export interface GroupTrace {
  readonly level: TraceLevel;
  readonly steps: readonly TraceStep[];
  /** Normalised principal diagnosis used for grouping (dagger part). */
  readonly principalDx: string;
  /** Subcategory key (亚目) and category (类目). */
  readonly subcategory: string;
  readonly category: string;
  /** Procedures removed by the catalog's exclusion list (排除手术操作). */
  readonly ignoredProcedures: readonly string[];
  /** Core candidates (full level only; empty in summary). */
  readonly candidates: readonly CandidateTrace[];
  readonly auxiliary?: AuxTrace;
}

/** Fields of every result. */
interface ResultBase {
  readonly caseId: string;
  readonly hospitalId: string;
  /** Problems found while grouping this case (unknown procedure classes, excluded diagnosis …). */
  readonly caseIssues: readonly Issue[];
  readonly trace: GroupTrace;
}

/** A grouped case (入组). */
export interface GroupedResult extends ResultBase {
  readonly status: 'grouped';
  readonly packet: Packet;
  readonly packetCode: string;
  readonly kind: PacketKind;
  /** 基层病种 (DIP 3.0 draft ch. 3 §4). */
  readonly isPrimaryCare: boolean;
  /** DIP 3.0 core layer; `undefined` for comprehensive and fallback packets. */
  readonly layer: CoreLayer | undefined;
  /** Class of the case's deciding procedure (`comprehensiveClassFrom`), `conservative` without one. */
  readonly procClass: ProcedureClass;
  readonly route: GroupRoute;
  /** Procedures the packet used: MAIN first, then one per related group in catalog order. */
  readonly matchedProcedures: readonly string[];
  /** The case's other procedures (after exclusions), sorted. */
  readonly unmatchedProcedures: readonly string[];
  /** 辅助分型 chosen (DIP-RULES.md §4.7); `undefined` when none applies. */
  readonly auxSubtype: AuxSubtype | undefined;
  /** 辅助分型调节系数, `'1'` when no subtype applies. */
  readonly auxCoef: Ratio;
}

/** An ungrouped case (未入组), with its reason code. */
export interface UngroupedResult extends ResultBase {
  readonly status: 'ungrouped';
  readonly reason: UngroupedReason;
  /** Class of the case's deciding procedure, when it got that far. */
  readonly procClass: ProcedureClass | undefined;
}

/** The result of grouping one case: narrow on `status`. */
export type GroupResult = GroupedResult | UngroupedResult;

/** What a grouper was built from (DIP-RULES.md §4.8: catalog id, content hash, option set in force). */
export interface GrouperInfo {
  readonly catalogId: string;
  readonly catalogHash: string;
  readonly options: GroupingOptions;
  readonly auxiliary: AuxiliaryOptions;
  /** Options or catalog features the grouper cannot honour (reported once, not per case). */
  readonly warnings: readonly Issue[];
}

/** A compiled grouper. */
export interface Grouper {
  readonly info: GrouperInfo;
  /** Group one discharge record. Never throws on bad input: an ungroupable case is `ungrouped` with a reason. */
  group(record: DischargeRecord): GroupResult;
}
