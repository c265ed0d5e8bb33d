import type { Yuan } from '../decimal/brands.js';

/**
 * Insurance pool (险种) of a case. Budgets and point values are kept per pool
 * (DIP-RULES.md §2.2, §7.3; DIP 3.0 draft ch. 4 §2).
 */
export type InsuranceType = 'employee' | 'resident';

/**
 * 离院方式 (discharge status), settlement-list code set (DIP-RULES.md §2.2):
 * 1 医嘱离院 · 2 医嘱转院 · 3 医嘱转社区卫生服务机构/乡镇卫生院 · 4 非医嘱离院 · 5 死亡 · 9 其他.
 */
export type DischargeStatus = '1' | '2' | '3' | '4' | '5' | '9';

/** 性别: 1 男, 2 女; 0 / 9 unknown (DIP-RULES.md §2.2). */
export type Sex = '1' | '2' | '0' | '9';

/** 住院医疗类型: DIP covers inpatient care including day surgery (DIP 3.0 draft ch. 1 §1). */
export type MedicalType = 'inpatient' | 'day_surgery';

/** 特例单议 status (DIP-RULES.md §2.1). */
export type SpecialCaseStatus = 'none' | 'applied' | 'approved' | 'rejected';

/**
 * One validated discharge record (医保结算清单), the subset of the 193 settlement-list items the engine
 * needs (DIP-RULES.md §2.1). Field names are the camelCase of the canonical snake_case CSV columns.
 *
 * - Codes are normalised (DIP-RULES.md §3.5): trimmed, full-width → ASCII, `x` case per code
 *   system, dagger pairs split (the asterisk code is appended to `secondaryDx`).
 * - Dates are ISO `YYYY-MM-DD` (a datetime input keeps its date part).
 * - Money is an exact decimal string in yuan (never a binary float), at least 2 decimal places and at most 4,
 *   trailing zeros beyond the second place dropped (`'13500'` → `'13500.00'`, `'12.3400'` → `'12.34'`).
 * - Derived values are filled: `losDays` (from dates when absent), `age`/`ageDays` (from birth date).
 *
 * @example
 * ```ts
 * const r: DischargeRecord = {
 *   caseId: 'Z0001', hospitalId: 'H410400001', insuranceType: 'employee',
 *   admissionDate: '2025-03-01', dischargeDate: '2025-03-08', age: 45,
 *   principalDx: 'K35.300', secondaryDx: [], principalProcedure: '47.0100', otherProcedures: [],
 *   losDays: 7, totalCost: '13500.00' as Yuan, fundPaid: '9450.00' as Yuan, patientPaid: '4050.00' as Yuan,
 * };
 * ```
 */
export interface DischargeRecord {
  /** 病案号 / 住院号 / 结算流水号; unique per hospital. */
  readonly caseId: string;
  /** 定点医药机构代码. */
  readonly hospitalId: string;
  /** 险种类型. */
  readonly insuranceType: InsuranceType;
  /** 参保地医保区划, 6-digit admin code (out-of-area detection). */
  readonly insuredRegion?: string;
  /** 入院日期, ISO date. */
  readonly admissionDate: string;
  /** 出院日期, ISO date; ≥ admissionDate; assigns the settlement year. */
  readonly dischargeDate: string;
  /** 结算日期, ISO date; assigns the settlement month when given. */
  readonly settlementDate?: string;
  /** 出生日期, ISO date. */
  readonly birthDate?: string;
  /** 年龄: completed years at admission (given or derived from birthDate). */
  readonly age?: number;
  /** 天龄: age in days at admission, for patients under one year. */
  readonly ageDays?: number;
  /** 性别. */
  readonly sex?: Sex;
  /** 新生儿出生体重 (g). */
  readonly newbornWeightG?: number;
  /** 新生儿入院体重 (g), monitoring only. */
  readonly newbornAdmissionWeightG?: number;
  /** 主要诊断代码, ICD-10 医保版 2.0, normalised. */
  readonly principalDx: string;
  /** 其他诊断代码, in their listed order. */
  readonly secondaryDx: readonly string[];
  /** 主要手术及操作代码, ICD-9-CM-3 医保版 2.0; absent = no procedure. */
  readonly principalProcedure?: string;
  /** 其他手术及操作代码, in their listed order. */
  readonly otherProcedures: readonly string[];
  /** 离院方式. */
  readonly dischargeStatus?: DischargeStatus;
  /** 实际住院天数 (given, or derived from the dates, minimum 1). */
  readonly losDays: number;
  /** 医疗总费用, all payers. */
  readonly totalCost: Yuan;
  /** 医保统筹基金支付 (the booked fund amount by default, §7.2). */
  readonly fundPaid: Yuan;
  /** 个人支付. */
  readonly patientPaid: Yuan;
  /** 补充医疗保险 + 医疗救助 + 其他支付. */
  readonly otherPaid?: Yuan;
  /** 重症监护天数 (decimal days). */
  readonly icuDays?: string;
  /** 呼吸机使用时间 (hours, decimal), monitoring only. */
  readonly ventilatorHours?: string;
  /** 药品费. */
  readonly drugCost?: Yuan;
  /** 医用耗材费. */
  readonly consumableCost?: Yuan;
  /** 治疗费 (excluding surgery). */
  readonly treatmentCost?: Yuan;
  /** 手术费. */
  readonly surgeryCost?: Yuan;
  /** 住院医疗类型. */
  readonly medicalType?: MedicalType;
  /** 中医主病诊断代码. */
  readonly tcmDx?: string;
  /** 特例单议 status. */
  readonly specialCaseStatus?: SpecialCaseStatus;
  /**
   * Packet the synthetic generator drew this case from (column `source_packet`): test data only,
   * never used by grouping.
   */
  readonly sourcePacket?: string;
}
