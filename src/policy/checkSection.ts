/**
 * Semantic checks of one resolved section (after its zod shape passed): band coverage, threshold order,
 * shares that must add up to at most 1, values required by a chosen option. Each check pushes `Issue`s
 * with the path into the policy JSON and goes on, so all problems are reported at once.
 */
import type { Issue } from '../core/issue.js';
import { dec } from '../decimal/index.js';
import { policyIssue, type PolicyPath } from './policyIssue.js';
import type {
  AssessmentBand,
  AuxiliaryOptions,
  CatalogBuildOptions,
  CoefficientOptions,
  GroupingOptions,
  IntBand,
  OutlierOptions,
  PointValueOptions,
  RoundingOptions,
  SectionName,
  SettlementOptions,
  SpecialCaseOptions,
  UngroupedOptions,
} from './schema.js';

/** Where a section value sits and when it is in force. */
export interface CheckContext {
  /** Path of the entry's `value`. */
  readonly path: PolicyPath;
  readonly from?: string;
  readonly to?: string;
  readonly push: (issue: Issue) => void;
}

/** 2025 Handling Rules art. 26: the quality deposit is "不超过 5%". Applies to entries in force on or after this date. */
export const DEPOSIT_CAP_FROM = '2025-01-01';
export const DEPOSIT_CAP = '0.05';

const lt = (a: string, b: string): boolean => dec(a).lt(dec(b));
const lte = (a: string, b: string): boolean => dec(a).lte(dec(b));

function duplicates<T>(items: readonly T[], ctx: CheckContext, field: string, label: string): void {
  const seen = new Set<T>();
  items.forEach((item, i) => {
    if (seen.has(item)) ctx.push(policyIssue('policy.duplicate_item', [...ctx.path, field, i], `${label} lists "${String(item)}" twice`, { zh: `${field} 中 "${String(item)}" 重复出现` }));
    seen.add(item);
  });
}

function checkGrouping(v: GroupingOptions, ctx: CheckContext): void {
  duplicates(v.tieBreak, ctx, 'tieBreak', 'tieBreak');
  duplicates(v.comprehensiveDxKeys, ctx, 'comprehensiveDxKeys', 'comprehensiveDxKeys');
  duplicates(v.fallbackChain, ctx, 'fallbackChain', 'fallbackChain');
  if (v.layers !== undefined) duplicates(v.layers, ctx, 'layers', 'layers');
}

/** Integer bands (ICU days, CCI): `min ≤ max`, ascending, no overlap, only the last one open-ended. Gaps are allowed (no subtype there). */
function checkIntBands(bands: readonly IntBand[], ctx: CheckContext, field: string): void {
  duplicates(bands.map((b) => b.id), ctx, field, `${field} ids`);
  bands.forEach((b, i) => {
    if (b.max !== undefined && b.max < b.min) {
      ctx.push(policyIssue('policy.band_order', [...ctx.path, field, i, 'max'], `${field}[${i}]: max ${b.max} is below min ${b.min}`, { zh: `${field}[${i}] 的上限 ${b.max} 小于下限 ${b.min}` }));
    }
    if (i === 0) return;
    const prev = bands[i - 1]!;
    if (b.min < prev.min) {
      ctx.push(policyIssue('policy.band_order', [...ctx.path, field, i, 'min'], `${field} must be in ascending order: ${b.min} comes after ${prev.min}`, { zh: `${field} 必须按升序排列` }));
    } else if (prev.max === undefined || b.min <= prev.max) {
      ctx.push(policyIssue('policy.band_overlap', [...ctx.path, field, i, 'min'], `${field}[${i}] (from ${b.min}) overlaps ${field}[${i - 1}] (${prev.min}–${prev.max ?? '∞'})`, { zh: `${field}[${i}] 与前一分段重叠` }));
    }
  });
}

function ageDays(spec: string): { unit: 'd' | 'y'; n: number } {
  return { unit: spec.endsWith('d') ? 'd' : 'y', n: Number(spec.slice(0, -1)) };
}

/** `a < b` for ages like `29d`, `1y`; undefined when days vs years cannot be compared exactly. */
function ageLess(a: string, b: string): boolean | undefined {
  const x = ageDays(a);
  const y = ageDays(b);
  if (x.unit === y.unit) return x.n < y.n;
  if (x.unit === 'd') return x.n < 365 * y.n ? true : x.n >= 366 * y.n ? false : undefined;
  return 366 * x.n <= y.n ? true : 365 * x.n >= y.n ? false : undefined;
}

