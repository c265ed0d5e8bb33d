/**
 * The grouper (入组): places a discharge record in a packet of a catalog, following DIP-RULES.md §4.1 in order —
 * validation, exclusions, core match (§4.2, full match then partial related match then principal only), the
 * conservative core packet, comprehensive routing (§4.4), the fallback chain (§4.5), ungrouped — then the auxiliary
 * subtype (§4.7). Sources: DIP 3.0 draft ch. 3 §2–§3 (national order "先核心病种、后综合病种"); every variation point
 * is a named option of {@link GroupingOptions} (§4.6; Hubei / Jining / Tai'an 2023 code for the local variants).
 *
 * `createGrouper` compiles the indexes once (subcategory → MAIN code → packets, category → group → packet, chapter ×
 * group → fallback packet); `group()` does a handful of map look-ups per case.
 *
 * Engine decisions where no published source settles the point (each is documented where it is made):
 *
 * - Related groups are tested independently; the procedure playing MAIN never satisfies a related group, another
 *   listed procedure may satisfy several groups. Per group the smallest matching code is reported.
 * - The national "most related procedures matched" step (DIP 3.0 draft ch. 3 §3 三 (一) 5 (1)) always runs before the
 *   `tieBreak` chain; when the chain leaves a tie the lowest packet code wins (`finalPacketCode` in the trace).
 * - Other procedures are de-duplicated and sorted before anything else, so no result depends on their listed order.
 * - An excluded (排除) principal procedure leaves the case without a principal procedure; no other code is promoted.
 *   Other procedures without a principal procedure are reported (`grouping.no_principal_procedure`).
 * - `unknownProcedure = 'flag'`: the code stays a procedure and takes `unknownProcedureFallbackClass` for routing;
 *   `'conservative'` (Hubei): it counts as a simple procedure, so a case with only such codes takes the conservative
 *   core packet. Both add `grouping.unknown_procedure_class` to the case.
 * - `interventionalAsSurgery = false`: interventional procedures route to the therapeutic group (治疗性操作组).
 * - `typePriority = 'classLadder'` (Hubei / Jining / Tai'an 2023 code): among core candidates the higher MAIN class
 *   wins first (core before primary-care at one class), and the core conservative fallback ranks below every
 *   comprehensive packet. `coreFirst` keeps the national order.
 * - `principalProcedureSource = 'coded'` flags a listed code of higher class than the principal
 *   (`grouping.principal_not_highest`), `'highestClass'` makes it the principal.
 *
 * @module
 */
import type {
  AuxSubtype,
  Catalog,
  PacketKind,
  ComprehensiveGroup,
  ComprehensivePacket,
  CoreLayer,
  CorePacket,
  DxMatcher,
  FallbackPacket,
  Packet,
  ProcedureRef,
  TcmPacket,
} from '../catalog/types.js';
import { icd10Chapter } from '../codes/index.js';
import type { Issue } from '../core/issue.js';
import type { Ratio } from '../decimal/brands.js';
import type { Dec } from '../decimal/dec.js';
import { dec } from '../decimal/dec.js';
import { parseDecimal } from '../decimal/parse.js';
import type { ProcedureClass, TieBreakCriterion } from '../policy/schema.js';
import { DEFAULT_AUXILIARY_OPTIONS } from '../policy/schema.js';
import type { DischargeRecord } from '../records/types.js';
import type { CompiledSubtype } from './auxiliary.js';
import { AuxEvalContext, auxApplies, compileSubtypes, inDxSet, selectSubtype, usesCci } from './auxiliary.js';
import { fastDxCode, fastProcedureCode, isDxShape } from './codes.js';
import { GenCache } from './genCache.js';
import { KEY_WORDS, KeyTable, LIST_WORDS, packKey, packProcedures } from './keyTable.js';
import type {
  AuxTrace,
  CandidateTrace,
  EliminationCriterion,
  GroupResult,
  GroupRoute,
  GroupTrace,
  Grouper,
  GrouperInfo,
  GrouperOptions,
  TraceLevel,
  TraceStep,
  UngroupedReason,
} from './types.js';

/** Core layers in matching order (DIP-RULES.md §4.1 step 3; DIP 3.0 draft ch. 3 §2 三). */
const LAYER_ORDER: readonly CoreLayer[] = ['preGroup', 'merge', 'dxAssisted', 'base'];

/** Rank for "highest procedure" picks (DIP-RULES.md §3.6; Hubei 2023 code: 保守 < 诊断性 < 治疗性 < 介入 < 手术). */
const RANK: Readonly<Record<ProcedureClass, number>> = { conservative: 1, diagnostic: 2, therapeutic: 3, interventional: 4, surgery: 5 };

const EMPTY: readonly never[] = Object.freeze([]);
/** Sentinel of a case without issues (never pushed to: replaced by a fresh array on the first issue). */
const NO_ISSUES: Issue[] = [];
const ONE_RATIO = '1' as Ratio;

/** Memoised bases, and memo trie nodes, before the memo is cleared (memory stays flat whatever the input). */
const MEMO_MAX_BASES = 100_000;
const MEMO_MAX_NODES = 400_000;
/**
 * Bounds of the grouper's caches (an engineering setting, not a region rule), each cache being two generations
 * ({@link GenCache}: at most twice the bound is held, hot entries are kept, cold ones dropped a generation at a time).
 * `codes`: entries per generation of each per-code cache (raw principal dx → {@link DxEntry}, raw procedure →
 * {@link ProcEntry}, code → class). `bases`: units per generation of the base cache ({@link DxBases}), a cached base
 * or a diagnosis's holder being one unit each.
 *
 * Heap bytes measured (`bench/g6-heap.ts`: `heapUsed` after `gc()`, `dip settle`'s grouper on the 200k file, raw key
 * strings included): a DxEntry 153–165 B, a ProcEntry with its class entry 95–191 B, a base with its share of the
 * holders, maps and keys 636 B at trace `summary` (what `dip settle`, `dip group` and the workers use) and 806 B at
 * `full` (757 / 963 B before its arrays were copied to exact length, `fit`); per unit (bases and holders in the
 * file's mix) about 450 B at `summary`. So, at most: `codes` 5,000 → 2 × 5,000 × (165 + 191) B ≈ 3.6 MB; `bases`
 * 16,000 → 2 × 16,000 units ≈ 14.4 MB (`summary`; ≤ 2 × 16,000 × 806 B = 25.8 MB at `full` if every unit were a
 * base). After the 200k file (23,546 keys on 9,802 diagnoses) all the caches held 12,041 KiB at `summary` and
 * 14,307 KiB at `full` (the old clear-when-full caches at 5,000:
 * 5,488 KiB). Before (88a9ee7) each cache was cleared when full at 5,000 entries: the in-memory bench's 50,000
 * records (10,028 keys on 5,585 diagnoses) churned it; with 100,000 the 20M-case year's RSS passed 500 MB
 * (bench/RESULTS.md §14).
 *
 * The bases whose key packs are held in {@link KeyTable}s instead (since `18a6eda`; the same units and generations, rotated
 * together with the holders): without other procedures (6-word keys, 36 B per slot) and with them (16-word keys,
 * 76 B per slot). A table grows with its entries from 64 slots to at most 2 × max(`bases`, 1) rounded up to a power
 * of two, so at `bases` 16,000 at most 2 generations × 32,768 slots × (36 + 76) B ≈ 7.3 MB on top of the bases
 * themselves (the slots are `ArrayBuffer`s outside the JS heap). A base of these keys needs no holder unit, so the
 * same units hold more bases: after the 200k file (`bench/g6-heap.ts`) `heapUsed` 14,195 KiB at `summary` and
 * 17,490 KiB at `full` (12,041 / 14,307 KiB before), 523 B per base at `summary`, plus about 2.6 MB of slots;
 * the bound (≤ 2 × `bases` units, each at most a base) is unchanged. The DxEntries of packable raw diagnoses are
 * held the same way (two KeyTables of `codes` entries, instead of the `Map`s of a GenCache): at most
 * 2 × 16,384 × 36 B ≈ 1.2 MB of slots at `codes` 5,000, and no raw key string kept. Since `3be3aee` a DxEntry also
 * holds its category entry and chapter (179 B each at `summary`, ≤ 2 × 5,000 × 179 B ≈ 1.8 MB) and a base shares
 * its single trace step array and `[p0]` with its packet and procedures: after the 200k file `heapUsed` 11,784 KiB at
 * `summary` and 15,054 KiB at `full` (13,928 KiB at `summary` before), 426 B per base; the unit bound is unchanged.
 */
export interface CacheLimits {
  readonly codes: number;
  readonly bases: number;
}
/** The bounds {@link createGrouper} uses (see {@link CacheLimits} for the measured bytes). */
export const CACHE_LIMITS: CacheLimits = { codes: 5_000, bases: 16_000 };

