import type { Issue } from '../core/issue.js';
import { warning } from '../core/issue.js';
import type { Dec, PointValue, Points, Ratio, RoundingRule, Yuan } from '../decimal/index.js';
import { dec, formatDecimal, roundDec, ZERO, HALF_UP_4, HALF_UP_6 } from '../decimal/index.js';
import type { DischargeRecord } from '../records/types.js';
import type {
  AuxCondition,
  AuxSubtype,
  AuxSubtypeType,
  Catalog,
  ComprehensiveGroup,
  ComprehensivePacket,
  CorePacket,
  FallbackPacket,
  Packet,
  ProcedureClass,
} from '../catalog/types.js';
import { indexCatalog } from '../catalog/indexCatalog.js';
import { ICD10_CHAPTERS, icd10Chapter } from '../codes/index.js';
import type { CatalogBuildOptions, CatalogBuildOptionsInput, PacketCoefficient, PointValueOptions } from '../policy/schema.js';
import { CatalogBuildOptionsSchema, DEFAULT_POINT_VALUE_OPTIONS } from '../policy/schema.js';
import type { ComboAcc, HistoryCase } from './historyAccumulator.js';
import type { YearSums } from './historyAccumulator.js';
import { HistoryAccumulator, addYear, newYearSums, yearTotalUnits } from './historyAccumulator.js';
import { unitsToYuan } from './costUnits.js';
import type { PacketCostStats } from './packetCostStats.js';
import { packetCostStats, withWeights, yearSumsTotals } from './packetCostStats.js';
import { yearWeightedMean } from './yearWeightedMean.js';
import type { PointsMethod } from './packetPoints.js';
import { packetPoints } from './packetPoints.js';
import { coverageThreshold } from './coreThreshold.js';
import { shouldSplitRelated } from './relatedSplit.js';
import type { CostMoments } from './costVariation.js';
import { coefficientOfVariation, momentsMean } from './costVariation.js';
import { levelCoefficient } from './institutionCoefficients.js';
import { isPrimaryCarePacket } from './primaryCare.js';
import { auxCoefficient, auxTrigger } from './auxSubtypeTrigger.js';
import { computeBudgetPointValue } from '../pointValue/budgetPointValue.js';
import type { BudgetCaseGroup } from '../pointValue/quantileBudgetPointValue.js';
import type { BudgetHospital2D } from '../pointValue/optimal2DBudgetPointValue.js';
import { computeBudgetPointValueByMethod } from '../pointValue/budgetPointValueByMethod.js';

/** A candidate auxiliary subtype (DIP-RULES.md §4.7, §5.9): its condition as data and an evaluator for it. */
export interface AuxCandidate {
  readonly id: string;
  readonly type: AuxSubtypeType;
  readonly condition: AuxCondition;
  /** Evaluates `condition` on a record (e.g. compiled with the grouper's `compileCondition`). */
  readonly test: (record: DischargeRecord) => boolean;
  readonly level?: string;
  readonly name?: string;
}

/**
 * What to do with comprehensive packets 综合病种 still below the core threshold (DIP 3.0 draft ch. 3 §3 三 (二):
 * "可予以剔除"; DIP-RULES.md §5.7):
 * - `drop` (default): no packet; the cases are reported as dropped (they would be ungrouped);
 * - `keep`: keep the small comprehensive packet with its own points;
 * - `chapter`: fold the cases into chapter × class fallback packets `CPnn:GROUP` (Pingdingshan 2025 catalog) with
 *   their own points (Pingdingshan sets them to 1,000 = one average case; ours come from their own mean cost).
 */
export type SmallComprehensivePolicy = 'drop' | 'keep' | 'chapter';

