/**
 * The canonical discharge-record columns (医保结算清单 subset, DIP-RULES.md §2.1) with their Chinese header
 * aliases. Source: DIP 3.0 draft ch. 2 §2 (settlement-list item names, the first alias of each column) and
 * the common header variants listed in DIP-RULES.md §2.1.
 *
 * @module
 */

/** Every canonical snake_case column of a discharge-records CSV, in DIP-RULES.md §2.1 order. */
export const RECORD_COLUMNS = [
  'case_id',
  'hospital_id',
  'insurance_type',
  'insured_region',
  'admission_date',
  'discharge_date',
  'settlement_date',
  'birth_date',
  'age',
  'age_days',
  'sex',
  'newborn_weight_g',
  'newborn_admission_weight_g',
  'principal_dx',
  'secondary_dx',
  'principal_procedure',
  'other_procedures',
  'discharge_status',
  'los_days',
  'total_cost',
  'fund_paid',
  'patient_paid',
  'other_paid',
  'icu_days',
  'ventilator_hours',
  'drug_cost',
  'consumable_cost',
  'treatment_cost',
  'surgery_cost',
  'medical_type',
  'tcm_dx',
  'special_case_status',
  'source_packet',
] as const;

/** A canonical discharge-record column name. */
export type RecordColumn = (typeof RECORD_COLUMNS)[number];

/** A raw record: canonical column → cell text, as read (absent = the column is not in the file). */
export type RawRecord = Partial<Record<RecordColumn, string>>;

/**
 * Chinese header aliases per canonical column (DIP-RULES.md §2.1; DIP 3.0 draft ch. 2 §2). The English
 * canonical name itself is always accepted, case-insensitively (see `mapHeader` in `src/io`).
 *
 * @example
 * ```ts
 * RECORD_COLUMN_ALIASES.principal_dx; // ['主要诊断代码', '主要诊断编码', '主诊断代码']
 * ```
 */
export const RECORD_COLUMN_ALIASES: Readonly<Record<RecordColumn, readonly string[]>> = {
  case_id: ['病案号', '住院号', '清单流水号', '结算流水号', '就诊ID'],
  hospital_id: ['定点医药机构代码', '定点医疗机构代码', '医疗机构编码'],
  insurance_type: ['医保类型', '险种类型', '险种'],
  insured_region: ['参保地', '参保地医保区划'],
  admission_date: ['入院时间', '入院日期'],
  discharge_date: ['出院时间', '出院日期'],
  settlement_date: ['结算日期', '结算时间'],
  birth_date: ['出生日期'],
  age: ['年龄'],
  age_days: ['天龄', '年龄(天)'],
  sex: ['性别'],
  newborn_weight_g: ['新生儿出生体重'],
  newborn_admission_weight_g: ['新生儿入院体重'],
  principal_dx: ['主要诊断代码', '主要诊断编码', '主诊断代码'],
  secondary_dx: ['其他诊断代码', '相关诊断代码', '次要诊断代码'],
  principal_procedure: ['主要手术及操作代码', '主要手术操作代码', '主手术代码'],
  other_procedures: ['其他手术及操作代码', '相关手术及操作代码'],
  discharge_status: ['离院方式'],
  los_days: ['实际住院天数', '住院天数'],
  total_cost: ['医疗总费用', '金额合计', '总费用', '住院总费用'],
  fund_paid: ['医保统筹基金支付', '统筹基金支付', '基金支付'],
  patient_paid: ['个人支付', '个人负担'],
  other_paid: ['其他支付'],
  icu_days: ['重症监护天数'],
  ventilator_hours: ['呼吸机使用时间'],
  drug_cost: ['药品费'],
  consumable_cost: ['医用耗材费'],
  treatment_cost: ['治疗费'],
  surgery_cost: ['手术费'],
  medical_type: ['住院医疗类型'],
  tcm_dx: ['中医主病诊断代码'],
  special_case_status: ['特例单议'],
  source_packet: ['来源病种'],
};

/**
 * Columns a records file must have (DIP-RULES.md §2.1 "required", §2.3 completeness). `principal_procedure`,
 * `secondary_dx` and the other optional columns may be absent (empty = none).
 */
export const REQUIRED_RECORD_COLUMNS: readonly RecordColumn[] = [
  'case_id',
  'hospital_id',
  'insurance_type',
  'admission_date',
  'discharge_date',
  'principal_dx',
  'total_cost',
  'fund_paid',
  'patient_paid',
];

/**
 * Column groups of which a file must have at least one: the age at admission is given as `birth_date`
 * or `age` (DIP-RULES.md §2.1: "`birth_date` required unless `age` given").
 */
export const REQUIRED_ONE_OF_RECORD_COLUMNS: readonly (readonly RecordColumn[])[] = [['birth_date', 'age']];
