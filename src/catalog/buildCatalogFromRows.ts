/**
 * Catalog assembly and validation from rows of strings (DIP-RULES.md §3.3, §3.4, §5.12). Pure: the Node loader
 * (`src/io/loadCatalog.ts`) maps file headers to the canonical columns below and hands over the rows.
 *
 * Bad input never disappears: every rejected row yields an error `Issue` naming its line, column, code and
 * message; loading goes on; `summary` counts reconcile (`rows = accepted + rejected`).
 *
 * @module
 */
import { excerpt, issue, warning } from '../core/issue.js';
import type { Issue, Result } from '../core/issue.js';
import { dec } from '../decimal/dec.js';
import { parseDecimal } from '../decimal/parse.js';
import type { Points, Yuan } from '../decimal/brands.js';
import { normalizeDiagnosisCode, normalizeProcedureCode } from '../codes/normalize.js';
import { auxSubtypeSchema } from './catalogSchema.js';
import { indexCatalog } from './indexCatalog.js';
import { parseCommaAll } from './notation/commaAll.js';
import { parseDip3ComprehensiveKey, parseDip3Diagnosis, parseDip3Procedures } from './notation/dip3.js';
import { parsePingdingshanCode } from './notation/pingdingshan.js';
import type { PingdingshanCode } from './notation/pingdingshan.js';
import { parsePlusSlash } from './notation/plusSlash.js';
import { splitMainRelated } from './notation/procedureRef.js';
import { COMPREHENSIVE_GROUP_BY_CODE } from './types.js';
import type {
  AuxSubtype,
  Catalog,
  CatalogMeta,
  ComprehensiveGroup,
  CoreLayer,
  DxMatcher,
  FallbackType,
  Packet,
  PacketKind,
  ProcedureRef,
} from './types.js';

/**
 * Procedure notation of a catalog (DIP-RULES.md §3.3): `pingdingshan` (the packet code carries everything),
 * `plusSlash` (Hubei; also our canonical CSV), `commaAll` (Jining, Tai'an), `dip3` (DIP 3.0 workbook).
 */
export type CatalogNotation = 'pingdingshan' | 'plusSlash' | 'commaAll' | 'dip3';

/**
 * Canonical catalog columns. Pingdingshan headers map as 序号 → seq, 病种编码 → code, 病种类型 → kind, 主诊断代码 → dx,
 * 主诊断名称 → dxName, 主要操作代码 → main, 主要操作名称 → mainName, 其他操作代码 → related, 其他操作名称 →
 * relatedName, 病种分值 → points.
 */
export type CatalogColumn =
  | 'seq'
  | 'code'
  | 'kind'
  | 'dx'
  | 'dxName'
  | 'main'
  | 'mainName'
  | 'related'
  | 'relatedName'
  | 'points'
  | 'name'
  | 'group'
  | 'grade'
  | 'layer'
  | 'fallbackType'
  | 'chapter'
  | 'primaryCare'
  | 'averageCost'
  | 'averageStay'
  | 'cv'
  | 'caseCount'
  | 'discussFlag'
  | 'auxSubtypes'
  | 'regionAverageCost'
  | 'origin'
  | 'averageCostByLevel';

/**
 * Canonical statistics columns (Pingdingshan sheet `中间结果`, DIP-RULES.md §3.4): DIP_CODE → code, WEIGHT_SCORE →
 * points, DIP_AVG_FEE → averageCost, REGION_AVE_VAL → regionAverageCost, AVG_IPT_DAYS → averageStay, CV → cv,
 * BILL_COUNT → caseCount, DISCUSS_FLAG → discussFlag, REMARK → remark.
 */
export type StatsColumn = 'code' | 'points' | 'averageCost' | 'regionAverageCost' | 'averageStay' | 'cv' | 'caseCount' | 'discussFlag' | 'remark';

/** One input row: its 1-based physical start line and its cells by canonical column. */
export interface SourceRow<C extends string> {
  readonly line: number;
  readonly cells: Readonly<Partial<Record<C, string>>>;
}

