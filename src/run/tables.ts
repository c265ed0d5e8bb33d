/**
 * Parsers of the small input tables of a settlement run (DIP-RULES.md §2.4): hospital master, assessment scores,
 * prepayments made, audit deductions. Pure: they take rows already split into cells (the CSV reading lives in
 * `src/io/load*.ts`) and return typed rows plus an issue per bad row, never throwing on bad input.
 *
 * Columns are matched by canonical snake_case name or a Chinese alias, case-insensitively, after trimming.
 *
 * @module
 */
import type { Issue } from '../core/issue.js';
import { excerpt } from '../core/issue.js';
import { dec, formatDecimal, parseDecimal } from '../decimal/index.js';
import type { Ratio, Yuan } from '../decimal/brands.js';
import type { SpecialCaseApproval } from '../points/specialCases.js';
import type { AssessmentScore, AuditDeduction, HospitalInfo, PrepaymentRow } from './types.js';

/** One table row: the 1-based physical line and the cells keyed by the header as written. */
export interface TableRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** The result of parsing a table: good rows and one issue per problem (a row with an error is left out and counted). */
export interface TableParse<T> {
  readonly rows: readonly T[];
  readonly issues: readonly Issue[];
  /** Rows read (data rows, header excluded). */
  readonly read: number;
  /** Rows left out because of an error. */
  readonly rejected: number;
}

type ColumnSpec = Readonly<Record<string, readonly string[]>>;

const HOSPITAL_COLUMNS = {
  hospital_id: ['hospital_id', '定点医疗机构代码', '定点医药机构代码', '医疗机构编码', '机构编码'],
  name: ['name', 'hospital_name', '医疗机构名称', '机构名称', '名称'],
  level: ['level', '级别', '医院级别', '机构级别', '类型'],
  coefficient: ['coefficient', 'institution_coefficient', '医疗机构调节系数', '调节系数', '系数'],
} as const satisfies ColumnSpec;

const SCORE_COLUMNS = {
  hospital_id: HOSPITAL_COLUMNS.hospital_id,
  score: ['score', 'assessment_score', '考核得分', '考核分数', '得分'],
  coefficient: ['coefficient', 'k', 'assessment_coefficient', '考核系数'],
  deposit_refund_share: ['deposit_refund_share', 'refund_share', '质量保证金返还比例', '返还比例'],
  reasonable_overrun: ['reasonable_overrun', '合理超支'],
} as const satisfies ColumnSpec;

const PREPAYMENT_COLUMNS = {
  hospital_id: HOSPITAL_COLUMNS.hospital_id,
  month: ['month', '月份', '结算月份'],
  prepaid: ['prepaid', 'prepayment', '月度预付', '预付金额', '拨付金额'],
  deposit_withheld: ['deposit_withheld', '质量保证金', '预留质量保证金'],
  advance_outstanding: ['advance_outstanding', '预付金', '周转金'],
} as const satisfies ColumnSpec;

const AUDIT_COLUMNS = {
  hospital_id: HOSPITAL_COLUMNS.hospital_id,
  month: PREPAYMENT_COLUMNS.month,
  amount: ['amount', 'deduction', '审核扣减', '扣减金额', '金额'],
  case_id: ['case_id', '病案号', '结算流水号'],
} as const satisfies ColumnSpec;

const SPECIAL_CASE_COLUMNS = {
  hospital_id: HOSPITAL_COLUMNS.hospital_id,
  case_id: ['case_id', '病案号', '结算流水号', '病例编号'],
  approved_amount: ['approved_amount', 'amount', '核定金额', '审核金额', '特例单议金额'],
  approved_points: ['approved_points', 'points', '核定分值', '特殊病例分值'],
  review_month: ['review_month', 'review_period', '评审月份', '评审期', '评议月份', '申报月份'],
} as const satisfies ColumnSpec;

/** Map each canonical column to the header actually present (first alias found). */
function resolveHeader<S extends ColumnSpec>(spec: S, header: readonly string[]): { [K in keyof S]?: string } {
  const byNorm = new Map<string, string>();
  for (const h of header) byNorm.set(h.trim().toLowerCase(), h);
  const out: { [K in keyof S]?: string } = {};
  for (const key of Object.keys(spec) as (keyof S & string)[]) {
    for (const alias of spec[key]!) {
      const found = byNorm.get(alias.toLowerCase());
      if (found !== undefined) {
        out[key] = found;
        break;
      }
    }
  }
  return out;
}

function headerOf(rows: readonly TableRow[]): string[] {
  const first = rows[0];
  return first === undefined ? [] : Object.keys(first.cells);
}