/** Inputs of {@link buildCatalog} that are not policy numbers: the window, lookups and builder choices. */
export interface CatalogBuildInputs {
  /** History years, ascending; aligned with `yearWeights` (the last weight goes to the last year). */
  readonly years: readonly number[];
  /** Procedure class table lookup (DIP-RULES.md §3.6); `undefined` = unknown code. */
  readonly procedureClass: (code: string) => ProcedureClass | undefined;
  /** Hospital → level / type label (for `c_L`, per-packet coefficients and primary care). */
  readonly hospitalLevel?: (hospitalId: string) => string | undefined;
  /** Level labels of primary-care institutions (基层医疗机构), for the primary-care share. */
  readonly primaryCareLevels?: readonly string[];
  /** Candidate auxiliary subtypes; none = no subtype analysis. */
  readonly auxCandidates?: readonly AuxCandidate[];
  /** Principal diagnoses excluded from grouping (same list as the grouper): counted in `rejected.excludedDx`, left out. */
  readonly excludedPrincipalDx?: (code: string) => boolean;
  /** Procedures removed before keying (the grouper's ignored / simple procedures). */
  readonly ignoredProcedure?: (code: string) => boolean;
  /** Which other procedures may form related-procedure combinations; default every other procedure. */
  readonly relatedCandidate?: (code: string) => boolean;
  /** Default `drop`. */
  readonly smallComprehensive?: SmallComprehensivePolicy;
  /**
   * Related-procedure split rule: `costIncrease` (default, DIP 2.0+: `Δ ≥ relatedSplitMin` and `count ≥ T`, §5.6) or
   * `countOnly` (every related combination with `count ≥ T` is its own packet, as in DIP 1.0 combinations; used to
   * rebuild catalogs such as Pingdingshan 2025, where 169 of 450 related packets with a principal-only sibling add
   * less than 10 % and 89 are cheaper than it). A related combination whose (subcategory, principal procedure) has no
   * principal-only case in the window cannot be compared and is kept as its own packet in both modes (the
   * Pingdingshan 2025 catalog has 58 such packets).
   */
  readonly relatedSplitMode?: 'costIncrease' | 'countOnly';
  /** Comprehensive routing of a principal procedure not in the class table: `drop` (default, counted) or `conservative`. */
  readonly unknownClass?: 'drop' | 'conservative';
  /** Minimum window cases of a level in a packet for a per-packet coefficient; default the core threshold. */
  readonly levelCoefMinCases?: number;
  /**
   * The policy's budget point value method (DIP-RULES.md §7.1; the `pointValue` section's `pvMethod`,
   * `pvTrimQuantiles`, `optimalWeighting`); default `mean` on the yearly totals. `quantile` trims each year's packet
   * cases by cost with this build's quantile definition (`percentileMethod`, `trimMinCases`, §5.3); `optimal1D` uses
   * each hospital's cost and re-scored points, `optimal2D` also `accountingCost`; all three make the accumulator keep
   * each case's hospital.
   */
  readonly budgetPointValue?: Pick<PointValueOptions, 'pvMethod' | 'pvTrimQuantiles' | 'optimalWeighting'> & Partial<Pick<PointValueOptions, 'optimal2D'>>;
  /** `optimal2D` only: a hospital's accounting cost 成本 (元) in a history year; every hospital-year with cases needs one. */
  readonly accountingCost?: (hospitalId: string, year: number) => string | undefined;
  /** Budget points basis (DIP-RULES.md §7.1): `withCoefficients` (default when levels are known) or `packetPoints`. */
  readonly budgetPointsBasis?: 'withCoefficients' | 'packetPoints';
  /** Named rounding rules (DIP-RULES.md §8.7); defaults 6 dp / 6 dp / 4 dp / 4 dp / 4 dp / 6 dp half-up. */
  readonly rounding?: Partial<{
    packetPoints: RoundingRule;
    meansPublished: RoundingRule;
    auxCoef: RoundingRule;
    levelCoef: RoundingRule;
    casePoints: RoundingRule;
    pointValue: RoundingRule;
  }>;
  /** Catalog labels. */
  readonly meta?: { readonly id: string; readonly name: string; readonly version: string };
}

/** Counts of packets per kind and sub-kind. */
export interface PacketKindCounts {
  core: number;
  coreConservative: number;
  coreProcedural: number;
  coreRelated: number;
  primaryCare: number;
  comprehensive: number;
  chapter: number;
}

/** The build report (DIP-RULES.md §5.11 monitoring statistics plus the builder's own accounting). */
export interface CatalogBuildReport {
  readonly years: readonly number[];
  readonly options: CatalogBuildOptions;
  readonly casesRead: number;
  readonly casesInWindow: number;
  readonly casesByYear: readonly number[];
  readonly rejected: { readonly badCost: number; readonly outsideWindow: number; readonly excludedDx: number };
  /** The core threshold `T` in force (fixed, or found by coverage). */
  readonly coreThreshold: number;
  readonly combinations: number;
  readonly packets: PacketKindCounts;
  /** Cases per destination; `dropped` = cases no packet took (small comprehensive under `drop`, unknown class, no chapter). */
  readonly coverage: {
    readonly core: number;
    readonly comprehensive: number;
    readonly chapter: number;
    readonly dropped: number;
    /** Share of window cases in core packets, 6 dp. */
    readonly coreShare: Ratio;
    /** Share of window cases in any packet, 6 dp. */
    readonly groupedShare: Ratio;
  };
  /**
   * Related-procedure combinations with `count ≥ T` (`candidates`), split into own packets (`split`), folded because
   * they add less than `relatedSplitMin` (`belowIncrease`), and split for lack of principal-only cases to compare
   * with (`noBase`, included in `split`).
   */
  readonly relatedSplit: {
    readonly candidates: number;
    readonly split: number;
    readonly belowIncrease: number;
    readonly noBase: number;
    readonly mode: 'costIncrease' | 'countOnly';
  };
  /** Combinations (principal dx + principal procedure, related folded in) below `T`, and their cases. */
  readonly underThreshold: { readonly combinations: number; readonly cases: number };
  readonly comprehensiveUnderThreshold: { readonly packets: number; readonly cases: number; readonly action: SmallComprehensivePolicy };
  readonly comprehensiveOverCvMax: number;
  readonly unknownClassCases: number;
  /** Packets by CV bucket (§5.11: CV < 0.5, > 1), over untrimmed window cases. */
  readonly cvBuckets: { readonly lt05: number; readonly '05to07': number; readonly '07to1': number; readonly gt1: number; readonly none: number };
  readonly trimmed: { readonly low: number; readonly high: number };
  readonly auxSubtypes: number;
}

/** Result of {@link buildCatalog}. */
export interface CatalogBuildResult {
  /** The catalog in the grouper's model (packets sorted by code), indexed. */
  readonly catalog: Catalog;
  readonly packets: readonly Packet[];
  /** `M`, the weighted regional mean cost per case, 6 dp. */
  readonly regionAverageCost: Yuan;
  /** Institution coefficients in the policy's `coefficients` shape: `c_L` by level, `c_{L,i}` per packet. */
  readonly coefficients: { readonly byLevel: Readonly<Record<string, string>>; readonly byPacket: readonly PacketCoefficient[] };
  /** Budget point value 预算点值 from the weighted years (DIP-RULES.md §7.1), 6 dp; absent without points. */
  readonly budgetPointValue?: PointValue;
  /** The method of `budgetPointValue` (`inputs.budgetPointValue.pvMethod`, default `mean`). */
  readonly budgetPointValueMethod: PointValueOptions['pvMethod'];
  readonly report: CatalogBuildReport;
  readonly issues: readonly Issue[];
}

