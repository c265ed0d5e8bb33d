import { parsePingdingshanCode } from '../catalog/notation/pingdingshan.js';
import { COMPREHENSIVE_GROUP_CODE } from '../catalog/types.js';
import { icd10Chapter } from '../codes/normalize.js';
/**
 * The generator's view of a Pingdingshan 2025 packet code (DIP-RULES.md §3.3–§3.4; source: Pingdingshan 2025
 * catalog, sheets `目录` and `中间结果`): a thin adapter over the catalog module's `parsePingdingshanCode` and the codes
 * module's `icd10Chapter`, so the grammar and the chapter table live in one place.
 *
 * @module
 */

/** Comprehensive / fallback group suffixes (DIP-RULES.md §3.6): 手术, 治疗性操作, 诊断性操作, 保守治疗. */
export type ProcedureGroup = 'SS' | 'ZLXCZ' | 'ZDXCZ' | 'BSZL';


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
  const r = parsePingdingshanCode(code);
  if (!r.ok) return undefined;
  const v = r.value;
  if (v.shape === 'fallback') {
    if (v.fallbackType === 'blankPacket') return { kind: 'blank', code };
    if (v.fallbackType !== 'chapterPacket' || v.chapter === undefined || v.group === undefined) return undefined;
    return { kind: 'chapter', code, chapter: Number(v.chapter), group: COMPREHENSIVE_GROUP_CODE[v.group] };
  }
  if (v.shape === 'comprehensive') {
    if (v.dx.kind !== 'category') return undefined;
    return { kind: 'comprehensive', code, category: v.dx.key, group: COMPREHENSIVE_GROUP_CODE[v.group] };
  }
  if (v.dx.kind !== 'subcategory') return undefined;
  const related = v.related.map((g) => g[0]?.code ?? '');
  const main = v.main[0]?.code;
  return main === undefined ? { kind: 'core', code, dxKey: v.dx.key, related } : { kind: 'core', code, dxKey: v.dx.key, main, related };
}

/**
 * ICD-10 chapter number (1–22) of a 3-character category, by range (D and H are split): the codes module's
 * `icd10Chapter` as a number.
 */
export function icdChapter(category: string): number | undefined {
  const ch = icd10Chapter(category.slice(0, 3));
  return ch === undefined ? undefined : Number(ch);
}
