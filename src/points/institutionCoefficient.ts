import { ONE, dec } from '../decimal/index.js';
import type { Dec } from '../decimal/index.js';
import type { Issue } from '../core/issue.js';
import type { CoefficientOptions } from '../policy/schema.js';
import { memoByObject } from './toDec.js';

/** Where a resolved coefficient came from (the precedence of {@link resolveInstitutionCoefficient}). */
export type CoefficientSource =
  | 'primaryCarePacket'
  | 'primaryCare'
  | 'packetHospital'
  | 'packetLevel'
  | 'hospital'
  | 'level'
  | 'missingOne'
  | 'missing';

/** What identifies the coefficient of one case: the treating hospital, its level, the packet. */
export interface CoefficientQuery {
  /** 定点医疗机构代码; omit to resolve the level coefficient `c_L` (e.g. for the reference cost `S_L`, §6.2). */
  readonly hospitalId?: string;
  /** Hospital level / type key of `byLevel` (e.g. `三级`). */
  readonly level?: string;
  readonly packetCode: string;
  /** The catalog's primary-care flag (基层病种); the policy's `primaryCarePackets` list is added to it. */
  readonly isPrimaryCare?: boolean;
}

/** A resolved coefficient `c` (or primary-care factor `b`) with its source; `issue` when none was found. */
export interface ResolvedCoefficient {
  readonly coef: Dec;
  readonly source: CoefficientSource;
  /** True when the packet is treated as primary-care (catalog flag or policy list). */
  readonly isPrimaryCare: boolean;
  readonly issue?: Issue;
}

interface PreparedCoefficients {
  readonly byLevel: ReadonlyMap<string, Dec>;
  readonly byHospital: ReadonlyMap<string, Dec>;
  readonly byPacketHospital: ReadonlyMap<string, Dec>;
  readonly byPacketLevel: ReadonlyMap<string, Dec>;
  readonly primaryCare: Dec;
  readonly primaryCareByPacket: ReadonlyMap<string, Dec>;
  readonly primaryCarePackets: ReadonlySet<string>;
  readonly missingOne: boolean;
}

const SEP = '\u0000';

const prepare = memoByObject((o: CoefficientOptions): PreparedCoefficients => {
  const byPacketHospital = new Map<string, Dec>();
  const byPacketLevel = new Map<string, Dec>();
  for (const e of o.byPacket) {
    if (e.hospitalId !== undefined) byPacketHospital.set(e.hospitalId + SEP + e.packetCode, dec(e.coef));
    else if (e.level !== undefined) byPacketLevel.set(e.level + SEP + e.packetCode, dec(e.coef));
  }
  return {
    byLevel: new Map(Object.entries(o.byLevel).map(([k, v]) => [k, dec(v)])),
    byHospital: new Map(Object.entries(o.byHospital).map(([k, v]) => [k, dec(v)])),
    byPacketHospital,
    byPacketLevel,
    primaryCare: dec(o.primaryCareCoef),
    primaryCareByPacket: new Map(Object.entries(o.primaryCareCoefByPacket).map(([k, v]) => [k, dec(v)])),
    primaryCarePackets: new Set(o.primaryCarePackets),
    missingOne: o.missingCoefficient === 'one',
  };
});

/**
 * Resolve the institution coefficient 医疗机构调节系数 `c` of a case (DIP-RULES.md §5.10, §6.1; DIP 3.0 draft
 * ch. 5 §2 一).
 *
 * Precedence, first match wins:
 * 1. primary-care packet (catalog flag or `primaryCarePackets`): `primaryCareCoefByPacket[packet]`, else
 *    `primaryCareCoef` (`b`, 1 nationally) — never the institution coefficient (DIP 3.0 draft ch. 5 §2 一 (二);
 *    2025 Handling Rules art. 19; Hubei / Jining / Tai'an 2023 code for per-packet `b`);
 * 2. `byPacket` entry for (hospital, packet) — per-packet coefficient `c_{L,i}` of one hospital;
 * 3. `byPacket` entry for (level, packet);
 * 4. `byHospital[hospital]` (composite base + bonus);
 * 5. `byLevel[level]` (`c_L`);
 * 6. none: `missingCoefficient = 'one'` gives 1 (source `missingOne`); `'error'` gives 1 with an error issue
 *    `points.coefficient_missing` (source `missing`) so the case is never silently dropped.
 *
 * Parsed once per options object (cached), so the per-case cost is a few map look-ups.
 *
 * @example
 * ```ts
 * const o = { ...DEFAULT_COEFFICIENT_OPTIONS, byLevel: { 二级: '0.9' } };
 * resolveInstitutionCoefficient(o, { hospitalId: 'H1', level: '二级', packetCode: 'K35.9:47.0100' })
 * // { coef: Dec('0.9'), source: 'level', isPrimaryCare: false }
 * ```
 */
export function resolveInstitutionCoefficient(options: CoefficientOptions, q: CoefficientQuery): ResolvedCoefficient {
  const p = prepare(options);
  const primary = q.isPrimaryCare === true || p.primaryCarePackets.has(q.packetCode);
  if (primary) {
    const b = p.primaryCareByPacket.get(q.packetCode);
    return b === undefined ? { coef: p.primaryCare, source: 'primaryCare', isPrimaryCare: true } : { coef: b, source: 'primaryCarePacket', isPrimaryCare: true };
  }
  if (q.hospitalId !== undefined) {
    const v = p.byPacketHospital.get(q.hospitalId + SEP + q.packetCode);
    if (v !== undefined) return { coef: v, source: 'packetHospital', isPrimaryCare: false };
  }
  if (q.level !== undefined) {
    const v = p.byPacketLevel.get(q.level + SEP + q.packetCode);
    if (v !== undefined) return { coef: v, source: 'packetLevel', isPrimaryCare: false };
  }
  if (q.hospitalId !== undefined) {
    const v = p.byHospital.get(q.hospitalId);
    if (v !== undefined) return { coef: v, source: 'hospital', isPrimaryCare: false };
  }
  if (q.level !== undefined) {
    const v = p.byLevel.get(q.level);
    if (v !== undefined) return { coef: v, source: 'level', isPrimaryCare: false };
  }
  if (p.missingOne) return { coef: ONE, source: 'missingOne', isPrimaryCare: false };
  return {
    coef: ONE,
    source: 'missing',
    isPrimaryCare: false,
    issue: {
      severity: 'error',
      code: 'points.coefficient_missing',
      message: `no institution coefficient for hospital ${q.hospitalId ?? '(none)'}, level ${q.level ?? '(none)'}, packet ${q.packetCode}`,
      expected: 'an entry in coefficients.byPacket, byHospital or byLevel (or missingCoefficient: "one")',
    },
  };
}