/** Input of {@link buildCatalogFromRows}. */
export interface BuildCatalogInput {
  readonly meta: CatalogMeta;
  readonly notation: CatalogNotation;
  readonly rows: readonly SourceRow<CatalogColumn>[];
  /** Statistics rows to join on code (Pingdingshan `packet-stats.csv`). */
  readonly statsRows?: readonly SourceRow<StatsColumn>[];
  /**
   * What to do with statistics rows whose code is not in the catalog: `add` (default) makes them packets
   * (`CPnn:GROUP` / `KBBZ` → fallback packets; other shapes, e.g. Pingdingshan `U07:BSZL`, by their code shape,
   * with a warning `catalog.stats_only_packet`); `ignore` skips them with a warning each.
   */
  readonly statsOnlyRows?: 'add' | 'ignore';
}

/** Counts that reconcile: `rows = accepted + rejected`, `statsRows = statsJoined + statsOnlyAdded + statsIgnored + statsRejected`. */
export interface CatalogBuildSummary {
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly statsRows: number;
  readonly statsJoined: number;
  readonly statsOnlyAdded: number;
  readonly statsIgnored: number;
  readonly statsRejected: number;
  readonly packets: number;
  readonly byKind: Readonly<Record<PacketKind, number>>;
  readonly errors: number;
  readonly warnings: number;
}

/** Output of {@link buildCatalogFromRows}: always a catalog (possibly empty), every problem as an issue. */
export interface BuildCatalogResult {
  readonly catalog: Catalog;
  readonly issues: readonly Issue[];
  readonly summary: CatalogBuildSummary;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Mutable<Packet> & Record<string, unknown>;

const KIND_WORDS: Readonly<Record<string, { kind: PacketKind; primaryCare?: true }>> = {
  '1': { kind: 'core' },
  core: { kind: 'core' },
  核心: { kind: 'core' },
  核心病种: { kind: 'core' },
  '0': { kind: 'comprehensive' },
  '2': { kind: 'comprehensive' },
  comprehensive: { kind: 'comprehensive' },
  综合: { kind: 'comprehensive' },
  综合病种: { kind: 'comprehensive' },
  tcm: { kind: 'tcm' },
  中医: { kind: 'tcm' },
  中医优势病种: { kind: 'tcm' },
  fallback: { kind: 'fallback' },
  空白病组: { kind: 'fallback' },
  保底组: { kind: 'fallback' },
  primarycare: { kind: 'core', primaryCare: true },
  基层: { kind: 'core', primaryCare: true },
  基层病种: { kind: 'core', primaryCare: true },
};

const GROUP_WORDS: Readonly<Record<string, ComprehensiveGroup>> = {
  ...COMPREHENSIVE_GROUP_BY_CODE,
  surgery: 'surgery',
  therapeutic: 'therapeutic',
  diagnostic: 'diagnostic',
  conservative: 'conservative',
  '4': 'surgery',
  '3': 'therapeutic',
  '2': 'diagnostic',
  '1': 'conservative',
  相关手术组: 'surgery',
  手术: 'surgery',
  治疗性操作组: 'therapeutic',
  治疗性操作: 'therapeutic',
  诊断性操作组: 'diagnostic',
  诊断性操作: 'diagnostic',
  内科诊疗组: 'conservative',
  保守治疗: 'conservative',
};

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', '是']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', '否', '']);

/** The strings `parseDecimal` accepts with its default options (no sign, at most 20 decimal places), once trimmed. */
const PLAIN_DECIMAL = /^\d+(?:\.\d{1,20})?$/;

/**
 * `parseDecimal(s).ok` under the default options (what every check of this module asks), without building a
 * Decimal: `parseDecimal` trims, matches `^(-?)(\d+)(?:\.(\d+))?$` and then rejects a minus sign and more than 20
 * decimal places, so it is ok exactly when the trimmed text matches {@link PLAIN_DECIMAL}. A text that does not is
 * still given to `parseDecimal`, for its issue. Loading the Pingdingshan catalog with its statistics validates
 * ~30,000 amounts; each used to build one or two decimal.js objects.
 */
function isPlainDecimal(s: string): boolean {
  return PLAIN_DECIMAL.test(s.trim());
}

/**
 * `Object.assign(target, source)` for a plain source object (own enumerable string keys, no symbols, nothing
 * enumerable inherited, as `parseStats` builds it): `for…in` visits the same keys in the same order and assigns
 * them the same way, so the target ends with the same keys in the same order. Measured faster on the 4,444 joins
 * of the Pingdingshan statistics.
 */
function assignOwn(target: Record<string, unknown>, source: Readonly<Record<string, unknown>>): void {
  for (const k in source) target[k] = source[k];
}

function cell<C extends string>(row: SourceRow<C>, column: C): string {
  return (row.cells[column] ?? '').trim();
}

