/**
 * Defensive code normalisation on the grouper's hot path (DIP-RULES.md §3.5). Records arrive normalised from the
 * records layer; these helpers check that with one character scan and call `src/codes` only when the code is not
 * already in canonical form (upper-case `X` after position 0, whitespace, full-width characters, missing dot).
 *
 * @module
 */
import { isDiagnosisCodeShape, normalizeDiagnosisCode, normalizeProcedureCode } from '../codes/index.js';

/** Canonical ICD-9-CM-3 医保版 form already? digits, `.` at index 2, then `[0-9xA-WYZ]`; no upper-case `X`. */
function isCanonicalProcedure(s: string): boolean {
  const n = s.length;
  if (n < 4 || s.charCodeAt(2) !== 46) return false;
  for (let i = 0; i < n; i++) {
    if (i === 2) continue;
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) continue; // 0-9
    if (i < 2) return false;
    if (c === 120) continue; // x
    if (c >= 65 && c <= 90 && c !== 88) continue; // A-Z except X (TCM codes like 17.912A0)
    return false;
  }
  return true;
}

/** Canonical ICD-10 form already? `[A-Z]dd` then `.` and `[0-9x]`, optional `+…`/`*` handled by the slow path. */
function isCanonicalDiagnosis(s: string): boolean {
  const n = s.length;
  if (n < 3) return false;
  const c0 = s.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return false;
  for (let i = 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (i === 3 && c === 46) continue;
    if (i > 3 && c === 120) continue;
    return false;
  }
  return n === 3 || s.charCodeAt(3) === 46;
}

/**
 * Normalise a procedure code (ICD-9-CM-3 医保版: lower-case `x`, inserted dot, full-width folded), cheaply when it
 * is already canonical. Empty or blank input returns `''`.
 *
 * @example
 * ```ts
 * fastProcedureCode('44.1300X001'); // '44.1300x001'
 * ```
 */
export function fastProcedureCode(raw: string): string {
  if (isCanonicalProcedure(raw)) return raw;
  return normalizeProcedureCode(raw);
}

/**
 * Normalise a diagnosis code (ICD-10 医保版: upper-case chapter letter, lower-case later `x`, dagger pairs kept as
 * `A+B*`), cheaply when already canonical.
 *
 * @example
 * ```ts
 * fastDxCode('a86.X00'); // 'A86.x00'
 * ```
 */
export function fastDxCode(raw: string): string {
  if (isCanonicalDiagnosis(raw)) return raw;
  return normalizeDiagnosisCode(raw);
}

const SIMPLE_DX = /^[A-Z]\d\d(?:\.[0-9x]{1,3}(?:x\d{3})?)?$/u;

/**
 * ICD-10 医保版 shape of a normalised principal code (one regex test on the common shapes; the full check of
 * `isDiagnosisCodeShape` otherwise).
 *
 * @example
 * ```ts
 * isDxShape('K35.300x001'); // true
 * isDxShape('47.0100');     // false
 * ```
 */
export function isDxShape(code: string): boolean {
  return SIMPLE_DX.test(code) || isDiagnosisCodeShape(code);
}