interface Draft {
  code: string;
  kind: 'core' | 'comprehensive' | 'chapter';
  sub?: string;
  category?: string;
  main?: string;
  related?: readonly string[];
  group?: ComprehensiveGroup;
  chapter?: string;
  members: ComboAcc[];
  stats?: PacketCostStats;
  mean?: Dec;
}

const GROUP_CODE: Readonly<Record<ComprehensiveGroup, string>> = { surgery: 'SS', therapeutic: 'ZLXCZ', diagnostic: 'ZDXCZ', conservative: 'BSZL' };

/**
 * Build a region's catalog 病种库 and packet points 病种分值 from history (DIP-RULES.md §5; DIP 3.0 draft ch. 3 §1,
 * ch. 5 §1–§2, ch. 5 §4), streaming over the past years' records:
 *
 * 1. combinations 病种组合 = principal-dx subcategory + principal procedure + sorted set of related procedures;
 * 2. related-procedure combinations become packets only when `count ≥ T` and they add ≥ `relatedSplitMin` (10 %)
 *    to the principal-only mean (§5.6; see `relatedSplitMode` for the no-principal-only case); other related
 *    combinations fold into the most specific split packet whose related set they contain, else into their
 *    principal-only combination;
 * 3. combinations (related folded in) with `count ≥ T` are core packets 核心病种 (§5.5; `T` fixed — 15 city, 50
 *    province — or by coverage), the others fold into comprehensive packets 综合病种 by category and class of the
 *    principal procedure (§5.7), those still below `T` (or above `comprehensiveCvMax`) per `smallComprehensive`;
 * 4. packet means `m_i` over the window with year weights (1:2:7, §5.2) after quantile trimming (§5.3); regional
 *    `M` over all window cases (untrimmed); points by `rwMethod` (§5.4) rounded 6 dp half-up (§8.7);
 * 5. institution coefficients by level and per packet (§5.10), primary-care flags (§5.8), auxiliary subtypes
 *    (§5.9, previous-year data), budget point value (§7.1).
 *
 * The counting window for `T` is `thresholdWindow` (3-year total by default). CVs are over the untrimmed window cases.
 * Per-packet level coefficients compare untrimmed weighted means (level vs packet), for core packets with a principal
 * procedure whose level has at least `levelCoefMinCases` window cases (conservative packets use `c_L` only, §5.10);
 * the "no inversion" check of the text is left to the reviewer (not automated).
 *
 * @example
 * ```ts
 * const built = await buildCatalog(historyCases(), { coreThreshold: 15 }, {
 *   years: [2022, 2023, 2024], procedureClass: (c) => classTable.get(c),
 * });
 * built.report.packets.core;           // number of core packets
 * built.catalog.byCode.get('K35.3:47.0100')?.points;
 * ```
 */
export async function buildCatalog(
  history: AsyncIterable<HistoryCase> | Iterable<HistoryCase>,
  options: CatalogBuildOptionsInput | CatalogBuildOptions = {},
  inputs: CatalogBuildInputs,
): Promise<CatalogBuildResult> {
  const opts = CatalogBuildOptionsSchema.parse(options);
  const years = inputs.years;
  if (years.length !== opts.yearWeights.length) {
    throw new RangeError(`buildCatalog(): ${years.length} years but ${opts.yearWeights.length} year weights`);
  }
  for (let i = 1; i < years.length; i++) if (years[i]! <= years[i - 1]!) throw new RangeError('buildCatalog(): years must be ascending');
  const acc = new HistoryAccumulator({
    years,
    ...(inputs.relatedCandidate === undefined ? {} : { relatedCandidate: inputs.relatedCandidate }),
    ...(inputs.hospitalLevel === undefined ? {} : { hospitalLevel: inputs.hospitalLevel }),
    ...(inputs.primaryCareLevels === undefined ? {} : { primaryCareLevels: inputs.primaryCareLevels }),
    ...(inputs.auxCandidates === undefined ? {} : { auxTests: inputs.auxCandidates }),
    ...(inputs.excludedPrincipalDx === undefined ? {} : { excludedPrincipalDx: inputs.excludedPrincipalDx }),
    ...(inputs.ignoredProcedure === undefined ? {} : { ignoredProcedure: inputs.ignoredProcedure }),
    ...((inputs.budgetPointValue?.pvMethod ?? 'mean') === 'mean' ? {} : { caseHospitals: true }),
  });
  for await (const c of history) acc.add(c);
  return finishCatalog(acc, opts, inputs);
}

/**
 * Second stage of {@link buildCatalog}, on a filled {@link HistoryAccumulator} (exposed so callers can feed the
 * accumulator themselves, e.g. from several files in parallel readers).
 */
