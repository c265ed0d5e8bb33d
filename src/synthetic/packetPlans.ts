import type { ParsedPacketCode, ProcedureGroup } from './packetCode.js';
import { icdChapter, normalizeDxKey, parsePacketCode } from './packetCode.js';
import type { PacketStat, SyntheticTables } from './syntheticTables.js';
import { demographicClass } from './patient.js';

/** How a plan draws its procedures. */
export type ProcedurePlan =
  | { readonly mode: 'none' }
  | { readonly mode: 'fixed'; readonly main: string; readonly related: readonly string[] }
  | {
      readonly mode: 'pool';
      /** Candidate principal procedures, all of the group's class. */
      readonly pool: readonly string[];
      /** Per diagnosis subcategory: the procedures that would make a core packet match (to avoid). */
      readonly forbidden: ReadonlyMap<string, ReadonlySet<string>>;
    };

/**
 * Everything needed to draw one case of a packet, computed once at setup (never per row).
 *
 * @example
 * ```ts
 * const plans = buildPacketPlans(tables);
 * plans[0]; // { code: 'G45.9:88.4101', weight: 151, dx: ['G45.900', …], procedures: { mode: 'fixed', main: '88.4101', related: [] }, unambiguous: true, … }
 * ```
 */
export interface PacketPlan {
  /** Packet code as in the statistics sheet. */
  readonly code: string;
  /** Sampling weight: BILL_COUNT (0 for the `CPnn` rows, which are drawn through `fallbackShare`). */
  readonly weight: number;
  /** Mean total cost m_i in yuan. */
  readonly meanCost: number;
  /** Lognormal parameters of the total cost: σ² = ln(1 + CV²), μ = ln(mean) − σ²/2. */
  readonly mu: number;
  readonly sigma: number;
  /** Mean length of stay in days. */
  readonly meanLos: number;
  /** Principal-diagnosis candidates (real, non-grey table codes; never empty). */
  readonly dx: readonly string[];
  /** Demographic class of each `dx` code (parallel array), see `demographicClass`. */
  readonly dxClass: Uint8Array;
  /** Procedure drawing rule. */
  readonly procedures: ProcedurePlan;
  /** True when any grouper following DIP-RULES.md §4.1–§4.5 with default options must put the case in `code`. */
  readonly unambiguous: boolean;
  /** Why the plan is ambiguous (for reports), when it is. */
  readonly ambiguity?: string;
}

/** Whole-sample mean CV ≈ 0.6 (DIP 3.0 draft glossary 13, DIP-RULES.md §4.7): used where a packet has no CV. */
const DEFAULT_CV = 0.6;

interface Indexes {
  /** Non-grey diagnosis codes by subcategory key (first 5 characters, normalised); dagger pairs kept separately. */
  readonly dxBySub: Map<string, string[]>;
  readonly daggerBySub: Map<string, string[]>;
  /** Dagger pairs whose asterisk part also occurs in a grey pair (a code-table check may flag it): last resort. */
  readonly greyishDaggerBySub: Map<string, string[]>;
  /** Subcategory keys by category, and categories by ICD-10 chapter. */
  readonly subsByCat: Map<string, string[]>;
  readonly catsByChapter: Map<number, string[]>;
  /** Non-grey, classified procedure codes per group. */
  readonly procsByGroup: Map<ProcedureGroup, string[]>;
  readonly procGroup: Map<string, ProcedureGroup>;
  readonly procSet: Set<string>;
  /** Catalog core packets. */
  readonly coreMainsBySub: Map<string, Set<string>>;
  readonly conservativeSubs: Set<string>;
  /** Categories having any packet (core or comprehensive). */
  readonly catsWithPacket: Set<string>;
  /** Categories' comprehensive groups. */
  readonly compGroupsByCat: Map<string, Set<ProcedureGroup>>;
  readonly coreByMain: Map<string, Extract<ParsedPacketCode, { kind: 'core' }>[]>;
  /** Catalog core MAIN codes by category and by chapter, for plausible comprehensive procedures. */
  readonly mainsByCat: Map<string, Set<string>>;
  readonly mainsByChapter: Map<number, Set<string>>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a === undefined) m.set(k, [v]);
  else a.push(v);
}

