import type { DischargeRecord } from '../records/types.js';
import { dxCategory, dxSubcategory } from '../codes/index.js';
import type { CostMoments } from './costVariation.js';
import { addCost, emptyMoments } from './costVariation.js';
import { costToUnits } from './costUnits.js';

/** A record of one history year (出院年度), the streaming input of the catalog builder. */
export interface HistoryCase {
  readonly year: number;
  readonly record: DischargeRecord;
}

/**
 * Per-year count and exact total (cost units of 0.0001 元, see `costUnits`). The total is `sum[y] + small[y]`:
 * `small` accumulates in exact JS integers and is flushed into the bigint `sum` before it could pass 2^52, so the
 * hot path allocates no bigint per case. Read totals with {@link yearTotalUnits}.
 */
export interface YearSums {
  readonly n: number[];
  readonly sum: bigint[];
  readonly small: number[];
}

/** Flush bound of {@link YearSums.small}: 2^52, below 2^53 so that adding one case of ≤ 2^52 units stays exact. */
const SMALL_LIMIT = 2 ** 52;

/** Exact total units of year `y`. */
export function yearTotalUnits(s: YearSums, y: number): bigint {
  return s.sum[y]! + BigInt(s.small[y]!);
}

/** A candidate auxiliary subtype test evaluated on last-year cases only (DIP-RULES.md §5.9: previous-year data). */
export interface AuxCaseTest {
  readonly id: string;
  readonly test: (record: DischargeRecord) => boolean;
}

/**
 * Accumulator of one diagnosis-procedure combination 病种组合 (principal-dx subcategory + principal procedure +
 * sorted set of related procedures). Memory: one JS number (8 bytes, plus array growth slack of up to ~50 %) per
 * case for the per-year cost lists that quantile trimming needs, plus a few small per-level and per-subtype sums.
 * A region-year of 1.9 million cases over 3 years therefore holds ≈ 45–70 MB of cost lists.
 */
export interface ComboAcc {
  readonly key: string;
  /** Subcategory key (`K35.3`). */
  readonly sub: string;
  /** Category key (`K35`). */
  readonly category: string;
  /** Principal procedure, `''` when none (conservative). */
  readonly main: string;
  /** Related procedures, distinct and sorted; empty for principal-only and conservative combinations. */
  readonly related: readonly string[];
  /** Per-year case costs in integer units (unsorted), index = year position in the window. */
  readonly costs: number[][];
  /**
   * Per-year hospital of each case, parallel to `costs` (an index into {@link HistoryAccumulator.hospitalIds}); only
   * with the `caseHospitals` option (the quantile and optimal-interval budget point values need it), else absent.
   */
  readonly caseHospitals?: number[][];
  losSum: number;
  /** Cases treated in primary-care institutions (for 基层病种 selection). */
  primaryCases: number;
  /** Per hospital level: per-year count and total. */
  readonly levels: Map<string, YearSums>;
  /** Last-year moments per candidate auxiliary subtype id. */
  readonly aux: Map<string, CostMoments>;
}

/** Options of {@link HistoryAccumulator}. */
export interface HistoryAccumulatorOptions {
  /** History years, ascending (e.g. `[2022, 2023, 2024]`). */
  readonly years: readonly number[];
  /** Which other procedures count as related-procedure candidates (default: every other procedure). */
  readonly relatedCandidate?: (code: string) => boolean;
  readonly hospitalLevel?: (hospitalId: string) => string | undefined;
  readonly primaryCareLevels?: readonly string[];
  readonly auxTests?: readonly AuxCaseTest[];
  /**
   * Principal diagnoses excluded from grouping (不能作为主要诊断, DIP 3.0 draft ch. 3 §2 一): such cases are counted
   * and left out, as grouping would leave them ungrouped (DIP-RULES.md §5.1: the same exclusion lists as grouping).
   */
  readonly excludedPrincipalDx?: (code: string) => boolean;
  /** Procedures removed before keying (排除手术操作 / simple procedures); an ignored principal procedure leaves the case conservative. */
  readonly ignoredProcedure?: (code: string) => boolean;
  /**
   * Keep each case's hospital beside its cost (`ComboAcc.caseHospitals`, one more JS number per case) for the budget
   * point value's `quantile` / `optimal1D` / `optimal2D` methods (DIP-RULES.md §7.1). Default false.
   */
  readonly caseHospitals?: boolean;
}

/**
 * Streaming pass of the catalog builder (DIP-RULES.md §5.1): one call of {@link HistoryAccumulator.add} per
 * history case keeps per-combination accumulators and regional per-year totals, never the cases themselves.
 *
 * @example
 * ```ts
 * const acc = new HistoryAccumulator({ years: [2022, 2023, 2024] });
 * acc.add({ year: 2024, record });
 * acc.combos.size; // 1
 * ```
 */
