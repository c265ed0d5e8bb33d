import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  dxCategory,
  dxSubcategory,
  icd10Chapter,
  isDiagnosisCodeShape,
  isProcedureCodeShape,
  normalizeDiagnosisCode,
  normalizeProcedureCode,
  splitDaggerPair,
} from '../../src/codes/index.js';

describe('normalizeDiagnosisCode (DIP-RULES §3.5)', () => {
  it.each([
    ['A86.X', 'A86.x'],
    [' a86.x00 ', 'A86.x00'],
    ['X59.900', 'X59.900'],
    ['x59.9X01', 'X59.9x01'],
    ['K353', 'K35.3'],
    ['K35300X001', 'K35.300x001'],
    ['Ｋ３５．３', 'K35.3'],
    ['A01.000X005†J17.0*', 'A01.000x005+J17.0*'],
    ['C56.X', 'C56.x'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeDiagnosisCode(raw)).toBe(expected);
  });

  it('options switch full-width folding and dot insertion off', () => {
    expect(normalizeDiagnosisCode('K353', { insertDot: false })).toBe('K353');
    expect(normalizeDiagnosisCode('Ｋ35.3', { fullWidth: false })).toBe('Ｋ35.3');
  });
});

describe('normalizeProcedureCode (DIP-RULES §3.5)', () => {
  it.each([
    ['44.1300X001', '44.1300x001'],
    ['４７．０９０１', '47.0901'],
    ['470100', '47.0100'],
    ['04.2X05', '04.2x05'],
    ['17.912a0', '17.912A0'],
    [' 54.4x00x007 ', '54.4x00x007'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeProcedureCode(raw)).toBe(expected);
  });
});

describe('dagger pairs, keys, chapters', () => {
  it('splits dagger pairs with + or †', () => {
    expect(splitDaggerPair('A01.000x005+J17.0*')).toEqual({ principal: 'A01.000x005', asterisk: 'J17.0*' });
    expect(splitDaggerPair('A01.002†G01*')).toEqual({ principal: 'A01.002', asterisk: 'G01*' });
    expect(splitDaggerPair('A01.002+G01*').principal).toBe('A01.002');
    expect(splitDaggerPair('K35.300')).toEqual({ principal: 'K35.300' });
  });
  it('takes subcategory and category keys', () => {
    expect(dxSubcategory('K35.300x001')).toBe('K35.3');
    expect(dxSubcategory('A86.x00')).toBe('A86.x');
    expect(dxSubcategory('A01.000x005+J17.0*')).toBe('A01.0');
    expect(dxCategory('K35.300x001')).toBe('K35');
  });
  it.each([
    ['A00', '01'], ['B99', '01'], ['C00', '02'], ['D48', '02'], ['D50', '03'], ['D89', '03'], ['E90', '04'],
    ['H59', '07'], ['H60', '08'], ['H95', '08'], ['P96', '16'], ['S00', '19'], ['T98', '19'], ['V01', '20'],
    ['Y98', '20'], ['Z99', '21'], ['U07', '22'], ['K35.300', '11'],
  ])('icd10Chapter(%s) = %s', (c, ch) => {
    expect(icd10Chapter(c)).toBe(ch);
  });
  it.each(['D49', 'D90', 'T99', 'V00', 'Y99', 'P97', '47.01', ''])('icd10Chapter(%j) is undefined', (c) => {
    expect(icd10Chapter(c)).toBeUndefined();
  });
  it('recognises code shapes', () => {
    for (const c of ['A00.000', 'A00.000x001', 'A86.x00', 'K35.3', 'K35', 'A01.000x005+J17.0*', 'G01*']) expect(isDiagnosisCodeShape(c)).toBe(true);
    for (const c of ['47.0100', 'K3', 'A00.000+J17.0', 'K35.3:47.01', '']) expect(isDiagnosisCodeShape(c)).toBe(false);
    for (const c of ['00.0100', '00.0200x001', '04.2x05', '17.912A0', '47.01', '47', '99.9x99x999']) expect(isProcedureCodeShape(c)).toBe(true);
    for (const c of ['K35.3', '4', '47.0100y001', '']) expect(isProcedureCodeShape(c)).toBe(false);
  });
});

describe('idempotence (fast-check, fixed seed)', () => {
  const codeChars = fc.constantFrom(...'0123456789.xXaAkK+†*＋．１ '.split(''));
  const codeLike = fc.array(codeChars, { maxLength: 14 }).map((a) => a.join(''));
  test.prop([codeLike], { seed: 20250101, numRuns: 500 })('normalizeDiagnosisCode is idempotent', (raw) => {
    const once = normalizeDiagnosisCode(raw);
    expect(normalizeDiagnosisCode(once)).toBe(once);
  });
  test.prop([codeLike], { seed: 20250102, numRuns: 500 })('normalizeProcedureCode is idempotent', (raw) => {
    const once = normalizeProcedureCode(raw);
    expect(normalizeProcedureCode(once)).toBe(once);
  });
});