function add<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const a = m.get(k);
  if (a === undefined) m.set(k, new Set([v]));
  else a.add(v);
}

/** Comprehensive group of a procedure class (DIP-RULES.md §3.6): 手术 and 介入治疗 → SS (interventionalAsSurgery). */
function groupOfClass(cls: string | undefined): ProcedureGroup | undefined {
  if (cls === '手术' || cls === '介入治疗') return 'SS';
  if (cls === '治疗性操作') return 'ZLXCZ';
  if (cls === '诊断性操作') return 'ZDXCZ';
  return undefined;
}

function buildIndexes(t: SyntheticTables): Indexes {
  const dxBySub = new Map<string, string[]>();
  const daggerBySub = new Map<string, string[]>();
  const greyishDaggerBySub = new Map<string, string[]>();
  const subsByCat = new Map<string, string[]>();
  const greyAsterisks = new Set<string>();
  for (const g of t.greyDiagnoses) {
    const plus = g.indexOf('+');
    if (plus !== -1) greyAsterisks.add(g.slice(plus + 1));
  }
  const seenSubs = new Set<string>();
  for (const code of t.diagnoses) {
    if (t.greyDiagnoses.has(code) || code.length < 5) continue;
    const sub = normalizeDxKey(code.slice(0, 5));
    const plus = code.indexOf('+');
    if (!seenSubs.has(sub)) {
      seenSubs.add(sub);
      push(subsByCat, sub.slice(0, 3), sub);
    }
    if (plus === -1 && !code.includes('*')) push(dxBySub, sub, code);
    else push(greyAsterisks.has(code.slice(plus + 1)) ? greyishDaggerBySub : daggerBySub, sub, code);
  }
  const procsByGroup = new Map<ProcedureGroup, string[]>();
  const procGroup = new Map<string, ProcedureGroup>();
  const procSet = new Set<string>();
  for (const code of t.procedures) {
    if (t.greyProcedures.has(code)) continue;
    procSet.add(code);
    const g = groupOfClass(t.procedureClasses.get(code));
    if (g === undefined) continue;
    procGroup.set(code, g);
    push(procsByGroup, g, code);
  }
  const coreMainsBySub = new Map<string, Set<string>>();
  const conservativeSubs = new Set<string>();
  const catsWithPacket = new Set<string>();
  const compGroupsByCat = new Map<string, Set<ProcedureGroup>>();
  const coreByMain = new Map<string, Extract<ParsedPacketCode, { kind: 'core' }>[]>();
  const mainsByCat = new Map<string, Set<string>>();
  const mainsByChapter = new Map<number, Set<string>>();
  // The packet universe: the catalog plus the statistics-only rows (the U07 comprehensive packets), as the
  // catalog loader builds it from both sheets (DIP-RULES.md §3.4).
  for (const raw of [...t.catalogCodes, ...t.packetStats.map((s) => s.code)]) {
    const p = parsePacketCode(raw);
    if (p === undefined) continue;
    if (p.kind === 'core') {
      const cat = p.dxKey.slice(0, 3);
      catsWithPacket.add(cat);
      if (p.main === undefined) conservativeSubs.add(p.dxKey);
      else {
        add(coreMainsBySub, p.dxKey, p.main);
        push(coreByMain, `${p.dxKey}|${p.main}`, p);
        add(mainsByCat, cat, p.main);
        const ch = icdChapter(cat);
        if (ch !== undefined) add(mainsByChapter, ch, p.main);
      }
    } else if (p.kind === 'comprehensive') {
      catsWithPacket.add(p.category);
      add(compGroupsByCat, p.category, p.group);
    }
  }
  const catsByChapter = new Map<number, string[]>();
  for (const cat of subsByCat.keys()) {
    const ch = icdChapter(cat);
    if (ch !== undefined) push(catsByChapter, ch, cat);
  }
  return { dxBySub, daggerBySub, greyishDaggerBySub, subsByCat, catsByChapter, procsByGroup, procGroup, procSet, coreMainsBySub, conservativeSubs, catsWithPacket, compGroupsByCat, coreByMain, mainsByCat, mainsByChapter };
}

