import { excerpt, issue } from '../../core/issue.js';
import type { Issue, Result } from '../../core/issue.js';
import { foldFullWidth, isDiagnosisCodeShape, normalizeDiagnosisCode } from '../../codes/normalize.js';
import type { ComprehensiveGroup, DxMatcher, DxSetItem, ProcedureRef } from '../types.js';
import { parseProcedureList } from './procedureRef.js';

/** The 所有诊断 token of the DIP 3.0 workbook (any principal diagnosis), DIP-RULES.md §3.3. */
export const ALL_DIAGNOSES = '所有诊断';

/**
 * Parse a DIP 3.0 workbook procedure expression (DIP-RULES.md §3.3; DIP 3.0 workbook, DIP 3.0 draft tables 3-5,
 * 3-6): `|` separates alternatives (any-of, merged equivalent procedures), `+` joins codes inside one alternative
 * (all-of). The result is CNF groups (AND across, OR inside):
 *
 * - one alternative `A+B` → `[[A], [B]]`;
 * - only single-code alternatives `A|B|C` → `[[A, B, C]]`;
 * - a mix of several alternatives with `+` (`A+B|C`) has no exact main/related form → issue
 *   `notation.dnf_unsupported` (write the main and related columns separately instead).
 *
 * @example
 * ```ts
 * parseDip3Procedures('21.0300x003|21.0300x004|21.0302'); // one group of three codes
 * parseDip3Procedures('96.7201+39.9500x007');            // [[96.7201], [39.9500x007]]
 * parseDip3Procedures('96.7201+39.9500|38.95').ok;        // false
 * ```
 */
