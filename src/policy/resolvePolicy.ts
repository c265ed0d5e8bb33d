import type { Issue, Result } from '../core/issue.js';
import { isCalendarDate } from './fields.js';
import { policyIssue } from './policyIssue.js';
import { REQUIRED_SECTIONS, SECTION_SCHEMAS, type RegionPolicy, type ResolvedPolicy, type SectionName } from './schema.js';
import { mapZodIssue } from './mapZodIssue.js';

/** Which dated entry of a group was used, for traces ("option set in force", DIP-RULES.md §4.8). */
export interface EntryProvenance {
  readonly index: number;
  readonly from: string;
  readonly to?: string;
  readonly source: readonly string[];
  readonly assumed: readonly string[];
}

/** A resolved policy plus, per group, the entry it came from. */
export interface ResolvedPolicyWithProvenance {
  readonly policy: ResolvedPolicy;
  readonly provenance: Readonly<Partial<Record<SectionName, EntryProvenance>>>;
}

interface DatedEntry {
  readonly from: string;
  readonly to?: string | undefined;
}

/**
 * The indices of the entries in force on `date`: `from ≤ date < to` (`from` inclusive, `to` exclusive;
 * no `to` = open-ended). Dates compare as `YYYY-MM-DD` strings.
 *
 * @example
 * ```ts
 * entriesInForce([{ from: '2024-01-01', to: '2025-01-01' }, { from: '2025-01-01' }], '2025-01-01')   // [1]
 * entriesInForce([{ from: '2024-01-01', to: '2025-01-01' }, { from: '2025-01-01' }], '2024-12-31')   // [0]
 * ```
 */
export function entriesInForce(timeline: readonly DatedEntry[], date: string): number[] {
  const out: number[] = [];
  timeline.forEach((e, i) => {
    if (e.from <= date && (e.to === undefined || date < e.to)) out.push(i);
  });
  return out;
}

/**
 * Resolve a policy at one date: for each parameter group pick the entry in force (`from ≤ date < to`), fill
 * the engine defaults and return the plain values, with the provenance of every group. Issues (never throws):
 * `policy.invalid_date` for a bad date, `policy.no_entry_in_force` when a required group has no entry at the
 * date, `policy.timeline_overlap` when several do, shape issues of the entry's value, and
 * `policy.rounding_conflict` when `specialCase.quotaRounding` disagrees with `rounding.quota.mode`.
 * The optional `catalogBuild` group is left out when it has no entry at the date.
 *
 * @example
 * ```ts
 * const r = resolvePolicyWithProvenance(getPreset('national-2024'), '2025-03-31');
 * r.ok && r.value.policy.settlement.qualityDepositRate   // '0.05'
 * r.ok && r.value.provenance.settlement?.index            // 1
 * ```
 */
export function resolvePolicyWithProvenance(policy: RegionPolicy, date: string): Result<ResolvedPolicyWithProvenance> {
  if (typeof date !== 'string' || !isCalendarDate(date)) {
    return { ok: false, issues: [policyIssue('policy.invalid_date', [], `resolution date "${String(date)}" is not a calendar date YYYY-MM-DD`, { expected: 'YYYY-MM-DD', received: String(date) })] };
  }
  const issues: Issue[] = [];
  const sections: Partial<Record<SectionName, unknown>> = {};
  const provenance: Partial<Record<SectionName, EntryProvenance>> = {};
  const params = policy.parameters as Partial<Record<SectionName, readonly { from: string; to?: string | undefined; source: string | readonly string[]; assumed?: readonly string[] | undefined; value: unknown }[]>>;
  const names: readonly SectionName[] = [...REQUIRED_SECTIONS, 'catalogBuild'];
  for (const name of names) {
    const timeline = params[name] ?? [];
    const inForce = entriesInForce(timeline, date);
    const path = ['parameters', name];
    if (inForce.length === 0) {
      if (name !== 'catalogBuild') issues.push(policyIssue('policy.no_entry_in_force', path, `no ${name} entry is in force on ${date}`, { zh: `${date} 没有生效的 ${name} 参数条目` }));
      continue;
    }
    if (inForce.length > 1) {
      issues.push(policyIssue('policy.timeline_overlap', path, `${inForce.length} ${name} entries are in force on ${date} (entries ${inForce.join(', ')})`, { zh: `${date} 有多个 ${name} 参数条目同时生效` }));
      continue;
    }
    const index = inForce[0]!;
    const entry = timeline[index]!;
    const parsed = SECTION_SCHEMAS[name].safeParse(entry.value ?? {}, { reportInput: true });
    if (!parsed.success) {
      for (const zi of parsed.error.issues) issues.push(...mapZodIssue(zi, [...path, index, 'value']));
      continue;
    }
    sections[name] = parsed.data;
    provenance[name] = {
      index,
      from: entry.from,
      ...(entry.to === undefined ? {} : { to: entry.to }),
      source: typeof entry.source === 'string' ? [entry.source] : [...entry.source],
      assumed: [...(entry.assumed ?? [])],
    };
  }
  if (issues.length > 0) return { ok: false, issues };
  const resolved = {
    id: policy.id,
    name: policy.name,
    regionCode: policy.regionCode,
    date,
    ...sections,
  } as ResolvedPolicy;
  if (resolved.specialCase.quotaRounding !== resolved.rounding.quota.mode) {
    return {
      ok: false,
      issues: [
        policyIssue('policy.rounding_conflict', ['parameters', 'specialCase', provenance.specialCase?.index ?? 0, 'value', 'quotaRounding'], `specialCase.quotaRounding "${resolved.specialCase.quotaRounding}" disagrees with rounding.quota.mode "${resolved.rounding.quota.mode}" on ${date}`, {
          zh: `特例单议名额的舍入方式与 rounding.quota 不一致`,
        }),
      ],
    };
  }
  return { ok: true, value: { policy: resolved, provenance } };
}

/**
 * Resolve a policy at one date (see {@link resolvePolicyWithProvenance}); the plain values in force.
 * Validate untrusted documents with `validatePolicy` first: resolution re-checks only the entries it uses.
 *
 * @example
 * ```ts
 * const r = resolvePolicy(getPreset('jining-2023'), '2023-06-30');
 * r.ok && r.value.outlier.highFormula         // 'ratioMinusTwoPlusCoef'
 * resolvePolicy(getPreset('jining-2023'), '2022-12-31').ok   // false: policy.no_entry_in_force
 * ```
 */
export function resolvePolicy(policy: RegionPolicy, date: string): Result<ResolvedPolicy> {
  const r = resolvePolicyWithProvenance(policy, date);
  return r.ok ? { ok: true, value: r.value.policy } : r;
}