function lognormal(mean: number, cv: number): { mu: number; sigma: number } {
  const s2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}

/**
 * Diagnosis codes of a subcategory: plain codes, else dagger pairs (grouped by the part before `+`, §3.5),
 * preferring pairs whose asterisk part is not also part of a grey pair.
 */
function subCodes(ix: Indexes, sub: string): string[] {
  return ix.dxBySub.get(sub) ?? ix.daggerBySub.get(sub) ?? ix.greyishDaggerBySub.get(sub) ?? [];
}

function codesOfSubs(ix: Indexes, subs: readonly string[]): string[] {
  return subs.flatMap((s) => subCodes(ix, s));
}

function inGroup(ix: Indexes, codes: Iterable<string> | undefined, group: ProcedureGroup): string[] {
  const out: string[] = [];
  if (codes === undefined) return out;
  for (const c of codes) if (ix.procGroup.get(c) === group) out.push(c);
  return out.sort();
}

interface Draft {
  dx: string[];
  procedures: ProcedurePlan;
  unambiguous: boolean;
  ambiguity?: string;
}

/**
 * Plan for a case with a procedure of `group` and a diagnosis from `subs` such that no core packet has
 * (subcategory, procedure) as (key, MAIN): the core step finds nothing and routing goes on by class.
 * Procedure pools, most plausible first: MAIN codes of core packets of the same category, of the same
 * ICD-10 chapter, then every code of the class.
 */
function poolPlan(ix: Indexes, subs: readonly string[], group: ProcedureGroup, category: string | undefined): Draft | undefined {
  const forbidden = new Map<string, ReadonlySet<string>>();
  for (const s of subs) {
    const f = ix.coreMainsBySub.get(s);
    if (f !== undefined) forbidden.set(s, f);
  }
  const ch = category === undefined ? undefined : icdChapter(category);
  const pools: string[][] = [];
  if (category !== undefined) pools.push(inGroup(ix, ix.mainsByCat.get(category), group));
  if (ch !== undefined) pools.push(inGroup(ix, ix.mainsByChapter.get(ch), group));
  pools.push(ix.procsByGroup.get(group) ?? []);
  for (const pool of pools) {
    if (pool.length === 0) continue;
    const okSubs = subs.filter((s) => {
      const f = forbidden.get(s);
      return f === undefined || pool.some((p) => !f.has(p));
    });
    const dx = codesOfSubs(ix, okSubs);
    if (dx.length > 0) return { dx, procedures: { mode: 'pool', pool, forbidden }, unambiguous: true };
  }
  return undefined;
}

function comprehensivePlan(ix: Indexes, category: string, group: ProcedureGroup): Draft {
  const subs = ix.subsByCat.get(category) ?? [];
  const all = codesOfSubs(ix, subs);
  if (group === 'BSZL') {
    // No procedure: step 6 takes the subcategory's conservative core packet if there is one.
    const dx = codesOfSubs(ix, subs.filter((s) => !ix.conservativeSubs.has(s)));
    if (dx.length > 0) return { dx, procedures: { mode: 'none' }, unambiguous: true };
    return { dx: all, procedures: { mode: 'none' }, unambiguous: false, ambiguity: 'every subcategory has a conservative core packet' };
  }
  const p = poolPlan(ix, subs, group, category);
  if (p !== undefined) return p;
  return { dx: all, procedures: { mode: 'pool', pool: ix.procsByGroup.get(group) ?? [], forbidden: new Map() }, unambiguous: false, ambiguity: 'no (diagnosis, procedure) pair avoids the core packets' };
}

