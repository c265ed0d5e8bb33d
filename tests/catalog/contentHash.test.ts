import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { canonicalJson, fnv1a64 } from '../../src/catalog/index.js';

describe('content hash (FNV-1a 64, pure JS)', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('fnv1a64(%j) = %s (published test vectors)', (s, h) => {
    expect(fnv1a64(s)).toBe(h);
  });

  it('hashes UTF-8 bytes', () => {
    expect(fnv1a64('病')).toBe(fnv1a64('\u75c5'));
    expect(fnv1a64('病')).not.toBe(fnv1a64('疒'));
  });

  it('canonical JSON sorts keys and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: undefined, c: 'x' }] })).toBe('{"a":[2,{"c":"x"}],"b":1}');
  });

  test.prop([fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean()))], { seed: 4444, numRuns: 200 })(
    'key order never changes the canonical text',
    (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
    },
  );
});