function checkAuxiliary(v: AuxiliaryOptions, ctx: CheckContext): void {
  duplicates(v.auxApplyTo, ctx, 'auxApplyTo', 'auxApplyTo');
  duplicates(v.ageBands.map((b) => b.id), ctx, 'ageBands', 'ageBands ids');
  v.ageBands.forEach((b, i) => {
    if (b.to !== undefined && ageLess(b.from, b.to) === false) {
      ctx.push(policyIssue('policy.band_order', [...ctx.path, 'ageBands', i, 'to'], `ageBands[${i}]: to ${b.to} must be after from ${b.from}`, { zh: `ageBands[${i}] 的上限必须大于下限` }));
    }
    const prev = v.ageBands[i - 1];
    if (prev !== undefined && (prev.to === undefined || ageLess(b.from, prev.to) === true)) {
      ctx.push(policyIssue('policy.band_overlap', [...ctx.path, 'ageBands', i, 'from'], `ageBands[${i}] starts at ${b.from}, before ageBands[${i - 1}] ends (${prev.to ?? 'open-ended'})`, { zh: `ageBands[${i}] 与前一年龄段重叠` }));
    }
  });
  checkIntBands(v.icuBands, ctx, 'icuBands');
  checkIntBands(v.cciBands, ctx, 'cciBands');
}

function checkCoefficients(v: CoefficientOptions, ctx: CheckContext): void {
  const seen = new Set<string>();
  v.byPacket.forEach((p, i) => {
    if ((p.level === undefined) === (p.hospitalId === undefined)) {
      ctx.push(policyIssue('policy.coefficient_target', [...ctx.path, 'byPacket', i], `byPacket[${i}] for ${p.packetCode}: give exactly one of level and hospitalId`, { zh: `byPacket[${i}]（${p.packetCode}）必须且只能指定 level 或 hospitalId 之一` }));
      return;
    }
    const key = `${p.level === undefined ? `h:${p.hospitalId ?? ''}` : `l:${p.level}`}|${p.packetCode}`;
    if (seen.has(key)) ctx.push(policyIssue('policy.duplicate_item', [...ctx.path, 'byPacket', i], `byPacket[${i}] repeats the coefficient of ${p.packetCode} for ${p.level ?? p.hospitalId ?? ''}`, { zh: `byPacket[${i}] 重复定义了 ${p.packetCode} 的系数` }));
    seen.add(key);
  });
  duplicates(v.innovationBonusPoints.map((b) => b.id), ctx, 'innovationBonusPoints', 'innovationBonusPoints ids');
}

