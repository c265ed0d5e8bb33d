import type { Issue, Result } from '../core/issue.js';
import { excerpt } from '../core/issue.js';
import { checkSection } from './checkSection.js';
import { isCalendarDate } from './fields.js';
import { policyIssue, type PolicyPath } from './policyIssue.js';
import { RegionPolicySchema, SECTION_NAMES, SECTION_SCHEMAS, type RegionPolicy, type RoundingOptions, type SectionName, type SpecialCaseOptions } from './schema.js';
import { mapZodIssue } from './mapZodIssue.js';

/** Options of {@link validatePolicy}. */
export interface ValidatePolicyOptions {
  /**
   * `'en'` (default): issues carry an English `message` only. `'zh-CN'`: `message` stays English (one
   * language for programs and logs) and every issue also carries a Chinese `messageZh`.
   */
  readonly locale?: 'en' | 'zh-CN';
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Validate a region policy document (parsed JSON) and report **every** problem as an `Issue` with a path
 * into the JSON; never throws on bad input.
 *
 * Checks, beyond the zod shape (types, enum values, unknown keys, decimal strings, dates):
 * - timelines: `from < to`; entries of one group do not overlap (from inclusive, to exclusive); every
 *   `source` key is defined in `sources`; every `assumed` name is a field of the group;
 * - per section (after its shape passed): band coverage (assessment bands from score 0, corridor bands from 0,
 *   contiguous, last open-ended), threshold order `low < high < highUpper ≤ extreme`, `prepay + deposit ≤ 1`,
 *   values required by a chosen option, duplicates, `specialCase.quotaRounding` = `rounding.quota.mode` where both
 *   are in force; warnings (kept in `warnings`) for inconsistent options and
 *   a quality deposit above the 2025 Handling Rules cap of 5 %.
 *
 * On success the value is the policy as given (entries hold partial sections; `resolvePolicy` fills defaults).
 *
 * @example
 * ```ts
 * validatePolicy(getPreset('jining-2023')).ok                  // true
 * const r = validatePolicy({ schemaVersion: 2 }, { locale: 'zh-CN' });
 * r.ok === false && r.issues[0]?.code                            // 'policy.unsupported_schema_version'
 * ```
 */
export function validatePolicy(input: unknown, options: ValidatePolicyOptions = {}): Result<RegionPolicy> {
  const issues: Issue[] = [];
  const push = (i: Issue): void => {
    issues.push(i);
  };
  if (!isRecord(input)) {
    push(policyIssue('policy.not_an_object', [], `the policy must be a JSON object, received ${excerpt(input)}`, { received: excerpt(input) }));
    return finish(issues, input, options);
  }
  const parsed = RegionPolicySchema.safeParse(input, { reportInput: true });
  if (!parsed.success) for (const zi of parsed.error.issues) for (const i of mapZodIssue(zi)) push(i);

  const sourceKeys = isRecord(input.sources) ? new Set(Object.keys(input.sources)) : undefined;
  const parameters = input.parameters;
  if (isRecord(parameters)) {
    const parsedEntries: Partial<Record<SectionName, ParsedEntry[]>> = {};
    for (const name of SECTION_NAMES) {
      const timeline = parameters[name];
      if (Array.isArray(timeline)) parsedEntries[name] = checkTimeline(name, timeline, ['parameters', name], sourceKeys, push);
    }
    checkQuotaRounding(parsedEntries.specialCase ?? [], parsedEntries.rounding ?? [], push);
  }
  return finish(issues, input, options);
}

function finish(all: readonly Issue[], input: unknown, options: ValidatePolicyOptions): Result<RegionPolicy> {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const i of all) {
    const key = `${i.code}|${JSON.stringify(i.path ?? [])}|${i.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (options.locale === 'zh-CN') out.push(i);
    else {
      const { messageZh: _zh, ...rest } = i;
      out.push(rest);
    }
  }
  const errors = out.filter((i) => i.severity === 'error');
  const warnings = out.filter((i) => i.severity === 'warning');
  if (errors.length > 0) return { ok: false, issues: [...errors, ...warnings] };
  const value = JSON.parse(JSON.stringify(input)) as RegionPolicy;
  return warnings.length > 0 ? { ok: true, value, warnings } : { ok: true, value };
}

/** A shape-valid entry with its (valid) dates and defaults-filled value. */
interface ParsedEntry {
  readonly index: number;
  readonly from: string;
  readonly to: string | undefined;
  readonly value: unknown;
}

/** `specialCase.quotaRounding` must equal `rounding.quota.mode` wherever the two entries are in force together. */
function checkQuotaRounding(special: readonly ParsedEntry[], rounding: readonly ParsedEntry[], push: (i: Issue) => void): void {
  for (const s of special) {
    for (const r of rounding) {
      const overlap = s.from < (r.to ?? '9999-12-31') && r.from < (s.to ?? '9999-12-31');
      const a = (s.value as SpecialCaseOptions).quotaRounding;
      const b = (r.value as RoundingOptions).quota.mode;
      if (overlap && a !== b) {
        push(
          policyIssue('policy.rounding_conflict', ['parameters', 'specialCase', s.index, 'value', 'quotaRounding'], `specialCase.quotaRounding "${a}" disagrees with rounding.quota.mode "${b}" of rounding[${r.index}], in force at the same time`, {
            zh: `特例单议名额的舍入方式 "${a}" 与 rounding[${r.index}].quota 的 "${b}" 不一致`,
          }),
        );
      }
    }
  }
}

function checkTimeline(name: SectionName, timeline: readonly unknown[], path: PolicyPath, sourceKeys: Set<string> | undefined, push: (i: Issue) => void): ParsedEntry[] {
  const parsedEntries: ParsedEntry[] = [];
  const schema = SECTION_SCHEMAS[name];
  const fields = new Set(Object.keys(schema.shape));
  const spans: { index: number; from: string; to: string | undefined }[] = [];
  timeline.forEach((entry, index) => {
    if (!isRecord(entry)) return;
    const ep = [...path, index];
    const from = typeof entry.from === 'string' && isCalendarDate(entry.from) ? entry.from : undefined;
    const to = typeof entry.to === 'string' && isCalendarDate(entry.to) ? entry.to : undefined;
    if (from !== undefined && to !== undefined && to <= from) {
      push(policyIssue('policy.date_order', [...ep, 'to'], `to ${to} must be after from ${from} (from is inclusive, to exclusive)`, { zh: `失效日期 ${to} 必须晚于生效日期 ${from}` }));
    } else if (from !== undefined && (entry.to === undefined || to !== undefined)) {
      spans.push({ index, from, to });
    }
    // Source keys.
    const src = entry.source;
    const keys: [string, PolicyPath][] = typeof src === 'string' ? [[src, [...ep, 'source']]] : Array.isArray(src) ? src.flatMap((s, k): [string, PolicyPath][] => (typeof s === 'string' ? [[s, [...ep, 'source', k]]] : [])) : [];
    if (sourceKeys !== undefined) {
      for (const [key, kp] of keys) {
        if (!sourceKeys.has(key)) push(policyIssue('policy.unknown_source', kp, `source "${excerpt(key, 40)}" is not defined in sources`, { zh: `来源 "${excerpt(key, 40)}" 未在 sources 中定义`, received: excerpt(key) }));
      }
    }
    // Assumed names.
    if (Array.isArray(entry.assumed)) {
      entry.assumed.forEach((a, k) => {
        if (typeof a === 'string' && !fields.has(a.split('.')[0] ?? a)) {
          push(policyIssue('policy.unknown_assumed_field', [...ep, 'assumed', k], `assumed names "${excerpt(a, 40)}", which is not a field of ${name}`, { zh: `assumed 中的 "${excerpt(a, 40)}" 不是 ${name} 的字段`, received: excerpt(a) }));
        }
      });
    }
    // Section semantics (only when the value's shape is valid).
    const parsed = schema.safeParse(entry.value);
    if (parsed.success) {
      if (from !== undefined && (entry.to === undefined || to !== undefined)) parsedEntries.push({ index, from, to, value: parsed.data });
      checkSection(name, parsed.data, { path: [...ep, 'value'], push, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) });
    }
  });
  // Overlaps: sort by from; each entry must start at or after the previous one's end.
  spans.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.index - b.index));
  for (let k = 1; k < spans.length; k++) {
    const prev = spans[k - 1]!;
    const cur = spans[k]!;
    if (prev.to === undefined || cur.from < prev.to) {
      push(
        policyIssue('policy.timeline_overlap', [...path, cur.index, 'from'], `${name}[${cur.index}] from ${cur.from} overlaps ${name}[${prev.index}] (${prev.from} to ${prev.to ?? 'open-ended'})`, {
          zh: `${name}[${cur.index}]（自 ${cur.from}）与 ${name}[${prev.index}]（${prev.from} 至 ${prev.to ?? '长期'}）时间重叠`,
        }),
      );
    }
  }
  return parsedEntries;
}
