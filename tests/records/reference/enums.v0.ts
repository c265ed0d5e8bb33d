/** Reference copy of src/records/enums.ts as of commit 7ac94e3 (for the old-vs-new equality property tests and bench/records-ab.ts). */
import type { DischargeStatus, InsuranceType, MedicalType, Sex, SpecialCaseStatus } from '../../../src/records/types.js';

/**
 * Default map from 险种类型 cell text to the insurance pool (DIP-RULES.md §2.1, §2.2). Keys are compared
 * after trimming, case-insensitively. The numeric codes 310 (职工基本医疗保险) and 390 (城乡居民基本医疗保险) have
 * no published source in the reviewed documents (DIP-RULES.md §2.1): the map is configurable through
 * `ValidateRecordOptions.insuranceTypeCodes`.
 *
 * @example
 * ```ts
 * DEFAULT_INSURANCE_TYPE_CODES['310']; // 'employee'
 * DEFAULT_INSURANCE_TYPE_CODES['居民']; // 'resident'
 * ```
 */
export const DEFAULT_INSURANCE_TYPE_CODES: Readonly<Record<string, InsuranceType>> = {
  employee: 'employee',
  resident: 'resident',
  职工: 'employee',
  职工医保: 'employee',
  职工基本医疗保险: 'employee',
  城镇职工基本医疗保险: 'employee',
  居民: 'resident',
  居民医保: 'resident',
  城乡居民基本医疗保险: 'resident',
  城乡居民医保: 'resident',
  '310': 'employee',
  '390': 'resident',
};

/**
 * Look up an insurance type in a code map (trimmed; ASCII letters case-insensitive).
 *
 * @example
 * ```ts
 * parseInsuranceType(' Employee ', DEFAULT_INSURANCE_TYPE_CODES); // 'employee'
 * parseInsuranceType('410', DEFAULT_INSURANCE_TYPE_CODES);       // undefined
 * ```
 */
export function parseInsuranceType(text: string, codes: Readonly<Record<string, InsuranceType>>): InsuranceType | undefined {
  const s = text.trim();
  return Object.hasOwn(codes, s) ? codes[s] : Object.hasOwn(codes, s.toLowerCase()) ? codes[s.toLowerCase()] : undefined;
}

const SEX: Readonly<Record<string, Sex>> = { '1': '1', '2': '2', '0': '0', '9': '9', 男: '1', 女: '2', 未知: '0', 未知的性别: '0', 未说明: '9', 未说明的性别: '9' };

/**
 * 性别 (DIP-RULES.md §2.2): codes `1` 男, `2` 女, `0` / `9` unknown, or the Chinese labels 男 / 女 / 未知的性别 / 未说明的性别.
 *
 * @example
 * ```ts
 * parseSex('女'); // '2'
 * parseSex('M');  // undefined
 * ```
 */
export function parseSex(text: string): Sex | undefined {
  const s = text.trim();
  return Object.hasOwn(SEX, s) ? SEX[s] : undefined;
}

const DISCHARGE_STATUS: Readonly<Record<string, DischargeStatus>> = {
  '1': '1',
  '2': '2',
  '3': '3',
  '4': '4',
  '5': '5',
  '9': '9',
  医嘱离院: '1',
  医嘱转院: '2',
  '医嘱转社区卫生服务机构/乡镇卫生院': '3',
  医嘱转社区卫生服务机构: '3',
  医嘱转乡镇卫生院: '3',
  非医嘱离院: '4',
  死亡: '5',
  其他: '9',
};

/**
 * 离院方式 (DIP-RULES.md §2.2; labels as in Hubei/Jining 2023 code, codes of the settlement-list code set):
 * `1` 医嘱离院, `2` 医嘱转院, `3` 医嘱转社区卫生服务机构/乡镇卫生院, `4` 非医嘱离院, `5` 死亡, `9` 其他.
 *
 * @example
 * ```ts
 * parseDischargeStatus('死亡'); // '5'
 * parseDischargeStatus('6');    // undefined
 * ```
 */
export function parseDischargeStatus(text: string): DischargeStatus | undefined {
  const s = text.trim();
  return Object.hasOwn(DISCHARGE_STATUS, s) ? DISCHARGE_STATUS[s] : undefined;
}

const MEDICAL_TYPE: Readonly<Record<string, MedicalType>> = { inpatient: 'inpatient', day_surgery: 'day_surgery', 住院: 'inpatient', 普通住院: 'inpatient', 日间手术: 'day_surgery' };

/**
 * 住院医疗类型 (DIP-RULES.md §2.1): `inpatient` (住院) or `day_surgery` (日间手术).
 *
 * @example
 * ```ts
 * parseMedicalType('日间手术'); // 'day_surgery'
 * ```
 */
export function parseMedicalType(text: string): MedicalType | undefined {
  const s = text.trim().toLowerCase();
  return Object.hasOwn(MEDICAL_TYPE, s) ? MEDICAL_TYPE[s] : undefined;
}

const SPECIAL_CASE: Readonly<Record<string, SpecialCaseStatus>> = {
  none: 'none',
  applied: 'applied',
  approved: 'approved',
  rejected: 'rejected',
  无: 'none',
  已申请: 'applied',
  申请: 'applied',
  通过: 'approved',
  已通过: 'approved',
  未通过: 'rejected',
  驳回: 'rejected',
};

/**
 * 特例单议 status (DIP-RULES.md §2.1): `none` | `applied` | `approved` | `rejected` (or 无 / 已申请 / 通过 / 未通过).
 *
 * @example
 * ```ts
 * parseSpecialCaseStatus('通过'); // 'approved'
 * ```
 */
export function parseSpecialCaseStatus(text: string): SpecialCaseStatus | undefined {
  const s = text.trim().toLowerCase();
  return Object.hasOwn(SPECIAL_CASE, s) ? SPECIAL_CASE[s] : undefined;
}