function checkOutlier(v: OutlierOptions, ctx: CheckContext): void {
  const p = ctx.path;
  if (!lt(v.lowThreshold, v.highThreshold)) {
    ctx.push(policyIssue('policy.threshold_order', [...p, 'lowThreshold'], `lowThreshold ${v.lowThreshold} must be below highThreshold ${v.highThreshold}`, { zh: `低倍率阈值 ${v.lowThreshold} 必须小于高倍率阈值 ${v.highThreshold}` }));
  }
  if (v.highUpper !== undefined && !lt(v.highThreshold, v.highUpper)) {
    ctx.push(policyIssue('policy.threshold_order', [...p, 'highUpper'], `highUpper ${v.highUpper} must be above highThreshold ${v.highThreshold}`, { zh: `高倍率上限 ${v.highUpper} 必须大于高倍率阈值 ${v.highThreshold}` }));
  }
  if (v.extremeThreshold !== undefined) {
    if (!lt(v.highThreshold, v.extremeThreshold)) {
      ctx.push(policyIssue('policy.threshold_order', [...p, 'extremeThreshold'], `extremeThreshold ${v.extremeThreshold} must be above highThreshold ${v.highThreshold}`, { zh: `极端病例阈值 ${v.extremeThreshold} 必须大于高倍率阈值 ${v.highThreshold}` }));
    }
    if (v.highUpper !== undefined && !lte(v.highUpper, v.extremeThreshold)) {
      ctx.push(policyIssue('policy.threshold_order', [...p, 'highUpper'], `highUpper ${v.highUpper} must not exceed extremeThreshold ${v.extremeThreshold}`, { zh: `高倍率上限 ${v.highUpper} 不得超过极端病例阈值 ${v.extremeThreshold}` }));
    }
  }
  v.highThresholdSteps?.forEach((s, i) => {
    if (!lt(v.lowThreshold, s.threshold)) {
      ctx.push(policyIssue('policy.threshold_order', [...p, 'highThresholdSteps', i, 'threshold'], `highThresholdSteps[${i}].threshold ${s.threshold} must be above lowThreshold ${v.lowThreshold}`, { zh: `分段高倍率阈值必须大于低倍率阈值 ${v.lowThreshold}` }));
    }
    const prev = v.highThresholdSteps?.[i - 1];
    if (prev !== undefined && !lt(prev.fromReference, s.fromReference)) {
      ctx.push(policyIssue('policy.band_order', [...p, 'highThresholdSteps', i, 'fromReference'], `highThresholdSteps must have strictly ascending fromReference`, { zh: 'highThresholdSteps 的 fromReference 必须严格递增' }));
    }
  });
  const additiveFormula = v.highFormula === 'ratioMinusTwoPlusCoef';
  if (additiveFormula !== (v.coefInHigh === 'additive')) {
    ctx.push(
      policyIssue('policy.inconsistent_option', [...p, 'coefInHigh'], `coefInHigh "${v.coefInHigh}" does not fit highFormula "${v.highFormula}" (the (ρ − 2 + c) formula adds the coefficient: use "additive" with it and only with it)`, {
        severity: 'warning',
        zh: '高倍率公式 (ρ − 2 + c) 应与 coefInHigh = "additive" 搭配使用',
      }),
    );
  }
  duplicates(v.applyToKinds, ctx, 'applyToKinds', 'applyToKinds');
}

function checkUngrouped(v: UngroupedOptions, ctx: CheckContext): void {
  if (v.ungroupedPolicy === 'fixedPoints' && v.fixedPoints === undefined) {
    ctx.push(policyIssue('policy.missing_value', [...ctx.path, 'fixedPoints'], 'ungroupedPolicy "fixedPoints" needs fixedPoints', { zh: '未入组病例按固定分值结算时必须给出 fixedPoints' }));
  }
  if (v.ungroupedPolicy === 'blankPacket' && v.blankPacketFactor === undefined) {
    ctx.push(policyIssue('policy.missing_value', [...ctx.path, 'blankPacketFactor'], 'ungroupedPolicy "blankPacket" needs blankPacketFactor', { zh: '未入组病例入空白病组时必须给出 blankPacketFactor' }));
  }
}

function checkSpecialCase(_v: SpecialCaseOptions, _ctx: CheckContext): void {
  // Shape checks cover it; quota rounding vs rounding.quota is checked at resolution (different timelines).
}

function checkPointValue(v: PointValueOptions, ctx: CheckContext): void {
  const p = ctx.path;
  if (v.pointValueRegime === 'fixed' && v.fixedPointValue === undefined) {
    ctx.push(policyIssue('policy.missing_value', [...p, 'fixedPointValue'], 'pointValueRegime "fixed" needs fixedPointValue', { zh: '固定点值方式必须给出 fixedPointValue' }));
  }
  if (v.pointValueRegime === 'elastic' && v.elastic.form === 'baseFixedIncrementFloating' && v.fixedPointValue === undefined) {
    ctx.push(policyIssue('policy.missing_value', [...p, 'fixedPointValue'], 'elastic form "baseFixedIncrementFloating" needs fixedPointValue (PV of the base volume)', { zh: '弹性点值（基础量固定、增量浮动）必须给出 fixedPointValue' }));
  }
  if (v.pvCap !== undefined && v.pvFloor !== undefined && dec(v.pvFloor).gt(dec(v.pvCap))) {
    ctx.push(policyIssue('policy.threshold_order', [...p, 'pvFloor'], `pvFloor ${v.pvFloor} is above pvCap ${v.pvCap}`, { zh: `点值下限 ${v.pvFloor} 高于点值上限 ${v.pvCap}` }));
  }
  if (!lt(v.pvTrimQuantiles[0], v.pvTrimQuantiles[1])) {
    ctx.push(policyIssue('policy.threshold_order', [...p, 'pvTrimQuantiles', 1], `pvTrimQuantiles: upper ${v.pvTrimQuantiles[1]} must be above lower ${v.pvTrimQuantiles[0]}`, { zh: '剔除分位数的上限必须大于下限' }));
  }
  duplicates(v.bookedAmountComponents, ctx, 'bookedAmountComponents', 'bookedAmountComponents');
}

