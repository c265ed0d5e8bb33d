import { excerpt, issue } from '../../core/issue.js';
import type { Issue, Result } from '../../core/issue.js';
import { normalizeDiagnosisCode } from '../../codes/normalize.js';
import { foldFullWidth, ICD10_CHAPTERS } from '../../codes/normalize.js';
import { COMPREHENSIVE_GROUP_BY_CODE } from '../types.js';
import type { ComprehensiveGroup, ComprehensiveGroupCode, DxMatcher, FallbackType, PacketRequirement, ProcedureRef } from '../types.js';
import { parseProcedureList } from './procedureRef.js';

/**
 * A parsed Pingdingshan packet code (DIP-RULES.md §3.3, §3.4; Pingdingshan 2025 catalog): the requirement, the
 * kind it implies and the normalised code.
 */
export type PingdingshanCode =
  | ({ readonly shape: 'core'; readonly code: string } & PacketRequirement)
  | ({ readonly shape: 'comprehensive'; readonly code: string; readonly group: ComprehensiveGroup } & PacketRequirement)
  | ({
      readonly shape: 'fallback';
      readonly code: string;
      readonly fallbackType: FallbackType;
      readonly chapter?: string;
      readonly group?: ComprehensiveGroup;
    } & PacketRequirement);

const SUBCATEGORY = /^[A-Z]\d\d\.[0-9x]$/u;
const CATEGORY = /^[A-Z]\d\d$/u;

function malformed(raw: string, why: string, whyZh: string): { ok: false; issues: Issue[] } {
  return {
    ok: false,
    issues: [
      issue('notation.malformed', `malformed Pingdingshan packet code ${excerpt(raw)}: ${why}`, {
        messageZh: `病种编码格式错误（${whyZh}）：${excerpt(raw)}`,
        expected: 'DX5, DX5:MAIN, DX5:MAIN_REL(+REL)*, DX3:SS|ZLXCZ|ZDXCZ|BSZL, CPnn:GROUP or KBBZ',
        received: excerpt(raw),
      }),
    ],
  };
}

function isGroupCode(s: string): s is ComprehensiveGroupCode {
  return s === 'SS' || s === 'ZLXCZ' || s === 'ZDXCZ' || s === 'BSZL';
}

/** Dx matcher of a chapter packet: the chapter's 3-character range (DIP-RULES.md §3.4). */
export function chapterDxMatcher(chapter: string): DxMatcher {
  const ch = ICD10_CHAPTERS.find((c) => c.chapter === chapter);
  return ch === undefined ? { kind: 'any' } : { kind: 'set', items: [{ kind: 'range', from: ch.from, to: ch.to }] };
}

/**
 * Parse a Pingdingshan 2025 packet code (病种编码) into the internal requirement form (DIP-RULES.md §3.3, §3.4;
 * Pingdingshan 2025 catalog):
 *
 * - `DX5` core conservative, `DX5:MAIN` core with principal procedure, `DX5:MAIN_REL+REL…` with related
 *   procedures (`_` separates main from related, `+` = AND between related procedures, one group each);
 * - `DX3:SS|ZLXCZ|ZDXCZ|BSZL` comprehensive;
 * - `CPnn:GROUP` chapter fallback packet (chapter nn = ICD-10 chapter, inferred), `KBBZ` blank packet.
 *
 * The returned `code` is normalised (`C56.X:…` → `C56.x:…`, `44.1300X001` → `44.1300x001`). Malformed codes yield
 * issues, never exceptions.
 *
 * @example
 * ```ts
 * parsePingdingshanCode('C34.1:32.4100_33.3903+40.5914');
 * // { ok: true, value: { shape: 'core', code: 'C34.1:32.4100_33.3903+40.5914',
 * //   dx: { kind: 'subcategory', key: 'C34.1' }, main: [{ code: '32.4100', isShort: false }],
 * //   related: [[{ code: '33.3903', isShort: false }], [{ code: '40.5914', isShort: false }]] } }
 * parsePingdingshanCode('E11:SS');  // shape 'comprehensive', dx { kind: 'category', key: 'E11' }, group 'surgery'
 * parsePingdingshanCode('CP09:SS'); // shape 'fallback', fallbackType 'chapterPacket', chapter '09'
 * ```
 */
