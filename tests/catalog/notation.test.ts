import { describe, expect, it } from 'vitest';
import {
  parseCommaAll,
  parseDip3ComprehensiveKey,
  parseDip3Diagnosis,
  parseDip3Procedures,
  parsePingdingshanCode,
  parsePlusSlash,
  parseProcedureRef,
  splitMainRelated,
} from '../../src/catalog/notation/index.js';

const p = (code: string, isShort = false) => ({ code, isShort });

describe('Pingdingshan packet codes (DIP-RULES §3.3)', () => {
  it('DX5 is a conservative core packet', () => {
    expect(parsePingdingshanCode('A03.9')).toEqual({
      ok: true,
      value: { shape: 'core', code: 'A03.9', dx: { kind: 'subcategory', key: 'A03.9' }, main: [], related: [] },
    });
  });
  it('DX5:MAIN', () => {
    expect(parsePingdingshanCode('E07.9:06.3102')).toEqual({
      ok: true,
      value: { shape: 'core', code: 'E07.9:06.3102', dx: { kind: 'subcategory', key: 'E07.9' }, main: [p('06.3102')], related: [] },
    });
  });
  it('DX5:MAIN_REL', () => {
    const r = parsePingdingshanCode('N18.5:38.9502_39.9500');
    expect(r.ok && r.value.main).toEqual([p('38.9502')]);
    expect(r.ok && r.value.related).toEqual([[p('39.9500')]]);
  });
  it('DX5:MAIN_REL+REL: + is AND, one group per related code', () => {
    const r = parsePingdingshanCode('C34.1:32.4100_33.3903+40.5914');
    expect(r).toEqual({
      ok: true,
      value: {
        shape: 'core',
        code: 'C34.1:32.4100_33.3903+40.5914',
        dx: { kind: 'subcategory', key: 'C34.1' },
        main: [p('32.4100')],
        related: [[p('33.3903')], [p('40.5914')]],
      },
    });
  });
  it('normalises the one upper-case code', () => {
    const r = parsePingdingshanCode('C56.X:68.4901_40.5910+54.4x00x007+65.6100');
    expect(r.ok && r.value.code).toBe('C56.x:68.4901_40.5910+54.4x00x007+65.6100');
    expect(r.ok && r.value.dx).toEqual({ kind: 'subcategory', key: 'C56.x' });
    expect(r.ok && r.value.related.length).toBe(3);
  });
  it('folds full-width punctuation and white space', () => {
    const r = parsePingdingshanCode(' Ａ０９．９：４４．１３００Ｘ００１＿４５．２３０２ ');
    expect(r.ok && r.value.code).toBe('A09.9:44.1300x001_45.2302');
  });
  it('normalises upper-case X in procedures', () => {
    const r = parsePingdingshanCode('A09.9:44.1300X001');
    expect(r.ok && r.value.code).toBe('A09.9:44.1300x001');
  });
  it.each([
    ['E11:SS', 'surgery'],
    ['E11:ZLXCZ', 'therapeutic'],
    ['E11:ZDXCZ', 'diagnostic'],
    ['E11:BSZL', 'conservative'],
  ])('DX3:GROUP %s', (code, group) => {
    expect(parsePingdingshanCode(code)).toEqual({
      ok: true,
      value: { shape: 'comprehensive', code, group, dx: { kind: 'category', key: 'E11' }, main: [], related: [] },
    });
  });
  it('CPnn:GROUP and KBBZ are fallback packets', () => {
    expect(parsePingdingshanCode('CP09:SS')).toEqual({
      ok: true,
      value: {
        shape: 'fallback', code: 'CP09:SS', fallbackType: 'chapterPacket', chapter: '09', group: 'surgery',
        dx: { kind: 'set', items: [{ kind: 'range', from: 'I00', to: 'I99' }] }, main: [], related: [],
      },
    });
    const r = parsePingdingshanCode('CP03:BSZL');
    expect(r.ok && r.value.dx).toEqual({ kind: 'set', items: [{ kind: 'range', from: 'D50', to: 'D89' }] });
    expect(parsePingdingshanCode('KBBZ')).toEqual({
      ok: true,
      value: { shape: 'fallback', code: 'KBBZ', fallbackType: 'blankPacket', dx: { kind: 'any' }, main: [], related: [] },
    });
  });
  it.each(['', 'E11', 'E11:XX', 'CP23:SS', 'CP09', 'K35.3:', 'K35.3:47.0100_', 'K35.3:47.0100+47.0200', 'K35.3:K35.3', 'K3:SS', 'K35.3:47.0100_33.39++40.59'])(
    'malformed %j yields issues, no exception',
    (code) => {
      const r = parsePingdingshanCode(code);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.issues.length).toBeGreaterThan(0);
        expect(r.issues.every((i) => i.severity === 'error' && i.code.startsWith('notation.'))).toBe(true);
      }
    },
  );
});