function sameCodeList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x.toLowerCase() === (b[i] ?? '').toLowerCase());
}

function parseProcedureGroups(notation: CatalogNotation, expression: string) {
  switch (notation) {
    case 'commaAll':
      return parseCommaAll(expression);
    case 'dip3':
      return parseDip3Procedures(expression);
    default:
      return parsePlusSlash(expression);
  }
}

/**
 * Build and validate a catalog from canonical rows (DIP-RULES.md §3.3, §3.4; Pingdingshan 2025 catalog):
 * parse each row's notation into the requirement form, check kind codes (Pingdingshan `1` core, `0`/`2`
 * comprehensive), code parts against the diagnosis/procedure columns (case-insensitively), points (present,
 * non-negative, exact), duplicates; then join the statistics rows on code (average cost, LOS, CV, case count,
 * discuss flag, `M`), report statistics points that differ from the catalog points, and add statistics-only rows.
 *
 * @example
 * ```ts
 * const { catalog, issues, summary } = buildCatalogFromRows({
 *   meta: { id: 'pds-2025', name: '平顶山 2025', version: '2025' }, notation: 'pingdingshan',
 *   rows: [{ line: 2, cells: { code: 'A03.9', kind: '1', dx: 'A03.9', points: '385.35787' } }],
 * });
 * catalog.byCode.get('A03.9')?.points; // '385.35787'
 * summary.accepted; // 1
 * ```
 */