export function parsePingdingshanCode(raw: string): Result<PingdingshanCode> {
  const s = foldFullWidth(raw).replace(/\s+/gu, '');
  if (s === '') return malformed(raw, 'empty', '为空');
  if (s.toUpperCase() === 'KBBZ') {
    return { ok: true, value: { shape: 'fallback', code: 'KBBZ', fallbackType: 'blankPacket', dx: { kind: 'any' }, main: [], related: [] } };
  }
  const colon = s.indexOf(':');
  const head = colon < 0 ? s : s.slice(0, colon);
  const tail = colon < 0 ? undefined : s.slice(colon + 1);
  const cp = /^CP(\d\d)$/iu.exec(head);
  if (cp !== null) {
    const chapter = cp[1] ?? '';
    const groupCode = (tail ?? '').trim().toUpperCase();
    if (!isGroupCode(groupCode)) return malformed(raw, 'chapter packet without SS/ZLXCZ/ZDXCZ/BSZL group', '章节病组缺少分组后缀');
    if (!ICD10_CHAPTERS.some((c) => c.chapter === chapter)) {
      return malformed(raw, `chapter ${chapter} is not 01..22`, `章节 ${chapter} 不在 01..22`);
    }
    return {
      ok: true,
      value: {
        shape: 'fallback',
        code: `CP${chapter}:${groupCode}`,
        fallbackType: 'chapterPacket',
        chapter,
        group: COMPREHENSIVE_GROUP_BY_CODE[groupCode],
        dx: chapterDxMatcher(chapter),
        main: [],
        related: [],
      },
    };
  }
  const dx = normalizeDiagnosisCode(head);
  if (CATEGORY.test(dx)) {
    const groupCode = (tail ?? '').trim().toUpperCase();
    if (!isGroupCode(groupCode)) return malformed(raw, 'a 3-character category needs a :SS|ZLXCZ|ZDXCZ|BSZL group', '类目需带 SS/ZLXCZ/ZDXCZ/BSZL 分组');
    return {
      ok: true,
      value: {
        shape: 'comprehensive',
        code: `${dx}:${groupCode}`,
        group: COMPREHENSIVE_GROUP_BY_CODE[groupCode],
        dx: { kind: 'category', key: dx },
        main: [],
        related: [],
      },
    };
  }
  if (!SUBCATEGORY.test(dx)) return malformed(raw, 'diagnosis part is neither a subcategory (K35.3) nor a category (E11)', '诊断部分既非亚目也非类目');
  const dxMatcher: DxMatcher = { kind: 'subcategory', key: dx };
  if (tail === undefined) return { ok: true, value: { shape: 'core', code: dx, dx: dxMatcher, main: [], related: [] } };
  const underscore = tail.indexOf('_');
  const mainRaw = underscore < 0 ? tail : tail.slice(0, underscore);
  const relRaw = underscore < 0 ? undefined : tail.slice(underscore + 1);
  if (mainRaw.includes('+')) return malformed(raw, '`+` before `_`: related procedures follow the `_`', '“+”应位于“_”之后');
  const mainList = parseProcedureList([mainRaw], raw);
  const relList = relRaw === undefined ? ({ ok: true, value: [] } as const) : parseProcedureList(relRaw.split('+'), raw);
  const issues = [...(mainList.ok ? [] : mainList.issues), ...(relList.ok ? [] : relList.issues)];
  if (!mainList.ok || !relList.ok) return { ok: false, issues };
  const main = mainList.value;
  const related: (readonly ProcedureRef[])[] = relList.value.map((p) => [p]);
  const code = `${dx}:${main.map((p) => p.code).join('')}${related.length > 0 ? `_${related.map((g) => g[0]?.code ?? '').join('+')}` : ''}`;
  return { ok: true, value: { shape: 'core', code, dx: dxMatcher, main, related } };
}