/**
 * What a case's grouping is, before the per-case part (caseId, hospitalId, auxiliary subtype): a function of the
 * principal diagnosis and procedures only, so it is shared by every case with the same memo key ({@link MemoNode}). Never
 * mutated once built. One shape for grouped and ungrouped (monomorphic).
 */
interface Base {
  readonly grouped: boolean;
  readonly reason: UngroupedReason | undefined;
  readonly packet: Packet | undefined;
  readonly info: PInfo | undefined;
  readonly layer: CoreLayer | undefined;
  readonly procClass: ProcedureClass | undefined;
  readonly route: GroupRoute | undefined;
  readonly matched: readonly string[];
  readonly unmatched: readonly string[];
  readonly caseIssues: readonly Issue[];
  readonly dx: string;
  readonly sub: string;
  readonly cat: string;
  readonly ign: readonly string[];
  readonly steps: readonly TraceStep[];
  readonly cands: readonly CandidateTrace[];
  readonly procs: readonly string[];
  /** The complete trace when no auxiliary step follows (always for ungrouped), else `undefined`. */
  readonly trace: GroupTrace | undefined;
}

/**
 * A node of the memo trie. The key of a case is its raw principal diagnosis, then its principal procedure (or its
 * absence), then its other procedures in listed order, each string exactly as the record holds it: two records
 * reach the same node only when these fields are equal string for string (no separator, so no collision).
 * Children by the next string: the first one inline (`k1` → `c1`, most nodes have one), the others in `more`.
 */
interface MemoNode {
  base: Base | undefined;
  k1: string | undefined;
  c1: MemoNode | undefined;
  more: Map<string, MemoNode> | undefined;
}

/** First level of the memo trie under a principal diagnosis: no principal procedure, or by principal procedure. */
interface MemoTop {
  none: MemoNode | undefined;
  /** Its children are by principal procedure (its own `base` is unused). */
  byProcedure: MemoNode | undefined;
}

/**
 * What the grouper derives from one raw principal-diagnosis string alone (cached per string, {@link CacheLimits}
 * `codes`): either the whole base of an invalid or excluded diagnosis (steps 0 and 2 read nothing else), or the
 * normalised code, its subcategory and category keys and the core index of the subcategory.
 */
interface DxEntry {
  readonly early: Base | undefined;
  readonly dx: string;
  readonly sub: string;
  readonly cat: string;
  readonly idx: SubIndex | undefined;
  /**
   * Step 7's category entry of the diagnosis (the first of `comprehensiveDxKeys` that has one) and the key it was
   * found under, and the ICD-10 chapter of the category (only when the fallback chain has `chapterPacket`): functions
   * of `dx` and `cat` alone, so found once per diagnosis instead of once per base-cache miss (since g9).
   */
  readonly comp: CompEntry | undefined;
  readonly compKey: string;
  /** `icd10Chapter(cat)`, found on first use (`null` until then). */
  chapter: string | undefined | null;
}

/**
 * The cached bases of the cases with one raw principal diagnosis (cached per raw string, {@link CacheLimits}
 * `bases`; since `18a6eda` only for the keys the fast path's {@link KeyTable} does not take, see `baseOf`): without any procedure (`noProc`), by the raw principal procedure when it is the only one (`byP0`), by
 * all raw procedure fields otherwise (`byProcs`) — the base being a function of the raw diagnosis and procedure
 * strings, as for the memo ({@link MemoNode}), except when the `closestAverageCost` tie-break read the case's cost
 * (then it is not cached). `de` is the diagnosis's {@link DxEntry} (a function of the same raw string), so a case
 * whose holder is found needs no other diagnosis look-up. Apart from the base cache of the per-code caches: a full
 * base cache drops bases, never the normalised diagnoses.
 */
interface DxBases {
  readonly de: DxEntry;
  noProc: Base | undefined;
  /** Bases of the cases with this diagnosis, a principal procedure and no other procedure, by the raw procedure. */
  byP0: Map<string, Base> | undefined;
  /** Bases of the cases with this diagnosis and other procedures, by {@link procedureKey}. */
  byProcs: Map<string, Base> | undefined;
}

/**
 * The raw procedure fields of a record as one string: the principal procedure (`-` when absent, else its length, `:`
 * and the text), then each other procedure in listed order the same way. A length-prefixed code is a prefix code, so
 * two records get the same key only when the fields are equal string for string (any characters, `''` included).
 */
function procedureKey(p0: string | undefined, others: readonly string[]): string {
  let k = p0 === undefined ? '-' : `${p0.length}:${p0}`;
  for (let i = 0; i < others.length; i++) {
    const x = others[i]!;
    k += `${x.length}:${x}`;
  }
  return k;
}

/**
 * What the grouper derives from one raw procedure string: its normalised code, whether it is ignored (排除), and the
 * class table's class of the code (`null` when the table has none; since g9, so a base-cache miss reads the
 * principal procedure's class from its entry instead of a second cache keyed by the code).
 */
interface ProcEntry {
  readonly code: string;
  readonly ignored: boolean;
  readonly cls: ProcedureClass | null;
}

/** A compiled core (or TCM) packet. */
interface CCore {
  readonly packet: CorePacket | TcmPacket;
  readonly code: string;
  readonly mains: readonly ProcedureRef[];
  readonly related: readonly (readonly ProcedureRef[])[];
  readonly points: Dec;
  readonly avgCost: Dec | undefined;
  readonly layer: CoreLayer;
  /** Class rank of the MAIN procedure (classLadder), 1 for conservative packets. */
  readonly mainRank: number;
  /** Per-packet facts of the result, filled once all packets are compiled. */
  readonly info: PInfo;
  /** The trace steps naming this packet, made once (shared by every base that reaches them). */
  readonly coreStep: TraceStep;
  readonly consStep: TraceStep;
  readonly fbStep: TraceStep;
  /** `[coreStep]`, `[consStep]`, `[fbStep]`: the whole steps of a base that took no step before (see `seal`). */
  readonly coreSteps: readonly TraceStep[];
  readonly consSteps: readonly TraceStep[];
  readonly fbSteps: readonly TraceStep[];
}

/** Core packets of one subcategory. */
interface SubIndex {
  readonly conservative: CCore[];
  readonly byMain: Map<string, CCore[]>;
  readonly shortMain: CCore[];
}

/** One evaluated core candidate (per case). */
interface Eval {
  readonly c: CCore;
  readonly mainUsed: string;
  /** Case procedure chosen for each related group, `undefined` when the group is unsatisfied. */
  readonly picks: readonly (string | undefined)[];
  readonly satisfied: number;
  elim: EliminationCriterion | undefined;
}

/** What a result reads of its packet, copied once per packet (monomorphic). */
interface PInfo {
  readonly code: string;
  readonly kind: PacketKind;
  readonly isPrimaryCare: boolean;
  /** Compiled auxiliary subtypes when they apply to the packet (`auxApplyTo`), else `undefined`. */
  readonly subtypes: readonly CompiledSubtype[] | undefined;
  readonly avgCost: Dec | undefined;
}

function packetInfo(p: Packet): PInfo {
  return { code: p.code, kind: p.kind, isPrimaryCare: p.isPrimaryCare, subtypes: undefined, avgCost: undefined };
}

/**
 * A comprehensive packet as a result reads it: the packet, its {@link PInfo} and its `comprehensive · matched` trace
 * step, made once per packet (a base used to look the info up in a `Map` keyed by the packet object and to allocate
 * the step; both are functions of the packet alone, and a base never mutates them).
 */
interface CompHit {
  readonly p: ComprehensivePacket;
  readonly info: PInfo;
  readonly step: TraceStep;
  /** `[step]` (see `seal`). */
  readonly steps: readonly TraceStep[];
}

/** A comprehensive category entry: group → packet. */
type CompEntry = Map<ComprehensiveGroup, CompHit>;

/** A fallback packet with its {@link PInfo} (made once per packet). */
interface FbHit {
  readonly p: FallbackPacket;
  readonly info: PInfo;
}

function refMatches(ref: ProcedureRef, code: string, prefix: boolean): boolean {
  return ref.code === code || (prefix && ref.isShort && code.startsWith(ref.code));
}

function anyRef(refs: readonly ProcedureRef[], code: string, prefix: boolean): boolean {
  for (const r of refs) if (refMatches(r, code, prefix)) return true;
  return false;
}

function dxMatcherHolds(m: DxMatcher, dx: string): boolean {
  switch (m.kind) {
    case 'subcategory':
      return dx.startsWith(m.key);
    case 'category':
      return dx.slice(0, 3) === m.key;
    case 'set':
      return inDxSet(dx, m.items);
    case 'any':
      return true;
  }
}

function optionalDec(s: string | undefined): Dec | undefined {
  if (s === undefined) return undefined;
  const r = parseDecimal(s);
  return r.ok ? r.value : undefined;
}