/**
 * Assessment bands (§8.5): ascending `minScore`; the first starts at score 0 inclusive; two bands may share a
 * `minScore` only as "= x" (inclusive) followed by "> x" (exclusive). Each band runs to the next band's start,
 * the last one has no upper limit, so every score ≥ 0 falls in exactly one band.
 */
function checkAssessmentBands(bands: readonly AssessmentBand[], ctx: CheckContext): void {
  const p = [...ctx.path, 'assessmentBands'];
  const first = bands[0];
  if (first !== undefined && (!dec(first.minScore).isZero() || !first.minInclusive)) {
    ctx.push(policyIssue('policy.band_gap', [...p, 0, 'minScore'], `the first assessment band must start at score 0 (inclusive) so that every score is covered; it starts at ${first.minInclusive ? '≥' : '>'} ${first.minScore}`, { zh: `第一个考核分段必须从 0 分（含）开始，当前为 ${first.minInclusive ? '≥' : '>'} ${first.minScore}` }));
  }
  bands.forEach((b, i) => {
    const prev = bands[i - 1];
    if (prev === undefined) return;
    const cmp = dec(b.minScore).cmp(dec(prev.minScore));
    if (cmp < 0 || (cmp === 0 && !prev.minInclusive && b.minInclusive)) {
      ctx.push(policyIssue('policy.band_order', [...p, i, 'minScore'], `assessment bands must be in ascending order of minScore: ${b.minScore} comes after ${prev.minScore}`, { zh: '考核分段必须按 minScore 升序排列' }));
    } else if (cmp === 0) {
      ctx.push(policyIssue('policy.band_overlap', [...p, i, 'minScore'], `assessment bands ${i - 1} and ${i} both start at ${b.minInclusive ? '≥' : '>'} ${b.minScore}`, { zh: `考核分段 ${i - 1} 与 ${i} 起点相同，相互重叠` }));
    }
  });
}

/** Corridor bands (§8.4) `[from, to)` as fractions of D: start at 0, contiguous, last one open-ended. */
function checkCorridorBands(bands: readonly { from: string; to?: string | undefined }[], ctx: CheckContext, field: 'surplusBands' | 'overrunBands'): void {
  const p = [...ctx.path, 'surplusCorridor', field];
  const first = bands[0];
  if (first !== undefined && !dec(first.from).isZero()) {
    ctx.push(policyIssue('policy.band_gap', [...p, 0, 'from'], `${field} must start at 0; the first band starts at ${first.from}`, { zh: `${field} 必须从 0 开始` }));
  }
  bands.forEach((b, i) => {
    if (b.to !== undefined && !lt(b.from, b.to)) {
      ctx.push(policyIssue('policy.band_order', [...p, i, 'to'], `${field}[${i}]: to ${b.to} must be above from ${b.from}`, { zh: `${field}[${i}] 的上限必须大于下限` }));
    }
    const prev = bands[i - 1];
    if (prev !== undefined) {
      if (prev.to === undefined) {
        ctx.push(policyIssue('policy.band_overlap', [...p, i, 'from'], `${field}[${i - 1}] is open-ended, so ${field}[${i}] overlaps it`, { zh: `${field}[${i - 1}] 没有上限，与 ${field}[${i}] 重叠` }));
      } else {
        const cmp = dec(b.from).cmp(dec(prev.to));
        if (cmp > 0) ctx.push(policyIssue('policy.band_gap', [...p, i, 'from'], `${field}: gap between ${prev.to} and ${b.from}`, { zh: `${field} 在 ${prev.to} 与 ${b.from} 之间存在空档` }));
        if (cmp < 0) ctx.push(policyIssue('policy.band_overlap', [...p, i, 'from'], `${field}[${i}] starts at ${b.from}, before ${field}[${i - 1}] ends at ${prev.to}`, { zh: `${field}[${i}] 与前一分段重叠` }));
      }
    }
    if (i === bands.length - 1 && b.to !== undefined) {
      ctx.push(policyIssue('policy.band_gap', [...p, i, 'to'], `the last band of ${field} must be open-ended (no "to") so every gap size is covered`, { zh: `${field} 的最后一个分段不得设上限` }));
    }
  });
}

