/**
 * A small private parser of the Pingdingshan 2025 packet-code grammar (DIP-RULES.md §3.3–§3.4; source:
 * Pingdingshan 2025 catalog, sheets `目录` and `中间结果`), used only by the synthetic generator.
 *
 * TODO: replace with the catalog module's notation parser (`src/catalog/notation`) once it lands; this
 * one exists so the generator does not depend on work in progress.
 *
 * @module
 */

/** Comprehensive / fallback group suffixes (DIP-RULES.md §3.6): 手术, 治疗性操作, 诊断性操作, 保守治疗. */
export type ProcedureGroup = 'SS' | 'ZLXCZ' | 'ZDXCZ' | 'BSZL';

const GROUPS: ReadonlySet<string> = new Set(['SS', 'ZLXCZ', 'ZDXCZ', 'BSZL']);

/** A parsed packet code. Codes are normalised: ICD-10 keys keep position 0 upper-case and lower-case every later `x`; ICD-9-CM-3 codes are lower-case `x`. */
export type ParsedPacketCode =
  | { readonly kind: 'core'; readonly code: string; readonly dxKey: string; readonly main?: string; readonly related: readonly string[] }
  | { readonly kind: 'comprehensive'; readonly code: string; readonly category: string; readonly group: ProcedureGroup }
  | { readonly kind: 'chapter'; readonly code: string; readonly chapter: number; readonly group: ProcedureGroup }
  | { readonly kind: 'blank'; readonly code: string };

/** ICD-10 key normalisation: upper-case first character, lower-case every later `X` (DIP-RULES.md §3.5). */
export function normalizeDxKey(s: string): string {
  const t = s.trim();
  return t.slice(0, 1).toUpperCase() + t.slice(1).replace(/X/g, 'x');
}

/** ICD-9-CM-3 normalisation: lower-case every `X` (DIP-RULES.md §3.5). */
export function normalizeProcCode(s: string): string {
  return s.trim().replace(/X/g, 'x');
}

/**
 * Parse a Pingdingshan packet code: `DX5`, `DX5:MAIN`, `DX5:MAIN_REL(+REL)*`, `DX3:GROUP`, `CPnn:GROUP`,
 * `KBBZ`. Returns `undefined` for anything else.
 *
 * @example
 * ```ts
 * parsePacketCode('C34.1:32.4100_33.3903+40.5914');
 * // { kind: 'core', code: 'C34.1:32.4100_33.3903+40.5914', dxKey: 'C34.1', main: '32.4100', related: ['33.3903', '40.5914'] }
 * parsePacketCode('E11:SS');  // { kind: 'comprehensive', code: 'E11:SS', category: 'E11', group: 'SS' }
 * parsePacketCode('CP09:SS'); // { kind: 'chapter', code: 'CP09:SS', chapter: 9, group: 'SS' }
 * ```
 */
export function parsePacketCode(raw: string): ParsedPacketCode | undefined {
  const code = raw.trim();
  if (code === 'KBBZ') return { kind: 'blank', code };
  const colon = code.indexOf(':');
  const head = colon === -1 ? code : code.slice(0, colon);
  const tail = colon === -1 ? '' : code.slice(colon + 1);
  const cp = /^CP(\d\d)$/.exec(head);
  if (cp !== null && GROUPS.has(tail)) return { kind: 'chapter', code, chapter: Number(cp[1]), group: tail as ProcedureGroup };
  if (/^[A-Z]\d\d$/i.test(head) && GROUPS.has(tail)) return { kind: 'comprehensive', code, category: normalizeDxKey(head), group: tail as ProcedureGroup };
  if (!/^[A-Z]\d\d\.[0-9xX]$/i.test(head)) return undefined;
  const dxKey = normalizeDxKey(head);
  if (colon === -1) return { kind: 'core', code, dxKey, related: [] };
  const [main, rel] = splitOnce(tail, '_');
  if (main === '' || rel === '') return undefined;
  const related = rel === undefined ? [] : rel.split('+').map(normalizeProcCode);
  if (related.some((r) => r === '')) return undefined;
  return { kind: 'core', code, dxKey, main: normalizeProcCode(main), related };
}

function splitOnce(s: string, sep: string): [string, string?] {
  const i = s.indexOf(sep);
  return i === -1 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}

/**
 * The ICD-10 chapter number (1–22) of a 3-character category, by range as in DIP-RULES.md §3.4
 * (D and H are split between chapters; U is chapter 22). `undefined` for a category outside every range.
 *
 * @example
 * ```ts
 * icdChapter('D50'); // 3
 * icdChapter('H65'); // 8
 * ```
 */
export function icdChapter(category: string): number | undefined {
  const c = category.slice(0, 3).toUpperCase();
  for (const [n, lo, hi] of CHAPTERS) if (c >= lo && c <= hi) return n;
  return undefined;
}

const CHAPTERS: readonly (readonly [number, string, string])[] = [
  [1, 'A00', 'B99'], [2, 'C00', 'D48'], [3, 'D50', 'D89'], [4, 'E00', 'E90'], [5, 'F00', 'F99'], [6, 'G00', 'G99'],
  [7, 'H00', 'H59'], [8, 'H60', 'H95'], [9, 'I00', 'I99'], [10, 'J00', 'J99'], [11, 'K00', 'K93'], [12, 'L00', 'L99'],
  [13, 'M00', 'M99'], [14, 'N00', 'N99'], [15, 'O00', 'O99'], [16, 'P00', 'P96'], [17, 'Q00', 'Q99'], [18, 'R00', 'R99'],
  [19, 'S00', 'T98'], [20, 'V01', 'Y98'], [21, 'Z00', 'Z99'], [22, 'U00', 'U99'],
];
