/**
 * Auxiliary subtypes (辅助目录 / 辅助分型), DIP-RULES.md §4.7 (DIP 3.0 draft ch. 5 §2 二; 3.0 auxiliary notes;
 * Hubei 2023 code for the "highest factor wins" reading).
 *
 * The catalog states each subtype as declarative data ({@link AuxCondition}); this module compiles those conditions
 * once into plain predicate closures (no `eval`, no `Function`) and evaluates them on the chosen packet.
 *
 * @module
 */
import type { AuxCondition, AuxSubtype, DecBound, DxSet, IntBound, Packet, ProcedureRef } from '../catalog/types.js';
import type { Dec } from '../decimal/dec.js';
import { dec } from '../decimal/dec.js';
import { parseDecimal } from '../decimal/parse.js';
import type { AuxiliaryOptions } from '../policy/schema.js';
import type { DischargeRecord } from '../records/types.js';
import type { AuxTrace, CciDictionary } from './types.js';
import { fastDxCode } from './codes.js';

/**
 * What an auxiliary condition sees of a case. Secondary diagnoses are normalised once, lazily.
 * `procedures` are the case's procedures after exclusions (principal first).
 */
export interface AuxCaseView {
  readonly record: DischargeRecord;
  readonly principalDx: string;
  readonly procedures: readonly string[];
  /** Packet average cost `m_i` used as "the packet's standard" of the high-cost rules. */
  readonly packetAverageCost: Dec | undefined;
}

/** A compiled subtype: its catalog entry, its predicate and its selection keys as decimals. */
export interface CompiledSubtype {
  readonly subtype: AuxSubtype;
  readonly test: (c: AuxEvalContext) => boolean;
  readonly trigger: Dec;
  readonly coefficient: Dec;
}

/** Per-case evaluation context (lazy caches). */
export class AuxEvalContext {
  private secondaries: readonly string[] | undefined;
  private cci: number | undefined;
  constructor(
    readonly view: AuxCaseView,
    private readonly cciDictionary: CciDictionary | undefined,
  ) {}
  /** Normalised secondary diagnoses (dagger heads and asterisk codes both kept). */
  secondaryDx(): readonly string[] {
    if (this.secondaries === undefined) {
      const out: string[] = [];
      for (const raw of this.view.record.secondaryDx) {
        const code = fastDxCode(raw);
        if (code === '') continue;
        const plus = code.indexOf('+');
        if (plus < 0) out.push(code);
        else {
          out.push(code.slice(0, plus));
          out.push(code.slice(plus + 1));
        }
      }
      this.secondaries = out;
    }
    return this.secondaries;
  }
  /** Charlson sum: weights of the secondary diagnoses found in the dictionary, each comorbidity type once. */
  cciScore(): number | undefined {
    if (this.cciDictionary === undefined) return undefined;
    if (this.cci === undefined) {
      const byType = new Map<string, number>();
      for (const code of this.secondaryDx()) {
        const bare = code.endsWith('*') ? code.slice(0, -1) : code;
        const hit = this.cciDictionary.get(bare) ?? this.cciDictionary.get(bare.slice(0, 5)) ?? this.cciDictionary.get(bare.slice(0, 3));
        if (hit === undefined) continue;
        const prev = byType.get(hit.type) ?? 0;
        if (hit.weight > prev) byType.set(hit.type, hit.weight);
      }
      let s = 0;
      for (const w of byType.values()) s += w;
      this.cci = s;
    }
    return this.cci;
  }
}

/** Whether a normalised diagnosis code is in a {@link DxSet} (code, prefix or 3-character range). */
export function inDxSet(code: string, set: DxSet): boolean {
  const bare = code.endsWith('*') ? code.slice(0, -1) : code;
  for (const item of set) {
    if (item.kind === 'code') {
      if (bare === item.code) return true;
    } else if (item.kind === 'prefix') {
      if (bare.startsWith(item.prefix)) return true;
    } else {
      const cat = bare.slice(0, 3);
      if (cat >= item.from && cat <= item.to) return true;
    }
  }
  return false;
}

function procMatches(refs: readonly ProcedureRef[], code: string): boolean {
  for (const r of refs) if (r.code === code || (r.isShort && code.startsWith(r.code))) return true;
  return false;
}