function entryReaches(ctx: CheckContext, date: string): boolean {
  return ctx.from !== undefined && (ctx.to === undefined || ctx.to > date);
}

function checkSettlement(v: SettlementOptions, ctx: CheckContext): void {
  const p = ctx.path;
  if (dec(v.prepayRatio).plus(dec(v.qualityDepositRate)).gt(1)) {
    ctx.push(policyIssue('policy.share_sum', [...p, 'qualityDepositRate'], `prepayRatio ${v.prepayRatio} + qualityDepositRate ${v.qualityDepositRate} exceed 1`, { zh: `预付比例 ${v.prepayRatio} 与质量保证金比例 ${v.qualityDepositRate} 之和超过 1` }));
  }
  if (dec(v.qualityDepositRate).gt(dec(DEPOSIT_CAP)) && entryReaches(ctx, DEPOSIT_CAP_FROM)) {
    ctx.push(
      policyIssue('policy.exceeds_cap', [...p, 'qualityDepositRate'], `qualityDepositRate ${v.qualityDepositRate} is above the 5 % cap of the 2025 Handling Rules art. 26 ("不超过 5%") for a period in force from ${DEPOSIT_CAP_FROM}`, {
        severity: 'warning',
        zh: `质量保证金比例 ${v.qualityDepositRate} 超过《按病种付费医疗保障经办管理规程（2025 版）》第二十六条"不超过 5%"的上限`,
      }),
    );
  }
  checkAssessmentBands(v.assessmentBands, ctx);
  checkCorridorBands(v.surplusCorridor.surplusBands, ctx, 'surplusBands');
  checkCorridorBands(v.surplusCorridor.overrunBands, ctx, 'overrunBands');
}

function checkRounding(_v: RoundingOptions, _ctx: CheckContext): void {
  // Shape checks cover every rule.
}

function checkCatalogBuild(v: CatalogBuildOptions, ctx: CheckContext): void {
  if (!lt(v.trimQuantiles[0], v.trimQuantiles[1])) {
    ctx.push(policyIssue('policy.threshold_order', [...ctx.path, 'trimQuantiles', 1], `trimQuantiles: upper ${v.trimQuantiles[1]} must be above lower ${v.trimQuantiles[0]}`, { zh: '剔除分位数的上限必须大于下限' }));
  }
  if (v.rwMethod === 'reference' && v.referencePacket === undefined) {
    ctx.push(policyIssue('policy.missing_value', [...ctx.path, 'referencePacket'], 'rwMethod "reference" needs referencePacket', { zh: '基准病种费用法必须给出 referencePacket' }));
  }
  if (v.rwMethod === 'fixed' && v.fixedAmount === undefined) {
    ctx.push(policyIssue('policy.missing_value', [...ctx.path, 'fixedAmount'], 'rwMethod "fixed" needs fixedAmount', { zh: '标准定额法必须给出 fixedAmount' }));
  }
}

const CHECKS: { readonly [K in SectionName]: (v: never, ctx: CheckContext) => void } = {
  grouping: checkGrouping,
  auxiliary: checkAuxiliary,
  coefficients: checkCoefficients,
  outlier: checkOutlier,
  ungrouped: checkUngrouped,
  specialCase: checkSpecialCase,
  pointValue: checkPointValue,
  settlement: checkSettlement,
  rounding: checkRounding,
  catalogBuild: checkCatalogBuild,
};

/**
 * Run the semantic checks of one section value (already shape-valid, defaults filled).
 *
 * @example
 * ```ts
 * const issues: Issue[] = [];
 * checkSection('outlier', { ...DEFAULT_OUTLIER_OPTIONS, lowThreshold: '2' }, { path: ['v'], push: (i) => issues.push(i) });
 * issues[0]?.code   // 'policy.threshold_order'
 * ```
 */
export function checkSection(section: SectionName, value: unknown, ctx: CheckContext): void {
  (CHECKS[section] as (v: unknown, c: CheckContext) => void)(value, ctx);
}
