import { excerpt, issue } from '../../core/issue.js';
import type { Issue, Result } from '../../core/issue.js';
import type { ProcedureRef } from '../types.js';
import { parseProcedureList } from './procedureRef.js';

/**
 * Parse the slash/plus notation of the Hubei 2023 catalogs (DIP-RULES.md §3.3; Hubei 2023 code, DIP 3.0 draft
 * table 3-4): `/` = any one of the alternatives, `+` = every segment required, a segment may itself be an any-of
 * (`X+Y/Z`). Returns CNF groups (AND across, OR inside); use `splitMainRelated` for main/related.
 *
 * @example
 * ```ts
 * parsePlusSlash('37.5100/37.5100x001');
 * // { ok: true, value: [[{ code: '37.5100', isShort: false }, { code: '37.5100x001', isShort: false }]] }
 * parsePlusSlash('47.0100+54.2100/54.2101'); // two groups: [47.0100], [54.2100 | 54.2101]
 * parsePlusSlash('47.0100++54.21').ok;        // false (empty segment)
 * ```
 */
export function parsePlusSlash(expression: string): Result<readonly (readonly ProcedureRef[])[]> {
  const s = expression.trim();
  if (s === '') return { ok: true, value: [] };
  const groups: (readonly ProcedureRef[])[] = [];
  const issues: Issue[] = [];
  for (const segment of s.split('+')) {
    if (segment.trim() === '') {
      issues.push(
        issue('notation.empty_segment', `empty + segment in ${excerpt(expression)}`, {
          messageZh: `“+”组合中有空段：${excerpt(expression)}`,
          received: excerpt(expression),
        }),
      );
      continue;
    }
    const r = parseProcedureList(segment.split('/'), expression);
    if (r.ok) groups.push(r.value);
    else issues.push(...r.issues);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: groups };
}