export function buildCatalogFromRows(input: BuildCatalogInput): BuildCatalogResult {
  const issues: Issue[] = [];
  const drafts: Draft[] = [];
  const firstLine = new Map<string, number>();
  let rejected = 0;
  let regionAverageCost: string | undefined = input.meta.regionAverageCost;
  // raw code → parsePingdingshanCode(raw), filled by the catalog rows and read by the statistics rows (the same
  // codes, parsed once). The parser is pure and its results are only read (drafts take their parts by reference
  // either way; issues are copied), so a cached result is as good as a new one.
  const parsedCodes = new Map<string, Result<PingdingshanCode>>();

  for (const row of input.rows) {
    const rowIssues: Issue[] = [];
    const at = (column: CatalogColumn) => ({ line: row.line, column });
    const draft = buildPacketDraft(input.notation, row, rowIssues, at, parsedCodes);
    if (draft !== undefined) {
      const seen = firstLine.get(draft.code);
      if (seen !== undefined) {
        rowIssues.push(
          issue('catalog.duplicate_code', `duplicate packet code ${draft.code} (first on line ${seen})`, {
            messageZh: `病种编码重复：${draft.code}（首次出现于第 ${seen} 行）`,
            ...at('code'),
            received: draft.code,
          }),
        );
      }
    }
    // `M` may come on catalog rows too (our canonical CSV repeats it on every row).
    const rowM = cell(row, 'regionAverageCost');
    // a valid M equal in text to the kept one: no Decimal needed (equal texts are equal values)
    if (rowM !== '' && !(rowM === regionAverageCost && isPlainDecimal(rowM))) {
      const mv = parseDecimal(rowM, { field: 'regionAverageCost' });
      if (!mv.ok) rowIssues.push({ ...mv.issue, ...at('regionAverageCost') });
      else if (regionAverageCost === undefined) regionAverageCost = rowM;
      else if (!dec(regionAverageCost).eq(mv.value)) {
        rowIssues.push(warning('catalog.region_average', `regionAverageCost ${rowM} differs from ${regionAverageCost}; the first value is kept`, { ...at('regionAverageCost'), expected: regionAverageCost, received: rowM }));
      }
    }
    issues.push(...rowIssues);
    if (draft === undefined || rowIssues.some((i) => i.severity === 'error')) {
      rejected += 1;
      continue;
    }
    firstLine.set(draft.code, row.line);
    drafts.push(draft);
  }

  // Statistics join (Pingdingshan sheet 中间结果, DIP-RULES.md §3.4, §5.12).
  let statsJoined = 0;
  let statsOnlyAdded = 0;
  let statsIgnored = 0;
  let statsRejected = 0;
  const byCode = new Map(drafts.map((d) => [d.code, d]));
  const statsSeen = new Map<string, number>();
  for (const row of input.statsRows ?? []) {
    const at = (column: StatsColumn) => ({ line: row.line, column });
    const rowIssues: Issue[] = [];
    const rawCode = cell(row, 'code');
    const parsed = parsedCodes.get(rawCode) ?? parsePingdingshanCode(rawCode);
    const code = parsed.ok ? parsed.value.code : rawCode;
    if (!parsed.ok && !byCode.has(rawCode)) {
      issues.push(...parsed.issues.map((i) => ({ ...i, ...at('code') })));
      statsRejected += 1;
      continue;
    }
    const seen = statsSeen.get(code);
    if (seen !== undefined) {
      issues.push(issue('catalog.stats_duplicate_code', `duplicate statistics row for ${code} (first on line ${seen})`, { messageZh: `统计表病种编码重复：${code}`, ...at('code'), received: code }));
      statsRejected += 1;
      continue;
    }
    statsSeen.set(code, row.line);
    const stats = parseStats(row, rowIssues, at);
    const m = cell(row, 'regionAverageCost');
    if (m !== '' && !(m === regionAverageCost && isPlainDecimal(m))) {
      const mv = parseDecimal(m, { field: 'regionAverageCost' });
      if (!mv.ok) rowIssues.push({ ...mv.issue, ...at('regionAverageCost') });
      else if (regionAverageCost === undefined) regionAverageCost = m;
      else if (!dec(regionAverageCost).eq(mv.value)) {
        rowIssues.push(warning('catalog.stats_region_average', `REGION_AVE_VAL ${m} differs from ${regionAverageCost}; the first value is kept`, { messageZh: `地区平均费用不一致：${m}`, ...at('regionAverageCost'), expected: regionAverageCost, received: m }));
      }
    }
    if (rowIssues.some((i) => i.severity === 'error')) {
      issues.push(...rowIssues);
      statsRejected += 1;
      continue;
    }
    const target = byCode.get(code);
    const statsPoints = cell(row, 'points');
    if (target !== undefined) {
      // `target.points` passed parseDecimal when its packet was built (else the row was rejected), so the old test
      // `!parseDecimal(statsPoints).ok || !value.eq(dec(target.points)) || statsPoints !== target.points` is true
      // exactly when the texts differ: equal texts parse alike and are equal values.
      if (statsPoints !== '') {
        if (statsPoints !== target.points) {
          rowIssues.push(
            warning('catalog.stats_points_mismatch', `WEIGHT_SCORE ${statsPoints} of ${code} differs from the catalog points ${target.points}; the catalog points are kept`, {
              messageZh: `统计表分值 ${statsPoints} 与目录病种分值 ${target.points} 不一致，采用目录分值`,
              ...at('points'),
              expected: target.points,
              received: statsPoints,
            }),
          );
        }
      }
      assignOwn(target, stats);
      statsJoined += 1;
      issues.push(...rowIssues);
      continue;
    }
    // A statistics-only row (88 CPnn, KBBZ and 3 U07 rows in the Pingdingshan data).
    if (input.statsOnlyRows === 'ignore' || !parsed.ok) {
      rowIssues.push(warning('catalog.stats_only_ignored', `statistics row ${code} is not in the catalog; ignored`, { messageZh: `统计表病种 ${code} 不在目录中，已忽略`, ...at('code'), received: code }));
      issues.push(...rowIssues);
      statsIgnored += 1;
      continue;
    }
    const pts = isPlainDecimal(statsPoints) ? undefined : parseDecimal(statsPoints, { field: 'points' });
    if (pts !== undefined && !pts.ok) {
      issues.push(...rowIssues, { ...pts.issue, ...at('points') });
      statsRejected += 1;
      continue;
    }
    const draft = draftFromPingdingshan(parsed.value, statsPoints, row.line);
    if (parsed.value.shape !== 'fallback') {
      rowIssues.push(
        warning('catalog.stats_only_packet', `packet ${code} is only in the statistics sheet; added as a ${draft.kind} packet with its WEIGHT_SCORE ${statsPoints}`, {
          messageZh: `病种 ${code} 仅见于统计表，已按统计表分值 ${statsPoints} 加入为${draft.kind === 'core' ? '核心' : '综合'}病种`,
          ...at('code'),
          received: code,
        }),
      );
    }
    Object.assign(draft, stats, { origin: 'statistics' });
    drafts.push(draft);
    byCode.set(code, draft);
    statsOnlyAdded += 1;
    issues.push(...rowIssues);
  }

  const packets = drafts as Packet[];
  const meta: CatalogMeta = regionAverageCost === undefined ? input.meta : { ...input.meta, regionAverageCost: regionAverageCost as Yuan };
  const catalog = indexCatalog(meta, packets);
  const byKind: Record<PacketKind, number> = { core: 0, comprehensive: 0, tcm: 0, fallback: 0 };
  for (const p of packets) byKind[p.kind] += 1;
  const summary: CatalogBuildSummary = {
    rows: input.rows.length,
    accepted: input.rows.length - rejected,
    rejected,
    statsRows: input.statsRows?.length ?? 0,
    statsJoined,
    statsOnlyAdded,
    statsIgnored,
    statsRejected,
    packets: packets.length,
    byKind,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  };
  return { catalog, issues, summary };
}