function chapterPlan(ix: Indexes, chapter: number, group: ProcedureGroup): Draft {
  // Diagnoses whose category has no packet at all: core and comprehensive steps find nothing.
  const cats = ix.catsByChapter.get(chapter) ?? [];
  const subs: string[] = [];
  for (const cat of cats) if (!ix.catsWithPacket.has(cat)) subs.push(...(ix.subsByCat.get(cat) ?? []));
  const dx = codesOfSubs(ix, subs);
  if (dx.length === 0) {
    const any = codesOfSubs(ix, cats.flatMap((c) => ix.subsByCat.get(c) ?? []));
    const procedures: ProcedurePlan = group === 'BSZL' ? { mode: 'none' } : { mode: 'pool', pool: ix.procsByGroup.get(group) ?? [], forbidden: new Map() };
    return { dx: any, procedures, unambiguous: false, ambiguity: 'every category of the chapter has a packet' };
  }
  if (group === 'BSZL') return { dx, procedures: { mode: 'none' }, unambiguous: true };
  const pools = [inGroup(ix, ix.mainsByChapter.get(chapter), group), ix.procsByGroup.get(group) ?? []];
  const pool = pools.find((p) => p.length > 0) ?? [];
  return { dx, procedures: { mode: 'pool', pool, forbidden: new Map() }, unambiguous: pool.length > 0, ...(pool.length > 0 ? {} : { ambiguity: 'no procedure of the class' }) };
}

function corePlan(ix: Indexes, p: Extract<ParsedPacketCode, { kind: 'core' }>): Draft {
  const dx = subCodes(ix, p.dxKey);
  if (p.main === undefined) return { dx, procedures: { mode: 'none' }, unambiguous: dx.length > 0 };
  const codes = [p.main, ...p.related];
  let ambiguity: string | undefined;
  if (!codes.every((c) => ix.procSet.has(c))) ambiguity = 'a procedure is not a non-grey table code';
  else if (new Set(codes).size !== codes.length) ambiguity = 'a procedure is listed twice';
  else {
    // Under relatedMatchMode 'subset' the packet with the most satisfied related groups wins; another
    // packet of the same (key, MAIN) whose related set is the same as ours would tie.
    const mine = new Set(p.related);
    const rivals = (ix.coreByMain.get(`${p.dxKey}|${p.main}`) ?? []).filter(
      (q) => q.code !== p.code && q.related.length >= p.related.length && q.related.every((r) => mine.has(r)),
    );
    if (rivals.length > 0) ambiguity = `ties with ${rivals[0]?.code ?? ''}`;
  }
  return { dx, procedures: { mode: 'fixed', main: p.main, related: p.related }, unambiguous: dx.length > 0 && ambiguity === undefined, ...(ambiguity === undefined ? {} : { ambiguity }) };
}

/** KBBZ: how Pingdingshan applies it is not documented (DIP-RULES.md §3.4): a case whose category has comprehensive packets but not the surgical group, with a surgical procedure. Always ambiguous. */
function blankPlan(ix: Indexes): Draft {
  const cats = [...ix.compGroupsByCat].filter(([, g]) => !g.has('SS')).map(([c]) => c).sort();
  const subs = cats.flatMap((c) => ix.subsByCat.get(c) ?? []);
  const p = poolPlan(ix, subs, 'SS', undefined);
  const base = p ?? { dx: codesOfSubs(ix, [...ix.subsByCat.values()].flat()), procedures: { mode: 'none' } as const, unambiguous: false };
  return { ...base, unambiguous: false, ambiguity: 'KBBZ routing is not documented for Pingdingshan' };
}

