import { describe, expect, it } from 'vitest';
import { mapHeader, normalizeHeaderName } from '../../src/io/index.js';
import { RECORD_COLUMN_ALIASES, RECORD_COLUMNS } from '../../src/records/index.js';

describe('mapHeader', () => {
  it('maps canonical names case-insensitively and every Chinese alias', () => {
    const { mapping, issues } = mapHeader(['CASE_ID', ' 定点医疗机构代码 ', '年龄（天）', 'Total_Cost'], RECORD_COLUMN_ALIASES);
    expect(issues).toEqual([]);
    expect([...mapping.columns.entries()]).toEqual([
      ['case_id', 0],
      ['hospital_id', 1],
      ['age_days', 2],
      ['total_cost', 3],
    ]);
    expect(mapping.width).toBe(4);
  });

  it('every alias of every column maps back to its column', () => {
    for (const c of RECORD_COLUMNS) {
      for (const alias of [c, ...RECORD_COLUMN_ALIASES[c]]) {
        expect(mapHeader([alias], RECORD_COLUMN_ALIASES).mapping.columns.get(c)).toBe(0);
      }
    }
  });

  it('reports unknown columns once, duplicates and missing required columns as errors', () => {
    const { issues } = mapHeader(['住院号', '病案号', 'x', 'y'], { case_id: ['病案号', '住院号'], total_cost: [] }, { required: ['case_id', 'total_cost'] });
    expect(issues.map((i) => [i.severity, i.code, i.message])).toEqual([
      ['error', 'header.duplicate_column', 'header cells 1 "住院号" and 2 "病案号" both map to column case_id'],
      ['warning', 'header.unknown_column', 'ignoring 2 unknown column(s): "x", "y"'],
      ['error', 'header.missing_required', 'the header lacks required column(s): total_cost; found: "住院号" (case_id), "病案号" (case_id), "x", "y"'],
    ]);
  });

  it('normalises names: BOM, full-width brackets, spaces, case', () => {
    expect(normalizeHeaderName('\uFEFF Case_ID')).toBe('case_id');
    expect(normalizeHeaderName('年龄（天）')).toBe('年龄(天)');
  });
});