/**
 * The draft packet of a Pingdingshan code. Written as object literals (keys in the order the 7c64073 version's
 * `{ ...base, kind, … }` spreads gave them: code, isPrimaryCare, points, dx, main, related, line, kind, then the
 * shape's own keys) because V8 gives spread-made objects maps that are slow to extend: adding the name and the five
 * statistics afterwards cost ~10 µs per packet (4,536 packets), against well under 1 µs for a literal's object.
 */
function draftFromPingdingshan(parsed: PingdingshanCode, points: string, line: number): Draft {
  const p = points as Points;
  switch (parsed.shape) {
    case 'core':
      return { code: parsed.code, isPrimaryCare: false, points: p, dx: parsed.dx, main: parsed.main, related: parsed.related, line, kind: 'core' } as Draft;
    case 'comprehensive':
      return { code: parsed.code, isPrimaryCare: false, points: p, dx: parsed.dx, main: parsed.main, related: parsed.related, line, kind: 'comprehensive', group: parsed.group } as Draft;
    case 'fallback': {
      const d = { code: parsed.code, isPrimaryCare: false, points: p, dx: parsed.dx, main: parsed.main, related: parsed.related, line, kind: 'fallback', fallbackType: parsed.fallbackType } as Draft;
      if (parsed.chapter !== undefined) d['chapter'] = parsed.chapter;
      if (parsed.group !== undefined) d['group'] = parsed.group;
      return d;
    }
  }
}

type At<C extends string> = (column: C) => { line: number; column: C };

function parseStats<C extends StatsColumn | CatalogColumn>(row: SourceRow<C>, rowIssues: Issue[], at: At<C>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const dec6 = (column: C & ('averageCost' | 'averageStay' | 'cv'), key: string) => {
    const v = cell(row, column);
    if (v === '') return;
    const r = isPlainDecimal(v) ? undefined : parseDecimal(v, { field: column });
    if (r === undefined || r.ok) out[key] = v;
    else rowIssues.push({ ...r.issue, ...at(column) });
  };
  dec6('averageCost' as C & 'averageCost', 'averageCost');
  dec6('averageStay' as C & 'averageStay', 'averageStay');
  dec6('cv' as C & 'cv', 'cv');
  const n = cell(row, 'caseCount' as C);
  if (n !== '') {
    if (/^\d+$/u.test(n)) out['caseCount'] = Number(n);
    else rowIssues.push(issue('catalog.case_count', `caseCount is not a whole number: ${excerpt(n)}`, { messageZh: `病例数不是整数：${excerpt(n)}`, ...at('caseCount' as C), expected: 'a whole number', received: excerpt(n) }));
  }
  const flag = cell(row, 'discussFlag' as C).toLowerCase();
  if (TRUE_WORDS.has(flag)) out['discussFlag'] = true;
  else if (flag !== '' && FALSE_WORDS.has(flag)) out['discussFlag'] = false;
  else if (flag !== '') rowIssues.push(issue('catalog.discuss_flag', `discussFlag is not 0/1: ${excerpt(flag)}`, { ...at('discussFlag' as C), expected: '0 or 1', received: excerpt(flag) }));
  return out;
}

