/**
 * Code normalisation for ICD-10 医保版 2.0 diagnoses and ICD-9-CM-3 医保版 2.0 procedures
 * (编码规范化, DIP-RULES.md §3.5; sources: Code lists, Pingdingshan 2025 catalog, DIP 3.0 draft ch. 3).
 *
 * Every function here is pure and total: a string that is not a code comes back normalised as far as
 * the rules go (trimmed, full-width folded), never as an exception. Use the shape predicates to decide
 * whether the result is acceptable.
 *
 * @module
 */

/** Options for {@link normalizeDiagnosisCode} and {@link normalizeProcedureCode}. */
export interface NormalizeOptions {
  /**
   * Fold full-width characters (U+FF01–U+FF5E, e.g. `４７．０９０１`, `＋`, `，`, `；`) and the ideographic
   * space to ASCII. No published source; configurable, default `true` (DIP-RULES.md §3.5).
   */
  readonly fullWidth?: boolean;
  /**
   * Insert a missing dot: after character 3 for ICD-10 (`K353` → `K35.3`), after character 2 for
   * ICD-9-CM-3 (`470100` → `47.0100`). No published source; configurable, default `true` (DIP-RULES.md §3.5).
   */
  readonly insertDot?: boolean;
}

/**
 * Fold full-width ASCII (U+FF01–U+FF5E) and the ideographic space (U+3000) to their ASCII forms.
 *
 * @example
 * ```ts
 * foldFullWidth('４７．０９０１'); // '47.0901'
 * ```
 */
