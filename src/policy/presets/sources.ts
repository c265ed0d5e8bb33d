import type { PolicySource } from '../schema.js';

/**
 * Source documents the presets cite, keyed as in the presets' `sources` (short names of DIP-RULES.md §0.3,
 * full references in §11).
 *
 * @example
 * ```ts
 * SOURCE_LIBRARY.dip3Draft.document   // '国家医疗保障按病种分值(DIP)付费 3.0 版技术规范（征求意见稿）(2026)'
 * ```
 */
export const SOURCE_LIBRARY = {
  dip3Draft: {
    document: '国家医疗保障按病种分值(DIP)付费 3.0 版技术规范（征求意见稿）(2026)',
    note: 'DIP-RULES.md short name "DIP 3.0 draft"; restates 2.0 and 1.0 facts',
    url: 'https://github.com/LQ-karl/DIP-3.0/blob/a0f2a344b75644727d282ee03009446694b84450/docs/dip3_full_text.txt',
  },
  interimMeasures2025: {
    document: '医疗保障按病种付费管理暂行办法（医保发〔2025〕18号）',
    note: 'DIP-RULES.md short name "2025 Interim Measures"; appended to the DIP 3.0 draft',
  },
  handlingRules2025: {
    document: '按病种付费医疗保障经办管理规程（2025 版）',
    note: 'DIP-RULES.md short name "2025 Handling Rules"; appended to the DIP 3.0 draft',
  },
  dip1Summary: {
    document: '恒健知行《按病种分值付费（DIP）技术规范的核心概念》(2025-12-26), summarising 医保办发〔2020〕50号',
    note: 'DIP-RULES.md short name "DIP 1.0 spec (summary)"',
    url: 'https://mp.weixin.qq.com/s/KgtauQtw8CC-jzt-8HRyxA',
  },
  hubei2023Code: {
    document: 'Node-DIP 0.12.0 (2023-07-06), region strategies of 宜昌 420500, 襄阳 420600, 荆门 420800, 孝感 420900, 荆州 421000, 咸宁 421200',
    section: 'src/service/dip/utils/region.base.service.ts, region.4205*.ts–region.4212*.ts',
    note: 'DIP-RULES.md short name "Hubei 2023 code"',
    url: 'https://github.com/pengzhen-developer/Node-DIP/tree/87363b939550262ef8f59ad0da7a318f611cc03a',
  },
  jining2023Code: {
    document: 'Node-DIP 0.12.0 (2023-07-06), region strategy of 济宁 370800',
    section: 'src/service/dip/utils/region.370800.ts',
    note: 'DIP-RULES.md short name "Jining 2023 code"',
    url: 'https://github.com/pengzhen-developer/Node-DIP/tree/87363b939550262ef8f59ad0da7a318f611cc03a',
  },
  taian2023Code: {
    document: "Node-DIP 0.12.0 (2023-07-06), region strategy of 泰安 370900",
    section: 'src/service/dip/utils/region.370900.ts',
    note: "DIP-RULES.md short name \"Tai'an 2023 code\"",
    url: 'https://github.com/pengzhen-developer/Node-DIP/tree/87363b939550262ef8f59ad0da7a318f611cc03a',
  },
  pingdingshanCatalog2025: {
    document: '平顶山2025年DIP2.0分组目录库.xlsx (sheets 目录, 中间结果)',
    note: 'DIP-RULES.md short name "Pingdingshan 2025 catalog"; copied to fixtures/pingdingshan-2025-dip2/',
    url: 'https://github.com/atraa321/Hospital-Department-Operations-Dashboard/tree/060fec6544da688badffe867832930a6363f2949/基础数据',
  },
  pingdingshanGrouper: {
    document: 'third-party Pingdingshan DIP lookup and grouping code (not an official grouper)',
    section: 'backend/app/services/dip_service.py',
    note: 'DIP-RULES.md short name "Pingdingshan third-party grouper"',
    url: 'https://github.com/atraa321/Hospital-Department-Operations-Dashboard',
  },
  cityPresetsPage: {
    document: 'DIP 2.0 grouper page with 梅州 / 厦门 / 连云港 parameter presets',
    note: 'DIP-RULES.md short name "City presets page"; low reliability, values unverified',
  },
  engineDefaults: {
    document: 'dip-engine defaults (DIP-RULES.md: "no published source found; make it configurable")',
    note: 'values in `assumed` are engine defaults, not published rules',
  },
} as const satisfies Record<string, PolicySource>;

export type SourceKey = keyof typeof SOURCE_LIBRARY;

/** Pick the named sources for a preset's `sources` map. */
export function pickSources(...keys: SourceKey[]): Record<string, PolicySource> {
  const out: Record<string, PolicySource> = {};
  for (const k of keys) out[k] = { ...SOURCE_LIBRARY[k] };
  return out;
}