function buildPacketDraft(notation: CatalogNotation, row: SourceRow<CatalogColumn>, rowIssues: Issue[], at: At<CatalogColumn>, parsedCodes: Map<string, Result<PingdingshanCode>>): Draft | undefined {
  const rawCode = cell(row, 'code');
  if (rawCode === '') {
    rowIssues.push(issue('catalog.missing_code', 'packet code is empty', { messageZh: '病种编码为空', ...at('code') }));
    return undefined;
  }
  // Points: present, exact, non-negative; kept exactly as published.
  const rawPoints = cell(row, 'points');
  const pts = isPlainDecimal(rawPoints) ? undefined : parseDecimal(rawPoints, { field: 'points' });
  if (pts !== undefined && !pts.ok) rowIssues.push({ ...pts.issue, ...at('points'), code: rawPoints === '' ? 'catalog.missing_points' : pts.issue.code });
  // Kind column.
  const rawKind = cell(row, 'kind');
  const kindWord = rawKind === '' ? undefined : KIND_WORDS[rawKind.toLowerCase()] ?? KIND_WORDS[rawKind];
  if (rawKind !== '' && kindWord === undefined) {
    rowIssues.push(issue('catalog.kind', `unknown packet kind ${excerpt(rawKind)}`, { messageZh: `病种类型无法识别：${excerpt(rawKind)}`, ...at('kind'), expected: '1 (core), 0 or 2 (comprehensive), core, comprehensive, tcm, fallback', received: excerpt(rawKind) }));
  }
  const primaryRaw = cell(row, 'primaryCare').toLowerCase();
  const isPrimaryCare = TRUE_WORDS.has(primaryRaw) || kindWord?.primaryCare === true;
  if (primaryRaw !== '' && !TRUE_WORDS.has(primaryRaw) && !FALSE_WORDS.has(primaryRaw)) {
    rowIssues.push(issue('catalog.primary_care', `primaryCare is not a yes/no value: ${excerpt(primaryRaw)}`, { ...at('primaryCare'), expected: '1/0, true/false, 是/否', received: excerpt(primaryRaw) }));
  }

  let draft: Draft | undefined;
  if (notation === 'pingdingshan') {
    const parsed = parsePingdingshanCode(rawCode);
    parsedCodes.set(rawCode, parsed);
    if (!parsed.ok) {
      rowIssues.push(...parsed.issues.map((i) => ({ ...i, ...at('code') })));
      return undefined;
    }
    const v = parsed.value;
    draft = draftFromPingdingshan(v, rawPoints, row.line);
    if (kindWord !== undefined && kindWord.kind !== draft.kind && !(draft.kind === 'fallback')) {
      rowIssues.push(
        issue('catalog.kind_mismatch', `kind column ${rawKind} says ${kindWord.kind} but code ${v.code} is a ${draft.kind} packet`, {
          messageZh: `病种类型 ${rawKind} 与病种编码 ${v.code} 的形式不符`,
          ...at('kind'),
          expected: draft.kind === 'core' ? '1' : '0 or 2',
          received: rawKind,
        }),
      );
    }
    crossCheckPingdingshan(row, v, rowIssues, at);
  } else {
    draft = buildGenericDraft(notation, row, rawCode, rawPoints, kindWord?.kind, rowIssues, at);
    if (draft === undefined) return undefined;
  }
  if (isPrimaryCare) {
    if (draft.kind === 'core') draft.isPrimaryCare = true;
    else rowIssues.push(issue('catalog.primary_care_kind', `only core packets can be primary-care (基层病种); ${draft.code} is ${draft.kind}`, { ...at('primaryCare'), received: primaryRaw }));
  }
  const name = cell(row, 'name') || [cell(row, 'dxName'), cell(row, 'mainName'), cell(row, 'relatedName')].filter((s) => s !== '').join(' + ');
  if (name !== '') draft.name = name;
  Object.assign(draft, parseStats(row, rowIssues, at));
  const byLevel = cell(row, 'averageCostByLevel');
  if (byLevel !== '') {
    const levels = parseLevelCell(byLevel, rowIssues, at);
    if (levels !== undefined) draft.averageCostByLevel = levels;
  }
  const origin = cell(row, 'origin');
  if (origin === 'statistics') draft.origin = 'statistics';
  else if (origin !== '') rowIssues.push(issue('catalog.origin', `origin must be empty or statistics: ${excerpt(origin)}`, { ...at('origin'), received: excerpt(origin) }));
  const aux = cell(row, 'auxSubtypes');
  if (aux !== '') {
    const subtypes = parseAuxCell(aux, rowIssues, at);
    if (subtypes !== undefined) draft.auxSubtypes = subtypes;
  }
  return draft;
}

