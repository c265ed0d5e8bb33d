/**
 * Char-code helpers of the validation hot path: {@link keptByTrim}, and the normal-form code shapes read in place
 * (`s[a, b)`, no string of its own, no RegExp): {@link isNormalDxAt} and {@link isNormalProcedureAt}. Equal to what
 * they replace (`tests/records/codeShapesV8.test.ts`: every UTF-16 code unit for `trim()`; random and exhaustive
 * short strings over the codes' alphabet for the RegExps).
 *
 * @module
 */

/**
 * True when `trim()` keeps a character `c` at an end of a cell: not a control character or space (≤ 32) and not one
 * of the other characters ECMAScript's `trim` removes (U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
 * U+205F, U+3000, U+FEFF). So `男`, `职工` or `I63:ZDXCZ` are trimmed already. Checked against `trim()` on every
 * UTF-16 code unit in `tests/records/codeShapesV8.test.ts`.
 *
 * @example
 * ```ts
 * keptByTrim('男'.charCodeAt(0)); // true
 * keptByTrim(0x3000);             // false (ideographic space)
 * ```
 */
export function keptByTrim(c: number): boolean {
  if (c < 127) return c > 32;
  return !(c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}

/** `c` is an ASCII digit. */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `s[i, i + 4)` is `x` and three ASCII digits. */
function isX3(s: string, i: number): boolean {
  return s.charCodeAt(i) === 120 && isDigit(s.charCodeAt(i + 1)) && isDigit(s.charCodeAt(i + 2)) && isDigit(s.charCodeAt(i + 3));
}

/**
 * `/^[A-Z]\d\d(\.[0-9x]{1,3}(x\d{3})?)?\*?$/u.test(s.slice(a, b))`: a normalised ICD-10 医保版 token (the shape
 * `isDiagnosisCodeShape` accepts for one token; such a cell is its own normal form).
 *
 * Why it equals the RegExp without backtracking: a final `*` can only be the optional star; after `[A-Z]\d\d.` the
 * rest has length `L`, and `(x\d{3})?` takes exactly 4 characters at the end, so the split is fixed by `L`: `L` 1–3
 * is `[0-9x]{L}`, `L` 5–7 is `[0-9x]{L−4}` then `x\d{3}`, any other `L` fails.
 *
 * @example
 * ```ts
 * isNormalDxAt('K35.300x001', 0, 11); // true
 * isNormalDxAt('A00.0x001', 0, 9);    // true ('0' then 'x001')
 * isNormalDxAt('k35.3', 0, 5);        // false (lower-case chapter letter)
 * ```
 */
export function isNormalDxAt(s: string, a: number, b: number): boolean {
  let e = b;
  if (e - a >= 1 && s.charCodeAt(e - 1) === 42) e--;
  const n = e - a;
  if (n < 3) return false;
  const c0 = s.charCodeAt(a);
  if (c0 < 65 || c0 > 90 || !isDigit(s.charCodeAt(a + 1)) || !isDigit(s.charCodeAt(a + 2))) return false;
  if (n === 3) return true;
  if (s.charCodeAt(a + 3) !== 46) return false;
  const len = n - 4;
  const head = len <= 3 ? len : len - 4;
  if (head < 1 || head > 3) return false;
  for (let i = a + 4; i < a + 4 + head; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c) && c !== 120) return false;
  }
  return head === len || isX3(s, a + 4 + head);
}

/**
 * `/^\d\d(\.[0-9x][0-9xA-WYZ]{0,4}(x\d{3,4})?)?$/u.test(s.slice(a, b))`: a normalised ICD-9-CM-3 医保版 code without
 * an upper-case `X` (the shape `isProcedureCodeShape` accepts that `normalizeProcedureCode` leaves unchanged).
 *
 * Why it equals the RegExp: after `\d\d.` the rest `T` (length `L`) is a head `[0-9x][0-9xA-WYZ]{0,4}` (1–5
 * characters) then an optional `x\d{3}` or `x\d{4}` at the end. Every prefix (of length ≥ 1) of a valid head is a
 * valid head, so with `m` the longest valid head prefix of `T` (at most 5), `T` matches iff one of the three
 * splits works: the whole of `T` is the head (`L ≤ m`), or the head is `T`'s first `L − 4` characters
 * (`1 ≤ L − 4 ≤ m`) and the rest `x\d{3}`, or the first `L − 5` (`1 ≤ L − 5 ≤ m`) and the rest `x\d{4}`.
 *
 * @example
 * ```ts
 * isNormalProcedureAt('00.0200x001', 0, 11); // true
 * isNormalProcedureAt('17.912A0', 0, 8);     // true
 * isNormalProcedureAt('44.1300X001', 0, 11); // false (upper-case X)
 * ```
 */
export function isNormalProcedureAt(s: string, a: number, b: number): boolean {
  const n = b - a;
  if (n < 2 || !isDigit(s.charCodeAt(a)) || !isDigit(s.charCodeAt(a + 1))) return false;
  if (n === 2) return true;
  if (s.charCodeAt(a + 2) !== 46) return false;
  const t = a + 3;
  const len = b - t;
  if (len < 1) return false;
  const c0 = s.charCodeAt(t);
  if (!isDigit(c0) && c0 !== 120) return false;
  // m: the longest prefix of T that is a valid head (at most 5).
  let m = 1;
  while (m < 5 && m < len) {
    const c = s.charCodeAt(t + m);
    // [0-9xA-WYZ]: a digit, `x`, or an upper-case letter other than `X`.
    if (!(isDigit(c) || c === 120 || (c >= 65 && c <= 90 && c !== 88))) break;
    m++;
  }
  if (len <= m) return true;
  if (len - 4 >= 1 && len - 4 <= m && isX3(s, t + len - 4)) return true;
  return len - 5 >= 1 && len - 5 <= m && isX3(s, t + len - 5) && isDigit(s.charCodeAt(b - 1));
}