export function foldFullWidth(raw: string): string {
  let out = '';
  for (const ch of raw) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCodePoint(cp - 0xfee0);
    else if (cp === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

function prepare(raw: string, options: NormalizeOptions): string {
  const s = options.fullWidth === false ? raw : foldFullWidth(raw);
  // Internal whitespace inside a code is never meaningful (`K35. 3`): remove it all.
  return s.replace(/\s+/gu, '');
}

/** Normalise one ICD-10 token (no dagger mark inside; may end in `*`). */
function normalizeDxToken(token: string, insertDot: boolean): string {
  if (token === '') return token;
  const star = token.endsWith('*');
  let body = star ? token.slice(0, -1) : token;
  body = body.toUpperCase();
  // ICD-10: position 0 is the chapter letter (may itself be X: X59.900); every later X is the 医保版 `x`.
  body = body.slice(0, 1) + body.slice(1).replace(/X/gu, 'x');
  if (insertDot && !body.includes('.') && body.length > 3 && /^[A-Z]\d\d/u.test(body)) {
    body = `${body.slice(0, 3)}.${body.slice(3)}`;
  }
  return star ? `${body}*` : body;
}

/**
 * Normalise an ICD-10 医保版 diagnosis code (DIP-RULES.md §3.5; Code lists, Pingdingshan 2025 catalog):
 * trim and drop whitespace, fold full-width characters, upper-case position 0 (the chapter letter, which can
 * itself be `X`), lower-case every later `X`, insert a missing dot after character 3. A dagger pair keeps
 * both parts, each normalised, joined by `+` (`†` becomes `+`); use {@link splitDaggerPair} to take it apart.
 *
 * @example
 * ```ts
 * normalizeDiagnosisCode(' a86.X ');            // 'A86.x'
 * normalizeDiagnosisCode('X59.900');            // 'X59.900'
 * normalizeDiagnosisCode('K353');               // 'K35.3'
 * normalizeDiagnosisCode('A01.000X005†J17.0*'); // 'A01.000x005+J17.0*'
 * ```
 */
export function normalizeDiagnosisCode(raw: string, options: NormalizeOptions = {}): string {
  const s = prepare(raw, options).replace(/†/gu, '+');
  const insertDot = options.insertDot !== false;
  return s
    .split('+')
    .map((t) => normalizeDxToken(t, insertDot))
    .join('+');
}

/**
 * Normalise an ICD-9-CM-3 医保版 procedure code (DIP-RULES.md §3.5; Code lists): trim and drop whitespace,
 * fold full-width characters, upper-case letters, then lower-case every `X` (医保版 `x` extensions; the other
 * letters of codes like `17.912A0` stay upper-case), insert a missing dot after character 2.
 *
 * @example
 * ```ts
 * normalizeProcedureCode('44.1300X001'); // '44.1300x001'
 * normalizeProcedureCode('４７．０９０１'); // '47.0901'
 * normalizeProcedureCode('470100');      // '47.0100'
 * ```
 */
export function normalizeProcedureCode(raw: string, options: NormalizeOptions = {}): string {
  let s = prepare(raw, options).toUpperCase().replace(/X/gu, 'x');
  if (options.insertDot !== false && !s.includes('.') && s.length > 2 && /^\d\d[0-9x]/u.test(s)) {
    s = `${s.slice(0, 2)}.${s.slice(2)}`;
  }
  return s;
}

/** A diagnosis split into its dagger (principal) part and its optional asterisk (manifestation) part. */
export interface DaggerPair {
  /** The code before the dagger mark: the code used for grouping. */
  readonly principal: string;
  /** The asterisk code (`J17.0*`), kept as a secondary diagnosis; absent when the input is a single code. */
  readonly asterisk?: string;
}

/**
 * Split a 医保版 2.0 dagger/asterisk pair (剑号/星号, DIP-RULES.md §3.5; Code lists). Accepts `+` or `†` as the
 * dagger mark. The input is normalised with {@link normalizeDiagnosisCode} first.
 *
 * @example
 * ```ts
 * splitDaggerPair('A01.000x005+J17.0*'); // { principal: 'A01.000x005', asterisk: 'J17.0*' }
 * splitDaggerPair('A01.002†G01*');       // { principal: 'A01.002', asterisk: 'G01*' }
 * splitDaggerPair('K35.300');            // { principal: 'K35.300' }
 * ```
 */
export function splitDaggerPair(raw: string, options: NormalizeOptions = {}): DaggerPair {
  const s = normalizeDiagnosisCode(raw, options);
  const at = s.indexOf('+');
  if (at < 0) return { principal: s };
  const principal = s.slice(0, at);
  const asterisk = s.slice(at + 1);
  return asterisk === '' ? { principal } : { principal, asterisk };
}

/**
 * Subcategory key (亚目, "主要诊断 4 位码"): the first 5 characters of the principal code
 * (DIP-RULES.md §3.5; DIP 3.0 draft ch. 3). Expects a normalised code; a dagger pair uses its principal part.
 *
 * @example
 * ```ts
 * dxSubcategory('K35.300x001'); // 'K35.3'
 * dxSubcategory('A86.x00');     // 'A86.x'
 * ```
 */
export function dxSubcategory(code: string): string {
  return daggerHead(code).slice(0, 5);
}

/**
 * Category key (类目, "前 3 位"): the first 3 characters (DIP-RULES.md §3.5; DIP 3.0 draft glossary 5).
 *
 * @example
 * ```ts
 * dxCategory('K35.300x001'); // 'K35'
 * ```
 */
export function dxCategory(code: string): string {
  return daggerHead(code).slice(0, 3);
}

function daggerHead(code: string): string {
  const at = code.search(/[+†]/u);
  return at < 0 ? code : code.slice(0, at);
}

/** ICD-10 chapter ranges by 3-character category (DIP-RULES.md §3.4; Pingdingshan 2025 catalog, DIP 3.0 draft). */
export const ICD10_CHAPTERS: readonly { readonly chapter: string; readonly from: string; readonly to: string }[] = [
  { chapter: '01', from: 'A00', to: 'B99' },
  { chapter: '02', from: 'C00', to: 'D48' },
  { chapter: '03', from: 'D50', to: 'D89' },
  { chapter: '04', from: 'E00', to: 'E90' },
  { chapter: '05', from: 'F00', to: 'F99' },
  { chapter: '06', from: 'G00', to: 'G99' },
  { chapter: '07', from: 'H00', to: 'H59' },
  { chapter: '08', from: 'H60', to: 'H95' },
  { chapter: '09', from: 'I00', to: 'I99' },
  { chapter: '10', from: 'J00', to: 'J99' },
  { chapter: '11', from: 'K00', to: 'K93' },
  { chapter: '12', from: 'L00', to: 'L99' },
  { chapter: '13', from: 'M00', to: 'M99' },
  { chapter: '14', from: 'N00', to: 'N99' },
  { chapter: '15', from: 'O00', to: 'O99' },
  { chapter: '16', from: 'P00', to: 'P96' },
  { chapter: '17', from: 'Q00', to: 'Q99' },
  { chapter: '18', from: 'R00', to: 'R99' },
  { chapter: '19', from: 'S00', to: 'T98' },
  { chapter: '20', from: 'V01', to: 'Y98' },
  { chapter: '21', from: 'Z00', to: 'Z99' },
  { chapter: '22', from: 'U00', to: 'U99' },
];

/**
 * ICD-10 chapter (章, '01'..'22') of a category by its 3-character range — never by first letter, since D and H
 * are split (DIP-RULES.md §3.4; Pingdingshan 2025 catalog `CPnn` numbering, inferred). Longer codes use their
 * first 3 characters. Returns `undefined` outside every range (e.g. `D49`, `T99`) or for a non-code.
 *
 * @example
 * ```ts
 * icd10Chapter('D50'); // '03'
 * icd10Chapter('H60'); // '08'
 * icd10Chapter('D49'); // undefined
 * ```
 */
export function icd10Chapter(category: string): string | undefined {
  const c = dxCategory(category).toUpperCase();
  if (!/^[A-Z]\d\d$/u.test(c)) return undefined;
  for (const ch of ICD10_CHAPTERS) if (c >= ch.from && c <= ch.to) return ch.chapter;
  return undefined;
}

/**
 * Shape of a normalised ICD-10 医保版 code or key: category (`K35`), subcategory (`K35.3`, `A86.x`), full code
 * (`A00.000`, `A86.x00`, `A00.000x001`), optionally ending in `*` (asterisk code) or a dagger pair of two such
 * codes (DIP-RULES.md §3.5; Code lists).
 *
 * @example
 * ```ts
 * isDiagnosisCodeShape('A01.000x005+J17.0*'); // true
 * isDiagnosisCodeShape('47.0100');            // false
 * ```
 */
export function isDiagnosisCodeShape(code: string): boolean {
  const token = /^[A-Z]\d\d(\.[0-9x]{1,3}(x\d{3})?)?\*?$/u;
  const parts = code.split('+');
  if (parts.length > 2) return false;
  const [head, tail] = parts;
  if (head === undefined || !token.test(head)) return false;
  return tail === undefined || (token.test(tail) && tail.endsWith('*'));
}

/**
 * Shape of a normalised ICD-9-CM-3 医保版 code: 2 digits, optionally a dot and 1–5 further characters
 * (digits, `x`, or an upper-case letter in TCM codes like `17.912A0`), optionally an `x` extension of 3–4
 * digits (`00.0200x001`). Short codes (`47`, `47.0`, `47.01`) pass: catalogs may use them as prefixes
 * (DIP-RULES.md §3.3, §3.5; Code lists, Hubei 2023 code).
 *
 * @example
 * ```ts
 * isProcedureCodeShape('00.0200x001'); // true
 * isProcedureCodeShape('K35.3');       // false
 * ```
 */
export function isProcedureCodeShape(code: string): boolean {
  return /^\d\d(\.[0-9x][0-9xA-Z]{0,4}(x\d{3,4})?)?$/u.test(code);
}