export function finishCatalog(acc: HistoryAccumulator, opts: CatalogBuildOptions, inputs: CatalogBuildInputs): CatalogBuildResult {
  const issues: Issue[] = [];
  const years = inputs.years;
  const Y = years.length;
  const last = Y - 1;
  const weights = opts.yearWeights.map((w) => dec(w));
  const r = {
    packetPoints: inputs.rounding?.packetPoints ?? HALF_UP_6,
    meansPublished: inputs.rounding?.meansPublished ?? HALF_UP_6,
    auxCoef: inputs.rounding?.auxCoef ?? HALF_UP_4,
    levelCoef: inputs.rounding?.levelCoef ?? HALF_UP_4,
    casePoints: inputs.rounding?.casePoints ?? HALF_UP_4,
    pointValue: inputs.rounding?.pointValue ?? HALF_UP_6,
  };
  const trim = { quantiles: [opts.trimQuantiles[0], opts.trimQuantiles[1]] as [string, string], minCases: opts.trimMinCases, method: opts.percentileMethod };
  let trimScope: 'packetYear' | 'packet' = 'packetYear';
  if (opts.trimScope === 'packet') trimScope = 'packet';
  else if (opts.trimScope === 'region') {
    issues.push(warning('catalogBuild.trim_scope_unsupported', 'trimScope "region" is not implemented; trimming per packet-year instead', { path: ['trimScope'] }));
  }
  const windowCount = (m: { costs: number[][] }): number =>
    opts.thresholdWindow === 'lastYear' ? m.costs[last]!.length : m.costs.reduce((s, l) => s + l.length, 0);
  const statsOf = (members: ComboAcc[]): PacketCostStats => packetCostStats(members, Y, trim, trimScope);
  const meanOf = (s: PacketCostStats): Dec | undefined => yearWeightedMean(withWeights(s.trimmedYears, weights), opts.yearWeighting);

  // Group combinations by (subcategory, principal procedure).
  const groups = new Map<string, ComboAcc[]>();
  for (const c of acc.combos.values()) {
    const k = `${c.sub}|${c.main}`;
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [c]);
    else g.push(c);
  }
  const groupCount = (g: ComboAcc[]): number => g.reduce((s, c) => s + windowCount(c), 0);
  const T = opts.coreThresholdMethod === 'coverage' ? coverageThreshold([...groups.values()].map(groupCount), opts.coverageTarget) : opts.coreThreshold;

  const drafts: Draft[] = [];
  const comprehensiveMembers = new Map<string, { category: string; group: ComprehensiveGroup; members: ComboAcc[] }>();
  let candidates = 0;
  let split = 0;
  let belowIncrease = 0;
  let noBase = 0;
  const splitMode = inputs.relatedSplitMode ?? 'costIncrease';
  let underCombos = 0;
  let underCases = 0;
  let unknownClassCases = 0;
  let dropped = 0;
  const windowCases = (members: readonly ComboAcc[]): number => members.reduce((s, c) => s + c.costs.reduce((t, l) => t + l.length, 0), 0);

  const byKey = (a: ComboAcc, b: ComboAcc): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  for (const g of [...groups.values()].map((x) => x.sort(byKey)).sort((a, b) => byKey(a[0]!, b[0]!))) {
    // sorted by key: the result never depends on the order of the records (ties below go to the first in key order)
    const first = g[0]!;
    const base = g.filter((c) => c.related.length === 0);
    const withRel = g.filter((c) => c.related.length > 0);
    const splitPackets: { related: readonly string[]; members: ComboAcc[] }[] = [];
    if (withRel.length > 0) {
      const mainMean = base.length > 0 ? meanOf(statsOf(base)) : undefined;
      for (const c of withRel) {
        if (windowCount(c) < T) continue;
        candidates++;
        let keep: boolean;
        if (splitMode === 'countOnly') keep = true;
        else if (mainMean === undefined) {
          keep = true;
          noBase++;
        } else {
          const m = meanOf(statsOf([c]));
          keep = m !== undefined && shouldSplitRelated({ meanWithRelated: m, meanMain: mainMean, count: windowCount(c) }, { minIncrease: opts.relatedSplitMin, threshold: T });
        }
        if (keep) {
          split++;
          splitPackets.push({ related: c.related, members: [c] });
        } else belowIncrease++;
      }
    }
    const baseMembers = [...base];
    for (const c of withRel) {
      if (splitPackets.some((s) => s.members[0] === c)) continue;
      let best: (typeof splitPackets)[number] | undefined;
      for (const s of splitPackets) {
        if (!s.related.every((p) => c.related.includes(p))) continue;
        if (best === undefined || s.related.length > best.related.length) best = s; // equal size: first in key order
      }
      (best === undefined ? baseMembers : best.members).push(c);
    }
    for (const s of splitPackets) {
      drafts.push({ code: `${first.sub}:${first.main}_${s.related.join('+')}`, kind: 'core', sub: first.sub, main: first.main, related: s.related, members: s.members });
    }
    if (baseMembers.length === 0) continue;
    const n = baseMembers.reduce((s, c) => s + windowCount(c), 0);
    if (n >= T) {
      drafts.push({ code: first.main === '' ? first.sub : `${first.sub}:${first.main}`, kind: 'core', sub: first.sub, main: first.main, related: [], members: baseMembers });
      continue;
    }
    underCombos++;
    underCases += windowCases(baseMembers);
    let group: ComprehensiveGroup;
    if (first.main === '') group = 'conservative';
    else {
      const cls = inputs.procedureClass(first.main);
      if (cls === undefined) {
        if ((inputs.unknownClass ?? 'drop') === 'drop') {
          const k = windowCases(baseMembers);
          unknownClassCases += k;
          dropped += k;
          continue;
        }
        group = 'conservative';
      } else group = cls === 'surgery' || cls === 'interventional' ? 'surgery' : cls;
    }
    const ck = `${first.category}:${GROUP_CODE[group]}`;
    let cm = comprehensiveMembers.get(ck);
    if (cm === undefined) comprehensiveMembers.set(ck, (cm = { category: first.category, group, members: [] }));
    cm.members.push(...baseMembers);
  }

  // Comprehensive packets, then the small ones per policy.
  const small = inputs.smallComprehensive ?? 'drop';
  let compUnderPackets = 0;
  let compUnderCases = 0;
  let compOverCv = 0;
  const cvMax = opts.comprehensiveCvMax === undefined ? undefined : dec(opts.comprehensiveCvMax);
  const chapterMembers = new Map<string, { chapter: string; group: ComprehensiveGroup; members: ComboAcc[] }>();
  for (const [code, cm] of [...comprehensiveMembers].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const n = cm.members.reduce((s, c) => s + windowCount(c), 0);
    const d: Draft = { code, kind: 'comprehensive', category: cm.category, group: cm.group, members: cm.members };
    let ok = n >= T;
    if (ok && cvMax !== undefined) {
      d.stats = statsOf(cm.members);
      const cv = coefficientOfVariation(d.stats.windowMoments, opts.cvStdDev);
      if (cv !== undefined && cv.gt(cvMax)) {
        ok = false;
        compOverCv++;
      }
    }
    if (ok || small === 'keep') {
      drafts.push(d);
      continue;
    }
    compUnderPackets++;
    const k = windowCases(cm.members);
    compUnderCases += k;
    if (small === 'drop') {
      dropped += k;
      continue;
    }
    const chapter = icd10Chapter(cm.category);
    if (chapter === undefined) {
      dropped += k;
      continue;
    }
    const key = `CP${chapter}:${GROUP_CODE[cm.group]}`;
    let ch = chapterMembers.get(key);
    if (ch === undefined) chapterMembers.set(key, (ch = { chapter, group: cm.group, members: [] }));
    ch.members.push(...cm.members);
  }
  for (const [code, ch] of [...chapterMembers].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    drafts.push({ code, kind: 'chapter', chapter: ch.chapter, group: ch.group, members: ch.members });
  }

  // Statistics and means.
  for (const d of drafts) {
    d.stats ??= statsOf(d.members);
    const m = meanOf(d.stats);
    if (m !== undefined) d.mean = m;
  }
  const regionMean = yearWeightedMean(withWeights(yearSumsTotals(acc.region), weights), opts.yearWeighting) ?? ZERO;
  let how: PointsMethod;
  if (opts.rwMethod === 'average') how = { method: 'average', regionMean, scale: dec(opts.rwScale) };
  else if (opts.rwMethod === 'fixed') {
    if (opts.fixedAmount === undefined) throw new RangeError('buildCatalog(): rwMethod "fixed" needs fixedAmount');
    how = { method: 'fixed', fixedAmount: dec(opts.fixedAmount) };
  } else {
    const ref = drafts.find((d) => d.code === opts.referencePacket);
    if (ref?.mean === undefined) throw new RangeError(`buildCatalog(): reference packet ${String(opts.referencePacket)} was not built`);
    how = { method: 'reference', referenceMean: ref.mean, scale: dec(opts.rwScale) };
  }

  // Institution coefficients by level.
  const byLevel: Record<string, string> = {};
  const levelCoef = new Map<string, Dec>();
  if (!regionMean.isZero()) {
    for (const [level, s] of [...acc.regionLevels].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const lm = yearWeightedMean(withWeights(yearSumsTotals(s), weights), opts.yearWeighting);
      if (lm === undefined) continue;
      const c = levelCoefficient(lm, regionMean, r.levelCoef);
      levelCoef.set(level, c);
      byLevel[level] = formatDecimal(c);
    }
  }
  const levelMin = inputs.levelCoefMinCases ?? T;
  const primaryLevels = inputs.primaryCareLevels ?? [];

  const packets: Packet[] = [];
  const byPacket: PacketCoefficient[] = [];
  const kinds: PacketKindCounts = { core: 0, coreConservative: 0, coreProcedural: 0, coreRelated: 0, primaryCare: 0, comprehensive: 0, chapter: 0 };
  const cover = { core: 0, comprehensive: 0, chapter: 0 };
  const cvBuckets = { lt05: 0, '05to07': 0, '07to1': 0, gt1: 0, none: 0 };
  let trimmedLow = 0;
  let trimmedHigh = 0;
  let auxCount = 0;
  const costByYear: Dec[] = years.map(() => ZERO);
  const pointsByYear: Dec[] = years.map(() => ZERO);
  const withCoefs = (inputs.budgetPointsBasis ?? (inputs.hospitalLevel === undefined ? 'packetPoints' : 'withCoefficients')) === 'withCoefficients';
  const pvMethod = inputs.budgetPointValue?.pvMethod ?? 'mean';
  const byCase = pvMethod === 'mean' ? undefined : new BudgetCases(acc, Y, inputs.hospitalLevel);

  for (const d of drafts.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    const s = d.stats!;
    if (d.mean === undefined) {
      // No year with cases left after trimming: no mean, so no points. Reported, never silently missing.
      issues.push(warning('catalogBuild.no_mean', `packet ${d.code}: no cases in the window after trimming, so no mean cost and no points; left out of the catalog`));
      continue;
    }
    const points = packetPoints(d.mean, how, r.packetPoints);
    const cv = coefficientOfVariation(s.windowMoments, opts.cvStdDev);
    trimmedLow += s.trimmedLow;
    trimmedHigh += s.trimmedHigh;
    if (cv === undefined) cvBuckets.none++;
    else if (cv.lt('0.5')) cvBuckets.lt05++;
    else if (cv.lte('0.7')) cvBuckets['05to07']++;
    else if (cv.lte('1')) cvBuckets['07to1']++;
    else cvBuckets.gt1++;
    const averageCostByLevel: Record<string, Yuan> = {};
    const packetLevelCoef = new Map<string, Dec>();
    const untrimmedWeighted = yearWeightedMean(withWeights(s.untrimmedYears, weights), opts.yearWeighting);
    for (const [level, ls] of [...s.levels].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const lm = yearWeightedMean(withWeights(yearSumsTotals(ls), weights), opts.yearWeighting);
      if (lm === undefined) continue;
      averageCostByLevel[level] = formatDecimal(roundDec(lm, r.meansPublished)) as Yuan;
      const lc = ls.n.reduce((a, b) => a + b, 0);
      if (d.kind === 'core' && d.main !== '' && lc >= levelMin && untrimmedWeighted !== undefined && !untrimmedWeighted.isZero()) {
        packetLevelCoef.set(level, levelCoefficient(lm, untrimmedWeighted, r.levelCoef));
      }
    }
    const isPrimaryCare =
      d.kind === 'core' && primaryLevels.length > 0 && isPrimaryCarePacket({ primaryCases: s.primaryCases, cases: s.cases, cv }, { shareMin: opts.primaryCareShareMin, cvMax: opts.primaryCareCvMax });
    if (!isPrimaryCare) for (const [level, c] of packetLevelCoef) byPacket.push({ level, packetCode: d.code, coef: formatDecimal(c) });
    const common = {
      code: d.code,
      isPrimaryCare,
      points: formatDecimal(points) as Points,
      averageCost: formatDecimal(roundDec(d.mean, r.meansPublished)) as Yuan,
      ...(Object.keys(averageCostByLevel).length > 0 ? { averageCostByLevel } : {}),
      ...(s.cases > 0 ? { averageStay: formatDecimal(roundDec(dec(s.losSum).div(s.cases), r.meansPublished)) } : {}),
      ...(cv === undefined ? {} : { cv: formatDecimal(roundDec(cv, r.meansPublished)) as Ratio }),
      caseCount: s.cases,
    };
    // Budget totals: cost and (re-scored) points per year.
    for (let y = 0; y < Y; y++) {
      costByYear[y] = costByYear[y]!.plus(s.untrimmedYears[y]!.total);
      if (!withCoefs || isPrimaryCare || s.levels.size === 0) {
        pointsByYear[y] = pointsByYear[y]!.plus(points.times(s.casesByYear[y]!));
      } else {
        let leveled = 0;
        for (const [level, ls] of s.levels) {
          const c = packetLevelCoef.get(level) ?? levelCoef.get(level) ?? dec(1);
          const n = ls.n[y]!;
          leveled += n;
          pointsByYear[y] = pointsByYear[y]!.plus(roundDec(points.times(c), r.casePoints).times(n));
        }
        pointsByYear[y] = pointsByYear[y]!.plus(points.times(s.casesByYear[y]! - leveled));
      }
    }
    // The same case points, case by case, for the quantile / optimal-interval methods: a case at a hospital of level L
    // scores round(points × c, casePoints) with c as above, any other case the bare packet points.
    byCase?.addPacket(d.members, (level) => {
      if (!withCoefs || isPrimaryCare || level === undefined) return points;
      return roundDec(points.times(packetLevelCoef.get(level) ?? levelCoef.get(level) ?? dec(1)), r.casePoints);
    });
    if (d.kind === 'core') {
      const aux = inputs.auxCandidates === undefined || isPrimaryCare ? [] : auxSubtypesOf(s, inputs.auxCandidates, opts, r.auxCoef);
      auxCount += aux.length;
      const p: CorePacket = {
        ...common,
        kind: 'core',
        dx: { kind: 'subcategory', key: d.sub! },
        main: d.main === '' ? [] : [{ code: d.main!, isShort: d.main!.length < 7 }],
        related: d.related!.map((c) => [{ code: c, isShort: c.length < 7 }]),
        ...(aux.length > 0 ? { auxSubtypes: aux } : {}),
      };
      packets.push(p);
      kinds.core++;
      if (isPrimaryCare) kinds.primaryCare++;
      if (d.main === '') kinds.coreConservative++;
      else if (d.related!.length === 0) kinds.coreProcedural++;
      else kinds.coreRelated++;
      cover.core += s.cases;
    } else if (d.kind === 'comprehensive') {
      const p: ComprehensivePacket = { ...common, kind: 'comprehensive', dx: { kind: 'category', key: d.category! }, main: [], related: [], group: d.group! };
      packets.push(p);
      kinds.comprehensive++;
      cover.comprehensive += s.cases;
    } else {
      const range = ICD10_CHAPTERS.find((c) => c.chapter === d.chapter)!;
      const p: FallbackPacket = {
        ...common,
        kind: 'fallback',
        dx: { kind: 'set', items: [{ kind: 'range', from: range.from, to: range.to }] },
        main: [],
        related: [],
        fallbackType: 'chapterPacket',
        chapter: d.chapter!,
        group: d.group!,
      };
      packets.push(p);
      kinds.chapter++;
      cover.chapter += s.cases;
    }
  }

  const inWindow = acc.region.n.reduce((a, b) => a + b, 0);
  const share = (k: number): Ratio => formatDecimal(inWindow === 0 ? ZERO : roundDec(dec(k).div(inWindow), HALF_UP_6)) as Ratio;
  const regionAverageCost = formatDecimal(roundDec(regionMean, r.meansPublished)) as Yuan;
  const meta = inputs.meta ?? { id: 'built', name: 'Catalog built from history', version: `${years[0]}-${years[last]}` };
  const catalog = indexCatalog({ ...meta, regionAverageCost }, packets);
  // Budget point value (§7.1) by the one implementation in src/pointValue, with this build's year weights.
  const pvResult =
    byCase === undefined || inputs.budgetPointValue === undefined
      ? computeBudgetPointValue(
          years.map((_, y) => ({ cost: costByYear[y]!, points: pointsByYear[y]! })),
          { pointValue: { yearWeights: opts.yearWeights, pvMethod: 'mean' }, rounding: { pointValue: r.pointValue } },
        )
      : computeBudgetPointValueByMethod(
          byCase.complete ? (pvMethod === 'quantile' ? { caseGroups: byCase.caseGroups } : { hospitals: byCase.hospitals(years, inputs.accountingCost) }) : {},
          { pointValue: { optimal2D: DEFAULT_POINT_VALUE_OPTIONS.optimal2D, ...inputs.budgetPointValue, yearWeights: opts.yearWeights }, rounding: { pointValue: r.pointValue } },
          { method: opts.percentileMethod, minCases: opts.trimMinCases },
        );
  const pv = pvResult.ok ? pvResult.value.pointValue : undefined;
  if (!pvResult.ok) for (const i of pvResult.issues) issues.push(warning(i.code, `no budget point value: ${i.message}`));
  else if (pvResult.warnings !== undefined) issues.push(...pvResult.warnings);
  const report: CatalogBuildReport = {
    years,
    options: opts,
    casesRead: acc.casesRead,
    casesInWindow: inWindow,
    casesByYear: [...acc.region.n],
    rejected: { badCost: acc.badCost, outsideWindow: acc.outsideWindow, excludedDx: acc.excludedDx },
    coreThreshold: T,
    combinations: acc.combos.size,
    packets: kinds,
    coverage: { ...cover, dropped, coreShare: share(cover.core), groupedShare: share(cover.core + cover.comprehensive + cover.chapter) },
    relatedSplit: { candidates, split, belowIncrease, noBase, mode: splitMode },
    underThreshold: { combinations: underCombos, cases: underCases },
    comprehensiveUnderThreshold: { packets: compUnderPackets, cases: compUnderCases, action: small },
    comprehensiveOverCvMax: compOverCv,
    unknownClassCases,
    cvBuckets,
    trimmed: { low: trimmedLow, high: trimmedHigh },
    auxSubtypes: auxCount,
  };
  if (acc.badCost > 0) issues.push(warning('catalogBuild.bad_cost', `${acc.badCost} cases skipped: total cost is not an exact amount with at most 4 decimal places`));
  if (acc.excludedDx > 0) issues.push(warning('catalogBuild.excluded_principal_dx', `${acc.excludedDx} cases skipped: principal diagnosis on the exclusion list`));
  if (acc.outsideWindow > 0) issues.push(warning('catalogBuild.outside_window', `${acc.outsideWindow} cases skipped: year outside ${years.join(', ')}`));
  return {
    catalog,
    packets,
    regionAverageCost,
    coefficients: { byLevel, byPacket },
    ...(pv === undefined ? {} : { budgetPointValue: formatDecimal(pv) as PointValue }),
    budgetPointValueMethod: pvMethod,
    report,
    issues,
  };
}