export class HistoryAccumulator {
  readonly combos = new Map<string, ComboAcc>();
  /** All valid cases of the window per year (for `M`). */
  readonly region: YearSums;
  /** Per hospital level, all valid cases per year (for `c_L`). */
  readonly regionLevels = new Map<string, YearSums>();
  casesRead = 0;
  badCost = 0;
  outsideWindow = 0;
  excludedDx = 0;
  /** Hospital ids in order of first appearance (with `caseHospitals`): `ComboAcc.caseHospitals` indexes this list. */
  readonly hospitalIds: string[] = [];
  private readonly hospitalIndex = new Map<string, number>();
  private readonly yearIndex: Map<number, number>;
  private readonly primaryLevels: ReadonlySet<string>;
  private readonly last: number;

  constructor(private readonly options: HistoryAccumulatorOptions) {
    this.yearIndex = new Map(options.years.map((y, i) => [y, i]));
    this.region = newYearSums(options.years.length);
    this.primaryLevels = new Set(options.primaryCareLevels ?? []);
    this.last = options.years.length - 1;
  }

  /** Add one history case. Cases of other years, or with a cost that is not an exact ≤ 4-dp amount, are counted and skipped. */
  add(c: HistoryCase): void {
    this.casesRead++;
    const yi = this.yearIndex.get(c.year);
    if (yi === undefined) {
      this.outsideWindow++;
      return;
    }
    const r = c.record;
    const units = costToUnits(r.totalCost);
    if (units === undefined) {
      this.badCost++;
      return;
    }
    if (this.options.excludedPrincipalDx?.(r.principalDx) === true) {
      this.excludedDx++;
      return;
    }
    const sub = dxSubcategory(r.principalDx);
    const ignore = this.options.ignoredProcedure;
    let main = r.principalProcedure ?? '';
    if (main !== '' && ignore?.(main) === true) main = '';
    let related: readonly string[] = NONE;
    const others = ignore === undefined ? r.otherProcedures : r.otherProcedures.filter((p) => !ignore(p));
    if (main !== '' && others.length > 0) {
      const pick = this.options.relatedCandidate;
      if (others.length === 1) {
        const p = others[0]!;
        if (p !== main && p !== '' && (pick === undefined || pick(p))) related = [p];
      } else related = [...new Set(others.filter((p) => p !== main && p !== '' && (pick === undefined || pick(p))))].sort();
    }
    const key = related.length === 0 ? `${sub}|${main}|` : `${sub}|${main}|${related.join('+')}`;
    let acc = this.combos.get(key);
    if (acc === undefined) {
      acc = {
        key,
        sub,
        category: dxCategory(r.principalDx),
        main,
        related,
        costs: this.options.years.map(() => []),
        ...(this.options.caseHospitals === true ? { caseHospitals: this.options.years.map(() => []) } : {}),
        losSum: 0,
        primaryCases: 0,
        levels: new Map(),
        aux: new Map(),
      };
      this.combos.set(key, acc);
    }
    acc.costs[yi]!.push(units);
    if (acc.caseHospitals !== undefined) {
      let h = this.hospitalIndex.get(r.hospitalId);
      if (h === undefined) {
        h = this.hospitalIds.length;
        this.hospitalIds.push(r.hospitalId);
        this.hospitalIndex.set(r.hospitalId, h);
      }
      acc.caseHospitals[yi]!.push(h);
    }
    acc.losSum += r.losDays;
    addYear(this.region, yi, units);
    const level = this.options.hospitalLevel?.(r.hospitalId);
    if (level !== undefined) {
      addYear(getSums(acc.levels, level, this.options.years.length), yi, units);
      addYear(getSums(this.regionLevels, level, this.options.years.length), yi, units);
      if (this.primaryLevels.has(level)) acc.primaryCases++;
    }
    if (yi === this.last && this.options.auxTests !== undefined) {
      for (const t of this.options.auxTests) {
        if (!t.test(r)) continue;
        let m = acc.aux.get(t.id);
        if (m === undefined) acc.aux.set(t.id, (m = emptyMoments()));
        addCost(m, units);
      }
    }
  }
}

const NONE: readonly string[] = Object.freeze([]);

/** Fresh per-year sums for `years` years. */
export function newYearSums(years: number): YearSums {
  return { n: new Array<number>(years).fill(0), sum: new Array<bigint>(years).fill(0n), small: new Array<number>(years).fill(0) };
}

/** Add one case of `units` to year `yi`, exactly. */
export function addYear(s: YearSums, yi: number, units: number): void {
  s.n[yi]! += 1;
  if (units > SMALL_LIMIT) {
    s.sum[yi]! += BigInt(units);
    return;
  }
  const t = s.small[yi]! + units;
  if (t > SMALL_LIMIT) {
    s.sum[yi]! += BigInt(t);
    s.small[yi] = 0;
  } else s.small[yi] = t;
}

/** Add `b` into `a`, year by year, exactly. */
export function mergeYearSums(a: YearSums, b: YearSums): void {
  for (let y = 0; y < a.n.length; y++) {
    a.n[y]! += b.n[y]!;
    a.sum[y]! += yearTotalUnits(b, y);
  }
}

function getSums(map: Map<string, YearSums>, key: string, years: number): YearSums {
  let s = map.get(key);
  if (s === undefined) map.set(key, (s = newYearSums(years)));
  return s;
}
