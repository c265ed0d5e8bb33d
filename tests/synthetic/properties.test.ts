import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { encodeCsvRow } from '../../src/io/writeCsv.js';
import { AliasTable } from '../../src/synthetic/aliasTable.js';
import { fenToYuan } from '../../src/synthetic/money.js';
import { Prng } from '../../src/synthetic/prng.js';

describe('properties (fixed seeds)', () => {
  test.prop([fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 1, maxLength: 8 })], { seed: 4104, numRuns: 300 })(
    'a CSV row round-trips through csv-parse (formula-protected cells come back with their leading quote)',
    (cells) => {
      const line = encodeCsvRow(cells);
      const back = (parse(line, { relax_quotes: false, record_delimiter: '\n', skip_empty_lines: false }) as string[][])[0] ?? [''];
      const expected = cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c));
      // csv-parse reads an all-empty single-cell line as no record at all.
      if (line === '') expect(cells).toEqual(['']);
      else expect(back).toEqual(expected);
    },
  );
  test.prop([fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 6 })], { seed: 4105, numRuns: 300 })('no encoded row ever starts a cell with a formula character', (cells) => {
    const back = (parse(encodeCsvRow(cells), { record_delimiter: '\n' }) as string[][])[0] ?? [];
    for (const c of back) expect(/^[=+\-@\t\r]/.test(c)).toBe(false);
  });
  test.prop([fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })], { seed: 4106, numRuns: 500 })('fenToYuan is exact: digits back to the same integer fen', (n) => {
    const s = fenToYuan(n);
    expect(s).toMatch(/^\d+\.\d\d$/);
    expect(BigInt(s.replace('.', ''))).toBe(BigInt(n));
  });
  test.prop([fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 30 }).filter((w) => w.some((x) => x > 0)), fc.string()], { seed: 4107, numRuns: 100 })(
    'the alias table never draws a zero-weight outcome and always returns a valid index',
    (weights, seed) => {
      const t = new AliasTable(weights);
      const r = new Prng(seed);
      const bad: number[] = [];
      for (let i = 0; i < 500; i++) {
        const k = t.sample(r);
        if (!(k >= 0 && k < weights.length && (weights[k] ?? 0) > 0)) bad.push(k);
      }
      expect(bad).toEqual([]);
    },
  );
});