function unknownClassIssue(code: string, k: ProcedureClass, conservative: boolean, isPrincipal: boolean): Issue {
  return {
    severity: 'warning',
    code: 'grouping.unknown_procedure_class',
    message: conservative
      ? `procedure ${code} is not in the procedure class table: treated as conservative (unknownProcedure = conservative)`
      : `procedure ${code} is not in the procedure class table: class ${k} assumed (unknownProcedureFallbackClass)`,
    column: isPrincipal ? 'principal_procedure' : 'other_procedures',
    received: code,
    expected: 'a code of the procedure class table',
  };
}

// Comparators of the candidate selection: > 0 when `a` is better than `b`.
type Better = (a: Eval, b: Eval) => number;
const tcmRank = (e: Eval): number => (e.c.packet.kind === 'tcm' ? 1 : 0);
const byTcmFirst: Better = (a, b) => tcmRank(a) - tcmRank(b);
const byTcmLast: Better = (a, b) => tcmRank(b) - tcmRank(a);
const byLayer: Better = (a, b) => LAYER_ORDER.indexOf(b.c.layer) - LAYER_ORDER.indexOf(a.c.layer);
/** Hubei ladder within core: higher MAIN class first, core before primary-care at the same class. */
const byClassLadder: Better = (a, b) => a.c.mainRank * 2 + (a.c.packet.isPrimaryCare ? 0 : 1) - (b.c.mainRank * 2 + (b.c.packet.isPrimaryCare ? 0 : 1));
const bySatisfied: Better = (a, b) => a.satisfied - b.satisfied;
const byAndSegments: Better = (a, b) => a.c.related.length - b.c.related.length;
const byPrincipalOnly: Better = (a, b) => (a.c.related.length === 0 ? 1 : 0) - (b.c.related.length === 0 ? 1 : 0);
const byHighestPoints: Better = (a, b) => a.c.points.cmp(b.c.points);
const byLowestPoints: Better = (a, b) => b.c.points.cmp(a.c.points);
const byLowestCode: Better = (a, b) => cmpCode(b.c.code, a.c.code);

/** A trace step without object spreads (exactOptionalPropertyTypes: `detail` only when given). */
function st(step: TraceStep['step'], outcome: string, detail: string | undefined): TraceStep {
  return detail === undefined ? { step, outcome } : { step, outcome, detail };
}

/**
 * The steps of a base that ends with `step`: `shared` (`[step]`, made once per packet) when no step came before, so
 * the base allocates no steps array; else `steps` with `step` pushed, copied to exact length. Same elements either way.
 */
function seal(steps: TraceStep[], step: TraceStep, shared: readonly TraceStep[]): readonly TraceStep[] {
  if (steps.length === 0) return shared;
  steps.push(step);
  return steps.slice();
}

/** An exact-length copy of a non-empty array (a pushed-to array keeps spare capacity); an empty one as it is. */
function fit<T>(xs: readonly T[]): readonly T[] {
  return xs.length === 0 ? xs : xs.slice();
}

function sortedCopy(xs: readonly string[]): readonly string[] {
  return xs.length === 0 ? EMPTY : xs.length === 1 ? xs : [...xs].sort(cmpCode);
}

function cmpCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compile a grouper for a catalog and a resolved option set (DIP-RULES.md §4.1–§4.7).
 *
 * @example
 * ```ts
 * const grouper = createGrouper(catalog, { options: DEFAULT_GROUPING_OPTIONS, procedureClasses });
 * const r = grouper.group(record);
 * if (r.status === 'grouped') console.log(r.packetCode, r.kind, r.auxCoef);
 * else console.log('ungrouped', r.reason);
 * ```
 */
export function createGrouper(catalog: Catalog, opts: GrouperOptions): Grouper {
  return createGrouperWith(catalog, opts, CACHE_LIMITS);
}

/**
 * {@link createGrouper} with given cache bounds (internal: tests cross small bounds many times, benches measure the
 * caches' memory). Results do not depend on `limits` (each cache holds only what the grouper would compute).
 *
 * @internal
 */