/**
 * The packet cases of a build seen case by case, for the budget point value's `quantile` and `optimal1D` methods
 * (DIP-RULES.md §7.1): per year, groups of cases sharing one points value (packet × hospital level), and per hospital
 * the exact yearly cost (integer units) and points. Needs `ComboAcc.caseHospitals` (`caseHospitals` accumulator
 * option); without it `complete` turns false and the method reports its data missing. Only packets that enter the
 * `mean` totals are added (same cases, same case points), so quantiles `(0, 1)` reproduce the `mean` totals.
 */
class BudgetCases {
  /** Per year, the case groups of every added packet. */
  readonly caseGroups: BudgetCaseGroup[][];
  complete = true;
  private readonly hospitalCost = new Map<number, YearSums>();
  private readonly hospitalPoints = new Map<number, Dec[]>();
  private readonly levels: (string | undefined)[] = [];

  constructor(
    private readonly acc: HistoryAccumulator,
    private readonly years: number,
    private readonly hospitalLevel: ((hospitalId: string) => string | undefined) | undefined,
  ) {
    this.caseGroups = Array.from({ length: years }, () => []);
  }

  private levelOf(h: number): string | undefined {
    if (h >= this.levels.length) for (let i = this.levels.length; i <= h; i++) this.levels.push(this.hospitalLevel?.(this.acc.hospitalIds[i]!));
    return this.levels[h];
  }

