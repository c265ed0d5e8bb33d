/**
 * Policy issue codes with their English and zh-CN (简体中文) explanations.
 *
 * Choice (documented in `validatePolicy`): `message` is always English so logs and programs see one
 * language; with `locale: 'zh-CN'` every issue also carries `messageZh`.
 *
 * @example
 * ```ts
 * POLICY_ISSUE_CODES['policy.band_gap'].zh   // '分段区间存在空档'
 * ```
 */
export const POLICY_ISSUE_CODES = {
  'policy.not_an_object': { en: 'the policy must be a JSON object', zh: '政策文件必须是 JSON 对象' },
  'policy.missing_field': { en: 'a required field is missing', zh: '缺少必填字段' },
  'policy.invalid_type': { en: 'value has the wrong type', zh: '取值类型错误' },
  'policy.invalid_value': { en: 'value is not one of the allowed options', zh: '取值不在允许的选项中' },
  'policy.unsupported_schema_version': { en: 'unsupported schemaVersion', zh: '不支持的 schemaVersion（当前仅支持 1）' },
  'policy.unknown_key': { en: 'unknown field', zh: '未知字段' },
  'policy.too_few_items': { en: 'too few items', zh: '列表项数不足' },
  'policy.out_of_range': { en: 'value out of range', zh: '取值超出允许范围' },
  'policy.invalid_decimal': { en: 'not a valid decimal string', zh: '不是合法的十进制数字字符串（金额、分值、比例须写成字符串，如 "0.95"）' },
  'policy.negative_value': { en: 'negative values are not allowed', zh: '不允许负数' },
  'policy.invalid_format': { en: 'value does not have the required format', zh: '取值格式不符合要求' },
  'policy.invalid_date': { en: 'not a calendar date YYYY-MM-DD', zh: '不是合法日期（应为 YYYY-MM-DD）' },
  'policy.date_order': { en: '`to` must be after `from`', zh: '失效日期（to）必须晚于生效日期（from）' },
  'policy.timeline_overlap': { en: 'entries of one parameter group overlap in time', zh: '同一参数组的多个时间段条目在时间上重叠' },
  'policy.no_entry_in_force': { en: 'no entry of the parameter group is in force on the date', zh: '该日期没有生效的参数条目' },
  'policy.unknown_source': { en: 'source key not defined in `sources`', zh: '引用的来源未在 sources 中定义' },
  'policy.unknown_assumed_field': { en: '`assumed` names a field the parameter group does not have', zh: 'assumed 中列出的字段不属于该参数组' },
  'policy.duplicate_item': { en: 'an item is listed twice', zh: '列表中有重复项' },
  'policy.band_order': { en: 'bands must be listed in ascending order', zh: '分段必须按升序排列' },
  'policy.band_gap': { en: 'bands leave a gap', zh: '分段区间存在空档' },
  'policy.band_overlap': { en: 'bands overlap', zh: '分段区间相互重叠' },
  'policy.threshold_order': { en: 'thresholds out of order', zh: '阈值顺序错误' },
  'policy.share_sum': { en: 'shares add up to more than 1', zh: '比例之和超过 1' },
  'policy.missing_value': { en: 'a value required by the chosen option is missing', zh: '所选方案需要的参数缺失' },
  'policy.coefficient_target': { en: 'give exactly one of `level` and `hospitalId`', zh: '必须且只能指定 level 或 hospitalId 之一' },
  'policy.rounding_conflict': { en: 'two rounding rules for the same step disagree', zh: '同一步骤的两个舍入规则不一致' },
  'policy.inconsistent_option': { en: 'options do not fit together', zh: '参数组合不一致' },
  'policy.exceeds_cap': { en: 'value exceeds a published cap', zh: '取值超过政策规定的上限' },
} as const satisfies Record<string, { en: string; zh: string }>;

/** A policy issue code. */
export type PolicyIssueCode = keyof typeof POLICY_ISSUE_CODES;