function crossCheckPingdingshan(row: SourceRow<CatalogColumn>, v: PingdingshanCode, rowIssues: Issue[], at: At<CatalogColumn>): void {
  const mismatch = (column: CatalogColumn, expected: string, received: string) =>
    rowIssues.push(
      warning('catalog.column_mismatch', `code ${v.code} says ${column} ${expected || '(none)'} but the ${column} column has ${received || '(empty)'}; the code is authoritative`, {
        messageZh: `病种编码 ${v.code} 与 ${column} 列（${received || '空'}）不一致，以病种编码为准`,
        ...at(column),
        expected,
        received: excerpt(received),
      }),
    );
  const dxCol = cell(row, 'dx');
  if (row.cells.dx !== undefined && v.shape !== 'fallback') {
    const key = v.dx.kind === 'subcategory' || v.dx.kind === 'category' ? v.dx.key : '';
    if (normalizeDiagnosisCode(dxCol).toLowerCase() !== key.toLowerCase()) mismatch('dx', key, dxCol);
  }
  if (row.cells.main !== undefined) {
    const mainCol = cell(row, 'main');
    const expected = v.main.map((p) => p.code);
    const got = mainCol === '' ? [] : [normalizeProcedureCode(mainCol)];
    if (!sameCodeList(expected, got)) mismatch('main', expected.join(','), mainCol);
  }
  if (row.cells.related !== undefined) {
    const relCol = cell(row, 'related');
    const expected = v.related.map((g) => g.map((p) => p.code).join('/'));
    const got = relCol === '' ? [] : relCol.split(/[,，]/u).map((c) => normalizeProcedureCode(c));
    if (!sameCodeList(expected, got)) mismatch('related', expected.join(','), relCol);
  }
}

function buildGenericDraft(
  notation: CatalogNotation,
  row: SourceRow<CatalogColumn>,
  rawCode: string,
  rawPoints: string,
  kindFromColumn: PacketKind | undefined,
  rowIssues: Issue[],
  at: At<CatalogColumn>,
): Draft | undefined {
  const byPds = parsePingdingshanCode(rawCode);
  const byKey = parseDip3ComprehensiveKey(rawCode);
  const kind: PacketKind = kindFromColumn ?? (byPds.ok ? (byPds.value.shape === 'core' ? 'core' : byPds.value.shape) : byKey.ok ? 'comprehensive' : 'core');
  // Diagnosis matcher.
  let dx: DxMatcher | undefined;
  const dxCol = cell(row, 'dx');
  if (dxCol !== '') {
    const r = parseDip3Diagnosis(dxCol);
    if (r.ok) dx = r.value;
    else rowIssues.push(...r.issues.map((i) => ({ ...i, ...at('dx') })));
  } else if (byPds.ok) dx = byPds.value.dx;
  else if (byKey.ok) dx = byKey.value.mark === undefined ? { kind: 'category', key: byKey.value.category } : { kind: 'category', key: byKey.value.category, mark: byKey.value.mark };
  else rowIssues.push(issue('catalog.missing_dx', `no diagnosis for packet ${excerpt(rawCode)}`, { messageZh: '缺少主诊断', ...at('dx') }));
  // Procedures.
  let main: readonly ProcedureRef[] = [];
  let related: readonly (readonly ProcedureRef[])[] = [];
  const mainCol = cell(row, 'main');
  const relCol = cell(row, 'related');
  const mainGroups = parseProcedureGroups(notation, mainCol);
  if (!mainGroups.ok) rowIssues.push(...mainGroups.issues.map((i) => ({ ...i, ...at('main') })));
  else if (relCol === '') ({ main, related } = splitMainRelated(mainGroups.value));
  else {
    if (mainGroups.value.length > 1) {
      rowIssues.push(issue('catalog.main_all_of', `the main column has several required codes while a related column is given: ${excerpt(mainCol)}`, { messageZh: '主要手术列含多个必需编码，同时另有相关手术列', ...at('main'), received: excerpt(mainCol) }));
    }
    main = mainGroups.value[0] ?? [];
    const rel = parseProcedureGroups(notation, relCol);
    if (rel.ok) related = rel.value;
    else rowIssues.push(...rel.issues.map((i) => ({ ...i, ...at('related') })));
  }
  if (dx === undefined) return undefined;
  const code = byPds.ok ? byPds.value.code : rawCode;
  const base = { code, isPrimaryCare: false, points: rawPoints as Points, dx, main, related, line: row.line };
  if (kind === 'comprehensive') {
    const g = cell(row, 'group');
    const group = g !== '' ? GROUP_WORDS[g] ?? GROUP_WORDS[g.toLowerCase()] : byPds.ok && byPds.value.shape === 'comprehensive' ? byPds.value.group : byKey.ok ? byKey.value.group : undefined;
    if (group === undefined) {
      rowIssues.push(issue('catalog.group', `comprehensive packet ${code} has no recognisable group ${excerpt(g)}`, { messageZh: `综合病种分组无法识别：${excerpt(g)}`, ...at('group'), expected: 'SS, ZLXCZ, ZDXCZ, BSZL, surgery, therapeutic, diagnostic, conservative, 1..4', received: excerpt(g) }));
      return undefined;
    }
    const grade = cell(row, 'grade');
    if (grade !== '' && grade !== '1' && grade !== '2' && grade !== '3') rowIssues.push(issue('catalog.grade', `grade must be 1, 2 or 3: ${excerpt(grade)}`, { ...at('grade'), received: excerpt(grade) }));
    return { ...base, kind, group, ...(grade === '1' || grade === '2' || grade === '3' ? { grade: Number(grade) as 1 | 2 | 3 } : {}) } as Draft;
  }
  if (kind === 'fallback') {
    const ft = cell(row, 'fallbackType') || (byPds.ok && byPds.value.shape === 'fallback' ? byPds.value.fallbackType : '');
    if (ft !== 'chapterPacket' && ft !== 'blankPacket' && ft !== 'floorPacket') {
      rowIssues.push(issue('catalog.fallback_type', `fallback packet ${code} has no fallbackType`, { ...at('fallbackType'), expected: 'chapterPacket, blankPacket or floorPacket', received: excerpt(ft) }));
      return undefined;
    }
    const chapter = cell(row, 'chapter') || (byPds.ok && byPds.value.shape === 'fallback' ? byPds.value.chapter ?? '' : '');
    const g = cell(row, 'group');
    const group = g !== '' ? GROUP_WORDS[g] : byPds.ok && byPds.value.shape === 'fallback' ? byPds.value.group : undefined;
    return { ...base, kind, fallbackType: ft as FallbackType, ...(chapter === '' ? {} : { chapter }), ...(group === undefined ? {} : { group }) } as Draft;
  }
  if (kind === 'core') {
    const layer = cell(row, 'layer');
    if (layer !== '' && layer !== 'preGroup' && layer !== 'merge' && layer !== 'dxAssisted' && layer !== 'base') {
      rowIssues.push(issue('catalog.layer', `unknown layer ${excerpt(layer)}`, { ...at('layer'), expected: 'preGroup, merge, dxAssisted, base', received: excerpt(layer) }));
    }
    return { ...base, kind, ...(layer === 'preGroup' || layer === 'merge' || layer === 'dxAssisted' || layer === 'base' ? { layer: layer as CoreLayer } : {}) } as Draft;
  }
  return { ...base, kind } as Draft;
}