  /** Add one packet's cases; `pointsOf(level)` is a case's points at a hospital of that level (undefined = none). */
  addPacket(members: readonly ComboAcc[], pointsOf: (level: string | undefined) => Dec): void {
    const byLevel = new Map<string | undefined, { points: Dec; costs: number[][] }>();
    const counts = new Map<number, number[]>();
    for (const m of members) {
      if (m.caseHospitals === undefined) {
        this.complete = false;
        return;
      }
      for (let y = 0; y < this.years; y++) {
        const costs = m.costs[y]!;
        const hs = m.caseHospitals[y]!;
        for (let i = 0; i < costs.length; i++) {
          const h = hs[i]!;
          const level = this.levelOf(h);
          let g = byLevel.get(level);
          if (g === undefined) byLevel.set(level, (g = { points: pointsOf(level), costs: Array.from({ length: this.years }, () => []) }));
          g.costs[y]!.push(costs[i]!);
          let hc = this.hospitalCost.get(h);
          if (hc === undefined) this.hospitalCost.set(h, (hc = newYearSums(this.years)));
          addYear(hc, y, costs[i]!);
          let c = counts.get(h);
          if (c === undefined) counts.set(h, (c = new Array<number>(this.years).fill(0)));
          c[y]! += 1;
        }
      }
    }
    for (const g of byLevel.values()) for (let y = 0; y < this.years; y++) if (g.costs[y]!.length > 0) this.caseGroups[y]!.push({ points: g.points, costs: g.costs[y]! });
    for (const [h, c] of counts) {
      const p = pointsOf(this.levelOf(h));
      let hp = this.hospitalPoints.get(h);
      if (hp === undefined) this.hospitalPoints.set(h, (hp = new Array<Dec>(this.years).fill(ZERO)));
      for (let y = 0; y < this.years; y++) if (c[y]! > 0) hp[y] = hp[y]!.plus(p.times(c[y]!));
    }
  }