function cell(row: TableRow, header: string | undefined): string {
  if (header === undefined) return '';
  return (row.cells[header] ?? '').trim();
}

interface Ctx {
  readonly table: string;
  readonly issues: Issue[];
}

function err(ctx: Ctx, code: string, message: string, line: number | undefined, column: string | undefined, received?: string): void {
  ctx.issues.push({
    severity: 'error',
    code: `${ctx.table}.${code}`,
    message,
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
    ...(received === undefined ? {} : { received: excerpt(received) }),
  });
}

function money(ctx: Ctx, row: TableRow, raw: string, column: string, allowNegative: boolean): Yuan | undefined {
  const r = parseDecimal(raw, { maxScale: 4, allowNegative, field: column });
  if (!r.ok) {
    ctx.issues.push({ ...r.issue, code: `${ctx.table}.${r.issue.code}`, line: row.line, column });
    return undefined;
  }
  return formatDecimal(r.value) as Yuan;
}

function ratio(ctx: Ctx, row: TableRow, raw: string, column: string): Ratio | undefined {
  const r = parseDecimal(raw, { field: column });
  if (!r.ok) {
    ctx.issues.push({ ...r.issue, code: `${ctx.table}.${r.issue.code}`, line: row.line, column });
    return undefined;
  }
  return formatDecimal(r.value) as Ratio;
}

const MONTH = /^(\d{4})-(\d{1,2})$/;

function month(ctx: Ctx, row: TableRow, raw: string, column: string): string | undefined {
  const m = MONTH.exec(raw) ?? /^(\d{4})(\d{2})$/.exec(raw);
  const mm = m === null ? NaN : Number(m[2]);
  if (m === null || !(mm >= 1 && mm <= 12)) {
    err(ctx, 'bad_month', `${column}: "${raw}" is not a month YYYY-MM`, row.line, column, raw);
    return undefined;
  }
  return `${m[1]}-${String(mm).padStart(2, '0')}`;
}

function requireColumns<S extends ColumnSpec>(ctx: Ctx, cols: { [K in keyof S]?: string }, required: readonly (keyof S & string)[], rows: readonly TableRow[]): boolean {
  if (rows.length === 0) return true;
  let ok = true;
  for (const r of required) {
    if (cols[r] === undefined) {
      err(ctx, 'missing_column', `required column ${r} is missing`, 1, r);
      ok = false;
    }
  }
  return ok;
}

function finish<T>(rows: T[], ctx: Ctx, read: number, rejected: number): TableParse<T> {
  return { rows, issues: ctx.issues, read, rejected };
}

/**
 * Parse the hospital master (DIP-RULES.md §2.4): columns `hospital_id` (required), `name`, `level`,
 * `coefficient` (optional decimal, the year's 医疗机构调节系数, DIP-RULES.md §5.10). A duplicate `hospital_id` is an
 * error (the later row is left out).
 *
 * @example
 * ```ts
 * parseHospitalTable([{ line: 2, cells: { hospital_id: 'H1', name: 'A', level: '三级', coefficient: '1.05' } }]).rows
 * // [{ hospitalId: 'H1', name: 'A', level: '三级', coefficient: '1.05' }]
 * ```
 */