function intIn(x: number | undefined, min: IntBound | undefined, max: IntBound | undefined): boolean {
  if (x === undefined) return false;
  if (min !== undefined && (min.inclusive ? x < min.value : x <= min.value)) return false;
  if (max !== undefined && (max.inclusive ? x > max.value : x >= max.value)) return false;
  return true;
}

function decIn(x: Dec | undefined, min: DecBound | undefined, max: DecBound | undefined): boolean {
  if (x === undefined) return false;
  if (min !== undefined) {
    const m = dec(min.value);
    if (min.inclusive ? x.lt(m) : x.lte(m)) return false;
  }
  if (max !== undefined) {
    const m = dec(max.value);
    if (max.inclusive ? x.gt(m) : x.gte(m)) return false;
  }
  return true;
}

function caseDecimal(s: string | undefined): Dec | undefined {
  if (s === undefined) return undefined;
  const r = parseDecimal(s);
  return r.ok ? r.value : undefined;
}

/** Completed years: `age`, else 0 when `ageDays` < 365 (a case under one year), else unknown. */
function ageYears(r: DischargeRecord): number | undefined {
  if (r.age !== undefined) return r.age;
  if (r.ageDays !== undefined && r.ageDays < 365) return 0;
  return undefined;
}

/** Age in days: `ageDays`, else unknown; a case with `age ≥ 1` is at least 365 days old. */
function ageDays(r: DischargeRecord): number | undefined {
  if (r.ageDays !== undefined) return r.ageDays;
  if (r.age !== undefined && r.age >= 1) return r.age * 365;
  return undefined;
}

/**
 * Compile one declarative condition into a predicate (DIP-RULES.md §4.7 rules; see {@link AuxCondition} for each
 * kind). Unknown kinds cannot occur (the union is closed); `cciLevel` without a CCI dictionary never holds.
 */
export function compileCondition(cond: AuxCondition): (c: AuxEvalContext) => boolean {
  switch (cond.kind) {
    case 'ageDays':
      return (c) => intIn(ageDays(c.view.record), cond.min, cond.max);
    case 'ageYears':
      return (c) => intIn(ageYears(c.view.record), cond.min, cond.max);
    case 'death':
      // 离院方式 5 = 死亡 (DIP-RULES.md §2.2).
      return (c) => c.view.record.dischargeStatus === '5';
    case 'los':
      return (c) => intIn(c.view.record.losDays, cond.min, cond.max);
    case 'secondaryDx': {
      const minCount = cond.minCount ?? 1;
      return (c) => {
        const principal = c.view.principalDx;
        const excludeActive = cond.excludeWhenPrincipalIn !== undefined && inDxSet(principal, cond.excludeWhenPrincipalIn);
        const pCat = principal.slice(0, 3);
        let n = 0;
        for (const code of c.secondaryDx()) {
          if (!inDxSet(code, cond.codes)) continue;
          if (excludeActive && inDxSet(code, cond.excludeWhenPrincipalIn!)) continue;
          if (cond.differentCategoryFromPrincipal === true && code.slice(0, 3) === pCat) continue;
          if (++n >= minCount) return true;
        }
        return false;
      };
    }
    case 'metastasis':
      // 肿瘤严重程度 (4): a malignant secondary diagnosis of another category than the principal.
      return (c) => {
        const pCat = c.view.principalDx.slice(0, 3);
        for (const code of c.secondaryDx()) if (code.slice(0, 3) !== pCat && inDxSet(code, cond.codes)) return true;
        return false;
      };
    case 'chemotherapy':
    case 'radiotherapy':
      return (c) => {
        if (cond.procedures !== undefined) for (const p of c.view.procedures) if (procMatches(cond.procedures, p)) return true;
        if (cond.secondaryDx !== undefined) for (const d of c.secondaryDx()) if (inDxSet(d, cond.secondaryDx)) return true;
        return false;
      };
    case 'procedure':
      return (c) => {
        for (const p of c.view.procedures) if (procMatches(cond.codes, p)) return true;
        return false;
      };
    case 'icuDays':
      return (c) => decIn(caseDecimal(c.view.record.icuDays), cond.min, cond.max);
    case 'cciLevel':
      return (c) => intIn(c.cciScore(), cond.min, cond.max);
    case 'highCost':
      // 肿瘤严重程度 (2)/(3): cost ≥ multiple × the packet's standard (here its average cost m_i) and a cost share.
      return (c) => {
        const std = c.view.packetAverageCost;
        const cost = caseDecimal(c.view.record.totalCost);
        if (std === undefined || cost === undefined) return false;
        const limit = std.times(dec(cond.multiple.value));
        if (cond.multiple.inclusive ? cost.lt(limit) : cost.lte(limit)) return false;
        if (cond.share === undefined) return true;
        const part = caseDecimal(cond.share.of === 'drug' ? c.view.record.drugCost : c.view.record.treatmentCost);
        if (part === undefined || cost.isZero()) return false;
        const share = part.div(cost);
        const min = dec(cond.share.min.value);
        return cond.share.min.inclusive ? share.gte(min) : share.gt(min);
      };
    case 'all': {
      const parts = cond.conditions.map(compileCondition);
      return (c) => parts.every((p) => p(c));
    }
    case 'any': {
      const parts = cond.conditions.map(compileCondition);
      return (c) => parts.some((p) => p(c));
    }
    case 'not': {
      const inner = compileCondition(cond.condition);
      return (c) => !inner(c);
    }
  }
}