  /** Each hospital with cases in an added packet: yearly cost (yuan), points and, when `accountingCost` gives one, accounting cost. */
  hospitals(years: readonly number[], accountingCost?: (hospitalId: string, year: number) => string | undefined): BudgetHospital2D[] {
    return [...this.hospitalCost].map(([h, s]) => {
      const id = this.acc.hospitalIds[h]!;
      return {
        hospitalId: id,
        years: Array.from({ length: this.years }, (_, y) => {
          const a = accountingCost?.(id, years[y]!);
          return { cost: unitsToYuan(yearTotalUnits(s, y)), points: this.hospitalPoints.get(h)![y]!, ...(a === undefined ? {} : { accountingCost: a }) };
        }),
      };
    });
  }
}

function subtract(a: CostMoments, b: CostMoments): CostMoments {
  return { n: a.n - b.n, sum: a.sum - b.sum, sumSq: a.sumSq - b.sumSq };
}

/**
 * Auxiliary subtypes of one core packet from its previous-year (last window year) cases (DIP-RULES.md §5.9):
 * candidate packets have CV > `auxCandidateCv`; a subtype is introduced when `n > N1`, `n_j > N2` and the CV drops by
 * ≥ `auxCvDropMin`, where `CV_after` is the case-weighted mean of the subtype's and the rest's CVs (or, `pooled`,
 * the pooled within-group SD over the packet mean). `a_j = m_j / M` rounded 4 dp.
 */