export function createGrouperWith(catalog: Catalog, opts: GrouperOptions, limits: CacheLimits): Grouper {
  const o = opts.options;
  const aux = opts.auxiliary ?? DEFAULT_AUXILIARY_OPTIONS;
  const table = opts.procedureClasses;
  const classes: { get(code: string): ProcedureClass | undefined } = 'get' in table ? table : new Map(table.entries());
  const traceLevel: TraceLevel = opts.trace ?? 'full';
  const prefixMode = o.procedureCodeMatch === 'prefixForShortCodes';
  const layers: ReadonlySet<CoreLayer> | undefined = o.layers === undefined ? undefined : new Set(o.layers);
  const dxKeyLength = o.dxKeyLength;
  const warnings: Issue[] = [];

  const classOfTable = (code: string): ProcedureClass | undefined => classes.get(code);
  const rankOfMain = (refs: readonly ProcedureRef[]): number => {
    let best = 1;
    for (const r of refs) {
      const k = classOfTable(r.code);
      if (k !== undefined) best = Math.max(best, RANK[k]);
    }
    return best;
  };

  // ---------------------------------------------------------------- per-packet facts read on every result
  // Packets come with varying optional fields (many hidden classes): reading them per case is a megamorphic load.
  // Copy what a result needs into one monomorphic record per packet, and compile auxiliary subtypes once.
  const pinfo = new Map<Packet, PInfo>();
  for (const p of catalog.packets) {
    const subtypes = p.auxSubtypes !== undefined && p.auxSubtypes.length > 0 && auxApplies(p, aux) ? compileSubtypes(p) : undefined;
    pinfo.set(p, { code: p.code, kind: p.kind, isPrimaryCare: p.isPrimaryCare, subtypes, avgCost: subtypes === undefined ? undefined : optionalDec(p.averageCost) });
  }
  // ---------------------------------------------------------------- core index
  const compile = (p: CorePacket | TcmPacket): CCore => {
    const coreStep: TraceStep = { step: 'core', outcome: 'matched', detail: p.code };
    const consStep: TraceStep = { step: 'conservativeCore', outcome: 'matched', detail: p.code };
    const fbStep: TraceStep = { step: 'coreConservativeFallback', outcome: 'matched', detail: p.code };
    return {
    packet: p,
    code: p.code,
    mains: p.main,
    related: p.related,
    points: dec(p.points),
    avgCost: optionalDec(p.averageCost),
    layer: p.kind === 'core' ? (p.layer ?? 'base') : 'base',
    mainRank: p.main.length === 0 ? 1 : rankOfMain(p.main),
    info: pinfo.get(p) ?? packetInfo(p),
    coreStep,
    consStep,
    fbStep,
    coreSteps: [coreStep],
    consSteps: [consStep],
    fbSteps: [fbStep],
    };
  };
  const layerOk = (c: CCore): boolean => layers === undefined || layers.has(c.layer);

  const subIndex = new Map<string, SubIndex>();
  for (const [key, list] of catalog.coreBySubcategory) {
    const idx: SubIndex = { conservative: [], byMain: new Map(), shortMain: [] };
    for (const p of list) {
      const c = compile(p);
      if (!layerOk(c)) continue;
      if (c.mains.length === 0) {
        idx.conservative.push(c);
        continue;
      }
      let short = false;
      for (const m of c.mains) {
        if (prefixMode && m.isShort) short = true;
        else {
          const arr = idx.byMain.get(m.code);
          if (arr === undefined) idx.byMain.set(m.code, [c]);
          else if (!arr.includes(c)) arr.push(c);
        }
      }
      if (short) idx.shortMain.push(c);
    }
    subIndex.set(key.slice(0, dxKeyLength), idx);
  }
  const otherCore: CCore[] = catalog.coreOther.map(compile).filter(layerOk);
  const otherConservative = otherCore.filter((c) => c.mains.length === 0);
  const otherProcedural = otherCore.filter((c) => c.mains.length > 0);
  const hasTcm = catalog.packets.some((p) => p.kind === 'tcm');
  const multiLayer = catalog.packets.some((p) => p.kind === 'core' && p.layer !== undefined && p.layer !== 'base');

  // ---------------------------------------------------------------- comprehensive index
  const infoOf = (p: Packet): PInfo => pinfo.get(p) ?? packetInfo(p);
  const compHits = new Map<ComprehensivePacket, CompHit>();
  const compHit = (p: ComprehensivePacket): CompHit => {
    let h = compHits.get(p);
    if (h === undefined) {
      const step: TraceStep = { step: 'comprehensive', outcome: 'matched', detail: p.code };
      compHits.set(p, (h = { p, info: infoOf(p), step, steps: [step] }));
    }
    return h;
  };
  const compByKey = new Map<string, CompEntry>();
  const addComp = (key: string, p: ComprehensivePacket): void => {
    let e = compByKey.get(key);
    if (e === undefined) compByKey.set(key, (e = new Map()));
    if (!e.has(p.group)) e.set(p.group, compHit(p));
  };
  for (const [cat, list] of catalog.comprehensiveByCategory) for (const p of list) addComp(cat, p);
  const compRanges: { from: string; to: string; p: ComprehensivePacket }[] = [];
  for (const p of catalog.comprehensiveOther) {
    if (p.dx.kind === 'set') {
      for (const it of p.dx.items) {
        if (it.kind === 'prefix' || it.kind === 'code') addComp(it.kind === 'prefix' ? it.prefix : it.code, p);
        else compRanges.push({ from: it.from, to: it.to, p });
      }
    } else if (p.dx.kind === 'category') addComp(p.dx.key, p);
  }
  // Range keys (`A00-A99`, Hubei comprehensive keys), one entry per range, in catalog order.
  const rangeEntries: { from: string; to: string; entry: CompEntry }[] = [];
  for (const x of compRanges) {
    let e = rangeEntries.find((y) => y.from === x.from && y.to === x.to);
    if (e === undefined) rangeEntries.push((e = { from: x.from, to: x.to, entry: new Map() }));
    if (!e.entry.has(x.p.group)) e.entry.set(x.p.group, compHit(x.p));
  }
  if (o.comprehensiveGradeSplit !== 'none') {
    warnings.push({
      severity: 'warning',
      code: 'grouping.unsupported_option',
      message: 'comprehensiveGradeSplit = surgicalGrade is not implemented (no surgical-grade table): comprehensive packets are chosen without grade',
      path: ['grouping', 'comprehensiveGradeSplit'],
    });
  }
  if (o.simpleProcedureRule !== 'exclusionList') {
    warnings.push({
      severity: 'warning',
      code: 'grouping.unsupported_option',
      message: 'simpleProcedureRule = classAndGrade is not implemented (no surgical-grade table): simple procedures are the catalog exclusion list',
      path: ['grouping', 'simpleProcedureRule'],
    });
  }

  // ---------------------------------------------------------------- fallback index
  const chapterPackets = new Map<string, FbHit>();
  let blank: FbHit | undefined;
  let floor: FbHit | undefined;
  for (const f of catalog.fallbacks) {
    if (f.fallbackType === 'chapterPacket' && f.chapter !== undefined && f.group !== undefined) {
      const k = `${f.chapter}|${f.group}`;
      if (!chapterPackets.has(k)) chapterPackets.set(k, { p: f, info: infoOf(f) });
    } else if (f.fallbackType === 'blankPacket') blank ??= { p: f, info: infoOf(f) };
    else if (f.fallbackType === 'floorPacket') floor ??= { p: f, info: infoOf(f) };
  }

  /** Step 7's category entry of a diagnosis and the key it is found under (see {@link DxEntry}). */
  const compEntryOf = (dx: string, cat: string): { entry: CompEntry | undefined; key: string } => {
    let entry: CompEntry | undefined;
    let entryKey = '';
    for (const k of o.comprehensiveDxKeys) {
      if (k === 'range') {
        for (const rg of rangeEntries) {
          if (cat >= rg.from && cat <= rg.to) {
            entry = rg.entry;
            entryKey = `${rg.from}-${rg.to}`;
            break;
          }
        }
      } else {
        const key = k === 'category' ? cat : k === 'prefix2' ? dx.slice(0, 2) : dx.slice(0, 1);
        entry = compByKey.get(key);
        entryKey = key;
      }
      if (entry !== undefined) break;
    }
    return { entry, key: entryKey };
  };

  // ---------------------------------------------------------------- exclusion lists
  const exclCodes = new Set<string>();
  const exclOther = [] as typeof catalog.excludedPrincipalDx[number][];
  for (const it of catalog.excludedPrincipalDx) {
    if (it.kind === 'code') exclCodes.add(it.code);
    else exclOther.push(it);
  }
  const ignored = catalog.ignoredProcedures;

  if (opts.cciDictionary === undefined && catalog.packets.some((p) => (p.auxSubtypes ?? []).some((s) => usesCci(s.condition)))) {
    warnings.push({
      severity: 'warning',
      code: 'grouping.cci_dictionary_missing',
      message: 'the catalog has CCI auxiliary subtypes but no CCI dictionary was given: those subtypes never apply',
    });
  }

  const info: GrouperInfo = { catalogId: catalog.id, catalogHash: catalog.contentHash, options: o, auxiliary: aux, warnings };

  // ---------------------------------------------------------------- per-code caches (bounded)
  // Records arrive with fresh strings: every slice and look-up by a derived key (subcategory, category, normalised
  // code) costs a new string and its hash per case. Keyed by the raw string instead (hashed once by the look-up),
  // each cache holds what the grouper would derive from that string alone, so a hit gives exactly what the code it
  // replaces computes. Bounded, two generations each (GenCache: hot entries are kept, cold ones dropped a generation
  // at a time, memory stays flat).
  const dxCache = new GenCache<DxEntry>(limits.codes);
  const procCache = new GenCache<ProcEntry>(limits.codes);
  const classCache = new GenCache<ProcedureClass | null>(limits.codes);
  // The base cache, by raw principal diagnosis then raw procedure fields (DxBases), two generations of at most
  // `limits.bases` units (a base or a holder) each: young then old, a hit in the old one is copied to the young one,
  // and when the young one is full it becomes the old one (the previous old one is dropped).
  let basesYoung = new Map<string, DxBases>();
  let basesOld = new Map<string, DxBases>();
  let youngUnits = 0;
  // The bases of the cases without other procedures (no procedure, or the principal one only: 96 % of the 200k
  // file's records) whose key packs (KeyTable): same generations, same units (one per base), rotated together.
  let fastYoung = new KeyTable<Base>(limits.bases);
  let fastOld = new KeyTable<Base>(limits.bases);
  const kw = new Int32Array(KEY_WORDS);
  // The same for the cases with other procedures and a principal one (packProcedures, 64 symbols at most).
  let listYoung = new KeyTable<Base>(limits.bases, LIST_WORDS);
  let listOld = new KeyTable<Base>(limits.bases, LIST_WORDS);
  const lw = new Int32Array(LIST_WORDS);
  /** Rotate the generations of the base cache (both kinds of entries): the young one becomes the old one. */
  const rotateBases = (): void => {
    basesOld = basesYoung;
    basesYoung = new Map();
    const t = fastOld;
    fastOld = fastYoung;
    t.clear();
    fastYoung = t;
    const u = listOld;
    listOld = listYoung;
    u.clear();
    listYoung = u;
    youngUnits = 0;
  };
  /** Store `b` under the packed key now in `kw` (`n` symbols) in the young generation (rotating first when full). */
  const storeFast = (n: number, b: Base): void => {
    if (youngUnits >= limits.bases) rotateBases();
    fastYoung.set(n, kw, b);
    youngUnits++;
  };
  /** Store `b` under the packed key now in `lw` (`n` symbols) in the young generation (rotating first when full). */
  const storeList = (n: number, b: Base): void => {
    if (youngUnits >= limits.bases) rotateBases();
    listYoung.set(n, lw, b);
    youngUnits++;
  };

  /** Steps 0 and 2 of a raw principal diagnosis (see {@link DxEntry}); `early` is the base when they end the case. */
  const makeDxEntry = (rawDx: string): DxEntry => {
    let dx = rawDx === '' ? '' : fastDxCode(rawDx);
    const plus = dx.indexOf('+');
    if (plus >= 0) dx = dx.slice(0, plus);
    if (dx === '' || !isDxShape(dx)) {
      const issues: Issue[] = [{ severity: 'error', code: 'grouping.invalid_principal_dx', message: `principal diagnosis "${rawDx}" is not an ICD-10 code`, column: 'principal_dx', received: rawDx }];
      const steps: TraceStep[] = [{ step: 'normalize', outcome: 'invalidPrincipalDx' }];
      const early = ungroupedBase('INVALID_PRINCIPAL_DX', undefined, issues, trace(dx, '', '', EMPTY, EMPTY, steps));
      return { early, dx, sub: '', cat: '', idx: undefined, comp: undefined, compKey: '', chapter: null };
    }
    const sub = dx.slice(0, dxKeyLength);
    const cat = dx.slice(0, 3);
    if (exclCodes.has(dx) || (exclOther.length > 0 && inDxSet(dx, exclOther))) {
      const asError = o.excludedPrincipalDx === 'error';
      const issues: Issue[] = [
        {
          severity: asError ? 'error' : 'warning',
          code: 'grouping.excluded_principal_dx',
          message: `principal diagnosis ${dx} is on the catalog's "not usable as principal diagnosis" list`,
          column: 'principal_dx',
          received: dx,
        },
      ];
      const steps: TraceStep[] = [{ step: 'exclusions', outcome: 'excludedPrincipalDx' }];
      const early = ungroupedBase('EXCLUDED_PRINCIPAL_DX', undefined, issues, trace(dx, sub, cat, EMPTY, EMPTY, steps));
      return { early, dx, sub, cat, idx: undefined, comp: undefined, compKey: '', chapter: null };
    }
    const ce = compEntryOf(dx, cat);
    return { early: undefined, dx, sub, cat, idx: subIndex.get(sub), comp: ce.entry, compKey: ce.key, chapter: null };
  };
  // The DxEntry of a raw diagnosis whose key packs (packKey without a procedure) is held in two KeyTables instead of
  // dxCache (since `6641ca7`): the same two generations of `limits.codes` entries (GenCache's rules: young, then old with
  // promotion; young full → it becomes the old one), no fresh string hashed by a Map on a base-cache miss.
  let dxYoung = new KeyTable<DxEntry>(Math.max(limits.codes, 1));
  let dxOld = new KeyTable<DxEntry>(Math.max(limits.codes, 1));
  const dw = new Int32Array(KEY_WORDS);
  const dxEntry = (rawDx: string): DxEntry => {
    const n = packKey(dw, rawDx, undefined);
    if (n === 0) {
      let e = dxCache.get(rawDx);
      if (e === undefined) dxCache.set(rawDx, (e = makeDxEntry(rawDx)));
      return e;
    }
    const y = dxYoung.get(n, dw);
    if (y !== undefined) return y;
    const e = dxOld.get(n, dw) ?? makeDxEntry(rawDx);
    if (dxYoung.size >= Math.max(limits.codes, 1)) {
      const t = dxOld;
      dxOld = dxYoung;
      t.clear();
      dxYoung = t;
    }
    dxYoung.set(n, dw, e);
    return e;
  };
  /** The {@link ProcEntry} of a raw procedure string (a function of the string alone). */
  const makeProcEntry = (raw: string): ProcEntry => {
    const code = fastProcedureCode(raw);
    return { code, ignored: code !== '' && ignored.has(code), cls: code === '' ? null : (classOfCode(code) ?? null) };
  };
  /** Normalised code of a non-empty raw procedure, whether the catalog ignores it, and its class. */
  const procEntry = (raw: string): ProcEntry => {
    let e = procCache.get(raw);
    if (e === undefined) procCache.set(raw, (e = makeProcEntry(raw)));
    return e;
  };
  /** `classOfTable(code)`, cached per normalised code (the class table does not change after `createGrouper`). */
  const classOfCode = (code: string): ProcedureClass | undefined => {
    let k = classCache.get(code);
    if (k === undefined) classCache.set(code, (k = classOfTable(code) ?? null));
    return k ?? undefined;
  };

  /** The base cached in `h` for the procedure fields of kind `kind` (0 none, 1 principal only, 2 others) and `key`. */
  const heldBase = (h: DxBases, kind: number, key: string): Base | undefined =>
    kind === 0 ? h.noProc : kind === 1 ? h.byP0?.get(key) : h.byProcs?.get(key);

  /** Store `b` in the young generation (rotating first when it is full) under `rawDx`, `kind`, `key`. */
  const storeBase = (rawDx: string, de: DxEntry, kind: number, key: string, b: Base): void => {
    if (youngUnits >= limits.bases) rotateBases();
    let h = basesYoung.get(rawDx);
    if (h === undefined) {
      basesYoung.set(rawDx, (h = { de, noProc: undefined, byP0: undefined, byProcs: undefined }));
      youngUnits++;
    }
    if (kind === 0) h.noProc = b;
    else if (kind === 1) (h.byP0 ??= new Map()).set(key, b);
    else (h.byProcs ??= new Map()).set(key, b);
    youngUnits++;
  };

  // ================================================================ per case
  /**
   * Everything of a case that depends only on its principal diagnosis and procedures as the record holds them
   * (the memo key, {@link MemoNode}): validation, exclusions, classes, core match, comprehensive and fallback
   * routing. Reads nothing else of `r` except `totalCost` under the `closestAverageCost` tie-break, which sets
   * `readsRecord` (such a base is not memoised). Looked up in the base cache ({@link DxBases}: young generation,
   * then old, a hit there copied to the young one); on a miss steps 0 and 2 come from the raw diagnosis's
   * {@link DxEntry} and the rest is computed, then stored unless it read the case's cost. The key is the raw
   * diagnosis and the raw procedure fields: none, the principal procedure alone, or {@link procedureKey} of all.
   *
   * Fast path (since `18a6eda` and `0074702`): a case without other procedures (no principal procedure, `''`, or one principal procedure
   * alone) whose diagnosis and procedure pack ({@link packKey}: ASCII without `\0`, at most 24 symbols), or with
   * other procedures and a non-empty principal one whose fields pack ({@link packProcedures}: at most 64 symbols), is
   * looked up in the {@link KeyTable}s instead — the characters read once into integers, hashed and compared in one
   * slot, no joined key string built, no string hashed by a `Map` nor followed to a holder. It equals the holder
   * path: each packed key is injective on exactly that holder key (the diagnosis string, and the principal procedure
   * string or its absence, `''` counting as absent as in `kind` 0; with other procedures, the principal procedure and
   * the list of others string for string, as {@link procedureKey}), the two kinds of key live in separate tables,
   * the tables hold only bases computed for their key (never one that read the cost), with the same generations and
   * units; on a miss the {@link DxEntry} comes from the per-diagnosis cache instead of a holder, a function of the
   * same raw string. Keys that do not pack take the holder path as before.
   */
  const baseOf = (r: DischargeRecord): Base => {
    const rawDx = r.principalDx;
    const rawP0 = r.principalProcedure;
    const os = r.otherProcedures;
    const kind = os.length > 0 ? 2 : rawP0 === undefined || rawP0 === '' ? 0 : 1;
    if (kind !== 2) {
      const n = packKey(kw, rawDx, kind === 1 ? rawP0 : undefined);
      if (n > 0) {
        const yb = fastYoung.get(n, kw);
        if (yb !== undefined) return yb;
        const ob = fastOld.get(n, kw);
        if (ob !== undefined) {
          storeFast(n, ob);
          return ob;
        }
        const de = dxEntry(rawDx);
        if (de.early !== undefined) return de.early;
        readsRecord = false;
        const b = procedureBase(r, de);
        if (!readsRecord) storeFast(packKey(kw, rawDx, kind === 1 ? rawP0 : undefined), b);
        return b;
      }
    } else if (rawP0 !== undefined && rawP0 !== '') {
      const n = packProcedures(lw, rawDx, rawP0, os);
      if (n > 0) {
        const yb = listYoung.get(n, lw);
        if (yb !== undefined) return yb;
        const ob = listOld.get(n, lw);
        if (ob !== undefined) {
          storeList(n, ob);
          return ob;
        }
        const de = dxEntry(rawDx);
        if (de.early !== undefined) return de.early;
        readsRecord = false;
        const b = procedureBase(r, de);
        if (!readsRecord) storeList(packProcedures(lw, rawDx, rawP0, os), b);
        return b;
      }
    }
    const key = kind === 2 ? procedureKey(rawP0, os) : kind === 1 ? rawP0! : '';
    const yb = basesYoung.get(rawDx);
    if (yb !== undefined) {
      const b = heldBase(yb, kind, key);
      if (b !== undefined) return b;
    }
    const ob = basesOld.get(rawDx);
    if (ob !== undefined) {
      const b = heldBase(ob, kind, key);
      if (b !== undefined) {
        storeBase(rawDx, ob.de, kind, key, b);
        return b;
      }
    }
    // ---- steps 0 and 2: principal diagnosis, exclusions (a function of the raw string: cached)
    const de = yb !== undefined ? yb.de : ob !== undefined ? ob.de : dxEntry(rawDx);
    if (de.early !== undefined) return de.early;
    readsRecord = false;
    const b = procedureBase(r, de);
    if (!readsRecord) storeBase(rawDx, de, kind, key, b);
    return b;
  };

  /** The rest of {@link baseOf} after steps 0 and 2. */
  const procedureBase = (r: DischargeRecord, de: DxEntry): Base => {
    const steps: TraceStep[] = [];
    let issues: Issue[] = NO_ISSUES; // allocated on the first issue only
    const full = traceLevel === 'full';
    const dx = de.dx;
    const sub = de.sub;
    const cat = de.cat;

    // Procedures: normalise, drop ignored ones (排除手术操作), de-duplicate. `others` is sorted, so nothing below
    // depends on the listed order of other procedures.
    let p0: string | undefined;
    let p0Cls: ProcedureClass | null = null; // classOfCode(p0) ?? null, from p0's entry
    let ignoredList: string[] | undefined;
    if (r.principalProcedure !== undefined && r.principalProcedure !== '') {
      const pe = procEntry(r.principalProcedure);
      const c = pe.code;
      if (c !== '') {
        if (pe.ignored) (ignoredList ??= []).push(c);
        else {
          p0 = c;
          p0Cls = pe.cls;
        }
      }
    }
    let others: string[] = EMPTY as unknown as string[];
    if (r.otherProcedures.length > 0) {
      others = [];
      for (const raw of r.otherProcedures) {
        if (raw === '') continue;
        const pe = procEntry(raw);
        const c = pe.code;
        if (c === '' || c === p0 || others.includes(c)) continue;
        if (pe.ignored) {
          if (!(ignoredList ??= []).includes(c)) ignoredList.push(c);
          continue;
        }
        others.push(c);
      }
      if (others.length > 1) others.sort(cmpCode);
    }
    if (ignoredList !== undefined) {
      ignoredList.sort(cmpCode);
      steps.push({ step: 'exclusions', outcome: 'proceduresIgnored', detail: ignoredList.join(';') });
    }
    if (p0 === undefined && others.length > 0) {
      (issues === NO_ISSUES ? (issues = []) : issues).push({
        severity: 'warning',
        code: 'grouping.no_principal_procedure',
        message: `other procedures are listed but no principal procedure: ${others.join(';')}`,
        column: 'principal_procedure',
      });
    }

    // Classes of every procedure (an unknown code is an explicit issue, never a silent default).
    let simpleOnly = p0 === undefined && others.length === 0;
    let caseClass: ProcedureClass = 'conservative';
    let classSource: string | undefined;
    if (!simpleOnly) {
      let allUnknownConservative = true;
      let bestRank = 0;
      let best: string | undefined;
      let principalClass: ProcedureClass | undefined;
      const nProc = (p0 === undefined ? 0 : 1) + others.length;
      for (let i = 0; i < nProc; i++) {
        const isPrincipal = p0 !== undefined && i === 0;
        const code = isPrincipal ? (p0 as string) : others[p0 === undefined ? i : i - 1]!;
        let k: ProcedureClass | undefined = isPrincipal ? (p0Cls ?? undefined) : classOfCode(code);
        if (k === undefined) {
          const conservative = o.unknownProcedure === 'conservative';
          k = conservative ? 'conservative' : o.unknownProcedureFallbackClass;
          (issues === NO_ISSUES ? (issues = []) : issues).push(unknownClassIssue(code, k, conservative, isPrincipal));
          if (!conservative) allUnknownConservative = false;
        } else allUnknownConservative = false;
        if (k === 'interventional' && !o.interventionalAsSurgery) k = 'therapeutic';
        if (isPrincipal) principalClass = k;
        const rank = RANK[k];
        if (rank > bestRank || (rank === bestRank && isPrincipal)) {
          bestRank = rank;
          best = code;
        }
      }
      simpleOnly = allUnknownConservative;
      const pc: ProcedureClass = principalClass ?? 'conservative';
      const bc: ProcedureClass = best === undefined ? 'conservative' : (best === p0 ? pc : (classOfCode(best) ?? (o.unknownProcedure === 'conservative' ? 'conservative' : o.unknownProcedureFallbackClass)));
      const bestClass: ProcedureClass = bc === 'interventional' && !o.interventionalAsSurgery ? 'therapeutic' : bc;
      if (o.principalProcedureSource === 'highestClass') {
        if (best !== undefined && best !== p0 && RANK[bestClass] > RANK[pc]) {
          steps.push({ step: 'normalize', outcome: 'principalRecomputed', detail: `${p0 ?? ''}→${best}` });
          if (p0 !== undefined) {
            others = others.filter((x) => x !== best);
            others.push(p0);
            others.sort(cmpCode);
          } else others = others.filter((x) => x !== best);
          p0 = best;
        }
      } else if (p0 !== undefined && best !== undefined && best !== p0 && RANK[bestClass] > RANK[pc]) {
        (issues === NO_ISSUES ? (issues = []) : issues).push({
          severity: 'warning',
          code: 'grouping.principal_not_highest',
          message: `another listed procedure (${best}, ${bestClass}) has a higher class than the principal procedure (${p0}, ${pc})`,
          column: 'principal_procedure',
          received: p0,
        });
      }
      if (o.comprehensiveClassFrom === 'highestListed') {
        caseClass = bestClass;
        classSource = best;
      } else if (p0 !== undefined) {
        caseClass = o.principalProcedureSource === 'highestClass' && p0 === best ? bestClass : pc;
        classSource = p0;
      }
    }
    // Exact length (a base keeps it): `[p0]` is; `others` was built by push and the spread may keep spare capacity.
    const procs: readonly string[] = p0 === undefined ? fit(others) : others.length === 0 ? [p0] : fit([p0, ...others]);

    // ---- steps 3–5: core match
    const idx = de.idx;
    const candidates: CandidateTrace[] | undefined = full ? [] : undefined;
    let chosen: Eval | undefined;
    if (procs.length > 0 && (idx !== undefined || otherProcedural.length > 0)) {
      let evals: Eval[];
      if (o.mainProcedureRole === 'principalOnly') evals = p0 === undefined ? [] : principalEvals(idx, dx, p0, procs);
      else if (o.mainProcedureRole === 'anyListed') evals = anyEvals(idx, dx, p0, procs);
      else {
        // preferPrincipal (Pingdingshan third-party grouper: "exact principal first, then any listed procedure";
        // Jining "新增主手术优先逻辑"): the principal as MAIN when that gives an eligible packet, else anyListed
        // (which re-evaluates the principal's packets too, so the trace lists each candidate once).
        evals = p0 === undefined ? [] : principalEvals(idx, dx, p0, procs);
        if (!evals.some((e) => eligible(e))) evals = anyEvals(idx, dx, p0, procs);
      }
      if (evals.length > 0) chosen = choose(evals, r, candidates);
      if (chosen === undefined) steps.push(st('core', evals.length === 0 ? 'noCandidate' : 'noEligibleCandidate', undefined));
      else {
        const m: string[] = [chosen.mainUsed];
        for (const p of chosen.picks) if (p !== undefined && !m.includes(p)) m.push(p);
        // `m` is exact while nothing was pushed; `[p0]` as `procs` already is, the same array is shared then.
        const matched = m.length > 1 ? m.slice() : procs.length === 1 && procs[0] === m[0] ? procs : m;
        const unmatched = procs.length === m.length ? EMPTY : procs.filter((x) => !m.includes(x)).sort(cmpCode);
        return groupedBase(chosen.c.packet, chosen.c.info, chosen.c.layer, caseClass, 'core', matched, unmatched, issues, dx, sub, cat, ignoredList, seal(steps, chosen.c.coreStep, chosen.c.coreSteps), candidates, procs);
      }
    }

    // ---- step 6: no procedure (after exclusions) or simple only → conservative core packet
    if (simpleOnly) {
      const c = conservativeCore(idx, dx, r, candidates);
      if (c === undefined) steps.push(st('conservativeCore', 'none', undefined));
      else return groupedBase(c.packet, c.info, c.layer, caseClass, 'conservativeCore', EMPTY, sortedCopy(procs), issues, dx, sub, cat, ignoredList, seal(steps, c.consStep, c.consSteps), candidates, procs);
    }

    // 宜昌 "不能入核心则入核心保守" (coreFirst: before comprehensive; classLadder puts it after comprehensive).
    if (!simpleOnly && o.coreConservativeFallback && o.typePriority === 'coreFirst') {
      const c = conservativeCore(idx, dx, r, candidates);
      if (c === undefined) steps.push(st('coreConservativeFallback', 'none', undefined));
      else return groupedBase(c.packet, c.info, c.layer, caseClass, 'coreConservativeFallback', EMPTY, sortedCopy(procs), issues, dx, sub, cat, ignoredList, seal(steps, c.fbStep, c.fbSteps), candidates, procs);
    }

    // ---- step 7: comprehensive (category + class of the principal procedure)
    const group: ComprehensiveGroup = caseClass === 'surgery' || caseClass === 'interventional' ? 'surgery' : caseClass;
    const entry = de.comp;
    const entryKey = de.compKey;
    if (entry !== undefined) {
      const h = entry.get(group);
      if (h !== undefined) {
        return groupedBase(h.p, h.info, undefined, caseClass, 'comprehensive', classSource === undefined ? EMPTY : [classSource], classSource === undefined ? sortedCopy(procs) : procs.filter((x) => x !== classSource).sort(cmpCode), issues, dx, sub, cat, ignoredList, seal(steps, h.step, h.steps), candidates, procs);
      }
      const medical = o.comprehensiveMissingGroup === 'medicalGroup' ? entry.get('conservative') : undefined;
      if (medical !== undefined) {
        steps.push({ step: 'comprehensive', outcome: 'medicalGroup', detail: `${entryKey} has no ${group} group → ${medical.p.code}` });
        return groupedBase(medical.p, medical.info, undefined, caseClass, 'comprehensiveMedicalGroup', EMPTY, sortedCopy(procs), issues, dx, sub, cat, ignoredList, fit(steps), candidates, procs);
      }
      steps.push({ step: 'comprehensive', outcome: 'missingGroup', detail: `${entryKey} has no ${group} group` });
    } else steps.push({ step: 'comprehensive', outcome: 'noCategory', detail: cat });

    // classLadder: the core conservative packet ranks below every comprehensive packet (Hubei 2023 code).
    if (!simpleOnly && o.coreConservativeFallback && o.typePriority === 'classLadder') {
      const c = conservativeCore(idx, dx, r, candidates);
      if (c === undefined) steps.push(st('coreConservativeFallback', 'none', undefined));
      else return groupedBase(c.packet, c.info, c.layer, caseClass, 'coreConservativeFallback', EMPTY, sortedCopy(procs), issues, dx, sub, cat, ignoredList, seal(steps, c.fbStep, c.fbSteps), candidates, procs);
    }

    // ---- step 8: fallback chain
    for (const f of o.fallbackChain) {
      let p: Packet | undefined;
      let pi: PInfo | undefined;
      let layer: CoreLayer | undefined;
      if (f === 'coreConservative') {
        const c = conservativeCore(idx, dx, r, candidates);
        if (c !== undefined) {
          p = c.packet;
          pi = c.info;
          layer = c.layer;
        }
      } else if (f === 'chapterPacket') {
        const ch = de.chapter === null ? (de.chapter = icd10Chapter(cat)) : de.chapter;
        const h = ch === undefined ? undefined : chapterPackets.get(`${ch}|${group}`);
        if (h !== undefined) {
          p = h.p;
          pi = h.info;
        }
      } else if (f === 'blankPacket') {
        if (blank !== undefined && dxMatcherHolds(blank.p.dx, dx)) {
          p = blank.p;
          pi = blank.info;
        }
      } else if (floor !== undefined && dxMatcherHolds(floor.p.dx, dx)) {
        p = floor.p;
        pi = floor.info;
      }
      steps.push(st('fallback', p === undefined ? `${f}:none` : f, p === undefined ? undefined : p.code));
      if (p !== undefined) return groupedBase(p, pi!, layer, caseClass, f, EMPTY, sortedCopy(procs), issues, dx, sub, cat, ignoredList, fit(steps), candidates, procs);
    }

    // ---- step 9: ungrouped
    const hasCore = idx !== undefined && (idx.conservative.length > 0 || idx.byMain.size > 0 || idx.shortMain.length > 0);
    const reason: UngroupedReason = entry !== undefined ? 'NO_COMPREHENSIVE_GROUP' : hasCore ? 'NO_COMPREHENSIVE_CATEGORY' : 'NO_PACKET_FOR_DIAGNOSIS';
    return ungroupedBase(reason, caseClass, issues, trace(dx, sub, cat, ignoredList ?? EMPTY, candidates ?? EMPTY, steps));
  };

  /** Step 6: the conservative core packet(s) of the subcategory (normally one; several → the tie-break chain). */
  function conservativeCore(idx: SubIndex | undefined, dx: string, r: DischargeRecord, candidates: CandidateTrace[] | undefined): CCore | undefined {
    const n0 = idx === undefined ? 0 : idx.conservative.length;
    if (otherConservative.length === 0) {
      if (n0 === 0) return undefined;
      if (n0 === 1) return idx!.conservative[0];
    }
    const list: CCore[] = idx === undefined ? [] : [...idx.conservative];
    for (const c of otherConservative) if (dxMatcherHolds(c.packet.dx, dx)) list.push(c);
    if (list.length === 0) return undefined;
    if (list.length === 1) return list[0];
    const ev: Eval[] = list.map((c) => ({ c, mainUsed: '', picks: EMPTY, satisfied: 0, elim: undefined }));
    return choose(ev, r, candidates)?.c;
  }

  // ---------------------------------------------------------------- candidate evaluation (§4.2 steps 1–2)
  /** Evaluate packet `c` with `main` playing the MAIN role: pick, per related group, the smallest other code in it. */
  function evaluate(c: CCore, main: string, procs: readonly string[]): Eval {
    const n = c.related.length;
    if (n === 0) return { c, mainUsed: main, picks: EMPTY, satisfied: 0, elim: undefined };
    const picks: (string | undefined)[] = new Array<string | undefined>(n);
    let satisfied = 0;
    for (let g = 0; g < n; g++) {
      const refs = c.related[g]!;
      let pick: string | undefined;
      for (const code of procs) {
        if (code === main) continue;
        if (anyRef(refs, code, prefixMode) && (pick === undefined || code < pick)) pick = code;
      }
      picks[g] = pick;
      if (pick !== undefined) satisfied++;
    }
    return { c, mainUsed: main, picks, satisfied, elim: undefined };
  }

  function mainCandidates(idx: SubIndex | undefined, dx: string, code: string, out: CCore[]): void {
    if (idx !== undefined) {
      const exact = idx.byMain.get(code);
      if (exact !== undefined) for (const c of exact) out.push(c);
      for (const c of idx.shortMain) if (!out.includes(c) && anyRef(c.mains, code, true)) out.push(c);
    }
    for (const c of otherProcedural) if (!out.includes(c) && anyRef(c.mains, code, prefixMode) && dxMatcherHolds(c.packet.dx, dx)) out.push(c);
  }

  /** `principalOnly`: p0 ∈ E_k (DIP 3.0 draft "主要诊断 + 主要手术操作"). */
  function principalEvals(idx: SubIndex | undefined, dx: string, p0: string, procs: readonly string[]): Eval[] {
    const list: CCore[] = [];
    mainCandidates(idx, dx, p0, list);
    const out: Eval[] = new Array<Eval>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = evaluate(list[i]!, p0, procs);
    return out;
  }

  /**
   * `anyListed`: some listed procedure is in E_k (Hubei 2023 code). When a packet can take its MAIN from several
   * listed codes, keep the reading with most related groups satisfied; on a tie the principal procedure, then the
   * smallest code — never the listed order.
   */
  function anyEvals(idx: SubIndex | undefined, dx: string, p0: string | undefined, procs: readonly string[]): Eval[] {
    const best = new Map<CCore, Eval>();
    const order = p0 === undefined ? procs : [p0, ...procs.filter((x) => x !== p0)];
    const list: CCore[] = [];
    for (const a of order) {
      list.length = 0;
      mainCandidates(idx, dx, a, list);
      for (const c of list) {
        const e = evaluate(c, a, procs);
        const prev = best.get(c);
        if (prev === undefined || e.satisfied > prev.satisfied) best.set(c, e);
      }
    }
    return [...best.values()];
  }

  function eligible(e: Eval): boolean {
    return o.relatedMatchMode === 'overlapCount' || e.satisfied === e.c.related.length;
  }

  function candTrace(e: Eval): CandidateTrace {
    const t = { packetCode: e.c.code, mainUsed: e.mainUsed, relatedMatched: e.satisfied, relatedTotal: e.c.related.length };
    return e.elim === undefined ? t : { ...t, eliminatedBy: e.elim };
  }

  /** Keep the evals maximal under `better` (returns > 0 when a is better than b); mark the others. */
  function keepBest(live: Eval[], better: (a: Eval, b: Eval) => number, why: EliminationCriterion): Eval[] {
    if (live.length < 2) return live;
    let top = live[0]!;
    for (let i = 1; i < live.length; i++) if (better(live[i]!, top) > 0) top = live[i]!;
    const out: Eval[] = [];
    for (const e of live) {
      if (better(top, e) > 0) e.elim = why;
      else out.push(e);
    }
    return out;
  }

  function matchedCount(e: Eval, procs: readonly string[]): number {
    let n = 0;
    for (const code of procs) {
      if (code === e.mainUsed) n++;
      else for (const g of e.c.related) if (anyRef(g, code, prefixMode)) { n++; break; }
    }
    return n;
  }

  /** §4.2 steps 3–4: eligibility, most related matched, then the tie-break chain. */
  function choose(evals: Eval[], r: DischargeRecord, candidates: CandidateTrace[] | undefined): Eval | undefined {
    let live: Eval[] = [];
    for (const e of evals) {
      if (eligible(e)) live.push(e);
      else e.elim = 'relatedUnmatched';
    }
    if (live.length > 1 && hasTcm) {
      const tcmFirst = o.tcmOrder === 'beforeCore';
      live = keepBest(live, tcmFirst ? byTcmFirst : byTcmLast, 'kindOrder');
    }
    if (live.length > 1 && multiLayer) live = keepBest(live, byLayer, 'layerOrder');
    if (live.length > 1 && o.typePriority === 'classLadder') {
      // Hubei / Jining / Tai'an: core·surgery > primary-care·surgery > core·therapeutic > … (first non-empty wins).
      live = keepBest(live, byClassLadder, 'classLadder');
    }
    // National step 5 (1): the packet with the most matched related procedures (DIP 3.0 draft ch. 3 §3 三 (一)).
    if (live.length > 1) live = keepBest(live, bySatisfied, 'fewerRelatedMatched');
    // overlapCount, nothing matched: step 5 (2) — the "principal dx + principal procedure" packet.
    if (live.length > 1 && o.relatedMatchMode === 'overlapCount' && live[0]!.satisfied === 0) {
      live = keepBest(live, byPrincipalOnly, 'notPrincipalOnly');
    }
    for (const crit of o.tieBreak) {
      if (live.length < 2) break;
      if (crit === 'closestAverageCost') readsRecord = true; // the choice depends on r.totalCost: not memoisable
      live = keepBest(live, tieBreaker(crit, r), crit);
    }
    if (live.length > 1) live = keepBest(live, byLowestCode, 'finalPacketCode');
    if (candidates !== undefined) {
      const sorted = [...evals].sort((a, b) => cmpCode(a.c.code, b.c.code));
      for (const e of sorted) candidates.push(candTrace(e));
    }
    return live[0];
  }

  function tieBreaker(crit: TieBreakCriterion, r: DischargeRecord): (a: Eval, b: Eval) => number {
    switch (crit) {
      case 'mostRelatedMatched':
        return bySatisfied;
      case 'mostAndSegments':
        return byAndSegments;
      case 'mostMatchedProcedures': {
        const procs = caseProcs(r);
        return (a, b) => matchedCount(a, procs) - matchedCount(b, procs);
      }
      case 'highestPoints':
        return byHighestPoints;
      case 'lowestPoints':
        return byLowestPoints;
      case 'closestAverageCost': {
        const cost = optionalDec(r.totalCost);
        return (a, b) => {
          if (cost === undefined) return 0;
          if (a.c.avgCost === undefined || b.c.avgCost === undefined) return (a.c.avgCost === undefined ? 0 : 1) - (b.c.avgCost === undefined ? 0 : 1);
          return b.c.avgCost.minus(cost).abs().cmp(a.c.avgCost.minus(cost).abs());
        };
      }
      case 'noUnmatchedExtraProcedure': {
        const procs = caseProcs(r);
        return (a, b) => (matchedCount(a, procs) === procs.length ? 1 : 0) - (matchedCount(b, procs) === procs.length ? 1 : 0);
      }
      case 'packetCode':
        return byLowestCode;
    }
  }

  /** The case's procedures after exclusions (re-derived for the rarely used tie-breakers). */
  function caseProcs(r: DischargeRecord): string[] {
    const out: string[] = [];
    const add = (raw: string | undefined): void => {
      if (raw === undefined || raw === '') return;
      const c = fastProcedureCode(raw);
      if (c !== '' && !ignored.has(c) && !out.includes(c)) out.push(c);
    };
    add(r.principalProcedure);
    for (const x of r.otherProcedures) add(x);
    return out;
  }

  function trace(dx: string, sub: string, cat: string, ign: readonly string[], cands: readonly CandidateTrace[], steps: readonly TraceStep[], auxTrace?: AuxTrace): GroupTrace {
    const t = { level: traceLevel, steps, principalDx: dx, subcategory: sub, category: cat, ignoredProcedures: ign, candidates: cands };
    return auxTrace === undefined ? t : { ...t, auxiliary: auxTrace };
  }

  function ungroupedBase(reason: UngroupedReason, procClass: ProcedureClass | undefined, issues: readonly Issue[], t: GroupTrace): Base {
    return {
      grouped: false,
      reason,
      packet: undefined,
      info: undefined,
      layer: undefined,
      procClass,
      route: undefined,
      matched: EMPTY,
      unmatched: EMPTY,
      caseIssues: issues.length === 0 ? EMPTY : issues,
      dx: '',
      sub: '',
      cat: '',
      ign: EMPTY,
      steps: EMPTY,
      cands: EMPTY,
      procs: EMPTY,
      trace: t,
    };
  }

  function groupedBase(
    p: Packet,
    info: PInfo,
    layer: CoreLayer | undefined,
    procClass: ProcedureClass,
    route: GroupRoute,
    matched: readonly string[],
    unmatched: readonly string[],
    issues: Issue[],
    dx: string,
    sub: string,
    cat: string,
    ign: readonly string[] | undefined,
    stp: readonly TraceStep[],
    cands: readonly CandidateTrace[] | undefined,
    procs: readonly string[],
  ): Base {
    // Arrays built by push have spare capacity (16 slots after the first push): a base may be cached, so keep
    // exact-length copies (same elements, same order; never mutated afterwards). `matched`, `stp` and `procs` come
    // exact from the caller (since g9: a literal, a shared array or a copy); `unmatched` may be `procs` itself.
    const ig = ign === undefined ? EMPTY : fit(ign);
    const cs = cands === undefined ? EMPTY : fit(cands);
    return {
      grouped: true,
      reason: undefined,
      packet: p,
      info,
      layer,
      procClass,
      route,
      matched,
      unmatched: unmatched === procs ? procs : fit(unmatched),
      caseIssues: issues.length === 0 ? EMPTY : fit(issues),
      dx,
      sub,
      cat,
      ign: ig,
      steps: stp,
      cands: cs,
      procs,
      // Without auxiliary subtypes nothing per case is added: the whole trace is shared by the cases of the key.
      trace: info.subtypes === undefined ? trace(dx, sub, cat, ig, cs, stp) : undefined,
    };
  }

  /**
   * The per-case part: caseId / hospitalId and the auxiliary subtype (辅助分型, §4.7), which reads secondary
   * diagnoses, age, stay and costs. `b` is never mutated (it may be shared by many cases): the auxiliary step is
   * appended to a copy of its steps.
   */
  function finish(b: Base, r: DischargeRecord): GroupResult {
    if (!b.grouped) {
      return { status: 'ungrouped', caseId: r.caseId, hospitalId: r.hospitalId, reason: b.reason!, procClass: b.procClass, caseIssues: b.caseIssues, trace: b.trace! };
    }
    let auxSubtype: AuxSubtype | undefined;
    let auxCoef = ONE_RATIO;
    let t = b.trace;
    const info = b.info!;
    if (info.subtypes !== undefined) {
      const ctx = new AuxEvalContext({ record: r, principalDx: b.dx, procedures: b.procs, packetAverageCost: info.avgCost }, opts.cciDictionary);
      const sel = selectSubtype(info.subtypes, ctx, aux.selectionRule);
      if (sel.chosen !== undefined) {
        auxSubtype = sel.chosen.subtype;
        auxCoef = sel.chosen.subtype.coefficient;
      }
      const steps = b.steps.slice();
      steps.push(st('auxiliary', sel.chosen === undefined ? 'none' : 'applied', sel.chosen === undefined ? undefined : sel.chosen.subtype.id));
      t = trace(b.dx, b.sub, b.cat, b.ign, b.cands, steps, sel.trace);
    }
    return {
      status: 'grouped',
      caseId: r.caseId,
      hospitalId: r.hospitalId,
      packet: b.packet!,
      packetCode: info.code,
      kind: info.kind,
      isPrimaryCare: info.isPrimaryCare,
      layer: b.layer,
      procClass: b.procClass!,
      route: b.route!,
      matchedProcedures: b.matched,
      unmatchedProcedures: b.unmatched,
      auxSubtype,
      auxCoef,
      caseIssues: b.caseIssues,
      trace: t!,
    };
  }

  // ---------------------------------------------------------------- memo of the base grouping
  // The base grouping repeats across cases (city-year: 85,211 distinct principal dx × procedures among 1.87 M rows),
  // the secondary diagnoses do not: memoise the base by the raw codes, bounded (cleared when full). Opt-in: on the
  // synthetic files the trie look-up costs about what it saves (bench/grouper-ab.ts), the records' strings being
  // hashed for the first time either way.
  const memoOn = opts.memo === true;
  let memoRoot = new Map<string, MemoTop>();
  let memoBases = 0;
  let memoNodes = 0;
  let readsRecord = false;

  const newNode = (): MemoNode => {
    memoNodes++;
    return { base: undefined, k1: undefined, c1: undefined, more: undefined };
  };
  /** The child of `n` by `x` (created when missing). */
  const child = (n: MemoNode, x: string): MemoNode => {
    const k = n.k1;
    if (k === undefined) {
      n.k1 = x;
      return (n.c1 = newNode());
    }
    if (k === x) return n.c1!;
    const m = (n.more ??= new Map<string, MemoNode>());
    let c = m.get(x);
    if (c === undefined) m.set(x, (c = newNode()));
    return c;
  };
  /** The trie node of a record's key (created on the way). */
  const memoNode = (r: DischargeRecord): MemoNode => {
    let top = memoRoot.get(r.principalDx);
    if (top === undefined) memoRoot.set(r.principalDx, (top = { none: undefined, byProcedure: undefined }));
    const pp = r.principalProcedure;
    let n: MemoNode;
    if (pp === undefined) n = top.none ??= newNode();
    else n = child((top.byProcedure ??= newNode()), pp);
    const os = r.otherProcedures;
    for (let i = 0; i < os.length; i++) n = child(n, os[i]!);
    return n;
  };

  const groupOne = (r: DischargeRecord): GroupResult => {
    if (!memoOn) return finish(baseOf(r), r);
    if (memoBases >= MEMO_MAX_BASES || memoNodes >= MEMO_MAX_NODES) {
      memoRoot = new Map();
      memoBases = 0;
      memoNodes = 0;
    }
    const node = memoNode(r);
    let b = node.base;
    if (b === undefined) {
      readsRecord = false;
      b = baseOf(r);
      if (!readsRecord) {
        node.base = b;
        memoBases++;
      }
    }
    return finish(b, r);
  };

  return { info, group: groupOne };
}