export function parseHospitalTable(rows: readonly TableRow[]): TableParse<HospitalInfo> {
  const ctx: Ctx = { table: 'hospitals', issues: [] };
  const cols = resolveHeader(HOSPITAL_COLUMNS, headerOf(rows));
  if (!requireColumns(ctx, cols, ['hospital_id'], rows)) return finish([], ctx, rows.length, rows.length);
  const out: HospitalInfo[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  for (const row of rows) {
    const before = ctx.issues.length;
    const id = cell(row, cols.hospital_id);
    if (id === '') err(ctx, 'missing_id', 'hospital_id is empty', row.line, 'hospital_id');
    else if (seen.has(id)) err(ctx, 'duplicate_id', `hospital ${id} is listed twice`, row.line, 'hospital_id', id);
    const rawCoef = cell(row, cols.coefficient);
    const coefficient = rawCoef === '' ? undefined : ratio(ctx, row, rawCoef, 'coefficient');
    if (ctx.issues.length > before) {
      rejected++;
      continue;
    }
    seen.add(id);
    out.push({ hospitalId: id, name: cell(row, cols.name), level: cell(row, cols.level), ...(coefficient === undefined ? {} : { coefficient }) });
  }
  return finish(out, ctx, rows.length, rejected);
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', '是']);
const FALSE_WORDS = new Set(['', '0', 'false', 'no', 'n', '否']);

/**
 * Parse assessment results (考核, DIP-RULES.md §8.5): `hospital_id` (required), `score`, `coefficient` (k),
 * `deposit_refund_share` (s, 0–1), `reasonable_overrun` (1/0, true/false, 是/否). At least one of score,
 * coefficient, deposit_refund_share must be given.
 */
export function parseScoreTable(rows: readonly TableRow[]): TableParse<AssessmentScore> {
  const ctx: Ctx = { table: 'scores', issues: [] };
  const cols = resolveHeader(SCORE_COLUMNS, headerOf(rows));
  if (!requireColumns(ctx, cols, ['hospital_id'], rows)) return finish([], ctx, rows.length, rows.length);
  const out: AssessmentScore[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  for (const row of rows) {
    const before = ctx.issues.length;
    const id = cell(row, cols.hospital_id);
    if (id === '') err(ctx, 'missing_id', 'hospital_id is empty', row.line, 'hospital_id');
    else if (seen.has(id)) err(ctx, 'duplicate_id', `hospital ${id} has two assessment rows`, row.line, 'hospital_id', id);
    const rawScore = cell(row, cols.score);
    const score = rawScore === '' ? undefined : ratio(ctx, row, rawScore, 'score');
    const rawK = cell(row, cols.coefficient);
    const k = rawK === '' ? undefined : ratio(ctx, row, rawK, 'coefficient');
    const rawS = cell(row, cols.deposit_refund_share);
    const s = rawS === '' ? undefined : ratio(ctx, row, rawS, 'deposit_refund_share');
    if (s !== undefined && dec(s).gt(1)) err(ctx, 'share_above_one', `deposit_refund_share ${s} is above 1`, row.line, 'deposit_refund_share', s);
    const rawR = cell(row, cols.reasonable_overrun).toLowerCase();
    let reasonable: boolean | undefined;
    if (TRUE_WORDS.has(rawR)) reasonable = true;
    else if (FALSE_WORDS.has(rawR)) reasonable = rawR === '' ? undefined : false;
    else err(ctx, 'bad_flag', `reasonable_overrun "${rawR}" is not a yes/no value`, row.line, 'reasonable_overrun', rawR);
    if (rawScore === '' && rawK === '' && rawS === '') err(ctx, 'empty_row', `hospital ${id}: no score, coefficient or deposit_refund_share`, row.line, undefined);
    if (ctx.issues.length > before) {
      rejected++;
      continue;
    }
    seen.add(id);
    out.push({
      hospitalId: id,
      ...(score === undefined ? {} : { score }),
      ...(k === undefined ? {} : { coefficient: k }),
      ...(s === undefined ? {} : { depositRefundShare: s }),
      ...(reasonable === undefined ? {} : { reasonableOverrun: reasonable }),
    });
  }
  return finish(out, ctx, rows.length, rejected);
}

/**
 * Parse the prepayments made (DIP-RULES.md §8.2, §2.4): `hospital_id`, `month` (YYYY-MM), `prepaid` (may be
 * negative: a recovery), `deposit_withheld` (optional, default 0), `advance_outstanding` (optional, default 0; summed
 * per hospital).
 */
export function parsePrepaymentTable(rows: readonly TableRow[]): TableParse<PrepaymentRow> {
  const ctx: Ctx = { table: 'prepayments', issues: [] };
  const cols = resolveHeader(PREPAYMENT_COLUMNS, headerOf(rows));
  if (!requireColumns(ctx, cols, ['hospital_id', 'month', 'prepaid'], rows)) return finish([], ctx, rows.length, rows.length);
  const out: PrepaymentRow[] = [];
  let rejected = 0;
  for (const row of rows) {
    const before = ctx.issues.length;
    const id = cell(row, cols.hospital_id);
    if (id === '') err(ctx, 'missing_id', 'hospital_id is empty', row.line, 'hospital_id');
    const m = month(ctx, row, cell(row, cols.month), 'month');
    const prepaid = money(ctx, row, cell(row, cols.prepaid), 'prepaid', true);
    const rawW = cell(row, cols.deposit_withheld);
    const w = rawW === '' ? ('0' as Yuan) : money(ctx, row, rawW, 'deposit_withheld', false);
    const rawA = cell(row, cols.advance_outstanding);
    const a = rawA === '' ? ('0' as Yuan) : money(ctx, row, rawA, 'advance_outstanding', false);
    if (ctx.issues.length > before || m === undefined || prepaid === undefined || w === undefined || a === undefined) {
      rejected++;
      continue;
    }
    out.push({ hospitalId: id, month: m, prepaid, depositWithheld: w, advanceOutstanding: a });
  }
  return finish(out, ctx, rows.length, rejected);
}

/**
 * Parse audit deductions (审核扣减, DIP-RULES.md §2.4): `hospital_id`, `amount` (≥ 0), optional `month` (YYYY-MM;
 * empty = year-end) and `case_id`.
 */
export function parseAuditTable(rows: readonly TableRow[]): TableParse<AuditDeduction> {
  const ctx: Ctx = { table: 'audit', issues: [] };
  const cols = resolveHeader(AUDIT_COLUMNS, headerOf(rows));
  if (!requireColumns(ctx, cols, ['hospital_id', 'amount'], rows)) return finish([], ctx, rows.length, rows.length);
  const out: AuditDeduction[] = [];
  let rejected = 0;
  for (const row of rows) {
    const before = ctx.issues.length;
    const id = cell(row, cols.hospital_id);
    if (id === '') err(ctx, 'missing_id', 'hospital_id is empty', row.line, 'hospital_id');
    const rawM = cell(row, cols.month);
    const m = rawM === '' ? undefined : month(ctx, row, rawM, 'month');
    const amount = money(ctx, row, cell(row, cols.amount), 'amount', false);
    const caseId = cell(row, cols.case_id);
    if (ctx.issues.length > before || amount === undefined) {
      rejected++;
      continue;
    }
    out.push({ hospitalId: id, amount, ...(m === undefined ? {} : { month: m }), ...(caseId === '' ? {} : { caseId }) });
  }
  return finish(out, ctx, rows.length, rejected);
}

const QUARTER = /^(\d{4})-?Q([1-4])$/i;

/**
 * Parse special-case approvals (特例单议, DIP-RULES.md §6.4): columns `hospital_id` and `case_id` (required),
 * `approved_amount` (核定金额; empty = the case's booked fund amount under `itemBased`), `approved_points`
 * (`adjustedStandard`), `review_month` (`YYYY-MM`, `YYYYMM` or `YYYY-Qn`; empty = counted first, in file order).
 * Amounts and points are non-negative decimals. Duplicates are left to the run (`applySpecialCases` rejects them).
 *
 * @example
 * ```ts
 * parseSpecialCaseTable([{ line: 2, cells: { 定点医疗机构代码: 'H1', 病案号: 'C9', 核定金额: '28000', 评审月份: '2025-03' } }]).rows
 * // [{ hospitalId: 'H1', caseId: 'C9', reviewPeriod: '2025-03', approvedAmount: '28000' }]
 * ```
 */
export function parseSpecialCaseTable(rows: readonly TableRow[]): TableParse<SpecialCaseApproval> {
  const ctx: Ctx = { table: 'special_cases', issues: [] };
  const cols = resolveHeader(SPECIAL_CASE_COLUMNS, headerOf(rows));
  if (!requireColumns(ctx, cols, ['hospital_id', 'case_id'], rows)) return finish([], ctx, rows.length, rows.length);
  const out: SpecialCaseApproval[] = [];
  let rejected = 0;
  for (const row of rows) {
    const before = ctx.issues.length;
    const id = cell(row, cols.hospital_id);
    if (id === '') err(ctx, 'missing_id', 'hospital_id is empty', row.line, 'hospital_id');
    const caseId = cell(row, cols.case_id);
    if (caseId === '') err(ctx, 'missing_case_id', 'case_id is empty', row.line, 'case_id');
    const rawAmount = cell(row, cols.approved_amount);
    const amount = rawAmount === '' ? undefined : money(ctx, row, rawAmount, 'approved_amount', false);
    const rawPoints = cell(row, cols.approved_points);
    const points = rawPoints === '' ? undefined : money(ctx, row, rawPoints, 'approved_points', false);
    const rawPeriod = cell(row, cols.review_month);
    let period: string | undefined = '';
    if (rawPeriod !== '') {
      const q = QUARTER.exec(rawPeriod);
      period = q === null ? month(ctx, row, rawPeriod, 'review_month') : `${q[1]}-Q${q[2]}`;
    }
    if (ctx.issues.length > before || period === undefined) {
      rejected++;
      continue;
    }
    out.push({ hospitalId: id, caseId, reviewPeriod: period, ...(amount === undefined ? {} : { approvedAmount: amount }), ...(points === undefined ? {} : { approvedPoints: points }) });
  }
  return finish(out, ctx, rows.length, rejected);
}