describe('slash/plus (Hubei 2023), comma (Jining/Tai\'an), DIP 3.0', () => {
  it('A/B is any-of', () => {
    expect(parsePlusSlash('37.5100/37.5100x001')).toEqual({ ok: true, value: [[p('37.5100'), p('37.5100x001')]] });
  });
  it('X+Y/Z: every + segment required, a segment may be any-of', () => {
    expect(parsePlusSlash('47.0100+54.2100/54.2101')).toEqual({ ok: true, value: [[p('47.0100')], [p('54.2100'), p('54.2101')]] });
    expect(splitMainRelated([[p('47.0100')], [p('54.2100'), p('54.2101')]])).toEqual({ main: [p('47.0100')], related: [[p('54.2100'), p('54.2101')]] });
  });
  it('short codes are flagged for prefix matching', () => {
    expect(parsePlusSlash('47.0/47.01')).toEqual({ ok: true, value: [[p('47.0', true), p('47.01', true)]] });
    expect(parseProcedureRef('４７．０１００')).toEqual({ ok: true, value: p('47.0100') });
  });
  it('A,B is all-of', () => {
    expect(parseCommaAll('33.3903,40.5914')).toEqual({ ok: true, value: [[p('33.3903')], [p('40.5914')]] });
    expect(parseCommaAll('33.3903，40.5914')).toEqual({ ok: true, value: [[p('33.3903')], [p('40.5914')]] });
  });
  it('DIP 3.0 | is any-of, + inside one alternative is all-of', () => {
    expect(parseDip3Procedures('21.0300x003|21.0300x004|21.0302')).toEqual({ ok: true, value: [[p('21.0300x003'), p('21.0300x004'), p('21.0302')]] });
    expect(parseDip3Procedures('96.7201+39.9500x007')).toEqual({ ok: true, value: [[p('96.7201')], [p('39.9500x007')]] });
    expect(parseDip3Procedures('33.6x00')).toEqual({ ok: true, value: [[p('33.6x00')]] });
  });
  it('DIP 3.0 diagnoses: 所有诊断, ranges, dagger/asterisk categories, lists', () => {
    expect(parseDip3Diagnosis('所有诊断')).toEqual({ ok: true, value: { kind: 'any' } });
    expect(parseDip3Diagnosis('C00-C75')).toEqual({ ok: true, value: { kind: 'set', items: [{ kind: 'range', from: 'C00', to: 'C75' }] } });
    expect(parseDip3Diagnosis('A00-C50')).toEqual({ ok: true, value: { kind: 'set', items: [{ kind: 'range', from: 'A00', to: 'C50' }] } });
    expect(parseDip3Diagnosis('A17+')).toEqual({ ok: true, value: { kind: 'category', key: 'A17', mark: 'dagger' } });
    expect(parseDip3Diagnosis('G01*')).toEqual({ ok: true, value: { kind: 'category', key: 'G01', mark: 'asterisk' } });
    expect(parseDip3Diagnosis('K35.3')).toEqual({ ok: true, value: { kind: 'subcategory', key: 'K35.3' } });
    expect(parseDip3Diagnosis('P07')).toEqual({ ok: true, value: { kind: 'category', key: 'P07' } });
    expect(parseDip3Diagnosis('C91-C95|C81|C3|U84.300')).toEqual({
      ok: true,
      value: {
        kind: 'set',
        items: [
          { kind: 'range', from: 'C91', to: 'C95' },
          { kind: 'prefix', prefix: 'C81' },
          { kind: 'prefix', prefix: 'C3' },
          { kind: 'code', code: 'U84.300' },
        ],
      },
    });
  });
  it('DIP 3.0 comprehensive keys: + before - is a dagger mark, not AND', () => {
    expect(parseDip3ComprehensiveKey('A17+-1')).toEqual({ ok: true, value: { category: 'A17', mark: 'dagger', group: 'conservative' } });
    expect(parseDip3ComprehensiveKey('G01*-1')).toEqual({ ok: true, value: { category: 'G01', mark: 'asterisk', group: 'conservative' } });
    expect(parseDip3ComprehensiveKey('A09-4')).toEqual({ ok: true, value: { category: 'A09', group: 'surgery' } });
    expect(parseDip3ComprehensiveKey('I25-4')).toEqual({ ok: true, value: { category: 'I25', group: 'surgery' } });
  });
  it.each([
    ['plusSlash', () => parsePlusSlash('47.0100++54.21')],
    ['plusSlash bad code', () => parsePlusSlash('47.0100/K35.3')],
    ['plusSlash empty alternative', () => parsePlusSlash('47.0100/')],
    ['commaAll', () => parseCommaAll('33.3903,,40.5914')],
    ['dip3 mixed', () => parseDip3Procedures('96.7201+39.9500|38.95')],
    ['dip3 bad code', () => parseDip3Procedures('96.7201|abc')],
    ['dip3 reversed range', () => parseDip3Diagnosis('C75-C00')],
    ['dip3 empty dx', () => parseDip3Diagnosis('')],
    ['dip3 bad dx', () => parseDip3Diagnosis('C00-C75|47.01')],
    ['dip3 key suffix', () => parseDip3ComprehensiveKey('A09-5')],
    ['dip3 key shape', () => parseDip3ComprehensiveKey('A09:SS')],
  ])('malformed %s → issues', (_name, run) => {
    const r = run();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toMatch(/^notation\./);
  });
});
