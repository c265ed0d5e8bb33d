import { isProcedureCodeShape, normalizeProcedureCode } from '../../codes/normalize.js';
import { excerpt, issue } from '../../core/issue.js';
import type { Issue, Result } from '../../core/issue.js';
import type { ProcedureRef } from '../types.js';

/** Length of a full ICD-9-CM-3 医保版 code (`47.0100`); shorter catalog codes are prefix codes (DIP-RULES.md §3.3). */
export const FULL_PROCEDURE_CODE_LENGTH = 7;

/**
 * Parse one procedure code of a catalog expression into a {@link ProcedureRef}: normalise (DIP-RULES.md §3.5),
 * check the ICD-9-CM-3 shape, flag codes shorter than 7 characters as `isShort` (prefix codes of 襄阳 / 荆门,
 * DIP-RULES.md §3.3; Hubei 2023 code). A malformed code yields an issue `notation.procedure_code`.
 *
 * @example
 * ```ts
 * parseProcedureRef('44.1300X001'); // { ok: true, value: { code: '44.1300x001', isShort: false } }
 * parseProcedureRef('47.0');        // { ok: true, value: { code: '47.0', isShort: true } }
 * parseProcedureRef('K35.3').ok;    // false
 * ```
 */
export function parseProcedureRef(raw: string): Result<ProcedureRef> {
  const code = normalizeProcedureCode(raw);
  if (!isProcedureCodeShape(code)) {
    return {
      ok: false,
      issues: [
        issue('notation.procedure_code', `not an ICD-9-CM-3 procedure code: ${excerpt(raw)}`, {
          messageZh: `手术操作编码格式错误：${excerpt(raw)}`,
          expected: 'ICD-9-CM-3 code such as 47.0100 or 00.0200x001',
          received: excerpt(raw),
        }),
      ],
    };
  }
  return { ok: true, value: { code, isShort: code.length < FULL_PROCEDURE_CODE_LENGTH } };
}

/** Parse a list of raw codes, collecting every issue (an empty token is an issue too). */
export function parseProcedureList(raws: readonly string[], expression: string): Result<readonly ProcedureRef[]> {
  const out: ProcedureRef[] = [];
  const issues: Issue[] = [];
  for (const raw of raws) {
    if (raw.trim() === '') {
      issues.push(
        issue('notation.empty_token', `empty procedure code in ${excerpt(expression)}`, {
          messageZh: `手术操作组合中有空编码：${excerpt(expression)}`,
          received: excerpt(expression),
        }),
      );
      continue;
    }
    const r = parseProcedureRef(raw);
    if (r.ok) out.push(r.value);
    else issues.push(...r.issues);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out };
}

/**
 * Turn CNF procedure groups (AND across groups, OR inside a group) into the requirement's `main` (the first group)
 * and `related` (the rest), DIP-RULES.md §3.3, §4.2.
 *
 * @example
 * ```ts
 * splitMainRelated([[a], [b, c]]); // { main: [a], related: [[b, c]] }
 * ```
 */
export function splitMainRelated(groups: readonly (readonly ProcedureRef[])[]): {
  main: readonly ProcedureRef[];
  related: readonly (readonly ProcedureRef[])[];
} {
  const [first, ...rest] = groups;
  return { main: first ?? [], related: rest };
}