/**
 * Precompute, once, how every packet of the statistics sheet is drawn (DIP-RULES.md §3.4, §3.6, §4.1–§4.5):
 *
 * - core `DX5`: a real non-grey ICD-10 code whose first 5 characters are the key; no procedure;
 * - core `DX5:MAIN[_REL+REL…]`: that diagnosis, principal procedure MAIN, other procedures the related ones,
 *   nothing else; ambiguous only if another packet of the same key and MAIN has the same related set;
 * - comprehensive `DX3:SS|ZLXCZ|ZDXCZ`: a diagnosis of the category and a procedure of the class
 *   (手术/介入治疗 → SS, 治疗性操作 → ZLXCZ, 诊断性操作 → ZDXCZ) that is no core packet's MAIN for that
 *   subcategory; `DX3:BSZL`: a diagnosis whose subcategory has no conservative core packet, no procedure;
 * - `CPnn:GROUP`: a diagnosis of ICD-10 chapter nn whose category has no packet at all, a procedure of the
 *   class (none for BSZL); unambiguous under the Pingdingshan fallback chain `['chapterPacket']`;
 * - statistics-only comprehensive rows (`U07:*`): like comprehensive packets — the packet universe is the
 *   catalog plus the statistics sheet, as the catalog loader builds it;
 * - `KBBZ`: always ambiguous (how Pingdingshan applies it is not documented).
 *
 * Unambiguous means: under the default options of DIP-RULES.md §4.6 (principalOnly, subset,
 * coreConservativeFallback off, interventionalAsSurgery on, no exclusion lists) and fallback chain
 * `['chapterPacket']`, every case drawn lands in the packet.
 *
 * Statistics rows with an unknown code are skipped. Rows without AVG_IPT_DAYS / CV (the `CPnn` rows) use
 * the case-weighted mean stay of all packets and CV 0.6.
 *
 * @example
 * ```ts
 * const plans = buildPacketPlans(tables);
 * plans.filter((p) => p.unambiguous).length; // most packets
 * ```
 */
export function buildPacketPlans(tables: SyntheticTables): PacketPlan[] {
  const ix = buildIndexes(tables);
  let losW = 0;
  let losN = 0;
  for (const s of tables.packetStats) {
    if (s.avgLosDays !== undefined && s.caseCount > 0) {
      losW += s.avgLosDays * s.caseCount;
      losN += s.caseCount;
    }
  }
  const meanLosAll = losN > 0 ? losW / losN : 9;
  const plans: PacketPlan[] = [];
  for (const stat of tables.packetStats) {
    const p = parsePacketCode(stat.code);
    if (p === undefined) continue;
    let d: Draft;
    switch (p.kind) {
      case 'core':
        d = corePlan(ix, p);
        break;
      case 'comprehensive':
        d = comprehensivePlan(ix, p.category, p.group);
        break;
      case 'chapter':
        d = chapterPlan(ix, p.chapter, p.group);
        break;
      case 'blank':
        d = blankPlan(ix);
        break;
    }
    if (d.dx.length === 0) continue; // no diagnosis at all: cannot draw (does not happen with the fixtures)
    plans.push(makePlan(stat, d, meanLosAll));
  }
  return plans;
}

function makePlan(stat: PacketStat, d: Draft, meanLosAll: number): PacketPlan {
  const mean = stat.avgCost > 0 ? stat.avgCost : 1000;
  const { mu, sigma } = lognormal(mean, stat.cv ?? DEFAULT_CV);
  return {
    code: stat.code,
    weight: stat.caseCount,
    meanCost: mean,
    mu,
    sigma,
    meanLos: stat.avgLosDays !== undefined && stat.avgLosDays > 0 ? stat.avgLosDays : meanLosAll,
    dx: d.dx,
    dxClass: Uint8Array.from(d.dx, demographicClass),
    procedures: d.procedures,
    unambiguous: d.unambiguous,
    ...(d.ambiguity === undefined ? {} : { ambiguity: d.ambiguity }),
  };
}