function auxSubtypesOf(s: PacketCostStats, candidates: readonly AuxCandidate[], opts: CatalogBuildOptions, rounding: RoundingRule): AuxSubtype[] {
  const all = s.lastYearMoments;
  const cvBefore = coefficientOfVariation(all, opts.cvStdDev);
  const packetMean = momentsMean(all);
  if (cvBefore === undefined || packetMean === undefined || !cvBefore.gt(dec(opts.auxCandidateCv))) return [];
  const out: AuxSubtype[] = [];
  for (const c of candidates) {
    const mj = s.aux.get(c.id);
    if (mj === undefined || mj.n === 0 || mj.n === all.n) continue;
    const rest = subtract(all, mj);
    const cvJ = coefficientOfVariation(mj, opts.cvStdDev);
    const cvR = coefficientOfVariation(rest, opts.cvStdDev);
    if (cvJ === undefined || cvR === undefined) continue;
    let cvAfter: Dec;
    if (opts.cvAfter === 'pooled') {
      const ss = (m: CostMoments): Dec => dec((BigInt(m.n) * m.sumSq - m.sum * m.sum).toString()).div(m.n);
      const pooledVar = ss(mj).plus(ss(rest)).div(all.n - 2).div(1e8);
      cvAfter = pooledVar.sqrt().div(packetMean);
    } else cvAfter = cvJ.times(mj.n).plus(cvR.times(rest.n)).div(all.n);
    if (!auxTrigger({ packetCases: all.n, subtypeCases: mj.n, cvBefore, cvAfter }, { n1: opts.auxN1, n2: opts.auxN2, cvDropMin: opts.auxCvDropMin })) continue;
    const meanJ = momentsMean(mj)!;
    out.push({
      id: c.id,
      type: c.type,
      condition: c.condition,
      ...(c.level === undefined ? {} : { level: c.level }),
      ...(c.name === undefined ? {} : { name: c.name }),
      coefficient: formatDecimal(auxCoefficient(meanJ, packetMean, rounding)) as Ratio,
      averageCost: formatDecimal(roundDec(meanJ, HALF_UP_6)) as Yuan,
    });
  }
  return out;
}
