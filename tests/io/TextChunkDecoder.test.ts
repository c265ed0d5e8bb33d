import { describe, expect, it } from 'vitest';
import { RecordsReadError, TextChunkDecoder } from '../../src/io/index.js';

const hex = (s: string): Uint8Array => new Uint8Array(s.split(' ').map((h) => parseInt(h, 16)));

function decodeIn(bytes: Uint8Array, size: number, enc: 'auto' | 'utf8' | 'gb18030' = 'auto'): { text: string; detected: string | undefined } {
  const d = new TextChunkDecoder(enc);
  let text = '';
  for (let i = 0; i < bytes.length; i += size) text += d.decode(bytes.subarray(i, i + size));
  text += d.end();
  return { text, detected: d.detected };
}

function fail(fn: () => unknown): RecordsReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RecordsReadError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('TextChunkDecoder', () => {
  // 'a,职工\n居民,𠀀\n' in GB18030 (𠀀 is a 4-byte sequence).
  const gb = hex('61 2c d6 b0 b9 a4 0a be d3 c3 f1 2c 95 32 82 36 0a');
  const text = 'a,职工\n居民,𠀀\n';

  it('auto-detects GB18030 and decodes characters split across chunks of every size', () => {
    for (let size = 1; size <= gb.length; size++) expect(decodeIn(gb, size)).toEqual({ text, detected: 'gb18030' });
  });

  it('auto-detects UTF-8 and strips a BOM, whatever the chunking', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    for (let size = 1; size <= utf8.length; size++) expect(decodeIn(utf8, size)).toEqual({ text, detected: 'utf8' });
    expect(decodeIn(new TextEncoder().encode(text), 3)).toEqual({ text, detected: 'utf8' });
  });

  it('decides on the first non-ASCII bytes even after a long ASCII prefix', () => {
    const prefix = new TextEncoder().encode(`${'x,y\n'.repeat(50_000)}`);
    const all = new Uint8Array([...prefix, ...gb]);
    expect(decodeIn(all, 65_536).text.endsWith(text)).toBe(true);
    expect(decodeIn(all, 65_536).detected).toBe('gb18030');
  });

  it('pure ASCII reports utf8 after end (undecided until then)', () => {
    expect(decodeIn(new TextEncoder().encode('a,b\n'), 2)).toEqual({ text: 'a,b\n', detected: undefined });
  });

  it('forced utf8 on GB18030 bytes fails with the line of the bad bytes', () => {
    const e = fail(() => decodeIn(new Uint8Array([...new TextEncoder().encode('h\nx\n'), ...gb]), 4, 'utf8'));
    expect(e.code).toBe('encoding.invalid');
    expect(e.line).toBe(3);
  });

  it('rejects UTF-16 and truncated multi-byte input', () => {
    expect(fail(() => decodeIn(hex('ff fe 61 00'), 4)).code).toBe('encoding.unsupported');
    const e = fail(() => decodeIn(hex('61 0a d6'), 1, 'gb18030'));
    expect([e.code, e.line]).toEqual(['encoding.invalid', 2]);
  });
});