/** Whether a condition tree uses `cciLevel` (to warn once when no CCI dictionary is given). */
export function usesCci(cond: AuxCondition): boolean {
  if (cond.kind === 'cciLevel') return true;
  if (cond.kind === 'all' || cond.kind === 'any') return cond.conditions.some(usesCci);
  if (cond.kind === 'not') return usesCci(cond.condition);
  return false;
}

/** Compile a packet's subtypes (catalog order kept). */
export function compileSubtypes(packet: Packet): readonly CompiledSubtype[] {
  const list = packet.auxSubtypes ?? [];
  return list.map((s) => ({
    subtype: s,
    test: compileCondition(s.condition),
    trigger: dec(s.triggerCoefficient ?? s.coefficient),
    coefficient: dec(s.coefficient),
  }));
}

/** Whether auxiliary subtypes apply to a packet under `auxApplyTo` (a primary-care packet is also a core packet). */
export function auxApplies(packet: Packet, options: AuxiliaryOptions): boolean {
  const to = options.auxApplyTo;
  if (packet.kind === 'tcm') return to.includes('tcm');
  if (to.includes(packet.kind)) return true;
  return packet.isPrimaryCare && to.includes('primaryCare');
}

/** The outcome of {@link selectSubtype}. */
export interface AuxSelection {
  readonly chosen: CompiledSubtype | undefined;
  readonly trace: AuxTrace;
}

/**
 * Evaluate every subtype of the chosen packet and pick one (DIP-RULES.md §4.7; DIP 3.0 draft ch. 5 §2 二: "the
 * subtype with the highest trigger coefficient", `selectionRule = 'highestTrigger'`; Hubei 2023 code: the highest
 * factor, `'highestCoefficient'`). Coefficients compare as decimals. On a tie the subtype listed first in the
 * catalog wins (no published source; catalog order is the publisher's order).
 *
 * @example
 * ```ts
 * const sel = selectSubtype(compiled, ctx, 'highestTrigger');
 * sel.chosen?.subtype.id; // e.g. 'age-0-28d'
 * ```
 */
export function selectSubtype(
  subtypes: readonly CompiledSubtype[],
  ctx: AuxEvalContext,
  rule: AuxiliaryOptions['selectionRule'],
): AuxSelection {
  const fired: string[] = [];
  let best: CompiledSubtype | undefined;
  for (const s of subtypes) {
    if (!s.test(ctx)) continue;
    fired.push(s.subtype.id);
    if (best === undefined) {
      best = s;
      continue;
    }
    const a = rule === 'highestTrigger' ? s.trigger : s.coefficient;
    const b = rule === 'highestTrigger' ? best.trigger : best.coefficient;
    if (a.gt(b)) best = s;
  }
  return best === undefined ? { chosen: undefined, trace: { fired } } : { chosen: best, trace: { fired, chosen: best.subtype.id, rule } };
}