function parseLevelCell(text: string, rowIssues: Issue[], at: At<CatalogColumn>): Record<string, Yuan> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const ok =
    json !== null &&
    typeof json === 'object' &&
    !Array.isArray(json) &&
    Object.values(json as Record<string, unknown>).every((v) => typeof v === 'string' && parseDecimal(v).ok);
  if (!ok) {
    rowIssues.push(issue('catalog.average_cost_by_level', 'averageCostByLevel must be a JSON object of level → decimal string', { messageZh: '分级次均费用列须为 JSON 对象（级别 → 金额字符串）', ...at('averageCostByLevel'), expected: '{"3":"12000.5","2":"9800"}', received: excerpt(text) }));
    return undefined;
  }
  return json as Record<string, Yuan>;
}

function parseAuxCell(text: string, rowIssues: Issue[], at: At<CatalogColumn>): AuxSubtype[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    rowIssues.push(issue('catalog.aux_json', 'auxSubtypes is not valid JSON', { messageZh: '辅助分型列不是合法 JSON', ...at('auxSubtypes'), received: excerpt(text) }));
    return undefined;
  }
  const r = auxSubtypeSchema.array().safeParse(json);
  if (!r.success) {
    for (const zi of r.error.issues) {
      rowIssues.push(issue('catalog.aux_subtype', `auxSubtypes${zi.path.map((p) => `[${String(p)}]`).join('')}: ${zi.message}`, { messageZh: '辅助分型定义无效', ...at('auxSubtypes'), path: zi.path.map((p) => (typeof p === 'number' ? p : String(p))) }));
    }
    return undefined;
  }
  return r.data as unknown as AuxSubtype[];
}