export function parseDip3Procedures(expression: string): Result<readonly (readonly ProcedureRef[])[]> {
  const s = foldFullWidth(expression).trim();
  if (s === '') return { ok: true, value: [] };
  const alternatives: (readonly ProcedureRef[])[] = [];
  const issues: Issue[] = [];
  for (const alt of s.split('|')) {
    const r = parseProcedureList(alt.split('+'), expression);
    if (r.ok) alternatives.push(r.value);
    else issues.push(...r.issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  const [only] = alternatives;
  if (alternatives.length === 1 && only !== undefined) return { ok: true, value: only.map((p) => [p]) };
  if (alternatives.every((a) => a.length === 1)) return { ok: true, value: [alternatives.map((a) => a[0] as ProcedureRef)] };
  return {
    ok: false,
    issues: [
      issue('notation.dnf_unsupported', `alternatives mixing | and + have no main/related form: ${excerpt(expression)}`, {
        messageZh: `“|”与“+”混合的组合无法表示为主要/相关手术：${excerpt(expression)}`,
        expected: 'A|B|C, or A+B, or main and related procedures in separate columns',
        received: excerpt(expression),
      }),
    ],
  };
}

const CATEGORY = /^[A-Z]\d\d$/u;
const SUBCATEGORY = /^[A-Z]\d\d\.[0-9x]$/u;

function badDx(raw: string, expression: string): Issue {
  return issue('notation.diagnosis_code', `not an ICD-10 diagnosis, category or range: ${excerpt(raw)}`, {
    messageZh: `诊断编码格式错误：${excerpt(raw)}`,
    expected: 'K35.3, K35, K35.300x001, A00-A99, A17+, G01* or 所有诊断',
    received: excerpt(expression),
  });
}

/**
 * Parse a DIP 3.0 / Hubei diagnosis expression into a {@link DxMatcher} (DIP-RULES.md §3.3; DIP 3.0 workbook,
 * Hubei 2023 code): `所有诊断` → any; a single subcategory (`K35.3`) or category (`K35`) → that key; a single
 * dagger/asterisk category (`A17+`, `A17†`, `G01*`) → category with its mark; ranges (`C00-C75`, inclusive over
 * 3-character categories), 1–3 character prefixes and lists separated by `|`, `,`, `、` or `/` → a set.
 *
 * @example
 * ```ts
 * parseDip3Diagnosis('所有诊断');  // { ok: true, value: { kind: 'any' } }
 * parseDip3Diagnosis('A00-A99');  // { ok: true, value: { kind: 'set', items: [{ kind: 'range', from: 'A00', to: 'A99' }] } }
 * parseDip3Diagnosis('G01*');     // { ok: true, value: { kind: 'category', key: 'G01', mark: 'asterisk' } }
 * parseDip3Diagnosis('C75-C00').ok; // false (reversed range)
 * ```
 */
export function parseDip3Diagnosis(expression: string): Result<DxMatcher> {
  const s = foldFullWidth(expression).trim();
  if (s === ALL_DIAGNOSES) return { ok: true, value: { kind: 'any' } };
  if (s === '') return { ok: false, issues: [badDx(expression, expression)] };
  const tokens = s.split(/[|,、/]/u).map((t) => t.trim());
  const issues: Issue[] = [];
  const items: DxSetItem[] = [];
  if (tokens.length === 1) {
    const t = tokens[0] ?? '';
    const marked = /^([A-Za-z]\d\d)([+†*])$/u.exec(t);
    if (marked !== null) {
      const key = normalizeDiagnosisCode(marked[1] ?? '');
      return { ok: true, value: { kind: 'category', key, mark: marked[2] === '*' ? 'asterisk' : 'dagger' } };
    }
    const n = normalizeDiagnosisCode(t);
    if (SUBCATEGORY.test(n)) return { ok: true, value: { kind: 'subcategory', key: n } };
    if (CATEGORY.test(n)) return { ok: true, value: { kind: 'category', key: n } };
  }
  for (const t of tokens) {
    const range = /^([A-Za-z]\d\d)-([A-Za-z]\d\d)$/u.exec(t);
    if (range !== null) {
      const from = (range[1] ?? '').toUpperCase();
      const to = (range[2] ?? '').toUpperCase();
      if (from > to) issues.push(badDx(t, expression));
      else items.push({ kind: 'range', from, to });
      continue;
    }
    if (/^[A-Za-z]\d?$/u.test(t)) {
      items.push({ kind: 'prefix', prefix: t.toUpperCase() });
      continue;
    }
    const n = normalizeDiagnosisCode(t.replace(/[+†*]$/u, ''));
    if (CATEGORY.test(n) || SUBCATEGORY.test(n)) items.push({ kind: 'prefix', prefix: n });
    else if (isDiagnosisCodeShape(n)) items.push({ kind: 'code', code: n });
    else issues.push(badDx(t, expression));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { kind: 'set', items } };
}

/** A DIP 3.0 comprehensive-dictionary key such as `A17+-1`, `G01*-1`, `A09-4` (DIP-RULES.md §3.3, §3.6). */
export interface Dip3ComprehensiveKey {
  readonly category: string;
  readonly mark?: 'dagger' | 'asterisk';
  readonly group: ComprehensiveGroup;
}

const DIP3_GROUP_BY_SUFFIX: Readonly<Record<string, ComprehensiveGroup>> = {
  '1': 'conservative',
  '2': 'diagnostic',
  '3': 'therapeutic',
  '4': 'surgery',
};

/**
 * Parse a DIP 3.0 comprehensive-dictionary key `category[mark]-n` (DIP-RULES.md §3.3, §3.6; DIP 3.0 comprehensive
 * dictionary): suffix `-1` 内科诊疗组, `-2` 诊断性操作组, `-3` 治疗性操作组, `-4` 相关手术组. In `A17+-1` the `+` is a
 * dagger mark, **not** AND.
 *
 * @example
 * ```ts
 * parseDip3ComprehensiveKey('A17+-1'); // { ok: true, value: { category: 'A17', mark: 'dagger', group: 'conservative' } }
 * parseDip3ComprehensiveKey('A09-4');  // { ok: true, value: { category: 'A09', group: 'surgery' } }
 * parseDip3ComprehensiveKey('A09-5').ok; // false
 * ```
 */
export function parseDip3ComprehensiveKey(raw: string): Result<Dip3ComprehensiveKey> {
  const m = /^([A-Za-z]\d\d)([+†*]?)-(\d)$/u.exec(foldFullWidth(raw).trim());
  const group = m === null ? undefined : DIP3_GROUP_BY_SUFFIX[m[3] ?? ''];
  if (m === null || group === undefined) {
    return {
      ok: false,
      issues: [
        issue('notation.malformed', `malformed DIP 3.0 comprehensive key ${excerpt(raw)}`, {
          messageZh: `DIP 3.0 综合病种编码格式错误：${excerpt(raw)}`,
          expected: 'category, optional + or *, then -1..-4 (A09-4, A17+-1, G01*-1)',
          received: excerpt(raw),
        }),
      ],
    };
  }
  const category = normalizeDiagnosisCode(m[1] ?? '');
  const mark = m[2] === '' ? undefined : m[2] === '*' ? 'asterisk' : 'dagger';
  return { ok: true, value: mark === undefined ? { category, group } : { category, mark, group } };
}
